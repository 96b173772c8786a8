/**
 * Which escalation methods a principal's effective permissions allow, each step answered by
 * `evaluateAccess` on a concrete target so explicit Deny, the boundary, SCPs, resource
 * scoping, policy variables and conditions all count. Targets come from the statements that
 * could allow the step: an exact ARN is tried as it is; a pattern is tried on a probe ARN
 * (a principal or policy that does not exist yet) and then on the account's own.
 */
import type { AccountModel } from '../model.js';
import { statementsForAction, type CompiledStatement } from './compiled-policy.js';
import { passedToServiceContext } from './condition-eval.js';
import { decideTargets, hasAllow, positionsOfPattern } from './decide-targets.js';
import type { IamCatalogue } from './catalogue.js';
import { mayPerformAll, type EffectivePermissions } from './effective-permissions.js';
import { evaluateAccess, isPossible, type AccessDecision } from './evaluate-access.js';
import { escalationMethods, type EscalationMethodSpec, type EscalationStep } from './escalation-methods.js';
import type { PrincipalPolicySet } from './principal-policies.js';
import { coversAssume } from './role-trust.js';
import { resolvePolicyVariables, resourcePatternMatches } from './wildcard.js';

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
		s.Effect === 'Allow' && s.Principal && s.Principal !== '*' && coversAssume(s) ? (s.Principal.Service ?? []) : [],
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
		for (const service of trustedServices(role)) {
			const list = t.trustedBy.get(service);
			if (list) list.push(role.arn);
			else t.trustedBy.set(service, [role.arn]);
		}
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

const filled = new WeakMap<EscalationTargets, Map<string, string>>();

