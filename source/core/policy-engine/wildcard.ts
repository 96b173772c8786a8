/**
 * IAM's two wildcards (`*` any run of characters, `?` one character) and policy variables
 * (`${aws:username}`, `${*}`), compiled once per distinct pattern: a large account repeats
 * the same few hundred patterns across thousands of policies.
 */

const cache = new Map<string, RegExp>();

/** `s3:Get*` → /^s3:Get.*$/i. Actions match case-insensitively, ARNs case-sensitively. */
export function wildcardToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
	const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
	let regex = cache.get(key);
	if (!regex) {
		const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
		regex = new RegExp(`^${source}$`, caseInsensitive ? 'si' : 's');
		cache.set(key, regex);
	}
	return regex;
}

/** Whether a pattern (with `*` / `?`) matches a value. */
export function wildcardMatches(pattern: string, value: string, caseInsensitive: boolean): boolean {
	if (pattern === '*') return true;
	if (!pattern.includes('*') && !pattern.includes('?')) {
		return caseInsensitive ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
	}
	return wildcardToRegExp(pattern, caseInsensitive).test(value);
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
		const [nameRaw, defaultRaw] = inner.split(',').map((s) => s.trim());
		const name = nameRaw!;
		if (name === '*' || name === '?' || name === '$') {
			// Keep the literal character out of the wildcard compiler with a placeholder.
			literal.push(name);
			return `\u0000${literal.length - 1}\u0000`;
		}
		const value = lookup(variables, name) ?? (defaultRaw !== undefined ? defaultRaw.replace(/^'(.*)'$/, '$1') : undefined);
		if (value === undefined) {
			missing = true;
			return '';
		}
		// A value containing * must match literally, not as a wildcard.
		if (value.includes('*') || value.includes('?')) {
			literal.push(value);
			return `\u0000${literal.length - 1}\u0000`;
		}
		return value;
	});
	return missing ? null : { pattern: out, literal };
}

function lookup(variables: PolicyVariables, name: string): string | undefined {
	if (Object.hasOwn(variables, name)) return variables[name];
	const lower = name.toLowerCase();
	for (const [key, value] of Object.entries(variables)) if (key.toLowerCase() === lower) return value;
	return undefined;
}

/** Whether a Resource pattern, after its policy variables are resolved, matches an ARN. */
export function resourcePatternMatches(pattern: string, arn: string, variables: PolicyVariables): boolean {
	if (pattern === '*') return true;
	const resolved = resolvePolicyVariables(pattern, variables);
	if (!resolved) return false;
	if (resolved.literal.length === 0) return wildcardMatches(resolved.pattern, arn, false);
	const source = resolved.pattern
		.split(/\u0000(\d+)\u0000/)
		.map((part, i) => (i % 2 === 1 ? escape(resolved.literal[Number(part)]!) : escape(part).replace(/\\\*/g, '.*').replace(/\\\?/g, '.')))
		.join('');
	return new RegExp(`^${source}$`, 's').test(arn);
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
