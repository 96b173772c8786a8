/**
 * Step 4, permission boundaries: PRIVILEGE_ESCALATION (one finding per principal and
 * method), BOUNDARY_MISSING and BOUNDARY_WEAK from the policy engine, and the developer
 * boundary template created and put on the principals that could escalate or have none.
 */
import type { PlanStep, StepPlan } from '../../core/step-plan.js';
import { analyseBoundaries } from './boundary-analysis.js';
import { planBoundaryAttachments } from './boundary-actions.js';
import { developerBoundaryTemplate, type BoundaryTemplateOptions } from './boundary-template.js';

export type BoundaryPlanOptions = Omit<BoundaryTemplateOptions, 'partition' | 'accountId'>;

/** The step-4 plan with a template of the operator's choosing (name, services, passable role path). */
export function planBoundariesWith(options: BoundaryPlanOptions = {}): PlanStep {
	return (model, context) => {
		const analysis = analyseBoundaries(model, context.catalogue);
		const template = developerBoundaryTemplate({ ...options, partition: model.partition, accountId: model.accountId });
		const { actions, excluded } = context.findingsOnly ? { actions: [], excluded: [] } : planBoundaryAttachments(model, context, analysis, template);
		const plan: StepPlan = { step: 4, findings: analysis.findings, actions, notEvaluated: analysis.notEvaluated, excluded };
		return plan;
	};
}

export const planBoundaries: PlanStep = planBoundariesWith();
