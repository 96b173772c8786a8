/**
 * The MFA guardrail against the policy engine, on the demo account: the seed's SCP as
 * written denies workload roles; iam-wizard's never denies a workload, and every denial in
 * its impact list is the engine's, naming the statement that makes it.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import type { AccountModel } from '../../../source/core/model.js';
import { compileDocument } from '../../../source/core/policy-engine/compiled-policy.js';
import { evaluateAccess } from '../../../source/core/policy-engine/evaluate-access.js';
import { principalPolicies } from '../../../source/core/policy-engine/principal-policies.js';
import { identityCenterRolePattern, mfaEnrolmentActions, requireMfaScp, seedRequireMfaScp } from '../../../source/core/require-mfa.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { deniedEntries, guardrailImpact, impactKey, impactLine } from '../../../source/steps/mfa-credentials/guardrail-impact.js';
import { planGuardrail } from '../../../source/steps/mfa-credentials/guardrail-plan.js';

const now = new Date('2026-11-27T12:00:00Z');
const context = { now, thresholds: defaultThresholds, excluded: [] };

async function demo(): Promise<AccountModel> {
	return createSandboxGateway({ now: () => now }).readAccount();
}

/** One request of a role session (MFA key false) or a long-term key (absent) against an SCP alone. */
function decide(model: AccountModel, arn: string, document: ReturnType<typeof requireMfaScp>, action: string, keys: Record<string, string[]>, absent: string[] = []) {
	const role = model.roles.find((r) => r.arn === arn);
	const user = model.users.find((u) => u.arn === arn);
	const base = role ? principalPolicies(model, role, 'role') : principalPolicies(model, user!, 'user');
	const allow = compileDocument({ Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] });
	const set = {
		...base,
		identity: [{ ref: { layer: 'identity' as const, kind: 'managed' as const, name: 'all' }, doc: allow }],
		boundary: null,
		scps: { applies: true, note: '', levels: [{ target: 'ou', docs: [{ ref: { layer: 'scp' as const, kind: 'scp' as const, name: 'FullAWSAccess' }, doc: allow }, { ref: { layer: 'scp' as const, kind: 'scp' as const, name: 'candidate' }, doc: compileDocument(document) }] }] },
	};
	return evaluateAccess(set, action, '*', { keys, absentKeys: absent });
}

