/**
 * How the change log's cross-check names a write in CloudTrail: the event source of each
 * action prefix (some differ from the prefix) and the Username CloudTrail records for a caller.
 */
import { describe, expect, it } from 'vitest';
import { eventOfAction, trailUsername } from '../../source/core/cloudtrail-events.js';

describe('eventOfAction', () => {
	it.each([
		['access-analyzer:CreateAnalyzer', 'access-analyzer.amazonaws.com', 'CreateAnalyzer'],
		['events:PutRule', 'events.amazonaws.com', 'PutRule'],
		['iam:UpdateAccessKey', 'iam.amazonaws.com', 'UpdateAccessKey'],
		['organizations:AttachPolicy', 'organizations.amazonaws.com', 'AttachPolicy'],
		['config:PutConfigRule', 'config.amazonaws.com', 'PutConfigRule'],
		['securityhub:EnableSecurityHub', 'securityhub.amazonaws.com', 'EnableSecurityHub'],
		['sns:Subscribe', 'sns.amazonaws.com', 'Subscribe'],
		['logs:PutMetricFilter', 'logs.amazonaws.com', 'PutMetricFilter'],
		['cloudwatch:PutMetricAlarm', 'monitoring.amazonaws.com', 'PutMetricAlarm'],
		['s3:PutBucketPolicy', 's3.amazonaws.com', 'PutBucketPolicy'],
		['sts:AssumeRole', 'sts.amazonaws.com', 'AssumeRole'],
	])('%s is %s %s', (kind, eventSource, eventName) => {
		expect(eventOfAction(kind)).toEqual({ eventSource, eventName });
	});
});

describe('trailUsername', () => {
	it.each([
		['arn:aws:iam::123456789012:user/ops-admin', 'ops-admin'],
		['arn:aws:iam::123456789012:user/team/ops-admin', 'ops-admin'],
		['arn:aws:sts::123456789012:assumed-role/Admin/jane@example.com', 'jane@example.com'],
		['arn:aws:iam::123456789012:root', 'root'],
	])('%s is %s', (arn, username) => {
		expect(trailUsername(arn)).toBe(username);
	});
});
