/**
 * Undo of step 6 (Config's role and bucket, the alert topic, Security Hub, the CIS metric
 * filter and alarm): only what iam-wizard created or enabled is undone; what existed before
 * stays, and a change that replaced something puts the previous value back.
 */
import { describe, expect, it } from 'vitest';
import type { Action, ActionKind, ApplyResult, PriorState } from '../../source/core/actions.js';
import { inverseOf } from '../../source/core/inverse-action.js';
import { monitoringInverse } from '../../source/core/inverse-monitoring.js';

const findingIds = ['ALERT_ROOT_USAGE_MISSING'];

function act(kind: ActionKind, params: unknown): Action {
	return { kind, params, step: 6, findingIds, summary: 'the original action' } as Action;
}

function undo(kind: ActionKind, params: unknown, summary: string): Action {
	return { kind, params, step: 6, findingIds, summary } as Action;
}

/** Through inverseOf, the path undo takes: it dispatches step 6's kinds here. */
const inv = (kind: ActionKind, params: unknown, state: unknown = {}, result: ApplyResult = {}) => inverseOf(act(kind, params), state as PriorState, result);

const topicArn = 'arn:aws:sns:us-east-1:111122223333:iam-wizard-alerts';
const policy = (sid: string) => ({ Version: '2012-10-17' as const, Statement: [{ Sid: sid, Effect: 'Allow' as const, Action: 's3:PutObject', Resource: '*' }] });

describe("Config's service-linked role and bucket", () => {
	const slr = { AWSServiceName: 'config.amazonaws.com' };
	it('deletes the service-linked role it created, by the name the call returned', () => {
		expect(inv('iam:CreateServiceLinkedRole', slr, { exists: false }, { outputs: { RoleName: 'AWSServiceRoleForConfig' } })).toStrictEqual(
			undo('iam:DeleteServiceLinkedRole', { RoleName: 'AWSServiceRoleForConfig' }, 'Delete service-linked role AWSServiceRoleForConfig'),
		);
	});

	it('leaves a role that existed, or one whose name the call did not return', () => {
		expect(inv('iam:CreateServiceLinkedRole', slr, { exists: true }, { outputs: { RoleName: 'AWSServiceRoleForConfig' } })).toBeNull();
		expect(inv('iam:CreateServiceLinkedRole', slr, { exists: false }, {})).toBeNull();
	});

	it('deletes a bucket it created; one that existed stays', () => {
		const bucket = { Bucket: 'config-111122223333', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } };
		expect(inv('s3:CreateBucket', bucket, { exists: false })).toStrictEqual(undo('s3:DeleteBucket', { Bucket: 'config-111122223333' }, 'Delete S3 bucket config-111122223333'));
		expect(inv('s3:CreateBucket', bucket, {})).toStrictEqual(undo('s3:DeleteBucket', { Bucket: 'config-111122223333' }, 'Delete S3 bucket config-111122223333'));
		expect(inv('s3:CreateBucket', bucket, { exists: true })).toBeNull();
	});

	it("restores the bucket's previous policy, or deletes the policy when it had none", () => {
		const params = { Bucket: 'config-111122223333', Policy: policy('new') };
		expect(inv('s3:PutBucketPolicy', params, { Policy: policy('old') })).toStrictEqual(
			undo('s3:PutBucketPolicy', { Bucket: 'config-111122223333', Policy: policy('old') }, 'Restore the previous policy of bucket config-111122223333'),
		);
		expect(inv('s3:PutBucketPolicy', params, { Policy: null })).toStrictEqual(
			undo('s3:DeleteBucketPolicy', { Bucket: 'config-111122223333' }, 'Delete the policy of bucket config-111122223333 (it had none)'),
		);
	});

	it('cannot undo a deleted bucket policy, even with the policy read before', () => {
		const action = act('s3:DeleteBucketPolicy', { Bucket: 'b' });
		expect(monitoringInverse(action, { Policy: policy('old') } as unknown as PriorState, {})).toBeNull();
		expect(monitoringInverse(action, { Policy: null } as PriorState, {})).toBeNull();
	});
});

describe('the alert topic', () => {
	it("restores the topic's previous policy; without one read, no inverse", () => {
		const params = { TopicArn: topicArn, AttributeName: 'Policy', AttributeValue: '{"new":true}' };
		expect(inv('sns:SetTopicAttributes', params, { Policy: '{"old":true}' })).toStrictEqual(
			undo('sns:SetTopicAttributes', { TopicArn: topicArn, AttributeName: 'Policy', AttributeValue: '{"old":true}' }, `Restore the previous policy of topic ${topicArn}`),
		);
		expect(inv('sns:SetTopicAttributes', params, { Policy: null })).toBeNull();
	});

	const subscribe = { TopicArn: topicArn, Protocol: 'email', Endpoint: 'ops@example.com' };
	it('unsubscribes a confirmed subscription it created', () => {
		const arn = `${topicArn}:6b0e71bd-7e97-4d97-80ce-4a0994e55286`;
		expect(inv('sns:Subscribe', subscribe, { exists: false }, { outputs: { SubscriptionArn: arn } })).toStrictEqual(
			undo('sns:Unsubscribe', { SubscriptionArn: arn }, `Unsubscribe ${arn}`),
		);
	});

	it('has no inverse for a subscription pending confirmation, one with no ARN returned, or one that existed', () => {
		expect(inv('sns:Subscribe', subscribe, { exists: false }, { outputs: { SubscriptionArn: 'pending confirmation' } })).toBeNull();
		expect(inv('sns:Subscribe', subscribe, { exists: false }, {})).toBeNull();
		expect(inv('sns:Subscribe', subscribe, { exists: true }, { outputs: { SubscriptionArn: `${topicArn}:abc` } })).toBeNull();
	});
});

