/**
 * Step 6 end to end on the sandbox, as `plan --steps 6` / `apply` and the wizard run it:
 * from "nothing monitors this account" to every step-6 finding gone, each alert proven by
 * TestEventPattern on the stored rule, then the whole batch rolled back to the seed.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../../source/aws/sandbox/seed.js';
import { accessDeniedSentence } from '../../../source/aws/access-denied-sentence.js';
import { GatewayError } from '../../../source/core/gateway-error.js';
import type { Action, ActionParams } from '../../../source/core/actions.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import type { AccountModel } from '../../../source/core/model.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { planMonitoring } from '../../../source/steps/monitoring/plan.js';
import { executeActions, rollbackPlan } from '../../../source/wizard/executor.js';
import { verifyActions } from '../../../source/wizard/verify-actions.js';
import { fixedNow } from '../../wizard/machine-harness.js';

const context = { now: fixedNow(), thresholds: defaultThresholds, excluded: [] };

function withoutReadAt(model: AccountModel): Omit<AccountModel, 'readAt'> {
	const { readAt: _readAt, ...rest } = model;
	return rest;
}

async function fresh() {
	const gateway = createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow });
	const deps = { gateway, audit: new MemoryAuditSink(), step: 6 as const, reason: 'step 6 round trip', now: fixedNow };
	return { gateway, deps };
}

describe('step 6 on the sandbox', () => {
	it('starts with every step-6 finding of the seed, and fixes them all with its default plan', async () => {
		const { gateway, deps } = await fresh();
		const before = await gateway.readAccount();
		const plan = planMonitoring(before, context);
		expect(new Set(plan.findings.map((f) => f.id))).toEqual(
			new Set(['CONFIG_RECORDER_OFF', 'CONFIG_RULE_MISSING', 'ALERT_ROOT_USAGE_MISSING', 'ALERT_IAM_CHANGES_MISSING', 'ALERT_ROOT_KEY_CREATED_MISSING', 'ALERT_CONSOLE_NO_MFA_MISSING', 'ALERT_NO_TARGET', 'SECURITY_HUB_OFF']),
		);
		expect(plan.findings.filter((f) => f.id === 'CONFIG_RULE_MISSING')).toHaveLength(8);
		expect(plan.notEvaluated).toEqual([]);

		const report = await executeActions(plan.actions, deps);
		expect(report.failed).toBeUndefined();
		const verification = await verifyActions(report.applied, { gateway, sleep: async () => {}, targeted: plan.actions });
		expect(verification.actions.filter((a) => !a.verified).map((a) => a.action.summary)).toEqual([]);
		expect(verification.findingsRemaining).toEqual([]);

		const after = planMonitoring(await gateway.readAccount(), context);
		expect(after.findings).toEqual([]);
		expect(after.actions).toEqual([]);
	});

	it('verifies each new rule by TestEventPattern on the stored pattern: it matches its samples and not the others', async () => {
		const { gateway, deps } = await fresh();
		const plan = planMonitoring(await gateway.readAccount(), context);
		const report = await executeActions(plan.actions, deps);
		const verification = await verifyActions(report.applied, { gateway, sleep: async () => {} });
		const rules = verification.actions.filter((a) => a.action.kind === 'events:PutRule');
		expect(rules.map((r) => (r.action.params as ActionParams['events:PutRule']).Name).sort()).toEqual([
			'iam-changes-draft',
			'iam-wizard-console-sign-in-without-mfa',
			'iam-wizard-root-access-key-created',
			'iam-wizard-root-activity',
		]);
		for (const rule of rules) {
			const proof = (rule.observed as { Proof: { name: string; expect: boolean; matched: boolean }[] }).Proof;
			expect(proof.length).toBeGreaterThanOrEqual(2);
			expect(proof.some((p) => p.expect) && proof.some((p) => !p.expect)).toBe(true);
			for (const sample of proof) expect(sample.matched, `${rule.action.summary}: ${sample.name}`).toBe(sample.expect);
		}
	});

	it('rolls the whole batch back to the seed: what iam-wizard created is deleted, what it enabled disabled', async () => {
		const { gateway, deps } = await fresh();
		const before = await gateway.readAccount();
		const plan = planMonitoring(before, context);
		const report = await executeActions(plan.actions, deps);
		const { actions: undo, cannotUndo } = rollbackPlan(report);
		expect(cannotUndo).toEqual([]);
		const undone = await executeActions(undo, deps);
		expect(undone.failed).toBeUndefined();
		expect(withoutReadAt(await gateway.readAccount())).toEqual(withoutReadAt(before));
		expect(undo.map((a) => a.kind)).toContain('securityhub:DisableSecurityHub');
		expect(undo.find((a) => a.kind === 'events:PutRule')?.params).toMatchObject({ Name: 'iam-changes-draft', State: 'DISABLED' });
	});

	it('re-runs in us-east-1 after a batch that stopped past CreateBucket: the re-plan reuses the bucket, and undoing the re-run keeps it', async () => {
		let refuseChannel = true;
		const gateway = createSandboxGateway({
			state: createSeedState(fixedNow()),
			now: fixedNow,
			failOn: (action) => (refuseChannel && action.kind === 'config:PutDeliveryChannel' ? new GatewayError('AccessDenied', accessDeniedSentence(action.kind), { operation: action.kind }) : undefined),
		});
		const deps = { gateway, audit: new MemoryAuditSink(), step: 6 as const, reason: 'step 6 re-run', now: fixedNow };
		const model = await gateway.readAccount();
		expect(model.region).toBe('us-east-1');
		const first = await executeActions(planMonitoring(model, context).actions, deps);
		expect(first.failed?.action.kind).toBe('config:PutDeliveryChannel');
		expect(first.applied.map((a) => a.action.kind)).toContain('s3:CreateBucket');

		refuseChannel = false;
		const rerun = planMonitoring(await gateway.readAccount(), context);
		const bucket = (first.applied.find((a) => a.action.kind === 's3:CreateBucket')!.action as Action<'s3:CreateBucket'>).params.Bucket;
		expect(rerun.actions.map((a) => a.kind)).not.toContain('s3:CreateBucket');
		expect(rerun.actions.find((a) => a.kind === 'config:PutDeliveryChannel')?.params).toEqual({ DeliveryChannel: { name: 'default', s3BucketName: bucket } });
		const report = await executeActions(rerun.actions, deps);
		expect(report.failed).toBeUndefined();
		const buckets = () => gateway.currentState().resources.filter((r) => r.type === 'AWS::S3::Bucket' && r.name === bucket);
		expect(buckets()).toHaveLength(1);

		const undone = await executeActions(rollbackPlan(report).actions, deps);
		expect(undone.failed).toBeUndefined();
		expect(buckets()).toHaveLength(1);
	});

	it('re-plans outside us-east-1 after a batch that stopped right after CreateBucket: the bucket is reused, not created again, and the re-run completes', async () => {
		const state = createSeedState(fixedNow());
		state.account.region = 'eu-west-1';
		let refusePolicy = true;
		const gateway = createSandboxGateway({
			state,
			now: fixedNow,
			failOn: (action) => (refusePolicy && action.kind === 's3:PutBucketPolicy' ? new GatewayError('AccessDenied', accessDeniedSentence(action.kind), { operation: action.kind }) : undefined),
		});
		const deps = { gateway, audit: new MemoryAuditSink(), step: 6 as const, reason: 'step 6 re-run', now: fixedNow };
		const first = await executeActions(planMonitoring(await gateway.readAccount(), context).actions, deps);
		expect(first.failed?.action.kind).toBe('s3:PutBucketPolicy');
		const created = first.applied.find((a) => a.action.kind === 's3:CreateBucket')!.action as Action<'s3:CreateBucket'>;
		expect(created.params).toEqual({ Bucket: 'iam-wizard-config-123456789012-eu-west-1', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } });

		refusePolicy = false;
		const model = await gateway.readAccount();
		expect(model.config?.defaultBucket).toEqual({ name: created.params.Bucket, status: 'owned', policy: null });
		const rerun = planMonitoring(model, context);
		expect(rerun.actions.map((a) => a.kind)).not.toContain('s3:CreateBucket');
		const policy = rerun.actions.find((a) => a.kind === 's3:PutBucketPolicy') as Action<'s3:PutBucketPolicy'>;
		expect(policy.params.Bucket).toBe(created.params.Bucket);
		expect(policy.summary).toBe(`Add AWS Config's statements to the policy of existing bucket ${created.params.Bucket} (this account only)`);

		const report = await executeActions(rerun.actions, deps);
		expect(report.failed).toBeUndefined();
		const after = planMonitoring(await gateway.readAccount(), context);
		expect(after.findings.filter((f) => f.id.startsWith('CONFIG_'))).toEqual([]);
		expect(gateway.currentState().resources.filter((r) => r.type === 'AWS::S3::Bucket' && r.name === created.params.Bucket)).toHaveLength(1);
	});

	it('never creates a rule whose pattern fails its proof: the gateway refuses before PutRule', async () => {
		const { gateway, deps } = await fresh();
		const plan = planMonitoring(await gateway.readAccount(), context);
		const root = plan.actions.find((a): a is Action<'events:PutRule'> => a.kind === 'events:PutRule' && a.params.Name === 'iam-wizard-root-activity')!;
		// A pattern that also fires on IAM users' sign-ins: it matches the "must not" sample.
		const tooWide = { ...root, params: { ...root.params, EventPattern: JSON.stringify({ 'detail-type': ['AWS Console Sign In via CloudTrail', 'AWS API Call via CloudTrail'] }) } };
		const report = await executeActions([tooWide], deps);
		expect(report.failed?.error.code).toBe('PatternProofFailed');
		expect(report.failed?.error.message).toContain('matches IAM user alice ConsoleLogin');
		expect((await gateway.readAccount()).eventRules!.some((r) => r.name === 'iam-wizard-root-activity')).toBe(false);
	});

	it("shows Config's own verdict per rule once it evaluates, following the account", async () => {
		const { gateway, deps } = await fresh();
		await executeActions(planMonitoring(await gateway.readAccount(), context).actions, deps);
		const rules = (await gateway.readAccount()).config!.rules;
		const verdict = (name: string) => rules.find((r) => r.name === name)?.compliance;
		expect(verdict('root-account-mfa-enabled')).toBe('NON_COMPLIANT');
		expect(verdict('iam-password-policy')).toBe('NON_COMPLIANT');
		gateway.setRootMfa('hardware');
		await executeActions(
			[{ kind: 'iam:UpdateAccountPasswordPolicy', params: { MinimumPasswordLength: 14, PasswordReusePrevention: 24, MaxPasswordAge: 90, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true }, step: 5, findingIds: [], summary: 'CIS password policy' }],
			deps,
		);
		const later = (await gateway.readAccount()).config!.rules;
		expect(later.find((r) => r.name === 'root-account-mfa-enabled')?.compliance).toBe('COMPLIANT');
		expect(later.find((r) => r.name === 'iam-password-policy')?.compliance).toBe('COMPLIANT');
	});
});
