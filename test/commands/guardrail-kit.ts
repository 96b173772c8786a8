import type { AccountModel } from '../../source/core/model.js';
import { defaultThresholds } from '../../source/core/settings.js';
import { planInventory } from '../../source/steps/inventory/plan.js';
import { now } from './plan-apply-kit.js';

/** Step 1's findings of a model (PASSWORD_POLICY_WEAK lives there). */
export function inventoryFindingsOnly(model: AccountModel) {
	return planInventory(model, { now, thresholds: defaultThresholds, excluded: [] }).findings;
}
