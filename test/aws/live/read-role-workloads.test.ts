/**
 * The live read of the workloads that run with a role: Lambda functions, EC2 instances (the
 * role through the instance profile), CloudFormation stacks and CodeBuild projects, every
 * page, in the scan's region. A denied service is named in notEvaluated and left unread; the
 * others still count as read.
 */
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { BatchGetProjectsCommand, ListProjectsCommand } from '@aws-sdk/client-codebuild';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { GetAccountAuthorizationDetailsCommand } from '@aws-sdk/client-iam';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { accountId, asSdkResponse, awsError, fakeCredentialsInEnv, liveGateway, mocks, resetToQuietAccount } from './live-test-kit.js';

const role = (name: string, profiles: string[] = []) =>
	asSdkResponse({
		RoleName: name,
		RoleId: `AROA${name.toUpperCase()}`,
		Arn: `arn:aws:iam::${accountId}:role/${name}`,
		Path: '/',
		CreateDate: '2025-01-01T00:00:00Z',
		AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
		RolePolicyList: [],
		AttachedManagedPolicies: [],
		InstanceProfileList: profiles.map((p) => ({ InstanceProfileName: p, Arn: `arn:aws:iam::${accountId}:instance-profile/apps/${p}` })),
	});
const roleArn = (name: string) => `arn:aws:iam::${accountId}:role/${name}`;
const fn = (name: string) => `arn:aws:lambda:us-east-1:${accountId}:function:${name}`;

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
	mocks.iam.on(GetAccountAuthorizationDetailsCommand).resolves({ RoleDetailList: [role('web-host', ['web']), role('orders')] as never, IsTruncated: false });
});

