/**
 * The account model: everything iam-wizard knows about one AWS account, as plain data.
 * Adapters (live, sandbox, snapshot) fill it; steps read it. Dates are ISO-8601 strings.
 *
 * Convention for parts read from other services: `undefined` means "not read" (and the
 * reason is in `notEvaluated`), `null` means "read, and there is none".
 */
import type { AlertSubscription, AlertTopic, CloudTrailTrail, ConfigState, EventRule, SecurityHubState } from './model-monitoring.js';
import type { RoleWorkloads } from './model-workloads.js';
import type { PolicyDocument } from './policy-document.js';

export type * from './model-monitoring.js';
export type * from './model-workloads.js';

export type IsoDate = string;

export interface CallerIdentity {
	account: string;
	arn: string;
	userId: string;
	/** The access key the caller signs with, when it is a long-lived IAM user key (never deactivated by us). */
	accessKeyId?: string;
}

export interface InlinePolicy {
	name: string;
	document: PolicyDocument;
}

export interface AttachedPolicyRef {
	arn: string;
	name: string;
}

export interface Tag {
	Key: string;
	Value: string;
}

export interface AccessKey {
	id: string;
	userName: string;
	status: 'Active' | 'Inactive';
	createDate: IsoDate;
	/** 1 or 2, the credential report's column for this key, when known. */
	slot?: 1 | 2;
	lastUsed?: { date?: IsoDate; service?: string; region?: string };
}

export interface MfaDevice {
	serialNumber: string;
	/** Virtual devices are listed by ListVirtualMFADevices; anything else is hardware or FIDO. */
	type: 'virtual' | 'hardware';
	enableDate?: IsoDate;
}

export interface LoginProfile {
	createDate: IsoDate;
	passwordResetRequired: boolean;
}

export interface User {
	name: string;
	id: string;
	arn: string;
	path: string;
	createDate: IsoDate;
	inlinePolicies: InlinePolicy[];
	attachedPolicies: AttachedPolicyRef[];
	/** Group names. */
	groups: string[];
	permissionsBoundary?: string;
	tags: Tag[];
	/** Known keys (from ListAccessKeys or the sandbox); the report's view is in credentialReport. */
	accessKeys: AccessKey[];
	mfaDevices: MfaDevice[];
	/** undefined: not known; null: no console password. */
	loginProfile?: LoginProfile | null;
	passwordLastUsed?: IsoDate;
}

export interface Group {
	name: string;
	id: string;
	arn: string;
	path: string;
	createDate: IsoDate;
	inlinePolicies: InlinePolicy[];
	attachedPolicies: AttachedPolicyRef[];
}

export interface Role {
	name: string;
	id: string;
	arn: string;
	path: string;
	createDate: IsoDate;
	description?: string;
	trustPolicy: PolicyDocument;
	inlinePolicies: InlinePolicy[];
	attachedPolicies: AttachedPolicyRef[];
	permissionsBoundary?: string;
	tags: Tag[];
	maxSessionDuration?: number;
	instanceProfiles: string[];
	/** Absent when AWS has no record of use (never used, or not within its tracking window). */
	lastUsed?: { date?: IsoDate; region?: string };
}

export interface PolicyVersion {
	versionId: string;
	isDefault: boolean;
	createDate: IsoDate;
	document: PolicyDocument;
}

export interface ManagedPolicy {
	arn: string;
	name: string;
	id: string;
	path: string;
	description?: string;
	awsManaged: boolean;
	defaultVersionId: string;
	attachmentCount: number;
	permissionsBoundaryUsageCount: number;
	isAttachable: boolean;
	createDate: IsoDate;
	updateDate: IsoDate;
	/** All versions, the default one marked. */
	versions: PolicyVersion[];
}

/** A value of the credential report that may hold one of AWS's placeholders. */
export type ReportValue<T> = T | 'N/A' | 'no_information' | 'not_supported';

export interface CredentialReportKey {
	slot: 1 | 2;
	active: boolean;
	lastRotated: ReportValue<IsoDate>;
	lastUsedDate: ReportValue<IsoDate>;
	lastUsedRegion: ReportValue<string>;
	lastUsedService: ReportValue<string>;
}

