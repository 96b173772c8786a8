/**
 * The privilege-escalation methods of FINDINGS.md (after Rhino Security Labs' catalogue),
 * as data: the requests a principal must be able to make, and on what. A method holds
 * when every step is possible on some target; "some target" is taken from the account
 * (its users, roles, groups and customer policies) and from a probe ARN standing for one
 * that does not exist yet, so `role/*` and `user/*` grants count, and grants limited to
 * the principal's own user (`user/${aws:username}`) do not count where the method needs
 * another principal.
 */
import type { EscalationMethod } from '../finding-catalogue.js';
export type { EscalationMethod };

/**
 * What a step acts on:
 * - `customer-policy`: a customer-managed policy (AWS-managed ones cannot get new versions);
 * - `user` / `role`: any user or role, the principal itself included;
 * - `other-user`: a user other than the principal (its own keys or password are no escalation);
 * - `own-group`: a group the principal (a user) belongs to;
 * - `group`: any group;
 * - `passable-role`: a role to pass to `service` (iam:PassedToService);
 * - `service-resource`: any resource of the service (`arnSuffix` builds the probe ARN).
 */
export type TargetKind = 'customer-policy' | 'user' | 'role' | 'other-user' | 'own-group' | 'group' | 'passable-role' | 'service-resource' | 'trusting-role';

export interface EscalationStep {
	action: string;
	target: TargetKind;
	/** For passable-role: the service principal the role is passed to. */
	service?: string;
	/** For service-resource: the probe ARN's service and resource part, `{region}` and `{account}` filled in. */
	arn?: string;
}

/**
 * What a method lets the principal act as (an edge of the principal graph):
 * - `admin`: itself, changed to grant anything (the self-modification methods);
 * - `passed-role`: the role passed to the service (`passable-role` step);
 * - `user`: the user whose credentials it takes (`other-user` step);
 * - `role`: the role whose trust it rewrites, then assumes;
 * - `assumed-role`: a role whose trust policy admits it;
 * - `resource-role`: the role of an existing resource of the service (a function, an
 *   instance, a stack): IAM data does not show the resource, so the edge holds only "if such
 *   a resource exists" (`needs` says which) and is conditional.
 */
export type EscalationReach = 'admin' | 'passed-role' | 'user' | 'role' | 'assumed-role' | 'resource-role';

export interface EscalationMethodSpec {
	method: EscalationMethod;
	reach: EscalationReach;
	/** For resource-role: the service principal the resource's role trusts, and the resource in words. */
	resource?: { service: string; needs: string };
	/** Principal types it applies to. */
	principals: ('user' | 'role')[];
	/** One sentence for the finding's detail: how the method gains privileges. */
	how: string;
	steps: EscalationStep[];
}

const passRole = (service: string): EscalationStep => ({ action: 'iam:PassRole', target: 'passable-role', service });
const on = (action: string, arn: string): EscalationStep => ({ action, target: 'service-resource', arn });
const both: ('user' | 'role')[] = ['user', 'role'];

