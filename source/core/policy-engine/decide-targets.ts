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
import { resolvePolicyVariables, resourcePatternMatches, wildcardToRegExp, type PolicyVariables } from './wildcard.js';

/** A statement's Resource (or NotResource) as one test per ARN, its variables resolved once. */
function coverage(s: CompiledStatement, variables: PolicyVariables): (arn: string) => boolean {
	const tests = (s.notResources ?? s.resources ?? ['*']).map((p): ((arn: string) => boolean) => {
		if (p === '*') return () => true;
		const resolved = resolvePolicyVariables(p, variables);
		if (!resolved) return () => false;
		if (resolved.literal.length > 0) return (arn) => resourcePatternMatches(p, arn, variables);
		const pattern = resolved.pattern;
		if (!pattern.includes('*') && !pattern.includes('?')) return (arn) => arn === pattern;
		const regex = wildcardToRegExp(pattern, false);
		return (arn) => regex.test(arn);
	});
	const any = (arn: string) => tests.some((t) => t(arn));
	return s.notResources ? (arn) => !any(arn) : any;
}

export interface TargetDecision {
	decision: AccessDecision;
	arns: string[];
}

/** Whether any identity policy of the set has an Allow naming the action: without one, no target is possible. */
export function hasAllow(set: PrincipalPolicySet, action: string): boolean {
	return set.identity.some((a) => statementsForAction(a.doc, action).some((s) => s.effect === 'Allow'));
}

/** The groups of `arns` the principal may act on (allowed or conditional), each with its decision. */
export function decideTargets(set: PrincipalPolicySet, action: string, arns: readonly string[], context?: RequestContext): TargetDecision[] {
	if (!hasAllow(set, action)) return [];
	const docs = [...set.identity.map((a) => a.doc), ...(set.boundary?.doc ? [set.boundary.doc] : []), ...(set.scps?.applies ? set.scps.levels.flatMap((l) => l.docs.map((d) => d.doc)) : [])];
	const statements = docs.flatMap((d) => statementsForAction(d, action));
	// Statements on every resource cover every target alike: only the others tell targets apart.
	const telling = statements.filter((s) => s.notResources || (s.resources && !s.resources.includes('*')));
	if (arns.length === 0 || !statements.some((s) => s.effect === 'Allow')) return [];
	// A Deny on every resource without condition leaves no target.
	if (statements.some((s) => s.effect === 'Deny' && !s.condition && !s.notResources && (!s.resources || s.resources.includes('*')))) return [];
	if (telling.length === 0) {
		const decision = evaluateAccess(set, action, arns[0]!, context);
		return isPossible(decision) ? [{ decision, arns: [...arns] }] : [];
	}
	const covers = telling.map((s) => coverage(s, set.context.variables ?? {}));
	// Which telling statements cover the ARN, as bits (a string past 30 statements).
	const groups = new Map<number | string, string[]>();
	for (const arn of arns) {
		let key: number | string = 0;
		if (covers.length <= 30) {
			for (let i = 0; i < covers.length; i++) if (covers[i]!(arn)) key |= 1 << i;
		} else key = covers.map((c) => (c(arn) ? '1' : '0')).join('');
		const list = groups.get(key);
		if (list) list.push(arn);
		else groups.set(key, [arn]);
	}
	const out: TargetDecision[] = [];
	for (const list of groups.values()) {
		const decision = evaluateAccess(set, action, list[0]!, context);
		if (isPossible(decision)) out.push({ decision, arns: list });
	}
	return out;
}
