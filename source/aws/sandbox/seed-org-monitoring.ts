/**
 * The seed outside IAM proper: the organization (this is a member account in the sandbox
 * OU, delegated to manage the organization's policies; SCPs on, FullAWSAccess everywhere,
 * and someone's pasted RequireMFA SCP — the seed's, as written — never attached →
 * MFA_NOT_ENFORCED), Access Analyzer (an unused-access analyzer but no
 * external-access one → ANALYZER_MISSING), no AWS Config (CONFIG_RECORDER_OFF,
 * CONFIG_RULE_MISSING), EventBridge (an unfinished IAM-changes rule → ALERT_NO_TARGET; no
 * root-usage or console-without-MFA rule), resources with resource policies, a trail and
 * synthetic CloudTrail activity.
 */
import type { Analyzer, EventRule } from '../../core/model.js';
import { seedRequireMfaScp } from '../../core/require-mfa.js';
import { uuidFor } from './sandbox-ids.js';
import type { ActivityRecord, SandboxAnalyzerFinding, SandboxOrganization, SandboxResource, SandboxTrail } from './sandbox-state.js';
import { account, doc, iamArnPrefix, roleArn, rootUserArn, userArn, type SeedClock } from './seed-helpers.js';

export const organizationId = 'o-a1b2c3d4e5';
export const organizationRootId = 'r-a1b2';
export const workloadsOuId = 'ou-a1b2-k7x2m9qp';
/** The OU this (demo) account sits in: the test OU a guardrail is tried on first. */
export const sandboxOuId = 'ou-a1b2-s4ndb0x8';
/** The organization's management account (SCPs never apply to it). */
export const managementAccountId = '100200300400';
/** Accounts of the organization other than this one (inside the organization's zone of trust). */
export const memberAccounts = { management: managementAccountId, prod: '210987654321', staging: '345678901234' } as const;
/** Accounts outside the organization. */
export const externalAccounts = { vendor: '444455556666', auditor: '777788889999' } as const;

const orgArn = `arn:aws:organizations::${managementAccountId}`;

export function seedOrganization(): SandboxOrganization {
	const everyTarget = [organizationRootId, workloadsOuId, sandboxOuId, managementAccountId, account, memberAccounts.prod, memberAccounts.staging];
	const accountOf = (id: string, name: string, email: string, parentId: string) => ({ id, arn: `${orgArn}:account/${organizationId}/${id}`, name, email, parentId });
	return {
		id: organizationId,
		arn: `${orgArn}:organization/${organizationId}`,
		featureSet: 'ALL',
		managementAccountId,
		delegatedAdministrators: [account],
		// Centralized root access is on; IAM's delegated administrator is not this account, so only the management account may use it.
		rootAccess: { iamTrustedAccess: true, enabledFeatures: ['RootCredentialsManagement', 'RootSessions'] },
		roots: [{ id: organizationRootId, arn: `${orgArn}:root/${organizationId}/${organizationRootId}`, name: 'Root', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] }],
		organizationalUnits: [
			{ id: workloadsOuId, arn: `${orgArn}:ou/${organizationId}/${workloadsOuId}`, name: 'workloads', parentId: organizationRootId },
			{ id: sandboxOuId, arn: `${orgArn}:ou/${organizationId}/${sandboxOuId}`, name: 'sandbox', parentId: organizationRootId },
		],
		accounts: [
			accountOf(managementAccountId, 'Acme management', 'aws-management@acme.example', organizationRootId),
			accountOf(account, 'Acme sandbox', 'aws-root@acme.example', sandboxOuId),
			accountOf(memberAccounts.prod, 'acme-prod', 'aws-prod@acme.example', workloadsOuId),
			accountOf(memberAccounts.staging, 'acme-staging', 'aws-staging@acme.example', workloadsOuId),
		],
		policies: [
			{
				id: 'p-FullAWSAccess',
				arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
				name: 'FullAWSAccess',
				description: 'Allows access to every operation',
				awsManaged: true,
				document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
				targetIds: everyTarget,
			},
			{
				// Pasted from the seed as written and never attached: it would deny every role session without MFA.
				id: 'p-7rq2mfa0',
				arn: `${orgArn}:policy/${organizationId}/service_control_policy/p-7rq2mfa0`,
				name: 'RequireMFA',
				description: 'Deny everything without MFA (draft, not attached)',
				awsManaged: false,
				document: seedRequireMfaScp,
				targetIds: [],
			},
		],
	};
}

export const unusedAccessAnalyzerArn = `arn:aws:access-analyzer:us-east-1:${account}:analyzer/unused-access`;

