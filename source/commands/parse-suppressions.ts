/**
 * The suppressions file's text as entries, with the line of each problem (see suppressions.ts
 * for the format). Apart from suppressions.ts so that the YAML parser is loaded only when a
 * command has a suppressions file to read.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { isCalendarDate } from '../core/dates.js';
import { isFindingId } from '../core/finding-catalogue.js';
import { UsageError } from './command-io.js';
import type { Suppression } from './suppressions.js';

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
