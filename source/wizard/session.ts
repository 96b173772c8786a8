/**
 * What the step list shows for each step in this run (findings, selected, applied), and
 * whether anything is mid-apply (so quitting asks first). Derived from each step
 * machine's snapshot; the shell keeps one `SessionStatuses` and updates it as they change.
 */
import type { StepNumber } from '../core/actions.js';
import { stepState } from './step-state.js';
import type { StepMachineContext } from './step-machine-types.js';

export type StepPhase = 'not-visited' | 'loading' | 'reviewing' | 'applying' | 'verifying' | 'applied' | 'failed' | 'rolling back' | 'rolled back' | 'cancelled';

export interface StepStatus {
	step: StepNumber;
	phase: StepPhase;
	findings: number;
	selected: number;
	applied: number;
}

export type SessionStatuses = Partial<Record<StepNumber, StepStatus>>;

/** The parts of a step machine snapshot this needs (so it takes any snapshot of it). */
export interface StepSnapshotLike {
	value: unknown;
	context: Pick<StepMachineContext, 'step' | 'plan' | 'selected' | 'batch' | 'appliedElsewhere' | 'runState' | 'marked'> & Partial<Pick<StepMachineContext, 'replanned'>>;
}

/** The plan the step list counts: the one re-read after a batch (its outcome still on screen), else the step's. */
export function countedPlan(context: StepSnapshotLike['context']): StepMachineContext['plan'] {
	return context.replanned?.plan ?? context.plan;
}

function phaseOf(snapshot: StepSnapshotLike): StepPhase {
	const state = stepState(snapshot);
	if (state.startsWith('rollback.')) {
		// The inverses are changing AWS, being previewed, or failed themselves.
		const sub = state.slice('rollback.'.length);
		return sub === 'applying' || sub === 'verifying' ? 'applying' : sub === 'failed' ? 'failed' : 'rolling back';
	}
	switch (state) {
		case 'loading':
		case 'loadFailed':
			return 'loading';
		case 'applying':
			return 'applying';
		case 'verifying':
			return 'verifying';
		case 'done':
			return 'applied';
		case 'failed':
			return 'failed';
		case 'rolledBack':
			return 'rolled back';
		case 'cancelled':
			return 'cancelled';
		default:
			return 'reviewing';
	}
}

export function stepStatusOf(snapshot: StepSnapshotLike): StepStatus {
	const { context } = snapshot;
	return {
		step: context.step,
		phase: phaseOf(snapshot),
		findings: countedPlan(context)?.findings.length ?? 0,
		// A screen that selects by its own keys (step 3's policies) is counted by what it shows.
		selected: context.marked?.length ?? (context.replanned?.selected ?? context.selected).length,
		applied: (context.batch?.report?.applied.length ?? 0) + (context.appliedElsewhere ?? 0),
	};
}

export function withStepStatus(statuses: SessionStatuses, status: StepStatus): SessionStatuses {
	return { ...statuses, [status.step]: status };
}

export function statusOfStep(statuses: SessionStatuses, step: StepNumber): StepStatus {
	return statuses[step] ?? { step, phase: 'not-visited', findings: 0, selected: 0, applied: 0 };
}

/** A step is changing AWS right now: quitting must ask first. */
export function isMidApply(statuses: SessionStatuses): boolean {
	return Object.values(statuses).some((s) => s?.phase === 'applying' || s?.phase === 'verifying');
}
