/**
 * The one port through which iam-wizard talks to AWS. Three adapters implement it: `live`
 * (AWS SDK v3), `sandbox` (an in-memory account with AWS's semantics, for --demo and
 * tests) and `snapshot` (read-only, from `get-account-authorization-details` output).
 * Every failure is a GatewayError whose message is one sentence for the operator.
 */
import type { Action, ApplyResult, PriorState } from '../core/actions.js';
import type { TrailEvent } from '../core/cloudtrail-events.js';
import type { LastAccessedReport } from '../core/last-accessed.js';
import type { AccountModel, AlertTopic, AnalyzerFinding, CallerIdentity, IsoDate } from '../core/model.js';
import type { PolicyDocument } from '../core/policy-document.js';
import type { PolicyValidationIssue, ValidationPolicyType } from '../core/policy-validation-types.js';

export type GatewayMode = 'live' | 'demo' | 'snapshot';

export interface ReadAccountOptions {
	/** Progress lines for a spinner ("Reading IAM authorization details (page 2)"). */
	onProgress?: (message: string) => void;
	/** The alert topic the operator chose: read (sns:GetTopicAttributes) into `alertTopic`, its subscriptions into `alertSubscriptions`. */
	alertTopicArn?: string;
}

export interface AnalyzerFindingsPage {
	findings: AnalyzerFinding[];
	/** Pass back for the next page; absent on the last one. */
	nextToken?: string;
}

export interface ListAnalyzerFindingsOptions {
	nextToken?: string;
	/** Only findings with this status (default: every status). */
	status?: AnalyzerFinding['status'];
	/** Page size (AWS allows up to 100 here). */
	maxResults?: number;
	/** An external-access analyzer: the live adapter then reads who gets in with what (ListFindings) as well. */
	external?: boolean;
}

/** A CloudTrail trail that policy generation can read. */
export interface Trail {
	name: string;
	arn: string;
	homeRegion?: string;
	isMultiRegionTrail?: boolean;
	/** undefined when not known (DescribeTrails does not say; GetTrailStatus does). */
	isLogging?: boolean;
}

export type PolicyGenerationStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';

export interface PolicyGenerationJob {
	jobId: string;
	principalArn?: string;
	status: PolicyGenerationStatus;
	startedOn?: IsoDate;
	completedOn?: IsoDate;
	/** The generated policy, once SUCCEEDED. */
	policy?: PolicyDocument;
	/** Why it FAILED, one sentence. */
	error?: string;
}

/** What KMS GetPublicKey answers for an asymmetric key. */
/** An S3 bucket's Object Lock configuration (s3:GetObjectLockConfiguration), for session anchors. */
export interface ObjectLockSettings {
	/** ObjectLockEnabled is "Enabled". */
	enabled: boolean;
	/** The bucket's default retention, when it has one. */
	defaultRetention?: { mode: ObjectLockMode; days?: number; years?: number };
}

export type ObjectLockMode = 'COMPLIANCE' | 'GOVERNANCE';

/** s3:PutObject of a small text object under Object Lock retention. */
export interface LockedObjectPut {
	bucket: string;
	key: string;
	body: string;
	mode: ObjectLockMode;
	retainUntil: Date;
}

/** One entry of s3:ListObjectVersions: an object version or a delete marker. */
export interface StoredObjectVersion {
	key: string;
	versionId: string;
	deleteMarker: boolean;
	lastModified?: IsoDate;
}

export interface KmsPublicKey {
	keyId: string;
	/** SubjectPublicKeyInfo, DER. */
	spkiDer: Uint8Array;
	keySpec?: string;
	keyUsage?: string;
	signingAlgorithms: string[];
}

