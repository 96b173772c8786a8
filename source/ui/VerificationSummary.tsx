/** After a batch: which targeted findings are gone (re-read and confirmed), which remain. */
import { Box } from 'ink';
import { Text } from './Text.js';
import type { Finding } from '../core/finding.js';
import { findingSubject } from './finding-subject.js';
import { muted, strong, tone } from './theme.js';

export interface VerificationSummaryProps {
	gone: readonly string[];
	remaining: readonly string[];
	unconfirmed: readonly string[];
	/** Actions whose change could not be seen on re-reading, with why. */
	unverified: readonly { summary: string; why: string }[];
	/** To name findings by title (the lists hold fingerprints or IDs). */
	findings: readonly Finding[];
	/** Lines at most per list; the rest are counted. */
	maxLines?: number;
}

function findingName(key: string, findings: readonly Finding[]): string {
	const finding = findings.find((f) => f.fingerprint === key) ?? findings.find((f) => f.id === key);
	if (!finding) return key;
	const subject = findingSubject(finding);
	// Account-wide findings share title and subject (eight "IAM Config rule missing: account"): the detail tells them apart.
	return subject === 'account' ? `${finding.title}: account · ${finding.detail}` : `${finding.title}: ${subject}`;
}

export function VerificationSummary({ gone, remaining, unconfirmed, unverified, findings, maxLines = 4 }: VerificationSummaryProps) {
	const list = (keys: readonly string[]) => (
		<>
			{keys.slice(0, maxLines).map((key) => (
				<Text key={key} wrap="truncate-end">
					{'  '}
					{findingName(key, findings)}
				</Text>
			))}
			{keys.length > maxLines ? <Text {...muted()}> …and {keys.length - maxLines} more</Text> : null}
		</>
	);
	return (
		<Box flexDirection="column">
			<Text {...tone('status.ok', { bold: true })}>Gone ({gone.length}): re-read and confirmed fixed</Text>
			{list(gone)}
			{remaining.length > 0 ? <Text {...tone('status.warning', { bold: true })}>Remaining ({remaining.length})</Text> : <Text {...strong()}>Remaining (0)</Text>}
			{list(remaining)}
			{unconfirmed.length > 0 ? <Text {...muted()}>Applied, nothing to re-read ({unconfirmed.length})</Text> : null}
			{list(unconfirmed)}
			{unverified.slice(0, maxLines).map((u) => (
				<Text key={u.summary} wrap="truncate-end" {...tone('status.warning')}>
					Not yet visible: {u.summary} ({u.why})
				</Text>
			))}
		</Box>
	);
}