function fill(template: string, t: EscalationTargets): string {
	if (template === '*') return '*';
	let memo = filled.get(t);
	if (!memo) filled.set(t, (memo = new Map()));
	let arn = memo.get(template);
	if (arn === undefined) {
		arn = template.replaceAll('{partition}', t.partition).replaceAll('{region}', t.region).replaceAll('{account}', t.account).replaceAll('*', probeName);
		memo.set(template, arn);
	}
	return arn;
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
		case 'trusting-role':
			// Decided by the role's trust policy, in the principal graph.
			return { arns: [] };
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

const patternTargets = new WeakMap<readonly string[], Map<string, string[]>>();

/** The ARNs of a target list a (variable-free) Resource pattern matches, in list order, memoised per list (each service's passable roles are a list of their own). */
function matchingTargets(pattern: string, arns: readonly string[]): string[] {
	let memo = patternTargets.get(arns);
	if (!memo) patternTargets.set(arns, (memo = new Map()));
	let hit = memo.get(pattern);
	if (!hit) memo.set(pattern, (hit = positionsOfPattern(arns, pattern).map((i) => arns[i]!)));
	return hit;
}

/** The account targets worth trying for a step: every ARN an allowing statement's Resource names or matches. */
function accountTargets(set: PrincipalPolicySet, allows: CompiledStatement[], base: { arns: readonly string[] }): readonly string[] {
	const sources: (readonly string[])[] = [];
	for (const s of allows) {
		if (!s.resources || s.resources.includes('*')) {
			// NotResource or any resource: every target of the kind (the evaluation decides).
			sources.length = 0;
			sources.push(base.arns);
			break;
		}
		for (const pattern of s.resources) {
			if (pattern.includes('${')) {
				const resolved = resolvePolicyVariables(pattern, set.context.variables ?? {});
				if (!resolved) continue;
				// `${*}`, `${$}` or a value holding `*` or `?` matches literally, ARN by ARN as in decideTargets: a path may hold any of them.
				if (resolved.literal.length > 0) sources.push(base.arns.filter((arn) => resourcePatternMatches(pattern, arn, set.context.variables ?? {})));
				// `user/${aws:username}` resolves to one ARN per principal: looked up, not matched against every user.
				else if (isLiteral(resolved.pattern)) {
					if (setOf(base.arns).has(resolved.pattern)) sources.push([resolved.pattern]);
				} else sources.push(matchingTargets(resolved.pattern, base.arns));
			} else if (isLiteral(pattern)) {
				if (setOf(base.arns).has(pattern)) sources.push([pattern]);
			} else sources.push(matchingTargets(pattern, base.arns));
		}
	}
	// One source is kept as it is (shared, so decisions on it are memoised); the exclusion is decideTargets'.
	return sources.length === 1 ? sources[0]! : [...new Set(sources.flat())];
}

/** The targets worth trying for a step: the probe, then the account ARNs that an allowing statement's Resource names or matches. */
function candidates(step: EscalationStep, set: PrincipalPolicySet, t: EscalationTargets): { arns: () => readonly string[]; exclude?: string; probe?: string } | null {
	const base = baseCandidates(step, set, t);
	// No probe and no account target (no role trusts the service the role is passed to): nothing to try.
	if ((!base.probe && base.arns.length === 0) || !hasAllow(set, step.action)) return null;
	const allows: CompiledStatement[] = [];
	for (const a of set.identity) for (const s of statementsForAction(a.doc, step.action)) if (s.effect === 'Allow') allows.push(s);
	if (allows.length === 0) return null;
	if (step.target === 'service-resource') return { arns: () => [], ...(base.probe ? { probe: base.probe } : {}) };
	const literalOnly = allows.every((s) => s.resources !== undefined && s.resources.every(isLiteral));
	return { arns: () => accountTargets(set, allows, base), ...(base.exclude ? { exclude: base.exclude } : {}), ...(base.probe && !literalOnly ? { probe: base.probe } : {}) };
}

/**
 * A target the step is possible on, allowed outright if any is: the probe first, then every
 * account target, grouped by the statements that decide them (so a Deny on some of many
 * passable roles does not hide the ones it leaves, and 5,000 alike targets cost one evaluation).
 */
const stepKeys = new WeakMap<EscalationStep, string>();
const stepMemo = new WeakMap<PrincipalPolicySet, Map<string, { decision: AccessDecision; probe: boolean } | null>>();

export function tryStep(step: EscalationStep, set: PrincipalPolicySet, t: EscalationTargets): { decision: AccessDecision; probe: boolean } | null {
	// Methods share steps (PassRole to Lambda, CreateFunction): each is decided once per principal.
	let memo = stepMemo.get(set);
	if (!memo) {
		memo = new Map();
		stepMemo.set(set, memo);
	}
	let key = stepKeys.get(step);
	if (key === undefined) {
		key = `${step.action}|${step.target}|${step.service ?? ''}|${step.arn ?? ''}`;
		stepKeys.set(step, key);
	}
	if (memo.has(key)) return memo.get(key)!;
	const hit = decideStep(step, set, t);
	memo.set(key, hit);
	return hit;
}

function decideStep(step: EscalationStep, set: PrincipalPolicySet, t: EscalationTargets): { decision: AccessDecision; probe: boolean } | null {
	const c = candidates(step, set, t);
	if (!c) return null;
	const context = step.service ? passedToServiceContext(step.service) : undefined;
	let conditional: { decision: AccessDecision; probe: boolean } | null = null;
	if (c.probe) {
		const decision = evaluateAccess(set, step.action, c.probe, context);
		if (decision.verdict === 'allowed') return { decision, probe: true };
		if (isPossible(decision)) conditional = { decision, probe: true };
	}
	for (const group of decideTargets(set, step.action, c.arns(), context, c.exclude, true)) {
		if (group.decision.verdict === 'allowed') return { decision: group.decision, probe: false };
		conditional ??= { decision: group.decision, probe: false };
	}
	return conditional;
}

/** The method's steps, each on some target (`skip`: the step the caller decides per target itself), or null when one is impossible. */
export function methodSteps(spec: EscalationMethodSpec, set: PrincipalPolicySet, targets: EscalationTargets, skip = -1): { steps: (AccessDecision | null)[]; probes: boolean[] } | null {
	const steps: (AccessDecision | null)[] = [];
	const probes: boolean[] = [];
	// An indexed loop: this runs for every method of every principal, and `entries()` allocated an iterator and a pair per step.
	for (let i = 0; i < spec.steps.length; i++) {
		if (i === skip) {
			steps.push(null);
			probes.push(false);
			continue;
		}
		const hit = tryStep(spec.steps[i]!, set, targets);
		if (!hit) return null;
		steps.push(hit.decision);
		probes.push(hit.probe);
	}
	return { steps, probes };
}

const stepActions = new Map<EscalationMethodSpec, readonly string[]>();

/** The actions of a method's steps, one list per method (so their catalogue indexes are looked up once); the methods are a fixed few. */
function actionsOf(spec: EscalationMethodSpec): readonly string[] {
	let actions = stepActions.get(spec);
	if (!actions) stepActions.set(spec, (actions = spec.steps.map((s) => s.action)));
	return actions;
}

/** The principal's effective permissions, with the catalogue they index. */
export interface KnownPermissions {
	catalogue: IamCatalogue;
	permissions: EffectivePermissions;
}

/**
 * False when some step's action is outside the principal's effective permissions, so the
 * method cannot hold on any target: most principals have a few of the methods' actions, and
 * a bit test spares deciding the steps of the others. True when the permissions are not known.
 */
export function methodMayHold(spec: EscalationMethodSpec, known: KnownPermissions | undefined): boolean {
	return !known || mayPerformAll(known.catalogue, known.permissions, actionsOf(spec));
}

/**
 * The escalation methods whose every step the principal may take on some target, one entry
 * per method: the requests alone, before the principal graph asks what each one reaches.
 * `known`: the set's effective permissions, when computed, to skip methods out of reach.
 */
export function findEscalations(set: PrincipalPolicySet, targets: EscalationTargets, known?: KnownPermissions): EscalationFinding[] {
	const out: EscalationFinding[] = [];
	for (let m = 0; m < escalationMethods.length; m++) {
		const spec = escalationMethods[m]!;
		if (!spec.principals.includes(set.principal.type) || spec.reach === 'assumed-role' || !methodMayHold(spec, known)) continue;
		const found = methodSteps(spec, set, targets);
		if (!found) continue;
		const steps = found.steps as AccessDecision[];
		out.push({ method: spec.method, spec, conditional: steps.some((s) => s.verdict === 'conditional'), steps, probeTargets: found.probes });
	}
	return out;
}
