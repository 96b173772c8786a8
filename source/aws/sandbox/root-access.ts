/**
 * Centralized root access in the sandbox's organization, with IAM's semantics: only the
 * management account and IAM's delegated administrator may list the features
 * (AccountNotManagementOrDelegatedAdministratorException otherwise); without IAM's trusted
 * access the answer is ServiceAccessNotEnabledException; outside an organization,
 * OrganizationNotFoundException.
 */
import type { ActionParams, PriorStates } from '../../core/actions.js';
import type { CentralizedRootAccess, NotEvaluated } from '../../core/model.js';
import type { ApplyContext, Outputs } from './apply-context.js';
import { GatewayError } from '../../core/gateway-error.js';
import { isAbsence } from '../absence.js';
import { rootAccessUnreadReason } from '../root-access-reason.js';
import { fail } from './sandbox-lookup.js';
import type { SandboxState } from './sandbox-state.js';

const listOperation = 'iam:ListOrganizationsFeatures';

/** May the caller's account act for the organization on root credentials (management account or IAM's delegated administrator)? */
export function mayManageRootAccess(state: SandboxState): boolean {
	const org = state.organization;
	if (!org) return false;
	return org.managementAccountId === state.account.id || org.rootAccess?.delegatedAdministrator === state.account.id;
}

/** ListOrganizationsFeatures as IAM answers it (throws AWS's errors). */
export function listOrganizationsFeatures(state: SandboxState): { OrganizationId: string; EnabledFeatures: string[] } {
	const org = state.organization ?? fail('OrganizationNotFoundException', 'The request was rejected because no organization is associated with your account.', listOperation);
	if (!mayManageRootAccess(state)) {
		fail('AccountNotManagementOrDelegatedAdministratorException', 'The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.', listOperation);
	}
	if (org.featureSet !== 'ALL') fail('OrganizationNotInAllFeaturesModeException', 'The request was rejected because your organization does not have All features enabled.', listOperation);
	if (!org.rootAccess?.iamTrustedAccess) fail('ServiceAccessNotEnabledException', 'The request was rejected because trusted access is not enabled for IAM in AWS Organizations.', listOperation);
	return { OrganizationId: org.id, EnabledFeatures: [...org.rootAccess.enabledFeatures] };
}

/** The model's view, read as the live adapter reads it: "not there" answers are "not enabled", anything else is unknown and noted. */
export function readRootAccess(state: SandboxState): { rootAccess?: CentralizedRootAccess; problem?: NotEvaluated } {
	const org = state.organization;
	if (!org) return {};
	try {
		return { rootAccess: { enabledFeatures: listOrganizationsFeatures(state).EnabledFeatures, callerMayAssumeRoot: true } };
	} catch (error) {
		if (isAbsence(error)) return { rootAccess: { enabledFeatures: [], callerMayAssumeRoot: org.managementAccountId === state.account.id } };
		const code = error instanceof GatewayError ? error.code : 'Unknown';
		return { problem: { area: 'root-access', reason: rootAccessUnreadReason(code, org.managementAccountId), findingIds: [] } };
	}
}

const assumeOperation = 'sts:AssumeRoot';

/**
 * The checks STS makes before it opens a root session: the caller's account is the management
 * account or IAM's delegated administrator, centralized root credentials management is on,
 * the target is a member account (never the management account), the task policy is one of
 * AWS's root-task policies, and the session lasts at most 900 seconds. The sandbox holds only
 * its own account's root; another member account's root has no credentials here.
 */
function openRootSession(state: SandboxState, p: { TargetPrincipal: string; TaskPolicyArn: { arn: string }; DurationSeconds?: number }): { ownRoot: boolean } {
	const denied = () =>
		fail('AccessDenied', `User: ${state.caller.arn} is not authorized to perform: sts:AssumeRoot on resource: arn:${state.account.partition}:iam::${p.TargetPrincipal}:root`, assumeOperation);
	const org = state.organization;
	if (!org || !mayManageRootAccess(state) || !org.rootAccess?.iamTrustedAccess || !org.rootAccess.enabledFeatures.includes('RootCredentialsManagement')) denied();
	const target = p.TargetPrincipal.replace(/^arn:[^:]+:iam::(\d{12}):root$/, '$1');
	if (target === org!.managementAccountId || !org!.accounts.some((a) => a.id === target)) denied();
	if (p.DurationSeconds !== undefined && (p.DurationSeconds < 0 || p.DurationSeconds > 900)) {
		fail('ValidationError', `1 validation error detected: Value '${p.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 900`, assumeOperation);
	}
	if (!/^arn:[^:]+:iam::aws:policy\/root-task\/[A-Za-z]+$/.test(p.TaskPolicyArn.arn)) {
		fail('MalformedPolicyDocument', `The task policy ${p.TaskPolicyArn.arn} is not an AWS-managed root-task policy.`, assumeOperation);
	}
	return { ownRoot: target === state.account.id };
}

/** sts:AssumeRoot with IAMDeleteRootUserCredentials, and the deletes made in the root session. */
export function assumeRootAndDelete(ctx: ApplyContext, p: ActionParams['sts:AssumeRoot']): Outputs {
	const { ownRoot } = openRootSession(ctx.state, p);
	if (!p.TaskPolicyArn.arn.endsWith('/IAMDeleteRootUserCredentials')) {
		fail('AccessDenied', `The root session's task policy does not allow iam:DeleteAccessKey on the root user.`, 'iam:DeleteAccessKey');
	}
	const deleted = ownRoot && p.delete.includes('accessKeys') ? ctx.state.root.accessKeys.map((k) => k.id) : [];
	if (ownRoot && p.delete.includes('accessKeys')) ctx.state.root.accessKeys = [];
	return { DeletedAccessKeyIds: deleted.join(',') };
}

/** What the action's re-read sees: a root session (IAMAuditRootUserCredentials) listing the root user's keys. */
export function rootCredentialsState(state: SandboxState, p: ActionParams['sts:AssumeRoot']): PriorStates['sts:AssumeRoot'] {
	const { ownRoot } = openRootSession(state, { ...p, TaskPolicyArn: { arn: p.TaskPolicyArn.arn.replace(/[^/]+$/, 'IAMAuditRootUserCredentials') } });
	return { accessKeys: ownRoot ? state.root.accessKeys.map((k) => k.id) : [] };
}
