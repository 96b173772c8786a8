/**
 * Turns whatever the SDK throws into a GatewayError whose message is one sentence an
 * operator can act on. AWS service errors keep the code AWS sent as the code (NoSuchEntity,
 * EntityAlreadyExists, ResourceNotFoundException, ...: what the API references and the
 * absence table in ../absence.ts name) so callers can branch on it; failures that are not AWS's
 * answer (no credentials, no network, an HTML page from a proxy) get codes of ours.
 */
import { GatewayError, isGatewayError } from '../../core/gateway-error.js';
import { awsAnswerSentence, wordedAnswer } from '../aws-answer.js';

interface SdkErrorShape {
	name?: string;
	/** The error code AWS sent, for query-protocol services (IAM, STS, SNS): "NoSuchEntity" where `name` is "NoSuchEntityException". */
	Code?: unknown;
	message?: string;
	code?: string;
	hostname?: string;
	address?: string;
	port?: number;
	$metadata?: { requestId?: string; attempts?: number; httpStatusCode?: number };
	$response?: unknown;
	$fault?: string;
}

const networkCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const networkNames = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
/** Names JavaScript itself gives errors: never an AWS error code. */
const genericNames = new Set(['Error', 'SyntaxError', 'TypeError', 'RangeError', 'ReferenceError']);

/** Thrown by the guard middleware (clients.ts) when a response is an HTML page. */
export const notAwsResponseName = 'NotAwsResponse';

const notAwsSentence = 'The endpoint answered with something that is not an AWS response (an HTML page?): check AWS_ENDPOINT_URL or a proxy.';

function shapeOf(error: unknown): SdkErrorShape {
	return typeof error === 'object' && error !== null ? (error as SdkErrorShape) : { message: String(error) };
}

function withoutFinalStop(text: string): string {
	return text.trim().replace(/[.\s]+$/, '');
}

function endpointOf(error: SdkErrorShape): string {
	if (error.hostname) return error.hostname;
	if (error.address) return error.port === undefined ? error.address : `${error.address}:${error.port}`;
	return 'the AWS endpoint';
}

/** A response that is not AWS's: an HTML page, or a body the SDK could not parse. */
function looksNotAws(error: SdkErrorShape): boolean {
	if (error.name === notAwsResponseName) return true;
	const message = error.message ?? '';
	if (/<html|<!doctype html/i.test(message)) return true;
	if (/Deserialization error|Expected closing tag|char '<'|Unexpected token '<'|is not valid JSON|Unexpected end of JSON/i.test(message)) return true;
	return error.name === 'SyntaxError' && error.$response !== undefined;
}

/** Converts any error thrown while calling `operation` (e.g. "iam:GetAccountAuthorizationDetails"). */
export function toGatewayError(error: unknown, operation: string): GatewayError {
	if (isGatewayError(error)) return error;
	const e = shapeOf(error);
	// AWS's own code, as its API references and the sandbox name it: the SDK renames IAM's NoSuchEntity to NoSuchEntityException.
	const named = typeof e.Code === 'string' && e.Code !== '' && e.$metadata !== undefined ? e.Code : (e.name ?? '');
	// S3 answers a HEAD request (HeadBucket) with a bare status: the SDK names a 404 NotFound but a 403 "Unknown".
	const name = named === 'Unknown' && e.$metadata?.httpStatusCode === 403 ? 'Forbidden' : named;
	const requestId = e.$metadata?.requestId;
	const attempts = e.$metadata?.attempts;
	const base = { operation, requestId, ...(attempts !== undefined ? { attempts } : {}), cause: error };

	if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || name === 'ProviderError') {
		if (/expired|refresh/i.test(e.message ?? '')) {
			return new GatewayError('ExpiredToken', 'The AWS session has expired: run `aws sso login` (or refresh the credentials) and try again.', base);
		}
		return new GatewayError('NoCredentials', 'No AWS credentials were found: set AWS_PROFILE or pass --profile, or run `aws sso login`.', base);
	}
	const worded = wordedAnswer(operation, name, attempts);
	if (worded) return new GatewayError(worded.code, worded.message, base);
	if ((e.code && networkCodes.has(e.code)) || networkNames.has(name)) {
		const why = e.code ?? name;
		return new GatewayError(
			'EndpointUnreachable',
			`Could not reach ${endpointOf(e)} for ${operation} (${why}): check the network, the region and AWS_ENDPOINT_URL.`,
			base,
		);
	}
	if (looksNotAws(e)) {
		return new GatewayError('NotAws', notAwsSentence, base);
	}
	if (name && !genericNames.has(name) && (e.$metadata !== undefined || e.$fault !== undefined)) {
		return new GatewayError(name, awsAnswerSentence(operation, name, e.message), base);
	}
	const detail = e.message ? `: ${withoutFinalStop(e.message)}` : '';
	return new GatewayError('Unexpected', `${operation} failed unexpectedly${detail}.`, base);
}

/** Codes after which reading anything else is pointless: the whole scan stops. */
export function isFatalReadError(error: GatewayError): boolean {
	return error.code === 'NoCredentials' || error.code === 'ExpiredToken';
}
