/**
 * What iam-wizard says when AWS answers a call with an error. Expired or rejected credentials,
 * a denial and throttling get sentences of ours that say what to do; every other answer
 * (NoSuchEntity, LimitExceeded, BucketAlreadyOwnedByYou, ...) names the call, AWS's code and
 * AWS's message: "iam:AttachRolePolicy failed with NoSuchEntity: Policy ... does not exist or is
 * not attachable." The live adapter says it for AWS's answers; the sandbox for the answers it
 * makes, so the demo and a live account say the same thing.
 */
import { accessDeniedSentence } from './access-denied-sentence.js';
import { throttledSentence } from './throttled-sentence.js';

export interface AwsAnswer {
	code: string;
	message: string;
}

const expiredCodes = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const deniedCodes = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'AuthorizationErrorException']);
const throttledCodes = new Set([
	'Throttling',
	'ThrottlingException',
	'ThrottledException',
	'TooManyRequestsException',
	'RequestLimitExceeded',
	'RequestThrottled',
	'RequestThrottledException',
	'SlowDown',
]);
const invalidKeyCodes = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidSignatureException']);

/** Answers iam-wizard words itself (expired, rejected credentials, denied, throttled), or undefined for AWS's own wording. */
export function wordedAnswer(operation: string, code: string, attempts?: number): AwsAnswer | undefined {
	if (expiredCodes.has(code)) {
		return { code: 'ExpiredToken', message: 'The AWS credentials have expired: refresh them (for SSO, run `aws sso login`) and try again.' };
	}
	if (invalidKeyCodes.has(code)) {
		return { code, message: `AWS rejected the credentials when calling ${operation} (${code}): check the access key of the profile or the environment.` };
	}
	if (deniedCodes.has(code)) return { code: 'AccessDenied', message: accessDeniedSentence(operation) };
	if (throttledCodes.has(code)) return { code: 'Throttled', message: throttledSentence(operation, attempts) };
	return undefined;
}

/** "<operation> failed with <code>: <AWS's message>." (AWS's final stop dropped; no message part for none or "Unknown"). */
export function awsAnswerSentence(operation: string, code: string, message?: string): string {
	const detail = message && message !== 'Unknown' && message !== 'UnknownError' ? `: ${message.trim().replace(/[.\s]+$/, '')}` : '';
	return `${operation} failed with ${code}${detail}.`;
}

/** What either adapter says for AWS's answer `code` (with AWS's `message`) to `operation`. */
export function awsAnswer(operation: string, code: string, message?: string, attempts?: number): AwsAnswer {
	return wordedAnswer(operation, code, attempts) ?? { code, message: awsAnswerSentence(operation, code, message) };
}
