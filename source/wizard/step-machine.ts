/**
 * The lifecycle every wizard step goes through, one XState v5 machine for all six:
 *
 *   loading → reviewing → batch → done
 *   loading → loadFailed (RELOAD, CANCEL)
 *   batch:    the run machine over the selected actions (previewing → confirming → applying
 *             → verifying; failed: RETRY | SKIP | ROLLBACK); BACK from its preview → reviewing,
 *             CANCEL → cancelled, ROLLBACK from its failure → rollback
 *   rollback: the same run machine over the inverses of what the batch applied → rolledBack;
 *             leaving its preview returns to where it was offered (done, or the batch's failure);
 *             SKIP from its failure → done
 *   done → ROLLBACK (something applied) → rollback. reviewing | batch → CANCEL → cancelled (BACK → reviewing, RELOAD → loading)
 *   done | rolledBack → RELOAD → loading
 *   done | rolledBack after a batch that applied something: the account is read again and the step's
 *             checks run on it (loadStep, as RELOAD does) without leaving the outcome → context.replanned
 *
 * Public shape (screens build against this; keyboard handling stays in the screens):
 *   createStepMachine({ gateway, audit }) → machine; createActor(machine, { input: StepMachineInput }).start()
 *   (`createStepActor({ gateway, audit }, input)` does both). `stepState(snapshot)` names the state a screen draws:
 *   'reviewing', 'confirming' (the batch's run), 'rollback.applying' (the rollback's run)…
 *   input:   { step, planStep, planContext, accountId?, now, model?, verify? } (no gateway, no log)
 *   events:  TOGGLE {index} | SELECT_ALL | SELECT_NONE | PREVIEW | NEXT (preview → confirm)
 *            | BACK | CONFIRM {reason, typedAccountId?, overrideLockout?} | CANCEL
 *            | RETRY | ROLLBACK | SKIP | RELOAD; the run's events are forwarded to it.
 *            CANCEL while applying stops the batch between two actions (→ failed, rollback offered).
 *   context: model, plan, accountId (no gateway or log: screens get those from StepServicesProvider), blocked (BlockedAction[]: break-glass and the caller's
 *            key, with reasons), lockout (index → risk), selected (indexes into plan.actions),
 *            batch / rollback (BatchRun: actions, confirmation, previewHash, reason, pending,
 *            pendingStart, progress (finished actions' events), current (latest event),
 *            report, verification; rollback adds cannotUndo), confirmRejection, error, runState
 *            (all mirrored from the run machine while it runs).
 *   actors:  loadStep (fromPromise) and run (the run machine, whose applyActions and
 *            verifyActions reach the gateway and the log), bound to the step's services by
 *            createStepMachine; the machine passes no gateway or log to any actor.
 * CONFIRM is refused (confirmRejection says why) with an empty reason, a missing or wrong
 * typed account ID when the batch needs one, or lockout risks without overrideLockout.
 */
import { assign, createActor, forwardTo, fromPromise, setup, type SnapshotFrom } from 'xstate';
import { callerAccessOf } from '../core/confirmation.js';
import { newRun } from './batch-run.js';
import { rollbackPlan, toExecutionError } from './executor.js';
import { nothingToValidate } from './policy-gate.js';
import { runMachine } from './run-machine.js';
import { keptChanges } from './session.js';
import { loadStepActor, runActors } from './step-actors.js';
import type { BatchRun, LoadStepInput, LoadStepOutput, RollbackRun, RunInput, RunKind, RunOutput, RunSettings, RunState, StepMachineContext, StepMachineEvent, StepMachineInput, StepServices } from './step-machine-types.js';
import { allSelected, batchOf, selectionRules, toggled } from './step-selection.js';

export type * from './step-machine-types.js';
export { activeRun } from './batch-run.js';
export { runMachine } from './run-machine.js';
export { stepState } from './step-state.js';

type RunSnapshotEvent = { type: 'xstate.snapshot.run'; snapshot: SnapshotFrom<typeof runMachine> };
type RunDoneEvent = { type: 'xstate.done.actor.run'; output: RunOutput };
type ReplanDoneEvent = { type: 'xstate.done.actor.replan'; output: LoadStepOutput };

const batchRun = { kind: 'batch' } as const;
const rollbackRun = { kind: 'rollback' } as const;

/** The context change that replaces one run (a rollback keeps where it was offered and what it cannot undo). */
function withRun(context: StepMachineContext, kind: RunKind, run: BatchRun): Partial<StepMachineContext> {
	return kind === 'batch' ? { batch: run } : { rollback: { ...(context.rollback as RollbackRun), ...run } };
}

