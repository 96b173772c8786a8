/** How a batch ended: done (with what verification saw, cut to the rows it has; ! shows it whole), failed (retry / roll back / skip), rolled back, cancelled. */
import { Box } from 'ink';
import { Text } from '../ui/Text.js';
import type { Finding } from '../core/finding.js';
import { keyLabel, type Command } from '../ui/key-bindings.js';
import { keyPriority } from '../ui/KeyDispatcher.js';
import { muted, strong, tone } from '../ui/theme.js';
import { useKeyLayer } from '../ui/use-key-layer.js';
import wrapAnsi from 'wrap-ansi';
import { allSectionLines, fitSections, type OutcomeSection } from '../ui/outcome-sections.js';
import type { StyledLine } from '../ui/ScrollText.js';
import { useTerminalSize } from '../ui/use-terminal-size.js';
import { verificationSections } from '../ui/verification-sections.js';
import { useWholeLines, WholeLines } from '../ui/WholeLines.js';
import type { WizardStep } from './registry.js';
import type { BatchRun, StepMachineContext, StepMachineEvent } from '../wizard/step-machine-types.js';
import type { VerificationReport } from '../wizard/verify-actions.js';
import { plural } from '../core/plural.js';

type Send = (event: StepMachineEvent) => void;


/** One key layer mapping commands to machine events. */
function useCommands(map: Partial<Record<Command, StepMachineEvent>>, isActive: boolean, send: Send): void {
	useKeyLayer(
		({ command }) => {
			const event = command && map[command];
			if (!event) return false;
			send(event);
			return true;
		},
		{ isActive, priority: keyPriority.screen },
	);
}

function unverified(report: VerificationReport | null) {
	return (report?.actions ?? []).filter((a) => !a.verified).map((a) => ({ summary: a.action.summary, why: a.error?.message ?? 'the change is not visible yet' }));
}

/** Rows a line of text takes at this width (Ink wraps it as wrap-ansi does). */
const rowsAt = (text: string, columns: number) => wrapAnsi(text, Math.max(1, columns), { hard: true, trim: true }).split('\n').length;

function OutcomeLines({ lines }: { lines: readonly StyledLine[] }) {
	return (
		<>
			{lines.map((line, i) => (
				<Text key={i} wrap="truncate-end" {...(line.token === 'status.muted' ? muted() : line.token ? tone(line.token, { bold: line.bold }) : line.bold ? strong() : {})}>
					{line.text === '' ? ' ' : line.text}
				</Text>
			))}
		</>
	);
}

export interface DoneViewProps {
	step: WizardStep;
	context: StepMachineContext;
	findings: readonly Finding[];
	/** Rows it may use: its lists give up lines to fit, and ! shows them whole. */
	height: number;
	/** A step's own lines, shown first (step 6's TestEventPattern proofs). */
	outcome?: readonly OutcomeSection[];
	isActive: boolean;
	send: Send;
}

export function DoneView({ step, context, findings, height, outcome = [], isActive, send }: DoneViewProps) {
	const { columns } = useTerminalSize();
	const batch = context.batch;
	const applied = batch?.report?.applied.length ?? 0;
	const verification = batch?.verification ?? null;
	const sections = [...outcome, ...(verification ? verificationSections({ gone: verification.findingsGone, remaining: verification.findingsRemaining, unconfirmed: verification.findingsUnconfirmed, unverified: unverified(verification), findings }) : [])];
	const title = applied === 0 ? 'Nothing was applied.' : `Done: ${plural(applied, 'change')} applied to account ${context.accountId} and recorded in the change log.`;
	const problem = context.error ? `Could not verify: ${context.error.message}` : undefined;
	const keys = `${applied > 0 ? `${keyLabel('rollback')} roll back ${applied === 1 ? 'this change' : `these ${plural(applied, 'change')}`} (previewed and confirmed first) · ` : ''}${keyLabel('retry')} re-reads the account and runs this step's checks again · ← → other steps`;
	// The title, the verify problem and the keys wrap; the lists get the rows left (truncated, one row each).
	const fixed = rowsAt(title, columns) + (problem ? rowsAt(problem, columns) : 0) + rowsAt(keys, columns);
	const { lines, cut } = fitSections(sections, height - fixed);
	const whole = useWholeLines({ isActive, available: cut, priority: keyPriority.screen });
	useCommands(applied > 0 ? { retry: { type: 'RELOAD' }, rollback: { type: 'ROLLBACK' } } : { retry: { type: 'RELOAD' } }, isActive && !whole, send);
	if (whole) return <WholeLines title={`Step ${step.number} · ${step.title}: the outcome, whole`} lines={[{ text: title, token: 'status.ok', bold: true }, ...(problem ? [{ text: problem, token: 'status.warning' as const }] : []), ...allSectionLines(sections)]} height={height} isActive={isActive} backTo="the outcome" />;
	return (
		<Box flexDirection="column">
			<Text {...tone('status.ok', { bold: true })}>{title}</Text>
			{problem ? <Text {...tone('status.warning')}>{problem}</Text> : null}
			<OutcomeLines lines={lines} />
			<Text {...muted()}>{keys}</Text>
		</Box>
	);
}

