/**
 * A step's findings as a table the operator works with: sorted by severity (o cycles the
 * order), filtered by ID or text (/ opens a text field; letters are text while it has focus,
 * Enter keeps the filter, Esc clears and leaves), and Enter opens the finding under the
 * cursor with its evidence (b or Esc closes it).
 */
import { useCallback, useMemo, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../ui/Text.js';
import type { Finding } from '../core/finding.js';
import { severityRank } from '../core/finding-catalogue.js';
import { FindingRow } from '../ui/FindingsList.js';
import { commandHint, hints, keyLabel } from '../ui/key-bindings.js';
import { findingsTableKeys } from './findings-table-keys.js';
import { keyPriority } from '../ui/KeyDispatcher.js';
import { ScrollList } from '../ui/ScrollList.js';
import { ScrollText, type StyledLine } from '../ui/ScrollText.js';
import { useTerminalSize } from '../ui/use-terminal-size.js';
import { wrapLines } from '../ui/wrap-lines.js';
import { TextField } from '../ui/TextField.js';
import { muted, strong, tone } from '../ui/theme.js';
import { useKeyLayer } from '../ui/use-key-layer.js';

export type FindingsOrder = 'severity' | 'resource' | 'id';
const orders: FindingsOrder[] = ['severity', 'resource', 'id'];

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortFindingsBy(findings: readonly Finding[], order: FindingsOrder): Finding[] {
	const bySeverity = (a: Finding, b: Finding) => severityRank(a.severity) - severityRank(b.severity);
	const compare =
		order === 'severity'
			? (a: Finding, b: Finding) => bySeverity(a, b) || text(a.resource, b.resource) || text(a.id, b.id)
			: order === 'resource'
				? (a: Finding, b: Finding) => text(a.resource, b.resource) || bySeverity(a, b) || text(a.id, b.id)
				: (a: Finding, b: Finding) => text(a.id, b.id) || bySeverity(a, b) || text(a.resource, b.resource);
	return [...findings].sort(compare);
}

/** A finding matches when every word of the filter is in its ID, title, detail or resource (case-insensitive). */
export function filterFindings(findings: readonly Finding[], filter: string): Finding[] {
	const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return [...findings];
	return findings.filter((f) => {
		const haystack = `${f.id} ${f.title} ${f.detail} ${f.resource} ${f.severity}`.toLowerCase();
		return words.every((w) => haystack.includes(w));
	});
}

function jsonLines(value: unknown): string[] {
	return JSON.stringify(value, null, 2).split('\n');
}

/** The ID column: 22 wide; a longer ID ends in … (Enter shows it whole), never cut silently mid-word. */
export function idCell(id: string): string {
	return id.length > 22 ? `${id.slice(0, 21)}…` : id.padEnd(22);
}

export function evidenceLines(finding: Finding): StyledLine[] {
	return [
		{ text: `${finding.severity.toUpperCase()} ${finding.id}: ${finding.title}`, bold: true },
		{ text: `Resource: ${finding.resource}` },
		{ text: finding.detail },
		{ text: `Controls: ${finding.controls.length > 0 ? finding.controls.join(', ') : 'none mapped'}`, token: 'status.muted' },
		{ text: `Fingerprint: ${finding.fingerprint}`, token: 'status.muted' },
		...(finding.suppressed ? [{ text: `Suppressed: ${finding.suppressed.reason}`, token: 'status.warning' as const }] : []),
		{ text: '' },
		{ text: 'Evidence', bold: true },
		...jsonLines(finding.evidence).map((line) => ({ text: line })),
	];
}

export type FindingsTableView = 'list' | 'filter' | 'evidence';

export interface FindingsTableProps {
	findings: readonly Finding[];
	height: number;
	isActive: boolean;
	onCursorChange?: (finding: Finding | undefined) => void;
	/** Tells the screen when a text field or the evidence has the keys. */
	onViewChange?: (view: FindingsTableView) => void;
	title?: string;
}

export function FindingsTable({ findings, height, isActive, onCursorChange, onViewChange, title = 'Findings' }: FindingsTableProps) {
	const [order, setOrder] = useState<FindingsOrder>('severity');
	const [filter, setFilter] = useState('');
	const [view, setViewState] = useState<FindingsTableView>('list');
	const [cursor, setCursor] = useState<Finding | undefined>();
	const [opened, setOpened] = useState<Finding | undefined>();
	const { columns } = useTerminalSize();
	const shown = useMemo(() => filterFindings(sortFindingsBy(findings, order), filter), [findings, order, filter]);
	const setView = (next: FindingsTableView) => {
		setViewState(next);
		onViewChange?.(next);
	};
	const cursorChanged = useCallback(
		(finding: Finding | undefined) => {
			setCursor(finding);
			onCursorChange?.(finding);
		},
		[onCursorChange],
	);

	useKeyLayer(
		(event) => {
			const { command } = event;
			if (view === 'evidence') {
				if (command !== 'back' && command !== 'cancel') return false;
				setView('list');
				return true;
			}
			if (view !== 'list') return false;
			const action = findingsTableKeys.match(event);
			if (action === 'filter') {
				setView('filter');
				return true;
			}
			if (action === 'order') {
				setOrder((o) => orders[(orders.indexOf(o) + 1) % orders.length]!);
				return true;
			}
			if (command === 'next' && cursor) {
				setOpened(cursor);
				setView('evidence');
				return true;
			}
			return false;
		},
		{ isActive, priority: keyPriority.screen + 1, keys: findingsTableKeys },
	);

	if (view === 'evidence' && opened) {
		return (
			<Box flexDirection="column">
				{/* Wrapped, never cut: the evidence is where a finding is read in full. */}
				{/* Its lines, its "lines x–y of n" line and the line that goes back fill `height`. */}
				<ScrollText lines={wrapLines(evidenceLines(opened), Math.max(20, columns - 1))} height={Math.max(3, height - 2)} isActive={isActive} />
				<Text {...muted()}>{keyLabel('back')} or {keyLabel('cancel')} back to the findings · ↑↓ scroll</Text>
			</Box>
		);
	}
	const heading = `${title} (${shown.length === findings.length ? findings.length : `${shown.length} of ${findings.length}`}) · by ${order}`;
	return (
		<Box flexDirection="column">
			<Box>
				<Text {...tone('focus.title', { bold: true })}>{heading}</Text>
				<Text> · filter: </Text>
				{view === 'filter' ? (
					<TextField
						value={filter}
						onChange={setFilter}
						onSubmit={() => setView('list')}
						onLeave={() => {
							setFilter('');
							setView('list');
						}}
						isActive={isActive}
						placeholder="ID or text"
					/>
				) : (
					<Text {...(filter ? strong() : muted())}>{filter || `none (${findingsTableKeys.label('filter')} to filter)`}</Text>
				)}
			</Box>
			<ScrollList
				items={shown}
				// The heading, the list's "rows x–y of n" line and the hints take three of `height`.
				height={Math.max(1, height - 3)}
				isActive={isActive && view === 'list'}
				emptyText={filter ? `No finding matches "${filter}".` : 'No findings.'}
				onCursorChange={cursorChanged}
				renderRow={(finding) => (
					<Text>
						<Text {...muted()}>{idCell(finding.id)} </Text>
						<FindingRow finding={finding} />
					</Text>
				)}
			/>
			<Text wrap="truncate-end" {...muted()}>
				{hints(findingsTableKeys.hint('filter'), findingsTableKeys.hint('order'), commandHint('next', 'evidence'))}
			</Text>
		</Box>
	);
}
