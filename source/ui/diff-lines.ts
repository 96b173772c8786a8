/**
 * The lines of a unified diff, classified for colouring. The diff itself is jsdiff's
 * (`structuredPatch`); this only pretty-prints the inputs and labels each line.
 */
import { structuredPatch } from 'diff';
import type { PolicyDocument } from '../core/policy-document.js';
import { policyDocumentToJson } from '../core/policy-document.js';

export type DiffLineKind = 'header' | 'hunk' | 'added' | 'removed' | 'context' | 'note';

export interface DiffLine {
	kind: DiffLineKind;
	text: string;
}

/** A unified diff of two texts; `before` null means the thing does not exist yet. */
export function unifiedDiffLines(label: string, before: string | null, after: string | null, context = 3): DiffLine[] {
	const oldText = before === null ? '' : ensureNewline(before);
	const newText = after === null ? '' : ensureNewline(after);
	const lines: DiffLine[] = [
		{ kind: 'header', text: `--- ${before === null ? '/dev/null' : `${label} (now)`}` },
		{ kind: 'header', text: `+++ ${after === null ? '/dev/null' : `${label} (after)`}` },
	];
	if (oldText === newText) return [...lines, { kind: 'note', text: '(no change)' }];
	const patch = structuredPatch('before', 'after', oldText, newText, undefined, undefined, { context });
	for (const hunk of patch.hunks) {
		lines.push({ kind: 'hunk', text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@` });
		for (const line of hunk.lines) {
			if (line.startsWith('\\')) continue;
			const kind: DiffLineKind = line.startsWith('+') ? 'added' : line.startsWith('-') ? 'removed' : 'context';
			lines.push({ kind, text: line });
		}
	}
	return lines;
}

/** Policy documents pretty-printed the way AWS stores them, then diffed. */
export function policyDiffLines(label: string, before: PolicyDocument | null, after: PolicyDocument | null): DiffLine[] {
	return unifiedDiffLines(label, before && policyDocumentToJson(before, 2), after && policyDocumentToJson(after, 2));
}

/** Before → after of named settings (a password policy, a key status), changed ones only. */
export interface SettingChange {
	name: string;
	before: string;
	after: string;
}

export function settingChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): SettingChange[] {
	const names = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
	return names
		.map((name) => ({ name, before: showValue(before?.[name]), after: showValue(after?.[name]) }))
		.filter((change) => change.before !== change.after);
}

export function showValue(value: unknown): string {
	if (value === undefined || value === null) return '(not set)';
	if (typeof value === 'string') return value;
	return JSON.stringify(value);
}

function ensureNewline(text: string): string {
	return text.endsWith('\n') ? text : `${text}\n`;
}
