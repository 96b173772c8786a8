/**
 * Whether a Resource pattern of a policy (with `*`, `?` and policy variables) can name a
 * resource of an ARN format from the catalogue (`arn:${Partition}:logs:${Region}:${Account}:
 * log-group:${LogGroupName}:log-stream:${LogStreamName}`): is there one ARN both admit?
 * `log-group:trail-logs:*` fits the log-stream format, since `*` may stand for
 * `x:log-stream:y`; filling wildcards with a single letter would wrongly say no.
 */
import { resourceArnFormats, findAction, type IamCatalogue } from './policy-engine/catalogue.js';

/**
 * A literal character; any one character; any run; and, for the partition, region and
 * account fields, which never hold a colon: one such character, or a run of them.
 */
type Token = { lit: string } | 'one' | 'many' | 'seg' | 'segs';

const isStar = (t: Token): t is 'many' | 'segs' => t === 'many' || t === 'segs';

function patternTokens(pattern: string): Token[] {
	const out: Token[] = [];
	// A policy variable stands for some non-empty value.
	const text = pattern.replace(/\$\{[^}]*\}/g, '\u0001');
	for (const ch of text) {
		if (ch === '*') out.push('many');
		else if (ch === '?') out.push('one');
		else if (ch === '\u0001') out.push('one', 'many');
		else out.push({ lit: ch });
	}
	return out;
}

function formatTokens(format: string): Token[] {
	const out: Token[] = [];
	let rest = format;
	for (let match = /\$\{([^}]+)\}/.exec(rest); match; match = /\$\{([^}]+)\}/.exec(rest)) {
		for (const ch of rest.slice(0, match.index)) out.push({ lit: ch });
		const name = match[1]!;
		// Region may be empty (IAM, S3), and so may Account: the ARN of a document or public parameter
		// AWS owns has none (`arn:aws:ssm:us-east-1::document/AWS-RunShellScript`). Every other
		// placeholder is at least one character.
		if (name === 'Region' || name === 'Account') out.push('segs');
		else if (name === 'Partition') out.push('seg', 'segs');
		else out.push('one', 'many');
		rest = rest.slice(match.index + match[0].length);
	}
	for (const ch of rest) out.push({ lit: ch });
	return out;
}

function compatible(x: Token, y: Token): boolean {
	if (typeof x === 'object' && typeof y === 'object') return x.lit === y.lit;
	if (typeof x === 'object') return y !== 'seg' || x.lit !== ':';
	if (typeof y === 'object') return x !== 'seg' || y.lit !== ':';
	return true;
}

/** Whether a run token can take the single token `t`. */
function absorbs(star: 'many' | 'segs', t: Token): boolean {
	return star === 'many' || compatible('seg', t);
}

/** Whether some string is matched by both token lists. */
function intersects(a: Token[], b: Token[]): boolean {
	const memo = new Map<number, boolean>();
	const width = b.length + 1;
	const go = (i: number, j: number): boolean => {
		if (i === a.length && j === b.length) return true;
		const key = i * width + j;
		const known = memo.get(key);
		if (known !== undefined) return known;
		const x = a[i];
		const y = b[j];
		let result = false;
		if (x !== undefined && isStar(x)) result = go(i + 1, j);
		if (!result && y !== undefined && isStar(y)) result = go(i, j + 1);
		if (!result && x !== undefined && y !== undefined) {
			if (isStar(x) && !isStar(y)) result = absorbs(x, y) && go(i, j + 1);
			else if (isStar(y) && !isStar(x)) result = absorbs(y, x) && go(i + 1, j);
			else if (!isStar(x) && !isStar(y)) result = compatible(x, y) && go(i + 1, j + 1);
		}
		memo.set(key, result);
		return result;
	};
	return go(0, 0);
}

export function arnPatternFitsFormat(pattern: string, format: string): boolean {
	if (pattern === '*') return true;
	return intersects(patternTokens(pattern), formatTokens(format));
}

/** Whether the pattern can name a resource the action takes; undefined for an action the catalogue does not know. */
export function arnPatternFitsAction(catalogue: IamCatalogue, action: string, pattern: string): boolean | undefined {
	if (!findAction(catalogue, action)) return undefined;
	if (pattern === '*') return true;
	return resourceArnFormats(catalogue, action).some((f) => arnPatternFitsFormat(pattern, f.arnFormat));
}
