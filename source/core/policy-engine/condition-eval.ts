/**
 * Condition blocks, evaluated against what is known of a request. A key the request context
 * does not name is unknown, not absent: the statement then holds only under its condition
 * (a "conditional" allow), which the engine reports rather than drops.
 */
import type { ConditionBlock } from '../policy-document.js';
import { ipInRange } from './ip-range.js';
import { resolvePolicyVariables, wildcardMatches, type PolicyVariables } from './wildcard.js';

export type Tristate = 'true' | 'false' | 'unknown';

/** What is known of a request: condition key values (keys matched case-insensitively) and policy variables. */
export interface RequestContext {
	/** Values of condition keys for this request, e.g. `{ 'iam:PassedToService': ['ec2.amazonaws.com'] }`. */
	keys?: Record<string, string[]>;
	/** Keys known to be absent from the request (so `...IfExists` holds and `Null: true` is true). */
	absentKeys?: string[];
	variables?: PolicyVariables;
	/**
	 * The scan's time (ISO 8601), when known: a time condition that can never hold again
	 * after it (`DateLessThan` a past date on `aws:CurrentTime`) is false, not unknown.
	 */
	now?: string;
}

const passedTo = new Map<string, RequestContext>();

/** The context of passing a role to `service` (`iam:PassedToService`), one object per service so evaluations can memoise on it. */
export function passedToServiceContext(service: string): RequestContext {
	let context = passedTo.get(service);
	if (!context) passedTo.set(service, (context = { keys: { 'iam:PassedToService': [service] } }));
	return context;
}

function keyValues(context: RequestContext, key: string): string[] | null | undefined {
	const lower = key.toLowerCase();
	for (const [k, v] of Object.entries(context.keys ?? {})) if (k.toLowerCase() === lower) return v;
	if (context.absentKeys?.some((k) => k.toLowerCase() === lower)) return null;
	return undefined;
}

type Compare = (actual: string, expected: string, variables: PolicyVariables) => boolean;

const expand = (expected: string, variables: PolicyVariables): string | null => resolvePolicyVariables(expected, variables)?.pattern ?? null;

const comparators: Record<string, Compare> = {
	StringEquals: (a, e, v) => a === expand(e, v),
	StringEqualsIgnoreCase: (a, e, v) => a.toLowerCase() === expand(e, v)?.toLowerCase(),
	StringLike: (a, e, v) => {
		const p = expand(e, v);
		return p !== null && wildcardMatches(p, a, false);
	},
	ArnEquals: (a, e, v) => a === expand(e, v),
	ArnLike: (a, e, v) => {
		const p = expand(e, v);
		return p !== null && wildcardMatches(p, a, false);
	},
	Bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
	NumericEquals: (a, e) => Number(a) === Number(e),
	NumericLessThan: (a, e) => Number(a) < Number(e),
	NumericLessThanEquals: (a, e) => Number(a) <= Number(e),
	NumericGreaterThan: (a, e) => Number(a) > Number(e),
	NumericGreaterThanEquals: (a, e) => Number(a) >= Number(e),
	DateEquals: (a, e) => Date.parse(a) === Date.parse(e),
	DateLessThan: (a, e) => Date.parse(a) < Date.parse(e),
	DateLessThanEquals: (a, e) => Date.parse(a) <= Date.parse(e),
	DateGreaterThan: (a, e) => Date.parse(a) > Date.parse(e),
	DateGreaterThanEquals: (a, e) => Date.parse(a) >= Date.parse(e),
	IpAddress: (a, e) => ipInRange(a, e),
};

const negated: Record<string, string> = {
	StringNotEquals: 'StringEquals',
	StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
	StringNotLike: 'StringLike',
	ArnNotEquals: 'ArnEquals',
	ArnNotLike: 'ArnLike',
	NumericNotEquals: 'NumericEquals',
	DateNotEquals: 'DateEquals',
	NotIpAddress: 'IpAddress',
};

/** Session tokens live at most 36 hours: a token issued before that is no longer in use. */
const maxSessionMs = 36 * 3600 * 1000;

/**
 * Whether a time condition can no longer hold at `now` nor after: an upper bound (less than,
 * equals) on the current time that has passed, or on a token's issue time older than any
 * session still alive. Lower bounds in the future hold later, so they stay unknown.
 */
function expired(operator: string, key: string, expected: string[], now: string): boolean {
	const k = key.toLowerCase();
	const upper = /^(Date|Numeric)(LessThan|LessThanEquals|Equals)$/.test(operator);
	if (!upper || expected.length === 0) return false;
	const at = Date.parse(now);
	const limits = expected.map((e) => (k === 'aws:epochtime' ? Number(e) * 1000 : Date.parse(e)));
	if (limits.some((l) => Number.isNaN(l))) return false;
	const latest = Math.max(...limits);
	if (k === 'aws:currenttime' || k === 'aws:epochtime') return latest < at;
	if (k === 'aws:tokenissuetime') return latest < at - maxSessionMs;
	return false;
}

function evaluateOperator(operatorRaw: string, key: string, expected: string[], context: RequestContext): Tristate {
	let operator = operatorRaw;
	let setOp: 'any' | 'all' | undefined;
	if (operator.startsWith('ForAnyValue:')) {
		setOp = 'any';
		operator = operator.slice('ForAnyValue:'.length);
	} else if (operator.startsWith('ForAllValues:')) {
		setOp = 'all';
		operator = operator.slice('ForAllValues:'.length);
	}
	const ifExists = operator.endsWith('IfExists');
	if (ifExists) operator = operator.slice(0, -'IfExists'.length);

	const values = keyValues(context, key);
	if (values === undefined && context.now && !setOp && expired(operator, key, expected, context.now)) return 'false';
	if (operator === 'Null') {
		if (values === undefined) return 'unknown';
		const isNull = values === null || values.length === 0;
		return expected.some((e) => (e.toLowerCase() === 'true') === isNull) ? 'true' : 'false';
	}
	if (values === undefined) return 'unknown';
	if (values === null || values.length === 0) {
		if (ifExists || setOp === 'all') return 'true';
		// A negated operator on an absent key holds (StringNotEquals with no value: true).
		return Object.hasOwn(negated, operator) ? 'true' : 'false';
	}
	const base = negated[operator] ?? operator;
	const compare = comparators[base];
	if (!compare) return 'unknown';
	const variables = context.variables ?? {};
	const matchesOne = (actual: string) => expected.some((e) => compare(actual, e, variables));
	const isNegated = Object.hasOwn(negated, operator);
	const one = (actual: string) => (isNegated ? !matchesOne(actual) : matchesOne(actual));
	if (setOp === 'all') return values.every(one) ? 'true' : 'false';
	if (setOp === 'any') return values.some(one) ? 'true' : 'false';
	// Single-valued keys: a negated operator holds when no value matches.
	return isNegated ? (values.every(one) ? 'true' : 'false') : values.some(one) ? 'true' : 'false';
}

/** All operators and keys of a block must hold (AND); the values of one key are alternatives (OR). */
export function evaluateCondition(block: ConditionBlock, context: RequestContext): Tristate {
	let result: Tristate = 'true';
	for (const [operator, keys] of Object.entries(block)) {
		for (const [key, expected] of Object.entries(keys)) {
			const r = evaluateOperator(operator, key, expected, context);
			if (r === 'false') return 'false';
			if (r === 'unknown') result = 'unknown';
		}
	}
	return result;
}
