/**
 * What the step list shows for each step in this run (findings, selected, applied), and
 * whether anything is mid-apply (so quitting asks first). Derived from each step
 * machine's snapshot; the shell keeps one `SessionStatuses` and updates it as they change.
 */
import type { StepNumber } from '../core/actions.js';
import { stepState } from './step-state.js';
import type { Action } from '../core/actions.js';
import type { BatchRun, RollbackRun, StepMachineContext } from './step-machine-types.js';

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
	context: Pick<StepMachineContext, 'step' | 'plan' | 'selected' | 'batch' | 'rollback' | 'appliedEarlier' | 'appliedElsewhere' | 'runState' | 'marked'> & Partial<Pick<StepMachineContext, 'replanned'>>;
}

/** The plan the step list counts: the one re-read after a batch (its outcome still on screen), else the step's. */
export function countedPlan(context: StepSnapshotLike['context']): StepMachineContext['plan'] {
	return context.replanned?.plan ?? context.plan;
}

const sameAction = (a: Action, b: Action) => a === b || (a.kind === b.kind && JSON.stringify(a.params) === JSON.stringify(b.params));

/**
 * The changes a batch applied that its rollback has not undone: all of them until a rollback applies
 * something; once a rollback has run to its end, only those it could not undo; part-way, those whose
 * inverse it did not apply.
 */
export function keptOfBatch(batch: BatchRun | null, rollback: RollbackRun | null): number {
	const applied = batch?.report?.applied ?? [];
	const undoing = rollback?.report;
	if (!undoing) return applied.length;
	const finished = !undoing.failed && !undoing.aborted && undoing.notAttempted.length === 0;
	const undone = applied.filter((a) => a.inverse && (finished || undoing.applied.some((u) => sameAction(u.action, a.inverse!)))).length;
	return applied.length - undone;
}

/**
 * The changes a step machine's batches applied and did not roll back: the batch on screen and those
 * a re-read (r) cleared from it, whose changes the account still has.
 */
export function keptChanges(context: Pick<StepMachineContext, 'batch' | 'rollback' | 'appliedEarlier'>): number {
	return (context.appliedEarlier ?? 0) + keptOfBatch(context.batch, context.rollback);
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
		// Applied and not rolled back, whether by the step's own batch or one its screen composed, and kept across r.
		applied: keptChanges(context) + (context.appliedElsewhere ?? 0),
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
