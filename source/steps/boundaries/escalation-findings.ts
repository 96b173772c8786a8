/**
 * PRIVILEGE_ESCALATION findings: one per principal and method, with the statements that
 * allow each step, the group they come through, and why nothing stops them (no Deny, the
 * boundary allows, SCPs allow or do not apply).
 */
import type { Finding } from '../../core/finding.js';
import { makeFinding } from '../../core/finding.js';
import type { AccessDecision, StatementRef } from '../../core/policy-engine/evaluate-access.js';
import { probeName, type EscalationFinding } from '../../core/policy-engine/find-escalations.js';
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
	if (!probe) return decision.resource;
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

export function escalationFinding(set: PrincipalPolicySet, found: EscalationFinding): Finding {
	const p = set.principal;
	const steps = found.steps.map((decision, i) => ({
		action: decision.action,
		target: targetLabel(decision, found.probeTargets[i]!),
		verdict: decision.verdict,
		allowedBy: decision.allowedBy.map(statementEvidence),
		...(decision.conditionalDenies.length > 0 ? { conditionalDenies: decision.conditionalDenies.map(statementEvidence) } : {}),
	}));
	const groups = new Set(found.steps.flatMap((d) => d.allowedBy.map((r) => r.policy.via)));
	const via = groups.has(undefined) ? undefined : [...groups].join(', ');
	const allowedBy = [...new Set(found.steps.flatMap((d) => d.allowedBy.map((r) => r.policy.name + (r.policy.via ? ` (via group ${r.policy.via})` : ''))))];
	const stepText = steps.map((s) => `${s.action} on ${s.target}`).join(', ');
	const detail =
		`${found.method}: ${p.type} ${p.name} ${found.spec.how} (${stepText}), allowed by ${allowedBy.join(', ')}` +
		(found.conditional ? ' — only under a condition (see evidence)' : '') +
		'.';
	return makeFinding(
		'PRIVILEGE_ESCALATION',
		p.arn,
		detail,
		{
			principal: p.arn,
			principalType: p.type,
			method: found.method,
			conditional: found.conditional,
			...(via ? { via } : {}),
			steps,
			notDenied: whyNotDenied(set, found.steps),
			boundary: set.boundary?.ref.arn ?? null,
			scpsApplied: set.scps?.applies ?? false,
		},
		{ method: found.method },
	);
}
