/**
 * Which escalation methods a principal's effective permissions allow, each step answered by
 * `evaluateAccess` on a concrete target so explicit Deny, the boundary, SCPs, resource
 * scoping, policy variables and conditions all count. Targets come from the statements that
 * could allow the step: an exact ARN is tried as it is; a pattern is tried on a probe ARN
 * (a principal or policy that does not exist yet) and then on the account's own.
 */
import type { AccountModel } from '../model.js';
import { statementsForAction, type CompiledStatement } from './compiled-policy.js';
import { evaluateAccess, isPossible, type AccessDecision } from './evaluate-access.js';
import { escalationMethods, type EscalationMethodSpec, type EscalationStep } from './escalation-methods.js';
import type { PrincipalPolicySet } from './principal-policies.js';
import { resolvePolicyVariables, wildcardToRegExp } from './wildcard.js';

export const probeName = 'iam-wizard-probe';

export interface EscalationTargets {
	partition: string;
	region: string;
	account: string;
	users: string[];
	roles: string[];
	groups: Map<string, string>;
	groupArns: string[];
	customerPolicies: string[];
	/** Service principal → the roles whose trust policy lets that service assume them. */
	trustedBy: Map<string, string[]>;
	probe: { user: string; role: string; group: string; policy: string };
}

/** The services a role's trust policy allows to assume it (unconditionally or not: the trust is the role owner's choice). */
function trustedServices(role: AccountModel['roles'][number]): string[] {
	return role.trustPolicy.Statement.flatMap((s) =>
		s.Effect === 'Allow' && s.Principal && s.Principal !== '*' && (s.Action ?? []).some((a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*') ? (s.Principal.Service ?? []) : [],
	);
}

const targetsByModel = new WeakMap<AccountModel, EscalationTargets>();

/** The ARNs escalation steps are tried on, once per model. */
export function escalationTargets(model: AccountModel): EscalationTargets {
	let t = targetsByModel.get(model);
	if (t) return t;
	const iam = `arn:${model.partition}:iam::${model.accountId}`;
	t = {
		partition: model.partition,
		region: model.region || 'us-east-1',
		account: model.accountId,
		users: model.users.map((u) => u.arn),
		// Service-linked roles cannot be changed or passed by anyone: never a target.
		roles: model.roles.filter((r) => !r.path.startsWith('/aws-service-role/')).map((r) => r.arn),
		groups: new Map(model.groups.map((g) => [g.name, g.arn])),
		groupArns: model.groups.map((g) => g.arn),
		customerPolicies: model.policies.filter((p) => !p.awsManaged).map((p) => p.arn),
		trustedBy: new Map(),
		probe: { user: `${iam}:user/${probeName}`, role: `${iam}:role/${probeName}`, group: `${iam}:group/${probeName}`, policy: `${iam}:policy/${probeName}` },
	};
	for (const role of model.roles) {
		if (role.path.startsWith('/aws-service-role/')) continue;
		for (const service of trustedServices(role)) t.trustedBy.set(service, [...(t.trustedBy.get(service) ?? []), role.arn]);
	}
	targetsByModel.set(model, t);
	return t;
}

export interface EscalationFinding {
	method: EscalationMethodSpec['method'];
	spec: EscalationMethodSpec;
	/** True when some step holds only under a condition (or a conditional Deny could stop it). */
	conditional: boolean;
	/** One decision per step, on the target it was found possible for. */
	steps: AccessDecision[];
	/** Steps whose target is a probe: "any user/role/…", not one that exists. */
	probeTargets: boolean[];
}

function isLiteral(pattern: string): boolean {
	return !pattern.includes('*') && !pattern.includes('?') && !pattern.includes('${');
}

function fill(template: string, t: EscalationTargets): string {
	if (template === '*') return '*';
	return template.replaceAll('{partition}', t.partition).replaceAll('{region}', t.region).replaceAll('{account}', t.account).replaceAll('*', probeName);
}

/** The account's targets of a step for this principal, with the probe ARN first. */
function baseCandidates(step: EscalationStep, set: PrincipalPolicySet, t: EscalationTargets): { probe?: string; arns: readonly string[]; exclude?: string } {
	const self = set.principal.arn;
	switch (step.target) {
		case 'customer-policy':
			return { probe: t.probe.policy, arns: t.customerPolicies };
		case 'user':
			return { probe: t.probe.user, arns: t.users };
		case 'other-user':
			return { probe: t.probe.user, arns: t.users, exclude: self };
		case 'role':
			return { probe: t.probe.role, arns: t.roles };
		case 'passable-role':
			// Only a role that trusts the service can be passed to it (PassRole to a role the
			// service cannot assume fails at launch); passing itself gains nothing.
			return { arns: t.trustedBy.get(step.service ?? '') ?? [], exclude: self };
		case 'group':
			return { probe: t.probe.group, arns: t.groupArns };
		case 'own-group':
			return { arns: set.principal.groups.flatMap((g) => (t.groups.has(g) ? [t.groups.get(g)!] : [])) };
		case 'service-resource':
			return { probe: fill(step.arn ?? '*', t), arns: [] };
	}
}

const arnSets = new WeakMap<readonly string[], Set<string>>();
function setOf(arns: readonly string[]): Set<string> {
	let set = arnSets.get(arns);
	if (!set) {
		set = new Set(arns);
		arnSets.set(arns, set);
	}
	return set;
}

const patternTargets = new WeakMap<EscalationTargets, Map<string, string[]>>();

/** The account ARNs of a kind a (variable-free) Resource pattern matches, memoised per model. */
function matchingTargets(t: EscalationTargets, kind: string, pattern: string, arns: readonly string[]): string[] {
	let memo = patternTargets.get(t);
	if (!memo) {
		memo = new Map();
		patternTargets.set(t, memo);
	}
	const key = `${kind}\u0000${pattern}`;
	let hit = memo.get(key);
	if (!hit) {
		const regex = wildcardToRegExp(pattern, false);
		hit = arns.filter((arn) => regex.test(arn));
		memo.set(key, hit);
	}
	return hit;
}

/** The Deny statements (any layer) that name the action on particular resources: the targets they match are tried last. */
function denyPatterns(set: PrincipalPolicySet, action: string): RegExp[] {
	const docs = [...set.identity.map((a) => a.doc), ...(set.boundary?.doc ? [set.boundary.doc] : []), ...(set.scps?.applies ? set.scps.levels.flatMap((l) => l.docs.map((d) => d.doc)) : [])];
	const out: RegExp[] = [];
	for (const doc of docs) {
		for (const s of statementsForAction(doc, action)) {
			if (s.effect !== 'Deny') continue;
			for (const p of s.resources ?? s.notResources ?? ['*']) {
				const resolved = p.includes('${') ? resolvePolicyVariables(p, set.context.variables ?? {}) : { pattern: p, literal: [] };
				out.push(resolved && resolved.literal.length === 0 ? wildcardToRegExp(resolved.pattern, false) : /^/);
			}
		}
	}
	return out;
}

/**
 * The account targets worth trying for a step, lazily: every ARN an allowing statement's
 * Resource names or matches, those no Deny statement names first (so a Deny on some of
 * many passable roles does not hide the ones it leaves).
 */
function* orderedTargets(step: EscalationStep, set: PrincipalPolicySet, t: EscalationTargets, allows: CompiledStatement[], base: { arns: readonly string[]; exclude?: string }): Generator<string> {
	const sources: (readonly string[])[] = [];
	for (const s of allows) {
		if (!s.resources || s.resources.includes('*')) {
			// NotResource or any resource: every target of the kind (the evaluation decides).
			sources.push(base.arns);
			continue;
		}
		for (const pattern of s.resources) {
			if (pattern.includes('${')) {
				const resolved = resolvePolicyVariables(pattern, set.context.variables ?? {});
				if (resolved && resolved.literal.length === 0) sources.push(matchingTargets(t, step.target, resolved.pattern, base.arns));
			} else if (isLiteral(pattern)) {
				if (setOf(base.arns).has(pattern)) sources.push([pattern]);
			} else sources.push(matchingTargets(t, step.target, pattern, base.arns));
		}
	}
	const denies = denyPatterns(set, step.action);
	const named = (arn: string) => denies.some((r) => r.test(arn));
	const seen = new Set<string>();
	for (const pass of [false, true]) {
		for (const list of sources) {
			for (const arn of list) {
				if (arn === base.exclude || seen.has(arn) || (denies.length > 0 && named(arn) !== pass)) continue;
				seen.add(arn);
				yield arn;
			}
		}
	}
}

/** The targets worth trying for a step: the probe, then the account ARNs that an allowing statement's Resource names or matches. */
function candidates(step: EscalationStep, set: PrincipalPolicySet, t: EscalationTargets): { arns: Iterable<string>; probe?: string } | null {
	const allows: CompiledStatement[] = [];
	for (const a of set.identity) for (const s of statementsForAction(a.doc, step.action)) if (s.effect === 'Allow') allows.push(s);
	if (allows.length === 0) return null;
	const base = baseCandidates(step, set, t);
	if (step.target === 'service-resource') return { arns: [], ...(base.probe ? { probe: base.probe } : {}) };
	const literalOnly = allows.every((s) => s.resources !== undefined && s.resources.every(isLiteral));
	return { arns: orderedTargets(step, set, t, allows, base), ...(base.probe && !literalOnly ? { probe: base.probe } : {}) };
}

function tryStep(step: EscalationStep, set: PrincipalPolicySet, t: EscalationTargets): { decision: AccessDecision; probe: boolean } | null {
	const c = candidates(step, set, t);
	if (!c) return null;
	const context = step.service ? { keys: { 'iam:PassedToService': [step.service] } } : undefined;
	let conditional: { decision: AccessDecision; probe: boolean } | null = null;
	const consider = (arn: string, probe: boolean) => {
		const decision = evaluateAccess(set, step.action, arn, context);
		if (decision.verdict === 'allowed') return { decision, probe };
		if (!conditional && isPossible(decision)) conditional = { decision, probe };
		return null;
	};
	if (c.probe) {
		const hit = consider(c.probe, true);
		if (hit) return hit;
	}
	// Keep looking until a target works: the first that is allowed outright is enough evidence.
	for (const arn of c.arns) {
		const hit = consider(arn, false);
		if (hit) return hit;
	}
	return conditional;
}

/** The escalation methods the principal can use, one entry per method. */
export function findEscalations(set: PrincipalPolicySet, targets: EscalationTargets): EscalationFinding[] {
	const out: EscalationFinding[] = [];
	for (const spec of escalationMethods) {
		if (!spec.principals.includes(set.principal.type)) continue;
		const steps: AccessDecision[] = [];
		const probes: boolean[] = [];
		for (const step of spec.steps) {
			const hit = tryStep(step, set, targets);
			if (!hit) break;
			steps.push(hit.decision);
			probes.push(hit.probe);
		}
		if (steps.length !== spec.steps.length) continue;
		out.push({ method: spec.method, spec, conditional: steps.some((s) => s.verdict === 'conditional'), steps, probeTargets: probes });
	}
	return out;
}
