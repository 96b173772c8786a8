/** The thresholds findings use when the operator has set none: CIS's figures. */
import { expect, it } from 'vitest';
import { defaultThresholds } from '../../source/core/settings.js';

it('rotates keys at 90 days, calls credentials unused at 45 (CIS 1.12), roles at 90, root use recent within 30, and deletes a key 30 days after deactivation', () => {
	expect(defaultThresholds).toEqual({ keyMaxAgeDays: 90, credentialUnusedDays: 45, roleUnusedDays: 90, rootRecentDays: 30, keyDeletionGraceDays: 30 });
});