export function seedAnalyzers(clock: SeedClock): Analyzer[] {
	return [{ arn: unusedAccessAnalyzerArn, name: 'unused-access', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', createdAt: clock.ago(120), unusedAccessAge: 90 }];
}

/** An unused permission, which the derivation from last use cannot produce: data-science-notebook never uses EC2. */
export function seedUnusedPermissionFinding(clock: SeedClock): SandboxAnalyzerFinding {
	const resource = roleArn('data-science-notebook', '/service-role/');
	return {
		id: uuidFor(`seed-finding:UnusedPermission:${resource}`),
		analyzerArn: unusedAccessAnalyzerArn,
		findingType: 'UnusedPermission',
		resource,
		resourceType: 'AWS::IAM::Role',
		status: 'ACTIVE',
		createdAt: clock.ago(10),
		updatedAt: clock.ago(10),
		detail: { serviceNamespace: 'ec2', lastAccessed: clock.ago(300) },
	};
}

export const iamChangesEventPattern = JSON.stringify({
	source: ['aws.iam'],
	'detail-type': ['AWS API Call via CloudTrail'],
	detail: {
		eventSource: ['iam.amazonaws.com'],
		eventName: [
			'CreatePolicy',
			'DeletePolicy',
			'CreatePolicyVersion',
			'DeletePolicyVersion',
			'SetDefaultPolicyVersion',
			'AttachRolePolicy',
			'DetachRolePolicy',
			'AttachUserPolicy',
			'DetachUserPolicy',
			'AttachGroupPolicy',
			'DetachGroupPolicy',
			'PutRolePolicy',
			'PutUserPolicy',
			'PutGroupPolicy',
			'DeleteRolePolicy',
			'DeleteUserPolicy',
			'DeleteGroupPolicy',
		],
	},
});

const opsTopicArn = `arn:aws:sns:us-east-1:${account}:ops-notifications`;

export function seedEventRules(): EventRule[] {
	const ruleArn = (name: string) => `arn:aws:events:us-east-1:${account}:rule/${name}`;
	return [
		// ALERT_NO_TARGET: matches IAM policy changes, but disabled and without a target.
		{ name: 'iam-changes-draft', arn: ruleArn('iam-changes-draft'), eventBusName: 'default', state: 'DISABLED', description: 'Draft: tell #security about IAM policy changes (never finished)', eventPattern: iamChangesEventPattern, targets: [] },
		// Unrelated, working rule.
		{
			name: 'ec2-instance-state',
			arn: ruleArn('ec2-instance-state'),
			eventBusName: 'default',
			state: 'ENABLED',
			description: 'Instance state changes to ops',
			eventPattern: JSON.stringify({ source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] }),
			targets: [{ id: 'ops-notifications', arn: opsTopicArn }],
		},
	];
}

export const kmsKeyArn = `arn:aws:kms:us-east-1:${account}:key/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b`;
export const cloudTrailBucket = `acme-cloudtrail-logs-${account}`;
export const auditLogsBucket = `acme-audit-logs-${account}`;

/** Default SNS topic policy: only this account may use the topic. */
function defaultTopicPolicy(topicArn: string) {
	return doc({
		Sid: '__default_statement_ID',
		Effect: 'Allow',
		Principal: { AWS: '*' },
		Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
		Resource: topicArn,
		Condition: { StringEquals: { 'AWS:SourceOwner': account } },
	});
}

export function snsTopicResource(name: string): SandboxResource {
	const arn = `arn:aws:sns:us-east-1:${account}:${name}`;
	return { arn, type: 'AWS::SNS::Topic', name, policy: defaultTopicPolicy(arn) };
}

export function seedResources(): SandboxResource[] {
	const bucket = (name: string, policy: SandboxResource['policy']): SandboxResource => ({ arn: `arn:aws:s3:::${name}`, type: 'AWS::S3::Bucket', name, policy });
	const queue = (name: string, policy: SandboxResource['policy']): SandboxResource => ({ arn: `arn:aws:sqs:us-east-1:${account}:${name}`, type: 'AWS::SQS::Queue', name, policy });
	const statusTopic = snsTopicResource('status-page-updates');
	return [
		// Shared with an auditor account outside the organization: external access.
		bucket('acme-partner-exchange', doc({ Sid: 'AuditorRead', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${externalAccounts.auditor}:root` }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::acme-partner-exchange', 'arn:aws:s3:::acme-partner-exchange/*'] })),
		// Only a Deny for plain HTTP: no external access.
		bucket('acme-data-lake', doc({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::acme-data-lake', 'arn:aws:s3:::acme-data-lake/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } })),
		bucket('acme-reports', null),
		bucket(
			cloudTrailBucket,
			doc(
				{ Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: `arn:aws:s3:::${cloudTrailBucket}` },
				{ Sid: 'AWSCloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${cloudTrailBucket}/AWSLogs/${account}/*`, Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${account}:trail/management-events` } } },
			),
		),
		// Prepared for an AWS Config delivery channel (step 6), never used.
		bucket(
			auditLogsBucket,
			doc(
				{ Sid: 'AWSConfigBucketPermissionsCheck', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: `arn:aws:s3:::${auditLogsBucket}`, Condition: { StringEquals: { 'AWS:SourceAccount': account } } },
				{ Sid: 'AWSConfigBucketDelivery', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${auditLogsBucket}/AWSLogs/${account}/Config/*`, Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'AWS:SourceAccount': account } } },
			),
		),
		// Open to any principal, but only from this account's own topic: not external.
		queue('order-events', doc({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${account}:order-events`, Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${account}:order-notifications` } } })),
		// A vendor account may send: external access.
		queue('partner-inbound', doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${externalAccounts.vendor}:root` }, Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${account}:partner-inbound` })),
		// Shared with the prod account: external to an account analyzer, inside an organization analyzer's zone.
		{
			arn: kmsKeyArn,
			type: 'AWS::KMS::Key',
			name: 'alias/data-lake',
			policy: doc(
				{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: rootUserArn }, Action: 'kms:*', Resource: '*' },
				{ Sid: 'ProdDecrypt', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${memberAccounts.prod}:root` }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' },
			),
		},
		snsTopicResource('ops-notifications'),
		snsTopicResource('order-notifications'),
		// Anyone may subscribe: public.
		{ ...statusTopic, policy: doc(...statusTopic.policy!.Statement.map((s) => ({ ...s }) as Record<string, unknown>), { Sid: 'PublicSubscribe', Effect: 'Allow', Principal: '*', Action: 'SNS:Subscribe', Resource: statusTopic.arn }) },
	];
}

export function seedTrails(): SandboxTrail[] {
	return [{ name: 'management-events', arn: `arn:aws:cloudtrail:us-east-1:${account}:trail/management-events`, s3BucketName: cloudTrailBucket, isMultiRegionTrail: true, isLogging: true, homeRegion: 'us-east-1' }];
}

/** Synthetic CloudTrail activity for policy generation: what each workload really does. */
export function seedActivity(clock: SeedClock): Record<string, ActivityRecord[]> {
	const rec = (action: string, count: number, days: number, resource?: string): ActivityRecord => ({ action, count, lastSeen: clock.ago(days, 2), ...(resource ? { resource } : {}) });
	const fn = (name: string) => `arn:aws:lambda:us-east-1:${account}:function:${name}`;
	return {
		[roleArn('lambda-deployer')]: [rec('lambda:UpdateFunctionCode', 412, 0, fn('orders-api')), rec('lambda:GetFunction', 820, 0, fn('orders-api')), rec('lambda:UpdateFunctionConfiguration', 37, 6, fn('orders-api'))],
		[roleArn('build-runner')]: [
			rec('lambda:CreateFunction', 12, 9, fn('orders-api')),
			rec('lambda:InvokeFunction', 3400, 0, fn('orders-api')),
			rec('iam:PassRole', 12, 9, roleArn('ecs-task-api')),
			rec('lambda:GetFunction', 640, 0, fn('orders-api')),
		],
		[roleArn('automation-runner')]: [rec('iam:TagRole', 40, 4, roleArn('batch-worker')), rec('iam:GetRole', 300, 4, roleArn('batch-worker'))],
		[roleArn('github-actions-deploy')]: [rec('s3:PutObject', 1900, 0, 'arn:aws:s3:::acme-artifacts/site/*'), rec('s3:GetObject', 220, 0, 'arn:aws:s3:::acme-artifacts/site/*'), rec('cloudfront:CreateInvalidation', 160, 0)],
		[roleArn('data-science-notebook', '/service-role/')]: [rec('s3:GetObject', 5200, 15, 'arn:aws:s3:::acme-data-lake/*'), rec('s3:ListBucket', 700, 15, 'arn:aws:s3:::acme-data-lake'), rec('sagemaker:CreateTrainingJob', 14, 20), rec('logs:PutLogEvents', 9000, 15)],
		[roleArn('reporting-lambda', '/service-role/')]: [rec('cloudwatch:GetMetricData', 300, 0), rec('logs:CreateLogStream', 300, 0), rec('logs:PutLogEvents', 2900, 0)],
		[roleArn('vendor-monitoring')]: [rec('iam:GetAccountSummary', 90, 0), rec('ec2:DescribeInstances', 2100, 0), rec('s3:GetBucketPolicy', 410, 0, 'arn:aws:s3:::acme-data-lake')],
		[roleArn('jenkins-legacy')]: [rec('s3:PutObject', 8800, 380, 'arn:aws:s3:::acme-artifacts/jenkins/*'), rec('ec2:DescribeInstances', 1200, 380)],
		[userArn('ci-deploy', '/service/')]: [rec('cloudformation:UpdateStack', 260, 0), rec('cloudformation:DescribeStacks', 1800, 0), rec('iam:PassRole', 260, 0, `${iamArnPrefix}:role/cfn-execution`), rec('s3:PutObject', 260, 0, 'arn:aws:s3:::acme-artifacts/cfn/*')],
	};
}

