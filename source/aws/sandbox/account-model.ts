/**
 * The account model the sandbox returns from readAccount: a deep copy of its state, with
 * what AWS derives (attachment counts, the credential report, the account summary, the
 * organization's SCP targets, the virtual MFA device list) computed from it. Parts named
 * in `unreadable` are left out and listed in `notEvaluated`, as the live adapter does when
 * a call is denied, so tests can exercise those paths.
 */
import { absentError, orAbsentNow } from '../absence.js';
import { accessDeniedSentence } from '../access-denied-sentence.js';
import { getAccountPasswordPolicy } from './password-policy.js';
import { configBucketName } from '../../core/config-bucket.js';
import type { AccountModel, ConfigBucketRead, ManagedPolicy, Organization, PolicyTarget, RoleWorkloads, VirtualMfaDevice } from '../../core/model.js';
import { glueUnreadReason, roleWorkloadsOf, workloadKinds, type ServiceWorkloadRead, type WorkloadFound } from '../../core/role-workloads.js';
import { instanceProfileNames } from './apply-iam-workload.js';
import { sandboxSecurityHub } from './apply-security-hub.js';
import { evaluatedConfigRules } from './config-evaluations.js';
import { deriveCredentialReport } from './credential-report.js';
import { policyUsage } from './sandbox-lookup.js';
import { readRootAccess } from './root-access.js';
import type { SandboxOrganization, SandboxState } from './sandbox-state.js';
import { withWorkloadActivity } from './workload-activity.js';
import { alertTopicArnOf } from '../../core/monitoring-alerts.js';

export type SandboxArea = 'credential-report' | 'organizations' | 'access-analyzer' | 'config' | 'events' | WorkloadArea;

type WorkloadArea = 'lambda-functions' | 'ec2-instances' | 'cloudformation-stacks' | 'codebuild-projects';

const areaFindings: Record<SandboxArea, string[]> = {
	'credential-report': ['ROOT_ACCESS_KEY', 'ROOT_NO_MFA', 'ROOT_NO_HARDWARE_MFA', 'ROOT_RECENTLY_USED', 'CONSOLE_USER_NO_MFA', 'KEY_CREATED_AT_SETUP', 'CREDENTIAL_UNUSED', 'MULTIPLE_ACTIVE_KEYS', 'KEY_NOT_ROTATED'],
	organizations: ['MFA_NOT_ENFORCED'],
	'access-analyzer': ['ANALYZER_MISSING', 'EXTERNAL_ACCESS', 'UNUSED_ACCESS'],
	config: ['CONFIG_RECORDER_OFF', 'CONFIG_RULE_MISSING'],
	events: ['ALERT_ROOT_USAGE_MISSING', 'ALERT_IAM_CHANGES_MISSING', 'ALERT_CONSOLE_NO_MFA_MISSING', 'ALERT_NO_TARGET', 'ALERT_ROOT_KEY_CREATED_MISSING'],
	// Paths through them are still reported, conditionally.
	'lambda-functions': [],
	'ec2-instances': [],
	'cloudformation-stacks': [],
	'codebuild-projects': [],
};

/** The call the live adapter makes first for each area: the one a denial names. */
const areaCalls: Record<Exclude<SandboxArea, WorkloadArea>, string> = {
	'credential-report': 'iam:GenerateCredentialReport',
	organizations: 'organizations:DescribeOrganization',
	'access-analyzer': 'access-analyzer:ListAnalyzers',
	config: 'config:DescribeConfigurationRecorders',
	events: 'events:ListRules',
};

/** Why an unreadable area was not read, in the live adapter's words for a denied call (read-role-workloads.ts for the workloads). */
function areaReason(area: SandboxArea): string {
	if (area in workloadAreas) {
		const { service, call } = workloadAreas[area as WorkloadArea];
		return `${accessDeniedSentence(call).replace(/\.$/, '')}; escalation paths through ${workloadKinds[service]} are reported as conditional "if such a resource exists".`;
	}
	return accessDeniedSentence(areaCalls[area as Exclude<SandboxArea, WorkloadArea>]);
}

