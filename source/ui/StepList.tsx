/**
 * The six steps, the current one marked, each with how far it has got: one line each, or,
 * in a short terminal, all six run together on as few lines as the width allows.
 */
import { Box } from 'ink';
import { Text } from './Text.js';
import { muted, tone } from './theme.js';

export interface StepStatus {
	/** Undefined until the step has been opened (and its checks have run). */
	findings?: number;
	selected?: number;
	applied?: number;
	/** The step's lifecycle state, for a short note: "loading", "applying", "failed", ... */
	phase?: string;
}

export interface StepListEntry {
	number: number;
	title: string;
	status: StepStatus;
}

/** Below this many terminal rows the list is run together (compactStepLines): six lines are a quarter of an 80×24 screen. */
export const compactStepListBelowRows = 30;

export function stepStatusText(status: StepStatus): string {
	if (status.findings === undefined) return status.phase === 'loading' ? 'loading…' : 'not opened yet';
	const parts = [`${status.findings} finding${status.findings === 1 ? '' : 's'}`, `${status.selected ?? 0} selected`, `${status.applied ?? 0} applied`];
	if (status.phase && !['reviewing', 'loading'].includes(status.phase)) parts.push(status.phase);
	return parts.join(' · ');
}

/**
 * A step's status in the run-together list: its finding count (the current step's screen titles
 * the same number "Findings (n)"), then what was applied and a phase other than reviewing in
 * brackets; "–" not opened yet, "…" loading.
 */
export function compactStatusText(status: StepStatus): string {
	if (status.findings === undefined) return status.phase === 'loading' ? '…' : '–';
	const notes = [(status.applied ?? 0) > 0 ? `${status.applied} applied` : undefined, status.phase && !['reviewing', 'loading'].includes(status.phase) ? status.phase : undefined].filter(Boolean);
	return notes.length > 0 ? `${status.findings} (${notes.join(', ')})` : String(status.findings);
}

export interface CompactStepItem {
	entry: StepListEntry;
	current: boolean;
	/** "› 4 Permission boundaries" or "1 Inventory". */
	name: string;
	status: string;
	/** The " · " before it, unless it starts a line. */
	separated: boolean;
}

const separator = ' · ';

/** The steps run together and wrapped at whole steps to `columns` (the titles and statuses are one column a character). */
export function compactStepLines(steps: readonly StepListEntry[], current: number, columns: number): CompactStepItem[][] {
	const lines: CompactStepItem[][] = [];
	let line: CompactStepItem[] = [];
	let width = 0;
	for (const entry of steps) {
		const isCurrent = entry.number === current;
		const name = `${isCurrent ? '› ' : ''}${entry.number} ${entry.title}`;
		const status = compactStatusText(entry.status);
		const itemWidth = name.length + 1 + status.length;
		if (line.length > 0 && width + separator.length + itemWidth > columns) {
			lines.push(line);
			line = [];
			width = 0;
		}
		line.push({ entry, current: isCurrent, name, status, separated: line.length > 0 });
		width += (line.length > 1 ? separator.length : 0) + itemWidth;
	}
	if (line.length > 0) lines.push(line);
	return lines;
}

/** The rows the list takes: one a step, or the run-together lines in a terminal under compactStepListBelowRows. */
export function stepListRows(steps: readonly StepListEntry[], current: number, size: { columns: number; rows: number }): number {
	return size.rows < compactStepListBelowRows ? compactStepLines(steps, current, size.columns).length : steps.length;
}

function CompactStepList({ steps, current, columns }: { steps: readonly StepListEntry[]; current: number; columns: number }) {
	return (
		<Box flexDirection="column">
			{compactStepLines(steps, current, columns).map((line) => (
				<Text key={line[0]!.entry.number} wrap="truncate-end">
					{line.map((item) => (
						<Text key={item.entry.number}>
							{item.separated ? <Text {...muted()}>{separator}</Text> : null}
							<Text {...(item.current ? tone('focus.cursor', { bold: true }) : {})}>{item.name} </Text>
							<Text {...(item.entry.status.phase === 'failed' ? tone('status.error') : item.current ? {} : muted())}>{item.status}</Text>
						</Text>
					))}
				</Text>
			))}
		</Box>
	);
}

export function StepList({ steps, current, size }: { steps: readonly StepListEntry[]; current: number; size: { columns: number; rows: number } }) {
	if (size.rows < compactStepListBelowRows) return <CompactStepList steps={steps} current={current} columns={size.columns} />;
	return (
		<Box flexDirection="column">
			{steps.map((step) => {
				const isCurrent = step.number === current;
				const failed = step.status.phase === 'failed';
				return (
					<Text key={step.number} wrap="truncate-end">
						<Text {...(isCurrent ? tone('focus.cursor', { bold: true }) : {})}>
							{isCurrent ? '› ' : '  '}
							{step.number} {step.title.padEnd(24)}
						</Text>
						<Text {...(failed ? tone('status.error') : muted())}>{stepStatusText(step.status)}</Text>
					</Text>
				);
			})}
		</Box>
	);
}