export const escalationMethods: readonly EscalationMethodSpec[] = [
	{ method: 'CreatePolicyVersion', reach: 'admin', principals: both, how: 'can write a new default version of a customer-managed policy, granting itself anything', steps: [{ action: 'iam:CreatePolicyVersion', target: 'customer-policy' }] },
	{ method: 'SetDefaultPolicyVersion', reach: 'admin', principals: both, how: 'can make an older, broader version of a customer-managed policy the default', steps: [{ action: 'iam:SetDefaultPolicyVersion', target: 'customer-policy' }] },
	{
		method: 'PassRoleEC2',
		reach: 'passed-role',
		principals: both,
		how: 'can launch an EC2 instance with a more privileged role and use its credentials',
		steps: [passRole('ec2.amazonaws.com'), on('ec2:RunInstances', 'arn:{partition}:ec2:{region}:{account}:instance/*')],
	},
	{ method: 'CreateAccessKey', reach: 'user', principals: both, how: 'can create an access key for another user and act as that user', steps: [{ action: 'iam:CreateAccessKey', target: 'other-user' }] },
	{ method: 'CreateLoginProfile', reach: 'user', principals: both, how: 'can give another user a console password and sign in as that user', steps: [{ action: 'iam:CreateLoginProfile', target: 'other-user' }] },
	{ method: 'UpdateLoginProfile', reach: 'user', principals: both, how: "can change another user's console password and sign in as that user", steps: [{ action: 'iam:UpdateLoginProfile', target: 'other-user' }] },
	{ method: 'AttachUserPolicy', reach: 'admin', principals: both, how: 'can attach any managed policy (AdministratorAccess) to a user', steps: [{ action: 'iam:AttachUserPolicy', target: 'user' }] },
	{ method: 'AttachGroupPolicy', reach: 'admin', principals: ['user'], how: 'can attach any managed policy to a group it belongs to', steps: [{ action: 'iam:AttachGroupPolicy', target: 'own-group' }] },
	{ method: 'AttachRolePolicy', reach: 'admin', principals: both, how: 'can attach any managed policy to a role', steps: [{ action: 'iam:AttachRolePolicy', target: 'role' }] },
	{ method: 'PutUserPolicy', reach: 'admin', principals: both, how: 'can write an inline policy granting anything on a user', steps: [{ action: 'iam:PutUserPolicy', target: 'user' }] },
	{ method: 'PutGroupPolicy', reach: 'admin', principals: ['user'], how: 'can write an inline policy granting anything on a group it belongs to', steps: [{ action: 'iam:PutGroupPolicy', target: 'own-group' }] },
	{ method: 'PutRolePolicy', reach: 'admin', principals: both, how: 'can write an inline policy granting anything on a role', steps: [{ action: 'iam:PutRolePolicy', target: 'role' }] },
	{ method: 'AddUserToGroup', reach: 'admin', principals: ['user'], how: 'can add itself to a more privileged group', steps: [{ action: 'iam:AddUserToGroup', target: 'group' }] },
	{ method: 'UpdateAssumeRolePolicy', reach: 'role', principals: both, how: 'can rewrite the trust policy of a role so that it can assume it', steps: [{ action: 'iam:UpdateAssumeRolePolicy', target: 'role' }] },
	{
		method: 'PassRoleLambda',
		reach: 'passed-role',
		principals: both,
		how: 'can create a Lambda function with a more privileged role and invoke it',
		steps: [passRole('lambda.amazonaws.com'), on('lambda:CreateFunction', 'arn:{partition}:lambda:{region}:{account}:function:*'), on('lambda:InvokeFunction', 'arn:{partition}:lambda:{region}:{account}:function:*')],
	},
	{
		method: 'PassRoleLambdaDynamoDB',
		reach: 'passed-role',
		principals: both,
		how: 'can create a Lambda function with a more privileged role and trigger it from a DynamoDB stream',
		steps: [
			passRole('lambda.amazonaws.com'),
			on('lambda:CreateFunction', 'arn:{partition}:lambda:{region}:{account}:function:*'),
			// CreateEventSourceMapping takes no resource ARN: only a Resource of "*" allows it.
			on('lambda:CreateEventSourceMapping', '*'),
		],
	},
	{ method: 'UpdateFunctionCode', reach: 'resource-role', resource: { service: 'lambda.amazonaws.com', needs: 'a Lambda function that runs with the role' }, principals: both, how: 'can replace the code of an existing Lambda function and run it with that function\'s role', steps: [on('lambda:UpdateFunctionCode', 'arn:{partition}:lambda:{region}:{account}:function:*')] },
	{
		method: 'PassRoleGlue',
		reach: 'passed-role',
		principals: both,
		how: 'can create a Glue development endpoint with a more privileged role and use its credentials',
		steps: [passRole('glue.amazonaws.com'), on('glue:CreateDevEndpoint', '*')],
	},
	{ method: 'UpdateGlueDevEndpoint', reach: 'resource-role', resource: { service: 'glue.amazonaws.com', needs: 'a Glue development endpoint that runs with the role' }, principals: both, how: 'can put its SSH key on an existing Glue development endpoint and use that endpoint\'s role', steps: [on('glue:UpdateDevEndpoint', 'arn:{partition}:glue:{region}:{account}:devEndpoint/*')] },
	{
		method: 'PassRoleCloudFormation',
		reach: 'passed-role',
		principals: both,
		how: 'can create a CloudFormation stack with a more privileged role that creates whatever it asks',
		steps: [passRole('cloudformation.amazonaws.com'), on('cloudformation:CreateStack', 'arn:{partition}:cloudformation:{region}:{account}:stack/*')],
	},
	{
		method: 'PassRoleDataPipeline',
		reach: 'passed-role',
		principals: both,
		how: 'can create a Data Pipeline with a more privileged role that runs its commands',
		steps: [
			passRole('datapipeline.amazonaws.com'),
			on('datapipeline:CreatePipeline', '*'),
			on('datapipeline:PutPipelineDefinition', 'arn:{partition}:datapipeline:{region}:{account}:pipeline/*'),
			// A pipeline runs nothing until it is activated.
			on('datapipeline:ActivatePipeline', 'arn:{partition}:datapipeline:{region}:{account}:pipeline/*'),
		],
	},
	{ method: 'AssumeRole', reach: 'assumed-role', principals: both, how: 'can assume a role whose trust policy admits it', steps: [{ action: 'sts:AssumeRole', target: 'trusting-role' }] },
	{
		method: 'CodeBuildCreateProject',
		reach: 'passed-role',
		principals: both,
		how: 'can create a CodeBuild project with a more privileged role and run a build of its own commands',
		steps: [passRole('codebuild.amazonaws.com'), on('codebuild:CreateProject', 'arn:{partition}:codebuild:{region}:{account}:project/*'), on('codebuild:StartBuild', 'arn:{partition}:codebuild:{region}:{account}:project/*')],
	},
	{
		method: 'CodeBuildStartBuild',
		reach: 'resource-role',
		resource: { service: 'codebuild.amazonaws.com', needs: 'a CodeBuild project that runs with the role' },
		principals: both,
		how: "can start a build of an existing CodeBuild project with its own buildspec and use that project's role",
		steps: [on('codebuild:StartBuild', 'arn:{partition}:codebuild:{region}:{account}:project/*')],
	},
	{
		method: 'SageMakerCreateNotebookInstance',
		reach: 'passed-role',
		principals: both,
		how: 'can create a SageMaker notebook instance with a more privileged role and open it',
		steps: [
			passRole('sagemaker.amazonaws.com'),
			on('sagemaker:CreateNotebookInstance', 'arn:{partition}:sagemaker:{region}:{account}:notebook-instance/*'),
			on('sagemaker:CreatePresignedNotebookInstanceUrl', 'arn:{partition}:sagemaker:{region}:{account}:notebook-instance/*'),
		],
	},
	{
		method: 'SageMakerCreateTrainingJob',
		reach: 'passed-role',
		principals: both,
		how: 'can run a SageMaker training job of its own container with a more privileged role',
		steps: [passRole('sagemaker.amazonaws.com'), on('sagemaker:CreateTrainingJob', 'arn:{partition}:sagemaker:{region}:{account}:training-job/*')],
	},
	{
		method: 'SageMakerCreateProcessingJob',
		reach: 'passed-role',
		principals: both,
		how: 'can run a SageMaker processing job of its own container with a more privileged role',
		steps: [passRole('sagemaker.amazonaws.com'), on('sagemaker:CreateProcessingJob', 'arn:{partition}:sagemaker:{region}:{account}:processing-job/*')],
	},
	{
		method: 'LambdaAddPermission',
		reach: 'passed-role',
		principals: both,
		how: 'can create a Lambda function with a more privileged role and grant itself (or anyone) the right to invoke it',
		steps: [passRole('lambda.amazonaws.com'), on('lambda:CreateFunction', 'arn:{partition}:lambda:{region}:{account}:function:*'), on('lambda:AddPermission', 'arn:{partition}:lambda:{region}:{account}:function:*')],
	},
	{
		method: 'GlueCreateJob',
		reach: 'passed-role',
		principals: both,
		how: 'can create and run a Glue job of its own script with a more privileged role',
		steps: [passRole('glue.amazonaws.com'), on('glue:CreateJob', 'arn:{partition}:glue:{region}:{account}:job/*'), on('glue:StartJobRun', 'arn:{partition}:glue:{region}:{account}:job/*')],
	},
	{
		method: 'ECSRunTask',
		reach: 'passed-role',
		principals: both,
		how: 'can register an ECS task definition with a more privileged task role and run it',
		steps: [passRole('ecs-tasks.amazonaws.com'), on('ecs:RegisterTaskDefinition', 'arn:{partition}:ecs:{region}:{account}:task-definition/*'), on('ecs:RunTask', 'arn:{partition}:ecs:{region}:{account}:task-definition/*')],
	},
	{
		method: 'CloudFormationUpdateStack',
		reach: 'resource-role',
		resource: { service: 'cloudformation.amazonaws.com', needs: 'a CloudFormation stack that runs with the role' },
		principals: both,
		how: "can update an existing CloudFormation stack with its own template, created with that stack's role",
		steps: [on('cloudformation:UpdateStack', 'arn:{partition}:cloudformation:{region}:{account}:stack/*')],
	},
	{
		method: 'CloudFormationCreateChangeSet',
		reach: 'passed-role',
		principals: both,
		how: 'can create and execute a CloudFormation change set with a more privileged role that creates whatever it asks',
		steps: [
			passRole('cloudformation.amazonaws.com'),
			on('cloudformation:CreateChangeSet', 'arn:{partition}:cloudformation:{region}:{account}:stack/*'),
			on('cloudformation:ExecuteChangeSet', 'arn:{partition}:cloudformation:{region}:{account}:stack/*'),
		],
	},
	{
		method: 'CloudFormationCreateStackSet',
		reach: 'passed-role',
		principals: both,
		how: 'can create a CloudFormation stack set with a more privileged administration role and deploy its instances',
		steps: [
			passRole('cloudformation.amazonaws.com'),
			on('cloudformation:CreateStackSet', '*'),
			on('cloudformation:CreateStackInstances', 'arn:{partition}:cloudformation:{region}:{account}:stackset/*'),
		],
	},
	{
		method: 'SSMSendCommand',
		reach: 'resource-role',
		resource: { service: 'ec2.amazonaws.com', needs: 'an EC2 instance managed by Systems Manager with the role' },
		principals: both,
		how: "can run commands on an EC2 instance through Systems Manager and use the instance's role",
		// SendCommand is decided on the instance and on the document it runs: AWS's shell document (owned by AWS, no account in its ARN).
		steps: [on('ssm:SendCommand', 'arn:{partition}:ec2:{region}:{account}:instance/*'), on('ssm:SendCommand', 'arn:{partition}:ssm:{region}::document/AWS-RunShellScript')],
	},
	{
		method: 'SSMStartSession',
		reach: 'resource-role',
		resource: { service: 'ec2.amazonaws.com', needs: 'an EC2 instance managed by Systems Manager with the role' },
		principals: both,
		how: "can open a shell on an EC2 instance through Session Manager and use the instance's role",
		steps: [on('ssm:StartSession', 'arn:{partition}:ec2:{region}:{account}:instance/*')],
	},
	{
		method: 'EC2InstanceConnect',
		reach: 'resource-role',
		resource: { service: 'ec2.amazonaws.com', needs: 'an EC2 instance with the role that accepts EC2 Instance Connect' },
		principals: both,
		how: "can push its SSH key to an EC2 instance with EC2 Instance Connect and use the instance's role",
		steps: [on('ec2-instance-connect:SendSSHPublicKey', 'arn:{partition}:ec2:{region}:{account}:instance/*')],
	},
];

