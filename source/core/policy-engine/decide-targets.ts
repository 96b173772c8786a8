/**
 * One request of a principal on many resources at once: resources covered by the same
 * statements (Allow and Deny, in every layer) get the same answer, so each such group is
 * evaluated once. Passing a role to a service with 5,000 candidate roles costs a handful of
 * evaluations, not 5,000.
 */
import { statementsForAction, type CompiledStatement } from './compiled-policy.js';
import type { RequestContext } from './condition-eval.js';
import { evaluateAccess, isPossible, type AccessDecision } from './evaluate-access.js';
import type { PrincipalPolicySet } from './principal-policies.js';
import { positionsWithPrefix } from './prefix-index.js';
import { resolvePolicyVariables, resourcePatternMatches, wildcardPrefix, wildcardToRegExp, type PolicyVariables } from './wildcard.js';

export interface TargetDecision {
	decision: AccessDecision;
	/** The targets alike, as positions in the list asked about (ascending); shared between calls, never to be changed. */
	positions: readonly number[];
}

/** The ARNs of a group, from the list it was decided on. */
export function arnsOf(group: TargetDecision, arns: readonly string[]): string[] {
	return group.positions.map((i) => arns[i]!);
}

/** Whether any identity policy of the set has an Allow naming the action: without one, no target is possible. */
export function hasAllow(set: PrincipalPolicySet, action: string): boolean {
	// Asked for every step of every method of every principal: answered once per principal and action.
	let memo = allowMemo.get(set);
	if (!memo) allowMemo.set(set, (memo = new Map()));
	let has = memo.get(action);
	if (has === undefined) memo.set(action, (has = set.identity.some((a) => statementsForAction(a.doc, action).some((s) => s.effect === 'Allow'))));
	return has;
}

const allowMemo = new WeakMap<PrincipalPolicySet, Map<string, boolean>>();

const statementIds = new WeakMap<CompiledStatement, number>();
let nextStatementId = 0;
function idOf(s: CompiledStatement): number {
	let id = statementIds.get(s);
	if (id === undefined) statementIds.set(s, (id = nextStatementId++));
	return id;
}

const arnPositions = new WeakMap<readonly string[], Map<string, number[]>>();

/** Where an ARN is in the list (every position, ascending), by a lookup built once per list. */
export function positionsOfArn(arns: readonly string[], arn: string): readonly number[] {
	let index = arnPositions.get(arns);
	if (!index) {
		index = new Map();
		for (let i = 0; i < arns.length; i++) {
			const list = index.get(arns[i]!);
			if (list) list.push(i);
			else index.set(arns[i]!, [i]);
		}
		arnPositions.set(arns, index);
	}
	return index.get(arn) ?? [];
}

const patternPositions = new WeakMap<readonly string[], Map<string, readonly number[]>>();

/** The positions of the list a variable-free pattern matches, ascending; a wildcard pattern is run over the list once per list. */
export function positionsOfPattern(arns: readonly string[], pattern: string): readonly number[] {
	if (!pattern.includes('*') && !pattern.includes('?')) return positionsOfArn(arns, pattern);
	let memo = patternPositions.get(arns);
	if (!memo) patternPositions.set(arns, (memo = new Map()));
	let out = memo.get(pattern);
	if (!out) {
		const prefix = wildcardPrefix(pattern);
		// `role/app-*`, the usual form, is its prefix alone: no regular expression to build and run.
		const regex = pattern.length === prefix.length + 1 && pattern.endsWith('*') ? undefined : wildcardToRegExp(pattern, false);
		const positions = positionsWithPrefix(arns, prefix).filter((i) => !regex || regex.test(arns[i]!));
		memo.set(pattern, (out = positions));
	}
	return out;
}

