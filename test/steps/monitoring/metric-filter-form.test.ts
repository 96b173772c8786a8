/**
 * CIS 4.x as CIS checks it: when the trail delivers to CloudWatch Logs, step 6 also offers a
 * metric filter and an alarm on the trail's log group for each alert CIS checks that way, says
 * which control that form passes (and that the EventBridge rule does not), and applies,
 * verifies and rolls them back with the rest. The demo's trail has no log group, so this is
 * the only place the form is planned.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../../source/aws/sandbox/seed.js';
import type { Action, ActionParams } from '../../../source/core/actions.js';
import type { AccountModel } from '../../../source/core/model.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { planMonitoring } from '../../../source/steps/monitoring/plan.js';
import { executeActions, rollbackPlan } from '../../../source/wizard/executor.js';
import { verifyActions } from '../../../source/wizard/verify-actions.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { fixedNow } from '../../wizard/machine-harness.js';

const context = { now: fixedNow(), thresholds: defaultThresholds, excluded: [] };
const logGroupArn = 'arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/acme-management:*';

function withoutReadAt(model: AccountModel): Omit<AccountModel, 'readAt'> {
	const { readAt: _readAt, ...rest } = model;
	return rest;
}

function accountWithLogGroup() {
	const state = createSeedState(fixedNow());
	expect(state.trails.length).toBeGreaterThan(0);
	state.trails[0]!.cloudWatchLogsLogGroupArn = logGroupArn;
	const gateway = createSandboxGateway({ state, now: fixedNow });
	return { gateway, deps: { gateway, audit: new MemoryAuditSink(), step: 6 as const, reason: 'CIS 4.x', now: fixedNow } };
}

describe("step 6's metric-filter form of the alerts", () => {
	it('offers a filter and an alarm per alert CIS checks, on the trail\'s log group, naming the control each passes', async () => {
		const { gateway } = accountWithLogGroup();
		const plan = planMonitoring(await gateway.readAccount(), context);
		const filters = plan.actions.filter((a): a is Action<'logs:PutMetricFilter'> => a.kind === 'logs:PutMetricFilter');
		expect(filters.map((f) => [f.params.logGroupName, f.params.filterName])).toEqual([
			['CloudTrail/acme-management', 'iam-wizard-root-activity'],
			['CloudTrail/acme-management', 'iam-wizard-iam-policy-changes'],
			['CloudTrail/acme-management', 'iam-wizard-console-sign-in-without-mfa'],
		]);
		expect(filters.map((f) => f.notes?.[0])).toEqual([
			'This form passes CIS 4.3 / Security Hub CloudWatch.1; the EventBridge rule does not.',
			'This form passes CIS 4.4 / Security Hub CloudWatch.4; the EventBridge rule does not.',
			'This form passes CIS 4.2 / Security Hub CloudWatch.3; the EventBridge rule does not.',
		]);
		const alarms = plan.actions.filter((a): a is Action<'cloudwatch:PutMetricAlarm'> => a.kind === 'cloudwatch:PutMetricAlarm');
		expect(alarms.map((a) => a.params.AlarmName)).toEqual(filters.map((f) => f.params.filterName));
		for (const alarm of alarms) expect((alarm.params as ActionParams['cloudwatch:PutMetricAlarm']).AlarmActions).toEqual(['arn:aws:sns:us-east-1:123456789012:iam-wizard-alerts']);
	});

	it('is applied and verified with the rest of the plan, and rolled back with it', async () => {
		const { gateway, deps } = accountWithLogGroup();
		const before = await gateway.readAccount();
		const plan = planMonitoring(before, context);
		const report = await executeActions(plan.actions, deps);
		expect(report.failed).toBeUndefined();
		const verification = await verifyActions(report.applied, { gateway, sleep: async () => {}, targeted: plan.actions });
		const cis = verification.actions.filter((a) => a.action.kind === 'logs:PutMetricFilter' || a.action.kind === 'cloudwatch:PutMetricAlarm');
		expect(cis).toHaveLength(6);
		expect(cis.filter((a) => !a.verified).map((a) => a.action.summary)).toEqual([]);
		const { actions: undo, cannotUndo } = rollbackPlan(report);
		expect(cannotUndo).toEqual([]);
		expect(undo.map((a) => a.kind)).toEqual(expect.arrayContaining(['logs:DeleteMetricFilter', 'cloudwatch:DeleteAlarms']));
		expect((await executeActions(undo, deps)).failed).toBeUndefined();
		expect(withoutReadAt(await gateway.readAccount())).toEqual(withoutReadAt(before));
	});

	it('is not offered when the trail does not deliver to CloudWatch Logs (the demo)', async () => {
		const gateway = createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow });
		const kinds = planMonitoring(await gateway.readAccount(), context).actions.map((a) => a.kind);
		expect(kinds).not.toContain('logs:PutMetricFilter');
		expect(kinds).not.toContain('cloudwatch:PutMetricAlarm');
	});
});
