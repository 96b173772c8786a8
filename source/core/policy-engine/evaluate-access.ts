/**
 * "Can principal P do action A on resource R?" — IAM's evaluation logic for one account:
 * an explicit Deny anywhere wins; otherwise the identity policies must allow, and so must
 * the permissions boundary (when there is one) and every SCP level (when SCPs apply).
 * A statement whose condition depends on something the request does not say makes the
 * answer `conditional`, never silently allowed or dropped. Every answer carries what decided
 * it (the statements, the boundary's and SCPs' verdicts); `decisionReasons` says it in
 * sentences, when asked: the engine answers tens of thousands of requests per account and
 * shows a few.
 */
import type { ConditionBlock } from '../policy-document.js';
import { statementApplies, statementsForAction } from './compiled-policy.js';
import type { RequestContext, Tristate } from './condition-eval.js';
import type { AttachedDocument, PolicyRef, PrincipalPolicySet } from './principal-policies.js';

export type AccessVerdict = 'allowed' | 'conditional' | 'denied' | 'not-allowed';

export interface StatementRef {
	policy: PolicyRef;
	sid?: string;
	/** Position of the statement in its document, from 0. */
	statementIndex: number;
	/** Present when the statement holds only under this condition. */
	condition?: ConditionBlock;
}

export type LayerVerdict = 'allows' | 'allows-conditionally' | 'does-not-allow' | 'unknown';

export interface AccessDecision {
	action: string;
	resource: string;
	verdict: AccessVerdict;
	/** Identity-policy statements that allow it (conditionally when they carry a condition). */
	allowedBy: StatementRef[];
	/** Deny statements that apply without condition (in any layer). */
	deniedBy: StatementRef[];
	/** Deny statements that apply under a condition: the allow holds only when they do not. */
	conditionalDenies: StatementRef[];
	/** undefined: the principal has no boundary. */
	boundary?: { arn: string; verdict: LayerVerdict };
	/** undefined: SCPs not known or not applied (see the set's `scps.note`). */
	scp?: { verdict: LayerVerdict; blockingLevel?: string };
}

interface LayerResult {
	allow: Tristate;
	allows: StatementRef[];
	denies: StatementRef[];
	conditionalDenies: StatementRef[];
}

function refOf(attached: AttachedDocument, index: number, sid: string | undefined, condition?: ConditionBlock): StatementRef {
	return { policy: attached.ref, ...(sid ? { sid } : {}), statementIndex: index, ...(condition ? { condition } : {}) };
}

function evaluateLayer(docs: AttachedDocument[], action: string, resource: string, context: RequestContext): LayerResult {
	const out: LayerResult = { allow: 'false', allows: [], denies: [], conditionalDenies: [] };
	// Indexed loops: this runs for every request the engine decides, much of it before the code is optimised, where each array iterator is an allocation.
	for (let d = 0; d < docs.length; d++) {
		const attached = docs[d]!;
		const statements = statementsForAction(attached.doc, action);
		for (let k = 0; k < statements.length; k++) {
			const s = statements[k]!;
			const applies = statementApplies(s, resource, context);
			if (applies === 'false') continue;
			const conditional = applies === 'unknown';
			const ref = refOf(attached, s.index, s.sid, conditional ? s.condition : undefined);
			if (s.effect === 'Deny') (conditional ? out.conditionalDenies : out.denies).push(ref);
			else {
				out.allows.push(ref);
				if (!conditional) out.allow = 'true';
				else if (out.allow === 'false') out.allow = 'unknown';
			}
		}
	}
	return out;
}

function layerVerdict(allow: Tristate): LayerVerdict {
	return allow === 'true' ? 'allows' : allow === 'unknown' ? 'allows-conditionally' : 'does-not-allow';
}

/** Merged contexts by base and extra: the same principal makes the same kind of request thousands of times. */
const merged = new WeakMap<RequestContext, WeakMap<RequestContext, RequestContext>>();

function mergeContext(base: RequestContext, extra?: RequestContext): RequestContext {
	if (!extra) return base;
	let byExtra = merged.get(base);
	if (!byExtra) merged.set(base, (byExtra = new WeakMap()));
	let out = byExtra.get(extra);
	if (!out) byExtra.set(extra, (out = mergeContexts(base, extra)));
	return out;
}

function mergeContexts(base: RequestContext, extra: RequestContext): RequestContext {
	return {
		keys: { ...base.keys, ...extra.keys },
		variables: { ...base.variables, ...extra.variables },
		...(base.absentKeys || extra.absentKeys ? { absentKeys: [...(base.absentKeys ?? []), ...(extra.absentKeys ?? [])] } : {}),
		...(extra.now ?? base.now ? { now: extra.now ?? base.now } : {}),
	};
}

