/**
 * The principal graph: nodes are the account's users and roles (service-linked roles are
 * AWS's and left out) and "admin", a stand-in for a principal that may do anything; an edge
 * says "A can act as B" with the method and the decisions of every request it takes. Each
 * node's own policies, boundary and SCPs decide its edges, so Deny, boundaries and SCPs
 * apply at every hop. Full administrators (their effective permissions hold every action the
 * account's SCPs leave) need no edges: nothing is more than what they have.
 *
 * Edges to many targets decided by the same statements are kept as one group, so passing
 * any of 5,000 roles is one group of 5,000 targets, not 5,000 evaluations.
 */
import type { AccountModel, Role } from '../model.js';
import type { EscalationMethod } from '../finding-catalogue.js';
import { compileDocument, statementsForAction } from './compiled-policy.js';
import { passedToServiceContext } from './condition-eval.js';
import type { IamCatalogue } from './catalogue.js';
import { decideTargets, hasAllow, positionsOfArn } from './decide-targets.js';
import { effectivePermissions, type ActionBits, type EffectivePermissions } from './effective-permissions.js';
import { evaluateAccess, isPossible, type AccessDecision } from './evaluate-access.js';
import { escalationMethods, type EscalationMethodSpec } from './escalation-methods.js';
import { escalationTargets, methodMayHold, methodSteps, type EscalationTargets, type KnownPermissions } from './find-escalations.js';
import { firstNotBelow } from './prefix-index.js';
import { principalPolicies, type PrincipalPolicySet } from './principal-policies.js';
import { trustAdmits, trustIndex, type TrustAdmission } from './role-trust.js';

export interface GraphNode {
	index: number;
	type: 'user' | 'role' | 'admin';
	arn: string;
	name: string;
	/** Users and roles only. */
	set?: PrincipalPolicySet;
	permissions?: EffectivePermissions;
	/** A full administrator (or the admin node itself). */
	admin: boolean;
}

/** Edges from one node by one method to targets that share the same decisions. */
export interface EdgeGroup {
	method: EscalationMethod;
	spec: EscalationMethodSpec;
	to: number[];
	/** One decision per step; the step at `pivot` was decided on the first target and holds alike for the others. */
	steps: AccessDecision[];
	pivot: number;
	conditional: boolean;
	/** For a resource-role method whose service's workloads were not read: the resource IAM data does not show. */
	needs?: string;
	/** For AssumeRole (one target per group): how the trust admits the principal. */
	trust?: TrustAdmission;
}

/** One hop of a path: `from` acts as `to` through `method`. */
export interface Hop {
	from: number;
	to: number;
	method: EscalationMethod;
	steps: AccessDecision[];
	conditional: boolean;
	needs?: string;
	trust?: TrustAdmission;
}

export interface PrincipalGraph {
	model: AccountModel;
	catalogue: IamCatalogue;
	targets: EscalationTargets;
	nodes: GraphNode[];
	byArn: Map<string, number>;
	adminNode: number;
	/** Outgoing edge groups per node (none for administrators and the admin node). */
	edges: EdgeGroup[][];
	/** What a full administrator may do in this account: every action the SCPs leave. */
	ceiling: ActionBits;
	/** Hops to admin (0 for administrators), -1 when it cannot be reached; the first hop of one shortest way. */
	toAdmin: { distance: Int32Array; next: (Hop | undefined)[] };
	/** The same over unconditional edges only: a conditional hop never hides a longer way that always holds. */
	toAdminFirm: { distance: Int32Array; next: (Hop | undefined)[] };
	edgeCount: number;
}

/** The hop of a group to one of its targets, the per-target step naming that target. */
export function hopOf(from: number, group: EdgeGroup, to: number, graph: Pick<PrincipalGraph, 'nodes'>): Hop {
	const steps = group.pivot < 0 ? group.steps : group.steps.map((d, i) => (i === group.pivot && d.resource !== graph.nodes[to]!.arn ? { ...d, resource: graph.nodes[to]!.arn } : d));
	return { from, to, method: group.method, steps, conditional: group.conditional, ...(group.needs ? { needs: group.needs } : {}), ...(group.trust ? { trust: group.trust } : {}) };
}

