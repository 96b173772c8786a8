/**
 * What became of a call whose answer never arrived: the answer was lost to the network
 * (the executor), or the process died after writing the call's intent (reconciliation in
 * the next session). The resource is read again and compared with what the action would
 * have made it: 'applied', 'not-applied', or 'unknown' when the read fails or the action
 * leaves nothing to compare.
 *
 * A new default policy version is compared by document: its version ID is only in AWS's
 * answer, so the policy's default version is read and is the new one exactly when its
 * document is the one the call sent (a crash right after CreatePolicyVersion was otherwise
 * always 'unknown', never recorded as applied).
 */
import type { Action } from './actions.js';
import { expectedStateAfter, stateMatches } from './expected-state.js';
import { isGatewayError } from './gateway-error.js';

export interface ObservedOutcome {
	outcome: 'applied' | 'not-applied' | 'unknown';
	/** What the re-read returned (null: the resource does not exist), or why it failed. */
	observed: unknown;
}

export type ReadState = (action: Action) => Promise<unknown>;

export async function observeOutcome(readState: ReadState, action: Action): Promise<ObservedOutcome> {
	let observed: unknown;
	try {
		observed = await readState(action);
	} catch (error) {
		if (!(isGatewayError(error) && error.code === 'NoSuchEntity')) return { outcome: 'unknown', observed: { readFailed: isGatewayError(error) ? error.code : 'Unexpected' } };
		observed = null;
	}
	const expected = expectedStateAfter(action);
	if (!('unverifiable' in expected)) return { outcome: stateMatches(expected, observed) ? 'applied' : 'not-applied', observed };
	return (await newDefaultVersion(readState, action, observed)) ?? { outcome: 'unknown', observed };
}

/** A CreatePolicyVersion with SetAsDefault, judged by the document of the policy's default version now. */
async function newDefaultVersion(readState: ReadState, action: Action, observed: unknown): Promise<ObservedOutcome | undefined> {
	if (action.kind !== 'iam:CreatePolicyVersion' || !action.params.SetAsDefault) return undefined;
	const versionId = (observed as { DefaultVersionId?: unknown } | null)?.DefaultVersionId;
	if (typeof versionId !== 'string' || versionId === '') return undefined;
	const readVersion: Action = { ...action, kind: 'iam:DeletePolicyVersion', params: { PolicyArn: action.params.PolicyArn, VersionId: versionId } };
	let version: unknown;
	try {
		version = await readState(readVersion);
	} catch {
		return undefined;
	}
	const sent = { checks: [{ path: ['PolicyDocument'], document: action.params.PolicyDocument }] };
	const defaultVersionDocument = (version as { PolicyDocument?: unknown } | null)?.PolicyDocument ?? null;
	return { outcome: stateMatches(sent, version) ? 'applied' : 'not-applied', observed: { ...(observed as object), defaultVersionDocument } };
}
