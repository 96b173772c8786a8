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

	constructor(code: GatewayErrorCode, message: string, options: { operation?: string; requestId?: string; cause?: unknown } = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause });
		this.code = code;
		this.operation = options.operation;
		this.requestId = options.requestId;
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