const workloadAreas: Record<WorkloadArea, { service: string; call: string }> = {
	'lambda-functions': { service: 'lambda.amazonaws.com', call: 'lambda:ListFunctions' },
	'ec2-instances': { service: 'ec2.amazonaws.com', call: 'ec2:DescribeInstances' },
	'cloudformation-stacks': { service: 'cloudformation.amazonaws.com', call: 'cloudformation:DescribeStacks' },
	'codebuild-projects': { service: 'codebuild.amazonaws.com', call: 'codebuild:ListProjects' },
};

/** What the list calls show of the workloads that run with a role, as the live adapter reads them; an unreadable area's service stays unread. */
function roleWorkloads(state: SandboxState, hidden: ReadonlySet<SandboxArea>): RoleWorkloads {
	const areas = Object.keys(workloadAreas) as WorkloadArea[];
	const glue = { service: 'glue.amazonaws.com', reason: glueUnreadReason };
	if (!state.roleWorkloads) {
		// Saved before the demo knew its workloads: unknown, not "none" (which would hide the paths through them).
		const reason = 'this demo account was saved by an earlier iam-wizard and holds none: iam-wizard --demo --reset starts a fresh one that has them';
		return { region: state.account.region, read: [], unread: [...areas.map((a) => ({ service: workloadAreas[a].service, reason })), glue], workloads: [] };
	}
	const w = state.roleWorkloads;
	const found: Record<WorkloadArea, WorkloadFound[]> = {
		'lambda-functions': w.functions.map((f) => ({ resourceArn: f.arn, roleArn: f.roleArn })),
		'ec2-instances': w.instances.flatMap((i) => (i.state !== 'terminated' && i.instanceProfileArn ? [{ resourceArn: i.arn, instanceProfileArn: i.instanceProfileArn }] : [])),
		'cloudformation-stacks': w.stacks.flatMap((s) => (s.status !== 'DELETE_COMPLETE' && s.roleArn ? [{ resourceArn: s.id, roleArn: s.roleArn }] : [])),
		'codebuild-projects': w.projects.map((p) => ({ resourceArn: p.arn, roleArn: p.serviceRole })),
	};
	const reads: ServiceWorkloadRead[] = areas.map((a) =>
		hidden.has(a) ? { service: workloadAreas[a].service, failure: { reason: accessDeniedSentence(workloadAreas[a].call) } } : { service: workloadAreas[a].service, found: found[a] },
	);
	return roleWorkloadsOf(reads, state.roles, state.account.region);
}

function managedPolicies(state: SandboxState): ManagedPolicy[] {
	return state.policies.flatMap((policy) => {
		const usage = policyUsage(state, policy.arn);
		if (policy.awsManaged && usage.attachments === 0 && usage.boundaries === 0) return [];
		const { nextVersion: _next, ...rest } = policy;
		return [{ ...structuredClone(rest), attachmentCount: usage.attachments, permissionsBoundaryUsageCount: usage.boundaries }];
	});
}

function virtualMfaDevices(state: SandboxState): VirtualMfaDevice[] {
	const devices: VirtualMfaDevice[] = [];
	if (state.root.mfa?.type === 'virtual') devices.push({ serialNumber: state.root.mfa.serialNumber, userArn: state.root.arn, enableDate: state.root.mfa.enableDate });
	for (const user of state.users) {
		for (const device of user.mfaDevices.filter((d) => d.type === 'virtual')) {
			devices.push({ serialNumber: device.serialNumber, userArn: user.arn, enableDate: device.enableDate });
		}
	}
	return [...devices, ...structuredClone(state.unassignedVirtualMfaDevices)];
}

function targetOf(org: SandboxOrganization, id: string): PolicyTarget {
	const root = org.roots.find((r) => r.id === id);
	if (root) return { targetId: id, type: 'ROOT', name: root.name, arn: root.arn };
	const ou = org.organizationalUnits.find((o) => o.id === id);
	if (ou) return { targetId: id, type: 'ORGANIZATIONAL_UNIT', name: ou.name, arn: ou.arn };
	const account = org.accounts.find((a) => a.id === id);
	return { targetId: id, type: 'ACCOUNT', name: account?.name ?? id, ...(account ? { arn: account.arn } : {}) };
}

