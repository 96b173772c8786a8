/** How a batch ended: done (with what verification saw), failed (retry / roll back / skip), rolled back — each cut to the rows it has, ! shows it whole — or cancelled. */
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
import { unverifiedSection, verificationSections } from '../ui/verification-sections.js';
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

const styleOf = (line: StyledLine) => (line.token === 'status.muted' ? muted() : line.token ? tone(line.token, { bold: line.bold }) : line.bold ? strong() : {});

function OutcomeLines({ lines }: { lines: readonly StyledLine[] }) {
	return (
		<>
			{lines.map((line, i) => (
				<Text key={i} wrap="truncate-end" {...styleOf(line)}>
					{line.text === '' ? ' ' : line.text}
				</Text>
			))}
		</>
	);
}

/** A line above the lists: it wraps, unless `truncate` cuts it at the edge (! shows it whole). */
type HeadLine = StyledLine & { truncate?: boolean };

interface FittedOutcomeProps {
	/** The step's name and what the outcome is, for the title of its whole view. */
	wholeTitle: string;
	/** Shown first and always (the title, what went wrong). */
	head: readonly HeadLine[];
	/** The lists: cut with fitSections to the rows the head and keys leave. */
	sections: readonly OutcomeSection[];
	/** The keys, muted, last; each wraps. */
	keys: readonly string[];
	/** Rows it may use. */
	height: number;
	commands: Partial<Record<Command, StepMachineEvent>>;
	isActive: boolean;
	send: Send;
}

/**
 * How every batch outcome fits its rows: the head and the keys wrap and are counted, the
 * lists get the rows left ("…n more · ! shows all"), and ! shows it all, wrapped.
 */
