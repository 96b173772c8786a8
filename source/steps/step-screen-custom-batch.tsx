/**
 * A batch the operator composed on a step's own screen (archive these findings with this
 * reason, move this user's policies to that group): it runs through a step machine of its
 * own, with the session's gateway and change log and the step's plan context, so it gets the same
 * preview, confirmation, executor, verification and rollback as any plan, drawn by the
 * generic step screen. When it ends the step re-reads the account.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Box } from 'ink';
import { roomMadeFor } from '../core/confirmation.js';
import { Text } from '../ui/Text.js';
import { useSelector } from '@xstate/react';
import type { Action } from '../core/actions.js';
import type { Finding } from '../core/finding.js';
import { emptyStepPlan } from '../core/step-plan.js';
import { keyLabel, stepOfCommand } from '../ui/key-bindings.js';
import { keyPriority } from '../ui/KeyDispatcher.js';
import type { OutcomeSection } from '../ui/outcome-sections.js';
import type { StyledLine } from '../ui/ScrollText.js';
import { muted, tone } from '../ui/theme.js';
import { useKeyLayer } from '../ui/use-key-layer.js';
import { keptChanges } from '../wizard/session.js';
import { createStepActor } from '../wizard/step-machine.js';
import type { StepMachineContext } from '../wizard/step-machine-types.js';
import type { WizardStep } from './registry.js';
import { StepScreen, stateName, type StepActor } from './step-screen.js';
import { useStepServices } from './step-services.js';

export interface CustomBatchControl {
	/** The running batch's machine, while one is open. */
	batch: StepActor | undefined;
	/**
	 * Opens the preview of `actions`; `findings` are those they address (named in the
	 * preview and the verification); `onApplied` runs once if something was applied.
	 */
	start(actions: Action[], options?: CustomBatchOptions): void;
	close(): void;
	/** The open batch selects its lock-out risks too (the confirmation still asks about each on its own). */
	lockoutChosen: boolean;
}

export interface CustomBatchOptions {
	findings?: Finding[];
	onApplied?: (batch: StepActor) => void;
	/**
	 * The operator chose these actions on purpose, lock-out risks included (the guardrail as
	 * edited): select them rather than leave them out, so the confirmation's separate question
	 * about each risk is the override.
	 */
	overrideLockout?: boolean;
}

/** The batch has ended with the account in a known state: applied and verified, or rolled back. */
function settled(snapshot: ReturnType<StepActor['getSnapshot']>): boolean {
	return snapshot.matches('done') || snapshot.matches('rolledBack');
}

/** Starts batch machines on the session's gateway and log, with the step's own machine's plan context and model. */
export function useCustomBatch(parent: StepActor): CustomBatchControl {
	const services = useStepServices();
	const [batch, setBatch] = useState<StepActor | undefined>();
	const [lockoutChosen, setLockoutChosen] = useState(false);
	const onApplied = useRef<((batch: StepActor) => void) | undefined>(undefined);

	const current = useRef<StepActor | undefined>(undefined);

	const close = useCallback(() => {
		const actor = current.current;
		current.current = undefined;
		setBatch(undefined);
		if (!actor) return;
		const snapshot = actor.getSnapshot();
		const applied = (snapshot.context.batch?.report?.applied.length ?? 0) > 0;
		actor.stop();
		if (applied) {
			onApplied.current?.(actor);
			// The step's findings change with what was applied (re-read already when the batch settled).
			if (!settled(snapshot)) parent.send({ type: 'RELOAD' });
		}
	}, [parent]);

	const start = useCallback(
		(actions: Action[], options: CustomBatchOptions = {}) => {
			const context = parent.getSnapshot().context;
			const actor = createStepActor(services, {
				step: context.step,
				planStep: () => ({ ...emptyStepPlan(context.step), actions, addresses: options.findings ?? [] }),
				planContext: context.planContext,
				now: context.now,
				...(context.accountId ? { accountId: context.accountId } : {}),
				...(context.model ? { model: context.model } : {}),
				...(context.verifyOptions ? { verify: context.verifyOptions } : {}),
				// The step's own machine re-reads once this batch settles (RELOAD below): one read, not two.
				replanAfterBatch: false,
			});
			onApplied.current = options.onApplied;
			current.current?.stop();
			current.current = actor;
			// What the batch keeps counts in the step list as soon as it is applied (a rollback takes it back).
			let counted = 0;
			let wasSettled = false;
			actor.subscribe((snapshot) => {
				// Verified (or rolled back): the step re-reads now, so the step list's finding count matches the verification.
				const isSettled = settled(snapshot) && (snapshot.context.batch?.report?.applied.length ?? 0) > 0;
				if (isSettled && !wasSettled) parent.send({ type: 'RELOAD' });
				wasSettled = isSettled;
				// Counted as the step's own batches are: applied and not undone by its rollback.
				const kept = keptChanges(snapshot.context);
				if (kept === counted) return;
				parent.send({ type: 'APPLIED_ELSEWHERE', count: kept - counted });
				counted = kept;
			});
			actor.start();
			setLockoutChosen(options.overrideLockout === true);
			setBatch(actor);
		},
		[parent, services],
	);

	useEffect(() => () => current.current?.stop(), []);
	return { batch, start, close, lockoutChosen };
}

