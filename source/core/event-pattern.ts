/**
 * EventBridge event-pattern matching, as AWS documents it ("Event patterns", "Content
 * filtering", "Arrays", "Null values and empty strings", "$or"), for two uses: the sandbox's
 * TestEventPattern and PutRule (so demo and live share one code path), and step 6's findings,
 * which ask whether a rule the account already has would fire on a sample event.
 *
 * Semantics: keys of a pattern are ANDed; the values of a leaf array are ORed; a pattern leaf
 * matches an event array when any element matches; an object in the pattern matches nested
 * fields (and any element of an array of objects); `$or` at any level matches when one of its
 * sub-patterns does. Leaf matchers: exact (string, number, true/false/null), prefix, suffix,
 * equals-ignore-case, wildcard, anything-but (value, list, prefix, suffix, equals-ignore-case,
 * wildcard), numeric, exists, cidr (IPv4 and IPv6). Null and "" are different values.
 *
 * No library fits: aws/event-ruler is Java, and the npm ports either lag the operators AWS
 * added (wildcard, anything-but suffix) or carry a dependency tree larger than this file.
 */
import { inCidr, parseCidr, sameAddress } from './event-pattern-ip.js';

/** A pattern AWS would refuse (PutRule/TestEventPattern answer InvalidEventPatternException). */
export class InvalidEventPatternError extends Error {
	constructor(reason: string) {
		super(`Event pattern is not valid. Reason: ${reason}`);
		this.name = 'InvalidEventPatternError';
	}
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The maximum length TestEventPattern and PutRule take for EventPattern. */
export const maxEventPatternLength = 4096;

const numericOperators = new Set(['=', '<', '<=', '>', '>=']);
/**
 * AWS compares numbers only from -5e9 to 5e9 (aws/event-ruler ComparableNumber, and the
 * user guide's numeric matching): a pattern's numeric or anything-but number outside is
 * refused, and an event's number outside never satisfies a numeric matcher.
 */
const numericLimit = 5e9;
const comparable = (n: number) => n >= -numericLimit && n <= numericLimit;
const operatorKeys = new Set(['prefix', 'suffix', 'equals-ignore-case', 'wildcard', 'anything-but', 'numeric', 'exists', 'cidr']);

function fail(reason: string): never {
	throw new InvalidEventPatternError(reason);
}

/** Parses and validates a pattern as AWS would; throws InvalidEventPatternError. */
export function parseEventPattern(text: string): JsonObject {
	if (text.length > maxEventPatternLength) fail(`the pattern is longer than ${maxEventPatternLength} characters`);
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		fail('the pattern is not valid JSON');
	}
	if (!isObject(parsed)) fail('the pattern must be a JSON object');
	validateObject(parsed, '');
	return parsed;
}

/**
 * Names AWS reserves for matchers: no field inside a "$or" branch may bear one (aws/event-ruler
 * Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP), so a matcher misplaced there is refused.
 */
const reservedInOr = new Set([
	...operatorKeys,
	...numericOperators,
	'exactly',
	'regex',
	'not-wildcard',
	'not-equals-ignore-case',
	'date-after',
	'date-on-or-after',
	'date-before',
	'date-on-or-before',
	'in-date-range',
	'ip-address-in-range',
	'ip-address-not-in-range',
]);

function validateObject(pattern: JsonObject, path: string, insideOr = false): void {
	const keys = Object.keys(pattern);
	if (keys.length === 0) fail(path ? `"${path}" is an empty object` : 'the pattern is empty');
	for (const key of keys) {
		const value = pattern[key]!;
		const here = path ? `${path}.${key}` : key;
		if (key === '$or') {
			// AWS wants two branches at least ("There must have at least 2 Objects in $or relationship").
			if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) fail(`"$or" at "${path || 'top level'}" must be an array of two objects or more`);
			value.forEach((sub) => validateObject(sub as JsonObject, path, true));
			continue;
		}
		if (insideOr && reservedInOr.has(key)) fail(`"${here}" inside "$or" is named like a matcher, which AWS does not take as a field name`);
		if (Array.isArray(value)) {
			if (value.length === 0) fail(`"${here}" is an empty array`);
			value.forEach((item) => validateMatcher(item, here));
		} else if (isObject(value)) {
			validateObject(value, here, insideOr);
		} else {
			fail(`"${here}" must be an object or an array`);
		}
	}
}

