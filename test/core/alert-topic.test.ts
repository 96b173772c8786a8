import { describe, expect, it } from 'vitest';
import { alertTopicArnProblem, eventBridgePublishDeny, topicLetsEventBridgePublish, withEventBridgePublish } from '../../source/core/alert-topic.js';

const arn = 'arn:aws:sns:us-east-1:123456789012:ops-alerts';
const policy = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Id: '__default_policy_ID', Statement });
const events = { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: arn };

describe('the chosen alert topic', () => {
	it('accepts a standard topic of this account in the rules region, and says why it refuses anything else', () => {
		expect(alertTopicArnProblem(arn, 'aws', '123456789012')).toBeUndefined();
		expect(alertTopicArnProblem('ops-alerts', 'aws', '123456789012')).toBe('"ops-alerts" is not an SNS topic ARN (like arn:aws:sns:us-east-1:123456789012:ops-alerts).');
		expect(alertTopicArnProblem('arn:aws-us-gov:sns:us-gov-west-1:123456789012:x', 'aws', '123456789012')).toContain('is not a topic of this account (aws, 123456789012)');
		expect(alertTopicArnProblem('arn:aws:sns:us-east-1:123456789012:x.fifo', 'aws', '123456789012')).toContain('is a FIFO topic');
		expect(alertTopicArnProblem('arn:aws-us-gov:sns:us-gov-west-1:123456789012:x', 'aws-us-gov', '123456789012')).toBeUndefined();
		expect(alertTopicArnProblem('arn:aws-us-gov:sns:us-gov-east-1:123456789012:x', 'aws-us-gov', '123456789012')).toContain('the alert rules live in us-gov-west-1');
	});

	it('counts only an Allow of sns:Publish to events.amazonaws.com on the topic, with no condition EventBridge might not meet', () => {
		expect(topicLetsEventBridgePublish(policy(events), arn)).toBe(true);
		expect(topicLetsEventBridgePublish(policy({ ...events, Action: ['SNS:*'], Resource: '*', Principal: { Service: ['events.amazonaws.com'] } }), arn)).toBe(true);
		expect(topicLetsEventBridgePublish(policy({ ...events, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }), arn)).toBe(true);
		expect(topicLetsEventBridgePublish(policy({ ...events, Effect: 'Deny' }), arn)).toBe(false);
		expect(topicLetsEventBridgePublish(policy({ ...events, Principal: { AWS: '*' } }), arn)).toBe(false);
		expect(topicLetsEventBridgePublish(policy({ ...events, Resource: 'arn:aws:sns:us-east-1:123456789012:other' }), arn)).toBe(false);
		expect(topicLetsEventBridgePublish(policy({ ...events, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }), arn)).toBe(false);
		expect(topicLetsEventBridgePublish(null, arn)).toBe(false);
		expect(topicLetsEventBridgePublish('not json', arn)).toBe(false);
	});

	it('finds a Deny that may stop EventBridge publishing, conditional or not, and ignores one that cannot reach it', () => {
		const deny = { Effect: 'Deny', Principal: '*', Action: 'SNS:Publish', Resource: arn };
		expect(eventBridgePublishDeny(policy(events), arn)).toBeUndefined();
		expect(eventBridgePublishDeny(policy(events, { ...deny, Sid: 'OnlyTls', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }), arn)).toBe('Sid OnlyTls');
		expect(eventBridgePublishDeny(policy(events, deny), arn)).toBe('statement 2');
		expect(eventBridgePublishDeny(policy({ ...deny, Principal: { Service: ['events.amazonaws.com'] }, Action: 'sns:Pub*', Resource: '*' }), arn)).toBe('statement 1');
		expect(eventBridgePublishDeny(policy({ ...deny, Principal: { AWS: '*' }, Action: '*' }), arn)).toBe('statement 1');
		// NotPrincipal denies everyone it does not name; NotAction and NotResource everything they leave out.
		expect(eventBridgePublishDeny(policy({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sns:Publish', Resource: arn }), arn)).toBe('statement 1');
		expect(eventBridgePublishDeny(policy({ Effect: 'Deny', NotPrincipal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: arn }), arn)).toBeUndefined();
		expect(eventBridgePublishDeny(policy({ ...deny, Action: undefined, NotAction: 'sns:Subscribe' }), arn)).toBe('statement 1');
		expect(eventBridgePublishDeny(policy({ ...deny, Action: undefined, NotAction: 'sns:*' }), arn)).toBeUndefined();
		expect(eventBridgePublishDeny(policy({ ...deny, Resource: undefined, NotResource: arn }), arn)).toBeUndefined();
		// Not EventBridge, not Publish, not this topic.
		expect(eventBridgePublishDeny(policy({ ...deny, Principal: { AWS: 'arn:aws:iam::210987654321:root' } }), arn)).toBeUndefined();
		expect(eventBridgePublishDeny(policy({ ...deny, Action: 'sns:DeleteTopic' }), arn)).toBeUndefined();
		expect(eventBridgePublishDeny(policy({ ...deny, Resource: 'arn:aws:sns:us-east-1:123456789012:other' }), arn)).toBeUndefined();
		expect(eventBridgePublishDeny(null, arn)).toBeUndefined();
	});

	it('adds one statement, keeping the policy id and every statement, and a Sid of its own when the name is taken', () => {
		const owner = { Sid: 'EventBridgePublish', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:Subscribe', Resource: arn };
		const merged = JSON.parse(withEventBridgePublish(policy(owner), arn, '123456789012'));
		expect(merged.Id).toBe('__default_policy_ID');
		expect(merged.Statement).toEqual([owner, { Sid: 'EventBridgePublish2', ...events, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }]);
		expect(topicLetsEventBridgePublish(JSON.stringify(merged), arn)).toBe(true);
		expect(JSON.parse(withEventBridgePublish(null, arn, '123456789012')).Statement).toHaveLength(1);
	});
});
