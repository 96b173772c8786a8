/**
 * Customer-managed policies of the seed. Each says in a comment which finding it plants or
 * which decoy it is; step tests rely on them through `seedExpectations`.
 */
import type { PolicyDocument } from '../../core/policy-document.js';
import { iamId } from './sandbox-ids.js';
import type { SandboxPolicy } from './sandbox-state.js';
import { allow, doc, iamArnPrefix, policyArn, type SeedClock } from './seed-helpers.js';

interface PolicySpec {
	name: string;
	path?: string;
	description?: string;
	/** Oldest first, with how many days ago each version was made; the last one is the default unless `defaultIndex`. */
	versions: { daysAgo: number; document: PolicyDocument }[];
	defaultIndex?: number;
}

const A = iamArnPrefix;

const specs: PolicySpec[] = [
	// Developers' group policy. PRIVILEGE_ESCALATION PassRoleEC2 (iam:PassRole on * with ec2:RunInstances), inherited by members.
	{
		name: 'developer-access',
		description: 'Developers: run and manage EC2 workloads, read Lambda and logs',
		versions: [
			{ daysAgo: 420, document: doc(allow(['ec2:Describe*', 'ec2:RunInstances', 'ec2:StartInstances', 'ec2:StopInstances']), allow(['iam:PassRole', 'iam:GetRole', 'iam:ListRoles'])) },
			{
				daysAgo: 130,
				document: doc(
					allow(['ec2:Describe*', 'ec2:RunInstances', 'ec2:StartInstances', 'ec2:StopInstances', 'ec2:CreateTags'], '*', { Sid: 'Ec2Workloads' }),
					allow(['iam:PassRole', 'iam:GetRole', 'iam:ListRoles', 'iam:ListInstanceProfiles'], '*', { Sid: 'PassAnyRole' }),
					allow(['lambda:Get*', 'lambda:List*', 'logs:Describe*', 'logs:Get*', 'logs:FilterLogEvents'], '*', { Sid: 'ReadLambdasAndLogs' }),
				),
			},
		],
	},
	// POLICY_SERVICE_WILDCARD (s3:*). Three versions: version tests (DeleteConflict on the default, round trips).
	{
		name: 'data-lake-full',
		description: 'Full access to the data lake bucket',
		versions: [
			{ daysAgo: 600, document: doc(allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::acme-data-lake', 'arn:aws:s3:::acme-data-lake/*'])) },
			{ daysAgo: 400, document: doc(allow(['s3:GetObject', 's3:PutObject', 's3:ListBucket'], ['arn:aws:s3:::acme-data-lake', 'arn:aws:s3:::acme-data-lake/*'])) },
			{
				daysAgo: 250,
				document: doc(
					allow('s3:*', ['arn:aws:s3:::acme-data-lake', 'arn:aws:s3:::acme-data-lake/*'], { Sid: 'DataLake' }),
					allow(['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions', 'athena:StartQueryExecution', 'athena:GetQueryResults'], '*', { Sid: 'Catalogue' }),
				),
			},
		],
	},
	// Data engineers' group policy. PRIVILEGE_ESCALATION PassRoleGlue, PassRole scoped to role/* rather than *.
	{
		name: 'glue-dev-endpoints',
		description: 'Create Glue development endpoints for notebooks',
		versions: [{ daysAgo: 300, document: doc(allow('iam:PassRole', `${A}:role/*`), allow(['glue:CreateDevEndpoint', 'glue:GetDevEndpoint', 'glue:GetDevEndpoints'])) }],
	},
	// POLICY_FULL_ADMIN: a customer policy allowing * on *, attached to the unused jenkins-legacy role.
	{
		name: 'legacy-full-admin',
		description: 'Jenkins needed everything in 2023',
		versions: [
			{ daysAgo: 900, document: doc(allow(['ec2:*', 's3:*', 'iam:PassRole'])) },
			{ daysAgo: 700, document: doc(allow('*', '*')) },
		],
	},
	// POLICY_WILDCARD_RESOURCE (iam:PutUserPolicy/PutRolePolicy on *); PRIVILEGE_ESCALATION PutUserPolicy and PutRolePolicy.
	{
		name: 'automation-iam-writes',
		description: 'Runbook automation: tag and patch IAM principals',
		versions: [{ daysAgo: 210, document: doc(allow(['iam:PutUserPolicy', 'iam:PutRolePolicy', 'iam:TagUser', 'iam:TagRole', 'iam:GetUser', 'iam:GetRole'])) }],
	},
	// POLICY_NOT_ACTION: Allow with NotAction (a home-made PowerUser).
	{
		name: 'power-user-no-iam',
		description: 'Everything except IAM and Organizations',
		versions: [{ daysAgo: 500, document: doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }) }],
	},
	// POLICY_VALIDATION: an action that does not exist (s3:GetObjects) and an action given a resource of another service.
	{
		name: 'legacy-reporting',
		description: 'Nightly reports',
		versions: [
			{
				daysAgo: 800,
				document: doc(
					allow('s3:GetObjects', 'arn:aws:s3:::acme-reports/*', { Sid: 'ReadReports' }),
					allow('sqs:SendMessage', 'arn:aws:s3:::acme-reports', { Sid: 'NotifyReports' }),
					allow(['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'], '*', { Sid: 'Metrics' }),
				),
			},
		],
	},
	// PRIVILEGE_ESCALATION CreatePolicyVersion, scoped to policy/*. Five versions already: a sixth is LimitExceeded.
	{
		name: 'contractor-iam-helper',
		path: '/contractors/',
		description: 'Lets contractors iterate on their own policies',
		versions: [
			{ daysAgo: 360, document: doc(allow(['iam:GetPolicy', 'iam:ListPolicies'])) },
			{ daysAgo: 300, document: doc(allow(['iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicies'])) },
			{ daysAgo: 240, document: doc(allow(['iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions'], `${A}:policy/contractors/*`), allow('iam:ListPolicies')) },
			{ daysAgo: 180, document: doc(allow(['iam:CreatePolicyVersion', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions'], `${A}:policy/contractors/*`), allow('iam:ListPolicies')) },
			{ daysAgo: 90, document: doc(allow(['iam:CreatePolicyVersion', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions'], `${A}:policy/*`), allow('iam:ListPolicies')) },
		],
	},
	// Helpdesk group policy. PRIVILEGE_ESCALATION CreateLoginProfile and UpdateLoginProfile on user/*.
	{
		name: 'helpdesk-password-reset',
		description: 'Helpdesk: set and reset console passwords',
		versions: [{ daysAgo: 365, document: doc(allow(['iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'iam:GetLoginProfile'], `${A}:user/*`), allow('iam:ListUsers')) }],
	},
	// Team leads' group policy. PRIVILEGE_ESCALATION AddUserToGroup on group/* (leads can join admins).
	{
		name: 'team-lead-membership',
		description: 'Team leads manage their teams',
		versions: [{ daysAgo: 200, document: doc(allow(['iam:AddUserToGroup', 'iam:RemoveUserFromGroup', 'iam:GetGroup'], `${A}:group/*`), allow('iam:ListGroups')) }],
	},
	// Attached to sam directly. PRIVILEGE_ESCALATION AttachGroupPolicy on *.
	{
		name: 'group-admin',
		description: 'Manage group policies',
		versions: [{ daysAgo: 150, document: doc(allow(['iam:AttachGroupPolicy', 'iam:DetachGroupPolicy', 'iam:ListAttachedGroupPolicies', 'iam:ListGroups'])) }],
	},
	// github-actions-deploy role. PRIVILEGE_ESCALATION UpdateAssumeRolePolicy on role/* (with sts:AssumeRole to use the new trust).
	{
		name: 'github-deploy',
		description: 'GitHub Actions: publish the site and rotate deploy trust',
		versions: [
			{
				daysAgo: 160,
				document: doc(
					allow(['iam:UpdateAssumeRolePolicy', 'iam:GetRole', 'sts:AssumeRole'], `${A}:role/*`),
					allow(['s3:PutObject', 's3:GetObject'], 'arn:aws:s3:::acme-artifacts/*'),
					allow('cloudfront:CreateInvalidation'),
				),
			},
		],
	},
	// build-runner role. PRIVILEGE_ESCALATION PassRoleLambda (iam:PassRole * with lambda:CreateFunction and InvokeFunction).
	{
		name: 'build-runner-deploy',
		description: 'CodeBuild deploys Lambda functions',
		versions: [{ daysAgo: 230, document: doc(allow('iam:PassRole'), allow(['lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:GetFunction', 'lambda:UpdateFunctionConfiguration'])) }],
	},
	// ci-deploy user, attached directly. PRIVILEGE_ESCALATION PassRoleCloudFormation.
	{
		name: 'ci-deploy-policy',
		path: '/service/',
		description: 'CI: deploy CloudFormation stacks',
		versions: [
			{
				daysAgo: 380,
				document: doc(
					allow(['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DescribeStacks', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet']),
					allow('iam:PassRole'),
					allow(['s3:PutObject', 's3:GetObject'], 'arn:aws:s3:::acme-artifacts/*'),
				),
			},
		],
	},
	// wendy, attached directly: AttachUserPolicy allowed here but denied by her inline deny. DECOY.
	{
		name: 'iam-user-admin-lite',
		description: 'Attach approved policies to users',
		versions: [{ daysAgo: 100, document: doc(allow(['iam:AttachUserPolicy', 'iam:ListAttachedUserPolicies', 'iam:ListPolicies', 'iam:ListUsers'])) }],
	},
	// BOUNDARY_WEAK: a permissions boundary that still allows iam:* (used by heidi and sandbox-developer).
	{
		name: 'developer-boundary',
		path: '/boundaries/',
		description: 'Boundary for developer principals',
		versions: [{ daysAgo: 330, document: doc(allow(['iam:*', 'ec2:*', 's3:*', 'lambda:*', 'logs:*', 'cloudwatch:*'])) }],
	},
	// A sound boundary: no IAM at all. It removes app-deployer's escalation actions (DECOY).
	{
		name: 'app-boundary',
		path: '/boundaries/',
		description: 'Boundary for application deployers: data and logs only',
		versions: [
			{
				daysAgo: 220,
				document: doc(
					allow(['s3:GetObject', 's3:PutObject', 's3:ListBucket'], ['arn:aws:s3:::acme-app-*', 'arn:aws:s3:::acme-app-*/*']),
					allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], 'arn:aws:dynamodb:us-east-1:123456789012:table/app-*'),
					allow(['logs:CreateLogStream', 'logs:PutLogEvents']),
				),
			},
		],
	},
	// all-staff group: own keys and MFA only (${aws:username}). CreateAccessKey here is a DECOY.
	{
		name: 'self-service-credentials',
		description: 'Manage your own access keys and MFA device',
		versions: [
			{
				daysAgo: 500,
				document: doc(
					allow(['iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed'], `${A}:user/\${aws:username}`, { Sid: 'OwnAccessKeys' }),
					allow('iam:CreateVirtualMFADevice', `${A}:mfa/\${aws:username}`, { Sid: 'OwnVirtualMfa' }),
					allow(['iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'], `${A}:user/\${aws:username}`, { Sid: 'OwnMfaDevice' }),
					allow('iam:ListVirtualMFADevices', '*', { Sid: 'ListMfaDevices' }),
				),
			},
		],
	},
	// Clean: finance reads billing.
	{
		name: 'billing-read',
		description: 'Read billing and cost data',
		versions: [{ daysAgo: 700, document: doc(allow(['aws-portal:ViewBilling', 'aws-portal:ViewUsage', 'ce:GetCostAndUsage', 'ce:GetCostForecast', 'cur:DescribeReportDefinitions'])) }],
	},
	// Clean: ops runbooks limited by document name and tag.
	{
		name: 'ops-runbooks',
		description: 'Run the ops automation runbooks',
		versions: [
			{
				daysAgo: 260,
				document: doc(
					allow('ssm:StartAutomationExecution', 'arn:aws:ssm:us-east-1:123456789012:automation-definition/ops-*:*'),
					allow(['ssm:DescribeAutomationExecutions', 'ssm:GetAutomationExecution']),
					allow('ec2:RebootInstances', 'arn:aws:ec2:us-east-1:123456789012:instance/*', { Condition: { StringEquals: { 'aws:ResourceTag/team': 'ops' } } }),
				),
			},
		],
	},
	// Clean: terraform state bucket and lock table.
	{
		name: 'terraform-state',
		path: '/service/',
		description: 'Terraform remote state',
		versions: [
			{
				daysAgo: 450,
				document: doc(
					allow('s3:ListBucket', 'arn:aws:s3:::acme-terraform-state'),
					allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::acme-terraform-state/*'),
					allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], 'arn:aws:dynamodb:us-east-1:123456789012:table/terraform-locks'),
				),
			},
		],
	},
	// Clean: backups write one bucket.
	{
		name: 'backup-s3-writer',
		description: 'Write nightly backups',
		versions: [{ daysAgo: 90, document: doc(allow('s3:ListBucket', 'arn:aws:s3:::acme-backups'), allow('s3:PutObject', 'arn:aws:s3:::acme-backups/*')) }],
	},
	// Attached to nothing: safe to delete (DeletePolicy succeeds).
	{
		name: 'deprecated-s3-reader',
		description: 'Replaced by data-lake-full',
		versions: [{ daysAgo: 1000, document: doc(allow('s3:GetObject', 'arn:aws:s3:::acme-legacy-exports/*')) }],
	},
];

export const customerPolicyArn = (name: string): string => {
	const spec = specs.find((s) => s.name === name);
	if (!spec) throw new Error(`no seeded policy ${name}`);
	return policyArn(name, spec.path ?? '/');
};

export function seedCustomerPolicies(clock: SeedClock): SandboxPolicy[] {
	return specs.map((spec) => {
		const defaultIndex = spec.defaultIndex ?? spec.versions.length - 1;
		const versions = spec.versions.map((v, i) => ({
			versionId: `v${i + 1}`,
			isDefault: i === defaultIndex,
			createDate: clock.ago(v.daysAgo),
			document: v.document,
		}));
		return {
			arn: policyArn(spec.name, spec.path ?? '/'),
			name: spec.name,
			id: iamId('ANPA', `customer:${spec.name}`),
			path: spec.path ?? '/',
			...(spec.description ? { description: spec.description } : {}),
			awsManaged: false,
			defaultVersionId: `v${defaultIndex + 1}`,
			isAttachable: true,
			createDate: versions[0]!.createDate,
			updateDate: versions[versions.length - 1]!.createDate,
			versions,
			nextVersion: versions.length + 1,
		};
	});
}
