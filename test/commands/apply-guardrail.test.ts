/**
 * plan/apply of step 5's MFA guardrail, headless: the plan carries the impact list (and its
 * Markdown shows it); apply refuses without --confirm-account (an SCP on an OU) and refuses
 * a plan whose impact list changed since it was made; a plan applied as written attaches the
 * SCP to the test OU and scan no longer reports MFA_NOT_ENFORCED or PASSWORD_POLICY_WEAK.
 */
import { describe, expect, it } from 'vitest';
import { formatPlanMarkdown } from '../../source/commands/plan-markdown.js';
import type { Action } from '../../source/core/actions.js';
import { organizationLines } from '../../source/steps/mfa-credentials/organization-context.js';
import { planMfaCredentials } from '../../source/steps/mfa-credentials/plan.js';
import { action, rejection } from '../aws/sandbox/sandbox-fixtures.js';
import type { AccountModel } from '../../source/core/model.js';
import { evaluateAccess } from '../../source/core/policy-engine/evaluate-access.js';
import { principalPolicies } from '../../source/core/policy-engine/principal-policies.js';
import { defaultThresholds } from '../../source/core/settings.js';
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
		expect(markdown).toContain(`   - impact: denies ${attach.action.impact!.length} sign-in paths until they use MFA:`);
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

	it('with SCPs disabled on the root, the plan enables them first: AWS refuses the attachment alone (PolicyTypeNotEnabledException), the plan in order applies', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		await gateway.apply(action('organizations:DisablePolicyType', { RootId: 'r-a1b2', PolicyType: 'SERVICE_CONTROL_POLICY' }, 5));
		const before = await gateway.readAccount();
		expect(organizationLines(before)[0]!.text).toContain('SCPs not enabled on the root');
		const { plan } = await makePlan(dir, gateway, { only: 'MFA_NOT_ENFORCED' });
		expect(plan.actions.map((a) => a.action.kind)).toEqual(['organizations:EnablePolicyType', 'organizations:CreatePolicy', 'organizations:AttachPolicy']);
		const enable = plan.actions[0]!.action as Extract<Action, { kind: 'organizations:EnablePolicyType' }>;
		expect(enable.params).toEqual({ RootId: 'r-a1b2', PolicyType: 'SERVICE_CONTROL_POLICY' });
		expect(enable.notes).toEqual(['Attaches FullAWSAccess to every root, OU and account, so nothing is denied yet.']);

		// On a copy of the account, the SCP created and attached without enabling the type first: AWS's error.
		const copy = sandbox({ state: gateway.currentState() });
		await copy.apply(plan.actions[1]!.action);
		expect((await rejection(copy.apply(plan.actions[2]!.action))).code).toBe('PolicyTypeNotEnabledException');

		const without = await apply(dir, logDir, gateway, { confirmAccount: undefined });
		expect(without.code).toBe(1);
		expect(without.io.err()).toContain(`Will not apply without --confirm-account ${account}`);
		const result = await apply(dir, logDir, gateway);
		expect(result.io.err()).toBe('');
		expect(result.code).toBe(0);
		expect(gateway.history().map((h) => `${h.action.kind} ${h.ok}`)).toEqual([
			'organizations:DisablePolicyType true',
			'organizations:EnablePolicyType true',
			'organizations:CreatePolicy true',
			'organizations:AttachPolicy true',
		]);
		const after = await gateway.readAccount();
		expect(after.organization!.roots[0]!.policyTypes).toEqual([{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }]);
		expect(after.organization!.scps!.find((p) => p.name === 'iam-wizard-require-mfa')!.targets.map((t) => t.targetId)).toEqual(['ou-a1b2-s4ndb0x8']);
		expect(organizationLines(after)[0]!.text).toContain('SCPs enabled');
		// Enabling it again is AWS's PolicyTypeAlreadyEnabledException.
		expect((await rejection(gateway.apply(enable))).code).toBe('PolicyTypeAlreadyEnabledException');
	});

	it("without Organizations: AWS's force-MFA IAM policy on a group of the console users, impact in the plan, applied, enforced by the engine, and MFA_NOT_ENFORCED gone", async () => {
		const { dir, logDir } = workspace();
		const state = sandbox().currentState();
		state.organization = null;
		const gateway = sandbox({ state });
		const before = await gateway.readAccount();
		expect(before.organization).toBeNull();
		const { plan } = await makePlan(dir, gateway, { only: 'MFA_NOT_ENFORCED' });
		const kinds = plan.actions.map((a) => a.action.kind);
		expect(kinds.slice(0, 3)).toEqual(['iam:CreatePolicy', 'iam:CreateGroup', 'iam:AttachGroupPolicy']);
		const members = plan.actions.filter((a) => a.action.kind === 'iam:AddUserToGroup').map((a) => (a.action.params as { UserName: string }).UserName);
		// People only (a console password), never a workload; the caller, signed in without MFA, is exempt so it can undo.
		const people = before.users.filter((u) => u.loginProfile).map((u) => u.name);
		expect(members).toEqual(people.filter((n) => n !== 'alice'));
		expect(members).not.toContain('ci-deploy');
		const attach = plan.actions.find((a) => a.action.kind === 'iam:AttachGroupPolicy')!.action;
		expect(attach.impact).toContain('user bob (person): console without MFA');
		expect(attach.impact!.some((line) => line.includes('workload'))).toBe(false);

		const result = await apply(dir, logDir, gateway);
		expect(result.io.err()).toBe('');
		expect(result.code).toBe(0);
		const after = await gateway.readAccount();
		const group = after.groups.find((g) => g.name === 'iam-wizard-mfa-required')!;
		expect(group.attachedPolicies.map((p) => p.name)).toEqual(['iam-wizard-force-mfa']);
		expect(after.users.filter((u) => u.groups.includes('iam-wizard-mfa-required')).map((u) => u.name)).toEqual(members);
		const step5 = planMfaCredentials(after, { now, thresholds: defaultThresholds, excluded: [] });
		expect(step5.findings.map((f) => f.id)).not.toContain('MFA_NOT_ENFORCED');
		expect(step5.actions.filter((a) => a.findingIds.some((f) => f.startsWith('MFA_NOT_ENFORCED')))).toEqual([]);
		const { planGuardrail } = await import('../../source/steps/mfa-credentials/guardrail-plan.js');
		expect(planGuardrail(after, { now, thresholds: defaultThresholds, excluded: [] }).why).toBe(
			'MFA is already enforced by IAM policies on every console user but you (alice, exempt so you can always undo; join the group once you use MFA).',
		);

		// The policy works as AWS documents it: bob, a member, is denied without MFA what he could do before, and allowed with it.
		const decide = (model: AccountModel, mfa: string) => {
			const bob = model.users.find((u) => u.name === 'bob')!;
			return evaluateAccess(principalPolicies(model, bob, 'user'), 'ec2:DescribeInstances', '*', { keys: { 'aws:MultiFactorAuthPresent': [mfa], 'aws:ViaAWSService': ['false'] } }).verdict;
		};
		expect(decide(before, 'false')).toBe('allowed');
		expect(decide(after, 'false')).toBe('denied');
		expect(decide(after, 'true')).toBe('allowed');
	});
});