/** Sorted position lists merged into one, each position once. */
function union(lists: readonly (readonly number[])[]): readonly number[] {
	if (lists.length === 1) return lists[0]!;
	return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/**
 * The positions of the list a statement's Resource (or NotResource) covers, ascending, its
 * variables resolved for the principal: a variable-free pattern by lookup or one pass of its
 * regular expression (memoised per list), a variable whose value holds `*` or `?` (matched
 * literally) ARN by ARN.
 */
function statementCoverage(s: CompiledStatement, variables: PolicyVariables, arns: readonly string[]): readonly number[] {
	const lists: (readonly number[])[] = [];
	for (const p of s.notResources ?? s.resources ?? ['*']) {
		if (p === '*') {
			lists.push(allBut(arns.length, -1));
			continue;
		}
		const resolved = resolvePolicyVariables(p, variables);
		// A variable without a value: the pattern covers nothing.
		if (!resolved) continue;
		if (resolved.literal.length > 0) {
			const positions: number[] = [];
			for (let i = 0; i < arns.length; i++) if (resourcePatternMatches(p, arns[i]!, variables)) positions.push(i);
			lists.push(positions);
		} else lists.push(positionsOfPattern(arns, resolved.pattern));
	}
	const covered = lists.length === 0 ? [] : union(lists);
	if (!s.notResources) return covered;
	const out: number[] = [];
	for (let i = 0, at = 0; i < arns.length; i++) {
		while (at < covered.length && covered[at]! < i) at++;
		if (covered[at] !== i) out.push(i);
	}
	return out;
}

const coverages = new WeakMap<readonly string[], WeakMap<CompiledStatement, readonly number[]>>();

/** The positions of the list a variable-free statement covers, once per list and statement. */
function coverageOf(s: CompiledStatement, arns: readonly string[]): readonly number[] {
	let byStatement = coverages.get(arns);
	if (!byStatement) coverages.set(arns, (byStatement = new WeakMap()));
	let out = byStatement.get(s);
	if (!out) byStatement.set(s, (out = statementCoverage(s, {}, arns)));
	return out;
}

/** Targets alike: the first one's position, and every position (worked out when first asked: most groups are decided impossible on their first target). */
interface Group {
	first: number;
	positions: () => readonly number[];
}

const known = (positions: readonly number[]): Group => ({ first: positions[0]!, positions: () => positions });

/** Partitions of a target list by the telling statements that cover each target, memoised per list and statements. */
const partitions = new WeakMap<readonly string[], Map<string, Group[]>>();

/** Per length, a scratch array of statement bits per position, all zero between uses. */
let scratch = new Int32Array(0);

/**
 * The positions of `arns` covered by some of the (at most 30) statements, grouped by which
 * ones, and the positions none covers: worked out from each statement's own coverage, so a
 * principal allowed to pass 3 of 5,000 roles costs 3 steps, not 5,000.
 */
function sparsePartition(covered: readonly (readonly number[])[], length: number): Group[] {
	if (scratch.length < length) scratch = new Int32Array(length);
	const touched: number[] = [];
	for (let c = 0; c < covered.length; c++) {
		for (const i of covered[c]!) {
			if (scratch[i] === 0) touched.push(i);
			scratch[i]! |= 1 << c;
		}
	}
	touched.sort((a, b) => a - b);
	const byBits = new Map<number, number[]>();
	for (const i of touched) {
		const list = byBits.get(scratch[i]!);
		if (list) list.push(i);
		else byBits.set(scratch[i]!, [i]);
	}
	const out = [...byBits.values()].map(known);
	// The targets no telling statement covers, decided alike by the statements on every resource.
	let first = 0;
	for (const i of touched) if (i === first) first++;
	if (first < length) {
		const mark = new Uint8Array(length);
		for (const i of touched) mark[i] = 1;
		let rest: number[] | undefined;
		out.push({
			first,
			positions: () => {
				if (!rest) {
					rest = [];
					for (let i = 0; i < length; i++) if (!mark[i]) rest.push(i);
				}
				return rest;
			},
		});
		out.sort((a, b) => a.first - b.first);
	}
	for (const i of touched) scratch[i] = 0;
	return out;
}

/** The positions of `arns` grouped by which telling statements cover them, groups in order of their first target. */
function partition(telling: CompiledStatement[], variables: PolicyVariables, arns: readonly string[]): Group[] {
	// A pattern with a policy variable covers differently per principal: only variable-free statements are memoised.
	const shared = telling.every((s) => !(s.notResources ?? s.resources ?? []).some((p) => p.includes('${')));
	if (shared && telling.length <= 30) {
		let memo = partitions.get(arns);
		if (!memo) partitions.set(arns, (memo = new Map()));
		const key = telling.map(idOf).join(',');
		let hit = memo.get(key);
		// Each statement's coverage of the list is worked out once, for every principal that has it.
		if (!hit) memo.set(key, (hit = sparsePartition(telling.map((s) => coverageOf(s, arns)), arns.length)));
		return hit;
	}
	// Variables resolved for this principal: `user/${aws:username}` names one user, found by lookup.
	const covered = telling.map((s) => (shared ? coverageOf(s, arns) : statementCoverage(s, variables, arns)));
	if (covered.length <= 30) return sparsePartition(covered, arns.length);
	// Past 30 statements the bits do not fit a number: each target's are a string, one character per statement.
	const bits = Array.from({ length: arns.length }, () => '');
	for (const positions of covered) {
		const mark = new Uint8Array(arns.length);
		for (const i of positions) mark[i] = 1;
		for (let i = 0; i < arns.length; i++) bits[i] += mark[i] ? '1' : '0';
	}
	const groups = new Map<string, number[]>();
	for (let i = 0; i < arns.length; i++) {
		const list = groups.get(bits[i]!);
		if (list) list.push(i);
		else groups.set(bits[i]!, [i]);
	}
	return [...groups.values()].map(known);
}

/**
 * The groups of `arns` the principal may act on (allowed or conditional), each with its
 * decision, taken on the group's first target. `exclude` leaves one ARN out (the principal
 * itself) as if it were not in the list. `untilAllowed`: stop after the first group allowed
 * outright (a caller that wants one target, the best, needs no more evaluations).
 */
export function decideTargets(set: PrincipalPolicySet, action: string, arns: readonly string[], context?: RequestContext, exclude?: string, untilAllowed = false): TargetDecision[] {
	const skip = exclude === undefined ? -1 : (positionsOfArn(arns, exclude)[0] ?? -1);
	if (arns.length - (skip >= 0 ? 1 : 0) === 0 || !hasAllow(set, action)) return [];
	const docs = [...set.identity.map((a) => a.doc), ...(set.boundary?.doc ? [set.boundary.doc] : []), ...(set.scps?.applies ? set.scps.levels.flatMap((l) => l.docs.map((d) => d.doc)) : [])];
	const statements = docs.flatMap((d) => statementsForAction(d, action));
	// Statements on every resource cover every target alike: only the others tell targets apart.
	const telling = statements.filter((s) => s.notResources || (s.resources && !s.resources.includes('*')));
	if (!statements.some((s) => s.effect === 'Allow')) return [];
	// A Deny on every resource without condition leaves no target.
	if (statements.some((s) => s.effect === 'Deny' && !s.condition && !s.notResources && (!s.resources || s.resources.includes('*')))) return [];
	if (telling.length === 0) {
		const decision = evaluateAccess(set, action, arns[skip === 0 ? 1 : 0]!, context);
		if (!isPossible(decision)) return [];
		if (skip < 0) return [{ decision, positions: allBut(arns.length, -1) }];
		// Every position but the principal's own: listed only if asked (a caller after the decision alone never does).
		let positions: readonly number[] | undefined;
		return [
			{
				decision,
				get positions() {
					return (positions ??= allBut(arns.length, skip));
				},
			},
		];
	}
	let groups = partition(telling, set.context.variables ?? {}, arns);
	if (skip >= 0) {
		// Without the excluded target the group that starts with it starts later (or is empty); the others keep their first target, and are listed without it only if asked.
		const adjusted: Group[] = [];
		for (const g of groups) {
			if (g.first !== skip) {
				let without: readonly number[] | undefined;
				adjusted.push({ first: g.first, positions: () => (without ??= withoutPosition(g.positions(), skip)) });
				continue;
			}
			const rest = g.positions().filter((i) => i !== skip);
			if (rest.length > 0) adjusted.push(known(rest));
		}
		groups = adjusted.sort((a, b) => a.first - b.first);
	}
	const out: TargetDecision[] = [];
	for (const group of groups) {
		const decision = evaluateAccess(set, action, arns[group.first]!, context);
		if (!isPossible(decision)) continue;
		// The positions are listed when first read: a caller after the best decision alone never reads them.
		out.push({
			decision,
			get positions() {
				return group.positions();
			},
		});
		if (untilAllowed && decision.verdict === 'allowed') break;
	}
	return out;
}

function withoutPosition(positions: readonly number[], skip: number): readonly number[] {
	return positions.includes(skip) ? positions.filter((i) => i !== skip) : positions;
}

const everyPosition = new Map<number, number[]>();

/** Positions 0…length-1 but `skip`, the full list shared by length. */
function allBut(length: number, skip: number): readonly number[] {
	if (skip < 0) {
		let all = everyPosition.get(length);
		if (!all) everyPosition.set(length, (all = Array.from({ length }, (_, i) => i)));
		return all;
	}
	const out: number[] = [];
	for (let i = 0; i < length; i++) if (i !== skip) out.push(i);
	return out;
}