describe('the MFA guardrail on the demo account', () => {
	it('the seed SCP as written denies workload roles; the generated one denies none of them, with or without a role session MFA key', async () => {
		const model = await demo();
		const asWritten = deniedEntries(guardrailImpact(model, { name: 'seed', document: seedRequireMfaScp, layer: 'scp' }, now));
		const workloadRoles = asWritten.filter((e) => e.principal.type === 'role' && !e.human);
		expect(workloadRoles.map((e) => e.principal.name)).toEqual(expect.arrayContaining(['lambda-deployer', 'github-actions-deploy', 'ecs-task-api']));
		expect(workloadRoles[0]!.decision.deniedBy.map((r) => `${r.policy.name} ${r.sid}`)).toEqual(['seed DenyAllWithoutMFA']);

		const generated = requireMfaScp({ partition: 'aws', humanRolePatterns: [identityCenterRolePattern()], exemptArns: [] });
		for (const role of model.roles.filter((r) => !r.path.startsWith('/aws-reserved/'))) {
			for (const mfa of [['false'], ['true']]) {
				for (const action of ['ec2:DescribeInstances', 's3:PutObject', 'iam:PassRole', 'sts:AssumeRole']) {
					const decision = decide(model, role.arn, generated, action, { 'aws:MultiFactorAuthPresent': mfa, 'aws:ViaAWSService': ['false'] });
					expect(decision.verdict, `${role.name} ${action} mfa=${mfa[0]}`).toBe('allowed');
				}
			}
		}
	});

	it('denies an IAM user without MFA (console: false; long-term key: absent) but not with MFA, not via an AWS service, and not the enrolment calls', async () => {
		const model = await demo();
		const bob = model.users.find((u) => u.name === 'bob')!.arn;
		const scp = requireMfaScp({ partition: 'aws', humanRolePatterns: [], exemptArns: [] });
		expect(decide(model, bob, scp, 's3:GetObject', { 'aws:MultiFactorAuthPresent': ['false'], 'aws:ViaAWSService': ['false'] }).verdict).toBe('denied');
		expect(decide(model, bob, scp, 's3:GetObject', { 'aws:ViaAWSService': ['false'] }, ['aws:MultiFactorAuthPresent']).verdict).toBe('denied');
		expect(decide(model, bob, scp, 's3:GetObject', { 'aws:MultiFactorAuthPresent': ['true'], 'aws:ViaAWSService': ['false'] }).verdict).toBe('allowed');
		expect(decide(model, bob, scp, 'kms:Decrypt', { 'aws:MultiFactorAuthPresent': ['false'], 'aws:ViaAWSService': ['true'] }).verdict).toBe('allowed');
		for (const action of mfaEnrolmentActions) expect(decide(model, bob, scp, action, { 'aws:MultiFactorAuthPresent': ['false'], 'aws:ViaAWSService': ['false'] }).verdict, action).toBe('allowed');
		// The seed's list lacks what a person needs to enrol.
		for (const action of ['iam:GetUser', 'iam:ListVirtualMFADevices', 'iam:ChangePassword']) {
			expect(decide(model, bob, seedRequireMfaScp as ReturnType<typeof requireMfaScp>, action, { 'aws:MultiFactorAuthPresent': ['false'] }).verdict, action).toBe('denied');
		}
		const exempt = requireMfaScp({ partition: 'aws', humanRolePatterns: [], exemptArns: [bob] });
		expect(decide(model, bob, exempt, 's3:GetObject', { 'aws:MultiFactorAuthPresent': ['false'], 'aws:ViaAWSService': ['false'] }).verdict).toBe('allowed');
	});

	it('plans the SCP on the test OU with workloads and the caller exempt, and no workload in its impact list', async () => {
		const model = await demo();
		const plan = planGuardrail(model, context);
		expect(plan.mode).toBe('scp');
		expect(plan.target).toMatchObject({ id: 'ou-a1b2-s4ndb0x8', name: 'sandbox', test: true, attached: ['FullAWSAccess'] });
		expect(plan.exemptions.map((e) => e.arn)).toEqual([
			'arn:aws:iam::123456789012:user/alice',
			'arn:aws:iam::123456789012:user/service/ci-deploy',
			'arn:aws:iam::123456789012:user/service/report-bot',
			'arn:aws:iam::123456789012:user/service/monitoring-exporter',
			'arn:aws:iam::123456789012:user/service/terraform',
			'arn:aws:iam::123456789012:user/service/svc-ses-smtp',
		]);
		expect(plan.blockers).toEqual([]);
		expect(plan.denied.every((e) => e.human && e.principal.type === 'user')).toBe(true);
		expect(plan.denied.map(impactLine)).toContain('user bob (person): console without MFA (last sign-in 2026-11-25) — denied');
		for (const entry of plan.denied) expect(entry.decision.deniedBy.map((r) => `${r.policy.name} ${r.sid}`)).toEqual(['iam-wizard-require-mfa DenyPeopleWithoutMfa']);
		expect(plan.actions.map((a) => a.kind)).toEqual(['organizations:CreatePolicy', 'organizations:AttachPolicy']);
		const attach = plan.actions[1]!;
		expect(attach.params).toEqual({ PolicyName: 'iam-wizard-require-mfa', TargetId: 'ou-a1b2-s4ndb0x8' });
		expect(attach.impact).toEqual(plan.denied.map(impactKey).sort());
		expect(attach.impact).toContain("user bob (person): console without MFA");
		expect(attach.risk).toBeUndefined();
	});

	it('a workload left unexempted is a blocker that needs the separate lock-out confirmation', async () => {
		const model = await demo();
		const plan = planGuardrail(model, context, { exemptArns: ['arn:aws:iam::123456789012:user/alice'] });
		expect(plan.blockers.map((b) => b.principal.name)).toEqual(['ci-deploy', 'report-bot', 'monitoring-exporter', 'terraform', 'svc-ses-smtp']);
		expect(plan.actions[1]!.risk?.lockout).toMatch(/^The MFA guardrail denies 5 workloads that would break: ci-deploy, /);
	});

	it('a role pattern of people brings those roles in, and a pattern that catches a workload role makes it a blocker', async () => {
		const model = await demo();
		const patterns = ['arn:aws:iam::*:role/lambda-*'];
		const proposed = planGuardrail(model, context, { humanRolePatterns: patterns });
		expect(proposed.candidate!.document.Statement[0]!.Condition!.ArnLike).toEqual({ 'aws:PrincipalArn': ['arn:aws:iam::*:user/*', ...patterns] });
		const exempted = proposed.exemptions.find((e) => e.arn.endsWith(':role/lambda-deployer'));
		expect(exempted?.reason).toMatch(/^workload \(role session without MFA/);
		expect(proposed.blockers).toEqual([]);
		const edited = planGuardrail(model, context, { humanRolePatterns: patterns, exemptArns: proposed.exemptions.filter((e) => e !== exempted).map((e) => e.arn) });
		expect(edited.blockers.map((b) => b.principal.name)).toEqual(['lambda-deployer']);
	});

	it("respects AWS's limits before proposing anything: five SCPs on the target, and 5,120 characters", async () => {
		const model = await demo();
		const org = model.organization!;
		const full = org.scps!.find((p) => p.name === 'FullAWSAccess')!;
		const target = full.targets.find((t) => t.targetId === 'ou-a1b2-s4ndb0x8')!;
		const extra = [1, 2, 3, 4].map((n) => ({ ...full, id: `p-extra${n}`, arn: `${full.arn}-extra${n}`, name: `extra-${n}`, awsManaged: false, targets: [target] }));
		const crowded = { ...model, organization: { ...org, scps: [...org.scps!, ...extra] } };
		const five = planGuardrail(crowded, context);
		expect(five.target!.attached).toHaveLength(5);
		expect(five.problems).toEqual(['sandbox already has 5 SCPs, the most a target can have (5): choose another target or merge SCPs.']);
		expect(five.actions).toEqual([]);
		// With four, the guardrail is the fifth.
		const four = planGuardrail({ ...model, organization: { ...org, scps: [...org.scps!, ...extra.slice(0, 3)] } }, context);
		expect(four.problems).toEqual([]);
		expect(four.actions.map((a) => a.kind)).toEqual(['organizations:CreatePolicy', 'organizations:AttachPolicy']);

		const exempt = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::123456789012:user/break-glass/operator-${String(i).padStart(3, '0')}`);
		const size = (n: number) => JSON.stringify(requireMfaScp({ partition: 'aws', humanRolePatterns: [], exemptArns: exempt(n) })).length;
		let n = 1;
		while (size(n + 1) <= 5120) n++;
		expect(planGuardrail(model, context, { exemptArns: exempt(n) }).problems).toEqual([]);
		const over = planGuardrail(model, context, { exemptArns: exempt(n + 1) });
		expect(over.problems).toEqual([`The SCP is ${size(n + 1)} characters; AWS allows 5120: exempt by pattern instead of one ARN at a time.`]);
		expect(JSON.stringify(over.candidate!.document).length).toBe(size(n + 1));
		expect(over.actions).toEqual([]);
	});
});
