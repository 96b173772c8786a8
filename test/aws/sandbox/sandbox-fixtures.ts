// Helpers shared by the sandbox tests: a fixed clock, an action builder and error capture.
import type { Action, ActionKind, ActionParams, StepNumber } from '../../../source/core/actions.js';
import { isGatewayError, type GatewayError } from '../../../source/core/gateway-error.js';
import { createSandboxGateway, type SandboxGatewayOptions } from '../../../source/aws/sandbox/sandbox-gateway.js';

export const seedTime = new Date('2026-03-14T09:30:00Z');

export function action<K extends ActionKind>(kind: K, params: ActionParams[K], step: StepNumber = 1): Action {
	return { kind, params, step, findingIds: [], summary: `${kind} (test)` } as unknown as Action;
}

export function sandbox(options: SandboxGatewayOptions = {}) {
	return createSandboxGateway({ now: () => seedTime, ...options });
}

/** The GatewayError a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
	try {
		await promise;
	} catch (error) {
		if (isGatewayError(error)) return error;
		throw error;
	}
	throw new Error('expected the call to fail, but it succeeded');
}

export const A = 'arn:aws:iam::123456789012';
