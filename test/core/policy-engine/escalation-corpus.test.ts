/**
 * A corpus of principals with expected escalation methods: for every method of FINDINGS.md
 * one principal that can use it and one that looks close but cannot (an explicit Deny, a
 * boundary, a resource scoped to itself, a PassRole condition, a missing second action).
 */
import { describe, expect, it } from 'vitest';
import type { AccountModel, Group, Role, User } from '../../../source/core/model.js';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { escalationMethodNames } from '../../../source/core/finding-catalogue.js';
import { escalationMethods, type EscalationMethod } from '../../../source/core/policy-engine/escalation-methods.js';
import { escalationTargets, findEscalations } from '../../../source/core/policy-engine/find-escalations.js';
import { principalPolicies } from '../../../source/core/policy-engine/principal-policies.js';
import { effectivePermissions } from '../../../source/core/policy-engine/effective-permissions.js';
import { loadIamCatalogue } from '../../../source/aws/iam-catalogue.js';
import { buildGroup, buildModel, buildPolicy, buildRole, buildUser, customerManagedRef, groupArn, roleArn, userArn } from '../../helpers/model-builder.js';

type Raw = Record<string, unknown>;
const doc = (...statements: Raw[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource: string | string[] = '*', extra: Raw = {}): Raw => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const deny = (action: string | string[], resource: string | string[] = '*', extra: Raw = {}): Raw => ({ Effect: 'Deny', Action: action, Resource: resource, ...extra });
const inline = (...statements: Raw[]) => [{ name: 'p', document: doc(...statements) }];
const A = 'arn:aws:iam::123456789012';
const catalogue = (await loadIamCatalogue())!;

interface Case {
	why: string;
	user?: Partial<User>;
	role?: Partial<Role>;
	groups?: Group[];
	/** Extra model parts (other principals, policies) the case needs. */
	model?: Partial<AccountModel>;
}

const boundaryPolicy = buildPolicy('no-iam-boundary', { versions: [{ versionId: 'v1', isDefault: true, createDate: '2020-01-01T00:00:00Z', document: doc(allow(['s3:*', 'ec2:*', 'lambda:*', 'glue:*', 'cloudformation:*', 'datapipeline:*'])) }] });
const otherUsers = [buildUser('admin-user'), buildUser('victim')];
const serviceRole = (name: string, service: string) =>
	buildRole(name, { trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }] } });
// Roles the PassRole methods can pass: each trusts the service it is passed to.
const otherRoles = [
	buildRole('admin-role'),
	buildRole('batch-worker'),
	serviceRole('lambda-admin', 'lambda.amazonaws.com'),
	serviceRole('stack-admin', 'cloudformation.amazonaws.com'),
	serviceRole('pipeline-admin', 'datapipeline.amazonaws.com'),
	serviceRole('glue-admin', 'glue.amazonaws.com'),
	serviceRole('build-admin', 'codebuild.amazonaws.com'),
	serviceRole('sagemaker-admin', 'sagemaker.amazonaws.com'),
	serviceRole('ecs-task-admin', 'ecs-tasks.amazonaws.com'),
	serviceRole('instance-admin', 'ec2.amazonaws.com'),
];

