/**
 * What the seed plants, machine-readable, so tests of every step (and of the policy engine)
 * can check they find it: the escalations that must be reported, the decoys that must not,
 * and other findings by ID and resource. ARNs do not depend on the seeding time.
 */
import type { EscalationMethod, FindingId } from '../../core/finding-catalogue.js';
import { roleArn, rootUserArn, userArn } from './seed-helpers.js';
import { kmsKeyArn } from './seed-org-monitoring.js';
import { customerPolicyArn } from './seed-policies.js';

export type { EscalationMethod };

export interface PlantedEscalation {
	principalArn: string;
	method: EscalationMethod;
	/** The group it comes through, when inherited. */
	via?: string;
	why: string;
}

export interface EscalationDecoy {
	principalArn: string;
	method: EscalationMethod;
	why: string;
}

export interface ExpectedFinding {
	id: FindingId;
	/** The finding's `resource`; absent for account-wide findings whose resource FINDINGS.md leaves to the step. */
	resource?: string;
	why: string;
	/** What must happen first, when the seed alone does not raise it. */
	requires?: string;
}

export interface SeedExpectations {
	/** Each must be reported as PRIVILEGE_ESCALATION with this `method` on this principal (others may be too). */
	escalations: PlantedEscalation[];
	/** Each must NOT be reported. */
	decoys: EscalationDecoy[];
	/** Each must be reported (at least once with this ID and resource). */
	findings: ExpectedFinding[];
	/** Each must NOT be reported. */
	absentFindings: ExpectedFinding[];
}

const u = (name: string) => userArn(name);
const svc = (name: string) => userArn(name, '/service/');
const r = (name: string) => roleArn(name);
const sr = (name: string) => roleArn(name, '/service-role/');
const mallory = userArn('mallory', '/contractors/');
const ssoAdmin = roleArn('AWSReservedSSO_AdministratorAccess_4f1c2a9e7b3d6e80', '/aws-reserved/sso.amazonaws.com/');
const accountWide = undefined;

const viaGroup = (group: string, members: string[], method: EscalationMethod, why: string): PlantedEscalation[] =>
	members.map((name) => ({ principalArn: u(name), method, via: group, why }));

