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

export interface ConfirmationContext extends Partial<CallerAccess> {
	accountId: string;
	callerArn: string;
}

/** What the signed-in principal's access rests on, from the account model: a narrowing change to any of it narrows the caller too. */
export interface CallerAccess {
	/** The groups the caller (an IAM user) is in. */
	callerGroups: readonly string[];
	/** The managed policies the caller has (attached to it or its groups, or its permissions boundary), by ARN: how it has each. */
	callerPolicies: Readonly<Record<string, string>>;
}

interface AccessModel {
	caller: { arn: string };
	users: readonly { arn: string; name: string; groups: readonly string[]; attachedPolicies: readonly { arn: string }[]; permissionsBoundary?: string }[];
	groups: readonly { name: string; attachedPolicies: readonly { arn: string }[] }[];
	roles: readonly { name: string; attachedPolicies: readonly { arn: string }[]; permissionsBoundary?: string }[];
}

/** The caller's groups and managed policies in the model; nothing for root or a principal the model does not hold. */
export function callerAccessOf(model: AccessModel): CallerAccess {
	const policies: Record<string, string> = {};
	const add = (arn: string, how: string) => {
		policies[arn] ??= how;
	};
	const caller = callerPrincipal(model.caller.arn);
	const user = caller?.type === 'user' ? model.users.find((u) => u.arn === model.caller.arn) : undefined;
	const role = caller?.type === 'role' ? model.roles.find((r) => r.name === caller.name) : undefined;
	const self = user ?? role;
	for (const p of self?.attachedPolicies ?? []) add(p.arn, 'attached to it');
	if (self?.permissionsBoundary) add(self.permissionsBoundary, 'as its permissions boundary');
	for (const name of user?.groups ?? []) {
		for (const p of model.groups.find((g) => g.name === name)?.attachedPolicies ?? []) add(p.arn, `through group ${name}`);
	}
	return { callerGroups: [...(user?.groups ?? [])], callerPolicies: policies };
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

/** A managed policy's new default version replaces what everyone it is attached to may do. */
const policyVersionKinds = new Set<string>(['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion']);

/**
 * The lockout risk of one action: its own `risk.lockout`, or a narrowing change to the very
 * user or role the caller is signed in as, to a group that user is in, or to a managed policy
 * the caller has (a new default version of it).
 */
export function lockoutRiskOf(action: Action, context: ConfirmationContext): string | undefined {
	if (action.risk?.lockout) return action.risk.lockout;
	const caller = callerPrincipal(context.callerArn);
	if (!caller) return undefined;
	if (policyVersionKinds.has(action.kind)) {
		const params = action.params as ActionParams['iam:CreatePolicyVersion'];
		if (action.kind === 'iam:CreatePolicyVersion' && !params.SetAsDefault) return undefined;
		const how = context.callerPolicies?.[params.PolicyArn];
		return how === undefined ? undefined : `Changes policy ${params.PolicyArn}, which ${caller.type} ${caller.name} you are signed in as has ${how} (${action.summary})`;
	}
	if (!narrowingKinds.has(action.kind)) return undefined;
	const targets = targetPrincipals(action, context.accountId);
	const hit = targets.find((t) => t.type === caller.type && t.name === caller.name);
	if (hit) return `Changes ${hit.type} ${hit.name}, the principal you are signed in as (${action.summary})`;
	const group = caller.type === 'user' ? targets.find((t) => t.type === 'group' && context.callerGroups?.includes(t.name)) : undefined;
	return group ? `Changes group ${group.name}, which user ${caller.name} you are signed in as is in (${action.summary})` : undefined;
}

/**
 * The policy-version deletions (by index) that only make room for a new version the batch
 * leaves out (step 3 deletes the oldest version of a policy that has five): left out with it,
 * so a held-back scoping does not leave a deleted version behind for nothing.
 */
export function roomMadeFor(actions: readonly Action[], leftOut: ReadonlySet<number>): Set<number> {
	const policies = new Set<string>();
	for (const i of leftOut) if (actions[i]?.kind === 'iam:CreatePolicyVersion') policies.add((actions[i]!.params as ActionParams['iam:CreatePolicyVersion']).PolicyArn);
	const out = new Set<number>();
	actions.forEach((a, i) => {
		if (a.kind === 'iam:DeletePolicyVersion' && !leftOut.has(i) && policies.has((a.params as ActionParams['iam:DeletePolicyVersion']).PolicyArn)) out.add(i);
	});
	return out;
}

/** Whether what the operator typed is the account ID (spaces and dashes as people write them are ignored). */
export function typedAccountIdMatches(typed: string | undefined, accountId: string): boolean {
	if (!typed) return false;
	return typed.replace(/[\s-]/g, '') === accountId;
}