function isStringOrIgnoreCase(value: Json | undefined): boolean {
	if (typeof value === 'string') return true;
	return isObject(value) && Object.keys(value).length === 1 && typeof value['equals-ignore-case'] === 'string';
}

/**
 * AWS's wildcard grammar (aws/event-ruler WildcardParser): `\*` is a literal star, `\\` a literal
 * backslash, a backslash before anything else (or at the end) is refused, and so are two
 * unescaped stars in a row.
 */
function validateWildcard(value: Json | undefined, here: string): void {
	if (typeof value !== 'string') fail(`"wildcard" at "${here}" must be a string`);
	for (let i = 0; i < value.length; i += 1) {
		if (value[i] === '\\') {
			if (value[i + 1] !== '*' && value[i + 1] !== '\\') fail(`"wildcard" at "${here}" has a backslash that escapes neither "*" nor a backslash`);
			i += 1;
		} else if (value[i] === '*' && value[i + 1] === '*') {
			fail(`"wildcard" at "${here}" has consecutive wildcard characters`);
		}
	}
}

function validateMatcher(item: Json, here: string): void {
	if (!isObject(item)) {
		if (Array.isArray(item)) fail(`"${here}" holds a nested array`);
		return;
	}
	const keys = Object.keys(item);
	if (keys.length !== 1 || !operatorKeys.has(keys[0]!)) fail(`"${here}" has an unknown matcher ${JSON.stringify(item)}`);
	const op = keys[0]!;
	const value = item[op];
	switch (op) {
		case 'prefix':
		case 'suffix':
			if (!isStringOrIgnoreCase(value)) fail(`"${op}" at "${here}" must be a string or {"equals-ignore-case": string}`);
			return;
		case 'equals-ignore-case':
			if (typeof value !== 'string') fail(`"equals-ignore-case" at "${here}" must be a string`);
			return;
		case 'wildcard':
			validateWildcard(value, here);
			return;
		case 'exists':
			if (typeof value !== 'boolean') fail(`"exists" at "${here}" must be true or false`);
			return;
		case 'cidr':
			if (typeof value !== 'string' || !parseCidr(value)) fail(`"cidr" at "${here}" must be an IPv4 or IPv6 CIDR block with a prefix length shorter than the address`);
			return;
		case 'numeric':
			validateNumeric(value, here);
			return;
		default:
			validateAnythingBut(value, here);
	}
}

function validateAnythingBut(value: Json | undefined, here: string): void {
	const outOfRange = () => fail(`"anything-but" at "${here}" takes numbers from -${numericLimit} to ${numericLimit}`);
	if (typeof value === 'string') return;
	if (typeof value === 'number') {
		if (!comparable(value)) outOfRange();
		return;
	}
	if (Array.isArray(value)) {
		const allStrings = value.every((v) => typeof v === 'string');
		const allNumbers = value.every((v) => typeof v === 'number');
		if (value.length === 0 || !(allStrings || allNumbers)) fail(`"anything-but" at "${here}" must list only strings or only numbers`);
		if (allNumbers && !value.every(comparable)) outOfRange();
		return;
	}
	if (isObject(value) && Object.keys(value).length === 1) {
		const [op] = Object.keys(value) as [string];
		const inner = value[op];
		const stringOrList = typeof inner === 'string' || (Array.isArray(inner) && inner.length > 0 && inner.every((v) => typeof v === 'string'));
		// AWS refuses an empty one ("Null prefix/suffix not allowed"), though a bare {"prefix": ""} is fine.
		if ((op === 'prefix' || op === 'suffix') && typeof inner === 'string' && inner !== '') return;
		if (op === 'equals-ignore-case' && stringOrList) return;
		if (op === 'wildcard' && stringOrList) {
			(Array.isArray(inner) ? inner : [inner!]).forEach((w) => validateWildcard(w, here));
			return;
		}
	}
	fail(`"anything-but" at "${here}" must be a value, a list, or one of prefix, suffix, equals-ignore-case, wildcard`);
}

