/** After a batch: which of the findings it targeted are gone (re-read and confirmed), which remain, as sections the outcome cuts to its rows. */
import type { Finding } from '../core/finding.js';
import { findingSubject } from './finding-subject.js';
import type { OutcomeSection } from './outcome-sections.js';

export interface VerificationLists {
	gone: readonly string[];
	remaining: readonly string[];
	unconfirmed: readonly string[];
	/** Actions whose change could not be seen on re-reading, with why. */
	unverified: readonly { summary: string; why: string }[];
	/** To name findings by title (the lists hold fingerprints or IDs). */
	findings: readonly Finding[];
}

function findingName(key: string, findings: readonly Finding[]): string {
	const finding = findings.find((f) => f.fingerprint === key) ?? findings.find((f) => f.id === key);
	if (!finding) return key;
	const subject = findingSubject(finding);
	// Account-wide findings share title and subject (eight "IAM Config rule missing: account"): the detail tells them apart.
	// One principal's escalations differ by method only ("Privilege escalation (AttachUserPolicy): user/nina"), as previews name them.
	const title = `${finding.title}${finding.method ? ` (${finding.method})` : ''}`;
	return subject === 'account' ? `${title}: account · ${finding.detail}` : `${title}: ${subject}`;
}

/** The actions whose change a re-read did not show (after a batch or its rollback), with why. */
export function unverifiedSection(unverified: VerificationLists['unverified']): OutcomeSection {
	return { items: unverified.map((u) => ({ text: `Not yet visible: ${u.summary} (${u.why})`, token: 'status.warning' as const })), limit: Infinity, more: (hidden) => `…${hidden} more not yet visible` };
}

/** Every list takes the rows the screen has (a 140×40 terminal shows 25 findings gone, not 4 and a count); fitSections cuts the longest first. */
export function verificationSections({ gone, remaining, unconfirmed, unverified, findings }: VerificationLists): OutcomeSection[] {
	const items = (keys: readonly string[]) => keys.map((key) => ({ text: `  ${findingName(key, findings)}` }));
	const more = (hidden: number) => `…and ${hidden} more`;
	return [
		{ heading: { text: `Gone (${gone.length}): re-read and confirmed fixed`, token: 'status.ok', bold: true }, items: items(gone), limit: Infinity, more },
		// Of the findings this batch targeted, not of the step's: the step list beside it counts what the whole step has left.
		{ heading: { text: `Remaining of this batch's findings (${remaining.length})`, ...(remaining.length > 0 ? { token: 'status.warning' as const } : {}), bold: true }, items: items(remaining), limit: Infinity, more },
		{ ...(unconfirmed.length > 0 ? { heading: { text: `Applied, nothing to re-read (${unconfirmed.length})`, token: 'status.muted' as const } } : {}), items: items(unconfirmed), limit: Infinity, more },
		unverifiedSection(unverified),
	];
}
