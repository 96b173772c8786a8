/**
 * The findings catalogue (shipped as docs/findings.md, written from this file by
 * `npm run docs:findings`): stable IDs, severity, the step that shows
 * and remediates each, and the CIS v5 / Security Hub controls they map to.
 */
import type { StepNumber } from './actions.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const severityOrder: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function severityRank(severity: Severity): number {
	return severityOrder.indexOf(severity);
}

export interface CatalogueEntry {
	severity: Severity;
	step: StepNumber;
	title: string;
	/** When it is raised, for help text (SARIF rules, `?` in the wizard). */
	help: string;
	controls: string[];
}

const cis = (...n: string[]) => n.map((x) => `CIS-5.0:${x}`);
const sh = (...n: string[]) => n.map((x) => `SecurityHub:${x}`);

export const findingCatalogue = {
	ROOT_ACCESS_KEY: { severity: 'critical', step: 1, title: 'Root user has an active access key', help: 'The root user has an active access key.', controls: [...cis('1.3'), ...sh('IAM.4')] },
	ROOT_NO_MFA: { severity: 'critical', step: 1, title: 'Root user has no MFA', help: 'The root user has no MFA device.', controls: [...cis('1.4'), ...sh('IAM.9')] },
	ROOT_NO_HARDWARE_MFA: { severity: 'medium', step: 1, title: 'Root MFA is virtual only', help: 'The root user is protected by a virtual MFA device only, not a hardware one.', controls: [...cis('1.5'), ...sh('IAM.6')] },
	ROOT_RECENTLY_USED: { severity: 'high', step: 1, title: 'Root user used recently', help: 'The root user signed in or used an access key in the last 30 days.', controls: cis('1.6') },
	PASSWORD_POLICY_WEAK: { severity: 'medium', step: 1, title: 'Password policy is missing or weak', help: 'No account password policy, a minimum length under 14, or reuse prevention under 24.', controls: [...cis('1.7', '1.8'), ...sh('IAM.15', 'IAM.16')] },
	CONSOLE_USER_NO_MFA: { severity: 'high', step: 1, title: 'Console user without MFA', help: 'A user with a console password has no MFA device.', controls: [...cis('1.9'), ...sh('IAM.5')] },
	KEY_CREATED_AT_SETUP: { severity: 'low', step: 1, title: 'Access key created with the user and never used', help: 'An access key was created together with the user and has never been used.', controls: cis('1.10') },
	CREDENTIAL_UNUSED: { severity: 'medium', step: 1, title: 'Unused credential', help: 'A password or active access key unused for 45 days or more (configurable).', controls: [...cis('1.11'), ...sh('IAM.22')] },
	MULTIPLE_ACTIVE_KEYS: { severity: 'low', step: 1, title: 'Two active access keys', help: 'A user has two active access keys.', controls: cis('1.12') },
	KEY_NOT_ROTATED: { severity: 'medium', step: 1, title: 'Access key not rotated', help: 'An active access key is older than 90 days (configurable).', controls: [...cis('1.13'), ...sh('IAM.3')] },
	USER_DIRECT_POLICY: { severity: 'low', step: 1, title: 'Policy attached directly to a user', help: 'A user has attached or inline policies instead of getting permissions through a group.', controls: [...cis('1.14'), ...sh('IAM.2')] },
	SUPPORT_ROLE_MISSING: { severity: 'low', step: 1, title: 'No support role', help: 'No role has AWSSupportAccess attached.', controls: [...cis('1.16'), ...sh('IAM.18')] },
	ROLE_UNUSED: { severity: 'low', step: 1, title: 'Role unused', help: 'A role has not been used for 90 days (configurable).', controls: [] },
	CLOUDSHELL_FULL_ACCESS: { severity: 'medium', step: 1, title: 'AWSCloudShellFullAccess attached', help: 'AWSCloudShellFullAccess is attached to a principal.', controls: [...cis('1.21'), ...sh('IAM.27')] },
	ANALYZER_MISSING: { severity: 'medium', step: 2, title: 'No Access Analyzer', help: 'No active external-access analyzer in the region.', controls: [...cis('1.19'), ...sh('IAM.28')] },
	EXTERNAL_ACCESS: { severity: 'high', step: 2, title: 'External access', help: 'An active Access Analyzer external-access finding.', controls: [] },
	UNUSED_ACCESS: { severity: 'medium', step: 2, title: 'Unused access', help: 'An active Access Analyzer unused-access finding (role, key, password, permission).', controls: [] },
	TRUST_ANY_PRINCIPAL: { severity: 'critical', step: 2, title: 'Role trusts any principal', help: 'A role trust policy allows Principal "*" without a restricting condition.', controls: [] },
	TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID: { severity: 'medium', step: 2, title: 'Cross-account trust without external ID', help: 'A role trusts another account without sts:ExternalId or an organization condition.', controls: [] },
	POLICY_FULL_ADMIN: { severity: 'critical', step: 3, title: 'Full administrator policy', help: 'An attached policy allows "*" on "*".', controls: [...cis('1.15'), ...sh('IAM.1')] },
	POLICY_SERVICE_WILDCARD: { severity: 'high', step: 3, title: 'Service wildcard', help: 'A customer policy allows "service:*".', controls: sh('IAM.21') },
	POLICY_WILDCARD_RESOURCE: { severity: 'medium', step: 3, title: 'Write on any resource', help: 'A write or permissions-management action that supports resource-level permissions is allowed on "*".', controls: [] },
	POLICY_NOT_ACTION: { severity: 'high', step: 3, title: 'Allow with NotAction or NotResource', help: 'An Allow statement uses NotAction or NotResource.', controls: [] },
	POLICY_SENSITIVE_NO_MFA: { severity: 'low', step: 3, title: 'Permissions management without MFA', help: 'Permissions-management actions for human principals without an MFA condition.', controls: [] },
	POLICY_VALIDATION: { severity: 'high', step: 3, title: 'Policy validation issue', help: 'Access Analyzer ValidatePolicy reported an ERROR or SECURITY_WARNING.', controls: [] },
	PRIVILEGE_ESCALATION: { severity: 'critical', step: 4, title: 'Privilege escalation', help: 'A principal can reach permissions it does not already have (full admin, or a principal with more) through one or more hops.', controls: [] },
	BOUNDARY_MISSING: { severity: 'medium', step: 4, title: 'No permissions boundary', help: 'A principal that can change IAM, or a human-assumed role, has no permissions boundary.', controls: [] },
	BOUNDARY_WEAK: { severity: 'high', step: 4, title: 'Weak permissions boundary', help: 'A boundary allows IAM user/role/policy changes, or deleting or replacing permissions boundaries.', controls: [] },
	MFA_NOT_ENFORCED: { severity: 'high', step: 5, title: 'MFA not enforced', help: 'No SCP (or IAM policy on human users) denies actions when MFA is absent.', controls: [] },
	CONFIG_RECORDER_OFF: { severity: 'medium', step: 6, title: 'AWS Config not recording', help: 'No AWS Config recorder is recording.', controls: [...cis('3.3'), ...sh('Config.1')] },
	CONFIG_RULE_MISSING: { severity: 'medium', step: 6, title: 'IAM Config rule missing', help: 'An IAM managed AWS Config rule is not deployed.', controls: [] },
	ALERT_ROOT_USAGE_MISSING: { severity: 'medium', step: 6, title: 'No alert on root use', help: 'No enabled EventBridge rule with a target matches root user activity.', controls: [] },
	ALERT_IAM_CHANGES_MISSING: { severity: 'medium', step: 6, title: 'No alert on IAM changes', help: 'No enabled EventBridge rule with a target matches IAM policy changes.', controls: [] },
	ALERT_CONSOLE_NO_MFA_MISSING: { severity: 'low', step: 6, title: 'No alert on console sign-in without MFA', help: 'No rule matches console sign-in without MFA.', controls: [] },
	ALERT_NO_TARGET: { severity: 'low', step: 6, title: 'Monitoring rule without target', help: 'A monitoring rule exists but has no target or is disabled.', controls: [] },
	ALERT_ROOT_KEY_CREATED_MISSING: { severity: 'medium', step: 6, title: 'No alert on root access key creation', help: 'No enabled EventBridge rule with a target matches the root user creating an access key.', controls: [] },
	TRAIL_MISSING: { severity: 'high', step: 6, title: 'No multi-region trail', help: 'No multi-region CloudTrail trail is logging management events (policy generation and the alerts depend on it).', controls: [...cis('3.1'), ...sh('CloudTrail.1')] },
	SECURITY_HUB_OFF: { severity: 'low', step: 6, title: 'Security Hub or its CIS standard off', help: 'Security Hub is not enabled in the region, or the CIS AWS Foundations Benchmark standard is not.', controls: [] },
} as const satisfies Record<string, CatalogueEntry>;

