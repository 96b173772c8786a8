/**
 * The six wizard steps in order, as the shell shows them: the pure plan of each (from
 * step-plans.ts, shared with the headless commands) and, once a step has its own, its
 * screen. Steps without one use the generic step screen.
 */
import type { ComponentType } from 'react';
import type { StepNumber } from '../core/actions.js';
import type { PlanStep } from '../core/step-plan.js';
import { AccessAnalyzerScreen } from './access-analyzer/screen.js';
import { BoundariesScreen } from './boundaries/screen.js';
import { InventoryScreen } from './inventory/screen.js';
import { MfaCredentialsScreen } from './mfa-credentials/screen.js';
import { MonitoringScreen } from './monitoring/screen.js';
import { ScopePoliciesScreen } from './scope-policies/screen.js';
import type { StepScreenProps } from './step-screen.js';
import { stepInfos } from './step-plans.js';

/** Steps that have a screen of their own. */
const screens: Partial<Record<StepNumber, ComponentType<StepScreenProps>>> = {
	1: InventoryScreen,
	2: AccessAnalyzerScreen,
	3: ScopePoliciesScreen,
	4: BoundariesScreen,
	5: MfaCredentialsScreen,
	6: MonitoringScreen,
};

export interface WizardStep {
	number: StepNumber;
	title: string;
	planStep: PlanStep;
	/** False while the step's checks are not built: its screen says nothing is proposed. */
	built: boolean;
	/** The step's own screen; the generic StepScreen otherwise. */
	Screen?: ComponentType<StepScreenProps>;
}

export const wizardSteps: readonly WizardStep[] = stepInfos.map((info) => ({
	number: info.number,
	title: info.title,
	planStep: info.plan,
	built: info.built,
	...(screens[info.number] ? { Screen: screens[info.number] } : {}),
}));
