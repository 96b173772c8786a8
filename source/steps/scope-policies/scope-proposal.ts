/**
 * A scoped version of one policy, built from the best evidence there is: what its
 * principals used (last-accessed data, or step 2's generated policy), the resource ARNs
 * the operator chose (checked against the actions' ARN formats) and the condition
 * templates. Deny statements and existing conditions are kept as they are; actions that
 * accept only `Resource: "*"` are never given specific ARNs.
 */
import { arnPatternFitsAction } from '../../core/arn-pattern.js';
import { acceptsOnlyWildcardResource, expandActionPattern, type IamCatalogue } from '../../core/policy-engine/catalogue.js';
import type { ConditionBlock, PolicyDocument, Statement } from '../../core/policy-document.js';
import { cidrProblem, mergeCondition, mfaCondition, sourceIpCondition, timeWindowCondition, timeWindowProblem, type TimeWindow } from './condition-templates.js';
import { actionsOfStatement, isEveryAction, listSome, statementActionsAtLevel } from './statement-actions.js';
import { plural } from '../../core/plural.js';

/** What the operator chose for one policy. */
export interface ScopeChoices {
	/** Statement index → the ARNs its resource-scoped actions get instead of "*". */
	resources?: Record<number, string[]>;
	/** Add the MFA template (default: on sensitive statements of policies only people use). */
	mfa?: boolean;
	sourceIp?: string[];
	timeWindow?: TimeWindow;
	/** Drop what the usage evidence shows unused (default: true when there is evidence). */
	useUsage?: boolean;
}

/** What the policy's principals did, merged over all of them. */
export interface UsageEvidence {
	/** Lower-case `service:action` used within the tracking period. */
	usedActions: Set<string>;
	/** Lower-case service prefixes used, with or without action detail. */
	usedServices: Set<string>;
	/** Used services for which only the service is known: their actions are kept as they are. */
	servicesWithoutDetail: Set<string>;
	/** Lower-case actions IAM tracks and reports as not used: named actions among them are dropped. */
	trackedUnused: Set<string>;
	/** Lower-case action → the specific resources a generated policy (step 2) names for it. */
	resourcesByAction?: Map<string, Set<string>>;
	/** For the operator: "last-accessed data of role/etl". */
	sources: string[];
}

export interface ScopedProposal {
	document: PolicyDocument;
	/** One line per change, for the preview. */
	changes: string[];
	/** What could not be done as asked, or needs the operator's eye. */
	warnings: string[];
}

const serviceOf = (action: string) => action.split(':')[0]!.toLowerCase();

/** The actions of one Allow statement's Action list that usage supports; null when nothing changes. */
function usedActionList(catalogue: IamCatalogue, patterns: readonly string[], usage: UsageEvidence, warnings: string[]): string[] {
	const out: string[] = [];
	for (const pattern of patterns) {
		if (isEveryAction(pattern)) {
			out.push(...[...usage.usedActions].map((a) => expandActionPattern(catalogue, a)[0] ?? a));
			out.push(...[...usage.servicesWithoutDetail].map((s) => `${s}:*`));
			continue;
		}
		const service = serviceOf(pattern);
		if (!usage.usedServices.has(service) && !/[*?]/.test(service)) continue;
		if (usage.servicesWithoutDetail.has(service) || /[*?]/.test(service)) {
			out.push(pattern);
			continue;
		}
		if (!/[*?]/.test(pattern)) {
			if (!usage.trackedUnused.has(pattern.toLowerCase())) out.push(pattern);
			continue;
		}
		const kept = expandActionPattern(catalogue, pattern).filter((a) => usage.usedActions.has(a.toLowerCase()));
		if (service === 's3' && kept.length > 0) warnings.push(`${pattern}: IAM tracks only S3 management actions, not object reads and writes; check that the object actions you need are listed.`);
		out.push(...kept);
	}
	return [...new Set(out)].sort();
}

