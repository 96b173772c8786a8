/**
 * Step 6 with a topic the operator chose, on the sandbox: the alerts apply and verify with
 * the chosen topic as every rule's target, and rolling back restores the topic's previous
 * policy — the topic itself, which iam-wizard did not create, stays.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../../source/aws/sandbox/seed.js';
import type { ActionParams } from '../../../source/core/actions.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { planMonitoring } from '../../../source/steps/monitoring/plan.js';
import { executeActions, rollbackPlan } from '../../../source/wizard/executor.js';
import { verifyActions } from '../../../source/wizard/verify-actions.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { fixedNow } from '../../wizard/machine-harness.js';

const context = { now: fixedNow(), thresholds: defaultThresholds, excluded: [] };
const chosen = 'arn:aws:sns:us-east-1:123456789012:ops-notifications';

function topicOf(gateway: ReturnType<typeof createSandboxGateway>) {
	const state = gateway.currentState() as unknown as { resources: { arn: string; policy: unknown }[] };
	return state.resources.find((r) => r.arn === chosen);
}

describe('step 6 with a chosen alert topic', () => {
	it('applies and verifies with the chosen topic, then rolls back to its previous policy and keeps the topic', async () => {
		const gateway = createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow, alertTopicArn: chosen });
		const deps = { gateway, audit: new MemoryAuditSink(), step: 6 as const, reason: 'alerts to the ops topic', now: fixedNow };
		const model = await gateway.readAccount();
		expect(model.alertTopic).toMatchObject({ arn: chosen, exists: true });
		const policyBefore = structuredClone(topicOf(gateway)!.policy);
		const plan = planMonitoring(model, context);

		const report = await executeActions(plan.actions, deps);
		expect(report.failed).toBeUndefined();
		const verification = await verifyActions(report.applied, { gateway, sleep: async () => {}, targeted: plan.actions });
		expect(verification.actions.filter((a) => !a.verified).map((a) => a.action.summary)).toEqual([]);
		expect(verification.findingsRemaining).toEqual([]);
		const after = await gateway.readAccount();
		const ruleTargets = (after.eventRules ?? []).filter((r) => r.name.startsWith('iam-wizard-')).flatMap((r) => r.targets.map((t) => t.arn));
		expect(new Set(ruleTargets)).toEqual(new Set([chosen]));
		expect(topicOf(gateway)!.policy).not.toEqual(policyBefore);
		// Read again, the merged policy lets EventBridge publish: a second plan proposes nothing for the topic.
		expect(planMonitoring(after, context).actions.filter((a) => a.kind.startsWith('sns:'))).toEqual([]);

		const { actions: undo, cannotUndo } = rollbackPlan(report);
		expect(cannotUndo).toEqual([]);
		expect(undo.map((a) => a.kind)).not.toContain('sns:DeleteTopic');
		const restore = undo.find((a) => a.kind === 'sns:SetTopicAttributes')!;
		expect((restore.params as ActionParams['sns:SetTopicAttributes']).TopicArn).toBe(chosen);
		const undone = await executeActions(undo, deps);
		expect(undone.failed).toBeUndefined();
		expect(topicOf(gateway)).toBeDefined();
		expect(topicOf(gateway)!.policy).toEqual(policyBefore);
	});

	it('reads a chosen topic that does not exist as a model value, through the sandbox raising SNS NotFound', async () => {
		const missing = 'arn:aws:sns:us-east-1:123456789012:no-such-topic';
		const gateway = createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow });
		expect(await gateway.readAlertTopic!(missing)).toEqual({ arn: missing, exists: false });
		const model = await gateway.readAccount({ alertTopicArn: missing });
		expect(model.alertTopic).toEqual({ arn: missing, exists: false });
		expect(model.alertSubscriptions).toBeUndefined();
		const plan = planMonitoring(model, context);
		expect(plan.actions.filter((a) => a.kind.startsWith('events:') || a.kind.startsWith('sns:'))).toEqual([]);
		expect(plan.findings.map((f) => f.id)).toContain('ALERT_ROOT_USAGE_MISSING');
	});

	it("says a chosen topic of another account is not used, and goes on with iam-wizard-alerts (the wizard's read)", async () => {
		const foreign = 'arn:aws:sns:us-east-1:210987654321:ops-notifications';
		const gateway = createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow, alertTopicArn: foreign });
		const model = await gateway.readAccount();
		expect(model.alertTopic).toBeUndefined();
		expect(model.notEvaluated).toContainEqual({
			area: 'alert topic',
			reason: `${foreign} is not a topic of this account (aws, 123456789012): choose one of its own topics. The alerts go to iam-wizard-alerts instead.`,
			findingIds: [],
		});
		expect(planMonitoring(model, context).actions.map((a) => a.kind)).toContain('sns:CreateTopic');
	});
});