/** The OUs above a child (account or OU), nearest first, up to the root. */
function parentsOf(org: SandboxOrganization, childId: string): string[] {
	const out: string[] = [];
	let parent = org.accounts.find((a) => a.id === childId)?.parentId ?? org.organizationalUnits.find((o) => o.id === childId)?.parentId;
	while (parent && parent.startsWith('ou-')) {
		out.push(parent);
		parent = org.organizationalUnits.find((o) => o.id === parent)?.parentId;
	}
	return out;
}

function organization(state: SandboxState): Organization | null {
	const org = state.organization;
	if (!org) throw absentError('organizations:DescribeOrganization', 'Your account is not a member of an organization.');
	const management = org.managementAccountId === state.account.id;
	// Only the management account and a delegated policy administrator may list SCPs and the tree (AccessDeniedException otherwise).
	const delegated = org.delegatedAdministrators.includes(state.account.id);
	const mayList = management || delegated;
	return {
		id: org.id,
		arn: org.arn,
		featureSet: org.featureSet,
		managementAccountId: org.managementAccountId,
		callerIsManagementAccount: management,
		callerIsDelegatedAdmin: delegated,
		roots: structuredClone(org.roots),
		...(management ? {} : { accountParents: parentsOf(org, state.account.id) }),
		...(mayList
			? {
					scps: org.policies.map((p) => ({
						id: p.id,
						arn: p.arn,
						name: p.name,
						...(p.description ? { description: p.description } : {}),
						awsManaged: p.awsManaged,
						document: structuredClone(p.document),
						targets: p.targetIds.map((id) => targetOf(org, id)),
					})),
					organizationalUnits: org.organizationalUnits.map((o) => ({ id: o.id, name: o.name, parentId: o.parentId })),
				}
			: {}),
	};
}

function accountSummary(state: SandboxState, policies: ManagedPolicy[]): Record<string, number> {
	const customer = policies.filter((p) => !p.awsManaged);
	const devices = state.users.reduce((n, u) => n + u.mfaDevices.length, 0) + (state.root.mfa ? 1 : 0);
	return {
		Users: state.users.length,
		UsersQuota: 5000,
		Groups: state.groups.length,
		GroupsQuota: 300,
		Roles: state.roles.length,
		RolesQuota: 1000,
		Policies: customer.length,
		PoliciesQuota: 1500,
		PolicyVersionsInUse: customer.filter((p) => p.attachmentCount > 0).reduce((n, p) => n + p.versions.length, 0),
		PolicyVersionsInUseQuota: 10000,
		PolicySizeQuota: 6144,
		VersionsPerPolicyQuota: 5,
		AttachedPoliciesPerUserQuota: 10,
		AttachedPoliciesPerGroupQuota: 10,
		AttachedPoliciesPerRoleQuota: 10,
		GroupsPerUserQuota: 10,
		AccessKeysPerUserQuota: 2,
		UserPolicySizeQuota: 2048,
		GroupPolicySizeQuota: 5120,
		RolePolicySizeQuota: 10240,
		AssumeRolePolicySizeQuota: 2048,
		InstanceProfiles: instanceProfileNames(state).length,
		InstanceProfilesQuota: 1000,
		MFADevices: devices + state.unassignedVirtualMfaDevices.length,
		MFADevicesInUse: devices,
		AccountMFAEnabled: state.root.mfa ? 1 : 0,
		AccountAccessKeysPresent: state.root.accessKeys.length > 0 ? 1 : 0,
		AccountPasswordPresent: 1,
		AccountSigningCertificatesPresent: 0,
		ServerCertificates: 0,
		ServerCertificatesQuota: 20,
		Providers: 2,
		GlobalEndpointTokenVersion: 1,
	};
}

