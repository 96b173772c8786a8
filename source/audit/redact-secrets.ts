/**
 * The guard every record passes before it is signed and written: secret access keys,
 * session tokens, passwords and private keys become "[redacted]", wherever they sit and
 * whatever the action. Access key IDs (AKIA…, ASIA…) are identifiers, not secrets, and stay.
 */

export const redactedMarker = '[redacted]';

/** Field names whose string values are secrets (compared lower-case, punctuation removed). */
const secretFieldName = /(password|passwd|passphrase|secret|secretkey|secretaccesskey|token|privatekey|apikey|credential|credentials)$/;

const privateKeyBlock = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const assignedSecret =
	/\b((?:aws_)?(?:secret_access_key|session_token|security_token)|secretaccesskey|sessiontoken|password)(["']?\s*[:=]\s*["']?)([^\s"',;}]+)/gi;
const sessionToken = /(?:FwoG|FQoG|IQoJ|AQoD|AQoE)[A-Za-z0-9/+=]{16,}/g;
/** A run of base64 characters, bounded by anything else. */
const base64Run = /[A-Za-z0-9/+]{40,}=*/g;

function charClass(c: string): number {
	if (c >= 'a' && c <= 'z') return 0;
	if (c >= 'A' && c <= 'Z') return 1;
	if (c >= '0' && c <= '9') return 2;
	return 3;
}

/**
 * Random base64 changes character class (lower, upper, digit, symbol) between about two
 * thirds of neighbouring characters; names people write (CamelCase policy names, paths)
 * change a handful of times. This tells an AWS secret key from a 40-letter policy name.
 */
function looksRandom(run: string): boolean {
	let changes = 0;
	for (let i = 1; i < run.length; i += 1) {
		if (charClass(run[i]) !== charClass(run[i - 1])) changes += 1;
	}
	return changes >= Math.max(12, Math.floor(run.length * 0.3));
}

const lowerHex = /^[0-9a-f]+$/;

/**
 * A CamelCase name (`ProductionDeploymentPipelineRoleForTeamA`): letters only, and no two
 * capitals side by side. Its many capitals change class often enough to look random, but a
 * random 40-character key is letters only about once in 4,000 and then has no two capitals
 * together about once in 4,000 again: about one key in 16 million would pass for a name.
 */
const camelCaseName = /^[A-Za-z]+$/;
const adjacentCapitals = /[A-Z]{2}/;

function isSecret(candidate: string): boolean {
	// Hex digests (SHA-1, SHA-256) are random too, but never AWS secrets.
	if (lowerHex.test(candidate)) return false;
	if (camelCaseName.test(candidate) && !adjacentCapitals.test(candidate)) return false;
	return looksRandom(candidate);
}

/**
 * An AWS secret access key is exactly 40 characters; longer random runs are tokens. A key
 * may also sit at the end of a path ("assumed-role/ops/<key>") or between slashes, which
 * joins it to its neighbours in one run however long: those 40-character pieces are checked
 * too. (A run is at least 40 characters: `base64Run` asks for that many.)
 */
function redactRun(run: string, count: () => void): string {
	const body = run.replace(/=+$/, '');
	if ((body.length === 40 || body.length >= 100) && isSecret(body)) {
		count();
		return redactedMarker;
	}
	// A run of 100 or more that is not random as a whole may still hold a key between slashes (a long path).
	if (!body.includes('/')) return run;
	const starts = [0, ...[...body.matchAll(/\//g)].map((m) => (m.index as number) + 1)];
	for (const start of starts) {
		const end = start + 40;
		if (end > body.length || (end < body.length && body[end] !== '/')) continue;
		if (isSecret(body.slice(start, end))) {
			count();
			return `${body.slice(0, start)}${redactedMarker}${redactRun(body.slice(end), count)}`;
		}
	}
	return run;
}

export function redactString(text: string): { text: string; redactions: number } {
	let redactions = 0;
	const count = (replacement: string) => {
		redactions += 1;
		return replacement;
	};
	let out = text.replace(privateKeyBlock, () => count(redactedMarker));
	out = out.replace(assignedSecret, (whole, name: string, sep: string, value: string) =>
		value === redactedMarker ? whole : count(`${name}${sep}${redactedMarker}`),
	);
	out = out.replace(sessionToken, () => count(redactedMarker));
	out = out.replace(base64Run, (run) => redactRun(run, () => (redactions += 1)));
	return { text: out, redactions };
}

function normaliseName(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A deep copy of `value` with every secret-shaped string replaced, and how many were. */
export function redactSecrets<T>(value: T): { value: T; redactions: number } {
	let redactions = 0;
	const walk = (node: unknown, fieldName?: string): unknown => {
		if (typeof node === 'string') {
			if (fieldName !== undefined && node !== '' && node !== redactedMarker && secretFieldName.test(normaliseName(fieldName))) {
				redactions += 1;
				return redactedMarker;
			}
			const result = redactString(node);
			redactions += result.redactions;
			return result.text;
		}
		if (typeof node === 'number' && fieldName !== undefined && secretFieldName.test(normaliseName(fieldName))) {
			redactions += 1;
			return redactedMarker;
		}
		if (Array.isArray(node)) return node.map((item) => walk(item, fieldName));
		if (typeof node === 'object' && node !== null) {
			const copy: Record<string, unknown> = {};
			for (const [key, child] of Object.entries(node)) copy[key] = walk(child, key);
			return copy;
		}
		return node;
	};
	const result = walk(value) as T;
	return { value: result, redactions };
}
