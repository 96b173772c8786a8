/**
 * One run of a batch — the step's own batch, or the rollback of what it applied — as one
 * XState v5 machine the step machine invokes with `{ kind, actions, settings }`:
 *
 *   previewing → confirming → applying → verifying → (verified)
 *   previewing: BACK → (back); CANCEL → (cancelled). confirming: BACK → previewing; CANCEL → (cancelled)
 *   previewing runs the policy gate (`validatePolicies`, ./policy-gate.ts) on a batch's policy
 *   documents: NEXT waits for it and is refused while it found an ERROR or SECURITY_WARNING or
 *   Access Analyzer could not answer; VALIDATE_LOCALLY then re-runs it with the local checks.
 *   applying → failed: RETRY (re-apply from the failed action)
 *                      SKIP (a batch verifies what it applied; a rollback stops) → verifying | (skipped)
 *                      ROLLBACK (a batch that applied something) → (rollback)
 *   CANCEL while applying stops the run between two actions (→ failed).
 *
 * It ends with `RunOutput` {outcome, run, error}. It reaches AWS and the change log only
 * through its actors `applyActions` and `verifyActions`, which it declares but does not
 * implement: `runMachine.provide({ actors: runActors({ gateway, audit }) })` binds them.
 * Errors are `ExecutionError`s, made by `toExecutionError` (the executor's report carries
 * its own).
 */
import { assign, fromCallback, fromPromise, sendTo, setup } from 'xstate';
import { applyInput, confirmed, failureOf, newRun, retried, succeeded, withProgress, withReport } from './batch-run.js';
import { remainingActions, toExecutionError, type ExecutionError } from './executor.js';
import { nothingToValidate, writesPolicies, type PolicyGate } from './policy-gate.js';
import type { ApplyActionsInput, BatchRun, ConfirmEvent, RunEvent, RunInput, RunKind, RunOutcome, RunOutput, RunSettings, ValidatePoliciesInput, VerifyActionsInput } from './step-machine-types.js';
import { confirmProblem } from './step-selection.js';
import type { VerificationReport } from './verify-actions.js';

export interface RunContext {
	kind: RunKind;
	settings: RunSettings;
	run: BatchRun;
	error: ExecutionError | null;
	/** Why the last CONFIRM was refused. */
	confirmRejection: string | null;
	outcome: RunOutcome | null;
}

const unbound = (name: string) => new Error(`${name} was not provided: provide it with the step's services (runActors)`);

