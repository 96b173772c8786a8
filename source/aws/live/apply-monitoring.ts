/**
 * One call per step-6 kind of S3 (the Config delivery bucket), Security Hub, CloudWatch Logs
 * (CIS 4.x metric filters) and CloudWatch (their alarms).
 */
import { DeleteAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { DeleteMetricFilterCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, DeleteBucketCommand, DeleteBucketPolicyCommand, PutBucketPolicyCommand, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import { BatchDisableStandardsCommand, BatchEnableStandardsCommand, DisableSecurityHubCommand, EnableSecurityHubCommand } from '@aws-sdk/client-securityhub';
import type { Action, ActionKind, ApplyResult } from '../../core/actions.js';
import { GatewayError } from '../../core/gateway-error.js';
import { policyDocumentToJson } from '../../core/policy-document.js';
import type { AwsCaller } from './aws-caller.js';
import { applyResult, unhandledKind } from './apply-result.js';

export type MonitoringKind = Extract<ActionKind, `s3:${string}` | `securityhub:${string}` | `logs:${string}` | `cloudwatch:${string}`>;

export function isMonitoringAction(action: Action): action is Action<MonitoringKind> {
	return /^(s3|securityhub|logs|cloudwatch):/.test(action.kind);
}

export async function applyMonitoringAction(caller: AwsCaller, action: Action<MonitoringKind>): Promise<ApplyResult> {
	switch (action.kind) {
		case 's3:CreateBucket': {
			const { Bucket, CreateBucketConfiguration } = action.params;
			const location = CreateBucketConfiguration ? { CreateBucketConfiguration: { LocationConstraint: CreateBucketConfiguration.LocationConstraint as BucketLocationConstraint } } : {};
			const output = await caller.send('s3', new CreateBucketCommand({ Bucket, ...location }));
			return applyResult(output, { Location: output.Location });
		}
		case 's3:DeleteBucket':
			return applyResult(await caller.send('s3', new DeleteBucketCommand(action.params)));
		case 's3:PutBucketPolicy':
			return applyResult(await caller.send('s3', new PutBucketPolicyCommand({ Bucket: action.params.Bucket, Policy: policyDocumentToJson(action.params.Policy) })));
		case 's3:DeleteBucketPolicy':
			return applyResult(await caller.send('s3', new DeleteBucketPolicyCommand(action.params)));
		case 'securityhub:EnableSecurityHub':
			return applyResult(await caller.send('securityhub', new EnableSecurityHubCommand(action.params)));
		case 'securityhub:DisableSecurityHub':
			return applyResult(await caller.send('securityhub', new DisableSecurityHubCommand({})));
		case 'securityhub:BatchEnableStandards': {
			const output = await caller.send('securityhub', new BatchEnableStandardsCommand(action.params));
			const subscriptions = output.StandardsSubscriptions ?? [];
			const failed = subscriptions.find((s) => s.StandardsStatus === 'FAILED');
			if (failed) {
				throw new GatewayError('StandardsFailed', `Security Hub could not enable ${failed.StandardsArn}: ${failed.StandardsStatusReason?.StatusReasonCode ?? 'FAILED'}.`, { operation: 'securityhub:BatchEnableStandards' });
			}
			return applyResult(output, Object.fromEntries(subscriptions.map((s) => [s.StandardsArn ?? '', s.StandardsSubscriptionArn])));
		}
		case 'securityhub:BatchDisableStandards':
			return applyResult(await caller.send('securityhub', new BatchDisableStandardsCommand(action.params)));
		case 'logs:PutMetricFilter':
			return applyResult(await caller.send('logs', new PutMetricFilterCommand(action.params)));
		case 'logs:DeleteMetricFilter':
			return applyResult(await caller.send('logs', new DeleteMetricFilterCommand(action.params)));
		case 'cloudwatch:PutMetricAlarm':
			return applyResult(await caller.send('cloudwatch', new PutMetricAlarmCommand(action.params)));
		case 'cloudwatch:DeleteAlarms':
			return applyResult(await caller.send('cloudwatch', new DeleteAlarmsCommand(action.params)));
		default:
			return unhandledKind(action);
	}
}
