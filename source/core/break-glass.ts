/**
 * Break-glass principals (settings, `--exclude ARN`) are never proposed for a change, and
 * the caller's own access key is never deactivated: both are taken out of a batch here,
 * with the reason the screen shows.
 */
import type { Action } from './actions.js';
import type { CallerIdentity } from './model.js';
import type { ExcludedPrincipal } from './settings.js';
import { fieldMatches } from './policy-engine/wildcard.js';

export type PrincipalType = 'user' | 'role' | 'group';

export interface TargetPrincipal {
	type: PrincipalType;
	name: string;
	/** Built from the name (IAM names are unique in an account whatever their path). */
	arn: string;
}

export interface ExcludedAction {
	action: Action;
	principal: TargetPrincipal;
	reason: string;
}

const nameParams: [string, PrincipalType][] = [
	['UserName', 'user'],
	['RoleName', 'role'],
	['GroupName', 'group'],
];

/**
 * The principals an action changes, named by its UserName / RoleName / GroupName
 * parameters (AddUserToGroup changes both the user and the group).
 */
export function targetPrincipals(action: Action, accountId: string, partition = 'aws'): TargetPrincipal[] {
	const params = action.params as Record<string, unknown>;
	return nameParams.flatMap(([key, type]) => {
		const name = params[key];
		if (typeof name !== 'string' || name === '') return [];
		return [{ type, name, arn: `arn:${partition}:iam::${accountId}:${type}/${name}` }];
	});
}

/** Splits an IAM principal ARN into its type and name, dropping any path. */
function parsePrincipalArn(arn: string): { account: string; type: string; name: string } | null {
	const match = /^arn:[^:]+:iam::(\d*):(user|role|group)\/(?:.*\/)?([^/]+)$/.exec(arn);
	return match ? { account: match[1], type: match[2], name: match[3] } : null;
}

/** Whether an entry of the excluded list (an ARN, possibly with IAM's `*` and `?` wildcards) names this principal. */
export function excludedEntryMatches(entry: string, principal: TargetPrincipal): boolean {
	if (entry.includes('*') || entry.includes('?')) return fieldMatches('arn', entry, principal.arn);
	if (entry === principal.arn) return true;
	const parsed = parsePrincipalArn(entry);
	const target = parsePrincipalArn(principal.arn);
	return parsed !== null && target !== null && parsed.account === target.account && parsed.type === target.type && parsed.name === target.name;
}

export function partitionExcluded(
	actions: Action[],
	excluded: ExcludedPrincipal[],
	accountId: string,
	partition = 'aws',
): { allowed: Action[]; excluded: ExcludedAction[] } {
	const allowed: Action[] = [];
	const out: ExcludedAction[] = [];
	for (const action of actions) {
		let hit: ExcludedAction | undefined;
		for (const principal of targetPrincipals(action, accountId, partition)) {
			const entry = excluded.find((e) => excludedEntryMatches(e.arn, principal));
			if (entry) {
				hit = { action, principal, reason: entry.reason };
				break;
			}
		}
		if (hit) out.push(hit);
		else allowed.push(action);
	}
	return { allowed, excluded: out };
}

/** Whether the action deactivates, re-activates or deletes the access key the caller signs with. */
export function isCallersOwnKey(action: Action, caller: Pick<CallerIdentity, 'accessKeyId'>): boolean {
	if (action.kind !== 'iam:UpdateAccessKey' && action.kind !== 'iam:DeleteAccessKey') return false;
	return caller.accessKeyId !== undefined && (action.params as { AccessKeyId: string }).AccessKeyId === caller.accessKeyId;
}

/** The IAM principal the caller is signed in as (an assumed role's role), or null for root and others. */
export function callerPrincipal(callerArn: string): { type: PrincipalType; name: string } | null {
	const user = /^arn:[^:]+:iam::\d*:user\/(?:.*\/)?([^/]+)$/.exec(callerArn);
	if (user) return { type: 'user', name: user[1] };
	const role = /^arn:[^:]+:sts::\d*:assumed-role\/([^/]+)\/[^/]+$/.exec(callerArn) ?? /^arn:[^:]+:iam::\d*:role\/(?:.*\/)?([^/]+)$/.exec(callerArn);
	if (role) return { type: 'role', name: role[1] };
	return null;
}
