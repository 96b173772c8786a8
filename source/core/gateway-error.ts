/**
 * The one error type adapters throw. `message` is one sentence an operator can act on;
 * `code` is AWS's error name (NoSuchEntity, EntityAlreadyExists, LimitExceeded, ...) or one
 * of ours for failures that are not AWS's answer.
 */
export type GatewayErrorCode =
	| 'NoCredentials'
	| 'ExpiredToken'
	| 'AccessDenied'
	| 'Throttled'
	| 'EndpointUnreachable'
	| 'NotAws'
	| 'ReadOnly'
	| 'UnknownProfile'
	| 'InvalidRegion'
	| 'Timeout'
	| (string & {});

export class GatewayError extends Error {
	override name = 'GatewayError';
	readonly code: GatewayErrorCode;
	/** The AWS call that failed, e.g. "iam:GetAccountAuthorizationDetails". */
	readonly operation?: string;
	readonly requestId?: string;
	/** How many requests the SDK made for the call (more than one: it retried). */
	readonly attempts?: number;

	constructor(code: GatewayErrorCode, message: string, options: { operation?: string; requestId?: string; attempts?: number; cause?: unknown } = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause });
		this.code = code;
		this.operation = options.operation;
		this.requestId = options.requestId;
		if (options.attempts !== undefined) this.attempts = options.attempts;
	}
}

export function isGatewayError(error: unknown): error is GatewayError {
	return error instanceof GatewayError || (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'GatewayError');
}

/**
 * Failures after which AWS may or may not have made the change: the request left, the
 * answer did not arrive whole (a dropped connection, a timeout, a 5xx, a proxy's page).
 * After one of these the executor re-reads the resource instead of assuming either way.
 */
const outcomeUnknownCodes = new Set(['NetworkingError', 'EndpointUnreachable', 'Timeout', 'TimeoutError', 'RequestTimeout', 'InternalFailure', 'InternalError', 'ServiceUnavailable', 'NotAws', 'UnexpectedResponse']);

export function outcomeIsUnknown(error: unknown): boolean {
	return isGatewayError(error) && outcomeUnknownCodes.has(error.code);
}

/**
 * AWS's answers that the thing a call creates is there already, or the thing it removes is
 * gone already. On a first attempt they are the account's state; on a retry they may be the
 * first attempt's own change: the SDK retries a request whose answer was lost (a reset
 * connection, a timeout, a 5xx), and the retry of a CreateRole that went through meets
 * EntityAlreadyExists, the retry of a DeleteRole NoSuchEntity.
 */
const alreadyDoneCodes = new Set([
	// Already there.
	'EntityAlreadyExists',
	'DuplicatePolicyException',
	'DuplicatePolicyAttachmentException',
	'PolicyTypeAlreadyEnabledException',
	'ConflictException',
	'ResourceConflictException',
	'BucketAlreadyOwnedByYou',
	// Already gone.
	'NoSuchEntity',
	'NotFound',
	'ResourceNotFoundException',
	'ResourceNotFound',
	'PolicyNotFoundException',
	'PolicyNotAttachedException',
	'PolicyTypeNotEnabledException',
	'NoSuchConfigurationRecorderException',
	'NoSuchDeliveryChannelException',
	'NoSuchConfigRuleException',
	'NoSuchBucket',
	'NoSuchBucketPolicy',
	'InvalidAccessException',
]);

/** An "already there / already gone" answer to a retried call: the first attempt may have made the change. */
export function retryMetItsOwnChange(error: unknown): boolean {
	return isGatewayError(error) && (error.attempts ?? 1) > 1 && alreadyDoneCodes.has(error.code);
}

/**
 * S3's answer, outside us-east-1, to CreateBucket of a bucket this account already owns; us-east-1
 * answers the same request 200 OK "for legacy compatibility" (S3's CreateBucket reference). The
 * bucket is there and the account's, whichever attempt made it, or none.
 */
export function accountOwnsBucketAlready(error: unknown): boolean {
	return isGatewayError(error) && error.code === 'BucketAlreadyOwnedByYou';
}
