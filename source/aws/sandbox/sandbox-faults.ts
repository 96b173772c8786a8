/**
 * Faults the sandbox can be told to inject, so the write path is tested against what AWS
 * and the network do: throttling at a rate (retried as the SDK's adaptive retry does, up to
 * maxAttempts), AccessDenied, a network error or an HTML page on a named call, latency,
 * a connection dropped after a call went through (the change made, its answer lost; the
 * SDK's retry then meets that change, "already exists"), and
 * a process that dies after its Nth call went through (the change was made, the answer
 * never arrived).
 */
import type { Action } from '../../core/actions.js';
import { GatewayError } from '../../core/gateway-error.js';
import { accessDeniedSentence } from '../access-denied-sentence.js';
import { throttledSentence } from '../throttled-sentence.js';

/** Shared with a test's faulty change-log file: once dead, nothing more is written or called. */
export interface CrashSwitch {
	dead: boolean;
}

export interface SandboxFaults {
	/** Every Nth request (counting retries) is answered ThrottlingException. */
	throttleEvery?: number;
	/** Attempts per call, as the SDK's adaptive retry makes them (default 3). */
	maxAttempts?: number;
	/** This call fails on every attempt with this error. */
	failCall?: { kind: string; error: 'AccessDenied' | 'NetworkError' | 'HtmlResponse' };
	/**
	 * This call is made, then its answer is lost to a reset connection. Not retried by
	 * default (the last attempt lost its answer); `retried`: the SDK sends the call again, as
	 * it does after ECONNRESET, and that second request's answer is the call's.
	 */
	loseAnswer?: { kind: string; retried?: boolean };
	/** Each request waits this long first. */
	latencyMs?: number;
	/** The process dies right after this many calls were applied: the last one's answer is lost. */
	crashAfterCalls?: number;
	crash?: CrashSwitch;
}

/** What a call meets when the process has died: nothing happens any more. */
export class ProcessDied extends Error {
	override name = 'ProcessDied';
}

export function injectedError(faults: SandboxFaults, action: Action, request: number): GatewayError | undefined {
	const operation = action.kind;
	if (faults.failCall && faults.failCall.kind === action.kind) {
		const service = action.kind.split(':')[0];
		if (faults.failCall.error === 'AccessDenied') {
			// What the live adapter makes of AWS's AccessDenied: the demo says what a live account says.
			return new GatewayError('AccessDenied', accessDeniedSentence(operation), { operation });
		}
		if (faults.failCall.error === 'NetworkError') {
			return new GatewayError('NetworkingError', `The connection to ${service}.amazonaws.com was reset (ECONNRESET) before AWS answered`, { operation });
		}
		return new GatewayError('UnexpectedResponse', `AWS answered ${action.kind} with an HTML page, not an API response: a proxy or captive portal may be in the way`, { operation });
	}
	if (faults.throttleEvery && request % faults.throttleEvery === 0) {
		return new GatewayError('ThrottlingException', 'Rate exceeded', { operation });
	}
	return undefined;
}

/** The error a call whose answer was lost meets, after the change was made. */
export function lostAnswer(faults: SandboxFaults, action: Action): GatewayError | undefined {
	if (faults.loseAnswer?.kind !== action.kind) return undefined;
	const service = action.kind.split(':')[0];
	return new GatewayError('NetworkingError', `The connection to ${service}.amazonaws.com was reset (ECONNRESET) after the request was sent, before AWS answered`, { operation: action.kind });
}

/** Throttling that outlasted the retries, as the live adapter reports it. */
export function throttledAfterRetries(action: Action, attempts: number): GatewayError {
	return new GatewayError('Throttled', throttledSentence(action.kind, attempts), { operation: action.kind, attempts });
}
