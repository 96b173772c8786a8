/**
 * AWS's answers for "it does not exist", one row per read the adapters make. For AWS a
 * missing password policy, a boundary policy not created yet or an account outside any
 * organization is an error response; for iam-wizard it is a value ("absent"), never a
 * read failure. Both adapters use this one table: the live adapter turns these errors into
 * the absent value (`orAbsent`), and the sandbox raises exactly these errors for what it
 * does not hold (`absentError`), so demo and live run the same code.
 *
 * Codes are the error codes AWS sends on the wire, as each API reference lists them: IAM,
 * STS and SNS (query protocol) send `NoSuchEntity`, `NotFound` (the JS SDK names their
 * classes `NoSuchEntityException`, `NotFoundException`; errors.ts keeps the wire code); the
 * JSON services send the exception's name (`ResourceNotFoundException`). An empty row
 * means the read answers absence with an empty list or field, never with an error.
 *
 * To add a read (steps 5 and 6 and on): add a row `'service:Operation': [codes]`, taking
 * the codes from the operation's API reference (its "Errors" section: the ones that mean
 * the named thing is not there; not AccessDenied, not validation errors). Then read it
 * through `orAbsent(() => caller.send(...), absentValue)` in the live adapter, and make
 * the sandbox fail with `absentError('service:Operation', message)`.
 * test/aws/absence.test.ts fails while a live read has no row, or a row names an error the
 * operation's model (the SDK's `@throws` list) does not declare.
 */
import { GatewayError, isGatewayError } from '../core/gateway-error.js';
import { awsAnswerSentence } from './aws-answer.js';

