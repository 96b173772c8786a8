/**
 * "What changed" for the export: the state a result recorded before the call, against the
 * state after it (recorded, or else what the action set: its expected state), as one line
 * per changed field. Policy documents and lists are shown whole.
 */
import type { Action, ApplyResult } from '../core/actions.js';
import { expectedStateAfter, sameValue } from '../core/expected-state.js';

export interface FieldChange {
	/** "Status", "PasswordPolicy.MinimumPasswordLength". */
	field: string;
	before: string;
	after: string;
}

function clone(value: unknown): unknown {
	return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function valueAt(target: Record<string, unknown>, path: string[]): unknown {
	let node: unknown = target;
	for (const key of path) {
		if (typeof node !== 'object' || node === null) return undefined;
		node = (node as Record<string, unknown>)[key];
	}
	return node;
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
	let node = target;
	for (const key of path.slice(0, -1)) {
		if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
		node = node[key] as Record<string, unknown>;
	}
	node[path[path.length - 1]] = value;
}

/** The state after `action`, from the state before it and what the action sets; undefined when that cannot be told. */
export function stateAfterAction(action: Action, before: unknown, result: ApplyResult | undefined): unknown {
	const expected = expectedStateAfter(action, result ?? {});
	if ('unverifiable' in expected) return undefined;
	const after = (typeof before === 'object' && before !== null ? clone(before) : {}) as Record<string, unknown>;
	for (const check of expected.checks) {
		if ('equals' in check) setAt(after, check.path, check.equals);
		else if ('document' in check) setAt(after, check.path, check.document);
		else if ('json' in check) setAt(after, check.path, check.json);
		else {
			const current = valueAt(after, check.path);
			const list = Array.isArray(current) && !check.whole ? [...(current as unknown[])] : [];
			for (const item of check.includes) if (!list.some((x) => sameValue(x, item))) list.push(item);
			setAt(after, check.path, list);
		}
	}
	return after;
}

function isLeaf(value: unknown): boolean {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return true;
	return 'Statement' in value || Object.keys(value).length === 0;
}

function flatten(value: unknown, prefix: string, into: Map<string, unknown>): void {
	if (isLeaf(value)) {
		into.set(prefix || 'value', value);
		return;
	}
	for (const [key, child] of Object.entries(value as Record<string, unknown>)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
}

export function showValue(value: unknown): string {
	if (value === null || value === undefined) return '(none)';
	if (typeof value === 'string') return value;
	return JSON.stringify(value);
}

/** One entry per field whose value differs between `before` and `after`. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
	const a = new Map<string, unknown>();
	const b = new Map<string, unknown>();
	if (before !== undefined) flatten(before, '', a);
	if (after !== undefined) flatten(after, '', b);
	const fields = [...new Set([...a.keys(), ...b.keys()])];
	return fields
		.filter((field) => !sameValue(a.get(field), b.get(field)))
		.map((field) => ({ field, before: showValue(a.get(field)), after: showValue(b.get(field)) }));
}