export function FailedView({ context, run, rollback, isActive, send }: { context: StepMachineContext; run: BatchRun; rollback: boolean; isActive: boolean; send: Send }) {
	const report = run.report;
	const applied = report?.applied ?? [];
	const left = (report?.notAttempted.length ?? 0) + (report?.failed && !report.failed.afterApply ? 1 : 0);
	useCommands(rollback ? { retry: { type: 'RETRY' }, skip: { type: 'SKIP' } } : { retry: { type: 'RETRY' }, rollback: { type: 'ROLLBACK' }, skip: { type: 'SKIP' } }, isActive, send);
	const error = context.error;
	const choices = [
		left > 0 ? `${keyLabel('retry')} retry the ${plural(left, 'change')} not applied` : undefined,
		!rollback && applied.length > 0 ? `${keyLabel('rollback')} roll back the ${plural(applied.length, 'applied change')} (previewed and confirmed first)` : undefined,
		`${keyLabel('skip')} skip: keep what was applied${rollback ? '' : ' and verify it'}`,
	].filter(Boolean);
	return (
		<Box flexDirection="column">
			<Text {...tone('status.error', { bold: true })} wrap="truncate-end">
				{rollback ? 'Rollback failed' : 'Failed'}: {error?.message ?? 'the batch stopped'}
				{error?.code ? ` (${error.code})` : ''}
			</Text>
			{report?.failed ? <Text wrap="truncate-end">At change {report.failed.index + 1}: {report.failed.action.summary}</Text> : null}
			<Text {...strong()}>Applied before it stopped ({applied.length})</Text>
			{applied.slice(0, 5).map((a, i) => (
				<Text key={i} wrap="truncate-end">
					{'  '}
					{a.action.summary}
					{a.inverse ? '' : ' (cannot be undone)'}
				</Text>
			))}
			{applied.length > 5 ? <Text {...muted()}> …and {applied.length - 5} more</Text> : null}
			{choices.map((choice) => (
				<Text key={choice} {...muted()}>
					{choice}
				</Text>
			))}
		</Box>
	);
}

export function RolledBackView({ context, isActive, send }: { context: StepMachineContext; isActive: boolean; send: Send }) {
	useCommands({ retry: { type: 'RELOAD' } }, isActive, send);
	const run = context.rollback;
	const undone = run?.report?.applied.length ?? 0;
	const verification = run?.verification;
	const confirmed = verification?.actions.filter((a) => a.verified).length ?? 0;
	return (
		<Box flexDirection="column">
			<Text {...tone('status.ok', { bold: true })}>Rolled back: {plural(undone, 'change')} undone and recorded in the change log.</Text>
			{verification ? (
				<Text>
					{confirmed} of {verification.actions.length} confirmed by re-reading.
				</Text>
			) : null}
			{unverified(verification ?? null).map((u) => (
				<Text key={u.summary} wrap="truncate-end" {...tone('status.warning')}>
					Not yet visible: {u.summary} ({u.why})
				</Text>
			))}
			{(run?.cannotUndo ?? []).map((a) => (
				<Text key={a.action.summary} wrap="truncate-end" {...tone('status.warning')}>
					Not undone (cannot be): {a.action.summary}
				</Text>
			))}
			{context.error ? <Text {...tone('status.warning')}>Could not verify: {context.error.message}</Text> : null}
			<Text {...muted()}>{keyLabel('retry')} re-reads the account and runs this step's checks again</Text>
		</Box>
	);
}

export function CancelledView({ isActive, send, canGoBack }: { isActive: boolean; send: Send; canGoBack: boolean }) {
	useCommands({ back: { type: 'BACK' }, cancel: { type: 'BACK' }, retry: { type: 'RELOAD' } }, isActive, send);
	return (
		<Box flexDirection="column">
			<Text {...strong()}>Cancelled: nothing was applied.</Text>
			<Text {...muted()}>
				{canGoBack ? `${keyLabel('back')} back to the step · ` : ''}
				{keyLabel('retry')} re-read the account
			</Text>
		</Box>
	);
}

export function LoadFailedView({ context, isActive, send }: { context: StepMachineContext; isActive: boolean; send: Send }) {
	useCommands({ retry: { type: 'RELOAD' } }, isActive, send);
	return (
		<Box flexDirection="column">
			<Text {...tone('status.error', { bold: true })}>Could not read the account: {context.error?.message ?? 'unknown error'}</Text>
			<Text {...muted()}>{keyLabel('retry')} try again</Text>
		</Box>
	);
}
