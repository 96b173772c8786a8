import type { Action, StepNumber } from './actions.js';
import type { Finding } from './finding.js';
import type { AccountModel, NotEvaluated } from './model.js';
import type { ExcludedPrincipal, PlanContext } from './settings.js';

/** What a step's pure `plan.ts` returns for the wizard screen, `scan` and `plan`. */
export interface StepPlan {
	step: StepNumber;
	findings: Finding[];
	/**
	 * Findings owned by other steps that this step remediates (step 5 acts on step 1's key
	 * findings). Shown on the screen; never counted again by `scan`.
	 */
	addresses?: Finding[];
	/** The actions the step offers by default (what a headless plan would contain). */
	actions: Action[];
	/** Parts of the step that could not be evaluated, and the findings they would have produced. */
	notEvaluated: NotEvaluated[];
	/** Principals that would have been proposed for a change but are break-glass. */
	excluded: (ExcludedPrincipal & { findingIds: string[] })[];
}

export type PlanStep = (model: AccountModel, context: PlanContext) => StepPlan;

export function emptyStepPlan(step: StepNumber): StepPlan {
	return { step, findings: [], actions: [], notEvaluated: [], excluded: [] };
}