/** AssumeRole is decided by trust policies, in the principal graph (principal-graph.test.ts). */
const corpus: Record<Exclude<EscalationMethod, 'AssumeRole'>, { positive: Case; negative: Case }> = {
	CreatePolicyVersion: {
		positive: { why: 'CreatePolicyVersion on policy/*', user: { inlinePolicies: inline(allow('iam:CreatePolicyVersion', `${A}:policy/*`)) } },
		negative: { why: 'the same allow, explicitly denied', user: { inlinePolicies: inline(allow('iam:CreatePolicyVersion', `${A}:policy/*`), deny('iam:CreatePolicyVersion')) } },
	},
	SetDefaultPolicyVersion: {
		positive: { why: 'SetDefaultPolicyVersion on *', role: { inlinePolicies: inline(allow('iam:SetDefaultPolicyVersion')) } },
		negative: { why: 'only reading policy versions', role: { inlinePolicies: inline(allow(['iam:GetPolicyVersion', 'iam:ListPolicyVersions'])) } },
	},
	PassRoleEC2: {
		positive: { why: 'PassRole on role/* and RunInstances', role: { inlinePolicies: inline(allow('iam:PassRole', `${A}:role/*`), allow('ec2:RunInstances')) } },
		negative: {
			why: 'PassRole only of batch-worker and only to ECS tasks',
			role: { inlinePolicies: inline(allow('iam:PassRole', roleArn('batch-worker'), { Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } }), allow('ec2:RunInstances')) },
		},
	},
	CreateAccessKey: {
		positive: { why: 'CreateAccessKey on user/*', user: { inlinePolicies: inline(allow('iam:CreateAccessKey', `${A}:user/*`)) } },
		negative: { why: 'CreateAccessKey on its own user only (${aws:username})', user: { inlinePolicies: inline(allow('iam:CreateAccessKey', `${A}:user/\${aws:username}`)) } },
	},
	CreateLoginProfile: {
		positive: { why: 'CreateLoginProfile on user/*, via a group', user: { groups: ['helpdesk'] }, groups: [buildGroup('helpdesk', { inlinePolicies: inline(allow('iam:CreateLoginProfile', `${A}:user/*`)) })] },
		negative: { why: 'CreateLoginProfile on its own user only', user: { inlinePolicies: inline(allow('iam:CreateLoginProfile', `${A}:user/\${aws:username}`)) } },
	},
	UpdateLoginProfile: {
		positive: { why: 'UpdateLoginProfile on user/*', user: { inlinePolicies: inline(allow('iam:UpdateLoginProfile', `${A}:user/*`)) } },
		negative: { why: 'UpdateLoginProfile allowed, but a boundary allows no IAM', user: { inlinePolicies: inline(allow('iam:UpdateLoginProfile', `${A}:user/*`)), permissionsBoundary: boundaryPolicy.arn } },
	},
	AttachUserPolicy: {
		positive: { why: 'AttachUserPolicy on *', user: { inlinePolicies: inline(allow('iam:AttachUserPolicy')) } },
		negative: { why: 'AttachUserPolicy allowed by one policy, denied by another', user: { inlinePolicies: [{ name: 'a', document: doc(allow('iam:AttachUserPolicy')) }, { name: 'd', document: doc(deny(['iam:Attach*'])) }] } },
	},
	AttachGroupPolicy: {
		positive: { why: 'AttachGroupPolicy on * and a member of a group', user: { groups: ['devs'], inlinePolicies: inline(allow('iam:AttachGroupPolicy')) }, groups: [buildGroup('devs')] },
		negative: { why: 'AttachGroupPolicy on * but in no group', user: { inlinePolicies: inline(allow('iam:AttachGroupPolicy')) }, groups: [buildGroup('devs')] },
	},
	AttachRolePolicy: {
		positive: { why: 'AttachRolePolicy on role/*', role: { inlinePolicies: inline(allow('iam:AttachRolePolicy', `${A}:role/*`)) } },
		negative: { why: 'AttachRolePolicy allowed, boundary allows no IAM', role: { inlinePolicies: inline(allow('iam:AttachRolePolicy', `${A}:role/*`)), permissionsBoundary: boundaryPolicy.arn } },
	},
	PutUserPolicy: {
		positive: { why: 'PutUserPolicy on *, through a managed policy', user: { attachedPolicies: [customerManagedRef('iam-writes')] }, model: { policies: [buildPolicy('iam-writes', { versions: [{ versionId: 'v1', isDefault: true, createDate: '2020-01-01T00:00:00Z', document: doc(allow('iam:PutUserPolicy')) }] })] } },
		negative: { why: 'a Deny with NotAction s3:* covers iam:PutUserPolicy', user: { inlinePolicies: inline(allow('iam:PutUserPolicy'), { Effect: 'Deny', NotAction: ['s3:*'], Resource: '*' }) } },
	},
	PutGroupPolicy: {
		positive: { why: 'PutGroupPolicy on its own group', user: { groups: ['oncall'] }, groups: [buildGroup('oncall', { inlinePolicies: inline(allow('iam:PutGroupPolicy', groupArn('oncall'))) })] },
		negative: { why: 'PutGroupPolicy on a group it is not in', user: { groups: ['oncall'], inlinePolicies: inline(allow('iam:PutGroupPolicy', groupArn('admins'))) }, groups: [buildGroup('oncall'), buildGroup('admins')] },
	},
	PutRolePolicy: {
		positive: { why: 'PutRolePolicy on role/app-* where an app role exists', role: { inlinePolicies: inline(allow('iam:PutRolePolicy', `${A}:role/app-*`)) }, model: { roles: [buildRole('app-api')] } },
		negative: { why: 'PutRolePolicy with NotResource covering every role', role: { inlinePolicies: inline({ Effect: 'Allow', Action: 'iam:PutRolePolicy', NotResource: `${A}:role/*` }) } },
	},
	AddUserToGroup: {
		positive: { why: 'AddUserToGroup on group/*', user: { inlinePolicies: inline(allow('iam:AddUserToGroup', `${A}:group/*`)) }, groups: [buildGroup('admins')] },
		negative: { why: 'a role cannot add itself to a group', role: { inlinePolicies: inline(allow('iam:AddUserToGroup', `${A}:group/*`)) }, groups: [buildGroup('admins')] },
	},
	UpdateAssumeRolePolicy: {
		positive: { why: 'UpdateAssumeRolePolicy on role/*', role: { inlinePolicies: inline(allow('iam:UpdateAssumeRolePolicy', `${A}:role/*`)) } },
		negative: { why: 'allowed on *, denied on role/*: the explicit Deny wins', role: { inlinePolicies: inline(allow('iam:UpdateAssumeRolePolicy'), deny('iam:UpdateAssumeRolePolicy', `${A}:role/*`)) } },
	},
	PassRoleLambda: {
		positive: { why: 'PassRole *, CreateFunction, InvokeFunction', role: { inlinePolicies: inline(allow('iam:PassRole'), allow(['lambda:CreateFunction', 'lambda:InvokeFunction'])) } },
		negative: { why: 'PassRole and CreateFunction but no InvokeFunction', role: { inlinePolicies: inline(allow('iam:PassRole'), allow(['lambda:CreateFunction'])) } },
	},
	PassRoleLambdaDynamoDB: {
		positive: { why: 'PassRole, CreateFunction, CreateEventSourceMapping', user: { inlinePolicies: inline(allow('iam:PassRole'), allow(['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'])) } },
		negative: { why: 'PassRole only to EC2', user: { inlinePolicies: inline(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }), allow(['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'])) } },
	},
	UpdateFunctionCode: {
		positive: { why: 'lambda:Update* on *', role: { inlinePolicies: inline(allow('lambda:Update*')) } },
		negative: { why: 'only UpdateFunctionConfiguration', role: { inlinePolicies: inline(allow('lambda:UpdateFunctionConfiguration')) } },
	},
	PassRoleGlue: {
		positive: { why: 'PassRole on role/* and glue:CreateDevEndpoint', user: { groups: ['data'] }, groups: [buildGroup('data', { inlinePolicies: inline(allow('iam:PassRole', `${A}:role/*`), allow('glue:CreateDevEndpoint')) })] },
		negative: { why: 'glue:CreateDevEndpoint without PassRole', user: { inlinePolicies: inline(allow('glue:CreateDevEndpoint')) } },
	},
	UpdateGlueDevEndpoint: {
		positive: { why: 'glue:UpdateDevEndpoint on *', role: { inlinePolicies: inline(allow('glue:UpdateDevEndpoint')) } },
		negative: { why: 'glue:UpdateDevEndpoint on another account\'s endpoints only', role: { inlinePolicies: inline(allow('glue:UpdateDevEndpoint', 'arn:aws:glue:us-east-1:999999999999:devEndpoint/*')) } },
	},
	PassRoleCloudFormation: {
		positive: { why: 'PassRole * and CreateStack', user: { inlinePolicies: inline(allow('iam:PassRole'), allow('cloudformation:CreateStack')) } },
		negative: { why: 'read-only (Get*, List*, Describe*)', user: { inlinePolicies: inline(allow(['iam:Get*', 'iam:List*', 'cloudformation:Describe*'])) } },
	},
	PassRoleDataPipeline: {
		positive: { why: 'PassRole and datapipeline:*', role: { inlinePolicies: inline(allow('iam:PassRole'), allow('datapipeline:*')) } },
		negative: { why: 'datapipeline:* but PassRole only to Lambda', role: { inlinePolicies: inline(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }), allow('datapipeline:*')) } },
	},
	CodeBuildCreateProject: {
		positive: { why: 'PassRole, codebuild:CreateProject and StartBuild', user: { inlinePolicies: inline(allow('iam:PassRole'), allow(['codebuild:CreateProject', 'codebuild:StartBuild'])) } },
		negative: { why: 'CreateProject and StartBuild, PassRole denied', user: { inlinePolicies: inline(allow('iam:PassRole'), allow(['codebuild:CreateProject', 'codebuild:StartBuild']), deny('iam:PassRole')) } },
	},
	CodeBuildStartBuild: {
		positive: { why: 'codebuild:StartBuild on project/*', role: { inlinePolicies: inline(allow('codebuild:StartBuild', 'arn:aws:codebuild:us-east-1:123456789012:project/*')) } },
		negative: { why: 'only codebuild:BatchGetBuilds', role: { inlinePolicies: inline(allow('codebuild:BatchGetBuilds')) } },
	},
	SageMakerCreateNotebookInstance: {
		positive: { why: 'PassRole to SageMaker, CreateNotebookInstance, CreatePresignedNotebookInstanceUrl', user: { inlinePolicies: inline(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } }), allow(['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'])) } },
		negative: { why: 'PassRole to SageMaker only under a boundary without IAM', user: { inlinePolicies: inline(allow('iam:PassRole'), allow(['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'])), permissionsBoundary: boundaryPolicy.arn } },
	},
	SageMakerCreateTrainingJob: {
		positive: { why: 'PassRole and sagemaker:CreateTrainingJob', role: { inlinePolicies: inline(allow('iam:PassRole'), allow('sagemaker:CreateTrainingJob')) } },
		negative: { why: 'sagemaker:CreateTrainingJob, PassRole only to Glue', role: { inlinePolicies: inline(allow('iam:PassRole', '*', { Condition: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } } }), allow('sagemaker:CreateTrainingJob')) } },
	},
	SageMakerCreateProcessingJob: {
		positive: { why: 'PassRole and sagemaker:CreateProcessingJob', role: { inlinePolicies: inline(allow('iam:PassRole'), allow('sagemaker:CreateProcessingJob')) } },
		negative: { why: 'sagemaker:CreateProcessingJob without PassRole', role: { inlinePolicies: inline(allow('sagemaker:CreateProcessingJob')) } },
	},
	LambdaAddPermission: {
		positive: { why: 'PassRole, CreateFunction and AddPermission', user: { inlinePolicies: inline(allow('iam:PassRole'), allow(['lambda:CreateFunction', 'lambda:AddPermission'])) } },
		negative: { why: 'CreateFunction and AddPermission, PassRole only of a role no service trusts', user: { inlinePolicies: inline(allow('iam:PassRole', roleArn('admin-role')), allow(['lambda:CreateFunction', 'lambda:AddPermission'])) } },
	},
	GlueCreateJob: {
		positive: { why: 'PassRole, glue:CreateJob and StartJobRun', role: { inlinePolicies: inline(allow('iam:PassRole'), allow(['glue:CreateJob', 'glue:StartJobRun'])) } },
		negative: { why: 'glue:CreateJob and StartJobRun denied by a Deny on glue:*', role: { inlinePolicies: inline(allow('iam:PassRole'), allow(['glue:CreateJob', 'glue:StartJobRun']), deny('glue:*')) } },
	},
	ECSRunTask: {
		positive: { why: 'PassRole to ECS tasks, RegisterTaskDefinition and RunTask', user: { inlinePolicies: inline(allow('iam:PassRole', roleArn('ecs-task-admin')), allow(['ecs:RegisterTaskDefinition', 'ecs:RunTask'])) } },
		negative: { why: 'PassRole of the ECS role but only to EC2', user: { inlinePolicies: inline(allow('iam:PassRole', roleArn('ecs-task-admin'), { Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }), allow(['ecs:RegisterTaskDefinition', 'ecs:RunTask'])) } },
	},
	CloudFormationUpdateStack: {
		positive: { why: 'cloudformation:UpdateStack on stack/*', role: { inlinePolicies: inline(allow('cloudformation:UpdateStack', 'arn:aws:cloudformation:us-east-1:123456789012:stack/*')) } },
		negative: { why: 'cloudformation:UpdateStack on another account\'s stacks', role: { inlinePolicies: inline(allow('cloudformation:UpdateStack', 'arn:aws:cloudformation:us-east-1:999999999999:stack/*')) } },
	},
	CloudFormationCreateChangeSet: {
		positive: { why: 'PassRole, CreateChangeSet and ExecuteChangeSet', user: { inlinePolicies: inline(allow('iam:PassRole'), allow(['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'])) } },
		negative: { why: 'PassRole and CreateChangeSet, no ExecuteChangeSet', user: { inlinePolicies: inline(allow('iam:PassRole'), allow(['cloudformation:CreateChangeSet'])) } },
	},
	CloudFormationCreateStackSet: {
		positive: { why: 'PassRole, CreateStackSet and CreateStackInstances', role: { inlinePolicies: inline(allow('iam:PassRole'), allow(['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'])) } },
		negative: { why: 'PassRole and CreateStackSet, no CreateStackInstances', role: { inlinePolicies: inline(allow('iam:PassRole'), allow(['cloudformation:CreateStackSet'])) } },
	},
	SSMSendCommand: {
		positive: { why: 'ssm:SendCommand on *', user: { inlinePolicies: inline(allow('ssm:SendCommand')) } },
		negative: { why: 'ssm:SendCommand only on documents, not instances', user: { inlinePolicies: inline(allow('ssm:SendCommand', 'arn:aws:ssm:us-east-1:123456789012:document/*')) } },
	},
	SSMStartSession: {
		positive: { why: 'ssm:StartSession on *', role: { inlinePolicies: inline(allow('ssm:StartSession')) } },
		negative: { why: 'ssm:StartSession denied on every instance', role: { inlinePolicies: inline(allow('ssm:StartSession'), deny('ssm:StartSession', 'arn:aws:ec2:*:*:instance/*')) } },
	},
	EC2InstanceConnect: {
		positive: { why: 'ec2-instance-connect:SendSSHPublicKey on *', user: { inlinePolicies: inline(allow('ec2-instance-connect:SendSSHPublicKey')) } },
		negative: { why: 'only ec2-instance-connect:OpenTunnel', user: { inlinePolicies: inline(allow('ec2-instance-connect:OpenTunnel')) } },
	},
};

