/**
 * The lifecycle every wizard step goes through, one XState v5 machine for all six:
 *
 *   loading → reviewing → previewing → confirming → applying → verifying → done
 *   loading → loadFailed (RELOAD, CANCEL)
 *   applying → failed: RETRY (re-apply from the failed action) | ROLLBACK | SKIP (verify what was applied → done)
 *   failed → rollback.{previewing → confirming → applying → verifying} → rolledBack
 *            rollback.failed: RETRY | SKIP (→ done)
 *   reviewing | previewing | confirming → CANCEL → cancelled (BACK → reviewing, RELOAD → loading)
 *   done | rolledBack → RELOAD → loading
 *
 * Public shape (screens build against this; keyboard handling stays in the screens):
 *   createStepMachine() → machine; createActor(machine, { input: StepMachineInput }).start()
 *   input:   { step, gateway, audit, planStep, planContext, accountId?, now, model?, verify? }
 *   events:  TOGGLE {index} | SELECT_ALL | SELECT_NONE | PREVIEW | NEXT (preview → confirm)
 *            | BACK | CONFIRM {reason, typedAccountId?, overrideLockout?} | CANCEL
 *            | RETRY | ROLLBACK | SKIP | RELOAD
 *            CANCEL while applying stops the batch between two actions (→ failed, rollback offered).
 *   context: model, plan, accountId, blocked (BlockedAction[]: break-glass and the caller's
 *            key, with reasons), lockout (index → risk), selected (indexes into plan.actions),
 *            batch / rollback (BatchRun: actions, confirmation, previewHash, reason, pending,
 *            pendingStart, progress (finished actions' events), current (latest event),
 *            report, verification; rollback adds cannotUndo), confirmRejection, error.
 *   actors:  loadStep (fromPromise), applyActions (fromCallback: receives ABORT, sends PROGRESS,
 *            APPLY_DONE {report}, APPLY_ERROR {error}), verifyActions (fromPromise).
 * CONFIRM is refused (confirmRejection says why) with an empty reason, a missing or wrong
 * typed account ID when the batch needs one, or lockout risks without overrideLockout.
 */
import { assign, sendTo, setup } from 'xstate';
import { applyInput, confirmed, failureOf, newRun, retried, succeeded, withProgress, withReport } from './batch-run.js';
import { remainingActions, rollbackPlan, toExecutionError, type ExecutionError } from './executor.js';
import { applyActionsActor, loadStepActor, verifyActionsActor } from './step-actors.js';
import type { ApplierEvent, BatchRun, ConfirmEvent, RollbackRun, StepMachineContext, StepMachineEvent, StepMachineInput } from './step-machine-types.js';
import { allSelected, batchOf, confirmProblem, selectionRules, toggled } from './step-selection.js';

export type * from './step-machine-types.js';
export { activeRun } from './batch-run.js';

type Event = StepMachineEvent | ApplierEvent;

/** The two runs a step makes: its batch, and the rollback of what the batch applied. */
type RunKind = 'batch' | 'rollback';
const batchRun = { kind: 'batch' } as const;
const rollbackRun = { kind: 'rollback' } as const;

/** The context change that replaces one run. */
function withRun(kind: RunKind, run: BatchRun): Partial<StepMachineContext> {
	return kind === 'batch' ? { batch: run } : { rollback: run as RollbackRun };
}

/** A failure to load or verify, as one sentence under its own code. */
function failure(code: string, error: unknown): ExecutionError {
	return { code, message: toExecutionError(error).message };
}

/** Leaving a rollback before it applies returns to where it was offered. */
const leaveRollback = [
	{ guard: ({ context }: { context: StepMachineContext }) => context.rollback?.from === 'done', target: '#step.done' },
	{ target: '#step.failed' },
];

