/**
 * Whether the state read now already is what an action makes, so that sending it again would
 * change nothing: a saved plan applied after an earlier apply of it stopped part-way (or after
 * someone made the same change) records such an action as already in place and carries on. "What
 * it makes" is the house's one definition (expected-state.ts), the one verification and crash
 * reconciliation use, except for creations whose check is only that a thing of that name exists
 * while the call also says what the thing is (a role's trust policy, a rule's source, a channel's
 * bucket) or who uses it (a topic's subscribers): another's thing of that name is not this
 * action's change. Pure.
 */
import type { Action, ActionKind } from './actions.js';
import { expectedStateAfter, stateMatches } from './expected-state.js';

/** The code of the result recorded for an action already in place: not AWS's, and no call was made. */
export const alreadyInPlaceCode = 'AlreadyInPlace';

export const alreadyInPlaceMessage =
	'Not sent: reading it just before the call showed the change already made (by an earlier apply of this plan that stopped, or by someone since the plan was made).';

/** Creations judged by existence alone whose call also sets what the thing is, or who may use it. */
const existenceIsNotTheChange = new Set<ActionKind>([
	'iam:CreateRole',
	'iam:CreatePolicy',
	'iam:CreateGroup',
	'iam:CreateInstanceProfile',
	'iam:CreateOpenIDConnectProvider',
	'access-analyzer:CreateAnalyzer',
	'organizations:CreatePolicy',
	'config:PutDeliveryChannel',
	'config:PutConfigRule',
	// Another's topic of that name keeps its subscribers, who would receive the alerts (CreateTopic answers it as if new).
	'sns:CreateTopic',
]);

/**
 * Whether the state read just before the call already is what the action makes (by the
 * expected-state definition alone). Then an "already exists" answer is the account's, not an
 * earlier attempt's: nothing was applied.
 */
export function alreadyAsWanted(action: Action, state: unknown): boolean {
	const expected = expectedStateAfter(action);
	return !('unverifiable' in expected) && stateMatches(expected, state);
}

/** Whether the action may be recorded as in place and not sent: what it makes is there, and that is the whole change. */
export function alreadyInPlace(action: Action, state: unknown): boolean {
	return !existenceIsNotTheChange.has(action.kind) && alreadyAsWanted(action, state);
}