/** The used actions a NotAction statement allowed, as an Action list. */
function usedInsteadOfNotAction(catalogue: IamCatalogue, statement: Statement, usage: UsageEvidence): string[] {
	const allowed = new Set(actionsOfStatement(catalogue, statement).map((a) => a.toLowerCase()));
	const excluded = (statement.NotAction ?? []).flatMap((p) => expandActionPattern(catalogue, p)).map((a) => a.toLowerCase());
	const out = [...usage.usedActions].filter((a) => allowed.has(a)).map((a) => expandActionPattern(catalogue, a)[0] ?? a);
	for (const service of usage.servicesWithoutDetail) if (!excluded.some((a) => serviceOf(a) === service)) out.push(`${service}:*`);
	return [...new Set(out)].sort();
}

/** Splits a statement on "*" into the actions that stay on "*" and those that get the chosen ARNs. */
function scopeResources(catalogue: IamCatalogue, statement: Statement, arns: readonly string[], label: string, changes: string[], warnings: string[]): Statement[] {
	const patterns = statement.Action ?? [];
	const wildcardOnly: string[] = [];
	const scoped: string[] = [];
	for (const pattern of patterns) {
		const expanded = expandActionPattern(catalogue, pattern);
		const only = expanded.filter((a) => acceptsOnlyWildcardResource(catalogue, a) === true);
		if (expanded.length > 0 && only.length === expanded.length) wildcardOnly.push(pattern);
		else {
			scoped.push(pattern);
			wildcardOnly.push(...only);
		}
	}
	const valid = arns.filter((arn) => {
		const fits = scoped.some((pattern) => expandActionPattern(catalogue, pattern).some((a) => arnPatternFitsAction(catalogue, a, arn)));
		if (!fits) warnings.push(`${arn} is not a resource any action of ${label} takes (${listSome(scoped)}); left out.`);
		return fits;
	});
	if (scoped.length === 0) {
		warnings.push(`${label}: every action accepts only Resource "*", so it is not scoped.`);
		return [statement];
	}
	if (valid.length === 0) return [statement];
	const unfit = scoped.flatMap((p) => expandActionPattern(catalogue, p)).filter((a) => acceptsOnlyWildcardResource(catalogue, a) === false && !valid.some((arn) => arnPatternFitsAction(catalogue, a, arn)));
	if (unfit.length > 0) warnings.push(`${label}: ${listSome([...new Set(unfit)])} take none of the chosen ARNs and would be allowed nowhere.`);
	const out: Statement[] = [];
	const { Sid, ...rest } = statement;
	if (wildcardOnly.length > 0) out.push({ ...structuredClone(rest), ...(Sid ? { Sid: `${Sid}AnyResource` } : {}), Action: [...new Set(wildcardOnly)].sort(), Resource: ['*'] });
	out.push({ ...structuredClone(rest), ...(Sid ? { Sid } : {}), Action: scoped, Resource: [...valid] });
	changes.push(`${label}: ${listSome(scoped)} limited to ${listSome(valid)}${wildcardOnly.length > 0 ? `; ${listSome([...new Set(wildcardOnly)].sort())} stay on "*" (they accept only "*")` : ''}.`);
	return out;
}

/**
 * The resources step 2's generated policy names for a statement on "*": used only when it
 * names some for every action of the statement that takes specific resources.
 */
function generatedResources(catalogue: IamCatalogue, statement: Statement, usage: UsageEvidence | undefined): string[] | undefined {
	if (!usage?.resourcesByAction || !statement.Action || !statement.Resource?.includes('*')) return undefined;
	const scoped = statement.Action.flatMap((p) => expandActionPattern(catalogue, p)).filter((a) => acceptsOnlyWildcardResource(catalogue, a) === false);
	if (scoped.length === 0) return undefined;
	const out = new Set<string>();
	for (const action of scoped) {
		const named = usage.resourcesByAction.get(action.toLowerCase());
		if (!named || named.size === 0) return undefined;
		for (const arn of named) out.add(arn);
	}
	return [...out].sort();
}

function addCondition(statement: Statement, template: ConditionBlock, what: string, label: string, changes: string[], warnings: string[]): Statement {
	const { condition, kept } = mergeCondition(statement.Condition, template);
	if (kept.length > 0) warnings.push(`${label} already tests ${kept.join(', ')}: kept as it was, the ${what} template is not added there.`);
	if (kept.length === Object.values(template).reduce((n, keys) => n + Object.keys(keys).length, 0)) return statement;
	changes.push(`${label}: ${what} condition added.`);
	return { ...statement, Condition: condition };
}

