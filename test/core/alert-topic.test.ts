import { describe, expect, it } from 'vitest';
import {
	alertTopicArnProblem,
	chosenTopicRefused,
	deniedTopicSentence,
	eventBridgePublishDeny,
	eventBridgePublishStatement,
	missingTopicSentence,
	topicLetsEventBridgePublish,
	topicNameOf,
	withEventBridgePublish,
} from '../../source/core/alert-topic.js';

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

describe('the chosen alert topic, at the edges', () => {
	const account = '123456789012';
	const lets = (...statements: unknown[]) => topicLetsEventBridgePublish(policy(...statements), arn);
	const deny = { Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: arn };
	const denied = (...statements: unknown[]) => eventBridgePublishDeny(policy(...statements), arn);

	it('takes the whole ARN only, and refuses another account of the same partition', () => {
		expect(alertTopicArnProblem(`x${arn}`, 'aws', account)).toMatch(/is not an SNS topic ARN/);
		expect(alertTopicArnProblem(`${arn} alerts`, 'aws', account)).toMatch(/is not an SNS topic ARN/);
		expect(alertTopicArnProblem('arn:aws:sns:us-east-1:210987654321:ops-alerts', 'aws', account)).toBe(
			'arn:aws:sns:us-east-1:210987654321:ops-alerts is not a topic of this account (aws, 123456789012): choose one of its own topics.',
		);
	});

	it('names the topic, says what is missing or refused, and what a Deny means', () => {
		expect(topicNameOf(arn)).toBe('ops-alerts');
		expect(missingTopicSentence(arn)).toBe(
			`The chosen alert topic ${arn} does not exist: create it, or clear the alert topic setting (--alert-topic) to let iam-wizard create iam-wizard-alerts.`,
		);
		expect(chosenTopicRefused('It is a FIFO topic.')).toEqual({ area: 'alert topic', reason: 'It is a FIFO topic. The alerts go to iam-wizard-alerts instead.', findingIds: [] });
		expect(deniedTopicSentence(arn, 'Sid OnlyTls')).toBe(
			`The policy of the chosen alert topic ${arn} has a Deny (Sid OnlyTls) that may stop EventBridge publishing to it, so the alerts may never arrive: iam-wizard never changes an owner's statement; review that Deny, or clear the alert topic setting (--alert-topic) to use iam-wizard-alerts.`,
		);
		expect(eventBridgePublishStatement(arn, account)).toEqual({ Sid: 'EventBridgePublish', ...events, Condition: { StringEquals: { 'aws:SourceAccount': account } } });
	});

	it.each([
		['Action "*"', { ...events, Action: '*' }, true],
		['Publish among other actions', { ...events, Action: ['sns:Subscribe', 'sns:Publish'] }, true],
		['the topic among other resources', { ...events, Resource: ['arn:aws:sns:us-east-1:123456789012:other', arn] }, true],
		['an aws:SourceArn condition', { ...events, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:events:us-east-1:123456789012:rule/*' } } }, true],
		['another action only', { ...events, Action: 'sns:Subscribe' }, false],
		['another service', { ...events, Principal: { Service: 'sns.amazonaws.com' } }, false],
		['no principal', { ...events, Principal: undefined }, false],
		['a null principal', { ...events, Principal: null }, false],
		['NotAction', { ...events, Action: undefined, NotAction: 'sns:Subscribe' }, false],
		['NotPrincipal', { ...events, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }, false],
		['NotResource', { ...events, Resource: undefined, NotResource: 'arn:aws:sns:us-east-1:123456789012:other' }, false],
	])('an Allow with %s lets EventBridge publish: %s', (_name, statement, allowed) => {
		expect(lets(statement)).toBe(allowed);
	});

	it('skips statements that are not objects, and a policy without statements or not JSON', () => {
		expect(lets(null, 'junk', 7, events)).toBe(true);
		expect(topicLetsEventBridgePublish(JSON.stringify({ Version: '2012-10-17' }), arn)).toBe(false);
		expect(denied(null, 'junk', deny)).toMatch(/^statement \d$/);
	});

	it.each([
		['Publish among other actions', { ...deny, Action: ['sns:DeleteTopic', 'sns:Publish'] }, 'statement 1'],
		['a non-string action beside Publish', { ...deny, Action: [5, 'sns:Publish'] }, 'statement 1'],
		['no principal', { ...deny, Principal: undefined }, undefined],
		['a null principal', { ...deny, Principal: null }, undefined],
		['a null NotPrincipal (everyone)', { ...deny, Principal: undefined, NotPrincipal: null }, 'statement 1'],
		['NotAction naming Publish in capitals', { ...deny, Action: undefined, NotAction: 'SNS:PUBLISH' }, undefined],
		['NotResource naming another topic', { ...deny, Resource: undefined, NotResource: 'arn:aws:sns:us-east-1:123456789012:other' }, 'statement 1'],
		['NotResource naming the topic in capitals (ARNs are case-sensitive)', { ...deny, Resource: undefined, NotResource: arn.toUpperCase() }, 'statement 1'],
		['the topic in capitals', { ...deny, Resource: arn.toUpperCase() }, undefined],
		['a number as Sid', { ...deny, Sid: 5 }, 'statement 1'],
		['an empty Sid', { ...deny, Sid: '' }, 'statement 1'],
	])('a Deny with %s', (_name, statement, found) => {
		expect(denied(events, statement)?.replace('statement 2', 'statement 1')).toBe(found);
	});

	it('adds a Sid numbered past those taken, keeps the Version, and writes 2012-10-17 when there is none', () => {
		const taken = (sid: string) => ({ ...events, Sid: sid });
		const merged = JSON.parse(withEventBridgePublish(JSON.stringify({ Version: '2008-10-17', Statement: [taken('EventBridgePublish'), taken('EventBridgePublish2')] }), arn, account));
		expect(merged.Version).toBe('2008-10-17');
		expect(merged.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['EventBridgePublish', 'EventBridgePublish2', 'EventBridgePublish3']);
		// Text that is JSON but no object (`null`, a string, an array) is no policy either: never thrown on, never spread into keys.
		for (const none of [null, 'not json', 'null', '"text"', '[{"Sid":"a"}]', JSON.stringify({ Statement: ['junk', null, [{ Sid: 'nested' }]] })]) {
			const made = JSON.parse(withEventBridgePublish(none, arn, account));
			expect(made).toEqual({ Version: '2012-10-17', Statement: [eventBridgePublishStatement(arn, account)] });
		}
	});
});