describe('readAccount: the workloads that run with a role', () => {
	it('follows every page of each service and resolves an instance profile to its role', async () => {
		mocks.lambda
			.on(ListFunctionsCommand)
			.resolves({ Functions: [{ FunctionArn: fn('orders-api'), Role: roleArn('orders') }], NextMarker: 'f2' })
			.on(ListFunctionsCommand, { Marker: 'f2' })
			.resolves({ Functions: [{ FunctionArn: fn('billing'), Role: roleArn('orders') }] });
		mocks.ec2
			.on(DescribeInstancesCommand)
			.resolves({ Reservations: [{ OwnerId: accountId, Instances: [{ InstanceId: 'i-1', IamInstanceProfile: { Arn: `arn:aws:iam::${accountId}:instance-profile/apps/web` } }, { InstanceId: 'i-2' }] }], NextToken: 'i2' })
			.on(DescribeInstancesCommand, { NextToken: 'i2' })
			.resolves({ Reservations: [{ OwnerId: accountId, Instances: [{ InstanceId: 'i-3', IamInstanceProfile: { Arn: `arn:aws:iam::${accountId}:instance-profile/web` } }] }] });
		const stack = (name: string, status: string) => ({ StackName: name, StackId: `arn:aws:cloudformation:us-east-1:${accountId}:stack/${name}/1`, RoleARN: roleArn('orders'), StackStatus: status as never, CreationTime: new Date() });
		mocks.cloudformation
			.on(DescribeStacksCommand)
			.resolves({ Stacks: [stack('app', 'UPDATE_COMPLETE')], NextToken: 's2' })
			.on(DescribeStacksCommand, { NextToken: 's2' })
			.resolves({ Stacks: [stack('gone', 'DELETE_COMPLETE'), { StackName: 'no-role', StackId: 'arn:stack/no-role', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date() }] });
		const names = Array.from({ length: 150 }, (_, i) => `project-${i}`);
		mocks.codebuild
			.on(ListProjectsCommand)
			.resolves({ projects: names.slice(0, 100), nextToken: 'p2' })
			.on(ListProjectsCommand, { nextToken: 'p2' })
			.resolves({ projects: names.slice(100) });
		mocks.codebuild.on(BatchGetProjectsCommand).callsFake((input: { names: string[] }) => ({
			projects: input.names.map((name) => ({ name, arn: `arn:aws:codebuild:us-east-1:${accountId}:project/${name}`, serviceRole: name === 'project-0' ? 'orders' : roleArn('orders') })),
		}));

		const gateway = await liveGateway();
		const model = await gateway.readAccount();

		expect(model.notEvaluated).toEqual([]);
		const w = model.roleWorkloads!;
		expect(w.region).toBe('us-east-1');
		expect(w.read).toEqual(['lambda.amazonaws.com', 'ec2.amazonaws.com', 'cloudformation.amazonaws.com', 'codebuild.amazonaws.com']);
		expect(w.unread).toEqual([{ service: 'glue.amazonaws.com', reason: 'iam-wizard does not read Glue development endpoints yet' }]);
		const of = (service: string) => w.workloads.filter((x) => x.service === service).map((x) => `${x.resourceArn} ${x.roleArn}`);
		expect(of('lambda.amazonaws.com')).toEqual([`${fn('orders-api')} ${roleArn('orders')}`, `${fn('billing')} ${roleArn('orders')}`]);
		expect(of('ec2.amazonaws.com')).toEqual([`arn:aws:ec2:us-east-1:${accountId}:instance/i-1 ${roleArn('web-host')}`, `arn:aws:ec2:us-east-1:${accountId}:instance/i-3 ${roleArn('web-host')}`]);
		expect(of('cloudformation.amazonaws.com')).toEqual([`arn:aws:cloudformation:us-east-1:${accountId}:stack/app/1 ${roleArn('orders')}`]);
		expect(of('codebuild.amazonaws.com')).toHaveLength(150);
		// A service role given by name is the account's role of that name.
		expect(of('codebuild.amazonaws.com')[0]).toBe(`arn:aws:codebuild:us-east-1:${accountId}:project/project-0 ${roleArn('orders')}`);
		expect(mocks.codebuild.commandCalls(BatchGetProjectsCommand).map((c) => c.args[0].input.names!.length)).toEqual([100, 50]);
		expect(mocks.ec2.commandCalls(DescribeInstancesCommand)[0]!.args[0].input.Filters).toEqual([{ Name: 'instance-state-name', Values: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'] }]);
		expect(gateway.callCounts()).toMatchObject({ 'lambda:ListFunctions': 2, 'ec2:DescribeInstances': 2, 'cloudformation:DescribeStacks': 2, 'codebuild:ListProjects': 2, 'codebuild:BatchGetProjects': 2 });
	});

	it('a denied service is not evaluated, naming the call; the others still count as read', async () => {
		mocks.lambda.on(ListFunctionsCommand).rejects(awsError('AccessDeniedException', `User: arn:aws:iam::${accountId}:user/admin is not authorized to perform: lambda:ListFunctions`, { httpStatusCode: 403 }));
		mocks.codebuild.on(ListProjectsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', { httpStatusCode: 403 }));

		const model = await (await liveGateway()).readAccount();

		expect(model.notEvaluated).toEqual([
			{
				area: 'lambda-functions',
				reason:
					'Access denied to lambda:ListFunctions: grant lambda:ListFunctions to the caller (policies/scan-only.json grants every read a scan makes); escalation paths through Lambda functions are reported as conditional "if such a resource exists".',
				findingIds: [],
			},
			{
				area: 'codebuild-projects',
				reason:
					'Access denied to codebuild:ListProjects: grant codebuild:ListProjects to the caller (policies/scan-only.json grants every read a scan makes); escalation paths through CodeBuild projects are reported as conditional "if such a resource exists".',
				findingIds: [],
			},
		]);
		expect(model.roleWorkloads?.read).toEqual(['ec2.amazonaws.com', 'cloudformation.amazonaws.com']);
		expect(model.roleWorkloads?.unread.map((u) => u.service)).toEqual(['lambda.amazonaws.com', 'codebuild.amazonaws.com', 'glue.amazonaws.com']);
		expect(model.roleWorkloads?.unread[0]!.reason).toBe('Access denied to lambda:ListFunctions: grant lambda:ListFunctions to the caller (policies/scan-only.json grants every read a scan makes).');
	});

	it('expired credentials while reading them stop the scan, as for every other read', async () => {
		mocks.ec2.on(DescribeInstancesCommand).rejects(awsError('ExpiredToken', 'The security token included in the request is expired'));
		await expect((await liveGateway()).readAccount()).rejects.toMatchObject({ code: 'ExpiredToken' });
	});
});
