/**
 * Questions of the principal graph (after PMapper's `query` and `argquery`): "who can do
 * ACTION (on RESOURCE)", directly or through a path, and "what can PRINCIPAL reach", each
 * answer with its path and the statements that decide it.
 */
import { statementsForAction } from './compiled-policy.js';
import { findAction } from './catalogue.js';
import { effectivePermissions, type EffectivePermissions } from './effective-permissions.js';
import { gainCount } from './escalation-paths.js';
import { evaluateAccess, type StatementRef } from './evaluate-access.js';
import { fullAdministratorSet, hopOf, type EdgeGroup, type GraphNode, type Hop, type PrincipalGraph } from './principal-graph.js';
import type { PrincipalPolicySet } from './principal-policies.js';

export interface WhoCanAnswer {
	principal: string;
	type: 'user' | 'role';
	/** The principal at the end of `path` may make the request itself (allowed, or under a condition). */
	verdict: 'allowed' | 'conditional';
	/** Empty when the principal can do it itself; otherwise the hops to one that can. */
	path: Hop[];
	/** The statements that let the principal at the end of the path make the request. */
	allowedBy: StatementRef[];
	/** The end is a full administrator (its statements allow everything). */
	viaAdmin: boolean;
}

interface Reverse {
	start: Int32Array;
	from: Int32Array;
	group: Int32Array;
	to: Int32Array;
}

const reverses = new WeakMap<PrincipalGraph, Reverse>();

/** `localeCompare`'s order (the default locale), with one collator rather than one per comparison. */
const collator = new Intl.Collator();

/** Incoming edges per node, built once per graph (compressed rows: no object per edge). */
function reverseOf(graph: PrincipalGraph): Reverse {
	let r = reverses.get(graph);
	if (r) return r;
	const n = graph.nodes.length;
	const start = new Int32Array(n + 1);
	for (const list of graph.edges) for (const g of list) for (const to of g.to) start[to + 1]!++;
	for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
	const fill = start.slice(0, n);
	const from = new Int32Array(start[n]!);
	const group = new Int32Array(start[n]!);
	const to = new Int32Array(start[n]!);
	graph.edges.forEach((list, f) =>
		list.forEach((g, gi) => {
			for (const t of g.to) {
				const at = fill[t]!++;
				from[at] = f;
				group[at] = gi;
				to[at] = t;
			}
		}),
	);
	r = { start, from, group, to };
	reverses.set(graph, r);
	return r;
}

/** The identity statements allowing an action, per graph, action and node: asked again by every query on the action. */
const allowsMemo = new WeakMap<PrincipalGraph, Map<string, (StatementRef[] | undefined)[]>>();

function identityAllows(graph: PrincipalGraph, node: GraphNode, set: PrincipalPolicySet, action: string): StatementRef[] {
	let byAction = allowsMemo.get(graph);
	if (!byAction) allowsMemo.set(graph, (byAction = new Map()));
	let byNode = byAction.get(action);
	if (!byNode) byAction.set(action, (byNode = new Array(graph.nodes.length)));
	return (byNode[node.index] ??= statementsAllowing(set, action));
}

function statementsAllowing(set: PrincipalPolicySet, action: string): StatementRef[] {
	const out: StatementRef[] = [];
	for (const a of set.identity) for (const s of statementsForAction(a.doc, action)) if (s.effect === 'Allow') out.push({ policy: a.ref, ...(s.sid ? { sid: s.sid } : {}), statementIndex: s.index, ...(s.condition ? { condition: s.condition } : {}) });
	return out;
}

interface Principal {
	set: PrincipalPolicySet;
	permissions: EffectivePermissions;
}

/** The admin node as a principal: `*` on `*` under the account's SCPs (what a full administrator may do here), per graph. */
const adminPrincipals = new WeakMap<PrincipalGraph, Principal>();

function adminPrincipal(graph: PrincipalGraph): Principal {
	let admin = adminPrincipals.get(graph);
	if (!admin) {
		// The sample whose SCPs the graph's ceiling was computed under.
		const set = fullAdministratorSet(graph.model, graph.nodes[0]?.set);
		adminPrincipals.set(graph, (admin = { set, permissions: effectivePermissions(set, graph.catalogue) }));
	}
	return admin;
}

/**
 * Whether the node may make the request itself: from its effective permissions, or on the resource by full evaluation.
 * Full administrators too: the SCPs, or a Deny on the resource, may leave them without an action. The admin node
 * decides as a full administrator under the SCPs, and names no statement.
 */
function direct(graph: PrincipalGraph, node: GraphNode, action: string, resource: string | undefined, info = findAction(graph.catalogue, action)): { verdict: 'allowed' | 'conditional'; allowedBy: StatementRef[] } | undefined {
	const own = node.set && node.permissions ? { set: node.set, permissions: node.permissions } : undefined;
	const { set, permissions } = own ?? adminPrincipal(graph);
	if (resource === undefined && info) {
		const bit = 1 << (info.index & 31);
		const word = info.index >>> 5;
		const verdict = (permissions.allowed[word]! & bit) !== 0 ? 'allowed' : (permissions.conditional[word]! & bit) !== 0 ? 'conditional' : undefined;
		return verdict ? { verdict, allowedBy: own ? identityAllows(graph, node, set, action) : [] } : undefined;
	}
	const d = evaluateAccess(set, action, resource ?? '*');
	if (d.verdict === 'allowed' || d.verdict === 'conditional') return { verdict: d.verdict, allowedBy: own ? d.allowedBy : [] };
	return undefined;
}

