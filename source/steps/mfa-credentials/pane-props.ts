/**
 * What each section pane of step 5 receives from the screen: the account as last read,
 * the step's plan and context, the room it has, and the batch control through which it
 * previews, confirms and applies the changes it composes (each through a step machine of
 * its own, so every change gets the same preview, confirmation, change log and undo).
 */
import type { AccountModel } from '../../core/model.js';
import type { PlanContext } from '../../core/settings.js';
import type { StepPlan } from '../../core/step-plan.js';
import type { GuardrailOptions } from './guardrail-plan.js';
import type { CustomBatchControl } from '../step-screen-custom-batch.js';
import type { StepActor } from '../step-screen.js';

/** A one-line notice a pane shows; kept by the screen so it outlives the pane across a re-read of the account. */
export interface PaneNotice {
	text: string;
	token: 'status.ok' | 'status.error' | 'status.warning';
}

export interface Step5PaneProps {
	model: AccountModel;
	/** The step's default plan (what a headless `plan --steps 5` proposes). */
	plan: StepPlan;
	planContext: PlanContext;
	/** The step's own machine (its RELOAD re-reads the account); the gateway and log come from useStepServices. */
	actor: StepActor;
	/** Lines the pane may use. */
	height: number;
	isActive: boolean;
	/** A snapshot gateway: previews only. */
	readOnly: boolean;
	batch: CustomBatchControl;
	now: () => Date;
	/** The pane's notice (the screen keeps it while the account is re-read and the pane is re-made). */
	notice?: PaneNotice;
	setNotice: (notice: PaneNotice | undefined) => void;
	/** The guardrail as edited on the screen (kept by the screen, so a preview and back keeps the edits). */
	guardrailOptions: GuardrailOptions;
	setGuardrailOptions: (options: GuardrailOptions) => void;
}
