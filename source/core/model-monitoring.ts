/**
 * What step 6 reads of the account's monitoring: AWS Config, EventBridge rules, CloudTrail
 * trails and Security Hub. Part of the account model (source/core/model.ts re-exports it).
 */
import type { PolicyDocument } from './policy-document.js';

export interface ConfigRecorder {
	name: string;
	roleArn?: string;
	recording: boolean;
	allSupported?: boolean;
	includeGlobalResourceTypes?: boolean;
	/** The resource types it records when it does not record all supported ones. */
	resourceTypes?: string[];
	lastStatus?: string;
}

export interface ConfigRule {
	name: string;
	arn?: string;
	owner: 'AWS' | 'CUSTOM_LAMBDA' | 'CUSTOM_POLICY';
	sourceIdentifier?: string;
	state: string;
	inputParameters?: string;
	/** Config's own verdict once it has evaluated (DescribeComplianceByConfigRule); absent before. */
	compliance?: string;
}

/**
 * The bucket iam-wizard proposes for Config's deliveries (core/config-bucket.ts names it), as
 * S3 answered HeadBucket and GetBucketPolicy: `absent` for 404; `owned` for 200, with its
 * policy (null for none); `forbidden` for 403, another account's name or one this identity
 * may not read. Read only while Config has no delivery channel.
 */
export type ConfigBucketRead = { name: string } & ({ status: 'absent' | 'forbidden' } | { status: 'owned'; policy: PolicyDocument | null });

export interface ConfigState {
	recorders: ConfigRecorder[];
	deliveryChannels: { name: string; s3BucketName?: string; snsTopicArn?: string }[];
	rules: ConfigRule[];
	/** Absent when not read (a channel exists, a snapshot, or the read failed: notEvaluated says why). */
	defaultBucket?: ConfigBucketRead;
}

export interface EventTarget {
	id: string;
	arn: string;
}

export interface EventRule {
	name: string;
	arn: string;
	eventBusName: string;
	state: 'ENABLED' | 'DISABLED' | string;
	description?: string;
	/** The pattern as AWS stores it: a JSON string. */
	eventPattern?: string;
	targets: EventTarget[];
}

/** A CloudTrail trail as step 6 checks it (DescribeTrails, GetTrailStatus, GetEventSelectors). */
export interface CloudTrailTrail {
	name: string;
	arn: string;
	homeRegion?: string;
	isMultiRegionTrail: boolean;
	/** undefined when GetTrailStatus could not be read. */
	isLogging?: boolean;
	/** Whether its event selectors log read and write management events; undefined when not read. */
	logsManagementEvents?: boolean;
	s3BucketName?: string;
	/** Where the trail also delivers (the CIS 4.x metric filters live on this log group). */
	cloudWatchLogsLogGroupArn?: string;
}

export interface SecurityHubStandard {
	standardsArn: string;
	subscriptionArn: string;
	status: 'PENDING' | 'READY' | 'FAILED' | 'DELETING' | 'INCOMPLETE' | string;
}

/** Security Hub in the region: `enabled: false` when DescribeHub says it is not subscribed. */
export interface SecurityHubState {
	enabled: boolean;
	hubArn?: string;
	standards: SecurityHubStandard[];
	/** The IAM.* controls of the enabled standards, with their status, when read. */
	iamControls?: { controlId: string; status: string; title?: string }[];
}

/** A subscription of iam-wizard's alert topic: an e-mail one is pending until its recipient confirms. */
export interface AlertSubscription {
	protocol: string;
	endpoint: string;
	pendingConfirmation: boolean;
	/** Absent while pending (AWS answers "PendingConfirmation"). */
	subscriptionArn?: string;
}

/**
 * The SNS topic the operator chose for the alerts (setting `alertTopic`, `--alert-topic`), as
 * sns:GetTopicAttributes answered: `exists: false` when SNS said NotFound. Its policy is
 * read so the plan adds EventBridge's right to publish without dropping the owner's statements.
 */
export interface AlertTopic {
	arn: string;
	exists: boolean;
	/** The topic policy as SNS stores it (a JSON string); null when it has none. */
	policy?: string | null;
}
