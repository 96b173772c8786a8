/**
 * Suppressions: findings an operator has accepted, for a reason and until a date. A
 * suppressed finding stays in every report, marked `suppressed: {reason, expires}`, and
 * no longer counts for --fail-on; an expired suppression stops applying and says so.
 *
 * The file (YAML or JSON, which YAML reads too, so both get line numbers):
 *
 *   suppressions:
 *     - id: KEY_NOT_ROTATED                             # a finding ID from the catalogue
 *       resource: arn:aws:iam::123456789012:user/ci-*   # IAM's wildcards: * any run, ? one character
 *       reason: rotated by the vault job, SEC-42
 *       expires: 2027-03-31                             # optional; applies through that day (UTC)
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isNodeError } from '../audit/audit-input-error.js';
import type { Finding } from '../core/finding.js';
import { UsageError } from './command-io.js';
import { fieldMatches } from '../core/policy-engine/wildcard.js';

export const defaultSuppressionFiles = ['.iam-wizard-suppressions.yaml', '.iam-wizard-suppressions.yml', '.iam-wizard-suppressions.json'] as const;

export interface Suppression {
	id: string;
	resource: string;
	reason: string;
	/** YYYY-MM-DD: the last day it applies (UTC). */
	expires?: string;
	/** Where it is written, for notices. */
	line: number;
}

export interface SuppressionList {
	file: string;
	entries: Suppression[];
}

/**
 * The file --suppressions names, else the first default file in the working directory; undefined when there is none.
 * The YAML parser (260 KB bundled) is loaded only when there is a file to read.
 */
export async function loadSuppressions(explicit: string | undefined, cwd: string): Promise<SuppressionList | undefined> {
	const file = explicit !== undefined ? resolve(cwd, explicit) : defaultSuppressionFiles.map((name) => resolve(cwd, name)).find((f) => existsSync(f));
	if (file === undefined) return undefined;
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if (isNodeError(error, 'ENOENT')) throw new UsageError(`The suppressions file ${file} does not exist.`);
		throw new UsageError(`Could not read the suppressions file ${file}: ${(error as Error).message}.`);
	}
	const { parseSuppressions } = await import('./parse-suppressions.js');
	return { file, entries: parseSuppressions(text, file) };
}

/** Whether a suppression has expired at `now`: it applies through the whole of its expiry day (UTC). */
export function suppressionExpired(entry: Suppression, now: Date): boolean {
	if (!entry.expires) return false;
	return now.getTime() >= Date.parse(`${entry.expires}T00:00:00Z`) + 24 * 60 * 60 * 1000;
}

export function applySuppressions(findings: Finding[], list: SuppressionList | undefined, now: Date): { findings: Finding[]; notices: string[] } {
	if (!list || list.entries.length === 0) return { findings, notices: [] };
	const live = list.entries.filter((e) => !suppressionExpired(e, now));
	const expired = list.entries.filter((e) => suppressionExpired(e, now));
	const out = findings.map((finding) => {
		const hit = live.find((e) => e.id === finding.id && fieldMatches('arn', e.resource, finding.resource));
		if (!hit) return finding;
		return { ...finding, suppressed: { reason: hit.reason, ...(hit.expires ? { expires: hit.expires } : {}) } };
	});
	const notices = expired.map((e) => {
		const matched = findings.filter((f) => f.id === e.id && fieldMatches('arn', e.resource, f.resource)).length;
		return `The suppression of ${e.id} on ${e.resource} (${list.file} line ${e.line}) expired on ${e.expires}: it no longer applies${matched > 0 ? `, and ${matched} finding${matched === 1 ? ' is' : 's are'} reported again` : ''}.`;
	});
	return { findings: out, notices };
}
