/** Pure steps of a batch run (the main batch or its rollback) that the run machine assigns. */
import type { Action } from '../core/actions.js';
import { mergeReports, remainingActions, type ExecutionError, type ExecutionReport, type ProgressEvent } from './executor.js';
import { nothingToValidate, validationNote, writesPolicies } from './policy-gate.js';
import { previewHashOf } from './preview-hash.js';
import type { ApplyActionsInput, BatchRun, ConfirmEvent, RollbackRun, RunSettings, StepMachineContext } from './step-machine-types.js';
import { confirmationOf } from './step-selection.js';

export function newRun(actions: Action[], settings: Pick<RunSettings, 'accountId' | 'caller' | 'callerAccess'>): BatchRun {
	return {
		actions,
		confirmation: confirmationOf(actions, settings.accountId, settings.caller?.arn, settings.callerAccess),
		previewHash: previewHashOf(actions),
		reason: '',
		pending: actions,
		pendingStart: 0,
		progress: [],
		current: null,
		report: null,
		verification: null,
		validation: writesPolicies(actions) ? null : nothingToValidate,
		validationMode: 'aws',
	};
}

export function confirmed<R extends BatchRun>(run: R, event: ConfirmEvent): R {
	return { ...run, reason: event.reason.trim(), pending: run.actions, pendingStart: 0, progress: [], current: null, report: null, verification: null };
}

/**
 * Records a progress event: every event becomes `current`; only finished ones (applied,
 * failed) join `progress`, which keeps a batch of thousands of actions from copying three
 * times as many events on each step.
 */
export function withProgress<R extends BatchRun>(run: R, event: ProgressEvent): R {
	const finished = event.phase === 'applied' || event.phase === 'failed';
	return { ...run, current: event, progress: finished ? [...run.progress, event] : run.progress };
}

export function withReport<R extends BatchRun>(run: R, report: ExecutionReport): R {
	return { ...run, report: mergeReports(run.report, report) };
}

export function retried<R extends BatchRun>(run: R): R {
	const report = run.report!;
	const start = report.failed ? report.failed.index + (report.failed.afterApply ? 1 : 0) : run.actions.length - report.notAttempted.length;
	return { ...run, pending: remainingActions(report), pendingStart: start };
}

export function failureOf(report: ExecutionReport): ExecutionError {
	if (report.failed) return report.failed.error;
	const done = report.applied.length;
	return { code: 'Stopped', message: `Stopped by the operator after ${done} of ${done + report.notAttempted.length} actions` };
}

export const succeeded = (report: ExecutionReport) => !report.failed && !report.aborted;

export function applyInput(settings: RunSettings, run: BatchRun): ApplyActionsInput {
	return {
		actions: run.pending,
		startIndex: run.pendingStart,
		step: settings.step,
		// The change log records which validation the policy documents passed, in each intent's reason (as apply --plan's).
		reason: withValidationNote(run),
		previewHash: run.previewHash,
		now: settings.now,
		caller: settings.caller,
	};
}

function withValidationNote(run: BatchRun): string {
	const note = run.validation ? validationNote(run.validation.ran) : undefined;
	return note ? `${run.reason} [${note}]` : run.reason;
}

/** The batch a screen shows progress for: the rollback while one is under way or done, else the main batch. */
export function activeRun(snapshot: { value: unknown; context: Pick<StepMachineContext, 'batch' | 'rollback'> }): BatchRun | RollbackRun | null {
	const inRollback = snapshot.value === 'rolledBack' || snapshot.value === 'rollback';
	return inRollback ? snapshot.context.rollback : snapshot.context.batch;
}
