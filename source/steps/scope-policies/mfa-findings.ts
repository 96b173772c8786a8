/**
 * POLICY_SENSITIVE_NO_MFA: a policy lets people (FINDINGS.md's human principals) use
 * permissions-management actions without an MFA condition on the statement, and nothing
 * else of theirs denies those actions when MFA is absent.
 */
import type { Finding } from '../../core/finding.js';
import type { IamCatalogue } from '../../core/policy-engine/catalogue.js';
import type { AccountModel } from '../../core/model.js';
import type { ConditionBlock, Statement } from '../../core/policy-document.js';
import { findingsFor } from './finding-target.js';
import { humansBehind } from './human-principals.js';
import type { PolicyPrincipal, PolicySource } from './policy-sources.js';
import { actionsAtLevel, actionsOfStatement, listSome } from './statement-actions.js';

const mfaKeys = new Set(['aws:multifactorauthpresent', 'aws:multifactorauthage']);

/** Whether a condition block tests MFA (present, or its age). */
export function hasMfaCondition(condition: ConditionBlock | undefined): boolean {
	if (!condition) return false;
	return Object.values(condition).some((keys) => Object.keys(keys).some((k) => mfaKeys.has(k.toLowerCase())));
}

/** A Deny that applies when MFA is absent: Bool/BoolIfExists aws:MultiFactorAuthPresent false, or Null ... true. */
function deniesWithoutMfa(statement: Statement): boolean {
	if (statement.Effect !== 'Deny' || !statement.Condition) return false;
	return Object.entries(statement.Condition).some(([operator, keys]) =>
		Object.entries(keys).some(([key, values]) => {
			if (key.toLowerCase() !== 'aws:multifactorauthpresent') return false;
			const op = operator.toLowerCase();
			if (op === 'bool' || op === 'boolifexists') return values.includes('false');
			if (op === 'null') return values.includes('true');
			return false;
		}),
	);
}

/** The sources whose statements apply to a principal: its own, and for a user its groups'. */
function sourcesOf(principal: PolicyPrincipal, model: AccountModel, sources: readonly PolicySource[]): PolicySource[] {
	const groups = principal.type === 'user' ? (model.users.find((u) => u.arn === principal.arn)?.groups ?? []) : [];
	const groupArns = new Set(model.groups.filter((g) => groups.includes(g.name)).map((g) => g.arn));
	return sources.filter((s) => s.principals.some((p) => p.arn === principal.arn || groupArns.has(p.arn)));
}

/** A Deny on every resource with no condition: the actions are simply not available. */
function deniesOutright(statement: Statement): boolean {
	return statement.Effect === 'Deny' && !statement.Condition && (statement.Resource?.includes('*') ?? false);
}

/** Whether every sensitive action is denied to the principal when MFA is absent (or denied outright). */
function mfaEnforcedFor(principal: PolicyPrincipal, sensitive: readonly string[], model: AccountModel, sources: readonly PolicySource[], catalogue: IamCatalogue): boolean {
	const denied = new Set<string>();
	for (const source of sourcesOf(principal, model, sources)) {
		for (const statement of source.document.Statement) {
			if (!deniesWithoutMfa(statement) && !deniesOutright(statement)) continue;
			for (const action of actionsOfStatement(catalogue, statement)) denied.add(action);
		}
	}
	return sensitive.every((a) => denied.has(a));
}

export function sensitiveNoMfaFindings(source: PolicySource, model: AccountModel, sources: readonly PolicySource[], catalogue: IamCatalogue): Finding[] {
	const sensitive = new Set<string>();
	const statements: string[] = [];
	source.document.Statement.forEach((s, index) => {
		if (s.Effect !== 'Allow' || hasMfaCondition(s.Condition)) return;
		const found = actionsAtLevel(catalogue, actionsOfStatement(catalogue, s), ['Permissions management']);
		if (found.length === 0) return;
		for (const a of found) sensitive.add(a);
		statements.push(s.Sid ?? `#${index + 1}`);
	});
	if (sensitive.size === 0) return [];
	const actions = [...sensitive].sort();
	// People behind each principal who can use the actions without MFA.
	const exposedHumans = (principal: PolicyPrincipal) => humansBehind(model, principal).filter((human) => !mfaEnforcedFor(human, actions, model, sources, catalogue));
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