/** Every principal that can make the request, itself or through the shortest path to one that can; direct answers first. A path that always holds is shown before a shorter conditional one. */
export function whoCan(graph: PrincipalGraph, query: { action: string; resource?: string }): WhoCanAnswer[] {
	const n = graph.nodes.length;
	const answer: (WhoCanAnswer | undefined)[] = new Array(n);
	const ends: ({ verdict: 'allowed' | 'conditional'; allowedBy: StatementRef[]; admin: boolean } | undefined)[] = new Array(n);
	const info = findAction(graph.catalogue, query.action);
	for (const node of graph.nodes) {
		const d = direct(graph, node, query.action, query.resource, info);
		if (d) ends[node.index] = { ...d, admin: node.admin };
	}
	const r = reverseOf(graph);
	// Backwards from those that can, breadth-first: first from those allowed outright over unconditional edges, then over everything.
	const backwards = (firm: boolean) => {
		// Each principal reached keeps the group and target it goes on by; its hop is made when a path is read.
		const nextTo = new Int32Array(n);
		const nextGroup: (EdgeGroup | undefined)[] = new Array(n);
		const hops: (Hop | undefined)[] = new Array(n);
		const next = (f: number): Hop => (hops[f] ??= hopOf(f, nextGroup[f]!, nextTo[f]!, graph));
		const seen = new Uint8Array(n);
		let level: number[] = [];
		for (let i = 0; i < n; i++) if (ends[i] && (!firm || ends[i]!.verdict === 'allowed')) level.push(i);
		for (const i of level) seen[i] = 1;
		while (level.length > 0) {
			const nextLevel: number[] = [];
			for (const t of level) {
				for (let k = r.start[t]!; k < r.start[t + 1]!; k++) {
					const f = r.from[k]!;
					const group = graph.edges[f]![r.group[k]!]!;
					if (seen[f] || (firm && group.conditional)) continue;
					seen[f] = 1;
					nextGroup[f] = group;
					nextTo[f] = t;
					nextLevel.push(f);
				}
			}
			level = nextLevel;
		}
		return { next, seen, isEnd: (i: number) => ends[i] !== undefined && (!firm || ends[i]!.verdict === 'allowed') };
	};
	const firm = backwards(true);
	const any = backwards(false);
	for (const node of graph.nodes) {
		if (node.type === 'admin') continue;
		const way = firm.seen[node.index] ? firm : any.seen[node.index] ? any : undefined;
		if (!way) continue;
		const path: Hop[] = [];
		let at = node.index;
		while (!way.isEnd(at)) {
			const hop = way.next(at);
			path.push(hop);
			at = hop.to;
		}
		const end = ends[at]!;
		const conditional = end.verdict === 'conditional' || path.some((h) => h.conditional);
		answer[node.index] = { principal: node.arn, type: node.type as 'user' | 'role', verdict: conditional ? 'conditional' : 'allowed', path, allowedBy: end.allowedBy, viaAdmin: end.admin };
	}
	return answer.filter((a): a is WhoCanAnswer => a !== undefined).sort((a, b) => a.path.length - b.path.length || collator.compare(a.principal, b.principal));
}

export interface Reached {
	principal: string;
	path: Hop[];
	admin: boolean;
	/** Actions the principal at the end may do that the start may not. */
	gained: number;
	conditional: boolean;
}

export interface ReachAnswer {
	principal: string;
	/** Already a full administrator: it reaches nothing it does not have. */
	admin: boolean;
	reached: Reached[];
}

/** Everything the principal can act as, each with its shortest path; undefined for an ARN not in the graph. */
export function reachOf(graph: PrincipalGraph, arn: string): ReachAnswer | undefined {
	const start = graph.byArn.get(arn);
	if (start === undefined) return undefined;
	const node = graph.nodes[start]!;
	if (node.admin) return { principal: arn, admin: true, reached: [] };
	// Breadth-first over unconditional edges, then over every edge: a conditional hop never hides a longer way that always holds.
	const forwards = (firm: boolean) => {
		const parent = new Map<number, Hop>();
		let level = [start];
		while (level.length > 0) {
			const nextLevel: number[] = [];
			for (const f of level) {
				for (const g of graph.edges[f]!) {
					if (firm && g.conditional) continue;
					for (const t of g.to) {
						if (t === start || parent.has(t)) continue;
						parent.set(t, hopOf(f, g, t, graph));
						nextLevel.push(t);
					}
				}
			}
			level = nextLevel;
		}
		return parent;
	};
	const firm = forwards(true);
	const any = forwards(false);
	const order = [...any.keys()];
	const own = node.permissions!.allowed;
	const reached = order.map((t): Reached => {
		const parent = firm.has(t) ? firm : any;
		const path: Hop[] = [];
		for (let at = t; at !== start; ) {
			const hop = parent.get(at)!;
			path.unshift(hop);
			at = hop.from;
		}
		const gained = gainCount(graph, own, t);
		return { principal: graph.nodes[t]!.arn, path, admin: graph.nodes[t]!.admin, gained, conditional: path.some((h) => h.conditional) };
	});
	return { principal: arn, admin: false, reached: reached.sort((a, b) => Number(b.admin) - Number(a.admin) || Number(a.conditional) - Number(b.conditional) || b.gained - a.gained || a.path.length - b.path.length) };
}
