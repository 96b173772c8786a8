/**
 * POLICY_SENSITIVE_NO_MFA: a policy lets people (FINDINGS.md's human principals) use
 * permissions-management actions without an MFA condition on the statement, and the
 * policy engine says they can really use them in a session without MFA (no Deny when MFA
 * is absent, no outright Deny, a boundary and SCPs that let them through).
 */
import type { Finding } from '../../core/finding.js';
import type { IamCatalogue } from '../../core/policy-engine/catalogue.js';
import type { AccountModel } from '../../core/model.js';
import type { ConditionBlock, Statement } from '../../core/policy-document.js';
import { evaluateAccess, isPossible } from '../../core/policy-engine/evaluate-access.js';
import { principalPolicies, type PrincipalPolicySet } from '../../core/policy-engine/principal-policies.js';
import { findingsFor } from './finding-target.js';
import { humansBehind, principalIndex } from './human-principals.js';
import type { PolicyPrincipal, PolicySource } from './policy-sources.js';
import { listSome, statementActionsAtLevel } from './statement-actions.js';
import { concreteSample } from '../../core/policy-engine/wildcard.js';

const mfaKeys = new Set(['aws:multifactorauthpresent', 'aws:multifactorauthage']);

/** Whether a condition block tests MFA (present, or its age). */
export function hasMfaCondition(condition: ConditionBlock | undefined): boolean {
	if (!condition) return false;
	return Object.values(condition).some((keys) => Object.keys(keys).some((k) => mfaKeys.has(k.toLowerCase())));
}

/** Each user's and role's policy set, built once per model. */
const policySets = new WeakMap<AccountModel, Map<string, PrincipalPolicySet | null>>();

function policySetOf(model: AccountModel, principal: PolicyPrincipal): PrincipalPolicySet | null {
	let cache = policySets.get(model);
	if (!cache) policySets.set(model, (cache = new Map()));
	let set = cache.get(principal.arn);
	if (set === undefined) {
		const user = principal.type === 'user' ? principalIndex(model).users.get(principal.arn) : undefined;
		const role = principal.type === 'role' ? principalIndex(model).roles.get(principal.arn) : undefined;
		set = user ? principalPolicies(model, user, 'user') : role ? principalPolicies(model, role, 'role') : null;
		cache.set(principal.arn, set);
	}
	return set;
}

/** A resource the statement names, made concrete for this principal (variables filled, wildcards one letter). */
function sampleResource(pattern: string, set: PrincipalPolicySet): string {
	return concreteSample(pattern, set.context.variables ?? {});
}

const withoutMfa = { keys: { 'aws:MultiFactorAuthPresent': ['false'] } };

/**
 * The sensitive actions a person can use in a session without MFA, by the policy engine:
 * every policy of theirs, explicit Denies (a Deny when MFA is absent included), their
 * permissions boundary and SCPs. An Allow that holds only under another condition counts.
 */
function usesAnyWithoutMfa(model: AccountModel, human: PolicyPrincipal, sensitive: ReadonlyMap<string, string>): boolean {
	const set = policySetOf(model, human);
	if (!set) return true;
	for (const [action, resource] of sensitive) if (isPossible(evaluateAccess(set, action, sampleResource(resource, set), withoutMfa))) return true;
	return false;
}

/** The permissions-management actions of each statement, worked out once per statement object. */
const sensitiveOfStatement = new WeakMap<Statement, string[]>();

function sensitiveActions(catalogue: IamCatalogue, statement: Statement): string[] {
	let out = sensitiveOfStatement.get(statement);
	if (!out) {
		out = statementActionsAtLevel(catalogue, statement, ['Permissions management']);
		sensitiveOfStatement.set(statement, out);
	}
	return out;
}

export function sensitiveNoMfaFindings(source: PolicySource, model: AccountModel, catalogue: IamCatalogue): Finding[] {
	// Most policies reach no person at all: say so before working out any action.
	if (!source.principals.some((p) => humansBehind(model, p).length > 0)) return [];
	// Sensitive action → a resource the policy allows it on (to ask the engine about).
	const sensitive = new Map<string, string>();
	const statements: string[] = [];
	source.document.Statement.forEach((s, index) => {
		if (s.Effect !== 'Allow' || hasMfaCondition(s.Condition)) return;
		const found = sensitiveActions(catalogue, s);
		if (found.length === 0) return;
		for (const a of found) if (!sensitive.has(a)) sensitive.set(a, s.Resource?.[0] ?? '*');
		statements.push(s.Sid ?? `#${index + 1}`);
	});
	if (sensitive.size === 0) return [];
	const actions = [...sensitive.keys()].sort();
	// People behind each principal who can use some of the actions without MFA.
	const exposedHumans = (principal: PolicyPrincipal) => humansBehind(model, principal).filter((human) => usesAnyWithoutMfa(model, human, sensitive));
	const draft = (principals: PolicyPrincipal[]) => {
		const humans = [...new Set(principals.flatMap((p) => exposedHumans(p).map((h) => h.arn)))].sort();
		return {
			id: 'POLICY_SENSITIVE_NO_MFA' as const,
			detail: `${source.name} lets people (${humans.length === 1 ? humans[0] : `${humans.length} human principals`}) use ${actions.length} permissions-management action${actions.length === 1 ? '' : 's'} (${listSome(actions)}) without an MFA condition.`,
			evidence: { actions: actions.slice(0, 50), actionCount: actions.length, humans, statements },
			principals,
		};
	};
	const exposed = source.principals.filter((principal) => exposedHumans(principal).length > 0);
	if (exposed.length === 0) return [];
	// An AWS-managed policy is reported on each principal, each naming its own people.
	if (source.kind === 'aws-managed') return exposed.flatMap((principal) => findingsFor(source, draft([principal])));
	return findingsFor(source, draft(exposed));
}