/** The IAM changes that make a principal one that "can change IAM" (BOUNDARY_MISSING, BOUNDARY_WEAK). */
export const iamChangeActions: readonly { action: string; target: 'user' | 'role' | 'group' | 'policy' }[] = [
	{ action: 'iam:CreateUser', target: 'user' },
	{ action: 'iam:DeleteUser', target: 'user' },
	{ action: 'iam:CreateAccessKey', target: 'user' },
	{ action: 'iam:CreateLoginProfile', target: 'user' },
	{ action: 'iam:UpdateLoginProfile', target: 'user' },
	{ action: 'iam:AttachUserPolicy', target: 'user' },
	{ action: 'iam:PutUserPolicy', target: 'user' },
	{ action: 'iam:DetachUserPolicy', target: 'user' },
	{ action: 'iam:DeleteUserPolicy', target: 'user' },
	{ action: 'iam:AddUserToGroup', target: 'group' },
	{ action: 'iam:AttachGroupPolicy', target: 'group' },
	{ action: 'iam:PutGroupPolicy', target: 'group' },
	{ action: 'iam:CreateRole', target: 'role' },
	{ action: 'iam:DeleteRole', target: 'role' },
	{ action: 'iam:AttachRolePolicy', target: 'role' },
	{ action: 'iam:PutRolePolicy', target: 'role' },
	{ action: 'iam:DetachRolePolicy', target: 'role' },
	{ action: 'iam:DeleteRolePolicy', target: 'role' },
	{ action: 'iam:UpdateAssumeRolePolicy', target: 'role' },
	{ action: 'iam:CreatePolicy', target: 'policy' },
	{ action: 'iam:CreatePolicyVersion', target: 'policy' },
	{ action: 'iam:SetDefaultPolicyVersion', target: 'policy' },
	{ action: 'iam:DeletePolicy', target: 'policy' },
];

/** Removing or replacing a boundary: a boundary that allows these is no boundary. */
export const boundaryRemovalActions: readonly { action: string; target: 'user' | 'role' }[] = [
	{ action: 'iam:DeleteUserPermissionsBoundary', target: 'user' },
	{ action: 'iam:DeleteRolePermissionsBoundary', target: 'role' },
	{ action: 'iam:PutUserPermissionsBoundary', target: 'user' },
	{ action: 'iam:PutRolePermissionsBoundary', target: 'role' },
];
