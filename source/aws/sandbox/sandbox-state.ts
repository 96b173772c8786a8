/**
 * The sandbox account as plain, JSON-serialisable data: what `--demo` and most tests read
 * and change through the AwsGateway port. Shapes reuse the account model where AWS's own
 * shape is the same; what the model derives (attachment counts, the credential report, the
 * account summary) is not stored. No secret is ever stored: the sandbox needs none.
 */
import type { SandboxStoredObject } from './sandbox-anchor-bucket.js';
import type {
	AccessKey,
	Analyzer,
	AnalyzerFinding,
	CallerIdentity,
	ConfigState,
	EventRule,
	Group,
	IsoDate,
	ManagedPolicy,
	MfaDevice,
	OrganizationRoot,
	PasswordPolicy,
	Role,
	User,
	VirtualMfaDevice,
} from '../../core/model.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import type { TrailEvent } from '../../core/cloudtrail-events.js';

/** Bumped when the stored shape changes; a file of another version is reported as unreadable. */
export const sandboxFormatVersion = 1;

export const sandboxAccountId = '123456789012';
export const sandboxAlias = 'acme-sandbox';
export const sandboxDisplayName = 'Acme sandbox';
export const sandboxRegion = 'us-east-1';
export const sandboxPartition = 'aws';

export interface SandboxAccount {
	id: string;
	alias: string;
	displayName: string;
	partition: string;
	region: string;
	createDate: IsoDate;
}

export interface RootAccessKey {
	/** Root keys are never listed to IAM callers; the ID only ties the report's slot to a key. */
	id: string;
	status: 'Active' | 'Inactive';
	createDate: IsoDate;
	slot: 1 | 2;
	lastUsed?: { date: IsoDate; service: string; region: string };
}

export interface SandboxRoot {
	arn: string;
	createDate: IsoDate;
	/** null: no MFA (the seed's state); set with `withRootMfa`, which the console does, not the API. */
	mfa: MfaDevice | null;
	accessKeys: RootAccessKey[];
	passwordLastUsed?: IsoDate;
}

/** A managed policy as stored: the model's shape without the counts, which are derived. */
export type SandboxPolicy = Omit<ManagedPolicy, 'attachmentCount' | 'permissionsBoundaryUsageCount'> & {
	/** AWS never reuses a version number: the next CreatePolicyVersion gets `v${nextVersion}`. */
	nextVersion: number;
};

export interface SandboxOrganizationalUnit {
	id: string;
	arn: string;
	name: string;
	parentId: string;
}

export interface SandboxOrganizationAccount {
	id: string;
	arn: string;
	name: string;
	email: string;
	parentId: string;
}

export interface SandboxScp {
	id: string;
	arn: string;
	name: string;
	description?: string;
	awsManaged: boolean;
	document: PolicyDocument;
	/** Root, OU or account IDs it is attached to. */
	targetIds: string[];
}

export interface SandboxOrganization {
	id: string;
	arn: string;
	featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
	managementAccountId: string;
	/** Member accounts delegated to administer the organization's policies (list, create, attach SCPs) and its Access Analyzer. */
	delegatedAdministrators: string[];
	roots: OrganizationRoot[];
	organizationalUnits: SandboxOrganizationalUnit[];
	accounts: SandboxOrganizationAccount[];
	policies: SandboxScp[];
	/** Centralized root access: IAM's trusted access in Organizations, the features enabled, IAM's delegated administrator. Absent: never set up. */
	rootAccess?: { iamTrustedAccess: boolean; enabledFeatures: string[]; delegatedAdministrator?: string };
}

export type AnalyzerFindingType = 'ExternalAccess' | 'UnusedIAMRole' | 'UnusedIAMUserAccessKey' | 'UnusedIAMUserPassword' | 'UnusedPermission';

/** An Access Analyzer finding, kept so UpdateFindings has something to change and step 2 something to read. */
export interface SandboxAnalyzerFinding extends Omit<AnalyzerFinding, 'findingType'> {
	findingType: AnalyzerFindingType;
}

export interface SandboxPolicyGeneration {
	jobId: string;
	principalArn: string;
	trailArn: string;
	startedOn: IsoDate;
	status: 'SUCCEEDED' | 'FAILED';
	/** What Access Analyzer would generate from the principal's CloudTrail activity. */
	generatedPolicy: PolicyDocument;
}

export type SandboxResourceType = 'AWS::S3::Bucket' | 'AWS::SQS::Queue' | 'AWS::KMS::Key' | 'AWS::SNS::Topic';

/** A resource with a resource policy: for Access Analyzer emulation and for picking resource ARNs. */
export interface SandboxResource {
	arn: string;
	type: SandboxResourceType;
	name: string;
	policy: PolicyDocument | null;
}

