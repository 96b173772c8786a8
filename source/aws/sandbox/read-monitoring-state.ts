/**
 * readState for step 6's kinds beyond Config and EventBridge rules, and the proof of an
 * events:PutRule: its samples run through the sandbox's TestEventPattern against the pattern
 * the rule has (or, before it exists, the pattern the action will give it).
 */
import type { Action, ActionKind, PriorState, ProofResult } from '../../core/actions.js';
import { testEventPattern } from '../../core/event-pattern.js';
import { otherAccountsBucket, serviceLinkedRoleNames } from './apply-recorder-prereqs.js';
import { fail } from './sandbox-lookup.js';
import type { SandboxState } from './sandbox-state.js';

export type MonitoringKind = Extract<
	ActionKind,
	| 'iam:CreateServiceLinkedRole'
	| 'iam:DeleteServiceLinkedRole'
	| `s3:${string}`
	| 'sns:SetTopicAttributes'
	| 'sns:Subscribe'
	| 'sns:Unsubscribe'
	| `securityhub:${string}`
	| `logs:${string}`
	| `cloudwatch:${string}`
>;

export function putRuleProof(action: Action<'events:PutRule'>, storedPattern: string | undefined): ProofResult[] | undefined {
	if (!action.proof) return undefined;
	const pattern = storedPattern ?? action.params.EventPattern;
	return action.proof.samples.map((s) => ({ name: s.name, expect: s.expect, matched: testEventPattern(pattern, s.event) }));
}

function bucket(state: SandboxState, name: string) {
	return state.resources.find((r) => r.type === 'AWS::S3::Bucket' && r.name === name);
}

export function readMonitoringState(state: SandboxState, action: Action<MonitoringKind>): PriorState {
	const exists = (value: boolean) => ({ exists: value }) as PriorState;
	const monitoring = state.monitoring;
	switch (action.kind) {
		case 'iam:CreateServiceLinkedRole':
			return exists(state.roles.some((r) => r.name === serviceLinkedRoleNames[action.params.AWSServiceName]));
		case 'iam:DeleteServiceLinkedRole':
			return exists(state.roles.some((r) => r.name === action.params.RoleName));
		case 's3:CreateBucket':
		case 's3:DeleteBucket':
			// HeadBucket: a bare 403 for another account's bucket, as the live adapter names it.
			if (otherAccountsBucket(state, action.params.Bucket)) fail('Forbidden', '', 's3:HeadBucket');
			return exists(bucket(state, action.params.Bucket) !== undefined);
		case 's3:PutBucketPolicy':
		case 's3:DeleteBucketPolicy': {
			if (otherAccountsBucket(state, action.params.Bucket)) fail('AccessDenied', 'Access Denied', 's3:GetBucketPolicy');
			// A bucket the batch creates first has no policy yet (the plan reads every state before any call).
			const found = bucket(state, action.params.Bucket);
			if (action.kind === 's3:DeleteBucketPolicy') return exists((found?.policy ?? null) !== null);
			return { Policy: structuredClone(found?.policy ?? null) } as PriorState;
		}
		case 'sns:SetTopicAttributes': {
			const topic = state.resources.find((r) => r.type === 'AWS::SNS::Topic' && r.arn === action.params.TopicArn);
			return { Policy: topic?.policy ? JSON.stringify(topic.policy) : null } as PriorState;
		}
		case 'sns:Subscribe':
			return exists((monitoring?.subscriptions ?? []).some((s) => s.topicArn === action.params.TopicArn && s.endpoint === action.params.Endpoint));
		case 'sns:Unsubscribe':
			return exists((monitoring?.subscriptions ?? []).some((s) => s.subscriptionArn === action.params.SubscriptionArn));
		case 'securityhub:EnableSecurityHub':
		case 'securityhub:DisableSecurityHub':
			return exists(monitoring?.securityHub.enabled ?? false);
		case 'securityhub:BatchEnableStandards':
		case 'securityhub:BatchDisableStandards': {
			const standards = monitoring?.securityHub.enabled ? monitoring.securityHub.standards : [];
			const enabled = standards.filter((s) => action.kind === 'securityhub:BatchEnableStandards' || action.params.StandardsSubscriptionArns.includes(s.subscriptionArn));
			return { enabled: enabled.map((s) => s.standardsArn), subscriptionArns: Object.fromEntries(enabled.map((s) => [s.standardsArn, s.subscriptionArn])) } as PriorState;
		}
		case 'logs:PutMetricFilter':
		case 'logs:DeleteMetricFilter': {
			const filter = (monitoring?.metricFilters ?? []).find((f) => f.logGroupName === action.params.logGroupName && f.filterName === action.params.filterName);
			if (action.kind === 'logs:DeleteMetricFilter') return exists(filter !== undefined);
			return { filter: filter ? { filterPattern: filter.filterPattern, metricTransformations: structuredClone(filter.metricTransformations) } : null } as PriorState;
		}
		case 'cloudwatch:PutMetricAlarm': {
			const alarm = (monitoring?.alarms ?? []).find((a) => a.AlarmName === action.params.AlarmName);
			if (!alarm) return { alarm: null } as PriorState;
			const { AlarmName: _name, ...rest } = structuredClone(alarm);
			return { alarm: rest } as PriorState;
		}
		case 'cloudwatch:DeleteAlarms':
			return exists((monitoring?.alarms ?? []).some((a) => action.params.AlarmNames.includes(a.AlarmName as string)));
		default:
			return fail('InvalidAction', `The sandbox does not know the action ${(action as Action).kind}.`, 'readState');
	}
}
