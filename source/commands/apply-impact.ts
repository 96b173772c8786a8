/**
 * A plan with an MFA guardrail recorded who it would deny. Before anything is applied the
 * impact is computed again on the account as it is now; if it changed (a new console user
 * without MFA, a workload that started using its key, an exemption's principal gone), the
 * reviewed impact is no longer the real one and the whole plan is refused.
 */
import type { Action } from '../core/actions.js';
import type { AccountModel } from '../core/model.js';
import { impactChanges, plannedImpactNow } from '../steps/mfa-credentials/planned-impact.js';
import { refusal } from './apply-plan-file.js';

export function checkImpactUnchanged(actions: readonly Action[], model: AccountModel, now: Date): void {
	const problems: string[] = [];
	for (const action of actions) {
		if (!action.impact) continue;
		const current = plannedImpactNow(action, actions, model, now);
		if (current === undefined) {
			problems.push(`${action.summary}: its policy document is not in the plan or the account, so its impact cannot be checked`);
			continue;
		}
		const changes = impactChanges(action.impact, current);
		if (changes.length > 0) problems.push(`${action.summary}: ${changes.join('; ')}`);
	}
	if (problems.length > 0) throw refusal(`Will not apply: the impact list changed since the plan was made (${problems.join('. ')}); nothing was applied. Make a new plan and review its impact.`);
}
