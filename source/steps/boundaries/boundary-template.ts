/**
 * Permission-boundary templates. The developer boundary follows the seed's idea (common
 * services allowed, IAM user/role/policy changes denied) and is hardened: a principal under
 * it cannot delete or replace its own boundary, cannot edit or delete the boundary policy,
 * can pass only workload roles under one path, and cannot inject code into existing
 * functions or Glue endpoints (whose roles it does not control).
 */
import { normalisePolicyDocument, type PolicyDocument } from '../../core/policy-document.js';

export interface BoundaryTemplateOptions {
	partition: string;
	accountId: string;
	/** The policy's name and path: its ARN is fixed by them. */
	name?: string;
	path?: string;
	/** Service prefixes allowed in full (`s3`, `dynamodb`). */
	services?: readonly string[];
	/** Roles under this path may be passed to services (`/workloads/`). */
	passableRolePath?: string;
}

export interface BoundaryTemplate {
	name: string;
	path: string;
	arn: string;
	description: string;
	document: PolicyDocument;
}

export const defaultBoundaryName = 'iam-wizard-developer-boundary';
export const defaultBoundaryPath = '/boundaries/';

export const defaultBoundaryServices: readonly string[] = [
	's3',
	'ec2',
	'lambda',
	'logs',
	'cloudwatch',
	'dynamodb',
	'sqs',
	'sns',
	'ecs',
	'ecr',
	'cloudformation',
	'athena',
	'glue',
	'kms',
	'ssm',
	'xray',
	'events',
	'states',
];

/** IAM changes of users, roles, groups and policies: denied whatever the identity policies say. */
const iamChanges = [
	'iam:CreateUser',
	'iam:DeleteUser',
	'iam:UpdateUser',
	'iam:CreateRole',
	'iam:DeleteRole',
	'iam:UpdateRole',
	'iam:UpdateAssumeRolePolicy',
	'iam:CreateGroup',
	'iam:DeleteGroup',
	'iam:AddUserToGroup',
	'iam:RemoveUserFromGroup',
	'iam:CreatePolicy',
	'iam:DeletePolicy',
	'iam:CreatePolicyVersion',
	'iam:DeletePolicyVersion',
	'iam:SetDefaultPolicyVersion',
	'iam:AttachUserPolicy',
	'iam:AttachGroupPolicy',
	'iam:AttachRolePolicy',
	'iam:DetachUserPolicy',
	'iam:DetachGroupPolicy',
	'iam:DetachRolePolicy',
	'iam:PutUserPolicy',
	'iam:PutGroupPolicy',
	'iam:PutRolePolicy',
	'iam:DeleteUserPolicy',
	'iam:DeleteGroupPolicy',
	'iam:DeleteRolePolicy',
];

export function developerBoundaryTemplate(options: BoundaryTemplateOptions): BoundaryTemplate {
	const name = options.name ?? defaultBoundaryName;
	const path = options.path ?? defaultBoundaryPath;
	const iam = `arn:${options.partition}:iam::${options.accountId}`;
	const arn = `${iam}:policy${path}${name}`;
	const services = options.services ?? defaultBoundaryServices;
	const rolePath = options.passableRolePath ?? '/workloads/';
	const document = normalisePolicyDocument({
		Version: '2012-10-17',
		Statement: [
			{ Sid: 'AllowCommonServices', Effect: 'Allow', Action: services.map((s) => `${s}:*`), Resource: '*' },
			{ Sid: 'AllowReadingIam', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'sts:GetCallerIdentity'], Resource: '*' },
			{ Sid: 'AllowOwnCredentials', Effect: 'Allow', Action: ['iam:ChangePassword', 'iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:DeleteAccessKey', 'iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ResyncMFADevice'], Resource: [`${iam}:user/\${aws:username}`, `${iam}:mfa/\${aws:username}`] },
			{ Sid: 'AllowPassingWorkloadRoles', Effect: 'Allow', Action: 'iam:PassRole', Resource: `${iam}:role${rolePath}*` },
			{ Sid: 'DenyIamChanges', Effect: 'Deny', Action: iamChanges, Resource: '*' },
			{ Sid: 'DenyOthersCredentials', Effect: 'Deny', Action: ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'], NotResource: `${iam}:user/\${aws:username}` },
			{
				Sid: 'DenyBoundaryRemoval',
				Effect: 'Deny',
				Action: ['iam:DeleteUserPermissionsBoundary', 'iam:DeleteRolePermissionsBoundary'],
				Resource: '*',
			},
			{
				Sid: 'DenyBoundaryReplacement',
				Effect: 'Deny',
				Action: ['iam:PutUserPermissionsBoundary', 'iam:PutRolePermissionsBoundary'],
				Resource: '*',
				Condition: { StringNotEquals: { 'iam:PermissionsBoundary': arn } },
			},
			{
				Sid: 'DenyBoundaryPolicyEdits',
				Effect: 'Deny',
				Action: ['iam:CreatePolicyVersion', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy'],
				Resource: arn,
			},
			{ Sid: 'DenyCodeInjection', Effect: 'Deny', Action: ['lambda:UpdateFunctionCode', 'glue:UpdateDevEndpoint'], Resource: '*' },
		],
	});
	return {
		name,
		path,
		arn,
		description: `iam-wizard developer boundary: ${services.length} common services; no IAM user, role or policy changes; cannot remove or replace itself`,
		document,
	};
}
