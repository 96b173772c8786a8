/**
 * PRIVILEGE_ESCALATION findings: one per principal and first-hop method, with the shortest
 * path it opens (every hop's requests and the statements that allow them), what the end
 * gains, and why nothing stops the first hop (no Deny, the boundary allows, SCPs allow or do
 * not apply).
 */
import type { Finding } from '../../core/finding.js';
import { makeFinding } from '../../core/finding.js';
import type { AccessDecision, StatementRef } from '../../core/policy-engine/evaluate-access.js';
import { escalationMethods } from '../../core/policy-engine/escalation-methods.js';
import type { EscalationPath } from '../../core/policy-engine/escalation-paths.js';
import { probeName } from '../../core/policy-engine/find-escalations.js';
import type { Hop, PrincipalGraph } from '../../core/policy-engine/principal-graph.js';
import type { PrincipalPolicySet } from '../../core/policy-engine/principal-policies.js';

export interface StatementEvidence {
	policy: string;
	policyArn?: string;
	/** `inline` or `managed`. */
	kind: string;
	sid?: string;
	/** 1-based, as people count statements. */
	statement: number;
	via?: string;
	condition?: Record<string, Record<string, string[]>>;
}

export function statementEvidence(ref: StatementRef): StatementEvidence {
	return {
		policy: ref.policy.name,
		...(ref.policy.arn ? { policyArn: ref.policy.arn } : {}),
		kind: ref.policy.kind,
		...(ref.sid ? { sid: ref.sid } : {}),
		statement: ref.statementIndex + 1,
		...(ref.policy.via ? { via: ref.policy.via } : {}),
		...(ref.condition ? { condition: ref.condition } : {}),
	};
}

function targetLabel(decision: AccessDecision, probe: boolean): string {
	if (!probe && !decision.resource.includes(probeName)) return decision.resource;
	const kind = /:iam::\d*:(user|role|group|policy)\//.exec(decision.resource)?.[1];
	return kind ? `any ${kind === 'policy' ? 'customer-managed policy' : kind} (e.g. a new one)` : decision.resource.replaceAll(probeName, '*');
}

function whyNotDenied(set: PrincipalPolicySet, decisions: AccessDecision[]): string {
	const parts: string[] = [];
	const conditionalDenies = decisions.flatMap((d) => d.conditionalDenies);
	parts.push(
		conditionalDenies.length > 0
			? `Deny statements apply only under their conditions (${[...new Set(conditionalDenies.map((r) => r.policy.name))].join(', ')}).`
			: 'No Deny statement in its policies' + (set.boundary ? ', its permissions boundary' : '') + (set.scps?.applies ? ' or the SCPs' : '') + ' matches these requests.',
	);
	if (set.boundary) {
		const verdicts = decisions.map((d) => d.boundary?.verdict ?? 'unknown');
		parts.push(
			verdicts.includes('unknown')
				? `Its permissions boundary ${set.boundary.ref.name} was not read, so it may stop this.`
				: `Its permissions boundary ${set.boundary.ref.name} allows these actions${verdicts.includes('allows-conditionally') ? ' under a condition' : ''}.`,
		);
	} else parts.push('It has no permissions boundary.');
	if (set.scps) parts.push(set.scps.note);
	return parts.join(' ');
}

/** One hop of a finding's path, as JSON: who acts, how, as whom, with which requests and statements. */
export interface PathHopEvidence {
	principal: string;
	method: string;
	to: string;
	permissions: string[];
	steps: { action: string; target: string; verdict: string; allowedBy: StatementEvidence[]; conditionalDenies?: StatementEvidence[] }[];
	conditional: boolean;
	needs?: string;
	trust?: { statement: number; sid?: string; namesPrincipal: boolean; condition?: Record<string, Record<string, string[]>> };
}

