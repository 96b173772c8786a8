/**
 * POLICY_FULL_ADMIN, POLICY_SERVICE_WILDCARD, POLICY_NOT_ACTION and
 * POLICY_WILDCARD_RESOURCE: what an attached policy's Allow statements grant. Deny
 * statements never raise them, and actions that accept only `Resource: "*"` are never
 * POLICY_WILDCARD_RESOURCE.
 */
import type { Finding } from '../../core/finding.js';
import { scopedWritesOf, type IamCatalogue } from '../../core/policy-engine/catalogue.js';
import type { Statement } from '../../core/policy-document.js';
import { findingsFor } from './finding-target.js';
import type { PolicySource } from './policy-sources.js';
import { grantsAllResources, isEveryAction, listSome } from './statement-actions.js';

const allows = (source: PolicySource) => source.document.Statement.map((s, index) => ({ s, index })).filter(({ s }) => s.Effect === 'Allow');
const label = (s: Statement, index: number) => s.Sid ?? `#${index + 1}`;
const conditional = (s: Statement) => s.Condition !== undefined && Object.keys(s.Condition).length > 0;

function isFullAdmin(s: Statement): boolean {
	return (s.Action ?? []).some(isEveryAction) && grantsAllResources(s);
}

export function fullAdminFindings(source: PolicySource): Finding[] {
	const hits = allows(source).filter(({ s }) => isFullAdmin(s));
	if (hits.length === 0) return [];
	const unconditional = hits.some(({ s }) => !conditional(s));
	const detail = `${source.name} allows every action on every resource${unconditional ? '' : ', though only under a condition'} (statement ${hits.map(({ s, index }) => label(s, index)).join(', ')}).`;
	return findingsFor(source, { id: 'POLICY_FULL_ADMIN', detail, evidence: { statements: hits.map(({ s, index }) => label(s, index)), conditional: !unconditional } });
}

export function serviceWildcardFindings(source: PolicySource): Finding[] {
	if (source.kind === 'aws-managed') return [];
	const services = new Set<string>();
	const statements: string[] = [];
	for (const { s, index } of allows(source)) {
		if (isFullAdmin(s)) continue;
		const wild = (s.Action ?? []).filter((p) => isEveryAction(p) || /^[^:*?]+:\*$/.test(p));
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

export function notActionFindings(source: PolicySource): Finding[] {
	const hits = allows(source).filter(({ s }) => s.NotAction !== undefined || s.NotResource !== undefined);
	if (hits.length === 0) return [];
	const uses = [...new Set(hits.flatMap(({ s }) => [...(s.NotAction ? ['NotAction'] : []), ...(s.NotResource ? ['NotResource'] : [])]))];
	return findingsFor(source, {
		id: 'POLICY_NOT_ACTION',
		detail: `${source.name} has an Allow with ${uses.join(' and ')}, which grants everything it does not name, including actions AWS adds later.`,
		evidence: { statements: hits.map(({ s, index }) => label(s, index)), uses },
	});
}

/** Customer policies only: an AWS-managed policy's wildcard resources are AWS's design, and nobody here can change them. */
export function wildcardResourceFindings(source: PolicySource, catalogue: IamCatalogue): Finding[] {
	if (source.kind === 'aws-managed') return [];
	const actions = new Set<string>();
	const statements: string[] = [];
	let onlyConditional = true;
	for (const { s, index } of allows(source)) {
		if (!s.Action || !grantsAllResources(s) || isFullAdmin(s)) continue;
		const writes = scopedWritesOf(catalogue, s.Action);
		if (writes.length === 0) continue;
		for (const a of writes) actions.add(a);
		statements.push(label(s, index));
		if (!conditional(s)) onlyConditional = false;
	}
	if (actions.size === 0) return [];
	const list = [...actions].sort();
	return findingsFor(source, {
		id: 'POLICY_WILDCARD_RESOURCE',
		detail: `${source.name} allows ${list.length} write or permissions-management action${list.length === 1 ? ' that takes' : 's that take'} specific resources on Resource "*" (${listSome(list)})${onlyConditional ? ', under a condition' : ''}.`,
		evidence: { actions: list, statements, conditional: onlyConditional },
	});
}
