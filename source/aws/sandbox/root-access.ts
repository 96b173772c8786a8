/**
 * Centralized root access in the sandbox's organization, with IAM's semantics: only the
 * management account and IAM's delegated administrator may list the features
 * (AccountNotManagementOrDelegatedAdministratorException otherwise); without IAM's trusted
 * access the answer is ServiceAccessNotEnabledException; outside an organization,
 * OrganizationNotFoundException.
 */
import type { CentralizedRootAccess, NotEvaluated } from '../../core/model.js';
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