export interface CredentialReportRow {
	user: string;
	arn: string;
	isRoot: boolean;
	userCreationTime: IsoDate;
	passwordEnabled: ReportValue<boolean>;
	passwordLastUsed: ReportValue<IsoDate>;
	passwordLastChanged: ReportValue<IsoDate>;
	passwordNextRotation: ReportValue<IsoDate>;
	mfaActive: boolean;
	keys: [CredentialReportKey, CredentialReportKey];
	certs: [{ active: boolean; lastRotated: ReportValue<IsoDate> }, { active: boolean; lastRotated: ReportValue<IsoDate> }];
}

export interface CredentialReport {
	generatedAt: IsoDate;
	rows: CredentialReportRow[];
}

/** AWS's own field names, so the same object is an UpdateAccountPasswordPolicy parameter. */
export interface PasswordPolicy {
	MinimumPasswordLength?: number;
	RequireSymbols?: boolean;
	RequireNumbers?: boolean;
	RequireUppercaseCharacters?: boolean;
	RequireLowercaseCharacters?: boolean;
	AllowUsersToChangePassword?: boolean;
	MaxPasswordAge?: number;
	PasswordReusePrevention?: number;
	HardExpiry?: boolean;
}

export interface VirtualMfaDevice {
	serialNumber: string;
	/** The ARN of the user it is assigned to (the root's ARN for the root user); absent when unassigned. */
	userArn?: string;
	enableDate?: IsoDate;
}

export interface PolicyTarget {
	targetId: string;
	type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
	name: string;
	arn?: string;
}

export interface ServiceControlPolicy {
	id: string;
	arn: string;
	name: string;
	description?: string;
	awsManaged: boolean;
	document: PolicyDocument;
	targets: PolicyTarget[];
}