export type FindingId = keyof typeof findingCatalogue;

export const findingIds = Object.keys(findingCatalogue) as FindingId[];

export function isFindingId(value: string): value is FindingId {
	return Object.hasOwn(findingCatalogue, value);
}

export function findingIdsOfStep(step: StepNumber): FindingId[] {
	return findingIds.filter((id) => findingCatalogue[id].step === step);
}

/** The escalation methods of FINDINGS.md (after Rhino Security Labs), the `method` of PRIVILEGE_ESCALATION. */
export const escalationMethodNames = [
	'CreatePolicyVersion',
	'SetDefaultPolicyVersion',
	'PassRoleEC2',
	'CreateAccessKey',
	'CreateLoginProfile',
	'UpdateLoginProfile',
	'AttachUserPolicy',
	'AttachGroupPolicy',
	'AttachRolePolicy',
	'PutUserPolicy',
	'PutGroupPolicy',
	'PutRolePolicy',
	'AddUserToGroup',
	'UpdateAssumeRolePolicy',
	'PassRoleLambda',
	'PassRoleLambdaDynamoDB',
	'UpdateFunctionCode',
	'PassRoleGlue',
	'UpdateGlueDevEndpoint',
	'PassRoleCloudFormation',
	'PassRoleDataPipeline',
	// Paths of BishopFox's iam-vulnerable and Datadog's pathfinding.cloud, named after the call that opens them.
	'AssumeRole',
	'CodeBuildCreateProject',
	'CodeBuildStartBuild',
	'SageMakerCreateNotebookInstance',
	'SageMakerCreateTrainingJob',
	'SageMakerCreateProcessingJob',
	'LambdaAddPermission',
	'GlueCreateJob',
	'ECSRunTask',
	'CloudFormationUpdateStack',
	'CloudFormationCreateChangeSet',
	'CloudFormationCreateStackSet',
	'SSMSendCommand',
	'SSMStartSession',
	'EC2InstanceConnect',
] as const;

export type EscalationMethod = (typeof escalationMethodNames)[number];
