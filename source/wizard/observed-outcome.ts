/**
 * What became of a call whose answer was lost (`outcomeIsUnknown`): the resource is read
 * again and compared with what the action would have made it, as reconciliation does after
 * a crash. 'unknown' when the action leaves nothing to compare or the read fails too.
 */
import type { Action } from '../core/actions.js';
import { observeOutcome as observeWith, type ObservedOutcome } from '../core/observe-outcome.js';
import type { AwsGateway } from '../aws/gateway.js';

export type { ObservedOutcome };

export function observeOutcome(gateway: Pick<AwsGateway, 'readState'>, action: Action): Promise<ObservedOutcome> {
	return observeWith((a) => gateway.readState(a), action);
}

/**
 * Why the resource was read again after an error: the answer was `lost`, or AWS's "already there"
 * was the answer to the SDK's `retried` request, or S3 said the account `owned` the bucket already.
 */
export type RereadCause = 'lost' | 'retried' | 'owned';

/** The sentence added to the failure's message, saying what the re-read found. */
export function outcomeNote(outcome: ObservedOutcome['outcome'], cause: RereadCause = 'lost'): string {
	switch (outcome) {
		case 'applied':
			if (cause === 'owned') return 'reading it again shows the bucket there, this account\'s (S3 answers 200 OK for it in us-east-1): nothing was created, and undo keeps it';
			return cause === 'retried'
				? "that answer was to the SDK's retry: the first attempt's answer was lost, and reading the resource again shows that attempt made the change"
				: 'the answer was lost, and reading the resource again shows the change was made';
		case 'not-applied':
			return 'reading the resource again shows the change was not made';
		default:
			return 'reading the resource again cannot tell whether the change was made: check it before applying again';
	}
}
