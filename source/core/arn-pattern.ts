/**
 * Whether a Resource pattern of a policy (with `*`, `?` and policy variables) can name a
 * resource of an ARN format from the catalogue (`arn:${Partition}:logs:${Region}:${Account}:
 * log-group:${LogGroupName}:log-stream:${LogStreamName}`): is there one ARN both admit?
 * `log-group:trail-logs:*` fits the log-stream format, since `*` may stand for
 * `x:log-stream:y`; filling wildcards with a single letter would wrongly say no.
 */
import { resourceArnFormats, findAction, type ActionInfo, type IamCatalogue } from './policy-engine/catalogue.js';

/**
 * A token: a literal character (its code point, 0 or more); any one character; any run; and,
 * for the partition, region and account fields, which never hold a colon: one such character,
 * or a run of them. Numbers, so that a token list is an Int32Array, built once per text.
 */
const ONE = -1;
const MANY = -2;
const SEG = -3;
const SEGS = -4;
const COLON = 58;

const isStar = (t: number): boolean => t === MANY || t === SEGS;

// Token lists by text: a large account names the same few hundred ARNs in thousands of statements,
// and the catalogue's formats recur across actions. Both are bounded by the account and the catalogue.
const patternCache = new Map<string, Int32Array>();
const formatCache = new Map<string, Int32Array>();

function patternTokens(pattern: string): Int32Array {
	let tokens = patternCache.get(pattern);
	if (tokens) return tokens;
	const out: number[] = [];
	// A policy variable stands for some non-empty value.
	const text = pattern.replace(/\$\{[^}]*\}/g, '\u0001');
	for (const ch of text) {
		if (ch === '*') out.push(MANY);
		else if (ch === '?') out.push(ONE);
		else if (ch === '\u0001') out.push(ONE, MANY);
		else out.push(ch.codePointAt(0)!);
	}
	patternCache.set(pattern, (tokens = Int32Array.from(out)));
	return tokens;
}

function pushLiterals(out: number[], text: string): void {
	for (const ch of text) out.push(ch.codePointAt(0)!);
}

function formatTokens(format: string): Int32Array {
	let tokens = formatCache.get(format);
	if (tokens) return tokens;
	const out: number[] = [];
	let rest = format;
	for (let match = /\$\{([^}]+)\}/.exec(rest); match; match = /\$\{([^}]+)\}/.exec(rest)) {
		pushLiterals(out, rest.slice(0, match.index));
		const name = match[1]!;
		// Region may be empty (IAM, S3), and so may Account: the ARN of a document or public parameter
		// AWS owns has none (`arn:aws:ssm:us-east-1::document/AWS-RunShellScript`). Every other
		// placeholder is at least one character.
		if (name === 'Region' || name === 'Account') out.push(SEGS);
		else if (name === 'Partition') out.push(SEG, SEGS);
		else out.push(ONE, MANY);
		rest = rest.slice(match.index + match[0].length);
	}
	pushLiterals(out, rest);
	formatCache.set(format, (tokens = Int32Array.from(out)));
	return tokens;
}

function compatible(x: number, y: number): boolean {
	if (x >= 0 && y >= 0) return x === y;
	if (x >= 0) return y !== SEG || x !== COLON;
	if (y >= 0) return x !== SEG || y !== COLON;
	return true;
}

/** Whether a run token can take the single token `t`. */
function absorbs(star: number, t: number): boolean {
	return star === MANY || compatible(SEG, t);
}

const UNKNOWN = 0;
const NO = 1;
const YES = 2;

/** Whether some string is matched by both token lists. */
function intersects(a: Int32Array, b: Int32Array): boolean {
	const width = b.length + 1;
	// States (i, j) already answered; most pairs fail within a few tokens, so few are visited.
	const memo = new Uint8Array((a.length + 1) * width);
	const go = (i: number, j: number): boolean => {
		if (i === a.length && j === b.length) return true;
		const key = i * width + j;
		const known = memo[key]!;
		if (known !== UNKNOWN) return known === YES;
		const hasX = i < a.length;
		const hasY = j < b.length;
		const x = hasX ? a[i]! : 0;
		const y = hasY ? b[j]! : 0;
		const starX = hasX && isStar(x);
		const starY = hasY && isStar(y);
		let result = false;
		if (starX) result = go(i + 1, j);
		if (!result && starY) result = go(i, j + 1);
		if (!result && hasX && hasY) {
			if (starX && !starY) result = absorbs(x, y) && go(i, j + 1);
			else if (starY && !starX) result = absorbs(y, x) && go(i + 1, j);
			else if (!starX && !starY) result = compatible(x, y) && go(i + 1, j + 1);
		}
		memo[key] = result ? YES : NO;
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
	const info = findAction(catalogue, action);
	if (!info) return undefined;
	if (pattern === '*') return true;
	return formatsOf(catalogue, info).some((format) => arnPatternFitsFormat(pattern, format));
}

const formatLists = new WeakMap<ActionInfo, string[]>();

/** The action's distinct ARN formats (resourceArnFormats' strings), kept per action: validation asks of the same few thousand times. */
function formatsOf(catalogue: IamCatalogue, info: ActionInfo): string[] {
	let formats = formatLists.get(info);
	if (!formats) formatLists.set(info, (formats = [...new Set(resourceArnFormats(catalogue, info.id).map((f) => f.arnFormat))]));
	return formats;
}