export const seedExpectations: SeedExpectations = {
	escalations: [
		{ principalArn: mallory, method: 'CreatePolicyVersion', why: 'contractor-iam-helper allows iam:CreatePolicyVersion on policy/*' },
		{ principalArn: r('policy-rollback'), method: 'SetDefaultPolicyVersion', why: 'inline rollback-policies allows iam:SetDefaultPolicyVersion on policy/*' },
		...viaGroup('developers', ['bob', 'erin', 'heidi', 'sam'], 'PassRoleEC2', 'developer-access allows iam:PassRole on * and ec2:RunInstances (heidi\'s boundary allows iam:* and ec2:*)'),
		{ principalArn: u('ivan'), method: 'CreateAccessKey', why: 'inline iam-self-service allows iam:CreateAccessKey on user/*' },
		...viaGroup('helpdesk', ['nina', 'oscar'], 'CreateLoginProfile', 'helpdesk-password-reset allows iam:CreateLoginProfile on user/*'),
		...viaGroup('helpdesk', ['nina', 'oscar'], 'UpdateLoginProfile', 'helpdesk-password-reset allows iam:UpdateLoginProfile on user/*'),
		{ principalArn: u('peggy'), method: 'AttachUserPolicy', why: 'inline policy-fixer allows iam:AttachUserPolicy on *' },
		{ principalArn: r('lambda-deployer'), method: 'AttachRolePolicy', why: 'inline deploy-functions allows iam:AttachRolePolicy on role/*' },
		{ principalArn: r('lambda-deployer'), method: 'UpdateFunctionCode', why: 'inline deploy-functions allows lambda:UpdateFunctionCode on *: the function nightly-report runs with reporting-lambda' },
		{ principalArn: r('automation-runner'), method: 'PutUserPolicy', why: 'automation-iam-writes allows iam:PutUserPolicy on *' },
		{ principalArn: r('automation-runner'), method: 'PutRolePolicy', why: 'automation-iam-writes allows iam:PutRolePolicy on *' },
		...viaGroup('team-leads', ['trent', 'victor'], 'AddUserToGroup', 'team-lead-membership allows iam:AddUserToGroup on group/*'),
		{ principalArn: r('github-actions-deploy'), method: 'UpdateAssumeRolePolicy', why: 'github-deploy allows iam:UpdateAssumeRolePolicy on role/*' },
		{ principalArn: r('build-runner'), method: 'PassRoleLambda', why: 'build-runner-deploy allows iam:PassRole on *, lambda:CreateFunction and lambda:InvokeFunction' },
		{ principalArn: u('sam'), method: 'AttachGroupPolicy', why: 'group-admin allows iam:AttachGroupPolicy on * and sam is in groups' },
		...viaGroup('oncall', ['quinn', 'rupert'], 'PutGroupPolicy', 'the oncall group\'s inline policy allows iam:PutGroupPolicy on the oncall group itself'),
		...viaGroup('data-engineering', ['dave'], 'PassRoleGlue', 'glue-dev-endpoints allows iam:PassRole on role/* and glue:CreateDevEndpoint'),
		// Paths through the principal graph: the first hop's method, the path to what it gains.
		{ principalArn: r('github-actions-deploy'), method: 'AssumeRole', why: 'breakglass-admin trusts the account root (with MFA) and github-deploy allows sts:AssumeRole: a conditional path to a full administrator' },
		{ principalArn: sr('data-science-notebook'), method: 'SSMSendCommand', why: 'power-user-no-iam allows ssm:SendCommand: on the stopped Jenkins controller, whose instance profile still gives it jenkins-legacy, a full administrator (conditional "if such an instance exists" when instances are not read)' },
		{ principalArn: sr('data-science-notebook'), method: 'CodeBuildStartBuild', why: 'two hops: a build of the lambda-deploy project, which runs with lambda-deployer, then AttachRolePolicy (conditional when projects are not read)' },
	],
	decoys: [
		// Full administrators gain nothing: POLICY_FULL_ADMIN covers them, no escalation is reported.
		{ principalArn: u('alice'), method: 'AttachUserPolicy', why: 'AdministratorAccess through admins: already a full administrator' },
		{ principalArn: svc('terraform'), method: 'CreatePolicyVersion', why: 'AdministratorAccess attached directly: already a full administrator' },
		{ principalArn: r('jenkins-legacy'), method: 'PassRoleEC2', why: 'legacy-full-admin allows * on *: already a full administrator' },
		{ principalArn: svc('ci-deploy'), method: 'PassRoleCloudFormation', why: 'the only role CloudFormation may assume, app-deployer, adds no action ci-deploy lacks (its boundary allows no IAM): a PassRole that gains nothing' },
		{ principalArn: u('wendy'), method: 'AttachUserPolicy', why: 'iam-user-admin-lite allows it but her inline deny-policy-attachment denies it explicitly' },
		{ principalArn: r('batch-scheduler'), method: 'PassRoleEC2', why: 'iam:PassRole only of batch-worker and only with iam:PassedToService ecs-tasks.amazonaws.com' },
		{ principalArn: r('app-deployer'), method: 'AttachRolePolicy', why: 'its permissions boundary app-boundary allows no IAM action' },
		{ principalArn: r('app-deployer'), method: 'PutRolePolicy', why: 'its permissions boundary app-boundary allows no IAM action' },
		{ principalArn: r('partner-audit'), method: 'CreatePolicyVersion', why: 'read-only (ReadOnlyAccess, SecurityAudit)' },
		{ principalArn: r('partner-audit'), method: 'AttachRolePolicy', why: 'read-only (ReadOnlyAccess, SecurityAudit)' },
		{ principalArn: r('partner-audit'), method: 'PassRoleEC2', why: 'read-only (ReadOnlyAccess, SecurityAudit)' },
		{ principalArn: r('partner-audit'), method: 'CreateAccessKey', why: 'read-only (ReadOnlyAccess, SecurityAudit)' },
		{ principalArn: u('carol'), method: 'CreateAccessKey', why: 'self-service-credentials allows iam:CreateAccessKey on user/${aws:username} only (her own user)' },
		{ principalArn: u('judy'), method: 'CreateAccessKey', why: 'self-service-credentials allows iam:CreateAccessKey on user/${aws:username} only (her own user)' },
	],
	findings: [
		// Step 1
		{ id: 'ROOT_ACCESS_KEY', resource: rootUserArn, why: 'root has an active access key' },
		{ id: 'ROOT_NO_MFA', resource: rootUserArn, why: 'root has no MFA device' },
		{ id: 'ROOT_RECENTLY_USED', resource: rootUserArn, why: 'root signed in 5 days ago and used its key 12 days ago' },
		{ id: 'ROOT_NO_HARDWARE_MFA', resource: rootUserArn, why: 'root MFA is virtual', requires: 'withRootMfa(state, "virtual", now) (gateway.setRootMfa("virtual"))' },
		{ id: 'PASSWORD_POLICY_WEAK', resource: rootUserArn, why: 'minimum length 8, no reuse prevention' },
		...['bob', 'erin', 'peggy', 'zoe'].map((n) => ({ id: 'CONSOLE_USER_NO_MFA' as const, resource: u(n), why: 'console password, no MFA device' })),
		{ id: 'CONSOLE_USER_NO_MFA', resource: mallory, why: 'console password, no MFA device' },
		{ id: 'KEY_CREATED_AT_SETUP', resource: u('zoe'), why: 'console user whose key was made with the user and never used' },
		{ id: 'KEY_CREATED_AT_SETUP', resource: svc('backup-agent'), why: 'key made with the user and never used' },
		{ id: 'CREDENTIAL_UNUSED', resource: u('erin'), why: 'password unused 210 days, key unused 160 days' },
		{ id: 'CREDENTIAL_UNUSED', resource: svc('legacy-etl'), why: 'key unused 200 days' },
		{ id: 'CREDENTIAL_UNUSED', resource: svc('backup-agent'), why: 'key never used, made 60 days ago' },
		{ id: 'MULTIPLE_ACTIVE_KEYS', resource: u('dave'), why: 'two active keys' },
		...[u('alice'), u('dave'), u('erin'), svc('ci-deploy'), svc('legacy-etl'), svc('svc-ses-smtp')].map((arn) => ({ id: 'KEY_NOT_ROTATED' as const, resource: arn, why: 'an active key older than 90 days' })),
		...[u('heidi'), u('ivan'), mallory, u('peggy'), u('sam'), u('wendy'), svc('ci-deploy'), svc('legacy-etl'), svc('terraform'), svc('svc-ses-smtp')].map((arn) => ({
			id: 'USER_DIRECT_POLICY' as const,
			resource: arn,
			why: 'attached or inline policies on the user',
		})),
		{ id: 'SUPPORT_ROLE_MISSING', resource: rootUserArn, why: 'AWSSupportAccess is on the support group, on no role' },
		{ id: 'ROLE_UNUSED', resource: r('jenkins-legacy'), why: 'last used 380 days ago' },
		{ id: 'ROLE_UNUSED', resource: sr('old-migration-role'), why: 'never used, created 700 days ago' },
		{ id: 'ROLE_UNUSED', resource: r('breakglass-admin'), why: 'last used 200 days ago' },
		{ id: 'CLOUDSHELL_FULL_ACCESS', resource: u('grace'), why: 'AWSCloudShellFullAccess through the ops group' },
		// Step 2
		{ id: 'ANALYZER_MISSING', resource: accountWide, why: 'only an unused-access analyzer exists' },
		{ id: 'UNUSED_ACCESS', resource: r('jenkins-legacy'), why: 'the unused-access analyzer reports the role' },
		{ id: 'UNUSED_ACCESS', resource: svc('legacy-etl'), why: 'the unused-access analyzer reports the key' },
		{ id: 'UNUSED_ACCESS', resource: u('erin'), why: 'the unused-access analyzer reports the password' },
		...['arn:aws:s3:::acme-partner-exchange', 'arn:aws:sqs:us-east-1:123456789012:partner-inbound', 'arn:aws:sns:us-east-1:123456789012:status-page-updates', r('vendor-monitoring'), r('legacy-cross-account-access')].map((arn) => ({
			id: 'EXTERNAL_ACCESS' as const,
			resource: arn,
			why: 'shared outside the organization',
			requires: 'an external-access analyzer (access-analyzer:CreateAnalyzer, type ACCOUNT or ORGANIZATION)',
		})),
		{ id: 'EXTERNAL_ACCESS', resource: kmsKeyArn, why: 'shared with the prod account of the organization', requires: 'an analyzer of type ACCOUNT (an ORGANIZATION analyzer does not report it)' },
		{ id: 'TRUST_ANY_PRINCIPAL', resource: r('legacy-cross-account-access'), why: 'Principal {"AWS": "*"} with no condition' },
		{ id: 'TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID', resource: r('vendor-monitoring'), why: 'trusts 444455556666 with no sts:ExternalId' },
		// Step 3
		{ id: 'POLICY_FULL_ADMIN', resource: customerPolicyArn('legacy-full-admin'), why: 'allows * on *' },
		{ id: 'POLICY_SERVICE_WILDCARD', resource: customerPolicyArn('data-lake-full'), why: 'allows s3:*' },
		{ id: 'POLICY_WILDCARD_RESOURCE', resource: customerPolicyArn('automation-iam-writes'), why: 'iam:PutUserPolicy and iam:PutRolePolicy on *' },
		{ id: 'POLICY_NOT_ACTION', resource: customerPolicyArn('power-user-no-iam'), why: 'Allow with NotAction' },
		{ id: 'POLICY_SENSITIVE_NO_MFA', resource: u('peggy'), why: 'console user; inline policy-fixer allows iam:AttachUserPolicy without an MFA condition' },
		{ id: 'POLICY_VALIDATION', resource: customerPolicyArn('legacy-reporting'), why: 's3:GetObjects does not exist; sqs:SendMessage on an S3 ARN' },
		// Step 4
		{ id: 'BOUNDARY_MISSING', resource: u('peggy'), why: 'can change IAM, no boundary' },
		{ id: 'BOUNDARY_MISSING', resource: r('policy-rollback'), why: 'human-assumed (trusts the account), can change IAM, no boundary' },
		{ id: 'BOUNDARY_MISSING', resource: ssoAdmin, why: 'Identity Center role (human), no boundary' },
		{ id: 'BOUNDARY_WEAK', resource: customerPolicyArn('developer-boundary'), why: 'allows iam:*; used by heidi and sandbox-developer' },
		// Step 5
		{ id: 'MFA_NOT_ENFORCED', resource: accountWide, why: 'SCPs are enabled but only FullAWSAccess is attached' },
		// Step 6
		{ id: 'CONFIG_RECORDER_OFF', resource: accountWide, why: 'no configuration recorder' },
		{ id: 'CONFIG_RULE_MISSING', resource: accountWide, why: 'no Config rules' },
		{ id: 'ALERT_ROOT_USAGE_MISSING', resource: accountWide, why: 'no rule matches root activity' },
		{ id: 'ALERT_IAM_CHANGES_MISSING', resource: accountWide, why: 'the only IAM-changes rule is disabled and has no target' },
		{ id: 'ALERT_CONSOLE_NO_MFA_MISSING', resource: accountWide, why: 'no rule matches console sign-in without MFA' },
		{ id: 'ALERT_NO_TARGET', resource: `arn:aws:events:us-east-1:123456789012:rule/iam-changes-draft`, why: 'rule iam-changes-draft matches IAM changes but is disabled and has no target' },
		{ id: 'ALERT_ROOT_KEY_CREATED_MISSING', resource: accountWide, why: 'no rule matches the root user creating an access key' },
		{ id: 'SECURITY_HUB_OFF', resource: accountWide, why: 'Security Hub is not enabled' },
		{ id: 'TRAIL_MISSING', resource: accountWide, why: 'raised once the management-events trail stops logging', requires: 'stop the trail management-events' },
	],
	absentFindings: [
		{ id: 'TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID', resource: r('partner-audit'), why: 'the cross-account trust requires sts:ExternalId' },
		{ id: 'TRUST_ANY_PRINCIPAL', resource: r('org-data-share'), why: 'Principal "*" is restricted by aws:PrincipalOrgID' },
		{ id: 'TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID', resource: r('org-data-share'), why: 'restricted to the organization' },
		{ id: 'ROLE_UNUSED', resource: roleArn('AWSServiceRoleForAutoScaling', '/aws-service-role/autoscaling.amazonaws.com/'), why: 'service-linked roles are the service\'s business' },
		{ id: 'KEY_NOT_ROTATED', resource: svc('old-jenkins'), why: 'its only key is inactive' },
		{ id: 'KEY_NOT_ROTATED', resource: svc('terraform'), why: 'the active key is 80 days old; the old one is inactive' },
		{ id: 'CONSOLE_USER_NO_MFA', resource: u('carol'), why: 'FIDO security key' },
		{ id: 'CONSOLE_USER_NO_MFA', resource: u('xavier'), why: 'hardware TOTP token' },
		{ id: 'CREDENTIAL_UNUSED', resource: u('zoe'), why: 'created 2 days ago' },
		{ id: 'BOUNDARY_MISSING', resource: r('app-deployer'), why: 'has the app-boundary boundary' },
		{ id: 'USER_DIRECT_POLICY', resource: u('carol'), why: 'permissions through groups only' },
		{ id: 'CLOUDSHELL_FULL_ACCESS', resource: u('carol'), why: 'not in ops' },
		{ id: 'TRAIL_MISSING', resource: accountWide, why: 'management-events is a multi-region trail that logs management events' },
	],
};

