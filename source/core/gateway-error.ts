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
