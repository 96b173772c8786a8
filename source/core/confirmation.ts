/**
 * How a batch of actions must be confirmed. Ordinary batches take a y/N; a batch with a
 * high blast radius (an SCP on a root or OU, keys of many users, a boundary on many
 * principals) asks the operator to type the account ID, so a reflexive "y" cannot apply it.
 */
import type { Action, ActionParams } from './actions.js';
import { callerPrincipal, targetPrincipals } from './break-glass.js';
import { isReversible } from './inverse-action.js';

export type ConfirmationLevel = 'yes-no' | 'typed-account-id';

export interface Confirmation {
	level: ConfirmationLevel;
	/** Why the typed account ID is asked for; empty for yes-no. */
	reasons: string[];
	/** From each action's risk.lockout: these need a separate, explicit override. */
	lockoutRisks: string[];
	/** Actions that cannot be undone; the confirmation says so. */
	irreversible: Action[];
}

export interface ConfirmationContext {
	accountId: string;
	callerArn: string;
	/** The groups the caller (an IAM user) is in: a change to one narrows the caller too. Absent when not known. */
	callerGroups?: readonly string[];
}

/** The groups of the user the model's caller is signed in as; none for a role session or root. */
export function callerGroupsOf(model: { caller: { arn: string }; users: readonly { arn: string; groups: readonly string[] }[] }): string[] {
	return [...(model.users.find((u) => u.arn === model.caller.arn)?.groups ?? [])];
}

/** More distinct users than this having keys deactivated or deleted is a high blast radius. */
export const manyKeyUsers = 3;
/** More principals than this getting a boundary is a high blast radius. */
export const manyBoundaryPrincipals = 5;

const boundaryKinds = new Set(['iam:PutRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary']);
const keyKinds = new Set(['iam:UpdateAccessKey', 'iam:DeleteAccessKey']);

export function confirmationFor(actions: Action[], context: ConfirmationContext): Confirmation {
	const reasons: string[] = [];

	for (const action of actions) {
		if (action.kind !== 'organizations:AttachPolicy') continue;
		const { TargetId, PolicyName, PolicyId } = action.params as ActionParams['organizations:AttachPolicy'];
		if (TargetId.startsWith('r-') || TargetId.startsWith('ou-')) {
			const where = TargetId.startsWith('r-') ? 'the organization root' : 'organizational unit';
			reasons.push(`Attaches service control policy ${PolicyName ?? PolicyId} to ${where} ${TargetId}, affecting every account under it`);
		}
	}

	const keyUsers = new Set(
		actions
			.filter((a) => keyKinds.has(a.kind) && (a.kind === 'iam:DeleteAccessKey' || (a.params as { Status: string }).Status === 'Inactive'))
			.map((a) => (a.params as { UserName: string }).UserName),
	);
	if (keyUsers.size > manyKeyUsers) {
		reasons.push(`Deactivates or deletes access keys of ${keyUsers.size} users`);
	}
	// A deleted key is gone for good: a reflexive "y" must not do it.
	const deletions = actions.filter((a) => a.kind === 'iam:DeleteAccessKey').map((a) => (a.params as ActionParams['iam:DeleteAccessKey']).AccessKeyId);
	if (deletions.length > 0) {
		reasons.push(`Deletes access key${deletions.length === 1 ? '' : 's'} ${deletions.join(', ')} for good (a deleted key cannot be restored)`);
	}

	for (const action of actions) {
		if (action.kind !== 'sts:AssumeRoot') continue;
		const { TargetPrincipal } = action.params as ActionParams['sts:AssumeRoot'];
		reasons.push(`Deletes the root user's credentials of account ${TargetPrincipal} for good, in a root session (sts:AssumeRoot)`);
	}

	const boundaryTargets = new Set(
		actions
			.filter((a) => boundaryKinds.has(a.kind))
			.map((a) => {
				const p = a.params as { RoleName?: string; UserName?: string };
				return p.RoleName ? `role/${p.RoleName}` : `user/${p.UserName}`;
			}),
	);
	if (boundaryTargets.size > manyBoundaryPrincipals) {
		reasons.push(`Sets a permissions boundary on ${boundaryTargets.size} principals`);
	}

	for (const action of actions) {
		if (action.risk?.highBlastRadius) reasons.push(`High blast radius: ${action.summary}`);
	}

	const lockoutRisks = actions.flatMap((a) => {
		const risk = lockoutRiskOf(a, context);
		return risk ? [risk] : [];
	});
	const irreversible = actions.filter((a) => !isReversible(a.kind));

	return {
		level: reasons.length > 0 ? 'typed-account-id' : 'yes-no',
		reasons,
		lockoutRisks: [...new Set(lockoutRisks)],
		irreversible,
	};
}

/** Kinds that can take permissions away from the principal they target. */
const narrowingKinds = new Set<string>([
	'iam:PutRolePermissionsBoundary',
	'iam:PutUserPermissionsBoundary',
	'iam:DetachUserPolicy',
	'iam:DetachRolePolicy',
	'iam:DetachGroupPolicy',
	'iam:PutUserPolicy',
	'iam:PutRolePolicy',
	'iam:PutGroupPolicy',
	'iam:DeleteUserPolicy',
	'iam:DeleteRolePolicy',
	'iam:DeleteGroupPolicy',
	'iam:UpdateAssumeRolePolicy',
	'iam:RemoveUserFromGroup',
]);

/**
 * The lockout risk of one action: its own `risk.lockout`, or a narrowing change to the very
 * user or role the caller is signed in as, or to a group that user is in.
 */
export function lockoutRiskOf(action: Action, context: ConfirmationContext): string | undefined {
	if (action.risk?.lockout) return action.risk.lockout;
	if (!narrowingKinds.has(action.kind)) return undefined;
	const caller = callerPrincipal(context.callerArn);
	if (!caller) return undefined;
	const targets = targetPrincipals(action, context.accountId);
	const hit = targets.find((t) => t.type === caller.type && t.name === caller.name);
	if (hit) return `Changes ${hit.type} ${hit.name}, the principal you are signed in as (${action.summary})`;
	const group = caller.type === 'user' ? targets.find((t) => t.type === 'group' && context.callerGroups?.includes(t.name)) : undefined;
	return group ? `Changes group ${group.name}, which user ${caller.name} you are signed in as is in (${action.summary})` : undefined;
}

/** Whether what the operator typed is the account ID (spaces and dashes as people write them are ignored). */
export function typedAccountIdMatches(typed: string | undefined, accountId: string): boolean {
	if (!typed) return false;
	return typed.replace(/[\s-]/g, '') === accountId;
}
