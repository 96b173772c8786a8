/** A step's findings, most severe first, in a scrolling window. */
import { Text } from './Text.js';
import type { Finding } from '../core/finding.js';
import type { Severity } from '../core/finding-catalogue.js';
import { ScrollList } from './ScrollList.js';
import { muted, tone } from './theme.js';
import { findingSubject } from './finding-subject.js';

export function severityLabel(severity: Severity): string {
	return `${severity.toUpperCase().padEnd(8)} `;
}

export function FindingRow({ finding }: { finding: Finding }) {
	return (
		<Text>
			<Text {...tone(`severity.${finding.severity}`)}>{severityLabel(finding.severity)}</Text>
			{finding.title}: {findingSubject(finding)}
			<Text {...muted()}> {finding.detail}</Text>
		</Text>
	);
}

export function FindingsList({
	findings,
	height,
	isActive,
	onCursorChange,
	onOpen,
}: {
	findings: readonly Finding[];
	height: number;
	isActive: boolean;
	onCursorChange?: (finding: Finding | undefined) => void;
	onOpen?: (finding: Finding) => void;
}) {
	return (
		<ScrollList
			items={findings}
			height={height}
			isActive={isActive}
			{...(onCursorChange ? { onCursorChange } : {})}
			{...(onOpen ? { onOpen } : {})}
			emptyText="No findings."
			renderRow={(finding) => <FindingRow finding={finding} />}
		/>
	);
}
