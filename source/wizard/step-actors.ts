/**
 * The step machine's default actors: the only places it touches the gateway. Tests swap
 * them with `machine.provide({ actors: { loadStep, applyActions, verifyActions } })`.
 */
import { fromCallback, fromPromise } from 'xstate';
import { executeActions, toExecutionError } from './executor.js';
import type { ApplyActionsInput, ApplierEvent, LoadStepInput, LoadStepOutput, VerifyActionsInput } from './step-machine-types.js';
import { verifyActions, type VerificationReport } from './verify-actions.js';

export const loadStepActor = fromPromise<LoadStepOutput, LoadStepInput>(async ({ input }) => {
	const model = input.model ?? (await input.gateway.readAccount());
	return { model, plan: input.planStep(model, input.planContext) };
});

/** Receives ABORT (stop between actions); sends PROGRESS, then APPLY_DONE or APPLY_ERROR. */
export const applyActionsActor = fromCallback<{ type: 'ABORT' }, ApplyActionsInput>(({ input, sendBack, receive }) => {
	const controller = new AbortController();
	let live = true;
	const send = (event: ApplierEvent) => {
		if (live) sendBack(event);
	};
	receive((event) => {
		if (event.type === 'ABORT') controller.abort();
	});
	executeActions(input.actions, {
		gateway: input.gateway,
		audit: input.audit,
		step: input.step,
		reason: input.reason,
		previewHash: input.previewHash,
		now: input.now,
		caller: input.caller,
		startIndex: input.startIndex,
		signal: controller.signal,
		onProgress: (event) => send({ type: 'PROGRESS', event }),
	}).then(
		(report) => send({ type: 'APPLY_DONE', report }),
		(error: unknown) => send({ type: 'APPLY_ERROR', error: toExecutionError(error) }),
	);
	return () => {
		live = false;
		controller.abort();
	};
});

export const verifyActionsActor = fromPromise<VerificationReport, VerifyActionsInput>(({ input }) =>
	verifyActions(input.applied, {
		gateway: input.gateway,
		targeted: input.targeted,
		plannedActions: input.plannedActions,
		reportFindings: input.reportFindings,
		...input.options,
	}),
);
