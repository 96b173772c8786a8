/**
 * Small builders for AccountModel objects in tests: every field has a plain default, and a
 * test states only what it is about. Account 123456789012 in partition `aws`, like the fixtures.
 */
import type {
	AccessKey,
	AccountModel,
	AttachedPolicyRef,
	CredentialReport,
	CredentialReportKey,
	CredentialReportRow,
	Group,
	ManagedPolicy,
	Organization,
	PolicyTarget,
	Role,
	ServiceControlPolicy,
	User,
} from '../../source/core/model.js';
import type { PolicyDocument } from '../../source/core/policy-document.js';
import { defaultThresholds, type ExcludedPrincipal, type PlanContext, type Thresholds } from '../../source/core/settings.js';

export const testAccountId = '123456789012';
export const testPartition = 'aws';
export const testRootArn = `arn:aws:iam::${testAccountId}:root`;
const longAgo = '2020-01-01T00:00:00+00:00';

export function userArn(name: string, path = '/'): string {
	return `arn:aws:iam::${testAccountId}:user${path}${name}`;
}

export function roleArn(name: string, path = '/'): string {
	return `arn:aws:iam::${testAccountId}:role${path}${name}`;
}

export function groupArn(name: string, path = '/'): string {
	return `arn:aws:iam::${testAccountId}:group${path}${name}`;
}

export function buildModel(partial: Partial<AccountModel> = {}): AccountModel {
	return {
		accountId: testAccountId,
		partition: testPartition,
		region: 'us-east-1',
		caller: { account: testAccountId, arn: userArn('operator'), userId: 'AIDAOPERATOR' },
		readAt: '2026-12-01T00:00:00.000Z',
		users: [],
		groups: [],
		roles: [],
		policies: [],
		notEvaluated: [],
		...partial,
	};
}

export function buildUser(name: string, partial: Partial<User> = {}): User {
	const path = partial.path ?? '/';
	return {
		name,
		id: `AIDA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
		arn: userArn(name, path),
		path,
		createDate: longAgo,
		inlinePolicies: [],
		attachedPolicies: [],
		groups: [],
		tags: [],
		accessKeys: [],
		mfaDevices: [],
		...partial,
	};
}

export function buildGroup(name: string, partial: Partial<Group> = {}): Group {
	const path = partial.path ?? '/';
	return {
		name,
		id: `AGPA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
		arn: groupArn(name, path),
		path,
		createDate: longAgo,
		inlinePolicies: [],
		attachedPolicies: [],
		...partial,
	};
}

export const assumeByEc2: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [{ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
};

export function buildRole(name: string, partial: Partial<Role> = {}): Role {
	const path = partial.path ?? '/';
	return {
		name,
		id: `AROA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
		arn: roleArn(name, path),
		path,
		createDate: longAgo,
		trustPolicy: assumeByEc2,
		inlinePolicies: [],
		attachedPolicies: [],
		tags: [],
		instanceProfiles: [],
		...partial,
	};
}

/** A reference to an AWS-managed policy, e.g. `awsManagedRef('AWSSupportAccess')`. */
export function awsManagedRef(name: string, partition = testPartition): AttachedPolicyRef {
	return { arn: `arn:${partition}:iam::aws:policy/${name}`, name };
}

export function customerManagedRef(name: string, path = '/'): AttachedPolicyRef {
	return { arn: `arn:aws:iam::${testAccountId}:policy${path}${name}`, name };
}

export function buildPolicy(name: string, partial: Partial<ManagedPolicy> = {}): ManagedPolicy {
	const awsManaged = partial.awsManaged ?? false;
	const document: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }] };
	return {
		arn: awsManaged ? awsManagedRef(name).arn : customerManagedRef(name).arn,
		name,
		id: `ANPA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
		path: '/',
		awsManaged,
		defaultVersionId: 'v1',
		attachmentCount: 1,
		permissionsBoundaryUsageCount: 0,
		isAttachable: true,
		createDate: longAgo,
		updateDate: longAgo,
		versions: [{ versionId: 'v1', isDefault: true, createDate: longAgo, document }],
		...partial,
	};
}

/** An organization managed from account 111111111111, one root `r-root` with SCPs enabled, no SCPs unless given. */
export function buildOrganization(partial: Partial<Organization> = {}): Organization {
	return {
		id: 'o-1',
		arn: 'arn:aws:organizations::111111111111:organization/o-1',
		featureSet: 'ALL',
		managementAccountId: '111111111111',
		callerIsManagementAccount: false,
		roots: [{ id: 'r-root', arn: 'arn:aws:organizations::111111111111:root/o-1/r-root', name: 'Root', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] }],
		scps: [],
		...partial,
	};
}

