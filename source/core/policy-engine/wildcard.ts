/**
 * IAM's wildcards — the one implementation in the project. Everything that matches a
 * pattern against a name goes through here: policy Action/NotAction and Resource/NotResource,
 * condition values (StringLike, ArnLike), the break-glass exclusion list, suppressions.
 *
 * Semantics (IAM's policy grammar):
 * - `*` matches any run of characters, the empty run included, across `/` and `:`;
 * - `?` matches exactly one character;
 * - every other character is itself (`.`, `+`, `(`… are not special).
 *
 * Case, by field (`caseFor`): action names and service prefixes match case-insensitively
 * (`S3:getobject` is `s3:GetObject`); ARNs and every other value case-sensitively
 * (`role/App` is not `role/app`).
 *
 * Policy variables (`${aws:username}`, `${*}` for a literal star…) are resolved first, by
 * `resolvePolicyVariables`; a resolved value is matched literally, never as a wildcard.
 * Patterns compile once each: a large account repeats the same few hundred patterns across
 * thousands of policies.
 */

/** What a pattern is matched against, which decides its case rule. */
export type WildcardField = 'action' | 'arn' | 'value';

/** Whether a field matches case-insensitively: only action names do. */
export function caseInsensitiveFor(field: WildcardField): boolean {
	return field === 'action';
}

/** A piece of a pattern: wildcard text, or a literal (a policy variable's value, `${*}`). */
interface PatternPart {
	text: string;
	literal: boolean;
}

/** Compiled patterns, by case rule then pattern (no key is built per call: the engine asks hundreds of thousands of times). */
const compiledSensitive = new Map<string, RegExp>();
const compiledInsensitive = new Map<string, RegExp>();

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The one place `*` and `?` get their meaning. */
function partSource(part: PatternPart): string {
	if (part.literal) return escapeRegExp(part.text);
	let out = '';
	for (const ch of part.text) out += ch === '*' ? '.*' : ch === '?' ? '.' : escapeRegExp(ch);
	return out;
}

function compile(parts: readonly PatternPart[], caseInsensitive: boolean): RegExp {
	return new RegExp(`^${parts.map(partSource).join('')}$`, caseInsensitive ? 'si' : 's');
}

/** `s3:Get*` → /^s3:Get.*$/i. Actions match case-insensitively, ARNs case-sensitively. */
export function wildcardToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
	const cache = caseInsensitive ? compiledInsensitive : compiledSensitive;
	let regex = cache.get(pattern);
	if (!regex) {
		regex = compile([{ text: pattern, literal: false }], caseInsensitive);
		cache.set(pattern, regex);
	}
	return regex;
}

/**
 * The literal text a pattern starts with, before its first `*` or `?`: a value that does not
 * start with it (in a case-sensitive field) cannot match, so a list is filtered by
 * `startsWith` before the regular expression runs.
 */
export function wildcardPrefix(pattern: string): string {
	const star = pattern.indexOf('*');
	const mark = pattern.indexOf('?');
	const end = star < 0 ? mark : mark < 0 ? star : Math.min(star, mark);
	return end < 0 ? pattern : pattern.slice(0, end);
}

/** Whether a pattern (with `*` / `?`) matches a value. */
export function wildcardMatches(pattern: string, value: string, caseInsensitive: boolean): boolean {
	if (pattern === '*') return true;
	if (!pattern.includes('*') && !pattern.includes('?')) {
		return caseInsensitive ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
	}
	return wildcardToRegExp(pattern, caseInsensitive).test(value);
}

/** Whether a pattern matches a value of the given field, with that field's case rule. */
export function fieldMatches(field: WildcardField, pattern: string, value: string): boolean {
	return wildcardMatches(pattern, value, caseInsensitiveFor(field));
}

/** Values of policy variables for one request: `aws:username`, `aws:userid`, `aws:PrincipalTag/team`... */
export type PolicyVariables = Record<string, string>;

const variablePattern = /\$\{([^}]+)\}/g;

/**
 * Replaces policy variables in a Resource (or condition) pattern. `${*}`, `${?}`, `${$}`
 * stand for the literal characters. A variable with no value (a role has no
 * `aws:username`) and no default makes the pattern match nothing: null.
 * Variable names are case-insensitive, as AWS treats them.
 */
export function resolvePolicyVariables(pattern: string, variables: PolicyVariables): { pattern: string; literal: string[] } | null {
	if (!pattern.includes('${')) return { pattern, literal: [] };
	let missing = false;
	const literal: string[] = [];
	const out = pattern.replace(variablePattern, (_, inner: string) => {
		const value = readVariable(inner, variables);
		if (value === undefined) {
			missing = true;
			return '';
		}
		// `${*}`, and a value containing * or ?, match literally: kept out of the wildcard compiler with a placeholder.
		if (value.escaped || value.text.includes('*') || value.text.includes('?')) {
			literal.push(value.text);
			return `\u0000${literal.length - 1}\u0000`;
		}
		return value.text;
	});
	return missing ? null : { pattern: out, literal };
}

/** The text `${inner}` stands for: an escaped character, a variable's value or its default; undefined when it has none. */
function readVariable(inner: string, variables: PolicyVariables): { text: string; escaped: boolean } | undefined {
	const [nameRaw, defaultRaw] = inner.split(',').map((s) => s.trim());
	const name = nameRaw!;
	if (name === '*' || name === '?' || name === '$') return { text: name, escaped: true };
	const value = lookup(variables, name) ?? (defaultRaw !== undefined ? defaultRaw.replace(/^'(.*)'$/, '$1') : undefined);
	return value === undefined ? undefined : { text: value, escaped: false };
}

function lookup(variables: PolicyVariables, name: string): string | undefined {
	if (Object.hasOwn(variables, name)) return variables[name];
	const lower = name.toLowerCase();
	for (const [key, value] of Object.entries(variables)) if (key.toLowerCase() === lower) return value;
	return undefined;
}

/** A resolved pattern as parts: wildcard text between the literal placeholders. */
function partsOf(resolved: { pattern: string; literal: string[] }): PatternPart[] {
	return resolved.pattern.split(/\u0000(\d+)\u0000/).map((text, i) => (i % 2 === 1 ? { text: resolved.literal[Number(text)]!, literal: true } : { text, literal: false }));
}

/** Whether a Resource pattern, after its policy variables are resolved, matches an ARN. */
export function resourcePatternMatches(pattern: string, arn: string, variables: PolicyVariables): boolean {
	if (pattern === '*') return true;
	if (!pattern.includes('${')) return wildcardMatches(pattern, arn, false);
	const resolved = resolvePolicyVariables(pattern, variables);
	if (!resolved) return false;
	if (resolved.literal.length === 0) return wildcardMatches(resolved.pattern, arn, false);
	return compile(partsOf(resolved), false).test(arn);
}

/**
 * One concrete value the pattern matches, for asking "may this principal use the action on
 * such a resource?": variables filled from `variables` (a variable with no value becomes
 * `missing`), each `*` and `?` one letter, literal placeholders their character.
 */
export function concreteSample(pattern: string, variables: PolicyVariables, missing = 'x'): string {
	if (pattern === '*') return '*';
	let out = '';
	let last = 0;
	for (const match of pattern.matchAll(variablePattern)) {
		out += pattern.slice(last, match.index).replace(/[*?]/g, 'x');
		out += readVariable(match[1]!, variables)?.text ?? missing;
		last = match.index + match[0].length;
	}
	return out + pattern.slice(last).replace(/[*?]/g, 'x');
}
