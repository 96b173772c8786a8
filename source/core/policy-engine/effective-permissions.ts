/**
 * A principal's effective permissions over the whole catalogue, as bit sets (one bit per
 * catalogue action, about 22,000 bits, 2.7 KB): the actions it may perform on at least one
 * resource without condition, and those it may perform only under a condition, after
 * explicit Deny on every resource, the permissions boundary and SCPs. Resource-level detail
 * stays with `evaluateAccess`; this answers "what can it do at all", fast, for thousands of
 * principals: each distinct pattern and each policy document is expanded once.
 */
import { allActions, findAction, expandActionPatternToIndexes, type AccessLevel, type IamCatalogue } from './catalogue.js';
import type { CompiledDocument } from './compiled-policy.js';
import type { AttachedDocument, PrincipalPolicySet } from './principal-policies.js';

export type ActionBits = Uint32Array;

export interface EffectivePermissions {
	principalArn: string;
	/** Allowed on some resource with no condition in the way. */
	allowed: ActionBits;
	/** Allowed only under a condition (of an Allow, a Deny, or a boundary not read). */
	conditional: ActionBits;
}

interface DocumentBits {
	allow: ActionBits;
	conditional: ActionBits;
	/** Denied on every resource without condition. */
	denyAll: ActionBits;
}

interface CatalogueBits {
	words: number;
	patterns: Map<string, ActionBits>;
	documents: WeakMap<CompiledDocument, DocumentBits>;
}

const byCatalogue = new WeakMap<IamCatalogue, CatalogueBits>();

function bitsOf(catalogue: IamCatalogue): CatalogueBits {
	let b = byCatalogue.get(catalogue);
	if (!b) {
		b = { words: Math.ceil(allActions(catalogue).length / 32), patterns: new Map(), documents: new WeakMap() };
		byCatalogue.set(catalogue, b);
	}
	return b;
}

function patternBits(catalogue: IamCatalogue, b: CatalogueBits, pattern: string): ActionBits {
	const key = pattern.toLowerCase();
	let bits = b.patterns.get(key);
	if (!bits) {
		bits = new Uint32Array(b.words);
		for (const i of expandActionPatternToIndexes(catalogue, pattern)) bits[i >>> 5]! |= 1 << (i & 31);
		b.patterns.set(key, bits);
	}
	return bits;
}

function orInto(target: ActionBits, source: ActionBits): void {
	for (let i = 0; i < target.length; i++) target[i]! |= source[i]!;
}

function documentBits(catalogue: IamCatalogue, doc: CompiledDocument): DocumentBits {
	const b = bitsOf(catalogue);
	let out = b.documents.get(doc);
	if (out) return out;
	out = { allow: new Uint32Array(b.words), conditional: new Uint32Array(b.words), denyAll: new Uint32Array(b.words) };
	const total = allActions(catalogue).length;
	for (const s of doc.statements) {
		const covered = new Uint32Array(b.words);
		for (const p of s.statement.Action ?? s.statement.NotAction ?? []) orInto(covered, patternBits(catalogue, b, p));
		if (s.statement.NotAction) {
			for (let i = 0; i < covered.length; i++) covered[i] = ~covered[i]!;
			// Bits past the last action stay clear.
			if (total % 32 !== 0) covered[covered.length - 1]! &= (1 << (total % 32)) - 1;
		}
		if (s.effect === 'Allow') orInto(s.condition ? out.conditional : out.allow, covered);
		else if (!s.condition && !s.notResources && (!s.resources || s.resources.includes('*'))) orInto(out.denyAll, covered);
	}
	b.documents.set(doc, out);
	return out;
}

function layer(catalogue: IamCatalogue, docs: readonly AttachedDocument[]): DocumentBits {
	const words = bitsOf(catalogue).words;
	const out: DocumentBits = { allow: new Uint32Array(words), conditional: new Uint32Array(words), denyAll: new Uint32Array(words) };
	for (const d of docs) {
		const bits = documentBits(catalogue, d.doc);
		orInto(out.allow, bits.allow);
		orInto(out.conditional, bits.conditional);
		orInto(out.denyAll, bits.denyAll);
	}
	return out;
}

/** Narrows (allowed, conditional) by a layer that must also allow: a boundary or one SCP level. */
function intersect(allowed: ActionBits, conditional: ActionBits, l: DocumentBits): void {
	for (let i = 0; i < allowed.length; i++) {
		const any = allowed[i]! | conditional[i]!;
		const both = allowed[i]! & l.allow[i]!;
		allowed[i] = both;
		conditional[i] = any & (l.allow[i]! | l.conditional[i]!) & ~both;
	}
}

export function effectivePermissions(set: PrincipalPolicySet, catalogue: IamCatalogue): EffectivePermissions {
	const identity = layer(catalogue, set.identity);
	const allowed = identity.allow.slice();
	const conditional = identity.conditional.slice();
	for (let i = 0; i < conditional.length; i++) conditional[i]! &= ~allowed[i]!;
	const denied = identity.denyAll.slice();
	if (set.boundary) {
		if (set.boundary.doc) {
			const b = layer(catalogue, [{ ref: set.boundary.ref, doc: set.boundary.doc }]);
			intersect(allowed, conditional, b);
			orInto(denied, b.denyAll);
		} else {
			// A boundary not read: nothing is certain, everything allowed becomes conditional.
			orInto(conditional, allowed);
			allowed.fill(0);
		}
	}
	if (set.scps?.applies) {
		for (const level of set.scps.levels) {
			const l = layer(catalogue, level.docs);
			intersect(allowed, conditional, l);
			orInto(denied, l.denyAll);
		}
	}
	for (let i = 0; i < allowed.length; i++) {
		allowed[i]! &= ~denied[i]!;
		conditional[i]! &= ~denied[i]!;
	}
	return { principalArn: set.principal.arn, allowed, conditional };
}

function* indexes(bits: ActionBits): Generator<number> {
	for (let w = 0; w < bits.length; w++) {
		let word = bits[w]!;
		while (word !== 0) {
			const low = word & -word;
			yield w * 32 + (31 - Math.clz32(low));
			word ^= low;
		}
	}
}

/** The actions (AWS spelling) set in a bit set. */
export function actionsOf(catalogue: IamCatalogue, bits: ActionBits): string[] {
	const all = allActions(catalogue);
	return [...indexes(bits)].map((i) => all[i]!.id);
}

export interface PermissionSummary {
	allowed: number;
	conditional: number;
	/** Allowed actions by access level. */
	byLevel: Record<AccessLevel, number>;
	/** Services with at least one allowed action. */
	services: number;
}

export function summarisePermissions(catalogue: IamCatalogue, ep: EffectivePermissions): PermissionSummary {
	const all = allActions(catalogue);
	const byLevel: Record<AccessLevel, number> = { List: 0, Read: 0, Write: 0, 'Permissions management': 0, Tagging: 0 };
	const services = new Set<string>();
	let allowed = 0;
	for (const i of indexes(ep.allowed)) {
		allowed++;
		byLevel[all[i]!.action.accessLevel]++;
		services.add(all[i]!.service.key);
	}
	let conditional = 0;
	for (const _ of indexes(ep.conditional)) conditional++;
	return { allowed, conditional, byLevel, services: services.size };
}

/** Whether the bit set holds the action (unknown actions: false). */
export function hasAction(catalogue: IamCatalogue, bits: ActionBits, action: string): boolean {
	const info = findAction(catalogue, action);
	return info !== undefined && (bits[info.index >>> 5]! & (1 << (info.index & 31))) !== 0;
}
