/**
 * Builds an ApplyResult from an SDK answer: its request ID, and the values later actions
 * or the inverse need (a created ARN or ID), leaving out those the answer lacks.
 */
import type { ApplyResult } from '../../core/actions.js';
import { requestIdOf } from './aws-caller.js';

export function applyResult(output: unknown, outputs: Record<string, string | undefined> = {}): ApplyResult {
	const result: ApplyResult = {};
	const requestId = requestIdOf(output);
	if (requestId) result.requestId = requestId;
	const values = Object.entries(outputs).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
	if (values.length > 0) result.outputs = Object.fromEntries(values);
	return result;
}

/** The `never` check that makes every per-service switch exhaustive. */
export function unhandledKind(action: never): never {
	throw new Error(`No AWS call for action kind ${(action as { kind?: string }).kind}`);
}
