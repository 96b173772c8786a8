/**
 * The seed's roles: service-linked roles (which IAM will not let anyone change), Identity
 * Center roles, workload roles and cross-account roles. Each comment names what it plants.
 */
import type { InlinePolicy, Role, Tag } from '../../core/model.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { iamId } from './sandbox-ids.js';
import { awsManagedArn } from './seed-aws-managed.js';
import { account, allow, doc, iamArnPrefix, roleArn, rootUserArn, serviceTrust, trust, type SeedClock } from './seed-helpers.js';
import { customerPolicyArn } from './seed-policies.js';

interface RoleSpec {
	name: string;
	path?: string;
	daysAgo: number;
	description?: string;
	trust: PolicyDocument;
	attached?: string[];
	inline?: InlinePolicy[];
	boundary?: string;
	/** Absent: no recorded use. */
	used?: { days: number; hours?: number; region?: string };
	instanceProfile?: boolean;
	maxSessionDuration?: number;
	tags?: Tag[];
}

const own = customerPolicyArn;
const aws = (name: string, path = '/') => awsManagedArn(name, path);
const slr = (name: string) => aws(name, '/aws-service-role/');
const ssoProvider = `${iamArnPrefix}:saml-provider/AWSSSO_3b2c9d8e7f6a5b4c_DO_NOT_DELETE`;
const ssoTrust = trust({ Federated: ssoProvider }, { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } }, ['sts:AssumeRoleWithSAML', 'sts:TagSession']);
const orgId = 'o-a1b2c3d4e5';