export interface CustomBatchViewProps {
	step: WizardStep;
	control: CustomBatchControl;
	height: number;
	isActive: boolean;
	readOnly: boolean;
	log: (line: StyledLine) => void;
	/** Once it is done: the step's own lines from the batch's context, shown first and cut with its verification (! shows them whole). */
	outcome?: (context: StepMachineContext) => readonly OutcomeSection[];
}

/** The batch's preview → confirm → apply → verify → done, then back to the step's screen. */
export function CustomBatchView({ step, control, height, isActive, readOnly, log, outcome }: CustomBatchViewProps) {
	const actor = control.batch!;
	const snapshot = useSelector(actor, (s) => s);
	const state = stateName(snapshot);
	const previewed = useRef(false);
	const { close, lockoutChosen } = control;

	useEffect(() => {
		if (state === 'reviewing' && !previewed.current) {
			previewed.current = true;
			const { selected, lockout } = snapshot.context;
			// With them, the version deletions that only make room for a risky new version (left unselected with it).
			const riskySet = new Set(Object.keys(lockout).map(Number));
			const withRoom = [...riskySet, ...roomMadeFor(snapshot.context.plan?.actions ?? [], riskySet)];
			const risky = lockoutChosen ? withRoom.filter((i) => !selected.includes(i)).sort((a, b) => a - b) : [];
			for (const index of risky) actor.send({ type: 'TOGGLE', index });
			if (selected.length + risky.length > 0) actor.send({ type: 'PREVIEW' });
			return;
		}
		// Back from the preview, or cancelled: the batch is over and nothing was applied.
		if ((state === 'reviewing' && previewed.current && snapshot.context.selected.length > 0) || state === 'cancelled') close();
	}, [state, actor, snapshot.context, close, lockoutChosen]);

	// The shell does not see this machine, so it cannot ask before quitting mid-batch: this view does. Nor can
	// the operator move to another step mid-batch: that would unmount this view and stop the machine while
	// the executor goes on applying, with no verification and no rollback on screen.
	const inFlight = state === 'applying' || state === 'verifying' || state === 'rollback.applying' || state === 'rollback.verifying';
	// Counted by the shell while it applies, so Ctrl+C stops it after the current change and waits, as for the step's own batches.
	const registry = useStepServices().batches;
	useEffect(() => (inFlight && registry ? registry.enter(() => actor.send({ type: 'CANCEL' })) : undefined), [inFlight, registry, actor]);
	const [quitAsked, setQuitAsked] = useState<'quit' | 'step' | false>(false);
	useKeyLayer(
		({ command }) => {
			if (command === 'quit') setQuitAsked('quit');
			else if (command === 'prevStep' || command === 'nextStep' || (command && stepOfCommand(command) !== undefined)) setQuitAsked('step');
			else return false;
			return true;
		},
		{ isActive: isActive && inFlight, priority: keyPriority.prompt },
	);
	const finished = state === 'done' || state === 'rolledBack' || state === 'loadFailed' || (state === 'reviewing' && snapshot.context.selected.length === 0);
	useKeyLayer(
		({ command }) => {
			if (!finished || (command !== 'back' && command !== 'cancel' && command !== 'next')) return false;
			close();
			return true;
		},
		{ isActive, priority: keyPriority.screen },
	);

	if (state === 'reviewing' && snapshot.context.selected.length === 0) {
		const blocked = snapshot.context.blocked.map((b) => b.reason);
		// Left out as lock-out risks, which the step's own screen can choose on purpose: said, never "no change is needed".
		const risks = Object.values(snapshot.context.lockout).map((r) => `lock-out risk: ${r}`);
		return (
			<Box flexDirection="column">
				<Text>Nothing can be applied: {[...blocked, ...risks].join('; ') || 'no change is needed'}.</Text>
				<Text {...muted()}>{keyLabel('back')} back</Text>
			</Box>
		);
	}
	return (
		<Box flexDirection="column">
			<StepScreen step={step} actor={actor} height={Math.max(4, height - (finished || (inFlight && quitAsked) ? 1 : 0))} isActive={isActive} readOnly={readOnly} log={log} {...(outcome ? { outcome: outcome(snapshot.context) } : {})} />
			{inFlight && quitAsked ? (
				<Text {...tone('status.warning')}>
					Changes are being applied: {keyLabel('cancel')} stops after the current change; {quitAsked === 'quit' ? 'quit' : 'move to another step'} once it has stopped.
				</Text>
			) : null}
			{finished ? <Text {...muted()}>{keyLabel('back')} or {keyLabel('next')} back to step {step.number}</Text> : null}
		</Box>
	);
}
