/** A step's findings, most severe first, in a scrolling window. */
import { Text } from './Text.js';
import type { Finding } from '../core/finding.js';
import type { Severity } from '../core/finding-catalogue.js';
import { ScrollList } from './ScrollList.js';
import { muted, tone } from './theme.js';

export function severityLabel(severity: Severity): string {
	return `${severity.toUpperCase().padEnd(8)} `;
}

/** "arn:aws:iam::123456789012:user/alice" → "user/alice": the account is in the header already. */
export function shortResource(resource: string): string {
	const match = /^arn:[^:]+:[^:]*:[^:]*:\d*:(.+)$/.exec(resource);
	return match ? match[1] : resource;
}

/**
 * What a finding is about, short: the account's own ARN (`…:root`) is "the root user" only for
 * the ROOT_* findings; for the account-wide ones (Config, alerts, password policy, guardrail…)
 * it names the account, so "AWS Config not recording" never reads as being about the root user.
 */
export function findingSubject(finding: Pick<Finding, 'id' | 'resource'>): string {
	if (/^arn:[^:]+:iam::\d{12}:root$/.test(finding.resource) && !finding.id.startsWith('ROOT_')) return 'account';
	return shortResource(finding.resource);
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