export interface AwsGateway {
	readonly mode: GatewayMode;
	/** For headers and plans: "demo: Acme sandbox", "profile prod, eu-west-1", "snapshot ./auth.json". */
	readonly description: string;
	/** Where the region comes from; empty for snapshots. */
	readonly region: string;
	callerIdentity(): Promise<CallerIdentity>;
	/** Reads the whole account model. Parts that cannot be read are listed in `notEvaluated`. */
	readAccount(options?: ReadAccountOptions): Promise<AccountModel>;
	/**
	 * Reads, directly and not from the credential report, the current state of what `action`
	 * changes. Before applying it gives the inverse; after applying it verifies the change.
	 */
	readState(action: Action): Promise<PriorState>;
	/** Makes the one AWS call `action` names. The snapshot adapter refuses with code ReadOnly. */
	apply(action: Action): Promise<ApplyResult>;
	/**
	 * Step 3: checks a policy document before it is applied (live: Access Analyzer
	 * ValidatePolicy; sandbox: local checks). Optional: a gateway without it cannot validate.
	 */
	validatePolicy?(document: PolicyDocument, policyType: ValidationPolicyType): Promise<PolicyValidationIssue[]>;
	/** Step 3: which services and actions a user or role used, and when (ACTION_LEVEL). Optional. */
	serviceLastAccessed?(principalArn: string): Promise<LastAccessedReport>;

	// Step 2 reads. Optional so adapters that cannot answer (a snapshot) need not implement them.
	/** One page of an analyzer's findings (access-analyzer:ListFindingsV2). */
	listAnalyzerFindings?(analyzerArn: string, options?: ListAnalyzerFindingsOptions): Promise<AnalyzerFindingsPage>;
	/** The account's CloudTrail trails, for policy generation (cloudtrail:DescribeTrails). */
	listTrails?(): Promise<Trail[]>;
	/** A policy generation job and, once it succeeded, its policy (access-analyzer:GetGeneratedPolicy). */
	getPolicyGeneration?(jobId: string): Promise<PolicyGenerationJob>;
	/** Recent policy generation jobs, to see whether one is running (access-analyzer:ListPolicyGenerations). */
	listPolicyGenerations?(): Promise<PolicyGenerationJob[]>;

	// Step 6 reads.
	/** Whether an event matches a pattern (events:TestEventPattern, in the region of the alert rules); both JSON strings. */
	testEventPattern?(eventPattern: string, event: string): Promise<boolean>;
	/** The alert topic the operator names (sns:GetTopicAttributes): `exists: false` when SNS answers NotFound. */
	readAlertTopic?(arn: string): Promise<AlertTopic>;
	// The change log's signing key in KMS (--signing-key ARN).
	/** kms:GetPublicKey of an asymmetric key. */
	kmsPublicKey?(keyId: string): Promise<KmsPublicKey>;
	/** kms:Sign with ED25519_SHA_512, MessageType RAW: the 64-byte signature. */
	kmsSign?(keyId: string, message: Uint8Array): Promise<Uint8Array>;
	/** cloudtrail:LookupEvents by Username over a window, every page: the change log's cross-check. */
	lookupEvents?(query: { start: Date; end: Date; username: string }): Promise<TrailEvent[]>;
	// Session anchors in an S3 bucket with Object Lock (--anchors s3://BUCKET/PREFIX).
	/** s3:GetObjectLockConfiguration; null when the bucket has none (ObjectLockConfigurationNotFoundError). */
	objectLockConfiguration?(bucket: string): Promise<ObjectLockSettings | null>;
	/** s3:PutObject with Object Lock retention (and the checksum S3 requires of such a put). */
	putLockedObject?(put: LockedObjectPut): Promise<{ versionId?: string }>;
	/** s3:ListObjectVersions under a prefix, every page: versions and delete markers, oldest first per key. */
	listObjectVersions?(bucket: string, prefix: string): Promise<StoredObjectVersion[]>;
	/** s3:GetObject of one version, as UTF-8 text. */
	getObjectText?(bucket: string, key: string, versionId: string): Promise<string>;
}