describe('Security Hub', () => {
	it('disables Security Hub when iam-wizard enabled it; leaves it when it was on', () => {
		expect(inv('securityhub:EnableSecurityHub', { EnableDefaultStandards: false }, { exists: false })).toStrictEqual(
			undo('securityhub:DisableSecurityHub', {}, 'Disable Security Hub in the region (iam-wizard enabled it)'),
		);
		expect(inv('securityhub:EnableSecurityHub', { EnableDefaultStandards: false }, { exists: true })).toBeNull();
	});

	const cis = 'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/5.0.0';
	const fsbp = 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';
	const pci = 'arn:aws:securityhub:us-east-1::standards/pci-dss/v/3.2.1';
	const requests = { StandardsSubscriptionRequests: [{ StandardsArn: cis }, { StandardsArn: fsbp }, { StandardsArn: pci }] };

	it('disables only the standards it enabled, by the subscriptions the call returned', () => {
		const state = { enabled: [fsbp], subscriptionArns: { [fsbp]: 'sub/fsbp' } };
		// fsbp was enabled before; pci returned no subscription.
		expect(inv('securityhub:BatchEnableStandards', requests, state, { outputs: { [cis]: 'sub/cis', [fsbp]: 'sub/fsbp-again' } })).toStrictEqual(
			undo('securityhub:BatchDisableStandards', { StandardsSubscriptionArns: ['sub/cis'] }, 'Disable the standards iam-wizard enabled (1)'),
		);
		expect(inv('securityhub:BatchEnableStandards', requests, { enabled: [], subscriptionArns: {} }, { outputs: { [cis]: 'sub/cis', [pci]: 'sub/pci' } })).toStrictEqual(
			undo('securityhub:BatchDisableStandards', { StandardsSubscriptionArns: ['sub/cis', 'sub/pci'] }, 'Disable the standards iam-wizard enabled (2)'),
		);
	});

	it('has no inverse when every standard was already enabled or none returned a subscription', () => {
		expect(inv('securityhub:BatchEnableStandards', requests, { enabled: [cis, fsbp, pci], subscriptionArns: {} }, { outputs: { [cis]: 'sub/cis' } })).toBeNull();
		expect(inv('securityhub:BatchEnableStandards', requests, { enabled: [], subscriptionArns: {} }, {})).toBeNull();
	});
});

describe("the CIS metric filter and alarm on the trail's log group", () => {
	const transformations = [{ metricName: 'RootUsage', metricNamespace: 'CISBenchmark', metricValue: '1' }];
	const filter = { logGroupName: 'trail-logs', filterName: 'iam-wizard-root-usage', filterPattern: '{ $.new = 1 }', metricTransformations: transformations };

	it('restores a replaced filter: its pattern and transformations on the same log group and name', () => {
		const previous = { filterPattern: '{ $.old = 1 }', metricTransformations: [{ metricName: 'Old', metricNamespace: 'Old', metricValue: '1' }] };
		expect(inv('logs:PutMetricFilter', filter, { filter: previous })).toStrictEqual(
			undo('logs:PutMetricFilter', { logGroupName: 'trail-logs', filterName: 'iam-wizard-root-usage', ...previous }, 'Restore metric filter iam-wizard-root-usage'),
		);
	});

	it('deletes a filter it created', () => {
		expect(inv('logs:PutMetricFilter', filter, { filter: null })).toStrictEqual(
			undo('logs:DeleteMetricFilter', { logGroupName: 'trail-logs', filterName: 'iam-wizard-root-usage' }, 'Delete metric filter iam-wizard-root-usage'),
		);
	});

	const alarm = {
		AlarmName: 'iam-wizard-root-usage',
		MetricName: 'RootUsage',
		Namespace: 'CISBenchmark',
		Statistic: 'Sum',
		Period: 300,
		EvaluationPeriods: 1,
		Threshold: 1,
		ComparisonOperator: 'GreaterThanOrEqualToThreshold',
		AlarmActions: [topicArn],
	};

	it('restores a replaced alarm under its own name', () => {
		const { AlarmName: _name, ...previous } = { ...alarm, Threshold: 5, AlarmActions: [] as string[] };
		expect(inv('cloudwatch:PutMetricAlarm', alarm, { alarm: { ...previous, AlarmName: 'stale' } })).toStrictEqual(
			undo('cloudwatch:PutMetricAlarm', { ...previous, AlarmName: 'iam-wizard-root-usage' }, 'Restore alarm iam-wizard-root-usage'),
		);
	});

	it('deletes an alarm it created', () => {
		expect(inv('cloudwatch:PutMetricAlarm', alarm, { alarm: null })).toStrictEqual(
			undo('cloudwatch:DeleteAlarms', { AlarmNames: ['iam-wizard-root-usage'] }, 'Delete alarm iam-wizard-root-usage'),
		);
	});
});

it('answers no inverse for a kind that is not one of step 6', () => {
	expect(monitoringInverse(act('iam:DeleteRole', { RoleName: 'r' }), { exists: false } as PriorState, { outputs: { RoleName: 'r' } })).toBeNull();
});
