/**
 * The inverses of step 6's actions (Config, S3, SNS, Security Hub, metric filters and alarms),
 * and the small helpers every inverse uses. Split from inverse-action.ts, which dispatches here.
 */
import type { Action, ActionKind, ActionParams, ApplyResult, PriorState, PriorStates } from './actions.js';

export type Inverse = { kind: ActionKind; params: unknown; summary: string } | null;

export function prior<K extends keyof PriorStates>(state: unknown): PriorStates[K] {
	return state as PriorStates[K];
}

export function p<K extends ActionKind>(action: Action, _kind: K): ActionParams[K] {
	return action.params as ActionParams[K];
}

const existed = (state: PriorState) => (state as { exists?: boolean }).exists === true;

/** Step 6's kinds: undo only what iam-wizard created or enabled; what existed before stays. */
export function monitoringInverse(action: Action, state: PriorState, result: ApplyResult): Inverse {
	switch (action.kind) {
		case 'iam:CreateServiceLinkedRole': {
			const name = result.outputs?.RoleName;
			if (!name || existed(state)) return null;
			return { kind: 'iam:DeleteServiceLinkedRole', params: { RoleName: name }, summary: `Delete service-linked role ${name}` };
		}
		case 's3:CreateBucket': {
			const { Bucket } = p(action, 's3:CreateBucket');
			if (existed(state)) return null;
			return { kind: 's3:DeleteBucket', params: { Bucket }, summary: `Delete S3 bucket ${Bucket}` };
		}
		// s3:DeleteBucketPolicy (only ever this inverse) is irreversible: it falls to the default.
		case 's3:PutBucketPolicy': {
			const { Bucket } = p(action, 's3:PutBucketPolicy');
			const before = prior<'s3:PutBucketPolicy'>(state).Policy;
			return before
				? { kind: 's3:PutBucketPolicy', params: { Bucket, Policy: before }, summary: `Restore the previous policy of bucket ${Bucket}` }
				: { kind: 's3:DeleteBucketPolicy', params: { Bucket }, summary: `Delete the policy of bucket ${Bucket} (it had none)` };
		}
		case 'sns:SetTopicAttributes': {
			const x = p(action, 'sns:SetTopicAttributes');
			const before = prior<'sns:SetTopicAttributes'>(state).Policy;
			if (!before) return null;
			return { kind: 'sns:SetTopicAttributes', params: { ...x, AttributeValue: before }, summary: `Restore the previous policy of topic ${x.TopicArn}` };
		}
		case 'sns:Subscribe': {
			const arn = result.outputs?.SubscriptionArn;
			// A subscription pending confirmation has no ARN to unsubscribe; deleting the topic removes it.
			if (!arn?.startsWith('arn:') || existed(state)) return null;
			return { kind: 'sns:Unsubscribe', params: { SubscriptionArn: arn }, summary: `Unsubscribe ${arn}` };
		}
		case 'securityhub:EnableSecurityHub':
			if (existed(state)) return null;
			return { kind: 'securityhub:DisableSecurityHub', params: {}, summary: 'Disable Security Hub in the region (iam-wizard enabled it)' };
		case 'securityhub:BatchEnableStandards': {
			const before = prior<'securityhub:BatchEnableStandards'>(state).enabled;
			const arns = p(action, 'securityhub:BatchEnableStandards').StandardsSubscriptionRequests.map((r) => r.StandardsArn).filter((arn) => !before.includes(arn));
			const subscriptions = arns.map((arn) => result.outputs?.[arn]).filter((s): s is string => typeof s === 'string');
			if (subscriptions.length === 0) return null;
			return { kind: 'securityhub:BatchDisableStandards', params: { StandardsSubscriptionArns: subscriptions }, summary: `Disable the standards iam-wizard enabled (${subscriptions.length})` };
		}
		case 'logs:PutMetricFilter': {
			const x = p(action, 'logs:PutMetricFilter');
			const before = prior<'logs:PutMetricFilter'>(state).filter;
			if (before) return { kind: 'logs:PutMetricFilter', params: { ...x, ...before }, summary: `Restore metric filter ${x.filterName}` };
			return { kind: 'logs:DeleteMetricFilter', params: { logGroupName: x.logGroupName, filterName: x.filterName }, summary: `Delete metric filter ${x.filterName}` };
		}
		case 'cloudwatch:PutMetricAlarm': {
			const x = p(action, 'cloudwatch:PutMetricAlarm');
			const before = prior<'cloudwatch:PutMetricAlarm'>(state).alarm;
			if (before) return { kind: 'cloudwatch:PutMetricAlarm', params: { ...before, AlarmName: x.AlarmName }, summary: `Restore alarm ${x.AlarmName}` };
			return { kind: 'cloudwatch:DeleteAlarms', params: { AlarmNames: [x.AlarmName] }, summary: `Delete alarm ${x.AlarmName}` };
		}
		default:
			return null;
	}
}
