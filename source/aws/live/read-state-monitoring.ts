/** readState for the step-6 kinds of S3, Security Hub, CloudWatch Logs and CloudWatch. */
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetBucketPolicyCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import type { Action, PriorState } from '../../core/actions.js';
import { normalisePolicyDocument } from '../../core/policy-document.js';
import type { MonitoringKind } from './apply-monitoring.js';
import { unhandledKind } from './apply-result.js';
import { readSecurityHub } from './read-security-hub.js';
import { orAbsent } from '../absence.js';
import type { ReadStateContext } from './read-state-iam.js';

async function exists(read: () => Promise<unknown>): Promise<{ exists: boolean }> {
	return { exists: await orAbsent(async () => (await read(), true), false) };
}

export async function readMonitoringState(context: ReadStateContext, action: Action<MonitoringKind>): Promise<PriorState> {
	const { caller } = context;
	switch (action.kind) {
		case 's3:CreateBucket':
		case 's3:DeleteBucket': {
			// HeadBucket answers 200 for another account's bucket that grants this identity s3:ListBucket: with the
			// expected owner it answers 403, so "exists" means this account's (a plan never takes another's for its own).
			const { accountId } = await context.account();
			return exists(() => caller.send('s3', new HeadBucketCommand({ Bucket: action.params.Bucket, ExpectedBucketOwner: accountId })));
		}
		case 's3:PutBucketPolicy':
		case 's3:DeleteBucketPolicy': {
			const output = await orAbsent(() => caller.send('s3', new GetBucketPolicyCommand({ Bucket: action.params.Bucket })), null);
			if (action.kind === 's3:DeleteBucketPolicy') return { exists: Boolean(output?.Policy) };
			return { Policy: output?.Policy ? normalisePolicyDocument(output.Policy) : null };
		}
		case 'securityhub:EnableSecurityHub':
		case 'securityhub:DisableSecurityHub':
			return { exists: (await readSecurityHub(caller)).enabled };
		case 'securityhub:BatchEnableStandards':
		case 'securityhub:BatchDisableStandards': {
			const hub = await readSecurityHub(caller);
			const wanted = action.kind === 'securityhub:BatchDisableStandards' ? action.params.StandardsSubscriptionArns : undefined;
			const enabled = hub.standards.filter((s) => s.status !== 'DELETING' && (!wanted || wanted.includes(s.subscriptionArn)));
			return { enabled: enabled.map((s) => s.standardsArn), subscriptionArns: Object.fromEntries(enabled.map((s) => [s.standardsArn, s.subscriptionArn])) };
		}
		case 'logs:PutMetricFilter':
		case 'logs:DeleteMetricFilter': {
			const { logGroupName, filterName } = action.params;
			const output = await orAbsent(() => caller.send('logs', new DescribeMetricFiltersCommand({ logGroupName, filterNamePrefix: filterName })), null);
			const filter = output?.metricFilters?.find((f) => f.filterName === filterName);
			if (action.kind === 'logs:DeleteMetricFilter') return { exists: filter !== undefined };
			if (!filter) return { filter: null };
			return {
				filter: {
					filterPattern: filter.filterPattern ?? '',
					metricTransformations: (filter.metricTransformations ?? []).map((m) => ({ metricName: m.metricName ?? '', metricNamespace: m.metricNamespace ?? '', metricValue: m.metricValue ?? '' })),
				},
			};
		}
		case 'cloudwatch:PutMetricAlarm':
		case 'cloudwatch:DeleteAlarms': {
			const names = action.kind === 'cloudwatch:PutMetricAlarm' ? [action.params.AlarmName] : action.params.AlarmNames;
			const alarms = (await caller.send('cloudwatch', new DescribeAlarmsCommand({ AlarmNames: names }))).MetricAlarms ?? [];
			if (action.kind === 'cloudwatch:DeleteAlarms') return { exists: alarms.length > 0 };
			const alarm = alarms[0];
			if (!alarm) return { alarm: null };
			return {
				alarm: {
					...(alarm.AlarmDescription ? { AlarmDescription: alarm.AlarmDescription } : {}),
					MetricName: alarm.MetricName ?? '',
					Namespace: alarm.Namespace ?? '',
					Statistic: 'Sum',
					Period: alarm.Period ?? 300,
					EvaluationPeriods: alarm.EvaluationPeriods ?? 1,
					Threshold: alarm.Threshold ?? 1,
					ComparisonOperator: 'GreaterThanOrEqualToThreshold',
					...(alarm.TreatMissingData === 'notBreaching' ? { TreatMissingData: 'notBreaching' as const } : {}),
					AlarmActions: alarm.AlarmActions ?? [],
				},
			};
		}
		default:
			return unhandledKind(action);
	}
}
