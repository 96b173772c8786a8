import { GetFindingV2Command } from '@aws-sdk/client-accessanalyzer';
import { DescribeRuleCommand } from '@aws-sdk/client-eventbridge';
import {
	GetPolicyCommand,
	GetRoleCommand,
	GetRolePolicyCommand,
	ListAccessKeysCommand,
	ListPolicyVersionsCommand,
	type Role,
} from '@aws-sdk/client-iam';
import { GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Action, ActionKind, ActionParams } from '../../../source/core/actions.js';
import { inverseOf } from '../../../source/core/inverse-action.js';
import { awsError, fakeCredentialsInEnv, liveGateway, mocks, resetToQuietAccount, sentCommandNames } from './live-test-kit.js';

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
});

function action<K extends ActionKind>(kind: K, params: ActionParams[K]): Action {
	return { kind, params, step: 5, findingIds: [], summary: kind } as unknown as Action;
}

const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };

function role(extra: Partial<Role> = {}): Role {
	return { RoleName: 'etl', RoleId: 'AROA1', Arn: 'arn:aws:iam::123456789012:role/etl', Path: '/', CreateDate: new Date('2025-01-01T00:00:00Z'), ...extra };
}

describe('readState reads what the action replaces, from IAM itself', () => {
	it('UpdateAccessKey: the key\'s status from ListAccessKeys, not from the credential report', async () => {
		mocks.iam.on(ListAccessKeysCommand, { UserName: 'alice' }).resolves({
			AccessKeyMetadata: [
				{ UserName: 'alice', AccessKeyId: 'AKIAALICE1', Status: 'Inactive', CreateDate: new Date('2024-01-01T00:00:00Z') },
				{ UserName: 'alice', AccessKeyId: 'AKIAALICE2', Status: 'Active', CreateDate: new Date('2025-01-01T00:00:00Z') },
			],
		});
		const update = action('iam:UpdateAccessKey', { UserName: 'alice', AccessKeyId: 'AKIAALICE2', Status: 'Inactive' });

		const state = await (await liveGateway()).readState(update);

		expect(state).toEqual({ Status: 'Active' });
		expect(sentCommandNames()).toEqual(['ListAccessKeysCommand']);
		expect(inverseOf(update, state)?.params).toEqual({ UserName: 'alice', AccessKeyId: 'AKIAALICE2', Status: 'Active' });
	});

	it('UpdateAccessKey on a key the user does not have is NoSuchEntity', async () => {
		await expect((await liveGateway()).readState(action('iam:UpdateAccessKey', { UserName: 'alice', AccessKeyId: 'AKIAGONE', Status: 'Inactive' }))).rejects.toMatchObject({
			code: 'NoSuchEntity',
			message: 'Access key AKIAGONE of user alice does not exist, so there is nothing to read before iam:UpdateAccessKey.',
		});
	});

	it('CreatePolicyVersion: the default version and how many versions exist', async () => {
		const PolicyArn = 'arn:aws:iam::123456789012:policy/app';
		mocks.iam.on(GetPolicyCommand, { PolicyArn }).resolves({ Policy: { Arn: PolicyArn, DefaultVersionId: 'v4' } });
		mocks.iam.on(ListPolicyVersionsCommand, { PolicyArn }).resolves({
			Versions: [{ VersionId: 'v4', IsDefaultVersion: true }, { VersionId: 'v3' }, { VersionId: 'v2' }, { VersionId: 'v1' }, { VersionId: 'v0' }],
			IsTruncated: false,
		});

		const state = await (await liveGateway()).readState(action('iam:CreatePolicyVersion', { PolicyArn, PolicyDocument: { Statement: [] }, SetAsDefault: true }));

		expect(state).toEqual({ DefaultVersionId: 'v4', versionCount: 5 });
	});

	it('PutRolePermissionsBoundary: the boundary in place, or null when there is none', async () => {
		const put = action('iam:PutRolePermissionsBoundary', { RoleName: 'etl', PermissionsBoundary: 'arn:aws:iam::123456789012:policy/new-boundary' });
		mocks.iam
			.on(GetRoleCommand, { RoleName: 'etl' })
			.resolvesOnce({ Role: role({ PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/old-boundary' } }) })
			.resolves({ Role: role() });
		const gateway = await liveGateway();

		expect(await gateway.readState(put)).toEqual({ PermissionsBoundary: 'arn:aws:iam::123456789012:policy/old-boundary' });
		expect(await gateway.readState(put)).toEqual({ PermissionsBoundary: null });
		expect(mocks.iam.commandCalls(GetRoleCommand)[0].args[0].input).toEqual({ RoleName: 'etl' });
	});

	it('PutRolePolicy: the decoded inline document, or null on NoSuchEntity', async () => {
		mocks.iam.on(GetRolePolicyCommand, { RoleName: 'etl', PolicyName: 'inline' }).resolves({ RoleName: 'etl', PolicyName: 'inline', PolicyDocument: encodeURIComponent(JSON.stringify(doc)) });
		mocks.iam.on(GetRolePolicyCommand, { RoleName: 'etl', PolicyName: 'new' }).rejects(awsError('NoSuchEntity', 'The role policy with name new cannot be found.'));
		const gateway = await liveGateway();

		expect(await gateway.readState(action('iam:PutRolePolicy', { RoleName: 'etl', PolicyName: 'inline', PolicyDocument: { Statement: [] } }))).toEqual({
			PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }] },
		});
		expect(await gateway.readState(action('iam:PutRolePolicy', { RoleName: 'etl', PolicyName: 'new', PolicyDocument: { Statement: [] } }))).toEqual({ PolicyDocument: null });
	});

	it('UpdateAssumeRolePolicy: the trust document GetRole returns, decoded', async () => {
		const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' }] };
		mocks.iam.on(GetRoleCommand).resolves({ Role: role({ AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)) }) });
		const state = await (await liveGateway()).readState(action('iam:UpdateAssumeRolePolicy', { RoleName: 'etl', PolicyDocument: { Statement: [] } }));
		expect(state).toEqual({
			PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::999999999999:root'] }, Action: ['sts:AssumeRole'] }] },
		});
	});

	it('other services: rule, findings, and whether a topic exists', async () => {
		mocks.events.on(DescribeRuleCommand).rejects(awsError('ResourceNotFoundException', 'Rule root-use does not exist on EventBus default.'));
		mocks.accessAnalyzer.on(GetFindingV2Command, { id: 'f1' }).resolves({ id: 'f1', status: 'ACTIVE' } as never);
		mocks.accessAnalyzer.on(GetFindingV2Command, { id: 'gone' }).rejects(awsError('ResourceNotFoundException', 'Finding not found'));
		// SNS is a query-protocol service: the SDK names the class NotFoundException and keeps AWS's code, NotFound.
		mocks.sns.on(GetTopicAttributesCommand).rejects(Object.assign(awsError('NotFoundException', 'Topic does not exist'), { Code: 'NotFound' }));
		const gateway = await liveGateway();

		expect(await gateway.readState(action('events:PutRule', { Name: 'root-use', EventPattern: '{}', State: 'ENABLED' }))).toEqual({ Rule: null });
		expect(await gateway.readState(action('access-analyzer:UpdateFindings', { analyzerArn: 'arn:a', ids: ['f1', 'gone'], status: 'ARCHIVED' }))).toEqual({ statuses: { f1: 'ACTIVE' } });
		expect(await gateway.readState(action('sns:CreateTopic', { Name: 'alerts' }))).toEqual({ exists: false });
		expect(mocks.sns.commandCalls(GetTopicAttributesCommand)[0].args[0].input).toEqual({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts' });
	});
});
