/**
 * The generic step screen, used by every step until it has its own: it shows the step
 * machine's state and sends it events; it never calls AWS itself. Finished lines (each
 * change applied or failed) go to the shell's <Static> log through `log`.
 */
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Text } from '../ui/Text.js';
import { useSelector } from '@xstate/react';
import type { ActorRefFrom } from 'xstate';
import { Busy } from '../ui/Busy.js';
import type { Finding } from '../core/finding.js';
import type { OutcomeSection } from '../ui/outcome-sections.js';
import type { StyledLine } from '../ui/ScrollText.js';
import { activeRun } from '../wizard/batch-run.js';
import type { ProgressEvent } from '../wizard/executor.js';
import { stepState, type StepMachine } from '../wizard/step-machine.js';
import type { StepMachineEvent } from '../wizard/step-machine-types.js';
import type { WizardStep } from './registry.js';
import { ApplyingView, ConfirmView, PreviewView, VerifyingView } from './step-screen-batch.js';
import { CancelledView, DoneView, FailedView, LoadFailedView, RolledBackView } from './step-screen-outcome.js';
import { findingsOfPlan, ReviewView } from './step-screen-review.js';

export type StepActor = ActorRefFrom<StepMachine>;

export interface StepScreenProps {
	step: WizardStep;
	actor: StepActor;
	/** A step's own way to list its findings while reviewing (one row per principal), and the lines Enter opens for a row. */
	review?: { findings?: (findings: Finding[]) => Finding[]; detail?: (finding: Finding) => StyledLine[] };
	/** Lines the screen may use. */
	height: number;
	/** Only the screen in front reads keys. */
	isActive: boolean;
	/** A snapshot gateway: previews only. */
	readOnly: boolean;
	/** Appends a finished line above the live screen (the shell's <Static>). */
	log: (line: StyledLine) => void;
	/** While reviewing: the step's own lines under its title (the caller's height leaves room for them). */
	header?: ReactNode;
	/** Once its batch is done: the step's own lines, shown first and cut with the verification to `height` (! shows them whole). */
	outcome?: readonly OutcomeSection[];
}

/** "reviewing", "confirming" (the batch's run), or "rollback.previewing" (the rollback's). */
export const stateName = stepState;

export function progressLine(step: number, event: ProgressEvent, rollback: boolean): StyledLine | undefined {
	const where = `step ${step}${rollback ? ' rollback' : ''} ${event.index + 1}/${event.total}`;
	if (event.phase === 'applied') return { text: `✓ ${where} ${event.action.summary}`, token: 'status.ok' };
	if (event.phase === 'failed') return { text: `✗ ${where} ${event.action.summary}: ${event.error?.message ?? 'failed'}`, token: 'status.error' };
	return undefined;
}

/** Sends each newly finished progress event to the log once (the batch and its rollback counted apart). */
function useProgressLog(step: number, progress: readonly ProgressEvent[] | undefined, rollback: boolean, log: (line: StyledLine) => void): void {
	const seen = useRef<Record<'batch' | 'rollback', { first?: ProgressEvent; count: number }>>({ batch: { count: 0 }, rollback: { count: 0 } });
	useEffect(() => {
		if (!progress || progress.length === 0) return;
		const kind = rollback ? 'rollback' : 'batch';
		// A new run (confirmed again, or retried from scratch) starts its own count.
		if (seen.current[kind].first !== progress[0]) seen.current[kind] = { first: progress[0], count: 0 };
		for (const event of progress.slice(seen.current[kind].count)) {
			const line = progressLine(step, event, rollback);
			if (line) log(line);
		}
		seen.current[kind].count = progress.length;
	}, [step, progress, rollback, log]);
}

export function StepScreen({ step, actor, height, isActive, readOnly, log, review, header, outcome }: StepScreenProps) {
	const snapshot = useSelector(actor, (s) => s);
	const { context } = snapshot;
	const state = stateName(snapshot);
	const run = activeRun(snapshot);
	const rollback = state.startsWith('rollback') || state === 'rolledBack';
	const send = (event: StepMachineEvent) => actor.send(event);
	const findings = useMemo(() => findingsOfPlan(context.plan), [context.plan]);
	const groupFindings = review?.findings;
	const reviewFindings = useMemo(() => (groupFindings ? groupFindings(findings) : findings), [groupFindings, findings]);
	useProgressLog(step.number, run?.progress, rollback, log);

	switch (state) {
		case 'loading':
			return <Busy label={`Step ${step.number} · ${step.title}: reading the account and running the checks…`} />;
		case 'loadFailed':
			return <LoadFailedView context={context} isActive={isActive} send={send} />;
		case 'reviewing':
			return <ReviewView step={step} context={context} findings={reviewFindings} total={findings.length} height={height} isActive={isActive} send={send} {...(review?.detail ? { detail: review.detail } : {})} header={header} />;
		case 'previewing':
		case 'rollback.previewing':
			return <PreviewView run={run!} rollback={rollback} context={context} findings={findings} height={height} isActive={isActive} readOnly={readOnly} send={send} />;
		case 'confirming':
		case 'rollback.confirming':
			return <ConfirmView run={run!} rollback={rollback} context={context} isActive={isActive} send={send} />;
		case 'applying':
		case 'rollback.applying':
			return <ApplyingView run={run!} rollback={rollback} isActive={isActive} send={send} />;
		case 'verifying':
		case 'rollback.verifying':
			return <VerifyingView rollback={rollback} />;
		case 'failed':
		case 'rollback.failed':
			return <FailedView step={step} context={context} run={run!} rollback={rollback} height={height} isActive={isActive} send={send} />;
		case 'done':
			return <DoneView step={step} context={context} findings={findings} height={height} {...(outcome ? { outcome } : {})} isActive={isActive} send={send} />;
		case 'rolledBack':
			return <RolledBackView step={step} context={context} height={height} isActive={isActive} send={send} />;
		case 'cancelled':
			return <CancelledView isActive={isActive} send={send} canGoBack={context.plan !== null} />;
		default:
			return <Text>Unknown state {state}</Text>;
	}
}