function FittedOutcome({ wholeTitle, head, sections, keys, height, commands, isActive, send }: FittedOutcomeProps) {
	const { columns } = useTerminalSize();
	const fixed = head.reduce((n, line) => n + (line.truncate ? 1 : rowsAt(line.text, columns)), 0) + keys.reduce((n, text) => n + rowsAt(text, columns), 0);
	const { lines, cut } = fitSections(sections, height - fixed);
	const truncated = head.some((line) => line.truncate && rowsAt(line.text, columns) > 1);
	const whole = useWholeLines({ isActive, available: cut || truncated, priority: keyPriority.screen });
	useCommands(commands, isActive && !whole, send);
	if (whole) return <WholeLines title={wholeTitle} lines={[...head.map(({ truncate: _, ...line }) => line), ...allSectionLines(sections)]} height={height} isActive={isActive} backTo="the outcome" />;
	return (
		<Box flexDirection="column">
			{head.map((line, i) => (
				<Text key={i} {...(line.truncate ? { wrap: 'truncate-end' as const } : {})} {...styleOf(line)}>
					{line.text}
				</Text>
			))}
			<OutcomeLines lines={lines} />
			{keys.map((text) => (
				<Text key={text} {...muted()}>
					{text}
				</Text>
			))}
		</Box>
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
	const batch = context.batch;
	const applied = batch?.report?.applied.length ?? 0;
	const verification = batch?.verification ?? null;
	const sections = [...outcome, ...(verification ? verificationSections({ gone: verification.findingsGone, remaining: verification.findingsRemaining, unconfirmed: verification.findingsUnconfirmed, unverified: unverified(verification), findings }) : [])];
	const title = applied === 0 ? 'Nothing was applied.' : `Done: ${plural(applied, 'change')} applied to account ${context.accountId} and recorded in the change log.`;
	const problem = context.error ? `Could not verify: ${context.error.message}` : undefined;
	const keys = `${applied > 0 ? `${keyLabel('rollback')} roll back ${applied === 1 ? 'this change' : `these ${plural(applied, 'change')}`} (previewed and confirmed first) · ` : ''}${keyLabel('retry')} re-reads the account and runs this step's checks again · ← → other steps`;
	return (
		<FittedOutcome
			wholeTitle={`Step ${step.number} · ${step.title}: the outcome, whole`}
			head={[{ text: title, token: 'status.ok', bold: true }, ...(problem ? [{ text: problem, token: 'status.warning' as const }] : [])]}
			sections={sections}
			keys={[keys]}
			height={height}
			commands={applied > 0 ? { retry: { type: 'RELOAD' }, rollback: { type: 'ROLLBACK' } } : { retry: { type: 'RELOAD' } }}
			isActive={isActive}
			send={send}
		/>
	);
}

/** Its applied list at most, even when there is room. */
const maxAppliedLines = 5;

export function FailedView({ step, context, run, rollback, height, isActive, send }: { step: WizardStep; context: StepMachineContext; run: BatchRun; rollback: boolean; height: number; isActive: boolean; send: Send }) {
	const report = run.report;
	const applied = report?.applied ?? [];
	const left = (report?.notAttempted.length ?? 0) + (report?.failed && !report.failed.afterApply ? 1 : 0);
	const error = context.error;
	const choices = [
		left > 0 ? `${keyLabel('retry')} retry the ${plural(left, 'change')} not applied` : undefined,
		!rollback && applied.length > 0 ? `${keyLabel('rollback')} roll back the ${plural(applied.length, 'applied change')} (previewed and confirmed first)` : undefined,
		`${keyLabel('skip')} skip: keep what was applied${rollback ? '' : ' and verify it'}`,
	].filter((choice): choice is string => choice !== undefined);
	const head: HeadLine[] = [
		{ text: `${rollback ? 'Rollback failed' : 'Failed'}: ${error?.message ?? 'the batch stopped'}${error?.code ? ` (${error.code})` : ''}`, token: 'status.error', bold: true, truncate: true },
		...(report?.failed ? [{ text: `At change ${report.failed.index + 1}: ${report.failed.action.summary}`, truncate: true }] : []),
	];
	const sections: OutcomeSection[] = [
		{ heading: { text: `Applied before it stopped (${applied.length})`, bold: true }, items: applied.map((a) => ({ text: `  ${a.action.summary}${a.inverse ? '' : ' (cannot be undone)'}` })), limit: maxAppliedLines, more: (hidden) => `…and ${hidden} more` },
	];
	return (
		<FittedOutcome
			wholeTitle={`Step ${step.number} · ${step.title}: the ${rollback ? 'failed rollback' : 'failed batch'}, whole`}
			head={head}
			sections={sections}
			keys={choices}
			height={height}
			commands={rollback ? { retry: { type: 'RETRY' }, skip: { type: 'SKIP' } } : { retry: { type: 'RETRY' }, rollback: { type: 'ROLLBACK' }, skip: { type: 'SKIP' } }}
			isActive={isActive}
			send={send}
		/>
	);
}

export function RolledBackView({ step, context, height, isActive, send }: { step: WizardStep; context: StepMachineContext; height: number; isActive: boolean; send: Send }) {
	const run = context.rollback;
	const undone = run?.report?.applied.length ?? 0;
	const verification = run?.verification;
	const confirmed = verification?.actions.filter((a) => a.verified).length ?? 0;
	const head: HeadLine[] = [
		{ text: `Rolled back: ${plural(undone, 'change')} undone and recorded in the change log.`, token: 'status.ok', bold: true },
		...(verification ? [{ text: `${confirmed} of ${verification.actions.length} confirmed by re-reading.` }] : []),
		...(context.error ? [{ text: `Could not verify: ${context.error.message}`, token: 'status.warning' as const }] : []),
	];
	// Its lists are all it has to say: they take every row they can (the longest gives up lines first).
	const sections: OutcomeSection[] = [
		unverifiedSection(unverified(verification ?? null)),
		{ items: (run?.cannotUndo ?? []).map((a) => ({ text: `Not undone (cannot be): ${a.action.summary}`, token: 'status.warning' as const })), limit: Infinity, more: (hidden) => `…${hidden} more not undone` },
	];
	return (
		<FittedOutcome
			wholeTitle={`Step ${step.number} · ${step.title}: the rollback, whole`}
			head={head}
			sections={sections}
			keys={[`${keyLabel('retry')} re-reads the account and runs this step's checks again`]}
			height={height}
			commands={{ retry: { type: 'RELOAD' } }}
			isActive={isActive}
			send={send}
		/>
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