export interface ProposalOptions {
	usage?: UsageEvidence;
	choices?: ScopeChoices;
	/** Add MFA to sensitive statements without the operator asking (the policy is used by people only). */
	defaultMfa: boolean;
}

export function proposeScopedDocument(catalogue: IamCatalogue, document: PolicyDocument, options: ProposalOptions): ScopedProposal {
	const changes: string[] = [];
	const warnings: string[] = [];
	const choices = options.choices ?? {};
	const usage = choices.useUsage === false ? undefined : options.usage;
	const ips = (choices.sourceIp ?? []).filter((cidr) => {
		const problem = cidrProblem(cidr);
		if (problem) warnings.push(`${problem}; not added.`);
		return problem === null;
	});
	const windowProblem = choices.timeWindow ? timeWindowProblem(choices.timeWindow) : null;
	if (windowProblem) warnings.push(`${windowProblem}; not added.`);
	const sensitive = (s: Statement) => statementActionsAtLevel(catalogue, s, ['Permissions management']).length > 0;
	const anySensitive = document.Statement.some((s) => s.Effect === 'Allow' && sensitive(s));
	const wantMfa = choices.mfa ?? options.defaultMfa;

	const statements: Statement[] = [];
	document.Statement.forEach((original, index) => {
		const label = original.Sid ? `statement ${original.Sid}` : `statement ${index + 1}`;
		if (original.Effect === 'Deny') {
			statements.push(original);
			return;
		}
		let statement: Statement = structuredClone(original);
		if (usage && statement.Action) {
			const used = usedActionList(catalogue, statement.Action, usage, warnings);
			if (used.length === 0) {
				changes.push(`${label}: removed, none of its actions was used (${listSome(statement.Action)}).`);
				return;
			}
			if (used.join('\n') !== [...statement.Action].sort().join('\n')) {
				changes.push(`${label}: ${listSome(statement.Action)} narrowed to the ${used.length} used: ${listSome(used)}.`);
				statement.Action = used;
			}
		} else if (usage && statement.NotAction) {
			const used = usedInsteadOfNotAction(catalogue, statement, usage);
			if (used.length === 0) {
				changes.push(`${label}: removed (NotAction), none of what it allowed was used.`);
				return;
			}
			const { NotAction: _dropped, ...rest } = statement;
			statement = { ...rest, Action: used };
			changes.push(`${label}: NotAction ${listSome(original.NotAction!)} replaced by the ${plural(used.length, 'used action')}: ${listSome(used)}.`);
		} else if (statement.NotAction) {
			warnings.push(`${label} uses NotAction: without usage data it cannot be narrowed safely.`);
		}

		let parts: Statement[] = [statement];
		const arns = choices.resources?.[index] ?? generatedResources(catalogue, statement, usage);
		if (arns && arns.length > 0) {
			if (statement.Resource?.includes('*') && statement.Action) parts = scopeResources(catalogue, statement, arns, label, changes, warnings);
			else warnings.push(`${label} is not on Resource "*": the chosen ARNs are not applied to it.`);
		}
		parts = parts.map((part) => {
			let next = part;
			if (wantMfa && (!anySensitive || sensitive(next))) next = addCondition(next, mfaCondition(), 'MFA (BoolIfExists aws:MultiFactorAuthPresent)', label, changes, warnings);
			if (ips.length > 0) next = addCondition(next, sourceIpCondition(ips), `source IP (${ips.join(', ')})`, label, changes, warnings);
			if (choices.timeWindow && !windowProblem) next = addCondition(next, timeWindowCondition(choices.timeWindow), `time window (${choices.timeWindow.start} to ${choices.timeWindow.end})`, label, changes, warnings);
			return next;
		});
		statements.push(...parts);
	});
	return { document: { ...(document.Version ? { Version: document.Version } : { Version: '2012-10-17' }), ...(document.Id ? { Id: document.Id } : {}), Statement: statements }, changes, warnings };
}
