/** The analyzer findings, grouped by resource, in a window; rows arrive while pages load. */
import { useMemo } from 'react';
import { Text } from 'ink';
import type { AnalyzerFinding } from '../../core/model.js';
import { shortResource } from '../../ui/FindingsList.js';
import { ScrollList } from '../../ui/ScrollList.js';
import { muted, strong, tone } from '../../ui/theme.js';
import { describeAnalyzerFinding, isExternalAccess } from './analyzer-findings.js';
import { groupByResource, type FindingsRow } from './findings-loader.js';

export interface AnalyzerFindingsPaneProps {
	findings: readonly AnalyzerFinding[];
	/** Analyzer finding ID → the step it is marked for. */
	marks: ReadonlyMap<string, number>;
	height: number;
	isActive: boolean;
	onCursorChange: (row: FindingsRow | undefined) => void;
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

export function AnalyzerFindingsPane({ findings, marks, height, isActive, onCursorChange, emptyText }: AnalyzerFindingsPaneProps) {
	const rows = useMemo(() => groupByResource(findings), [findings]);
	return (
		<ScrollList
			items={rows}
			height={height}
			isActive={isActive}
			emptyText={emptyText}
			onCursorChange={onCursorChange}
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