/** HeadBucket and GetBucketPolicy of the bucket iam-wizard proposes for Config: 403 for a name another account owns. */
function configBucketRead(state: SandboxState): ConfigBucketRead {
	const name = configBucketName({ accountId: state.account.id, region: state.account.region });
	if ((state.otherAccountsBuckets ?? []).includes(name)) return { name, status: 'forbidden' };
	const bucket = state.resources.find((r) => r.type === 'AWS::S3::Bucket' && r.name === name);
	return bucket ? { name, status: 'owned', policy: bucket.policy ?? null } : { name, status: 'absent' };
}

export function toAccountModel(state: SandboxState, readAt: Date, unreadable: readonly SandboxArea[] = []): AccountModel {
	const copy = structuredClone(withWorkloadActivity(state, readAt));
	const policies = managedPolicies(copy);
	const hidden = new Set(unreadable);
	const model: AccountModel = {
		accountId: copy.account.id,
		alias: copy.account.alias,
		partition: copy.account.partition,
		region: copy.account.region,
		caller: copy.caller,
		readAt: readAt.toISOString(),
		users: copy.users,
		groups: copy.groups,
		roles: copy.roles,
		policies,
		passwordPolicy: orAbsentNow(() => getAccountPasswordPolicy(copy), null),
		accountSummary: accountSummary(copy, policies),
		virtualMfaDevices: virtualMfaDevices(copy),
		resources: copy.resources.map((r) => ({ arn: r.arn, type: r.type })),
		openIdConnectProviders: (copy.oidcProviders ?? []).map((p) => ({ arn: p.arn, url: p.url })),
		notEvaluated: [],
	};
	if (!hidden.has('credential-report')) {
		const report = deriveCredentialReport(copy);
		if (report) model.credentialReport = report;
		else model.notEvaluated.push({ area: 'credential-report', reason: 'No credential report has been generated yet; generate one (step 1 offers it) and read the account again.', findingIds: areaFindings['credential-report'] });
	}
	if (!hidden.has('organizations')) {
		model.organization = orAbsentNow(() => organization(copy), null);
		const { rootAccess, problem } = readRootAccess(copy);
		if (model.organization && rootAccess) model.organization.rootAccess = rootAccess;
		if (problem) model.notEvaluated.push(problem);
	}
	if (!hidden.has('access-analyzer')) model.analyzers = copy.analyzers;
	if (!hidden.has('config')) {
		model.config = { ...copy.config, rules: evaluatedConfigRules(copy, readAt) };
		// As the live read: the bucket iam-wizard proposes, looked up while Config has no delivery channel.
		if (copy.config.deliveryChannels.length === 0) model.config.defaultBucket = configBucketRead(copy);
	}
	if (!hidden.has('events')) {
		model.eventRules = copy.eventRules;
		const topic = alertTopicArnOf(copy.account.partition, copy.account.id);
		if (copy.resources.some((r) => r.type === 'AWS::SNS::Topic' && r.arn === topic)) {
			model.alertSubscriptions = (copy.monitoring?.subscriptions ?? [])
				.filter((s) => s.topicArn === topic)
				.map((s) => ({ protocol: s.protocol, endpoint: s.endpoint, pendingConfirmation: s.pendingConfirmation, ...(s.pendingConfirmation ? {} : { subscriptionArn: s.subscriptionArn }) }));
		}
	}
	model.trails = copy.trails.map((t) => ({
		name: t.name,
		arn: t.arn,
		homeRegion: t.homeRegion,
		isMultiRegionTrail: t.isMultiRegionTrail,
		isLogging: t.isLogging,
		logsManagementEvents: t.logsManagementEvents ?? true,
		s3BucketName: t.s3BucketName,
		...(t.cloudWatchLogsLogGroupArn ? { cloudWatchLogsLogGroupArn: t.cloudWatchLogsLogGroupArn } : {}),
	}));
	model.securityHub = sandboxSecurityHub(copy);
	model.roleWorkloads = roleWorkloads(copy, hidden);
	for (const area of unreadable) model.notEvaluated.push({ area, reason: areaReason(area), findingIds: areaFindings[area] });
	return model;
}
