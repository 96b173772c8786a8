/** The tag that ties a role to the user whose workload it replaces. */
import { expect, it } from 'vitest';
import { migratedUserOf, migrationTagKey } from '../../source/core/workload-migration.js';

it('reads the user a role was made for from its tag, and nothing from a role without it', () => {
	expect(migrationTagKey).toBe('iam-wizard:migrates-user');
	expect(migratedUserOf({ tags: [{ Key: 'team', Value: 'ops' }, { Key: 'iam-wizard:migrates-user', Value: 'report-bot' }] })).toBe('report-bot');
	expect(migratedUserOf({ tags: [{ Key: 'team', Value: 'ops' }] })).toBeUndefined();
	expect(migratedUserOf({ tags: [] })).toBeUndefined();
});
