/**
 * What a principal can reach in the principal graph, as escalation paths: for each first
 * hop's method, the shortest path to full administrator, or else to the nearest principal
 * with permissions it does not already have. A path that gains nothing (passing a role
 * with less than its own) is no escalation; a full administrator has none.
 */
import { actionsOf, type ActionBits } from './effective-permissions.js';
import type { EscalationMethod } from '../finding-catalogue.js';
import { hopOf, type EdgeGroup, type Hop, type PrincipalGraph } from './principal-graph.js';

export interface EscalationPath {
	/** The first hop's method. */
	method: EscalationMethod;
	hops: Hop[];
	/** The node the path ends at (the admin node, an administrator, or a principal with more). */
	end: number;
	/** The path ends at full administrator. */
	admin: boolean;
	/** How many actions the end may perform that the principal may not (the ceiling's for admin). */
	gained: number;
	/** A few of them, for people. */
	gainedSample: string[];
	conditional: boolean;
	/** The resources IAM data does not show that the path needs (a function, an instance, …). */
	needs: string[];
}

/** The actions `to` may perform that `from` may not. */
export function gainBits(graph: PrincipalGraph, from: ActionBits, to: number): ActionBits {
	const target = graph.nodes[to]!;
	const theirs = target.admin ? graph.ceiling : target.permissions!.allowed;
	const out = new Uint32Array(theirs.length);
	for (let i = 0; i < out.length; i++) out[i] = theirs[i]! & ~from[i]!;
	return out;
}

/** How many actions `to` may perform that `from` may not, without building the difference. */
export function gainCount(graph: PrincipalGraph, from: ActionBits, to: number): number {
	const target = graph.nodes[to]!;
	const theirs = target.admin ? graph.ceiling : target.permissions!.allowed;
	let n = 0;
	for (let i = 0; i < theirs.length; i++) {
		let x = theirs[i]! & ~from[i]!;
		x -= (x >>> 1) & 0x55555555;
		x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
		n += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
	}
	return n;
}

function count(bits: ActionBits): number {
	let n = 0;
	for (let i = 0; i < bits.length; i++) {
		let x = bits[i]!;
		while (x !== 0) {
			x &= x - 1;
			n++;
		}
	}
	return n;
}

/** Whether `to` may do something `own` may not, without building the difference. */
export function gainsOver(graph: PrincipalGraph, own: ActionBits, to: number): boolean {
	const target = graph.nodes[to]!;
	const theirs = target.admin ? graph.ceiling : target.permissions!.allowed;
	for (let i = 0; i < theirs.length; i++) if ((theirs[i]! & ~own[i]!) !== 0) return true;
	return false;
}

/** The hops from `node` to admin along the precomputed shortest way (over unconditional edges only when `firm`). */
export function pathToAdmin(graph: PrincipalGraph, node: number, firm = false): Hop[] {
	const table = firm ? graph.toAdminFirm : graph.toAdmin;
	const out: Hop[] = [];
	for (let at = node; !graph.nodes[at]!.admin; ) {
		const hop = table.next[at];
		if (!hop) break;
		out.push(hop);
		at = hop.to;
	}
	return out;
}

function pathOf(graph: PrincipalGraph, method: EscalationMethod, hops: Hop[], own: ActionBits): EscalationPath {
	const end = hops[hops.length - 1]!.to;
	const gain = gainBits(graph, own, end);
	return {
		method,
		hops,
		end,
		admin: graph.nodes[end]!.admin,
		gained: count(gain),
		gainedSample: actionsOf(graph.catalogue, gain, 5),
		conditional: hops.some((h) => h.conditional),
		needs: [...new Set(hops.flatMap((h) => (h.needs ? [h.needs] : [])))],
	};
}

