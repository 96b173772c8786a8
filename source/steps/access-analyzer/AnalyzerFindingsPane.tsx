/** The analyzer findings, grouped by resource, in a window; rows arrive while pages load. */
import { useMemo } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import type { AnalyzerFinding } from '../../core/model.js';
import { shortResource } from '../../ui/finding-subject.js';
import { keyLabel } from '../../ui/key-bindings.js';
import { analyzerKeys } from './analyzer-keys.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { ScrollList } from '../../ui/ScrollList.js';
import { ScrollText } from '../../ui/ScrollText.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { useTerminalSize } from '../../ui/use-terminal-size.js';
import { wrapLines } from '../../ui/wrap-lines.js';
import { evidenceLines } from '../step-screen-findings-table.js';
import { muted, strong, tone } from '../../ui/theme.js';
import { analyzerFindingToFinding, describeAnalyzerFinding, isExternalAccess } from './analyzer-findings.js';
import { groupByResource, type FindingsRow } from './findings-loader.js';

export interface AnalyzerFindingsPaneProps {
	findings: readonly AnalyzerFinding[];
	/** Analyzer finding ID → the step it is marked for. */
	marks: ReadonlyMap<string, number>;
	height: number;
	isActive: boolean;
	onCursorChange: (row: FindingsRow | undefined) => void;
	/** Enter on a finding row, with the row under the cursor when the key arrived (not as last drawn). */
	onOpen: (finding: AnalyzerFinding) => void;
	emptyText: string;
}

export function AnalyzerFindingRow({ finding, mark }: { finding: AnalyzerFinding; mark?: number }) {
	const external = isExternalAccess(finding);
	return (
		<Text>
			{'  '}
			<Text {...tone(external ? 'severity.high' : 'severity.medium')}>{external ? 'EXTERNAL ' : 'UNUSED   '}</Text>
			{describeAnalyzerFinding(finding)}
			{mark ? <Text {...tone('status.info')}> → step {mark}</Text> : null}
		</Text>
	);
}

export function AnalyzerFindingsPane({ findings, marks, height, isActive, onCursorChange, onOpen, emptyText }: AnalyzerFindingsPaneProps) {
	const rows = useMemo(() => groupByResource(findings), [findings]);
	return (
		<ScrollList
			items={rows}
			height={height}
			isActive={isActive}
			emptyText={emptyText}
			onCursorChange={onCursorChange}
			onOpen={(row) => {
				if (row.kind === 'finding') onOpen(row.finding);
			}}
			renderRow={(row) =>
				row.kind === 'resource' ? (
					<Text>
						<Text {...strong()}>{shortResource(row.resource)}</Text>
						<Text {...muted()}>
							{' '}
							{row.resourceType} · {row.count} finding{row.count === 1 ? '' : 's'}
						</Text>
					</Text>
				) : (
					<AnalyzerFindingRow finding={row.finding} mark={marks.get(row.finding.id)} />
				)
			}
		/>
	);
}

/** One analyzer finding opened: what Access Analyzer reported, as evidence. */
export function AnalyzerFindingEvidence({ finding, mark, height, isActive, onClose }: { finding: AnalyzerFinding; mark?: number; height: number; isActive: boolean; onClose: () => void }) {
	const { columns } = useTerminalSize();
	useKeyLayer(
		({ command }) => {
			if (command !== 'back' && command !== 'cancel') return false;
			onClose();
			return true;
		},
		{ isActive, priority: keyPriority.screen },
	);
	const lines = [...evidenceLines(analyzerFindingToFinding(finding)), ...(mark ? [{ text: `Marked for remediation in step ${mark}.`, token: 'status.info' as const }] : [])];
	return (
		<Box flexDirection="column">
			<ScrollText lines={wrapLines(lines, Math.max(20, columns - 1))} height={Math.max(3, height - 1)} isActive={isActive} />
			<Text {...muted()}>
				{keyLabel('back')} or {keyLabel('cancel')} back to the findings · {analyzerKeys.label('archive')} and {analyzerKeys.label('defer')} act on it from the list
			</Text>
		</Box>
	);
}