function methodsOf(c: Case): EscalationMethod[] {
	const subject = c.user ? buildUser('subject', c.user) : buildRole('subject', c.role);
	const extra = c.model ?? {};
	const model = buildModel({
		users: [...(c.user ? [subject as User] : []), ...otherUsers],
		roles: [...(c.role ? [subject as Role] : []), ...otherRoles, ...(extra.roles ?? [])],
		groups: c.groups ?? [],
		policies: [boundaryPolicy, buildPolicy('some-customer-policy'), ...(extra.policies ?? [])],
	});
	const type = c.user ? 'user' : 'role';
	const targets = escalationTargets(model);
	// As the principal graph asks: methods whose actions are outside the effective permissions skipped unexamined.
	const set = principalPolicies(model, subject, type);
	const filtered = findEscalations(set, targets, { catalogue, permissions: effectivePermissions(set, catalogue) }).map((e) => e.method);
	// The skip never changes the answer (a set of its own: each set remembers its decisions).
	expect(filtered).toEqual(findEscalations(principalPolicies(model, subject, type), targets).map((e) => e.method));
	return filtered;
}

describe('the escalation corpus', () => {
	it('covers every method FINDINGS.md lists', () => {
		expect(Object.keys(corpus).sort()).toEqual(escalationMethods.map((m) => m.method).filter((m) => m !== 'AssumeRole').sort());
		expect(escalationMethods.map((m) => m.method).sort()).toEqual([...escalationMethodNames].sort());
	});

	for (const [method, { positive, negative }] of Object.entries(corpus)) {
		it(`${method}: found when ${positive.why}`, () => {
			expect(methodsOf(positive)).toContain(method);
		});
		it(`${method}: not found when ${negative.why}`, () => {
			expect(methodsOf(negative)).not.toContain(method);
		});
	}

	it('passing only itself, or only a service-linked role, is no PassRole escalation', () => {
		const self = methodsOf({ why: '', role: { inlinePolicies: inline(allow('iam:PassRole', roleArn('subject')), allow('ec2:RunInstances')) } });
		expect(self).not.toContain('PassRoleEC2');
		const slr = methodsOf({
			why: '',
			role: { inlinePolicies: inline(allow('iam:PassRole', roleArn('AWSServiceRoleForX', '/aws-service-role/x.amazonaws.com/')), allow('ec2:RunInstances')) },
			model: { roles: [buildRole('AWSServiceRoleForX', { path: '/aws-service-role/x.amazonaws.com/' })] },
		});
		expect(slr).not.toContain('PassRoleEC2');
		const other = methodsOf({ why: '', role: { inlinePolicies: inline(allow('iam:PassRole', roleArn('admin-role')), allow('ec2:RunInstances')) } });
		expect(other).toContain('PassRoleEC2');
	});

	it('names the method for CreateAccessKey on another user even when the subject may also rotate its own keys', () => {
		const methods = methodsOf({ why: '', user: { inlinePolicies: inline(allow('iam:CreateAccessKey', `${A}:user/\${aws:username}`), allow('iam:CreateAccessKey', userArn('victim'))) } });
		expect(methods).toEqual(['CreateAccessKey']);
	});
});

describe('PassRole needs a role the service can assume', () => {
	it('is no escalation when no role in the account trusts the service', async () => {
		const { findEscalations, escalationTargets } = await import('../../../source/core/policy-engine/find-escalations.js');
		const { principalPolicies } = await import('../../../source/core/policy-engine/principal-policies.js');
		const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: ['*'] }] };
		const subject = buildUser('subject', { inlinePolicies: [{ name: 'p', document: policy }] });
		const onlyEc2 = buildModel({ users: [subject], roles: [buildRole('ec2-only')] });
		const withLambda = buildModel({ users: [subject], roles: [buildRole('ec2-only'), serviceRole('fn', 'lambda.amazonaws.com')] });
		const methods = (model: ReturnType<typeof buildModel>) => findEscalations(principalPolicies(model, model.users[0]!, 'user'), escalationTargets(model)).map((f) => f.method);
		expect(methods(onlyEc2)).not.toContain('PassRoleLambda');
		expect(methods(withLambda)).toContain('PassRoleLambda');
	});
});
