/**
 * The guardrail section's edits, checked before they change the proposal: the role ARN
 * patterns of people (SSO or federated roles whose IdP passes MFA), the exempt principals
 * (break-glass, the caller, workloads still on keys) and the target (the organization's root,
 * an OU, or an account). Pure: the screen asks, these say what is wrong in one sentence.
 */
import type { AccountModel } from '../../core/model.js';
import type { GuardrailOptions, GuardrailPlan } from './guardrail-plan.js';

export type GuardrailField = 'roles' | 'exempt' | 'target';

export const guardrailFieldLabels: Record<GuardrailField, string> = {
	roles: 'Role ARN patterns of people, comma-separated (e.g. arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*)',
	exempt: 'Exempt principal ARNs, comma-separated (break-glass, you, workloads on keys)',
	target: 'Target: the root (r-…), an OU (ou-…) or an account ID',
};

const rolePattern = /^arn:aws(-[a-z]+)*:iam::(\d{12}|\*):role\/[\w+=,.@/*?-]+$/;
const principalArn = /^arn:aws(-[a-z]+)*:iam::(\d{12}|\*):(root|(user|role)\/[\w+=,.@/*?-]+)$/;

export function listOf(text: string): string[] {
	return [...new Set(text.split(/[\s,]+/).filter((s) => s !== ''))];
}

/** The field's text as the proposal has it now. */
export function fieldText(field: GuardrailField, plan: GuardrailPlan): string {
	if (field === 'roles') return plan.humanRolePatterns.join(', ');
	if (field === 'exempt') return plan.exemptions.map((e) => e.arn).join(', ');
	return plan.target?.id ?? '';
}

/** The targets the organization has: its roots, its OUs and this account. */
function knownTargets(model: AccountModel): Set<string> {
	const org = model.organization;
	return new Set([...(org?.roots.map((r) => r.id) ?? []), ...(org?.organizationalUnits?.map((o) => o.id) ?? []), ...(org?.accountParents ?? []), model.accountId]);
}

/** The options with the field's new value, or the problem with it. */
export function applyGuardrailEdit(model: AccountModel, plan: GuardrailPlan, options: GuardrailOptions, field: GuardrailField, text: string): { options: GuardrailOptions } | { problem: string } {
	if (plan.mode !== 'scp' && field !== 'exempt') return { problem: 'Without an SCP there is no target or role pattern to edit: the force-MFA policy goes on a group of people.' };
	if (field === 'roles') {
		const patterns = listOf(text);
		const bad = patterns.find((p) => !rolePattern.test(p));
		if (bad) return { problem: `"${bad}" is not a role ARN pattern (arn:aws:iam::ACCOUNT:role/NAME, * and ? allowed).` };
		return { options: { ...options, humanRolePatterns: patterns } };
	}
	if (field === 'exempt') {
		const arns = listOf(text);
		const bad = arns.find((a) => !principalArn.test(a));
		if (bad) return { problem: `"${bad}" is not a user, role or root ARN.` };
		return { options: { ...options, exemptArns: arns } };
	}
	const id = text.trim();
	if (!knownTargets(model).has(id)) return { problem: `"${id}" is not a root, OU or account of ${model.organization?.id ?? 'the organization'} that iam-wizard read.` };
	return { options: { ...options, targetId: id } };
}
