/** The hand check of config.json names each violation as ajv did (what the operator reads), and passes valid files. */
import { describe, expect, it } from 'vitest';
import { settingsViolations } from '../../source/settings/settings-schema.js';

describe('settingsViolations', () => {
	it('passes an empty file and a complete one', () => {
		expect(settingsViolations({})).toEqual([]);
		expect(
			settingsViolations({
				profile: 'prod',
				region: 'eu-west-1',
				logDir: '/var/log/iam',
				thresholds: { keyMaxAgeDays: 90, credentialUnusedDays: 1, roleUnusedDays: 3650 },
				breakGlass: [{ arn: 'arn:aws:iam::111122223333:role/breakglass', reason: 'emergency access' }],
				pinnedSigner: { fingerprint: 'ab:cd', publicKey: 'PEM' },
				unknownKey: true,
			}),
		).toEqual([]);
	});

	it.each([
		['a list', [], ['`` must be object']],
		['null', null, ['`` must be object']],
		['a wrong type', { logDir: 5 }, ['`logDir` must be string']],
		['a negative threshold', { thresholds: { keyMaxAgeDays: -1 } }, ['`thresholds/keyMaxAgeDays` must be >= 1']],
		['a threshold too large', { thresholds: { roleUnusedDays: 4000 } }, ['`thresholds/roleUnusedDays` must be <= 3650']],
		['a fractional threshold', { thresholds: { rootRecentDays: 2.5 } }, ['`thresholds/rootRecentDays` must be integer']],
		['a threshold as text', { thresholds: { rootRecentDays: '30' } }, ['`thresholds/rootRecentDays` must be integer']],
		['an unknown threshold', { thresholds: { maxDays: 3 } }, ['`thresholds` must NOT have additional properties']],
		['a break-glass entry without a reason', { breakGlass: [{ arn: 'a', reason: 'r' }, { arn: 'b' }] }, ["`breakGlass/1` must have required property 'reason'"]],
		['break-glass not a list', { breakGlass: {} }, ['`breakGlass` must be array']],
		['a pin without a key', { pinnedSigner: { fingerprint: 'ab' } }, ["`pinnedSigner` must have required property 'publicKey'"]],
		['two faults', { region: 1, profile: false }, ['`region` must be string', '`profile` must be string']],
	])('%s is named', (_name, data, expected) => {
		expect(settingsViolations(data)).toEqual(expected);
	});
});