export interface SandboxTrail {
	name: string;
	arn: string;
	s3BucketName: string;
	isMultiRegionTrail: boolean;
	isLogging: boolean;
	homeRegion: string;
	/** Absent: read and write management events (CloudTrail's default selector). */
	logsManagementEvents?: boolean;
	cloudWatchLogsLogGroupArn?: string;
}

/** Step 6's services beyond Config and EventBridge; absent in a state saved before they existed. */
export interface SandboxMonitoring {
	securityHub: { enabled: boolean; hubArn?: string; standards: { standardsArn: string; subscriptionArn: string; status: string }[] };
	subscriptions: { subscriptionArn: string; topicArn: string; protocol: string; endpoint: string; pendingConfirmation: boolean }[];
	metricFilters: { logGroupName: string; filterName: string; filterPattern: string; metricTransformations: { metricName: string; metricNamespace: string; metricValue: string }[] }[];
	alarms: Record<string, unknown>[];
}

/** One line of synthetic CloudTrail activity: what a principal did, how often, when last. */
export interface ActivityRecord {
	action: string;
	resource?: string;
	count: number;
	lastSeen: IsoDate;
}

export interface SandboxState {
	formatVersion: typeof sandboxFormatVersion;
	seededAt: IsoDate;
	/** Counter behind every ID the sandbox mints after seeding, so IDs are unique and repeatable. */
	sequence: number;
	account: SandboxAccount;
	caller: CallerIdentity;
	root: SandboxRoot;
	/** Users with their keys (slot set), MFA devices, login profile and group names. */
	users: User[];
	groups: Group[];
	roles: Role[];
	/** Customer-managed policies and the AWS-managed ones the sandbox knows; the model lists those in use. */
	policies: SandboxPolicy[];
	passwordPolicy: PasswordPolicy | null;
	/** Virtual MFA devices created but assigned to nobody (users' and root's are derived). */
	unassignedVirtualMfaDevices: VirtualMfaDevice[];
	/** When GenerateCredentialReport last made a report; null when none exists. */
	credentialReportGeneratedAt: IsoDate | null;
	organization: SandboxOrganization | null;
	analyzers: Analyzer[];
	analyzerFindings: SandboxAnalyzerFinding[];
	policyGenerations: SandboxPolicyGeneration[];
	config: ConfigState;
	eventRules: EventRule[];
	resources: SandboxResource[];
	/**
	 * Bucket names other accounts own (S3's namespace is global): HeadBucket answers 403, and
	 * CreateBucket BucketAlreadyExists. None in the seed.
	 */
	otherAccountsBuckets?: string[];
	trails: SandboxTrail[];
	monitoring?: SandboxMonitoring;
	/** Synthetic CloudTrail activity by principal ARN, for policy generation. */
	activity: Record<string, ActivityRecord[]>;
	/**
	 * Instance profiles beyond those the seed names after their role (a role's
	 * `instanceProfiles`): made by CreateInstanceProfile, or left empty by RemoveRoleFromInstanceProfile.
	 */
	instanceProfiles?: SandboxInstanceProfile[];
	/** CloudTrail event history: one management event per successful write, as LookupEvents shows it. */
	cloudTrailEvents?: TrailEvent[];
	/** Versions and delete markers in the sandbox's anchor buckets (sandbox-anchor-bucket.ts). */
	anchorObjects?: SandboxStoredObject[];
	/** IAM OIDC identity providers (GitHub Actions and the like). */
	oidcProviders?: SandboxOidcProvider[];
	/**
	 * Workloads that call AWS with their user's access key on a cadence, by user name; a
	 * workload moves to a role made for it (tagged `iam-wizard:migrates-user`) once the role exists.
	 */
	workloads?: Record<string, SandboxWorkload>;
	/** Days the demo's clock runs ahead of the wall clock (`iam-wizard demo-clock`), so later phases can be shown. */
	clockOffsetDays?: number;
	/** The functions, instances, stacks and projects that run with a role; absent in a state saved before they existed (none). */
	roleWorkloads?: SandboxRoleWorkloads;
}

/** What AWS's list calls would show of them: the role of an instance comes from its instance profile. */
export interface SandboxRoleWorkloads {
	functions: { name: string; arn: string; roleArn: string }[];
	instances: { id: string; arn: string; state: 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated'; instanceProfileArn?: string }[];
	stacks: { name: string; id: string; status: string; roleArn?: string }[];
	projects: { name: string; arn: string; serviceRole: string }[];
}

export interface SandboxInstanceProfile {
	name: string;
	arn: string;
	path: string;
	createDate: IsoDate;
}

export interface SandboxOidcProvider {
	arn: string;
	url: string;
	clientIds: string[];
	createDate: IsoDate;
}

export interface SandboxWorkload {
	/** The key it calls with. */
	accessKeyId: string;
	/** How often it calls AWS, in hours. */
	everyHours: number;
	service: string;
	/** A call it made: its calls fall on this time plus whole periods. */
	anchor: IsoDate;
}

export type SandboxAccessKey = AccessKey & { slot: 1 | 2 };