export const runMachine = setup({
	types: {
		input: {} as RunInput,
		context: {} as RunContext,
		events: {} as RunEvent,
		output: {} as RunOutput,
	},
	actors: {
		applyActions: fromCallback<{ type: 'ABORT' }, ApplyActionsInput>(({ sendBack }) => {
			sendBack({ type: 'APPLY_ERROR', error: toExecutionError(unbound('applyActions')) });
		}),
		verifyActions: fromPromise<VerificationReport, VerifyActionsInput>(async () => {
			throw unbound('verifyActions');
		}),
		validatePolicies: fromPromise<PolicyGate, ValidatePoliciesInput>(async ({ input }) => {
			if (input.kind === 'rollback' || !writesPolicies(input.actions)) return nothingToValidate;
			throw unbound('validatePolicies');
		}),
	},
	guards: {
		resumed: ({ context }) => context.run.report !== null,
		/** The policy gate answered and found nothing that refuses the batch. */
		validationPassed: ({ context }) => {
			const gate = context.run.validation;
			return gate !== null && gate.blocking.length === 0 && gate.unavailable === undefined;
		},
		validationUnavailable: ({ context }) => context.kind === 'batch' && context.run.validation?.unavailable !== undefined,
		confirmAccepted: ({ context, event }) => event.type === 'CONFIRM' && confirmProblem(context.run.confirmation, context.settings.accountId, event) === null,
		batchSucceeded: ({ event }) => event.type === 'APPLY_DONE' && succeeded(event.report),
		batchApplied: ({ context }) => context.kind === 'batch' && (context.run.report?.applied.length ?? 0) > 0,
		runLeft: ({ context }) => context.run.report !== null && remainingActions(context.run.report).length > 0,
	},
	actions: {
		abortApply: sendTo('applier', { type: 'ABORT' }),
		/** A confirmed run starts afresh: its own progress, report and error. */
		confirmRun: assign(({ context, event }) => ({ run: confirmed(context.run, event as ConfirmEvent), error: null })),
		rejectConfirm: assign({
			confirmRejection: ({ context, event }) => (event.type === 'CONFIRM' ? confirmProblem(context.run.confirmation, context.settings.accountId, event) : null),
		}),
		recordProgress: assign(({ context, event }) => (event.type === 'PROGRESS' ? { run: withProgress(context.run, event.event) } : {})),
		recordReport: assign(({ context, event }) => (event.type === 'APPLY_DONE' ? { run: withReport(context.run, event.report) } : {})),
		recordFailedReport: assign(({ context, event }) => (event.type === 'APPLY_DONE' ? { run: withReport(context.run, event.report), error: failureOf(event.report) } : {})),
		recordApplyError: assign({ error: ({ event }) => (event.type === 'APPLY_ERROR' ? event.error : null) }),
		retryRun: assign(({ context }) => ({ run: retried(context.run), error: null })),
		end: assign((_, { outcome }: { outcome: RunOutcome }) => ({ outcome })),
	},
}).createMachine({
	id: 'run',
	context: ({ input }) => ({
		kind: input.kind,
		settings: input.settings,
		run: input.resume ?? newRun(input.actions, input.settings),
		error: input.error ?? null,
		confirmRejection: null,
		outcome: null,
	}),
	initial: 'starting',
	output: ({ context }) => ({ outcome: context.outcome ?? 'cancelled', run: context.run, error: context.error }),
	states: {
		starting: {
			always: [{ guard: 'resumed', target: 'failed' }, { target: 'previewing' }],
		},
		previewing: {
			invoke: {
				src: 'validatePolicies',
				input: ({ context }) => ({ kind: context.kind, actions: context.run.actions, mode: context.run.validationMode }),
				onDone: { actions: assign({ run: ({ context, event }) => ({ ...context.run, validation: event.output }) }) },
				onError: { actions: assign({ run: ({ context, event }) => ({ ...context.run, validation: { ...nothingToValidate, unavailable: toExecutionError(event.error).message.replace(/\.$/, '') } }) }) },
			},
			on: {
				NEXT: { guard: 'validationPassed', target: 'confirming' },
				VALIDATE_LOCALLY: {
					guard: 'validationUnavailable',
					target: 'previewing',
					reenter: true,
					actions: assign({ run: ({ context }) => ({ ...context.run, validationMode: 'local' as const, validation: null }) }),
				},
				BACK: { target: 'ended', actions: { type: 'end', params: { outcome: 'back' } } },
				CANCEL: { target: 'ended', actions: { type: 'end', params: { outcome: 'cancelled' } } },
			},
		},
		confirming: {
			entry: assign({ confirmRejection: null }),
			on: {
				CONFIRM: [{ guard: 'confirmAccepted', target: 'applying', actions: 'confirmRun' }, { actions: 'rejectConfirm' }],
				BACK: 'previewing',
				CANCEL: { target: 'ended', actions: { type: 'end', params: { outcome: 'cancelled' } } },
			},
		},
		applying: {
			invoke: { id: 'applier', src: 'applyActions', input: ({ context }) => applyInput(context.settings, context.run) },
			on: {
				PROGRESS: { actions: 'recordProgress' },
				APPLY_DONE: [
					{ guard: 'batchSucceeded', target: 'verifying', actions: 'recordReport' },
					{ target: 'failed', actions: 'recordFailedReport' },
				],
				APPLY_ERROR: { target: 'failed', actions: 'recordApplyError' },
				CANCEL: { actions: 'abortApply' },
			},
		},
		verifying: {
			invoke: {
				src: 'verifyActions',
				input: ({ context }) => ({
					applied: context.run.report?.applied ?? [],
					targeted: context.run.actions,
					plannedActions: context.settings.plannedActions,
					reportFindings: context.kind === 'batch',
					options: context.settings.verify,
				}),
				onDone: {
					target: 'ended',
					actions: [assign({ run: ({ context, event }) => ({ ...context.run, verification: event.output }) }), { type: 'end', params: { outcome: 'verified' } }],
				},
				onError: {
					target: 'ended',
					actions: [
						assign({ error: ({ event }) => ({ code: 'VerifyFailed', message: toExecutionError(event.error).message }) }),
						{ type: 'end', params: { outcome: 'verified' } },
					],
				},
			},
		},
		failed: {
			on: {
				RETRY: { guard: 'runLeft', target: 'applying', actions: 'retryRun' },
				// Keeping what a batch applied verifies it; keeping a failed rollback ends it as it is.
				SKIP: [{ guard: 'batchApplied', target: 'verifying' }, { target: 'ended', actions: { type: 'end', params: { outcome: 'skipped' } } }],
				ROLLBACK: { guard: 'batchApplied', target: 'ended', actions: { type: 'end', params: { outcome: 'rollback' } } },
			},
		},
		ended: { type: 'final' },
	},
});

export type RunMachine = typeof runMachine;