function describe(ref: StatementRef): string {
	const where = ref.policy.via ? ` (through group ${ref.policy.via})` : '';
	const sid = ref.sid ? ` statement ${ref.sid}` : ` statement ${ref.statementIndex + 1}`;
	return `${ref.policy.name}${sid}${where}`;
}

/**
 * Evaluates one request of the principal. `context` adds what is known of this request
 * (e.g. `iam:PassedToService`); the principal's own variables (`aws:username`) are in the set.
 */
export function evaluateAccess(set: PrincipalPolicySet, action: string, resource: string, context?: RequestContext): AccessDecision {
	const ctx = mergeContext(set.context, context);
	const identity = evaluateLayer(set.identity, action, resource, ctx);
	const decision: AccessDecision = { action, resource, verdict: 'not-allowed', allowedBy: identity.allows, deniedBy: [...identity.denies], conditionalDenies: [...identity.conditionalDenies] };
	let allow: Tristate = identity.allow;

	if (set.boundary) {
		if (!set.boundary.doc) {
			decision.boundary = { arn: set.boundary.ref.arn!, verdict: 'unknown' };
			if (allow === 'true') allow = 'unknown';
		} else {
			const b = evaluateLayer([{ ref: set.boundary.ref, doc: set.boundary.doc }], action, resource, ctx);
			decision.deniedBy.push(...b.denies);
			decision.conditionalDenies.push(...b.conditionalDenies);
			decision.boundary = { arn: set.boundary.ref.arn!, verdict: layerVerdict(b.allow) };
			allow = and(allow, b.allow);
		}
	}

	if (set.scps?.applies) {
		let scpAllow: Tristate = 'true';
		let blockingLevel: string | undefined;
		for (const level of set.scps.levels) {
			const l = evaluateLayer(level.docs, action, resource, ctx);
			decision.deniedBy.push(...l.denies);
			decision.conditionalDenies.push(...l.conditionalDenies);
			if (l.allow === 'false' && !blockingLevel) blockingLevel = level.target;
			scpAllow = and(scpAllow, l.allow);
		}
		decision.scp = { verdict: layerVerdict(scpAllow), ...(blockingLevel ? { blockingLevel } : {}) };
		allow = and(allow, scpAllow);
	}

	if (decision.deniedBy.length > 0) {
		decision.verdict = 'denied';
		return decision;
	}
	// Not allowed by the identity policies, the boundary or an SCP level (each makes `allow` false).
	if (allow === 'false') return decision;
	if (decision.conditionalDenies.length > 0) allow = and(allow, 'unknown');
	decision.verdict = allow === 'true' ? 'allowed' : 'conditional';
	return decision;
}

/** What decided a request, in sentences for evidence, in the order they decided: `set` is the one it was evaluated for. */
export function decisionReasons(decision: AccessDecision, set: PrincipalPolicySet): string[] {
	const { action } = decision;
	const layers: string[] = [];
	const boundary = set.boundary?.ref.name;
	if (decision.boundary?.verdict === 'unknown') layers.push(`The document of permissions boundary ${boundary} was not read, so whether it allows ${action} is unknown.`);
	if (decision.boundary?.verdict === 'does-not-allow') layers.push(`Permissions boundary ${boundary} does not allow ${action}.`);
	if (decision.scp?.blockingLevel) layers.push(`No service control policy attached to ${decision.scp.blockingLevel} allows ${action}.`);
	if (decision.deniedBy.length > 0) return [`Explicitly denied by ${decision.deniedBy.map(describe).join(', ')}.`, ...layers];
	if (decision.allowedBy.length === 0) return [`No identity policy of ${set.principal.name} allows ${action} on ${decision.resource}.`, ...layers];
	if (decision.boundary?.verdict === 'does-not-allow' || decision.scp?.blockingLevel) return layers;
	return [
		`Allowed by ${decision.allowedBy.map(describe).join(', ')}.`,
		...layers,
		...(decision.conditionalDenies.length > 0 ? [`Denied when the condition of ${decision.conditionalDenies.map(describe).join(', ')} holds.`] : []),
		...(decision.allowedBy.every((r) => r.condition) ? ['Every allowing statement holds only under its condition.'] : []),
	];
}

function and(a: Tristate, b: Tristate): Tristate {
	if (a === 'false' || b === 'false') return 'false';
	if (a === 'unknown' || b === 'unknown') return 'unknown';
	return 'true';
}

/** Whether the decision lets the action happen, at least under some condition. */
export function isPossible(decision: AccessDecision): boolean {
	return decision.verdict === 'allowed' || decision.verdict === 'conditional';
}