function runSettings(context: StepMachineContext, kind: RunKind): RunSettings {
	return {
		step: context.step,
		accountId: context.accountId,
		...(context.model ? { caller: context.model.caller, callerAccess: callerAccessOf(context.model) } : {}),
		now: context.now,
		plannedActions: kind === 'batch' ? (context.plan?.actions ?? []) : [],
		verify: context.verifyOptions,
	};
}

/** The run machine's input for the batch, or for the rollback; back from a rollback's preview, the batch resumes at its failure. */
function runInput(context: StepMachineContext, kind: RunKind): RunInput {
	const run = context[kind]!;
	const resume = kind === 'batch' && run.report !== null;
	return { kind, actions: run.actions, settings: runSettings(context, kind), error: context.error, ...(resume ? { resume: run } : {}) };
}

const outcomeIs =
	(...outcomes: RunOutput['outcome'][]) =>
	({ event }: { event: { type: string } }) =>
		outcomes.includes((event as RunDoneEvent).output.outcome);

/**
 * Once a batch has ended in done or rolledBack: the same load RELOAD runs, on a fresh read when the batch
 * applied something (otherwise the account is as read, and only the checks run again).
 */
const replan = {
	id: 'replan',
	src: 'loadStep',
	input: ({ context }: { context: StepMachineContext }): LoadStepInput => {
		const changed = context.replanAfterBatch && (context.batch?.report?.applied.length ?? 0) > 0;
		return { planStep: context.planStep, planContext: context.planContext, ...(!changed && context.model ? { model: context.model } : {}) };
	},
	onDone: {
		guard: ({ context }: { context: StepMachineContext }) => context.replanAfterBatch,
		actions: 'keepReplan',
	},
	// The outcome stays as it is: r re-reads and shows the failure.
	onError: {},
} as const;

/** The events a screen sends to the run in progress. */
const toRun = { NEXT: { actions: 'toRun' }, VALIDATE_LOCALLY: { actions: 'toRun' }, BACK: { actions: 'toRun' }, CONFIRM: { actions: 'toRun' }, CANCEL: { actions: 'toRun' }, RETRY: { actions: 'toRun' }, SKIP: { actions: 'toRun' }, ROLLBACK: { actions: 'toRun' } } as const;