function isSuperset(bits: ActionBits, of: ActionBits): boolean {
	for (let i = 0; i < of.length; i++) if ((of[i]! & ~bits[i]!) !== 0) return false;
	return true;
}

/** A full administrator of the account (the admin node's policies): `*` on `*` under the account's SCPs, those of `sample` (any principal's set). */
export function fullAdministratorSet(model: AccountModel, sample: PrincipalPolicySet | undefined): PrincipalPolicySet {
	const everything = compileDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] });
	return {
		principal: { type: 'role', name: 'admin', arn: `arn:${model.partition}:iam::${model.accountId}:role/admin`, id: 'admin', path: '/', groups: [] },
		identity: [{ ref: { layer: 'identity', kind: 'managed', name: '*' }, doc: everything }],
		boundary: null,
		...(sample?.scps ? { scps: sample.scps } : {}),
		missingDocuments: [],
		context: {},
	};
}

/** The permissions a full administrator has here: `*` on `*` under the account's SCPs. */
function ceilingOf(model: AccountModel, catalogue: IamCatalogue, sample: PrincipalPolicySet | undefined): ActionBits {
	return effectivePermissions(fullAdministratorSet(model, sample), catalogue).allowed;
}

const conditionalOf = (steps: readonly AccessDecision[]) => steps.some((d) => d.verdict === 'conditional');

export interface BuildContext {
	model: AccountModel;
	targets: EscalationTargets;
	byArn: Map<string, number>;
	adminNode: number;
	roles: Map<string, Role>;
	/** Role ARNs whose trust names a principal ARN, by that ARN; roles whose trust admits the account. */
	trustNaming: Map<string, string[]>;
	trustingAccount: string[];
	/** Per service whose workloads were read: the resources, and per resource the nodes of the roles it runs with. */
	workloads: Map<string, ServiceWorkloads>;
}

export interface ServiceWorkloads {
	resources: string[];
	roles: number[][];
}

function indexes(ctx: BuildContext, arns: readonly string[], self?: string): number[] {
	const out: number[] = [];
	for (const arn of arns) {
		if (arn === self) continue;
		const i = ctx.byArn.get(arn);
		if (i !== undefined) out.push(i);
	}
	return out;
}

/**
 * Per target list (of one model): each position's node (-1: not a node), and the nodes of
 * each group of positions, shared by every principal whose decisions group the list alike.
 */
const nodeTables = new WeakMap<readonly string[], { table: Int32Array; groups: WeakMap<readonly number[], number[]> }>();

/** The nodes at `positions` of `arns`, in order, without `self`: the targets of an edge group (shared, never changed). */
function nodesOf(ctx: BuildContext, arns: readonly string[], positions: readonly number[], self: string): number[] {
	let known = nodeTables.get(arns);
	if (!known) {
		const table = new Int32Array(arns.length);
		for (let i = 0; i < arns.length; i++) table[i] = ctx.byArn.get(arns[i]!) ?? -1;
		nodeTables.set(arns, (known = { table, groups: new WeakMap() }));
	}
	let nodes = known.groups.get(positions);
	if (!nodes) {
		nodes = [];
		for (const i of positions) if (known.table[i]! >= 0) nodes.push(known.table[i]!);
		known.groups.set(positions, nodes);
	}
	// Whether the principal is among them, by its position in the list (the positions ascend): not a pass over 5,000 nodes per principal.
	const at = positionsOfArn(arns, self);
	if (!at.some((p) => containsSorted(positions, p))) return nodes;
	const own = ctx.byArn.get(self);
	return nodes.filter((n) => n !== own);
}

function containsSorted(sorted: readonly number[], value: number): boolean {
	return sorted[firstNotBelow(sorted, value)] === value;
}