export interface OrganizationRoot {
	id: string;
	arn: string;
	name: string;
	policyTypes: { type: string; status: 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE' }[];
}

export interface Organization {
	id: string;
	arn: string;
	featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
	managementAccountId: string;
	callerIsManagementAccount: boolean;
	/** undefined when not known (only the management account can list delegated administrators). */
	callerIsDelegatedAdmin?: boolean;
	roots: OrganizationRoot[];
	/**
	 * The organizational units above this account, nearest first, up to (not including) the
	 * root; [] when it sits directly under the root; undefined when not read. SCPs attached to
	 * these OUs apply to the account.
	 */
	accountParents?: string[];
	/** undefined when SCPs could not be read (a member account without delegation). */
	scps?: ServiceControlPolicy[];
	/** The organizational units, when they could be listed (names for the OU tree and SCP targets). */
	organizationalUnits?: OrganizationalUnit[];
	/**
	 * Centralized root access, as IAM's ListOrganizationsFeatures answers it; undefined when it
	 * could not be read (only the management account and IAM's delegated administrator may
	 * ask: notEvaluated says why).
	 */
	rootAccess?: CentralizedRootAccess;
}

export interface CentralizedRootAccess {
	/** RootCredentialsManagement, RootSessions; [] when IAM's trusted access in Organizations is off. */
	enabledFeatures: string[];
	/** The caller's account may call sts:AssumeRoot on member accounts (the management account or IAM's delegated administrator). */
	callerMayAssumeRoot: boolean;
}

export interface OrganizationalUnit {
	id: string;
	name: string;
	/** A root's or another OU's ID. */
	parentId: string;
}

export type AnalyzerType = 'ACCOUNT' | 'ORGANIZATION' | 'ACCOUNT_UNUSED_ACCESS' | 'ORGANIZATION_UNUSED_ACCESS';

export interface Analyzer {
	arn: string;
	name: string;
	type: AnalyzerType;
	status: 'ACTIVE' | 'CREATING' | 'DISABLED' | 'FAILED';
	createdAt: IsoDate;
	/** Tracking period in days, for unused-access analyzers. */
	unusedAccessAge?: number;
}

/**
 * An IAM Access Analyzer finding (external or unused access), as step 2 shows and triages
 * it. `findingType` is AWS's: ExternalAccess, UnusedIAMRole, UnusedIAMUserAccessKey,
 * UnusedIAMUserPassword, UnusedPermission (others may appear and are kept as given).
 */
export interface AnalyzerFinding {
	id: string;
	analyzerArn: string;
	findingType: string;
	/** The resource's ARN (the IAM user or role for unused-access findings). */
	resource: string;
	resourceType: string;
	status: 'ACTIVE' | 'ARCHIVED' | 'RESOLVED';
	createdAt: IsoDate;
	updatedAt: IsoDate;
	/** External access: who gets in, with what, under which conditions. */
	principal?: Record<string, string>;
	action?: string[];
	condition?: Record<string, string>;
	isPublic?: boolean;
	/** Unused access: the idle credential's or permission's details. */
	detail?: Record<string, string>;
}

/** A resource of the account that policies can name (S3 bucket, SQS queue, KMS key, SNS topic...). */
export interface KnownResource {
	arn: string;
	/** CloudFormation-style type: "AWS::S3::Bucket". */
	type: string;
}

export interface NotEvaluated {
	/** What could not be read or computed, e.g. "organizations", "access-analyzer", "credential-report". */
	area: string;
	/** One sentence an operator can act on. */
	reason: string;
	/** The finding IDs that would have come from it. */
	findingIds: string[];
}

export interface AccountModel {
	accountId: string;
	alias?: string;
	partition: string;
	region: string;
	caller: CallerIdentity;
	/** When this model was read; findings count ages from the clock they are given. */
	readAt: IsoDate;
	users: User[];
	groups: Group[];
	roles: Role[];
	/** Customer-managed policies and the AWS-managed policies in use. */
	policies: ManagedPolicy[];
	credentialReport?: CredentialReport;
	passwordPolicy?: PasswordPolicy | null;
	accountSummary?: Record<string, number>;
	virtualMfaDevices?: VirtualMfaDevice[];
	organization?: Organization | null;
	analyzers?: Analyzer[];
	/**
	 * The ACTIVE findings of the active analyzers (EXTERNAL_ACCESS, UNUSED_ACCESS); undefined
	 * when not read. An adapter may stop after a bound and say so in notEvaluated.
	 */
	analyzerFindings?: AnalyzerFinding[];
	config?: ConfigState;
	/** EventBridge rules of the default bus in the region where IAM's events arrive (us-east-1 in the aws partition). */
	eventRules?: EventRule[];
	/** The subscriptions of iam-wizard's alert topic; undefined when not read (live reads them once an EventBridge rule sends to the topic). */
	alertSubscriptions?: AlertSubscription[];
	/** The alert topic the operator chose instead of iam-wizard-alerts; undefined when none is chosen (or it was not read). */
	alertTopic?: AlertTopic;
	/** IAM OIDC identity providers (ListOpenIDConnectProviders); undefined when not read. */
	openIdConnectProviders?: { arn: string; url: string }[];
	trails?: CloudTrailTrail[];
	securityHub?: SecurityHubState;
	/** Resources known to the adapter, for picking ARNs when scoping a policy; undefined when not read. */
	resources?: KnownResource[];
	/**
	 * The functions, instances, stacks and projects that run with a role, for escalation
	 * through them; undefined when none were read (every such path is then "if such a
	 * resource exists"), as is a service listed in `unread`.
	 */
	roleWorkloads?: RoleWorkloads;
	notEvaluated: NotEvaluated[];
}

export function rootArn(partition: string, accountId: string): string {
	return `arn:${partition}:iam::${accountId}:root`;
}

export function emptyAccountModel(caller: CallerIdentity, region: string, readAt: IsoDate): AccountModel {
	const partition = caller.arn.split(':')[1] ?? 'aws';
	return {
		accountId: caller.account,
		partition,
		region,
		caller,
		readAt,
		users: [],
		groups: [],
		roles: [],
		policies: [],
		notEvaluated: [],
	};
}
