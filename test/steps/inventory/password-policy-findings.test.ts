import { describe, expect, it } from 'vitest';
import { passwordPolicyFindings } from '../../../source/steps/inventory/password-policy-findings.js';
import { buildModel, testRootArn } from '../../helpers/model-builder.js';

describe('passwordPolicyFindings', () => {
	it('raises nothing when the policy was not read', () => {
		expect(passwordPolicyFindings(buildModel({ passwordPolicy: undefined }))).toEqual([]);
	});

	it('raises PASSWORD_POLICY_WEAK on the account when there is no policy', () => {
		const [finding] = passwordPolicyFindings(buildModel({ passwordPolicy: null }));
		expect(finding).toMatchObject({
			id: 'PASSWORD_POLICY_WEAK',
			resource: testRootArn,
			severity: 'medium',
			fingerprint: `PASSWORD_POLICY_WEAK|${testRootArn}|`,
			evidence: { passwordPolicy: null, problems: ['missing'] },
		});
		expect(finding.controls).toEqual(['CIS-5.0:1.7', 'CIS-5.0:1.8', 'SecurityHub:IAM.15', 'SecurityHub:IAM.16']);
	});

	it('accepts length 14 and reuse prevention 24', () => {
		expect(passwordPolicyFindings(buildModel({ passwordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 } }))).toEqual([]);
	});

	it('flags a length of 13', () => {
		const [finding] = passwordPolicyFindings(buildModel({ passwordPolicy: { MinimumPasswordLength: 13, PasswordReusePrevention: 24 } }));
		expect(finding.evidence.problems).toEqual(['minimum-length']);
		expect(finding.detail).toBe('In the account password policy the minimum length is 13 (at least 14).');
	});

	it('flags reuse prevention of 23 or absent', () => {
		const [low] = passwordPolicyFindings(buildModel({ passwordPolicy: { MinimumPasswordLength: 20, PasswordReusePrevention: 23 } }));
		expect(low.detail).toBe('In the account password policy reuse prevention remembers 23 passwords (24 needed).');
		const [absent] = passwordPolicyFindings(buildModel({ passwordPolicy: { MinimumPasswordLength: 20 } }));
		expect(absent.evidence).toEqual({ passwordPolicy: { MinimumPasswordLength: 20 }, problems: ['reuse-prevention'] });
	});

	it('names both problems in one finding', () => {
		const [finding] = passwordPolicyFindings(buildModel({ passwordPolicy: { MinimumPasswordLength: 8 } }));
		expect(finding.evidence.problems).toEqual(['minimum-length', 'reuse-prevention']);
		expect(finding.detail).toBe('In the account password policy the minimum length is 8 (at least 14); reuse prevention is off (24 needed).');
	});
});