export const absenceAnswers = {
	// IAM (query protocol: wire codes)
	'iam:GetAccountAuthorizationDetails': [],
	'iam:GenerateCredentialReport': [],
	'iam:GetCredentialReport': ['ReportNotPresent'],
	'iam:GetAccountPasswordPolicy': ['NoSuchEntity'],
	'iam:GetAccountSummary': [],
	'iam:ListAccountAliases': [],
	'iam:ListVirtualMFADevices': [],
	'iam:ListAccessKeys': ['NoSuchEntity'],
	'iam:GetUser': ['NoSuchEntity'],
	'iam:GetGroup': ['NoSuchEntity'],
	'iam:GetRole': ['NoSuchEntity'],
	'iam:GetPolicy': ['NoSuchEntity'],
	'iam:GetPolicyVersion': ['NoSuchEntity'],
	'iam:ListPolicyVersions': ['NoSuchEntity'],
	'iam:GetUserPolicy': ['NoSuchEntity'],
	'iam:GetGroupPolicy': ['NoSuchEntity'],
	'iam:GetRolePolicy': ['NoSuchEntity'],
	'iam:GetLoginProfile': ['NoSuchEntity'],
	'iam:ListAttachedUserPolicies': ['NoSuchEntity'],
	'iam:ListAttachedGroupPolicies': ['NoSuchEntity'],
	'iam:ListAttachedRolePolicies': ['NoSuchEntity'],
	'iam:ListGroupsForUser': ['NoSuchEntity'],
	'iam:GetInstanceProfile': ['NoSuchEntity'],
	'iam:ListInstanceProfilesForRole': ['NoSuchEntity'],
	'iam:GetOpenIDConnectProvider': ['NoSuchEntity'],
	'iam:ListOpenIDConnectProviders': [],
	// Asked only of a key ListAccessKeys just listed; a key with no use answers with no LastUsedDate.
	'iam:GetAccessKeyLastUsed': [],
	'iam:ListMFADevices': ['NoSuchEntity'],
	'iam:GenerateServiceLastAccessedDetails': ['NoSuchEntity'],
	'iam:GetServiceLastAccessedDetails': ['NoSuchEntity'],
	'sts:GetCallerIdentity': [],
	// Centralized root access: no organization, IAM's trusted access off, or not all features: the feature is not there.
	// These shapes carry no query error code, so the wire code is the exception's name.
	'iam:ListOrganizationsFeatures': ['OrganizationNotFoundException', 'ServiceAccessNotEnabledException', 'OrganizationNotInAllFeaturesModeException'],
	// Organizations (JSON)
	'organizations:DescribeOrganization': ['AWSOrganizationsNotInUseException'],
	'organizations:ListRoots': ['AWSOrganizationsNotInUseException'],
	'organizations:ListPolicies': ['AWSOrganizationsNotInUseException'],
	'organizations:DescribePolicy': ['PolicyNotFoundException', 'AWSOrganizationsNotInUseException'],
	'organizations:ListTargetsForPolicy': ['PolicyNotFoundException', 'AWSOrganizationsNotInUseException'],
	'organizations:ListParents': ['ChildNotFoundException', 'AWSOrganizationsNotInUseException'],
	'organizations:ListOrganizationalUnitsForParent': ['ParentNotFoundException', 'AWSOrganizationsNotInUseException'],
	// IAM Access Analyzer (REST JSON)
	'access-analyzer:ListAnalyzers': [],
	'access-analyzer:GetAnalyzer': ['ResourceNotFoundException'],
	'access-analyzer:ListFindings': ['ResourceNotFoundException'],
	'access-analyzer:ListFindingsV2': ['ResourceNotFoundException'],
	'access-analyzer:GetFindingV2': ['ResourceNotFoundException'],
	'access-analyzer:ListPolicyGenerations': [],
	// A job ID AWS does not know is a ValidationException (a bad request), not an absence.
	'access-analyzer:GetGeneratedPolicy': [],
	// Config (JSON): without names these list every item (empty when none); with names they fail.
	'config:DescribeConfigurationRecorders': ['NoSuchConfigurationRecorderException'],
	'config:DescribeConfigurationRecorderStatus': ['NoSuchConfigurationRecorderException'],
	'config:DescribeDeliveryChannels': ['NoSuchDeliveryChannelException'],
	'config:DescribeConfigRules': ['NoSuchConfigRuleException'],
	'config:DescribeComplianceByConfigRule': ['NoSuchConfigRuleException'],
	// EventBridge (JSON)
	'events:ListRules': ['ResourceNotFoundException'],
	'events:DescribeRule': ['ResourceNotFoundException'],
	'events:ListTargetsByRule': ['ResourceNotFoundException'],
	// SNS (query protocol: wire codes)
	'sns:GetTopicAttributes': ['NotFound'],
	'sns:ListTopics': [],
	'sns:ListSubscriptionsByTopic': ['NotFound'],
	// CloudTrail (JSON)
	'cloudtrail:DescribeTrails': [],
	'cloudtrail:GetTrailStatus': ['TrailNotFoundException'],
	'cloudtrail:GetEventSelectors': ['TrailNotFoundException'],
	// The change log's cross-check: an empty history is an empty list, and a missing KMS key is an error the operator must see.
	'cloudtrail:LookupEvents': [],
	'kms:GetPublicKey': [],
	// Security Hub (REST JSON): an account that has not enabled it is "not subscribed", InvalidAccessException.
	'securityhub:DescribeHub': ['InvalidAccessException', 'ResourceNotFoundException'],
	'securityhub:GetEnabledStandards': ['InvalidAccessException'],
	'securityhub:DescribeStandardsControls': ['InvalidAccessException', 'ResourceNotFoundException'],
	// S3 (REST XML): HeadBucket answers a bare 404, NotFound; GetBucketPolicy's NoSuchBucketPolicy is in S3's error list, not the SDK model.
	's3:HeadBucket': ['NotFound'],
	's3:GetBucketPolicy': ['NoSuchBucket', 'NoSuchBucketPolicy'],
	// Session anchors: a bucket without Object Lock answers ObjectLockConfigurationNotFoundError (S3's error list, not the SDK model);
	// a missing bucket or anchor object is an error the operator must see.
	's3:GetObjectLockConfiguration': ['ObjectLockConfigurationNotFoundError'],
	's3:ListObjectVersions': [],
	's3:GetObject': [],
	// CloudWatch Logs and CloudWatch (JSON / query)
	'logs:DescribeMetricFilters': ['ResourceNotFoundException'],
	'logs:DescribeLogGroups': [],
	'cloudwatch:DescribeAlarms': [],
	// KMS (JSON)
	'kms:DescribeKey': ['NotFoundException'],
} as const satisfies Record<string, readonly string[]>;

export type AbsenceOperation = keyof typeof absenceAnswers;

/** The codes that mean "not there" for `operation` (none for an operation without a row). */
export function absenceCodes(operation: string): readonly string[] {
	return (absenceAnswers as Record<string, readonly string[]>)[operation] ?? [];
}

/** Whether `error` is AWS saying the thing its operation named does not exist. */
export function isAbsence(error: unknown): error is GatewayError {
	return isGatewayError(error) && error.operation !== undefined && absenceCodes(error.operation).includes(error.code);
}

/** Runs `read`; AWS's answer that the thing does not exist becomes `absent`. Every other failure is thrown. */
export async function orAbsent<T>(read: () => Promise<T>, absent: T): Promise<T> {
	try {
		return await read();
	} catch (error) {
		if (isAbsence(error)) return absent;
		throw error;
	}
}

/** The synchronous twin of `orAbsent`, for the sandbox's in-memory reads. */
export function orAbsentNow<T>(read: () => T, absent: T): T {
	try {
		return read();
	} catch (error) {
		if (isAbsence(error)) return absent;
		throw error;
	}
}

/** The error AWS answers `operation` with when its thing does not exist (the sandbox raises it), worded as the live adapter words it. */
export function absentError(operation: AbsenceOperation, message: string): GatewayError {
	const code = absenceCodes(operation)[0];
	if (code === undefined) throw new Error(`${operation} has no "does not exist" error in the absence table`);
	return new GatewayError(code, awsAnswerSentence(operation, code, message), { operation });
}