function assumeEdges(ctx: BuildContext, set: PrincipalPolicySet, spec: EscalationMethodSpec): EdgeGroup[] {
	const self = set.principal.arn;
	const out: EdgeGroup[] = [];
	const add = (roleArn: string, decision: AccessDecision) => {
		const role = ctx.roles.get(roleArn);
		const to = ctx.byArn.get(roleArn);
		if (!role || to === undefined || roleArn === self) return;
		const trust = trustAdmits(role, set, ctx.model.accountId);
		if (!trust) return;
		if (trust.named) {
			// Same account, trust naming the principal: no identity allow needed; Deny, SCPs and a role's boundary still apply.
			if (decision.verdict === 'denied' || decision.scp?.verdict === 'does-not-allow') return;
			if (set.principal.type === 'role' && decision.boundary?.verdict === 'does-not-allow') return;
		} else if (!isPossible(decision)) return;
		const conditional = trust.conditional || decision.verdict === 'conditional' || (trust.named && decision.conditionalDenies.length > 0);
		out.push({ method: spec.method, spec, to: [to], steps: [decision], pivot: 0, conditional, trust });
	};
	for (const arn of ctx.trustNaming.get(self) ?? []) add(arn, evaluateAccess(set, 'sts:AssumeRole', arn));
	const named = new Set(ctx.trustNaming.get(self) ?? []);
	const rest = ctx.trustingAccount.filter((arn) => !named.has(arn) && arn !== self);
	for (const group of decideTargets(set, 'sts:AssumeRole', rest)) for (const i of group.positions) add(rest[i]!, group.decision);
	return out;
}

/**
 * A resource-role method where the service's workloads were read: its request is decided on
 * each concrete resource (so a Deny or an Allow scoped to some functions counts), and it
 * reaches the roles of the resources it may act on, each by its best decision.
 */
function workloadEdges(workloads: ServiceWorkloads, set: PrincipalPolicySet, spec: EscalationMethodSpec, self: number | undefined, t: EscalationTargets): EdgeGroup[] {
	const step = spec.steps[0]!;
	// The method's other steps (SSMSendCommand's document) are decided once, not per resource.
	const rest = methodSteps(spec, set, t, 0);
	if (!rest) return [];
	const best = new Map<number, AccessDecision>();
	for (const group of decideTargets(set, step.action, workloads.resources)) {
		for (const i of group.positions) {
			for (const to of workloads.roles[i]!) {
				const had = best.get(to);
				if (to === self || (had && (had.verdict === 'allowed' || group.decision.verdict !== 'allowed'))) continue;
				const resource = workloads.resources[i]!;
				best.set(to, group.decision.resource === resource ? group.decision : { ...group.decision, resource });
			}
		}
	}
	return [...best].map(([to, decision]) => {
		const steps = rest.steps.map((d, i) => (i === 0 ? decision : d!));
		return { method: spec.method, spec, to: [to], steps, pivot: -1, conditional: conditionalOf(steps) };
	});
}

/**
 * Whether an explicit Deny, an SCP or (for a role) its boundary stops assuming the role at
 * each position of `roles`, decided per role (a Deny naming one role spares the others): the
 * same as a trust that names the principal, in assumeEdges. Undefined when nothing can (no
 * Deny of sts:AssumeRole, no SCPs, no boundary on a role), the common case, so no role is
 * evaluated.
 */
function assumeBlocked(set: PrincipalPolicySet, roles: readonly string[]): ((position: number) => boolean) | undefined {
	const docs = [...set.identity.map((a) => a.doc), ...(set.boundary?.doc ? [set.boundary.doc] : [])];
	const boundaryLimits = set.principal.type === 'role' && set.boundary !== null;
	if (!set.scps?.applies && !boundaryLimits && !docs.some((d) => statementsForAction(d, 'sts:AssumeRole').some((s) => s.effect === 'Deny'))) return undefined;
	return (position) => {
		const assume = evaluateAccess(set, 'sts:AssumeRole', roles[position]!);
		return assume.verdict === 'denied' || assume.scp?.verdict === 'does-not-allow' || (boundaryLimits && assume.boundary?.verdict === 'does-not-allow');
	};
}

