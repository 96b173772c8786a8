/**
 * What became of a call whose answer was lost (`outcomeIsUnknown`): the resource is read
 * again and compared with what the action would have made it, as reconciliation does after
 * a crash. 'unknown' when the action leaves nothing to compare or the read fails too.
 */
import type { Action } from '../core/actions.js';
import { expectedStateAfter, stateMatches } from '../core/expected-state.js';
import { isGatewayError } from '../core/gateway-error.js';
import type { AwsGateway } from '../aws/gateway.js';

export interface ObservedOutcome {
	outcome: 'applied' | 'not-applied' | 'unknown';
	/** What the re-read returned (null: the resource does not exist), or why it failed. */
	observed: unknown;
}

export async function observeOutcome(gateway: Pick<AwsGateway, 'readState'>, action: Action): Promise<ObservedOutcome> {
	const expected = expectedStateAfter(action);
	let observed: unknown;
	try {
		observed = await gateway.readState(action);
	} catch (error) {
		if (!(isGatewayError(error) && error.code === 'NoSuchEntity')) return { outcome: 'unknown', observed: { readFailed: isGatewayError(error) ? error.code : 'Unexpected' } };
		observed = null;
	}
	if ('unverifiable' in expected) return { outcome: 'unknown', observed };
	return { outcome: stateMatches(expected, observed) ? 'applied' : 'not-applied', observed };
}

/** The sentence added to the failure's message, saying what the re-read found. */
export function outcomeNote(outcome: ObservedOutcome['outcome']): string {
	switch (outcome) {
		case 'applied':
			return 'the answer was lost, and reading the resource again shows the change was made';
		case 'not-applied':
			return 'reading the resource again shows the change was not made';
		default:
			return 'reading the resource again cannot tell whether the change was made: check it before applying again';
	}
}
