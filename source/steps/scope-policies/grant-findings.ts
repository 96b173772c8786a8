/**
 * POLICY_FULL_ADMIN, POLICY_SERVICE_WILDCARD, POLICY_NOT_ACTION and
 * POLICY_WILDCARD_RESOURCE: what an attached policy's Allow statements grant. Deny
 * statements never raise them, and actions that accept only `Resource: "*"` are never
 * POLICY_WILDCARD_RESOURCE.
 */
import type { Finding } from '../../core/finding.js';
import { scopedActionsOf, type IamCatalogue } from '../../core/policy-engine/catalogue.js';
import type { Statement } from '../../core/policy-document.js';
import { findingsFor } from './finding-target.js';
import type { PolicySource } from './policy-sources.js';
import { grantsAllResources, isEveryAction, listSome } from './statement-actions.js';

/** A policy's Allow statements with their positions: work it out once (allowsOf) and hand it to each check. */
export type AllowStatements = readonly { s: Statement; index: number }[];

export const allowsOf = (source: PolicySource): AllowStatements => source.document.Statement.map((s, index) => ({ s, index })).filter(({ s }) => s.Effect === 'Allow');
const label = (s: Statement, index: number) => s.Sid ?? `#${index + 1}`;
const conditional = (s: Statement) => s.Condition !== undefined && Object.keys(s.Condition).length > 0;

function isFullAdmin(s: Statement): boolean {
	return (s.Action ?? []).some(isEveryAction) && grantsAllResources(s);
}

export function fullAdminFindings(source: PolicySource, allows = allowsOf(source)): Finding[] {
	const hits = allows.filter(({ s }) => isFullAdmin(s));
	if (hits.length === 0) return [];
	const unconditional = hits.some(({ s }) => !conditional(s));
	const detail = `${source.name} allows every action on every resource${unconditional ? '' : ', though only under a condition'} (statement ${hits.map(({ s, index }) => label(s, index)).join(', ')}).`;
	return findingsFor(source, { id: 'POLICY_FULL_ADMIN', detail, evidence: { statements: hits.map(({ s, index }) => label(s, index)), conditional: !unconditional } });
}

export function serviceWildcardFindings(source: PolicySource, allows = allowsOf(source)): Finding[] {
	if (source.kind === 'aws-managed') return [];
	const services = new Set<string>();
	const statements: string[] = [];
	for (const { s, index } of allows) {
		if (isFullAdmin(s)) continue;
		const wild = (s.Action ?? []).filter((p) => isEveryAction(p) || (p.endsWith(':*') && /^[^:*?]+:\*$/.test(p)));
		if (wild.length === 0) continue;
		for (const p of wild) services.add(isEveryAction(p) ? '*' : p.split(':')[0]!);
		statements.push(label(s, index));
	}
	if (services.size === 0) return [];
	const list = [...services].sort();
	return findingsFor(source, {
		id: 'POLICY_SERVICE_WILDCARD',
		detail: `${source.name} allows every action of ${list.map((svc) => (svc === '*' ? 'every service' : `${svc}`)).join(', ')} (${list.map((svc) => (svc === '*' ? '*' : `${svc}:*`)).join(', ')}).`,
		evidence: { services: list, statements },
	});
}

export function notActionFindings(source: PolicySource, allows = allowsOf(source)): Finding[] {
	const hits = allows.filter(({ s }) => s.NotAction !== undefined || s.NotResource !== undefined);
	if (hits.length === 0) return [];
	const uses = [...new Set(hits.flatMap(({ s }) => [...(s.NotAction ? ['NotAction'] : []), ...(s.NotResource ? ['NotResource'] : [])]))];
	return findingsFor(source, {
		id: 'POLICY_NOT_ACTION',
		detail: `${source.name} has an Allow with ${uses.join(' and ')}, which grants everything it does not name, including actions AWS adds later.`,
		evidence: { statements: hits.map(({ s, index }) => label(s, index)), uses },
	});
}

/** Customer policies only: an AWS-managed policy's wildcard resources are AWS's design, and nobody here can change them. */
export function wildcardResourceFindings(source: PolicySource, catalogue: IamCatalogue, allows = allowsOf(source)): Finding[] {
	if (source.kind === 'aws-managed') return [];
	const lists: (readonly string[])[] = [];
	const statements: string[] = [];
	let onlyConditional = true;
	for (const { s, index } of allows) {
		if (!s.Action || !grantsAllResources(s) || isFullAdmin(s)) continue;
		// The statement's scoped writes (scopedWritesOf) as each entry's sorted list, merged below: no union per statement.
		const before = lists.length;
		for (const pattern of s.Action) {
			const writes = scopedActionsOf(catalogue, pattern).scopedWrites;
			if (writes.length > 0) lists.push(sortedOnce(writes));
		}
		if (lists.length === before) continue;
		statements.push(label(s, index));
		if (!conditional(s)) onlyConditional = false;
	}
	if (lists.length === 0) return [];
	const list = lists.length === 1 ? [...lists[0]!] : mergeSorted(lists);
	return findingsFor(source, {
		id: 'POLICY_WILDCARD_RESOURCE',
		detail: `${source.name} allows ${list.length} write or permissions-management action${list.length === 1 ? ' that takes' : 's that take'} specific resources on Resource "*" (${listSome(list)})${onlyConditional ? ', under a condition' : ''}.`,
		evidence: { actions: list, statements, conditional: onlyConditional },
	});
}

/**
 * The catalogue hands out one list per Action entry (ec2:* has hundreds of writes), and thousands
 * of policies repeat them: each is sorted once, and a policy's lists are merged.
 */
const sortedLists = new WeakMap<readonly string[], readonly string[]>();

function sortedOnce(list: readonly string[]): readonly string[] {
	let sorted = sortedLists.get(list);
	if (!sorted) sortedLists.set(list, (sorted = [...new Set(list)].sort()));
	return sorted;
}

/** The sorted union of sorted lists without repeats: what sorting their set gives. */
function mergeSorted(lists: readonly (readonly string[])[]): string[] {
	let out = lists[0]!.slice();
	for (const next of lists.slice(1)) {
		const merged: string[] = [];
		let i = 0;
		let j = 0;
		while (i < out.length && j < next.length) {
			const a = out[i]!;
			const b = next[j]!;
			if (a === b) {
				merged.push(a);
				i++;
				j++;
			} else if (a < b) {
				merged.push(a);
				i++;
			} else {
				merged.push(b);
				j++;
			}
		}
		while (i < out.length) merged.push(out[i++]!);
		while (j < next.length) merged.push(next[j++]!);
		out = merged;
	}
	return out;
}
