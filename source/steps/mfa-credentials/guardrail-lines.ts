/**
 * What the guardrail section says, as lines: the proposal in a sentence or two, then the
 * impact list (blockers, people denied until they use MFA, exemptions) and what the seed's
 * SCP as written would have denied. Pure, so the words are tested without a terminal.
 */
import type { GuardrailPlan } from './guardrail-plan.js';
import type { ContextLine } from './organization-context.js';
import { plural } from '../../core/plural.js';

export interface GuardrailRow extends ContextLine {
	kind: 'blocker' | 'denied' | 'exempt' | 'as-written';
}

export function guardrailSummary(plan: GuardrailPlan): ContextLine[] {
	if (plan.mode === 'none') return [{ text: plan.why, token: 'status.ok' }];
	const lines: ContextLine[] = [];
	if (plan.mode === 'scp' && plan.target) {
		const t = plan.target;
		lines.push({ text: `Proposed: SCP iam-wizard-require-mfa → ${t.type === 'ORGANIZATIONAL_UNIT' ? 'OU' : t.type.toLowerCase()} ${t.name}${t.test ? ' (test OU)' : ''} ${t.id} · ${t.attached.length}/5 SCPs` });
		if (plan.humanRolePatterns.length > 0) lines.push({ text: `People's roles also covered: ${plan.humanRolePatterns.join(', ')}` });
	} else lines.push({ text: `Proposed: AWS's force-MFA IAM policy on group iam-wizard-mfa-required (${plural(plan.candidate?.members?.length ?? 0, 'person', 'people')}). ${plan.why}` });
	const people = new Set(plan.denied.filter((e) => e.human).map((e) => e.principal.name));
	const workloadsAsWritten = plan.asWritten.filter((e) => !e.human);
	lines.push({
		text: `Impact: ${plural(plan.denied.length, 'sign-in')} of ${plural(people.size, 'person', 'people')} denied until MFA · ${plan.blockers.length === 0 ? 'no workload' : `${plan.blockers.length === 1 ? '1 WORKLOAD BREAKS' : `${plan.blockers.length} WORKLOADS BREAK`}`} · ${plan.exemptions.length} exempt`,
		token: plan.blockers.length > 0 ? 'status.error' : 'status.ok',
	});
	if (plan.blockers.length > 0) {
		lines.push({ text: 'A workload would break: exempt it (x), move it to a role (Access keys section), or override: p, then confirm the risk on its own.', token: 'status.error' });
	}
	if (workloadsAsWritten.length > 0) {
		const roles = workloadsAsWritten.filter((e) => e.principal.type === 'role').map((e) => e.principal.name);
		lines.push({ text: `Seed's RequireMFA as written: denies ${workloadsAsWritten.length} workloads, ${roles.length} roles (${roles.slice(0, 2).join(', ')}${roles.length > 2 ? ', …' : ''}); this: none`, token: 'status.warning' });
	}
	for (const problem of plan.problems) lines.push({ text: problem, token: 'status.error' });
	return lines;
}

export function guardrailRows(plan: GuardrailPlan): GuardrailRow[] {
	const rows: GuardrailRow[] = [];
	for (const e of plan.blockers) rows.push({ kind: 'blocker', text: `BLOCKER ${e.principal.type} ${e.principal.name}: ${e.path.how} — would break`, token: 'status.error' });
	for (const e of plan.denied.filter((x) => !x.blocker)) rows.push({ kind: 'denied', text: `denied  ${e.principal.type} ${e.principal.name}${e.isCaller ? ' (you)' : ''}: ${e.path.how}` });
	for (const x of plan.exemptions) rows.push({ kind: 'exempt', text: `exempt  ${x.arn.split(':').pop()}: ${x.reason}`, token: 'status.muted' });
	return rows;
}
