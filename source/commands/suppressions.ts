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
import { isCalendarDate } from '../core/dates.js';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { isNodeError } from '../audit/audit-input-error.js';
import type { Finding } from '../core/finding.js';
import { isFindingId } from '../core/finding-catalogue.js';
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

const fields = new Set(['id', 'resource', 'reason', 'expires']);

function malformed(file: string, line: number, message: string): UsageError {
	return new UsageError(`${file} line ${line}: ${message}.`);
}

function entryOf(item: unknown, file: string, lineOf: (node: Node | null | undefined) => number): Suppression {
	const line = lineOf(item as Node);
	if (!isMap(item)) throw malformed(file, line, 'each suppression is a mapping with id, resource, reason and (optionally) expires');
	const map = item as YAMLMap;
	for (const pair of map.items) {
		const key = isScalar(pair.key) ? String(pair.key.value) : '?';
		if (!fields.has(key)) throw malformed(file, lineOf(pair.key as Node), `unknown field "${key}" (a suppression has id, resource, reason, expires)`);
	}
	const text = (name: string, required: boolean): string | undefined => {
		const node = map.get(name, true) as Node | undefined;
		if (node === undefined) {
			if (required) throw malformed(file, line, `the suppression has no ${name}`);
			return undefined;
		}
		const value = isScalar(node) ? node.value : undefined;
		if (typeof value !== 'string' || value.trim() === '') throw malformed(file, lineOf(node), `${name} must be text`);
		return value.trim();
	};
	const id = text('id', true) as string;
	if (!isFindingId(id)) throw malformed(file, lineOf(map.get('id', true) as Node), `"${id}" is not a finding ID from the catalogue`);
	const resource = text('resource', true) as string;
	const reason = text('reason', true) as string;
	const expires = text('expires', false);
	if (expires !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(expires) || !isCalendarDate(expires))) {
		throw malformed(file, lineOf(map.get('expires', true) as Node), `expires "${expires}" is not a date (YYYY-MM-DD)`);
	}
	return { id, resource, reason, ...(expires ? { expires } : {}), line };
}

export function parseSuppressions(text: string, file: string): Suppression[] {
	const counter = new LineCounter();
	const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
	const lineOf = (node: Node | null | undefined) => (node?.range ? counter.linePos(node.range[0]).line : 1);
	const error = doc.errors[0];
	if (error) throw malformed(file, error.linePos?.[0].line ?? 1, error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
	const root = doc.contents;
	if (root === null) return [];
	const list = isSeq(root) ? root : isMap(root) ? (root as YAMLMap).get('suppressions', true) : undefined;
	if (isMap(root) && (root as YAMLMap).items.some((p) => !(isScalar(p.key) && p.key.value === 'suppressions'))) {
		throw malformed(file, lineOf(root), 'the file holds one key, "suppressions", with a list under it');
	}
	if (list === null || (isScalar(list) && list.value === null)) return [];
	if (!isSeq(list)) throw malformed(file, lineOf((list as Node | undefined) ?? root), 'expected a list of suppressions under "suppressions"');
	return list.items.map((item) => entryOf(item, file, lineOf));
}

/** The file --suppressions names, else the first default file in the working directory; undefined when there is none. */
export function loadSuppressions(explicit: string | undefined, cwd: string): SuppressionList | undefined {
	const file = explicit !== undefined ? resolve(cwd, explicit) : defaultSuppressionFiles.map((name) => resolve(cwd, name)).find((f) => existsSync(f));
	if (file === undefined) return undefined;
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if (isNodeError(error, 'ENOENT')) throw new UsageError(`The suppressions file ${file} does not exist.`);
		throw new UsageError(`Could not read the suppressions file ${file}: ${(error as Error).message}.`);
	}
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