/** The shortest path to admin whose first hop is one of `groups` (every hop unconditional when `firm`). */
function pathToAdminVia(graph: PrincipalGraph, start: number, groups: EdgeGroup[], firm: boolean): Hop[] | undefined {
	const table = firm ? graph.toAdminFirm : graph.toAdmin;
	let best: { d: number; hop: Hop } | undefined;
	for (const g of groups) {
		if (firm && g.conditional) continue;
		for (const to of g.to) {
			const d = table.distance[to]!;
			if (d >= 0 && (!best || d < best.d)) best = { d, hop: hopOf(start, g, to, graph) };
			if (best?.d === 0) break;
		}
		if (best?.d === 0) break;
	}
	return best ? [best.hop, ...pathToAdmin(graph, best.hop.to, firm)] : undefined;
}

/** Breadth-first to the nearest principal with something `own` does not have (over unconditional edges only when `firm`). */
function pathToMore(graph: PrincipalGraph, start: number, groups: EdgeGroup[], own: ActionBits, maxDepth: number, firm: boolean): Hop[] | undefined {
	// Each node reached keeps the node and group it was reached by; hops are made for the path found only.
	const parentFrom = new Int32Array(graph.nodes.length).fill(-1);
	const parentGroup = new Map<number, EdgeGroup>();
	let level: number[] = [];
	const visit = (from: number, list: readonly EdgeGroup[], into: number[]) => {
		for (const g of list) {
			if (firm && g.conditional) continue;
			for (const to of g.to) {
				if (to === start || parentFrom[to] !== -1) continue;
				parentFrom[to] = from;
				parentGroup.set(to, g);
				into.push(to);
			}
		}
	};
	visit(start, groups, level);
	for (let depth = 1; level.length > 0 && depth <= maxDepth; depth++) {
		const pick = level.find((node) => gainsOver(graph, own, node));
		if (pick !== undefined) {
			const hops: Hop[] = [];
			for (let at = pick; at !== start; at = parentFrom[at]!) hops.unshift(hopOf(parentFrom[at]!, parentGroup.get(at)!, at, graph));
			return hops;
		}
		const nextLevel: number[] = [];
		for (const node of level) visit(node, graph.edges[node]!, nextLevel);
		level = nextLevel;
	}
	return undefined;
}

/**
 * The path shown for one first-hop method: a path that always holds comes before one with a
 * conditional hop, however much shorter that one is — to admin, else to the nearest principal
 * with more; only when no unconditional path exists is a conditional one shown (and marked so).
 */
function bestPath(graph: PrincipalGraph, start: number, groups: EdgeGroup[], own: ActionBits, maxDepth: number): Hop[] | undefined {
	for (const firm of [true, false]) {
		const hops = pathToAdminVia(graph, start, groups, firm) ?? pathToMore(graph, start, groups, own, maxDepth, firm);
		if (hops) return hops;
	}
	return undefined;
}

/**
 * The principal's escalation paths, one per first-hop method that leads somewhere it gains.
 * `edges` and `own` override the graph's (a principal re-decided under another boundary).
 */
export function escalationPaths(graph: PrincipalGraph, node: number, override?: { edges: EdgeGroup[]; own: ActionBits }, maxDepth = 6): EscalationPath[] {
	const n = graph.nodes[node]!;
	if (n.admin || !n.permissions) return [];
	const edges = override?.edges ?? graph.edges[node]!;
	const own = override?.own ?? n.permissions.allowed;
	const byMethod = new Map<EscalationMethod, EdgeGroup[]>();
	for (const g of edges) byMethod.set(g.method, [...(byMethod.get(g.method) ?? []), g]);
	const out: EscalationPath[] = [];
	for (const [method, groups] of byMethod) {
		const hops = bestPath(graph, node, groups, own, maxDepth);
		if (!hops) continue;
		const path = pathOf(graph, method, hops, own);
		if (path.gained > 0) out.push(path);
	}
	// Admin first, then the paths that always hold, then the shortest, then the most gained.
	return out.sort((a, b) => Number(b.admin) - Number(a.admin) || Number(a.conditional) - Number(b.conditional) || a.hops.length - b.hops.length || b.gained - a.gained);
}