export function hopEvidence(graph: PrincipalGraph, hop: Hop): PathHopEvidence {
	return {
		principal: graph.nodes[hop.from]!.arn,
		method: hop.method,
		to: graph.nodes[hop.to]!.arn,
		permissions: [...new Set(hop.steps.map((d) => d.action))],
		steps: hop.steps.map((d) => ({
			action: d.action,
			target: targetLabel(d, false),
			verdict: d.verdict,
			allowedBy: d.allowedBy.map(statementEvidence),
			...(d.conditionalDenies.length > 0 ? { conditionalDenies: d.conditionalDenies.map(statementEvidence) } : {}),
		})),
		conditional: hop.conditional,
		...(hop.needs ? { needs: hop.needs } : {}),
		...(hop.trust ? { trust: { statement: hop.trust.statement, ...(hop.trust.sid ? { sid: hop.trust.sid } : {}), namesPrincipal: hop.trust.named, ...(hop.trust.condition ? { condition: hop.trust.condition } : {}) } } : {}),
	};
}

/** A node for people: `role deployer`, `full administrator`. */
export function nodeLabel(graph: PrincipalGraph, index: number): string {
	const n = graph.nodes[index]!;
	return n.type === 'admin' ? 'full administrator' : `${n.type} ${n.name}${n.admin ? ' (full administrator)' : ''}`;
}

/** What the end of a path gains, in words. */
export function gainText(graph: PrincipalGraph, path: EscalationPath): string {
	if (path.admin) return 'full administrator access';
	return `${path.gained} action${path.gained === 1 ? '' : 's'} it does not have (${path.gainedSample.join(', ')}${path.gained > path.gainedSample.length ? ', …' : ''}) as ${nodeLabel(graph, path.end)}`;
}

/** A path in one line: `AssumeRole → role deployer, AttachRolePolicy → full administrator`. */
export function pathText(graph: PrincipalGraph, path: EscalationPath): string {
	return path.hops.map((h) => `${h.method} → ${nodeLabel(graph, h.to)}`).join(', ');
}

export function escalationFinding(graph: PrincipalGraph, node: number, path: EscalationPath): Finding {
	const n = graph.nodes[node]!;
	const set = n.set!;
	const p = set.principal;
	const first = path.hops[0]!;
	const hops = path.hops.map((h) => hopEvidence(graph, h));
	const groups = new Set(first.steps.flatMap((d) => d.allowedBy.map((r) => r.policy.via)));
	const via = groups.has(undefined) ? undefined : [...groups].join(', ');
	const allowedBy = [...new Set(first.steps.flatMap((d) => d.allowedBy.map((r) => r.policy.name + (r.policy.via ? ` (via group ${r.policy.via})` : ''))))];
	const hopCount = `${path.hops.length} hop${path.hops.length === 1 ? '' : 's'}`;
	const detail =
		`${path.method}: ${p.type} ${p.name} ${escalationMethods.find((m) => m.method === path.method)?.how ?? ''}; ` +
		`that reaches ${gainText(graph, path)} in ${hopCount} (${pathText(graph, path)}), first hop allowed by ${allowedBy.join(', ') || 'the trust policy'}` +
		(path.needs.length > 0 ? ` — only if ${path.needs.join(' and ')} exists (IAM data does not show it)` : path.conditional ? ' — only under a condition (see evidence)' : '') +
		'.';
	return makeFinding(
		'PRIVILEGE_ESCALATION',
		p.arn,
		detail,
		{
			principal: p.arn,
			principalType: p.type,
			method: path.method,
			conditional: path.conditional,
			...(via ? { via } : {}),
			hops: path.hops.length,
			reaches: { principal: graph.nodes[path.end]!.arn, admin: path.admin, gained: path.gained, gainedSample: path.gainedSample },
			...(path.needs.length > 0 ? { needsResources: path.needs } : {}),
			steps: hops[0]!.steps,
			// Every hop with its requests and the statements that allow them (step 4 shows them on Enter).
			pathSteps: hops,
			notDenied: whyNotDenied(set, first.steps),
			boundary: set.boundary?.ref.arn ?? null,
			scpsApplied: set.scps?.applies ?? false,
		},
		{ method: path.method, path: hops.map((h) => ({ principal: h.principal, method: h.method, permissions: h.permissions, to: h.to })) },
	);
}
