/**
 * Changes are data: every write iam-wizard makes is one of these plain, serialisable
 * objects. `kind` is the AWS call, `params` are its parameters as AWS takes them (policy
 * documents as objects; adapters serialise them). The preview, the confirmation, plan
 * files, the audit log and undo are all built from these.
 */
import type { ConfigRecorder, EventTarget, PasswordPolicy, Tag } from './model.js';
import type { PolicyDocument } from './policy-document.js';

export type StepNumber = 1 | 2 | 3 | 4 | 5 | 6;

export interface ActionParams {
	// Step 1
	'iam:GenerateCredentialReport': Record<string, never>;
	'iam:CreateGroup': { GroupName: string; Path?: string };
	'iam:DeleteGroup': { GroupName: string };
	'iam:AddUserToGroup': { GroupName: string; UserName: string };
	'iam:RemoveUserFromGroup': { GroupName: string; UserName: string };
	'iam:AttachGroupPolicy': { GroupName: string; PolicyArn: string };
	'iam:DetachGroupPolicy': { GroupName: string; PolicyArn: string };
	'iam:AttachUserPolicy': { UserName: string; PolicyArn: string };
	'iam:DetachUserPolicy': { UserName: string; PolicyArn: string };
	'iam:AttachRolePolicy': { RoleName: string; PolicyArn: string };
	'iam:DetachRolePolicy': { RoleName: string; PolicyArn: string };
	'iam:CreateRole': { RoleName: string; Path?: string; AssumeRolePolicyDocument: PolicyDocument; Description?: string; Tags?: Tag[] };
	'iam:DeleteRole': { RoleName: string };
	// Step 2
	'access-analyzer:CreateAnalyzer': {
		analyzerName: string;
		type: 'ACCOUNT' | 'ORGANIZATION' | 'ACCOUNT_UNUSED_ACCESS' | 'ORGANIZATION_UNUSED_ACCESS';
		configuration?: { unusedAccess: { unusedAccessAge: number } };
	};
	'access-analyzer:DeleteAnalyzer': { analyzerName: string };
	'access-analyzer:UpdateFindings': { analyzerArn: string; ids: string[]; status: 'ARCHIVED' | 'ACTIVE'; reason?: string };
	'access-analyzer:StartPolicyGeneration': { principalArn: string; trailArn: string; accessRole: string; startTime: string; endTime: string };
	'iam:UpdateAssumeRolePolicy': { RoleName: string; PolicyDocument: PolicyDocument };
	// Step 3
	'iam:CreatePolicyVersion': { PolicyArn: string; PolicyDocument: PolicyDocument; SetAsDefault: boolean };
	'iam:SetDefaultPolicyVersion': { PolicyArn: string; VersionId: string };
	'iam:DeletePolicyVersion': { PolicyArn: string; VersionId: string };
	'iam:PutUserPolicy': { UserName: string; PolicyName: string; PolicyDocument: PolicyDocument };
	'iam:PutGroupPolicy': { GroupName: string; PolicyName: string; PolicyDocument: PolicyDocument };
	'iam:PutRolePolicy': { RoleName: string; PolicyName: string; PolicyDocument: PolicyDocument };
	'iam:DeleteUserPolicy': { UserName: string; PolicyName: string };
	'iam:DeleteGroupPolicy': { GroupName: string; PolicyName: string };
	'iam:DeleteRolePolicy': { RoleName: string; PolicyName: string };
	// Step 4
	'iam:CreatePolicy': { PolicyName: string; Path?: string; PolicyDocument: PolicyDocument; Description?: string };
	'iam:DeletePolicy': { PolicyArn: string };
	'iam:PutRolePermissionsBoundary': { RoleName: string; PermissionsBoundary: string };
	'iam:DeleteRolePermissionsBoundary': { RoleName: string };
	'iam:PutUserPermissionsBoundary': { UserName: string; PermissionsBoundary: string };
	'iam:DeleteUserPermissionsBoundary': { UserName: string };
	// Step 5
	'organizations:EnablePolicyType': { RootId: string; PolicyType: 'SERVICE_CONTROL_POLICY' };
	'organizations:DisablePolicyType': { RootId: string; PolicyType: 'SERVICE_CONTROL_POLICY' };
	'organizations:CreatePolicy': { Name: string; Description: string; Type: 'SERVICE_CONTROL_POLICY'; Content: PolicyDocument };
	/** PolicyId, or PolicyName for a policy created earlier in the same batch (the gateway resolves it). */
	'organizations:DeletePolicy': { PolicyId?: string; PolicyName?: string };
	'organizations:AttachPolicy': { PolicyId?: string; PolicyName?: string; TargetId: string };
	'organizations:DetachPolicy': { PolicyId?: string; PolicyName?: string; TargetId: string };
	'iam:UpdateAccessKey': { UserName: string; AccessKeyId: string; Status: 'Active' | 'Inactive' };
	'iam:DeleteAccessKey': { UserName: string; AccessKeyId: string };
	'iam:DeleteLoginProfile': { UserName: string };
	'iam:UpdateAccountPasswordPolicy': PasswordPolicy;
	'iam:DeleteAccountPasswordPolicy': Record<string, never>;
	// Step 5, key → role migration: where the workload runs decides what its role needs.
	'iam:CreateInstanceProfile': { InstanceProfileName: string; Path?: string };
	'iam:DeleteInstanceProfile': { InstanceProfileName: string };
	'iam:AddRoleToInstanceProfile': { InstanceProfileName: string; RoleName: string };
	'iam:RemoveRoleFromInstanceProfile': { InstanceProfileName: string; RoleName: string };
	/** Url as AWS takes it (https://…); no thumbprint: AWS secures GitHub's issuer with its own trusted CAs. */
	'iam:CreateOpenIDConnectProvider': { Url: string; ClientIDList: string[]; ThumbprintList?: string[] };
	'iam:DeleteOpenIDConnectProvider': { OpenIDConnectProviderArn: string };
	/**
	 * Step 5, centralized root access: a short-lived root session on a member account (from the
	 * management account or IAM's delegated administrator), scoped by AWS's task policy
	 * IAMDeleteRootUserCredentials, in which the root user's credentials named by `delete` are
	 * deleted (iam:ListAccessKeys, then iam:DeleteAccessKey for each key, as the root user).
	 */
	'sts:AssumeRoot': { TargetPrincipal: string; TaskPolicyArn: { arn: string }; DurationSeconds: number; delete: RootCredentialKind[] };
	// Step 6
	'config:PutConfigurationRecorder': {
		ConfigurationRecorder: {
			name: string;
			roleARN: string;
			recordingGroup?: { allSupported?: boolean; includeGlobalResourceTypes?: boolean; resourceTypes?: string[]; recordingStrategy?: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' | 'ALL_SUPPORTED_RESOURCE_TYPES' } };
		};
	};
	'config:DeleteConfigurationRecorder': { ConfigurationRecorderName: string };
	'config:PutDeliveryChannel': { DeliveryChannel: { name: string; s3BucketName: string; snsTopicARN?: string } };
	'config:DeleteDeliveryChannel': { DeliveryChannelName: string };
	'config:StartConfigurationRecorder': { ConfigurationRecorderName: string };
	'config:StopConfigurationRecorder': { ConfigurationRecorderName: string };
	'config:PutConfigRule': { ConfigRule: { ConfigRuleName: string; Source: { Owner: 'AWS'; SourceIdentifier: string }; InputParameters?: string; Description?: string } };
	'config:DeleteConfigRule': { ConfigRuleName: string };
	'events:PutRule': { Name: string; EventPattern: string; State: 'ENABLED' | 'DISABLED'; Description?: string };
	'events:DeleteRule': { Name: string };
	'events:PutTargets': { Rule: string; Targets: EventTarget[] };
	'events:RemoveTargets': { Rule: string; Ids: string[] };
	'sns:CreateTopic': { Name: string };
	'sns:DeleteTopic': { TopicArn: string };
	// Step 6: the Config recorder's role and bucket
	'iam:CreateServiceLinkedRole': { AWSServiceName: string; Description?: string };
	'iam:DeleteServiceLinkedRole': { RoleName: string };
	's3:CreateBucket': { Bucket: string; CreateBucketConfiguration?: { LocationConstraint: string } };
	's3:DeleteBucket': { Bucket: string };
	's3:PutBucketPolicy': { Bucket: string; Policy: PolicyDocument };
	's3:DeleteBucketPolicy': { Bucket: string };
	// Step 6: the alert topic's policy and subscription
	'sns:SetTopicAttributes': { TopicArn: string; AttributeName: 'Policy'; AttributeValue: string };
	'sns:Subscribe': { TopicArn: string; Protocol: 'email'; Endpoint: string };
	'sns:Unsubscribe': { SubscriptionArn: string };
	// Step 6: Security Hub
	'securityhub:EnableSecurityHub': { EnableDefaultStandards: boolean };
	'securityhub:DisableSecurityHub': Record<string, never>;
	'securityhub:BatchEnableStandards': { StandardsSubscriptionRequests: { StandardsArn: string }[] };
	'securityhub:BatchDisableStandards': { StandardsSubscriptionArns: string[] };
	// Step 6: the CIS 4.x metric filter and alarm on the trail's log group
	'logs:PutMetricFilter': {
		logGroupName: string;
		filterName: string;
		filterPattern: string;
		metricTransformations: { metricName: string; metricNamespace: string; metricValue: string }[];
	};
	'logs:DeleteMetricFilter': { logGroupName: string; filterName: string };
	'cloudwatch:PutMetricAlarm': {
		AlarmName: string;
		AlarmDescription?: string;
		MetricName: string;
		Namespace: string;
		Statistic: 'Sum';
		Period: number;
		EvaluationPeriods: number;
		Threshold: number;
		ComparisonOperator: 'GreaterThanOrEqualToThreshold';
		TreatMissingData?: 'notBreaching';
		AlarmActions: string[];
	};
	'cloudwatch:DeleteAlarms': { AlarmNames: string[] };
}

export type ActionKind = keyof ActionParams;

/** The root user's credentials a root session can delete (access keys: the ROOT_ACCESS_KEY finding). */
export type RootCredentialKind = 'accessKeys';

export interface ProofSample {
	name: string;
	/** The event, a JSON string as TestEventPattern takes it. */
	event: string;
	/** true: the rule must match it; false: it must not. */
	expect: boolean;
}

export interface PatternProof {
	samples: ProofSample[];
}

/** One sample's TestEventPattern answer. */
export interface ProofResult {
	name: string;
	expect: boolean;
	matched: boolean;
}

export interface ActionRisk {
	/** Confirmed by typing the account ID (an SCP on a root or OU, many keys, many roles). */
	highBlastRadius?: boolean;
	/** Could cut the caller's own access; never in a default plan, needs a separate confirmation. */
	lockout?: string;
}

export type Action<K extends ActionKind = ActionKind> = K extends ActionKind
	? {
			kind: K;
			params: ActionParams[K];
			/** The wizard step that proposed it. */
			step: StepNumber;
			/** Fingerprints (or IDs) of the findings this action addresses. */
			findingIds: string[];
			/** One line for people: "Deactivate access key AKIA… of user alice". */
			summary: string;
			risk?: ActionRisk;
			/** Lines the preview shows under the action: what it would break, what it leaves open. */
			notes?: string[];
			/**
			 * For a guardrail (an MFA-enforcing SCP or IAM policy): who it would deny, one line each,
			 * as the breakage guard computed it when planned; apply refuses the plan if this changed.
			 */
			impact?: string[];
			/**
			 * events:PutRule: sample events the pattern must and must not match. The gateway runs
			 * TestEventPattern with them before creating the rule (and refuses when the pattern
			 * fails them) and again on the stored rule when verifying.
			 */
			proof?: PatternProof;
		}
	: never;

/**
 * The state an action replaces, read just before it is applied, from which its inverse
 * is built. The same read after applying verifies it. `exists: false` means the thing an
 * action creates was absent before.
 */
export interface PriorStates {
	'iam:UpdateAccessKey': { Status: 'Active' | 'Inactive' };
	/** Status and last use as well, so a deletion planned for an idle key is refused once the key was used or re-activated. */
	'iam:DeleteAccessKey': { exists: boolean; Status?: 'Active' | 'Inactive'; LastUsedDate?: string | null };
	'iam:UpdateAssumeRolePolicy': { PolicyDocument: PolicyDocument };
	'iam:CreatePolicyVersion': { DefaultVersionId: string; versionCount: number };
	'iam:SetDefaultPolicyVersion': { DefaultVersionId: string };
	'iam:DeletePolicyVersion': { PolicyDocument: PolicyDocument };
	'iam:PutUserPolicy': { PolicyDocument: PolicyDocument | null };
	'iam:PutGroupPolicy': { PolicyDocument: PolicyDocument | null };
	'iam:PutRolePolicy': { PolicyDocument: PolicyDocument | null };
	'iam:DeleteUserPolicy': { PolicyDocument: PolicyDocument };
	'iam:DeleteGroupPolicy': { PolicyDocument: PolicyDocument };
	'iam:DeleteRolePolicy': { PolicyDocument: PolicyDocument };
	'iam:PutRolePermissionsBoundary': { PermissionsBoundary: string | null };
	'iam:PutUserPermissionsBoundary': { PermissionsBoundary: string | null };
	'iam:DeleteRolePermissionsBoundary': { PermissionsBoundary: string | null };
	'iam:DeleteUserPermissionsBoundary': { PermissionsBoundary: string | null };
	'iam:UpdateAccountPasswordPolicy': { PasswordPolicy: PasswordPolicy | null };
	'iam:DeleteAccountPasswordPolicy': { PasswordPolicy: PasswordPolicy | null };
	'access-analyzer:UpdateFindings': { statuses: Record<string, string> };
	'config:PutConfigurationRecorder': { ConfigurationRecorder: ConfigRecorder | null };
	/** Proof: the action's samples tested against the rule's stored pattern (or, with no rule yet, the action's). */
	'events:PutRule': { Rule: { EventPattern?: string; State: string; Description?: string } | null; Proof?: ProofResult[] };
	's3:PutBucketPolicy': { Policy: PolicyDocument | null };
	'sns:SetTopicAttributes': { Policy: string | null };
	'securityhub:BatchEnableStandards': { enabled: string[]; subscriptionArns: Record<string, string> };
	'logs:PutMetricFilter': { filter: { filterPattern: string; metricTransformations: ActionParams['logs:PutMetricFilter']['metricTransformations'] } | null };
	'cloudwatch:PutMetricAlarm': { alarm: Omit<ActionParams['cloudwatch:PutMetricAlarm'], 'AlarmName'> | null };
	'events:PutTargets': { Targets: EventTarget[] };
	/** The target account's root access keys (IDs), read in a root session scoped by IAMAuditRootUserCredentials. */
	'sts:AssumeRoot': { accessKeys: string[] };
}

/** What the gateway read before (or after) an action: the kind's state, or just whether its target exists. */
export type PriorState<K extends ActionKind = ActionKind> = K extends keyof PriorStates ? PriorStates[K] : { exists: boolean };

/** What an applied call returned that later actions or the inverse need (a created ID, a request ID). */
export interface ApplyResult {
	requestId?: string;
	/** E.g. { PolicyId } from organizations:CreatePolicy, { VersionId } from CreatePolicyVersion. */
	outputs?: Record<string, string>;
}