/** The edge groups of one principal: what each method lets it act as. `known`: its effective permissions, when computed, to skip methods out of reach. */
export function edgesOf(ctx: BuildContext, set: PrincipalPolicySet, known?: KnownPermissions): EdgeGroup[] {
	const out: EdgeGroup[] = [];
	const self = set.principal.arn;
	const t = ctx.targets;
	// An indexed loop, as in methodSteps: it runs for every method of every principal.
	for (let m = 0; m < escalationMethods.length; m++) {
		const spec = escalationMethods[m]!;
		if (!spec.principals.includes(set.principal.type)) continue;
		if (spec.reach === 'assumed-role') {
			// A trust naming the principal needs no identity allow: never ruled out by the permissions.
			out.push(...assumeEdges(ctx, set, spec));
			continue;
		}
		if (!methodMayHold(spec, known)) continue;
		if (spec.reach === 'resource-role' && ctx.workloads.has(spec.resource!.service)) {
			out.push(...workloadEdges(ctx.workloads.get(spec.resource!.service)!, set, spec, ctx.byArn.get(self), t));
			continue;
		}
		if (spec.reach === 'admin' || spec.reach === 'resource-role') {
			const found = methodSteps(spec, set, t);
			if (!found) continue;
			const steps = found.steps as AccessDecision[];
			if (spec.reach === 'admin') {
				out.push({ method: spec.method, spec, to: [ctx.adminNode], steps, pivot: -1, conditional: conditionalOf(steps) });
				continue;
			}
			const to = indexes(ctx, t.trustedBy.get(spec.resource!.service) ?? [], self);
			if (to.length > 0) out.push({ method: spec.method, spec, to, steps, pivot: -1, conditional: true, needs: spec.resource!.needs });
			continue;
		}
		// One step is decided per target: the role passed, the user whose credentials are taken, the role whose trust is rewritten.
		const pivot = spec.reach === 'passed-role' ? spec.steps.findIndex((s) => s.target === 'passable-role') : 0;
		const pivotStep = spec.steps[pivot]!;
		const candidates =
			spec.reach === 'passed-role' ? (t.trustedBy.get(pivotStep.service ?? '') ?? []) : spec.reach === 'user' ? t.users : t.roles;
		// No role trusts the service (or no target at all): the other steps need no deciding.
		if (candidates.length === 0 || !hasAllow(set, pivotStep.action)) continue;
		const rest = methodSteps(spec, set, t, pivot);
		if (!rest) continue;
		const context = pivotStep.service ? passedToServiceContext(pivotStep.service) : undefined;
		// The rewritten trust names the principal: only an explicit Deny (or SCP) of sts:AssumeRole stops the assume, decided per role (a Deny naming one role spares the others).
		const blocked = spec.reach === 'role' ? assumeBlocked(set, candidates) : undefined;
		for (const group of decideTargets(set, pivotStep.action, candidates, context)) {
			const steps = rest.steps.map((d, i) => (i === pivot ? group.decision : d!));
			const positions = blocked ? group.positions.filter((p) => !blocked(p)) : group.positions;
			const to = nodesOf(ctx, candidates, positions, self);
			if (to.length > 0) out.push({ method: spec.method, spec, to, steps, pivot, conditional: conditionalOf(steps) });
		}
	}
	return out;
}

/** Relaxes "hops to admin" over every edge (or every unconditional one) until nothing shortens (as many rounds as the longest path). */
function distancesToAdmin(nodes: GraphNode[], edges: EdgeGroup[][], firmOnly = false): PrincipalGraph['toAdmin'] {
	const distance = new Int32Array(nodes.length).fill(-1);
	const next: (Hop | undefined)[] = new Array(nodes.length);
	for (const n of nodes) if (n.admin) distance[n.index] = 0;
	for (let changed = true; changed; ) {
		changed = false;
		// Indexed loops: this runs over every edge once per round, and array iterators cost here.
		for (let from = 0; from < nodes.length; from++) {
			const groups = edges[from]!;
			for (let g = 0; g < groups.length; g++) {
				const group = groups[g]!;
				if (firmOnly && group.conditional) continue;
				const targets = group.to;
				for (let k = 0; k < targets.length; k++) {
					const to = targets[k]!;
					const d = distance[to]!;
					if (d < 0) continue;
					if (distance[from]! < 0 || d + 1 < distance[from]!) {
						distance[from] = d + 1;
						next[from] = hopOf(from, group, to, { nodes });
						changed = true;
					}
				}
			}
		}
	}
	return { distance, next };
}