const specs: RoleSpec[] = [
	// Service-linked roles: UnmodifiableEntity for every write; never ROLE_UNUSED.
	{ name: 'AWSServiceRoleForOrganizations', path: '/aws-service-role/organizations.amazonaws.com/', daysAgo: 1400, trust: serviceTrust('organizations.amazonaws.com'), attached: [slr('AWSOrganizationsServiceTrustPolicy')], used: { days: 1 }, description: 'Service-linked role used by AWS Organizations to enable integration of other AWS services with Organizations.' },
	{ name: 'AWSServiceRoleForSupport', path: '/aws-service-role/support.amazonaws.com/', daysAgo: 1500, trust: serviceTrust('support.amazonaws.com'), attached: [slr('AWSSupportServiceRolePolicy')], used: { days: 3 }, description: 'Enables resource access for AWS to provide billing, administrative and support services' },
	{ name: 'AWSServiceRoleForTrustedAdvisor', path: '/aws-service-role/trustedadvisor.amazonaws.com/', daysAgo: 1500, trust: serviceTrust('trustedadvisor.amazonaws.com'), attached: [slr('AWSTrustedAdvisorServiceRolePolicy')], used: { days: 0, hours: 8 }, description: 'Access for the AWS Trusted Advisor Service to help reduce cost, increase performance, and improve security of your AWS environment.' },
	{ name: 'AWSServiceRoleForAccessAnalyzer', path: '/aws-service-role/access-analyzer.amazonaws.com/', daysAgo: 120, trust: serviceTrust('access-analyzer.amazonaws.com'), attached: [slr('AccessAnalyzerServiceRolePolicy')], used: { days: 0, hours: 10 } },
	{ name: 'AWSServiceRoleForElasticLoadBalancing', path: '/aws-service-role/elasticloadbalancing.amazonaws.com/', daysAgo: 1000, trust: serviceTrust('elasticloadbalancing.amazonaws.com'), attached: [slr('AWSElasticLoadBalancingServiceRolePolicy')], used: { days: 2 }, description: 'Allows ELB to call AWS services on your behalf.' },
	// Never used but service-linked: not ROLE_UNUSED.
	{ name: 'AWSServiceRoleForAutoScaling', path: '/aws-service-role/autoscaling.amazonaws.com/', daysAgo: 1000, trust: serviceTrust('autoscaling.amazonaws.com'), attached: [slr('AutoScalingServiceRolePolicy')], description: 'Default Service-Linked Role enables access to AWS Services and Resources used or managed by Auto Scaling' },
	// Identity Center roles: human principals. Admin: POLICY_FULL_ADMIN (AWS-managed), BOUNDARY_MISSING (human-assumed).
	{ name: 'AWSReservedSSO_AdministratorAccess_4f1c2a9e7b3d6e80', path: '/aws-reserved/sso.amazonaws.com/', daysAgo: 800, trust: ssoTrust, attached: [aws('AdministratorAccess')], used: { days: 0, hours: 3 }, maxSessionDuration: 43200 },
	{ name: 'AWSReservedSSO_ReadOnly_9a8b7c6d5e4f3a2b', path: '/aws-reserved/sso.amazonaws.com/', daysAgo: 800, trust: ssoTrust, attached: [aws('ReadOnlyAccess')], used: { days: 2 }, maxSessionDuration: 43200 },
	// POLICY_FULL_ADMIN (customer *:*) and ROLE_UNUSED (last used 380 days ago); has an instance profile.
	{ name: 'jenkins-legacy', daysAgo: 1000, trust: serviceTrust('ec2.amazonaws.com'), attached: [own('legacy-full-admin')], used: { days: 380 }, instanceProfile: true, description: 'Old Jenkins controller' },
	// ROLE_UNUSED: created 700 days ago, never used.
	{ name: 'old-migration-role', path: '/service-role/', daysAgo: 700, trust: serviceTrust('dms.amazonaws.com', 'datapipeline.amazonaws.com'), attached: [aws('AmazonS3ReadOnlyAccess')], description: 'DMS migration (2024)' },
	// Break-glass admin: MFA-only trust, ROLE_UNUSED (200 days). Operators usually exclude it.
	{
		name: 'breakglass-admin',
		daysAgo: 900,
		trust: trust({ AWS: rootUserArn }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
		attached: [aws('AdministratorAccess')],
		used: { days: 200 },
		maxSessionDuration: 3600,
		tags: [{ Key: 'purpose', Value: 'break-glass' }],
		description: 'Emergency access; sealed procedure',
	},
	// TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID: a vendor account trusted with no condition.
	{ name: 'vendor-monitoring', daysAgo: 400, trust: trust({ AWS: 'arn:aws:iam::444455556666:root' }), attached: [aws('SecurityAudit')], used: { days: 0, hours: 7 }, description: 'Monitoring vendor read access' },
	// Clean cross-account trust WITH sts:ExternalId; read-only (escalation decoy).
	{
		name: 'partner-audit',
		daysAgo: 300,
		trust: trust({ AWS: 'arn:aws:iam::777788889999:root' }, { StringEquals: { 'sts:ExternalId': 'acme-7f3c9e21-audit' } }),
		attached: [aws('ReadOnlyAccess'), aws('SecurityAudit')],
		used: { days: 2 },
		description: 'External auditor (read-only)',
	},
	// TRUST_ANY_PRINCIPAL: Principal {"AWS": "*"} with no condition.
	{
		name: 'legacy-cross-account-access',
		daysAgo: 1100,
		trust: trust({ AWS: '*' }),
		inline: [{ name: 'read-shared-exports', document: doc(allow('s3:GetObject', 'arn:aws:s3:::acme-partner-exchange/*')) }],
		used: { days: 20 },
	},
	// Clean: Principal "*" restricted to the organization (no TRUST_ANY_PRINCIPAL).
	{
		name: 'org-data-share',
		daysAgo: 180,
		trust: trust('*', { StringEquals: { 'aws:PrincipalOrgID': orgId } }),
		inline: [{ name: 'read-org-reports', document: doc(allow('s3:GetObject', 'arn:aws:s3:::acme-reports/*')) }],
		used: { days: 1 },
	},
	// AttachRolePolicy on role/* and UpdateFunctionCode.
	{
		name: 'lambda-deployer',
		daysAgo: 260,
		trust: serviceTrust('codebuild.amazonaws.com'),
		inline: [
			{
				name: 'deploy-functions',
				document: doc(allow('iam:AttachRolePolicy', `${iamArnPrefix}:role/*`), allow(['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:GetFunction'])),
			},
		],
		used: { days: 0, hours: 9 },
	},
	// PassRoleLambda.
	{ name: 'build-runner', daysAgo: 230, trust: serviceTrust('codebuild.amazonaws.com'), attached: [own('build-runner-deploy')], used: { days: 0, hours: 2 } },
	// PutUserPolicy, PutRolePolicy; POLICY_WILDCARD_RESOURCE.
	{ name: 'automation-runner', daysAgo: 210, trust: serviceTrust('ssm.amazonaws.com'), attached: [own('automation-iam-writes')], used: { days: 4 } },
	// SetDefaultPolicyVersion; human-assumed (trusts the account) without MFA: BOUNDARY_MISSING, POLICY_SENSITIVE_NO_MFA.
	{
		name: 'policy-rollback',
		daysAgo: 140,
		trust: trust({ AWS: rootUserArn }),
		inline: [{ name: 'rollback-policies', document: doc(allow(['iam:SetDefaultPolicyVersion', 'iam:ListPolicyVersions', 'iam:GetPolicyVersion'], `${iamArnPrefix}:policy/*`)) }],
		used: { days: 30 },
	},
	// UpdateAssumeRolePolicy on role/* (OIDC workload).
	{
		name: 'github-actions-deploy',
		daysAgo: 160,
		trust: trust(
			{ Federated: `${iamArnPrefix}:oidc-provider/token.actions.githubusercontent.com` },
			{ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/website:ref:refs/heads/main' } },
			'sts:AssumeRoleWithWebIdentity',
		),
		attached: [own('github-deploy')],
		used: { days: 0, hours: 5 },
	},
	// DECOY: PassRole only of batch-worker and only to ECS tasks, so ec2:RunInstances gives no PassRoleEC2.
	{
		name: 'batch-scheduler',
		daysAgo: 190,
		trust: serviceTrust('scheduler.amazonaws.com'),
		inline: [
			{
				name: 'schedule-batch',
				document: doc(
					allow('iam:PassRole', roleArn('batch-worker'), { Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } }),
					allow(['ecs:RunTask', 'ecs:DescribeTasks', 'ec2:RunInstances', 'ec2:DescribeInstances']),
				),
			},
		],
		used: { days: 0, hours: 1 },
	},
	{
		name: 'batch-worker',
		daysAgo: 190,
		trust: serviceTrust('ecs-tasks.amazonaws.com'),
		inline: [{ name: 'batch-table-read', document: doc(allow(['dynamodb:GetItem', 'dynamodb:Query'], `arn:aws:dynamodb:us-east-1:${account}:table/orders`)) }],
		used: { days: 0, hours: 1 },
	},
	// DECOY: AttachRolePolicy and PutRolePolicy allowed, but its boundary (app-boundary) allows no IAM at all.
	{
		name: 'app-deployer',
		daysAgo: 220,
		// CodePipeline runs the deploy and hands the stack to CloudFormation with this role.
		trust: serviceTrust('codepipeline.amazonaws.com', 'cloudformation.amazonaws.com'),
		inline: [
			{
				name: 'app-rollout',
				document: doc(allow(['iam:AttachRolePolicy', 'iam:PutRolePolicy'], `${iamArnPrefix}:role/app-*`), allow('s3:PutObject', 'arn:aws:s3:::acme-app-artifacts/*')),
			},
		],
		boundary: own('app-boundary'),
		used: { days: 1 },
	},
	// Human-assumed (MFA required) with the weak developer-boundary: BOUNDARY_WEAK names it.
	{
		name: 'sandbox-developer',
		daysAgo: 330,
		trust: trust({ AWS: rootUserArn }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
		attached: [aws('PowerUserAccess')],
		boundary: own('developer-boundary'),
		used: { days: 6 },
	},
	// POLICY_NOT_ACTION (power-user-no-iam).
	{ name: 'data-science-notebook', path: '/service-role/', daysAgo: 500, trust: serviceTrust('sagemaker.amazonaws.com'), attached: [own('power-user-no-iam')], used: { days: 15 } },
	// POLICY_VALIDATION (legacy-reporting).
	{ name: 'reporting-lambda', path: '/service-role/', daysAgo: 800, trust: serviceTrust('lambda.amazonaws.com'), attached: [own('legacy-reporting'), aws('AWSLambdaBasicExecutionRole', '/service-role/')], used: { days: 0, hours: 20 } },
	// Clean workload roles.
	{
		name: 'glue-etl',
		path: '/service-role/',
		daysAgo: 300,
		trust: serviceTrust('glue.amazonaws.com'),
		inline: [{ name: 'glue-data-lake', document: doc(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::acme-data-lake/*'), allow(['glue:GetTable', 'glue:GetDatabase', 'glue:CreateTable'])) }],
		used: { days: 1 },
	},
	{ name: 'monitoring-readonly', daysAgo: 600, trust: serviceTrust('ec2.amazonaws.com'), attached: [aws('CloudWatchLogsReadOnlyAccess'), aws('AmazonSSMManagedInstanceCore')], used: { days: 0, hours: 1 }, instanceProfile: true },
	{
		name: 'ecs-task-api',
		daysAgo: 400,
		trust: serviceTrust('ecs-tasks.amazonaws.com'),
		inline: [
			{
				name: 'api-runtime',
				document: doc(allow('sqs:SendMessage', `arn:aws:sqs:us-east-1:${account}:order-events`), allow('kms:Decrypt', `arn:aws:kms:us-east-1:${account}:key/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b`)),
			},
		],
		used: { days: 0, hours: 1 },
	},
	{
		name: 'cloudtrail-to-cloudwatch',
		path: '/service-role/',
		daysAgo: 1300,
		trust: serviceTrust('cloudtrail.amazonaws.com'),
		inline: [{ name: 'cloudtrail-logs-delivery', document: doc(allow(['logs:CreateLogStream', 'logs:PutLogEvents'], `arn:aws:logs:us-east-1:${account}:log-group:aws-cloudtrail-logs-management-events:*`)) }],
		used: { days: 0, hours: 1 },
	},
];

export function seedRoles(clock: SeedClock, policyName: (arn: string) => string): Role[] {
	return specs.map((spec) => {
		const path = spec.path ?? '/';
		return {
			name: spec.name,
			id: iamId('AROA', `role:${spec.name}`),
			arn: roleArn(spec.name, path),
			path,
			createDate: clock.ago(spec.daysAgo),
			...(spec.description ? { description: spec.description } : {}),
			trustPolicy: spec.trust,
			inlinePolicies: spec.inline ?? [],
			attachedPolicies: (spec.attached ?? []).map((arn) => ({ arn, name: policyName(arn) })),
			...(spec.boundary ? { permissionsBoundary: spec.boundary } : {}),
			tags: spec.tags ?? [],
			maxSessionDuration: spec.maxSessionDuration ?? 3600,
			instanceProfiles: spec.instanceProfile ? [spec.name] : [],
			...(spec.used ? { lastUsed: { date: clock.ago(spec.used.days, spec.used.hours), region: spec.used.region ?? 'us-east-1' } } : {}),
		};
	});
}
