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
	/**
	 * Allowed only under a condition (of an Allow, a Deny, or a boundary not read). Most
	 * principals have none: theirs is one empty set shared by all, so neither is ever written
	 * once made.
	 */
	conditional: ActionBits;
}

interface DocumentBits {
	allow: ActionBits;
	conditional: ActionBits;
	/** Denied on every resource without condition. */
	denyAll: ActionBits;
}

/** A bit set's non-zero words only: most documents name a few services, whose actions are contiguous. */
interface SparseBits {
	at: Int32Array;
	words: Uint32Array;
}

interface SparseDocumentBits {
	allow: SparseBits;
	conditional: SparseBits;
	denyAll: SparseBits;
}

interface CatalogueBits {
	words: number;
	patterns: Map<string, SparseBits>;
	documents: WeakMap<CompiledDocument, SparseDocumentBits>;
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

function patternBits(catalogue: IamCatalogue, b: CatalogueBits, pattern: string): SparseBits {
	const key = pattern.toLowerCase();
	let bits = b.patterns.get(key);
	if (!bits) {
		const dense = new Uint32Array(b.words);
		for (const i of expandActionPatternToIndexes(catalogue, pattern)) dense[i >>> 5]! |= 1 << (i & 31);
		bits = sparse(dense);
		b.patterns.set(key, bits);
	}
	return bits;
}

function orInto(target: ActionBits, source: ActionBits): void {
	for (let i = 0; i < target.length; i++) target[i]! |= source[i]!;
}

function sparse(bits: ActionBits): SparseBits {
	let n = 0;
	for (let i = 0; i < bits.length; i++) if (bits[i] !== 0) n++;
	const out: SparseBits = { at: new Int32Array(n), words: new Uint32Array(n) };
	for (let i = 0, k = 0; i < bits.length; i++) {
		if (bits[i] === 0) continue;
		out.at[k] = i;
		out.words[k++] = bits[i]!;
	}
	return out;
}

function orSparseInto(target: ActionBits, source: SparseBits): void {
	const { at, words } = source;
	for (let k = 0; k < at.length; k++) target[at[k]!]! |= words[k]!;
}

/** Dense work space for one document's bits (and a NotAction's cover), zero between uses: documents are worked out one at a time. */
let docScratch: DocumentBits & { covered: ActionBits } = { allow: new Uint32Array(0), conditional: new Uint32Array(0), denyAll: new Uint32Array(0), covered: new Uint32Array(0) };

/** No bits at all, shared (sparse sets are never changed once made). */
const noBits: SparseBits = { at: new Int32Array(0), words: new Uint32Array(0) };

function documentBits(catalogue: IamCatalogue, doc: CompiledDocument): SparseDocumentBits {
	const b = bitsOf(catalogue);
	const known = b.documents.get(doc);
	if (known) return known;
	if (docScratch.allow.length !== b.words) docScratch = { allow: new Uint32Array(b.words), conditional: new Uint32Array(b.words), denyAll: new Uint32Array(b.words), covered: new Uint32Array(b.words) };
	const out = docScratch;
	const total = allActions(catalogue).length;
	// Most documents have no conditional allow and no Deny on every resource: those stay empty, with nothing to scan.
	const touched = new Set<ActionBits>();
	for (const s of doc.statements) {
		const target =
			s.effect === 'Allow' ? (s.condition ? out.conditional : out.allow) : !s.condition && !s.notResources && (!s.resources || s.resources.includes('*')) ? out.denyAll : undefined;
		if (!target) continue;
		touched.add(target);
		if (!s.statement.NotAction) {
			for (const p of s.statement.Action ?? []) orSparseInto(target, patternBits(catalogue, b, p));
			continue;
		}
		const covered = out.covered;
		for (const p of s.statement.NotAction) orSparseInto(covered, patternBits(catalogue, b, p));
		for (let i = 0; i < covered.length; i++) covered[i] = ~covered[i]!;
		// Bits past the last action stay clear.
		if (total % 32 !== 0) covered[covered.length - 1]! &= (1 << (total % 32)) - 1;
		orInto(target, covered);
		covered.fill(0);
	}
	const kept = { allow: touched.has(out.allow) ? sparse(out.allow) : noBits, conditional: touched.has(out.conditional) ? sparse(out.conditional) : noBits, denyAll: touched.has(out.denyAll) ? sparse(out.denyAll) : noBits };
	for (const bits of touched) bits.fill(0);
	b.documents.set(doc, kept);
	return kept;
}

/** ORs the documents' bits into (allow, conditional, denyAll), which the caller provides. */
function layerInto(catalogue: IamCatalogue, docs: readonly AttachedDocument[], out: DocumentBits): DocumentBits {
	for (const d of docs) {
		const bits = documentBits(catalogue, d.doc);
		orSparseInto(out.allow, bits.allow);
		orSparseInto(out.conditional, bits.conditional);
		orSparseInto(out.denyAll, bits.denyAll);
	}
	return out;
}

/** Scratch space for a boundary or SCP level, reused across principals (the engine is synchronous). */
let scratch: DocumentBits | undefined;
function scratchLayer(words: number): DocumentBits {
	if (!scratch || scratch.allow.length !== words) scratch = { allow: new Uint32Array(words), conditional: new Uint32Array(words), denyAll: new Uint32Array(words) };
	scratch.allow.fill(0);
	scratch.conditional.fill(0);
	scratch.denyAll.fill(0);
	return scratch;
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

/**
 * The bit sets a principal keeps are cut from shared zeroed blocks: thousands of principals
 * then cost a few allocations, not one ArrayBuffer (and its bookkeeping) each.
 */
let block = new Uint32Array(0);
let blockUsed = 0;
function freshBits(words: number): ActionBits {
	if (blockUsed + words > block.length) {
		block = new Uint32Array(words * 256);
		blockUsed = 0;
	}
	const out = block.subarray(blockUsed, blockUsed + words);
	blockUsed += words;
	return out;
}

/** Clears in `bits` what `denied` holds, word by word where it has any. */
function clearSparse(bits: ActionBits, denied: SparseBits): void {
	const { at, words } = denied;
	for (let k = 0; k < at.length; k++) bits[at[k]!]! &= ~words[k]!;
}

/** The conditional bits while a principal's are worked out (kept zero between uses), and the empty set principals without any share. */
let conditionalScratch = new Uint32Array(0);
let noConditional = new Uint32Array(0);

/** The worked-out conditional bits kept: shared when empty (most principals), else a copy; the scratch is left zero. */
function keptConditional(words: number): ActionBits {
	const scratch = conditionalScratch;
	let any = false;
	for (let i = 0; i < scratch.length; i++) {
		if (scratch[i] !== 0) {
			any = true;
			break;
		}
	}
	if (!any) return noConditional;
	const out = freshBits(words);
	out.set(scratch);
	scratch.fill(0);
	return out;
}

export function effectivePermissions(set: PrincipalPolicySet, catalogue: IamCatalogue): EffectivePermissions {
	const words = bitsOf(catalogue).words;
	const allowed = freshBits(words);
	if (conditionalScratch.length !== words) {
		conditionalScratch = new Uint32Array(words);
		noConditional = new Uint32Array(words);
	}
	// 70% of a large account's principals have no conditional permission: 2.7 KB each kept for nothing, read by every bit test.
	const conditional = conditionalScratch;
	// Most documents name a few services: every pass but the boundary's and SCPs' goes over their non-zero words only.
	const denies: SparseBits[] = [];
	const identity = set.identity.map((d) => documentBits(catalogue, d.doc));
	for (const bits of identity) {
		orSparseInto(allowed, bits.allow);
		orSparseInto(conditional, bits.conditional);
		denies.push(bits.denyAll);
	}
	// Conditional only where nothing allows outright.
	for (const bits of identity) {
		const at = bits.conditional.at;
		for (let k = 0; k < at.length; k++) conditional[at[k]!]! &= ~allowed[at[k]!]!;
	}
	if (set.boundary) {
		if (set.boundary.doc) {
			const b = layerInto(catalogue, [{ ref: set.boundary.ref, doc: set.boundary.doc }], scratchLayer(words));
			intersect(allowed, conditional, b);
			denies.push(documentBits(catalogue, set.boundary.doc).denyAll);
		} else {
			// A boundary not read: nothing is certain, everything allowed becomes conditional.
			orInto(conditional, allowed);
			allowed.fill(0);
		}
	}
	if (set.scps?.applies) {
		for (const level of set.scps.levels) {
			const l = layerInto(catalogue, level.docs, scratchLayer(words));
			intersect(allowed, conditional, l);
			for (const d of level.docs) denies.push(documentBits(catalogue, d.doc).denyAll);
		}
	}
	for (const denied of denies) {
		clearSparse(allowed, denied);
		clearSparse(conditional, denied);
	}
	return { principalArn: set.principal.arn, allowed, conditional: keptConditional(words) };
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

/** The actions (AWS spelling) set in a bit set, the first `limit` of them when given. */
export function actionsOf(catalogue: IamCatalogue, bits: ActionBits, limit = Infinity): string[] {
	const all = allActions(catalogue);
	const out: string[] = [];
	for (const i of indexes(bits)) {
		if (out.length >= limit) break;
		out.push(all[i]!.id);
	}
	return out;
}

export interface PermissionSummary {
	allowed: number;
	conditional: number;
	/** Allowed actions by access level. */
	byLevel: Record<AccessLevel, number>;
	/** Services with at least one allowed action. */
	services: number;
}

function popcount(x: number): number {
	x -= (x >>> 1) & 0x55555555;
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

interface SummaryMasks {
	levels: [AccessLevel, ActionBits][];
	/** Each service's actions are contiguous in the catalogue order: [first, end) word ranges with masks. */
	services: { first: number; end: number }[];
}

const summaryMasks = new WeakMap<IamCatalogue, SummaryMasks>();

function masksOf(catalogue: IamCatalogue): SummaryMasks {
	let m = summaryMasks.get(catalogue);
	if (m) return m;
	const words = bitsOf(catalogue).words;
	const levels = new Map<AccessLevel, ActionBits>();
	const services: SummaryMasks['services'] = [];
	let current: string | undefined;
	for (const info of allActions(catalogue)) {
		const level = info.action.accessLevel;
		if (!levels.has(level)) levels.set(level, new Uint32Array(words));
		levels.get(level)![info.index >>> 5]! |= 1 << (info.index & 31);
		if (info.service.key !== current) {
			current = info.service.key;
			services.push({ first: info.index, end: info.index + 1 });
		} else services[services.length - 1]!.end = info.index + 1;
	}
	m = { levels: [...levels], services };
	summaryMasks.set(catalogue, m);
	return m;
}

function count(bits: ActionBits, mask?: ActionBits): number {
	let n = 0;
	for (let i = 0; i < bits.length; i++) n += popcount(mask ? bits[i]! & mask[i]! : bits[i]!);
	return n;
}

function anyInRange(bits: ActionBits, first: number, end: number): boolean {
	const last = end - 1;
	const fw = first >>> 5;
	const lw = last >>> 5;
	const head = ~0 << (first & 31);
	const tail = (last & 31) === 31 ? ~0 : (1 << ((last & 31) + 1)) - 1;
	if (fw === lw) return (bits[fw]! & head & tail) !== 0;
	if ((bits[fw]! & head) !== 0 || (bits[lw]! & tail) !== 0) return true;
	for (let w = fw + 1; w < lw; w++) if (bits[w] !== 0) return true;
	return false;
}

export function summarisePermissions(catalogue: IamCatalogue, ep: EffectivePermissions): PermissionSummary {
	const masks = masksOf(catalogue);
	const byLevel: Record<AccessLevel, number> = { List: 0, Read: 0, Write: 0, 'Permissions management': 0, Tagging: 0 };
	for (const [level, mask] of masks.levels) byLevel[level] = count(ep.allowed, mask);
	const services = masks.services.filter((r) => anyInRange(ep.allowed, r.first, r.end)).length;
	return { allowed: count(ep.allowed), conditional: count(ep.conditional), byLevel, services };
}

/** The catalogue indexes of action lists, for the catalogue last asked about (asked once per principal and method: one lookup, not two). */
let indexedFor: IamCatalogue | undefined;
let listIndexes = new WeakMap<readonly string[], Int32Array>();
let actionIndexes = new Map<string, number>();

function forCatalogue(catalogue: IamCatalogue): void {
	if (indexedFor === catalogue) return;
	indexedFor = catalogue;
	listIndexes = new WeakMap();
	actionIndexes = new Map();
}

/**
 * Whether the principal may perform each of `actions` on some resource, at least under a
 * condition (its allowed or conditional bits): when not, no request for that action can be
 * possible, so nothing that needs it need be evaluated. An action the catalogue does not
 * know is not ruled out. The list's indexes are looked up once per list.
 */
export function mayPerformAll(catalogue: IamCatalogue, ep: EffectivePermissions, actions: readonly string[]): boolean {
	forCatalogue(catalogue);
	let at = listIndexes.get(actions);
	if (!at) listIndexes.set(actions, (at = Int32Array.from(actions, (a) => findAction(catalogue, a)?.index ?? -1)));
	for (let k = 0; k < at.length; k++) {
		const i = at[k]!;
		if (i >= 0 && ((ep.allowed[i >>> 5]! | ep.conditional[i >>> 5]!) & (1 << (i & 31))) === 0) return false;
	}
	return true;
}

/** `mayPerformAll` for one action. */
export function mayPerform(catalogue: IamCatalogue, ep: EffectivePermissions, action: string): boolean {
	forCatalogue(catalogue);
	let i = actionIndexes.get(action);
	if (i === undefined) actionIndexes.set(action, (i = findAction(catalogue, action)?.index ?? -1));
	return i < 0 || ((ep.allowed[i >>> 5]! | ep.conditional[i >>> 5]!) & (1 << (i & 31))) !== 0;
}

/** Whether the bit set holds the action (unknown actions: false). */
export function hasAction(catalogue: IamCatalogue, bits: ActionBits, action: string): boolean {
	const info = findAction(catalogue, action);
	return info !== undefined && (bits[info.index >>> 5]! & (1 << (info.index & 31))) !== 0;
}