export function buildPrincipalGraph(model: AccountModel, catalogue: IamCatalogue): PrincipalGraph {
	const targets = escalationTargets(model);
	const nodes: GraphNode[] = [];
	const byArn = new Map<string, number>();
	const add = (principal: AccountModel['users'][number] | Role, type: 'user' | 'role') => {
		const set = principalPolicies(model, principal, type);
		const index = nodes.length;
		nodes.push({ index, type, arn: principal.arn, name: principal.name, set, permissions: effectivePermissions(set, catalogue), admin: false });
		byArn.set(principal.arn, index);
	};
	for (const u of model.users) add(u, 'user');
	for (const r of model.roles) if (!r.path.startsWith('/aws-service-role/')) add(r, 'role');
	const adminNode = nodes.length;
	nodes.push({ index: adminNode, type: 'admin', arn: 'admin', name: 'full administrator', admin: true });
	const ceiling = ceilingOf(model, catalogue, nodes[0]?.set);
	for (const n of nodes) if (n.permissions && isSuperset(n.permissions.allowed, ceiling)) n.admin = true;

	const ctx = buildContext(model, targets, byArn, adminNode);
	const edges = nodes.map((n) => (n.admin || !n.set ? [] : edgesOf(ctx, n.set, { catalogue, permissions: n.permissions! })));
	let edgeCount = 0;
	for (const list of edges) for (const g of list) edgeCount += g.to.length;
	return { model, catalogue, targets, nodes, byArn, adminNode, edges, ceiling, toAdmin: distancesToAdmin(nodes, edges), toAdminFirm: distancesToAdmin(nodes, edges, true), edgeCount };
}

/** The build context again, for re-deciding one principal's edges under another boundary. */
export function graphContext(graph: PrincipalGraph): BuildContext {
	return buildContext(graph.model, graph.targets, graph.byArn, graph.adminNode);
}

const workloadIndexes = new WeakMap<AccountModel, Map<string, ServiceWorkloads>>();

/** The read services' workloads by resource (shared by every principal, so decisions on the list are memoised). */
function workloadIndex(model: AccountModel, byArn: Map<string, number>): Map<string, ServiceWorkloads> {
	let index = workloadIndexes.get(model);
	if (index) return index;
	index = new Map();
	const read = model.roleWorkloads?.read ?? [];
	for (const service of read) index.set(service, { resources: [], roles: [] });
	const position = new Map<string, number>();
	for (const w of model.roleWorkloads?.workloads ?? []) {
		const entry = index.get(w.service);
		const node = byArn.get(w.roleArn);
		// A role of another account, or a service-linked one, is no node: nothing to reach.
		if (!entry || node === undefined) continue;
		const key = `${w.service}\u0000${w.resourceArn}`;
		let at = position.get(key);
		if (at === undefined) {
			position.set(key, (at = entry.resources.length));
			entry.resources.push(w.resourceArn);
			entry.roles.push([]);
		}
		if (!entry.roles[at]!.includes(node)) entry.roles[at]!.push(node);
	}
	workloadIndexes.set(model, index);
	return index;
}

function buildContext(model: AccountModel, targets: EscalationTargets, byArn: Map<string, number>, adminNode: number): BuildContext {
	const ctx: BuildContext = { model, targets, byArn, adminNode, roles: new Map(), trustNaming: new Map(), trustingAccount: [], workloads: workloadIndex(model, byArn) };
	for (const role of model.roles) {
		if (role.path.startsWith('/aws-service-role/')) continue;
		ctx.roles.set(role.arn, role);
		const index = trustIndex(role, model.accountId);
		if (index.account) ctx.trustingAccount.push(role.arn);
		for (const arn of index.arns) {
			const list = ctx.trustNaming.get(arn);
			if (list) list.push(role.arn);
			else ctx.trustNaming.set(arn, [role.arn]);
		}
	}
	return ctx;
}
