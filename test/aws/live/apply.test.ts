import { CreateAnalyzerCommand, UpdateFindingsCommand } from '@aws-sdk/client-accessanalyzer';
import { PutConfigRuleCommand } from '@aws-sdk/client-config-service';
import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
	CreatePolicyCommand as CreateIamPolicyCommand,
	CreatePolicyVersionCommand,
	DeleteAccountPasswordPolicyCommand,
	PutRolePolicyCommand,
	UpdateAccessKeyCommand,
	UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { AttachPolicyCommand, CreatePolicyCommand as CreateScpCommand, ListPoliciesCommand } from '@aws-sdk/client-organizations';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Action, ActionKind, ActionParams } from '../../../source/core/actions.js';
import type { PolicyDocument } from '../../../source/core/policy-document.js';
import { fakeCredentialsInEnv, liveGateway, mocks, resetToQuietAccount, sentCommandNames } from './live-test-kit.js';

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
});

function action<K extends ActionKind>(kind: K, params: ActionParams[K]): Action {
	return { kind, params, step: 3, findingIds: [], summary: kind } as unknown as Action;
}

const scoped: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::reports/*'] }],
};
const scopedJson = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::reports/*"]}]}';

describe('apply: one call per action, with exactly the action\'s parameters', () => {
	it('CreatePolicyVersion sends the document as a JSON string and returns the new VersionId', async () => {
		mocks.iam.on(CreatePolicyVersionCommand).resolves({ PolicyVersion: { VersionId: 'v3', IsDefaultVersion: true }, $metadata: { requestId: 'rq-1' } });
		const gateway = await liveGateway();

		const result = await gateway.apply(action('iam:CreatePolicyVersion', { PolicyArn: 'arn:aws:iam::123456789012:policy/app', PolicyDocument: scoped, SetAsDefault: true }));

		expect(mocks.iam.commandCalls(CreatePolicyVersionCommand).map((c) => c.args[0].input)).toEqual([
			{ PolicyArn: 'arn:aws:iam::123456789012:policy/app', PolicyDocument: scopedJson, SetAsDefault: true },
		]);
		expect(result).toEqual({ requestId: 'rq-1', outputs: { VersionId: 'v3' } });
		expect(sentCommandNames()).toEqual(['CreatePolicyVersionCommand']);
		expect(gateway.callCounts()).toEqual({ 'iam:CreatePolicyVersion': 1 });
	});

	it('PutRolePolicy, UpdateAccessKey and the password policy send AWS\'s parameters unchanged', async () => {
		const gateway = await liveGateway();

		await gateway.apply(action('iam:PutRolePolicy', { RoleName: 'etl', PolicyName: 'scoped', PolicyDocument: scoped }));
		await gateway.apply(action('iam:UpdateAccessKey', { UserName: 'alice', AccessKeyId: 'AKIAALICE1', Status: 'Inactive' }));
		await gateway.apply(action('iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14, PasswordReusePrevention: 24, RequireSymbols: true }));
		await gateway.apply(action('iam:DeleteAccountPasswordPolicy', {}));

		expect(mocks.iam.commandCalls(PutRolePolicyCommand)[0].args[0].input).toEqual({ RoleName: 'etl', PolicyName: 'scoped', PolicyDocument: scopedJson });
		expect(mocks.iam.commandCalls(UpdateAccessKeyCommand)[0].args[0].input).toEqual({ UserName: 'alice', AccessKeyId: 'AKIAALICE1', Status: 'Inactive' });
		expect(mocks.iam.commandCalls(UpdateAccountPasswordPolicyCommand)[0].args[0].input).toEqual({ MinimumPasswordLength: 14, PasswordReusePrevention: 24, RequireSymbols: true });
		expect(mocks.iam.commandCalls(DeleteAccountPasswordPolicyCommand)).toHaveLength(1);
		expect(sentCommandNames()).toHaveLength(4);
	});

	it('iam:CreatePolicy returns the new policy\'s ARN for the inverse', async () => {
		mocks.iam.on(CreateIamPolicyCommand).resolves({ Policy: { Arn: 'arn:aws:iam::123456789012:policy/boundary', PolicyId: 'ANPA1' } });
		const result = await (await liveGateway()).apply(action('iam:CreatePolicy', { PolicyName: 'boundary', PolicyDocument: scoped, Description: 'Boundary' }));
		expect(mocks.iam.commandCalls(CreateIamPolicyCommand)[0].args[0].input).toEqual({ PolicyName: 'boundary', PolicyDocument: scopedJson, Description: 'Boundary' });
		expect(result.outputs).toEqual({ PolicyArn: 'arn:aws:iam::123456789012:policy/boundary', PolicyId: 'ANPA1' });
	});

	it('organizations:CreatePolicy returns the PolicyId; AttachPolicy by name resolves it with ListPolicies', async () => {
		mocks.organizations.on(CreateScpCommand).resolves({ Policy: { PolicySummary: { Id: 'p-new', Arn: 'arn:aws:organizations::123456789012:policy/o-abc/service_control_policy/p-new' } } });
		mocks.organizations.on(ListPoliciesCommand).resolves({ Policies: [{ Id: 'p-full', Name: 'FullAWSAccess' }], NextToken: 'n1' });
		mocks.organizations.on(ListPoliciesCommand, { NextToken: 'n1' }).resolves({ Policies: [{ Id: 'p-new', Name: 'deny-without-mfa' }] });
		const gateway = await liveGateway();

		const created = await gateway.apply(
			action('organizations:CreatePolicy', { Name: 'deny-without-mfa', Description: 'Deny without MFA', Type: 'SERVICE_CONTROL_POLICY', Content: scoped }),
		);
		await gateway.apply(action('organizations:AttachPolicy', { PolicyName: 'deny-without-mfa', TargetId: 'ou-1' }));

		expect(mocks.organizations.commandCalls(CreateScpCommand)[0].args[0].input).toEqual({
			Name: 'deny-without-mfa',
			Description: 'Deny without MFA',
			Type: 'SERVICE_CONTROL_POLICY',
			Content: scopedJson,
		});
		expect(created.outputs?.PolicyId).toBe('p-new');
		expect(mocks.organizations.commandCalls(ListPoliciesCommand).map((c) => c.args[0].input)).toEqual([
			{ Filter: 'SERVICE_CONTROL_POLICY' },
			{ Filter: 'SERVICE_CONTROL_POLICY', NextToken: 'n1' },
		]);
		expect(mocks.organizations.commandCalls(AttachPolicyCommand)[0].args[0].input).toEqual({ PolicyId: 'p-new', TargetId: 'ou-1' });
	});

	it('refuses to attach a policy name that matches no SCP', async () => {
		mocks.organizations.on(ListPoliciesCommand).resolves({ Policies: [] });
		await expect((await liveGateway()).apply(action('organizations:AttachPolicy', { PolicyName: 'ghost', TargetId: 'r-1' }))).rejects.toMatchObject({
			code: 'PolicyNotFoundException',
			message: 'No service control policy is named "ghost", so organizations:AttachPolicy has nothing to act on.',
		});
		expect(mocks.organizations.commandCalls(AttachPolicyCommand)).toHaveLength(0);
	});

	it('Access Analyzer, Config, EventBridge and SNS kinds', async () => {
		mocks.accessAnalyzer.on(CreateAnalyzerCommand).resolves({ arn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/iam-wizard' });
		mocks.events.on(PutRuleCommand).resolves({ RuleArn: 'arn:aws:events:us-east-1:123456789012:rule/root-use' });
		mocks.events.on(PutTargetsCommand).resolves({ FailedEntryCount: 0, FailedEntries: [] });
		mocks.sns.on(CreateTopicCommand).resolves({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts' });
		const gateway = await liveGateway();

		const analyzer = await gateway.apply(action('access-analyzer:CreateAnalyzer', { analyzerName: 'iam-wizard', type: 'ACCOUNT' }));
		await gateway.apply(action('access-analyzer:UpdateFindings', { analyzerArn: 'arn:a', ids: ['f1', 'f2'], status: 'ARCHIVED' }));
		await gateway.apply(action('config:PutConfigRule', { ConfigRule: { ConfigRuleName: 'iam-password-policy', Source: { Owner: 'AWS', SourceIdentifier: 'IAM_PASSWORD_POLICY' } } }));
		const rule = await gateway.apply(action('events:PutRule', { Name: 'root-use', EventPattern: '{"detail":{"userIdentity":{"type":["Root"]}}}', State: 'ENABLED' }));
		await gateway.apply(action('events:PutTargets', { Rule: 'root-use', Targets: [{ id: 'alerts', arn: 'arn:aws:sns:us-east-1:123456789012:alerts' }] }));
		const topic = await gateway.apply(action('sns:CreateTopic', { Name: 'alerts' }));

		expect(analyzer.outputs).toEqual({ analyzerArn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/iam-wizard' });
		expect(mocks.accessAnalyzer.commandCalls(CreateAnalyzerCommand)[0].args[0].input).toEqual({ analyzerName: 'iam-wizard', type: 'ACCOUNT' });
		expect(mocks.accessAnalyzer.commandCalls(UpdateFindingsCommand)[0].args[0].input).toEqual({ analyzerArn: 'arn:a', ids: ['f1', 'f2'], status: 'ARCHIVED' });
		expect(mocks.config.commandCalls(PutConfigRuleCommand)[0].args[0].input).toEqual({
			ConfigRule: { ConfigRuleName: 'iam-password-policy', Source: { Owner: 'AWS', SourceIdentifier: 'IAM_PASSWORD_POLICY' } },
		});
		expect(mocks.events.commandCalls(PutRuleCommand)[0].args[0].input).toEqual({
			Name: 'root-use',
			EventPattern: '{"detail":{"userIdentity":{"type":["Root"]}}}',
			State: 'ENABLED',
			EventBusName: 'default',
		});
		expect(rule.outputs).toEqual({ RuleArn: 'arn:aws:events:us-east-1:123456789012:rule/root-use' });
		expect(mocks.events.commandCalls(PutTargetsCommand)[0].args[0].input).toEqual({
			Rule: 'root-use',
			EventBusName: 'default',
			Targets: [{ Id: 'alerts', Arn: 'arn:aws:sns:us-east-1:123456789012:alerts' }],
		});
		expect(topic.outputs).toEqual({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts' });
	});

	it('PutTargets fails when EventBridge reports a failed entry in a 200 answer', async () => {
		mocks.events.on(PutTargetsCommand).resolves({
			FailedEntryCount: 1,
			FailedEntries: [{ TargetId: 'alerts', ErrorCode: 'ConcurrentModificationException', ErrorMessage: 'Try again.' }],
		});
		await expect(
			(await liveGateway()).apply(action('events:PutTargets', { Rule: 'root-use', Targets: [{ id: 'alerts', arn: 'arn:aws:sns:us-east-1:123456789012:alerts' }] })),
		).rejects.toMatchObject({
			code: 'ConcurrentModificationException',
			message: 'events:PutTargets failed for 1 target of rule root-use (target alerts: ConcurrentModificationException, Try again).',
		});
	});
});
