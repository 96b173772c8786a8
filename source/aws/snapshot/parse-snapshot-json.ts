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

/** How deep `text`'s arrays and objects nest, counted without parsing (strings skipped). */
function nestingDepth(text: string, limit: number): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let i = 0; i < text.length; i += 1) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c) i += 1;
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) {
			depth += 1;
			if (depth > deepest) deepest = depth;
			if (deepest > limit) return deepest;
		} else if (c === 0x5d || c === 0x7d) depth -= 1;
	}
	return deepest;
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