export function createStepMachine() {
	return setup({
		types: {
			input: {} as StepMachineInput,
			context: {} as StepMachineContext,
			events: {} as Event,
		},
		actors: {
			loadStep: loadStepActor,
			applyActions: applyActionsActor,
			verifyActions: verifyActionsActor,
		},
		guards: {
			hasSelection: ({ context }) => context.selected.length > 0,
			confirmAccepted: ({ context, event }, { kind }: { kind: RunKind }) => {
				const run = context[kind];
				return event.type === 'CONFIRM' && run !== null && confirmProblem(run.confirmation, context.accountId, event) === null;
			},
			batchSucceeded: ({ event }) => event.type === 'APPLY_DONE' && succeeded(event.report),
			somethingApplied: ({ context }) => (context.batch?.report?.applied.length ?? 0) > 0,
			runLeft: ({ context }, { kind }: { kind: RunKind }) => context[kind]?.report != null && remainingActions(context[kind].report).length > 0,
		},
		actions: {
			abortApply: sendTo('applier', { type: 'ABORT' }),
			/** ROLLBACK: preview the inverses of what the batch applied, newest first. */
			beginRollback: assign({
				rollback: ({ context }, params: { from: RollbackRun['from'] }): RollbackRun => {
					const plan = rollbackPlan(context.batch!.report!);
					return { ...newRun(context, plan.actions), from: params.from, cannotUndo: plan.cannotUndo };
				},
			}),
			confirmRun: assign(({ context, event }, { kind }: { kind: RunKind }) => withRun(kind, confirmed(context[kind]!, event as ConfirmEvent))),
			recordProgress: assign(({ context, event }, { kind }: { kind: RunKind }) => (event.type === 'PROGRESS' ? withRun(kind, withProgress(context[kind]!, event.event)) : {})),
			recordReport: assign(({ context, event }, { kind }: { kind: RunKind }) => (event.type === 'APPLY_DONE' ? withRun(kind, withReport(context[kind]!, event.report)) : {})),
			recordFailedReport: assign(({ context, event }, { kind }: { kind: RunKind }) =>
				event.type === 'APPLY_DONE' ? { ...withRun(kind, withReport(context[kind]!, event.report)), error: failureOf(event.report) } : {},
			),
			recordApplyError: assign({ error: ({ event }) => (event.type === 'APPLY_ERROR' ? event.error : null) }),
			recordVerification: assign(({ context, event }, { kind }: { kind: RunKind }) => withRun(kind, { ...context[kind]!, verification: (event as unknown as { output: BatchRun['verification'] }).output })),
			recordVerifyError: assign({ error: ({ event }) => failure('VerifyFailed', (event as unknown as { error: unknown }).error) }),
			retryRun: assign(({ context }, { kind }: { kind: RunKind }) => ({ ...withRun(kind, retried(context[kind]!)), error: null })),
			rejectConfirm: assign({
				confirmRejection: ({ context, event }) => {
					const run = context.rollback ?? context.batch;
					return event.type === 'CONFIRM' && run ? confirmProblem(run.confirmation, context.accountId, event) : null;
				},
			}),
		},
	}).createMachine({
		id: 'step',
		context: ({ input }) => ({
			step: input.step,
			gateway: input.gateway,
			audit: input.audit,
			planStep: input.planStep,
			planContext: input.planContext,
			now: input.now,
			verifyOptions: input.verify,
			preloaded: input.model,
			accountId: input.accountId,
			model: null,
			plan: null,
			blocked: [],
			lockout: {},
			selected: [],
			batch: null,
			rollback: null,
			confirmRejection: null,
			error: null,
			appliedElsewhere: 0,
		}),
		on: {
			APPLIED_ELSEWHERE: { actions: assign({ appliedElsewhere: ({ context, event }) => context.appliedElsewhere + event.count }) },
		},
		initial: 'loading',
		states: {
			loading: {
				entry: assign({ batch: null, rollback: null, error: null, confirmRejection: null }),
				invoke: {
					src: 'loadStep',
					input: ({ context }) => ({
						gateway: context.gateway,
						planStep: context.planStep,
						planContext: context.planContext,
						model: context.preloaded,
					}),
					onDone: {
						target: 'reviewing',
						actions: assign(({ context, event }) => {
							const { model, plan } = event.output;
							const accountId = context.accountId ?? model.accountId;
							return {
								model,
								plan,
								accountId,
								preloaded: undefined,
								...selectionRules(plan, model, accountId, context.planContext.excluded),
							};
						}),
					},
					onError: {
						target: 'loadFailed',
						actions: assign({
							error: ({ event }) => failure('LoadFailed', event.error),
							preloaded: undefined,
						}),
					},
				},
			},
			loadFailed: {
				on: { RELOAD: 'loading', CANCEL: 'cancelled' },
			},
			reviewing: {
				on: {
					TOGGLE: {
						actions: assign({
							selected: ({ context, event }) => toggled(context.selected, event.index, context, context.plan?.actions.length ?? 0),
						}),
					},
					SELECT_ALL: {
						actions: assign({ selected: ({ context }) => allSelected(context.selected, context, context.plan?.actions.length ?? 0) }),
					},
					SELECT_NONE: { actions: assign({ selected: [] }) },
					PREVIEW: {
						guard: 'hasSelection',
						target: 'previewing',
						actions: assign({ batch: ({ context }) => newRun(context, batchOf(context.plan!.actions, context.selected)) }),
					},
					RELOAD: 'loading',
					CANCEL: 'cancelled',
				},
			},
			previewing: {
				on: { NEXT: 'confirming', BACK: 'reviewing', CANCEL: 'cancelled' },
			},
			confirming: {
				entry: assign({ confirmRejection: null }),
				on: {
					CONFIRM: [{ guard: { type: 'confirmAccepted', params: batchRun }, target: 'applying', actions: { type: 'confirmRun', params: batchRun } }, { actions: 'rejectConfirm' }],
					BACK: 'previewing',
					CANCEL: 'cancelled',
				},
			},
			applying: {
				invoke: { id: 'applier', src: 'applyActions', input: ({ context }) => applyInput(context, context.batch!) },
				on: {
					PROGRESS: { actions: { type: 'recordProgress', params: batchRun } },
					APPLY_DONE: [
						{ guard: 'batchSucceeded', target: 'verifying', actions: { type: 'recordReport', params: batchRun } },
						{ target: 'failed', actions: { type: 'recordFailedReport', params: batchRun } },
					],
					APPLY_ERROR: { target: 'failed', actions: 'recordApplyError' },
					CANCEL: { actions: 'abortApply' },
				},
			},
			verifying: {
				invoke: {
					src: 'verifyActions',
					input: ({ context }) => ({
						applied: context.batch?.report?.applied ?? [],
						gateway: context.gateway,
						targeted: context.batch?.actions ?? [],
						plannedActions: context.plan?.actions ?? [],
						reportFindings: true,
						options: context.verifyOptions,
					}),
					onDone: { target: 'done', actions: { type: 'recordVerification', params: batchRun } },
					onError: { target: 'done', actions: 'recordVerifyError' },
				},
			},
			failed: {
				on: {
					RETRY: { guard: { type: 'runLeft', params: batchRun }, target: 'applying', actions: { type: 'retryRun', params: batchRun } },
					ROLLBACK: { guard: 'somethingApplied', target: 'rollback', actions: { type: 'beginRollback', params: { from: 'failed' } } },
					SKIP: [{ guard: 'somethingApplied', target: 'verifying' }, { target: 'done' }],
				},
			},
			// The same run as the batch's, over context.rollback: its own exits (back to where it was offered; rolledBack).
			rollback: {
				initial: 'previewing',
				states: {
					previewing: {
						on: { NEXT: 'confirming', BACK: leaveRollback, CANCEL: leaveRollback },
					},
					confirming: {
						entry: assign({ confirmRejection: null }),
						on: {
							CONFIRM: [{ guard: { type: 'confirmAccepted', params: rollbackRun }, target: 'applying', actions: { type: 'confirmRun', params: rollbackRun } }, { actions: 'rejectConfirm' }],
							BACK: 'previewing',
							CANCEL: leaveRollback,
						},
					},
					applying: {
						invoke: { id: 'applier', src: 'applyActions', input: ({ context }) => applyInput(context, context.rollback!) },
						on: {
							PROGRESS: { actions: { type: 'recordProgress', params: rollbackRun } },
							APPLY_DONE: [
								{ guard: 'batchSucceeded', target: 'verifying', actions: { type: 'recordReport', params: rollbackRun } },
								{ target: 'failed', actions: { type: 'recordFailedReport', params: rollbackRun } },
							],
							APPLY_ERROR: { target: 'failed', actions: 'recordApplyError' },
							CANCEL: { actions: 'abortApply' },
						},
					},
					verifying: {
						invoke: {
							src: 'verifyActions',
							input: ({ context }) => ({
								applied: context.rollback?.report?.applied ?? [],
								gateway: context.gateway,
								targeted: context.rollback?.actions ?? [],
								plannedActions: [],
								reportFindings: false,
								options: context.verifyOptions,
							}),
							onDone: { target: '#step.rolledBack', actions: { type: 'recordVerification', params: rollbackRun } },
							onError: { target: '#step.rolledBack', actions: 'recordVerifyError' },
						},
					},
					failed: {
						on: {
							RETRY: { guard: { type: 'runLeft', params: rollbackRun }, target: 'applying', actions: { type: 'retryRun', params: rollbackRun } },
							SKIP: '#step.done',
						},
					},
				},
			},
			rolledBack: {
				on: { RELOAD: 'loading' },
			},
			done: {
				// A batch that succeeded can be undone too (re-activate the keys it deactivated), through the same preview and confirmation.
				on: { RELOAD: 'loading', ROLLBACK: { guard: 'somethingApplied', target: 'rollback', actions: { type: 'beginRollback', params: { from: 'done' } } } },
			},
			cancelled: {
				on: { BACK: { guard: ({ context }) => context.plan !== null, target: 'reviewing' }, RELOAD: 'loading' },
			},
		},
	});
}

export type StepMachine = ReturnType<typeof createStepMachine>;
