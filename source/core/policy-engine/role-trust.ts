/**
 * Whether a role's trust policy lets a principal of the account assume it, and how: by
 * naming the principal's ARN (then, in the same account, no identity policy is needed;
 * explicit Deny and SCPs still apply, and for a role so does its boundary), or by naming
 * the account root or `*` (then the principal's own policies must allow sts:AssumeRole).
 * Trust conditions are evaluated with what is known of the principal; what is not known
 * keeps the edge conditional.
 */
import type { Role } from '../model.js';
import type { ConditionBlock, Statement } from '../policy-document.js';
import { evaluateCondition, type Tristate } from './condition-eval.js';
import type { PrincipalPolicySet } from './principal-policies.js';
import { wildcardMatches } from './wildcard.js';

export interface TrustAdmission {
	/** The trust names the principal's ARN itself. */
	named: boolean;
	/** Holds only under the condition of the allowing statement, or unless a conditional Deny applies. */
	conditional: boolean;
	/** The trust statement that admits it (1-based) and its Sid. */
	statement: number;
	sid?: string;
	condition?: ConditionBlock;
}

/** Whether a trust statement's Action (or NotAction) covers sts:AssumeRole: by name in any case, by wildcard, or by not naming it. */
export function coversAssume(s: Statement): boolean {
	if (s.NotAction) return !s.NotAction.some((a) => wildcardMatches(a, 'sts:AssumeRole', true));
	return (s.Action ?? []).some((a) => wildcardMatches(a, 'sts:AssumeRole', true));
}

/** Whether a Principal's AWS entry names the whole account: `*`, the account ID, or its root in any partition. */
function namesAccount(a: string, account: string): boolean {
	return a === '*' || a === account || (/^arn:[^:]+:iam::\d+:root$/.test(a) && a.split(':')[4] === account);
}

/** How the statement's Principal names the principal: by ARN, by its account, or not at all. */
function names(s: Statement, arn: string, account: string): 'arn' | 'account' | undefined {
	if (s.Principal === '*') return 'account';
	const aws = s.Principal?.AWS ?? [];
	if (aws.includes(arn)) return 'arn';
	if (aws.some((a) => namesAccount(a, account))) return 'account';
	return undefined;
}

/** The trust's answer for the principal, or null when it does not admit it (or denies it). */
export function trustAdmits(role: Role, set: PrincipalPolicySet, account: string): TrustAdmission | null {
	const statements = role.trustPolicy.Statement;
	let denyConditional = false;
	for (const s of statements) {
		if (s.Effect !== 'Deny' || !coversAssume(s) || !names(s, set.principal.arn, account)) continue;
		const holds: Tristate = s.Condition ? evaluateCondition(s.Condition, set.context) : 'true';
		if (holds === 'true') return null;
		if (holds === 'unknown') denyConditional = true;
	}
	let best: TrustAdmission | null = null;
	statements.forEach((s, i) => {
		if (s.Effect !== 'Allow' || !coversAssume(s)) return;
		const how = names(s, set.principal.arn, account);
		if (!how) return;
		const holds: Tristate = s.Condition ? evaluateCondition(s.Condition, set.context) : 'true';
		if (holds === 'false') return;
		const candidate: TrustAdmission = {
			named: how === 'arn',
			conditional: holds === 'unknown' || denyConditional,
			statement: i + 1,
			...(s.Sid ? { sid: s.Sid } : {}),
			...(s.Condition ? { condition: s.Condition } : {}),
		};
		// Unconditional beats conditional; naming the ARN beats naming the account.
		if (!best || (best.conditional && !candidate.conditional) || (best.conditional === candidate.conditional && !best.named && candidate.named)) best = candidate;
	});
	return best;
}

/** The ARNs a role's trust names directly, and whether it admits the account (root, account ID or `*`). */
export function trustIndex(role: Role, account: string): { arns: string[]; account: boolean } {
	const arns: string[] = [];
	let byAccount = false;
	for (const s of role.trustPolicy.Statement) {
		if (s.Effect !== 'Allow' || !coversAssume(s)) continue;
		if (s.Principal === '*') {
			byAccount = true;
			continue;
		}
		for (const a of s.Principal?.AWS ?? []) {
			if (namesAccount(a, account)) byAccount = true;
			else if (/^arn:[^:]+:iam::\d+:(user|role)\//.test(a)) arns.push(a);
		}
	}
	return { arns, account: byAccount };
}