const stepMachine = setup({
	types: {
		input: {} as StepMachineInput,
		context: {} as StepMachineContext,
		events: {} as StepMachineEvent | RunSnapshotEvent | RunDoneEvent | ReplanDoneEvent,
	},
	actors: {
		loadStep: fromPromise<LoadStepOutput, LoadStepInput>(async () => {
			throw new Error('loadStep was not provided: create the machine with createStepMachine(services)');
		}),
		run: runMachine,
	},
	guards: {
		hasSelection: ({ context }) => context.selected.length > 0,
		somethingApplied: ({ context }) => (context.batch?.report?.applied.length ?? 0) > 0,
		offeredFromDone: ({ context }) => context.rollback?.from === 'done',
	},
	actions: {
		toRun: forwardTo('run'),
		keepReplan: assign({
			replanned: ({ context, event }) => {
				if (event.type !== 'xstate.done.actor.replan') return context.replanned;
				const { model, plan } = event.output;
				return { model, plan, selected: selectionRules(plan, model, context.accountId ?? model.accountId, context.planContext.excluded).selected };
			},
		}),
		/** ROLLBACK: preview the inverses of what the batch applied, newest first. */
		beginRollback: assign({
			rollback: ({ context }, params: { from: RollbackRun['from'] }): RollbackRun => {
				const plan = rollbackPlan(context.batch!.report!);
				// A rollback restores what was there: it is not gated by policy validation.
				return { ...newRun(plan.actions, runSettings(context, 'rollback')), validation: nothingToValidate, from: params.from, cannotUndo: plan.cannotUndo };
			},
		}),
		enterRun: assign(({ context }, { kind }: { kind: RunKind }): Partial<StepMachineContext> => ({ runState: runInput(context, kind).resume ? 'failed' : 'previewing', confirmRejection: null })),
		mirrorRun: assign(({ context, event }, { kind }: { kind: RunKind }) => {
			if (event.type !== 'xstate.snapshot.run') return {};
			const run = event.snapshot.context;
			const state = event.snapshot.value;
			return { ...withRun(context, kind, run.run), error: run.error, confirmRejection: run.confirmRejection, runState: state === 'starting' || state === 'ended' ? context.runState : (state as RunState) };
		}),
		endRun: assign(({ context, event }, { kind }: { kind: RunKind }) => {
			if (event.type !== 'xstate.done.actor.run') return {};
			return { ...withRun(context, kind, event.output.run), error: event.output.error, confirmRejection: null, runState: null };
		}),
	},
}).createMachine({
	id: 'step',
	context: ({ input }) => ({
		step: input.step,
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
		runState: null,
		appliedElsewhere: 0,
		appliedEarlier: 0,
		marked: null,
		replanned: null,
		replanAfterBatch: input.replanAfterBatch ?? true,
	}),
	on: {
		APPLIED_ELSEWHERE: { actions: assign({ appliedElsewhere: ({ context, event }) => context.appliedElsewhere + event.count }) },
		MARK: { actions: assign({ marked: ({ event }) => event.keys }) },
	},
	initial: 'loading',
	states: {
		loading: {
			// The runs go, what they kept on the account is still counted.
			entry: assign(({ context }) => ({ appliedEarlier: keptChanges(context), batch: null, rollback: null, error: null, confirmRejection: null, runState: null, replanned: null })),
			invoke: {
				src: 'loadStep',
				input: ({ context }) => ({
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
						error: ({ event }) => ({ code: 'LoadFailed', message: toExecutionError(event.error).message }),
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
					target: 'batch',
					actions: assign({ batch: ({ context }) => newRun(batchOf(context.plan!.actions, context.selected), runSettings(context, 'batch')) }),
				},
				RELOAD: 'loading',
				CANCEL: 'cancelled',
			},
		},
		// The selected actions' run: preview, confirm, apply, verify (and its failure).
		batch: {
			entry: { type: 'enterRun', params: batchRun },
			invoke: {
				id: 'run',
				src: 'run',
				input: ({ context }) => runInput(context, 'batch'),
				onSnapshot: { actions: { type: 'mirrorRun', params: batchRun } },
				onDone: [
					{ guard: outcomeIs('back'), target: 'reviewing', actions: { type: 'endRun', params: batchRun } },
					{ guard: outcomeIs('cancelled'), target: 'cancelled', actions: { type: 'endRun', params: batchRun } },
					{ guard: outcomeIs('rollback'), target: 'rollback', actions: [{ type: 'endRun', params: batchRun }, { type: 'beginRollback', params: { from: 'failed' } }] },
					{ target: 'done', actions: { type: 'endRun', params: batchRun } },
				],
			},
			on: toRun,
		},
		// The inverses of what the batch applied, newest first, through the same run.
		rollback: {
			entry: { type: 'enterRun', params: rollbackRun },
			invoke: {
				id: 'run',
				src: 'run',
				input: ({ context }) => runInput(context, 'rollback'),
				onSnapshot: { actions: { type: 'mirrorRun', params: rollbackRun } },
				onDone: [
					{ guard: outcomeIs('verified'), target: 'rolledBack', actions: { type: 'endRun', params: rollbackRun } },
					{ guard: outcomeIs('skipped'), target: 'done', actions: { type: 'endRun', params: rollbackRun } },
					// Left before applying: back where it was offered.
					{ guard: 'offeredFromDone', target: 'done', actions: { type: 'endRun', params: rollbackRun } },
					{ target: 'batch', actions: { type: 'endRun', params: rollbackRun } },
				],
			},
			on: toRun,
		},
		rolledBack: {
			invoke: replan,
			on: { RELOAD: 'loading' },
		},
		done: {
			invoke: replan,
			// A batch that succeeded can be undone too (re-activate the keys it deactivated), through the same preview and confirmation.
			on: { RELOAD: 'loading', ROLLBACK: { guard: 'somethingApplied', target: 'rollback', actions: { type: 'beginRollback', params: { from: 'done' } } } },
		},
		cancelled: {
			on: { BACK: { guard: ({ context }) => context.plan !== null, target: 'reviewing' }, RELOAD: 'loading' },
		},
	},
});

/** The step machine bound to one step's gateway and change log (its actors' only way to them). */
export function createStepMachine(services: StepServices) {
	return stepMachine.provide({
		actors: {
			loadStep: loadStepActor(services.gateway),
			run: runMachine.provide({ actors: runActors(services) }),
		},
	});
}

export type StepMachine = ReturnType<typeof createStepMachine>;

/** A step machine's actor for this input, bound to the step's gateway and log (which never enter its context). */
export function createStepActor(services: StepServices, input: StepMachineInput) {
	return createActor(createStepMachine(services), { input });
}
