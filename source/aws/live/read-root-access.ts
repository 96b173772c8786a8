/**
 * Centralized root access (IAM's ListOrganizationsFeatures). Only the management account and
 * IAM's delegated administrator may ask; an answer therefore also says the caller may use
 * sts:AssumeRoot on member accounts. No organization, IAM's trusted access off or an
 * organization without all features are the absence table's "not enabled"; a member
 * account's AccountNotManagementOrDelegatedAdministrator (or AccessDenied) leaves it unknown,
 * with the reason for notEvaluated.
 */
import { ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { GatewayError, isGatewayError } from '../../core/gateway-error.js';
import type { CentralizedRootAccess } from '../../core/model.js';
import { orAbsent } from '../absence.js';
import { rootAccessUnreadReason } from '../root-access-reason.js';
import type { AwsCaller } from './aws-caller.js';
import { isFatalReadError } from './errors.js';

export interface RootAccessRead {
	rootAccess?: CentralizedRootAccess;
	problem?: GatewayError;
}

export async function readCentralizedRootAccess(caller: AwsCaller, callerIsManagementAccount: boolean, managementAccountId: string): Promise<RootAccessRead> {
	try {
		const out = await orAbsent(() => caller.send('iam', new ListOrganizationsFeaturesCommand({})), null);
		if (out === null) return { rootAccess: { enabledFeatures: [], callerMayAssumeRoot: callerIsManagementAccount } };
		return { rootAccess: { enabledFeatures: [...(out?.EnabledFeatures ?? [])], callerMayAssumeRoot: true } };
	} catch (error) {
		if (!isGatewayError(error) || isFatalReadError(error)) throw error;
		return { problem: rootAccessProblem(error, managementAccountId) };
	}
}

function rootAccessProblem(error: GatewayError, managementAccountId: string): GatewayError {
	return new GatewayError(error.code, rootAccessUnreadReason(error.code, managementAccountId), { operation: 'iam:ListOrganizationsFeatures', cause: error });
}
