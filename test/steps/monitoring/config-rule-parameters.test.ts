/**
 * The IAM Config rules' parameters follow the other steps' choices, so Config judges the
 * account by iam-wizard's bar: the password policy step 5 sets, and the thresholds of the
 * settings for key age and idle credentials. Checked on what Config itself then answers.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../../source/aws/sandbox/seed.js';
import type { ActionParams } from '../../../source/core/actions.js';
import type { AccountModel } from '../../../source/core/model.js';
import { defaultThresholds, type Thresholds } from '../../../source/core/settings.js';
import { planPasswordPolicy } from '../../../source/steps/mfa-credentials/password-policy-plan.js';
import { passwordPolicyFindings } from '../../../source/steps/inventory/password-policy-findings.js';
import { planMonitoring } from '../../../source/steps/monitoring/plan.js';
import { executeActions } from '../../../source/wizard/executor.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { fixedNow } from '../../wizard/machine-harness.js';

const contextWith = (thresholds: Partial<Thresholds> = {}) => ({ now: fixedNow(), thresholds: { ...defaultThresholds, ...thresholds }, excluded: [] });

function ruleParameters(model: AccountModel, thresholds: Partial<Thresholds> = {}): Record<string, Record<string, string>> {
	const plan = planMonitoring(model, contextWith(thresholds));
	return Object.fromEntries(
		plan.actions
			.filter((a) => a.kind === 'config:PutConfigRule')
			.map((a) => (a.params as ActionParams['config:PutConfigRule']).ConfigRule)
			.map((r) => [r.Source.SourceIdentifier, r.InputParameters ? (JSON.parse(r.InputParameters) as Record<string, string>) : {}]),
	);
}

async function sandbox() {
	const gateway = createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow });
	const apply = (actions: Parameters<typeof executeActions>[0], step: 5 | 6) => executeActions(actions, { gateway, audit: new MemoryAuditSink(), step, reason: 'config parameters', now: fixedNow });
	return { gateway, apply };
}

describe('Config rule parameters follow the other steps', () => {
	it('take the key-age and idle-credential limits from the settings', async () => {
		const { gateway } = await sandbox();
		const model = await gateway.readAccount();
		expect(ruleParameters(model)).toMatchObject({ ACCESS_KEYS_ROTATED: { maxAccessKeyAge: '90' }, IAM_USER_UNUSED_CREDENTIALS_CHECK: { maxCredentialUsageAge: '45' } });
		expect(ruleParameters(model, { keyMaxAgeDays: 60, credentialUnusedDays: 30 })).toMatchObject({ ACCESS_KEYS_ROTATED: { maxAccessKeyAge: '60' }, IAM_USER_UNUSED_CREDENTIALS_CHECK: { maxCredentialUsageAge: '30' } });
	});

	it('check the password policy step 5 proposes (CIS 14 / 24), or the stricter one the account already has', async () => {
		const { gateway } = await sandbox();
		const model = await gateway.readAccount();
		const step5 = planPasswordPolicy(model.passwordPolicy, passwordPolicyFindings(model))!;
		const policy = ruleParameters(model).IAM_PASSWORD_POLICY!;
		expect(policy).toEqual({
			RequireUppercaseCharacters: String(step5.params.RequireUppercaseCharacters),
			RequireLowercaseCharacters: String(step5.params.RequireLowercaseCharacters),
			RequireSymbols: String(step5.params.RequireSymbols),
			RequireNumbers: String(step5.params.RequireNumbers),
			MinimumPasswordLength: '14',
			PasswordReusePrevention: '24',
			MaxPasswordAge: String(step5.params.MaxPasswordAge),
		});
		const strict = { ...model, passwordPolicy: { ...model.passwordPolicy!, MinimumPasswordLength: 20, PasswordReusePrevention: 24 } };
		expect(ruleParameters(strict).IAM_PASSWORD_POLICY).toMatchObject({ MinimumPasswordLength: '20', PasswordReusePrevention: '24' });
	});

	it('the preview says where each value comes from', async () => {
		const { gateway } = await sandbox();
		const plan = planMonitoring(await gateway.readAccount(), contextWith({ keyMaxAgeDays: 60 }));
		const rotated = plan.actions.find((a) => a.kind === 'config:PutConfigRule' && a.summary.includes('ACCESS_KEYS_ROTATED'))!;
		expect(rotated.notes).toEqual(['Parameters: maxAccessKeyAge=60', 'From the key-age threshold of KEY_NOT_ROTATED (60 days, settings).']);
	});

	it('so Config agrees with iam-wizard: compliant on the password policy once step 5 set it, on keys by the chosen age', async () => {
		const { gateway, apply } = await sandbox();
		const model = await gateway.readAccount();
		// A key-age limit longer than any key of the seed: Config must find every key rotated.
		expect((await apply(planMonitoring(model, contextWith({ keyMaxAgeDays: 36_500 })).actions, 6)).failed).toBeUndefined();
		const verdicts = async () => Object.fromEntries((await gateway.readAccount()).config!.rules.map((r) => [r.sourceIdentifier, r.compliance]));
		expect(await verdicts()).toMatchObject({ IAM_PASSWORD_POLICY: 'NON_COMPLIANT', ACCESS_KEYS_ROTATED: 'COMPLIANT' });
		const step5 = planPasswordPolicy(model.passwordPolicy, passwordPolicyFindings(model))!;
		expect((await apply([step5], 5)).failed).toBeUndefined();
		expect(await verdicts()).toMatchObject({ IAM_PASSWORD_POLICY: 'COMPLIANT' });
	});
});
