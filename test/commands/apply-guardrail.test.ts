/**
 * plan/apply of step 5's MFA guardrail, headless: the plan carries the impact list (and its
 * Markdown shows it); apply refuses without --confirm-account (an SCP on an OU) and refuses
 * a plan whose impact list changed since it was made; a plan applied as written attaches the
 * SCP to the test OU and scan no longer reports MFA_NOT_ENFORCED or PASSWORD_POLICY_WEAK.
 */
import { describe, expect, it } from 'vitest';
import { formatPlanMarkdown } from '../../source/commands/plan-markdown.js';
import { planMfaCredentials } from '../../source/steps/mfa-credentials/plan.js';
import { inventoryFindingsOnly } from './guardrail-kit.js';
import { account, apply, makePlan, now, sandbox, workspace } from './plan-apply-kit.js';

describe('the MFA guardrail through plan and apply', () => {
	it('puts the impact list in the plan and its Markdown', async () => {
		const { dir } = workspace();
		const { plan } = await makePlan(dir, sandbox(), { only: 'MFA_NOT_ENFORCED' });
		const attach = plan.actions.find((a) => a.action.kind === 'organizations:AttachPolicy')!;
		expect(attach.action.params).toEqual({ PolicyName: 'iam-wizard-require-mfa', TargetId: 'ou-a1b2-s4ndb0x8' });
		expect(attach.action.impact).toContain('user bob (person): console without MFA');
		expect(attach.action.impact!.some((line) => line.includes('workload'))).toBe(false);
		const markdown = formatPlanMarkdown(plan, 'id');
		expect(markdown).toContain(`   - impact: denies ${attach.action.impact!.length} sign-in path(s) until they use MFA:`);
		expect(markdown).toContain('     - user bob (person): console without MFA');
	});

	it('refuses without --confirm-account, then refuses a plan whose impact list changed, applying nothing', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		await makePlan(dir, gateway, { only: 'MFA_NOT_ENFORCED' });
		const without = await apply(dir, logDir, gateway, { confirmAccount: undefined });
		expect(without.code).toBe(1);
		expect(without.io.err()).toContain(`Will not apply without --confirm-account ${account}: Attaches service control policy iam-wizard-require-mfa to organizational unit ou-a1b2-s4ndb0x8`);

		// Carol loses her MFA device after the plan was reviewed: the guardrail would now deny her too.
		const state = gateway.currentState();
		state.users.find((u) => u.name === 'carol')!.mfaDevices = [];
		const changed = sandbox({ state });
		const result = await apply(dir, logDir, changed);
		expect(result.code).toBe(1);
		expect(result.io.err()).toBe(
			'iam-wizard: Will not apply: the impact list changed since the plan was made (Attach iam-wizard-require-mfa to OU sandbox (ou-a1b2-s4ndb0x8), the test OU: now also denies user carol (person): console without MFA); nothing was applied. Make a new plan and review its impact.\n',
		);
		expect(changed.history()).toEqual([]);
		expect(gateway.history()).toEqual([]);
	});

	it('applied as planned, the SCP is on the test OU, MFA_NOT_ENFORCED and PASSWORD_POLICY_WEAK are gone', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		await makePlan(dir, gateway, { only: 'MFA_NOT_ENFORCED,PASSWORD_POLICY_WEAK' });
		const result = await apply(dir, logDir, gateway);
		expect(result.io.err()).toBe('');
		expect(result.code).toBe(0);
		expect(gateway.history().map((h) => h.action.kind)).toEqual(['organizations:CreatePolicy', 'organizations:AttachPolicy', 'iam:UpdateAccountPasswordPolicy']);
		const model = await gateway.readAccount();
		expect(model.organization!.scps!.find((p) => p.name === 'iam-wizard-require-mfa')!.targets.map((t) => [t.targetId, t.name])).toEqual([['ou-a1b2-s4ndb0x8', 'sandbox']]);
		const plan = planMfaCredentials(model, { now, thresholds: (await import('../../source/core/settings.js')).defaultThresholds, excluded: [] });
		expect(plan.findings.map((f) => f.id)).not.toContain('MFA_NOT_ENFORCED');
		expect(inventoryFindingsOnly(model).map((f) => f.id)).not.toContain('PASSWORD_POLICY_WEAK');
	});
});
