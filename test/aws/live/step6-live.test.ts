/**
 * The live adapter's step-6 calls, against mocked SDK clients: the proof of a rule runs
 * through EventBridge's TestEventPattern before PutRule (and a failing proof sends no
 * PutRule), and the new kinds send AWS's parameters.
 */
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeRuleCommand, PutRuleCommand, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { CreateServiceLinkedRoleCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { BatchEnableStandardsCommand, EnableSecurityHubCommand } from '@aws-sdk/client-securityhub';
import { SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Action, ActionKind, ActionParams, PatternProof } from '../../../source/core/actions.js';
import { awsError, fakeCredentialsInEnv, liveGateway, mocks, resetToQuietAccount } from './live-test-kit.js';

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
});

function action<K extends ActionKind>(kind: K, params: ActionParams[K], proof?: PatternProof): Action {
	return { kind, params, step: 6, findingIds: [], summary: kind, ...(proof ? { proof } : {}) } as unknown as Action;
}

const pattern = '{"detail":{"userIdentity":{"type":["Root"]}}}';
const proof: PatternProof = {
	samples: [
		{ name: 'root ConsoleLogin', event: '{"root":true}', expect: true },
		{ name: 'alice ConsoleLogin', event: '{"root":false}', expect: false },
	],
};
const rule = action('events:PutRule', { Name: 'iam-wizard-root-activity', EventPattern: pattern, State: 'ENABLED' }, proof);

describe('live step 6: a rule is proven with TestEventPattern before it is created', () => {
	it('tests each sample, then puts the rule', async () => {
		mocks.events.on(TestEventPatternCommand, { EventPattern: pattern, Event: '{"root":true}' }).resolves({ Result: true });
		mocks.events.on(TestEventPatternCommand, { EventPattern: pattern, Event: '{"root":false}' }).resolves({ Result: false });
		mocks.events.on(PutRuleCommand).resolves({ RuleArn: 'arn:aws:events:us-east-1:123456789012:rule/iam-wizard-root-activity' });
		const gateway = await liveGateway();

		const result = await gateway.apply(rule);

		expect(mocks.events.commandCalls(TestEventPatternCommand).map((c) => c.args[0].input.Event)).toEqual(['{"root":true}', '{"root":false}']);
		expect(mocks.events.commandCalls(PutRuleCommand)).toHaveLength(1);
		expect(result.outputs).toEqual({ RuleArn: 'arn:aws:events:us-east-1:123456789012:rule/iam-wizard-root-activity' });
	});

	it('never sends PutRule when the pattern matches what it must not', async () => {
		mocks.events.on(TestEventPatternCommand).resolves({ Result: true });
		const gateway = await liveGateway();

		await expect(gateway.apply(rule)).rejects.toMatchObject({ code: 'PatternProofFailed', message: expect.stringContaining('matches alice ConsoleLogin') });
		expect(mocks.events.commandCalls(PutRuleCommand)).toHaveLength(0);
	});

	it('reads the proof of the stored rule for verification, and of the action before the rule exists', async () => {
		mocks.events.on(DescribeRuleCommand).rejectsOnce(awsError('ResourceNotFoundException', 'Rule iam-wizard-root-activity does not exist.')).resolves({ Name: 'iam-wizard-root-activity', State: 'ENABLED', EventPattern: '{"source":["aws.iam"]}' });
		mocks.events.on(TestEventPatternCommand).resolves({ Result: false });
		const gateway = await liveGateway();

		expect(await gateway.readState(rule)).toEqual({ Rule: null, Proof: [{ name: 'root ConsoleLogin', expect: true, matched: false }, { name: 'alice ConsoleLogin', expect: false, matched: false }] });
		await gateway.readState(rule);
		expect(mocks.events.commandCalls(TestEventPatternCommand).map((c) => c.args[0].input.EventPattern)).toEqual([pattern, pattern, '{"source":["aws.iam"]}', '{"source":["aws.iam"]}']);
	});
});

describe('live step 6: the new kinds send AWS\'s parameters', () => {
	it('service-linked role, bucket and policy, topic policy, Security Hub, metric filter and alarm', async () => {
		mocks.iam.on(CreateServiceLinkedRoleCommand).resolves({ Role: { RoleName: 'AWSServiceRoleForConfig', Arn: 'arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig', Path: '/', RoleId: 'x', CreateDate: new Date() } });
		mocks.securityhub.on(BatchEnableStandardsCommand).resolves({ StandardsSubscriptions: [{ StandardsArn: 'arn:cis', StandardsSubscriptionArn: 'arn:sub', StandardsStatus: 'PENDING', StandardsInput: {} }] });
		mocks.s3.on(CreateBucketCommand).resolves({ Location: 'http://b.s3.amazonaws.com/' });
		const gateway = await liveGateway();

		const role = await gateway.apply(action('iam:CreateServiceLinkedRole', { AWSServiceName: 'config.amazonaws.com' }));
		await gateway.apply(action('s3:CreateBucket', { Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
		await gateway.apply(action('s3:PutBucketPolicy', { Bucket: 'b', Policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['config.amazonaws.com'] }, Action: ['s3:GetBucketAcl'], Resource: ['arn:aws:s3:::b'] }] } }));
		await gateway.apply(action('sns:SetTopicAttributes', { TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', AttributeName: 'Policy', AttributeValue: '{}' }));
		await gateway.apply(action('securityhub:EnableSecurityHub', { EnableDefaultStandards: false }));
		const standards = await gateway.apply(action('securityhub:BatchEnableStandards', { StandardsSubscriptionRequests: [{ StandardsArn: 'arn:cis' }] }));
		await gateway.apply(action('logs:PutMetricFilter', { logGroupName: 'g', filterName: 'f', filterPattern: '{ $.x = 1 }', metricTransformations: [{ metricName: 'm', metricNamespace: 'CISBenchmark', metricValue: '1' }] }));

		expect(role.outputs).toMatchObject({ RoleName: 'AWSServiceRoleForConfig' });
		expect(mocks.s3.commandCalls(CreateBucketCommand)[0]!.args[0].input).toEqual({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } });
		expect(JSON.parse(mocks.s3.commandCalls(PutBucketPolicyCommand)[0]!.args[0].input.Policy!)).toMatchObject({ Statement: [{ Principal: { Service: ['config.amazonaws.com'] } }] });
		expect(mocks.sns.commandCalls(SetTopicAttributesCommand)[0]!.args[0].input).toEqual({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', AttributeName: 'Policy', AttributeValue: '{}' });
		expect(mocks.securityhub.commandCalls(EnableSecurityHubCommand)[0]!.args[0].input).toEqual({ EnableDefaultStandards: false });
		expect(standards.outputs).toEqual({ 'arn:cis': 'arn:sub' });
		expect(mocks.logs.commandCalls(PutMetricFilterCommand)).toHaveLength(1);
		expect(mocks.cloudwatch.commandCalls(PutMetricAlarmCommand)).toHaveLength(0);
	});
});