/** A customer SCP of organization o-1 attached to the given targets. */
export function buildScp(name: string, document: PolicyDocument, targets: PolicyTarget[]): ServiceControlPolicy {
	return { id: `p-${name}`, arn: `arn:aws:organizations::111111111111:policy/o-1/service_control_policy/p-${name}`, name, awsManaged: false, document, targets };
}

export function buildAccessKey(userName: string, id: string, partial: Partial<AccessKey> = {}): AccessKey {
	return { id, userName, status: 'Active', createDate: longAgo, ...partial };
}

/** One access-key column pair of the report; by default an empty slot (no key). */
export function reportKey(slot: 1 | 2, partial: Partial<Omit<CredentialReportKey, 'slot'>> = {}): CredentialReportKey {
	return { slot, active: false, lastRotated: 'N/A', lastUsedDate: 'N/A', lastUsedRegion: 'N/A', lastUsedService: 'N/A', ...partial };
}

export type ReportRowOptions = Partial<Omit<CredentialReportRow, 'keys'>> & {
	key1?: Partial<Omit<CredentialReportKey, 'slot'>>;
	key2?: Partial<Omit<CredentialReportKey, 'slot'>>;
};

/** A user's credential report row: no password, no MFA, no keys unless given. */
export function reportRow(user: string, options: ReportRowOptions = {}): CredentialReportRow {
	const { key1, key2, ...rest } = options;
	return {
		user,
		arn: userArn(user),
		isRoot: false,
		userCreationTime: longAgo,
		passwordEnabled: false,
		passwordLastUsed: 'N/A',
		passwordLastChanged: 'N/A',
		passwordNextRotation: 'N/A',
		mfaActive: false,
		keys: [reportKey(1, key1), reportKey(2, key2)],
		certs: [
			{ active: false, lastRotated: 'N/A' },
			{ active: false, lastRotated: 'N/A' },
		],
		...rest,
	};
}

/** The `<root_account>` row as AWS writes it: password columns `not_supported`, MFA on, no keys, never signed in. */
export function rootReportRow(options: ReportRowOptions = {}): CredentialReportRow {
	return reportRow('<root_account>', {
		arn: testRootArn,
		isRoot: true,
		passwordEnabled: 'not_supported',
		passwordLastUsed: 'no_information',
		passwordLastChanged: 'not_supported',
		passwordNextRotation: 'not_supported',
		mfaActive: true,
		...options,
	});
}

export function buildReport(rows: CredentialReportRow[], generatedAt = '2026-12-01T00:00:00.000Z'): CredentialReport {
	return { generatedAt, rows };
}

/** A plan context at a fixed `now`, default thresholds unless overridden. */
export function planContext(now: Date | string, options: { thresholds?: Partial<Thresholds>; excluded?: ExcludedPrincipal[] } = {}): PlanContext {
	return {
		now: typeof now === 'string' ? new Date(now) : now,
		thresholds: { ...defaultThresholds, ...options.thresholds },
		excluded: options.excluded ?? [],
	};
}

/** An ISO date `days` whole days (plus `extraMs`) before `now`. */
export function daysBefore(now: Date | string, days: number, extraMs = 0): string {
	const base = typeof now === 'string' ? Date.parse(now) : now.getTime();
	return new Date(base - days * 86_400_000 - extraMs).toISOString();
}
