/**
 * Reads the JSON of a snapshot file and tells authorization details from other JSON, with
 * messages that point at the line and column an operator opens in an editor.
 */
import { mergeAuthorizationPages, type AuthorizationDetailsInput } from '../authorization-details.js';
import { jsonSyntaxProblem } from '../../core/json-syntax.js';
import { badSnapshot } from './bad-snapshot.js';

const detailsLists = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

export type SnapshotJson = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Authorization details nest about a dozen levels (page, list, user, policy list, document,
 * statement, condition, operator, key, values); anything far deeper is not one, and would
 * exhaust the stack of every recursive walk after parsing.
 */
export const maxSnapshotDepth = 64;

/**
 * How deep `text`'s arrays and objects nest, counted without parsing. A string, most of a
 * snapshot's characters, is jumped over with indexOf (a native scan) to its closing quote,
 * the first one not escaped by an odd run of backslashes, instead of being read a character
 * at a time: a 5 MB snapshot takes about 10 ms instead of 30. (Walking the parsed value
 * instead is no faster on a single cold run, and would parse a deep file before refusing it.)
 */
function nestingDepth(text: string, limit: number): number {
	let depth = 0;
	let deepest = 0;
	for (let i = 0; i < text.length; i += 1) {
		const c = text.charCodeAt(i);
		if (c === 0x22) {
			let end = text.indexOf('"', i + 1);
			while (end !== -1 && escapedQuote(text, end)) end = text.indexOf('"', end + 1);
			if (end === -1) break;
			i = end;
		} else if (c === 0x5b || c === 0x7b) {
			depth += 1;
			if (depth > deepest) deepest = depth;
			if (deepest > limit) return deepest;
		} else if (c === 0x5d || c === 0x7d) depth -= 1;
	}
	return deepest;
}

/** True when the quote at `at` is escaped: an odd number of backslashes runs up to it. */
function escapedQuote(text: string, at: number): boolean {
	let backslashes = 0;
	while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes += 1;
	return backslashes % 2 === 1;
}

/** Parses `text`; a failure carries a sentence naming `name`, never V8's excerpt of the file. */
export function parseSnapshotJson(text: string, name: string): SnapshotJson {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (body.trim() === '') return { ok: false, message: `${name} is empty: is the file truncated?` };
	if (nestingDepth(body, maxSnapshotDepth) > maxSnapshotDepth) {
		return { ok: false, message: `${name} nests more than ${maxSnapshotDepth} levels deep, which IAM authorization details never do: it is not a snapshot iam-wizard can read` };
	}
	try {
		return { ok: true, value: JSON.parse(body) as unknown };
	} catch (error) {
		const problem = jsonSyntaxProblem(body, error);
		if (!/^[[{]/.test(body.trimStart())) {
			return { ok: false, message: `${name} is not valid JSON (${problem.text}): save the output with --output json` };
		}
		return { ok: false, message: `${name} is not valid JSON (${problem.text})${problem.atEnd ? ': is the file truncated?' : ''}` };
	}
}

/** True for one GetAccountAuthorizationDetails response, or a list of its pages. */
export function isAuthorizationDetails(value: unknown): boolean {
	const pages = Array.isArray(value) ? value : [value];
	return (
		pages.length > 0 &&
		pages.every((page) => page !== null && typeof page === 'object' && !Array.isArray(page)) &&
		pages.some((page) => detailsLists.some((list) => Object.hasOwn(page as object, list)))
	);
}

/** The authorization details in `value` (one response or a list of pages), or a BadSnapshot error. */
export function toAuthorizationDetailsInput(value: unknown, name: string): AuthorizationDetailsInput {
	if (!isAuthorizationDetails(value)) {
		throw badSnapshot(
			`${name} does not hold IAM authorization details (no UserDetailList, GroupDetailList, RoleDetailList or Policies at its top level): save the output of aws iam get-account-authorization-details`,
		);
	}
	return Array.isArray(value) ? mergeAuthorizationPages(value as AuthorizationDetailsInput[]) : (value as AuthorizationDetailsInput);
}
