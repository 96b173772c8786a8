/**
 * Once an e-mail subscription batch is done: what each recipient must do before any alert
 * reaches them (follow the link AWS e-mailed, or nothing: confirmed), as an outcome section —
 * a line a subscription up to a few, then how many more, cut with the rest of the outcome to
 * the rows it has (! shows them all). Pure.
 */
import type { ActionParams } from '../../core/actions.js';
import { plural } from '../../core/plural.js';
import type { OutcomeSection } from '../../ui/outcome-sections.js';
import type { AppliedAction } from '../../wizard/executor.js';

/** Lines at most, even when there is room. */
export const maxSubscriptionLines = 3;

export function subscriptionSections(applied: readonly AppliedAction[]): OutcomeSection[] {
	const subscribed = applied.filter((a) => a.action.kind === 'sns:Subscribe');
	if (subscribed.length === 0) return [];
	const items = subscribed.map((a) => {
		const { Endpoint } = a.action.params as ActionParams['sns:Subscribe'];
		// SNS answers "pending confirmation" in place of an ARN until the recipient follows the link.
		const pending = !String(a.result.outputs?.SubscriptionArn ?? '').startsWith('arn:');
		return pending ? { text: `${Endpoint}: PENDING until the link AWS e-mailed it is followed`, token: 'status.warning' as const } : { text: `${Endpoint}: subscribed and confirmed`, token: 'status.ok' as const };
	});
	return [{ items, limit: maxSubscriptionLines, more: (hidden) => `…${plural(hidden, 'more e-mail subscription')}` }];
}
