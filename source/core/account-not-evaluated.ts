/**
 * What the account read could not see (a service denied or not offered) that the given
 * steps' findings depend on, with the reason and the permission to grant: `plan` lists
 * these among its notes, and the wizard's step screens as "Not checked", so a step whose
 * service was denied says why it proposes nothing instead of looking clean. An entry
 * naming no finding (the workloads behind escalation paths) belongs to step 1.
 */
import type { StepNumber } from './actions.js';
import { findingIdsOfStep } from './finding-catalogue.js';
import type { AccountModel, NotEvaluated } from './model.js';

export function accountNotEvaluated(model: Pick<AccountModel, 'notEvaluated'>, steps: readonly StepNumber[]): NotEvaluated[] {
	const ids = new Set<string>(steps.flatMap((step) => findingIdsOfStep(step)));
	return model.notEvaluated.filter((n) => (n.findingIds.length === 0 ? steps.includes(1) : n.findingIds.some((id) => ids.has(id))));
}

/** Why the account read did not see `area` (for a denied call: the action and what to grant), when it did not. */
export function unreadReason(model: Pick<AccountModel, 'notEvaluated'>, area: string): string | undefined {
	return model.notEvaluated.find((n) => n.area === area)?.reason;
}