function validateNumeric(value: Json | undefined, here: string): void {
	const bad = () => fail(`"numeric" at "${here}" must be [op, number] or [">"/">=", low, "<"/"<=", high]`);
	if (!Array.isArray(value) || (value.length !== 2 && value.length !== 4)) bad();
	const list = value as Json[];
	for (let i = 0; i < list.length; i += 2) {
		if (typeof list[i] !== 'string' || !numericOperators.has(list[i] as string) || typeof list[i + 1] !== 'number') bad();
	}
	if (!list.every((v, i) => i % 2 === 0 || comparable(v as number))) fail(`"numeric" at "${here}" takes numbers from -${numericLimit} to ${numericLimit}`);
	if (list.length === 4) {
		const [lowOp, low, highOp, high] = list as [string, number, string, number];
		if (!lowOp.startsWith('>') || !highOp.startsWith('<') || low >= high) bad();
	}
}

function wildcardRegExp(pattern: string, flags = ''): RegExp {
	let source = '';
	for (let i = 0; i < pattern.length; i += 1) {
		const char = pattern[i]!;
		if (char === '\\') {
			// Validated: a backslash escapes a star or a backslash.
			source += escapeRegExp(pattern[i + 1]!);
			i += 1;
		} else if (char === '*') {
			source += '.*';
		} else {
			source += escapeRegExp(char);
		}
	}
	return new RegExp(`^${source}$`, `s${flags}`);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * equals-ignore-case as AWS matches it (aws/event-ruler EqualsIgnoreCaseParser): each character
 * (UTF-16 unit) of the pattern accepts its own lower-case or upper-case form in the event and
 * nothing else, so "ß" takes "SS" and "ß" but not "ss", and "k" does not take the Kelvin sign
 * though both lower-case to "k". Anchored at the start, the end, or both.
 */
function ignoreCaseRegExp(pattern: string, atStart: boolean, atEnd: boolean): RegExp {
	const source = pattern
		.split('')
		.map((char) => `(?:${escapeRegExp(char.toLowerCase())}|${escapeRegExp(char.toUpperCase())})`)
		.join('');
	return new RegExp(`${atStart ? '^' : ''}${source}${atEnd ? '$' : ''}`);
}

/** prefix (atStart) or suffix, of a string or {"equals-ignore-case": string}. */
function affixTest(spec: Json | undefined, value: Json, atStart: boolean): boolean {
	if (typeof value !== 'string') return false;
	if (typeof spec === 'string') return atStart ? value.startsWith(spec) : value.endsWith(spec);
	return ignoreCaseRegExp((spec as JsonObject)['equals-ignore-case'] as string, atStart, !atStart).test(value);
}

function numericHolds(spec: Json[], value: Json): boolean {
	if (typeof value !== 'number' || !comparable(value)) return false;
	for (let i = 0; i < spec.length; i += 2) {
		const bound = spec[i + 1] as number;
		const ok = { '=': value === bound, '<': value < bound, '<=': value <= bound, '>': value > bound, '>=': value >= bound }[spec[i] as string];
		if (!ok) return false;
	}
	return true;
}

function anythingBut(spec: Json | undefined, value: Json): boolean {
	if (Array.isArray(spec)) return !spec.some((s) => s === value);
	if (!isObject(spec)) return spec !== value;
	if (typeof value !== 'string') return true;
	const [op] = Object.keys(spec) as [string];
	const inner = spec[op]!;
	const list = (Array.isArray(inner) ? inner : [inner]) as string[];
	switch (op) {
		case 'prefix':
			return !value.startsWith(inner as string);
		case 'suffix':
			return !value.endsWith(inner as string);
		case 'equals-ignore-case':
			return !list.some((s) => ignoreCaseRegExp(s, true, true).test(value));
		default:
			return !list.some((w) => wildcardRegExp(w).test(value));
	}
}

/** Whether one matcher of a leaf array accepts one event value. `exists` is handled by the caller. */
function matcherAccepts(matcher: Json, value: Json): boolean {
	if (!isObject(matcher)) return matcher === value || sameAddress(matcher, value);
	const [op] = Object.keys(matcher) as [string];
	const spec = matcher[op];
	switch (op) {
		case 'prefix':
			return affixTest(spec, value, true);
		case 'suffix':
			return affixTest(spec, value, false);
		case 'equals-ignore-case':
			return typeof value === 'string' && ignoreCaseRegExp(spec as string, true, true).test(value);
		case 'wildcard':
			return typeof value === 'string' && wildcardRegExp(spec as string).test(value);
		case 'numeric':
			return numericHolds(spec as Json[], value);
		case 'cidr':
			return typeof value === 'string' && inCidr(spec as string, value);
		case 'anything-but':
			return anythingBut(spec, value);
		default:
			return false;
	}
}

/** The leaf values an event field holds: none when absent or an empty array; objects are not leaves. */
function leafValues(value: Json | undefined): Json[] {
	if (value === undefined) return [];
	const list = Array.isArray(value) ? value : [value];
	return list.filter((v) => !isObject(v) && !Array.isArray(v));
}

function leafMatches(matchers: Json[], value: Json | undefined): boolean {
	const leaves = leafValues(value);
	return matchers.some((matcher) => {
		if (isObject(matcher) && 'exists' in matcher) return matcher.exists === leaves.length > 0;
		return leaves.some((leaf) => matcherAccepts(matcher, leaf));
	});
}

function objectMatches(pattern: JsonObject, event: JsonObject): boolean {
	return Object.entries(pattern).every(([key, spec]) => {
		if (key === '$or') return (spec as JsonObject[]).some((sub) => objectMatches(sub, event));
		const value = Object.hasOwn(event, key) ? event[key] : undefined;
		if (Array.isArray(spec)) return leafMatches(spec, value);
		const nested = spec as JsonObject;
		if (isObject(value)) return objectMatches(nested, value);
		// An array of objects: the sub-pattern must hold within one element (AWS's array consistency).
		if (Array.isArray(value) && value.some(isObject)) return value.some((element) => isObject(element) && objectMatches(nested, element));
		// A missing object, or a leaf (null) where the pattern expects one, has none of the
		// sub-pattern's fields: it matches only a sub-pattern that asks for absent ones.
		return objectMatches(nested, {});
	});
}

/** Whether an already-validated pattern matches an event (both parsed JSON). */
export function eventPatternMatches(pattern: JsonObject, event: unknown): boolean {
	return isObject(event) && objectMatches(pattern, event);
}

/** The fields TestEventPattern requires of its Event. */
export const requiredEventFields = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type'] as const;

/** A bad Event for TestEventPattern (not JSON, or a required field missing). */
export class InvalidEventError extends Error {}

/**
 * TestEventPattern as EventBridge runs it: both arguments are JSON strings; a bad pattern
 * throws InvalidEventPatternError, a bad event InvalidEventError.
 */
export function testEventPattern(eventPattern: string, event: string): boolean {
	const pattern = parseEventPattern(eventPattern);
	let parsed: unknown;
	try {
		parsed = JSON.parse(event);
	} catch {
		throw new InvalidEventError('The event is not valid JSON.');
	}
	if (!isObject(parsed)) throw new InvalidEventError('The event must be a JSON object.');
	const missing = requiredEventFields.filter((field) => !Object.hasOwn(parsed as JsonObject, field));
	if (missing.length > 0) throw new InvalidEventError(`The event lacks the required field${missing.length === 1 ? '' : 's'} ${missing.join(', ')}.`);
	return eventPatternMatches(pattern, parsed);
}
