/**
 * The pure plan of each of the six steps, in workflow order. Headless commands use this
 * list; the wizard's registry adds screens to it. All six are built; a step marked not built
 * would show the screens' "not built" notes instead of its checks.
 */
import type { StepNumber } from '../core/actions.js';
import type { PlanStep } from '../core/step-plan.js';
import { planAccessAnalyzer } from './access-analyzer/plan.js';
import { planBoundaries } from './boundaries/plan.js';
import { planInventory } from './inventory/plan.js';
import { planMfaCredentials } from './mfa-credentials/plan.js';
import { planMonitoring } from './monitoring/plan.js';
import { planScopePoliciesStep } from './scope-policies/plan.js';

export interface StepInfo {
	number: StepNumber;
	title: string;
	plan: PlanStep;
	/** False until the step's own issue lands. */
	built: boolean;
}

export const stepInfos: readonly StepInfo[] = [
	{ number: 1, title: 'Inventory', plan: planInventory, built: true },
	{ number: 2, title: 'Access Analyzer', plan: planAccessAnalyzer, built: true },
	{ number: 3, title: 'Scope policies', plan: planScopePoliciesStep, built: true },
	{ number: 4, title: 'Permission boundaries', plan: planBoundaries, built: true },
	{ number: 5, title: 'MFA and credentials', plan: planMfaCredentials, built: true },
	{ number: 6, title: 'Monitoring', plan: planMonitoring, built: true },
];

export function stepInfo(step: StepNumber): StepInfo {
	return stepInfos[step - 1]!;
}
