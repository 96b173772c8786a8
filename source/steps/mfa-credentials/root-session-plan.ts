/**
 * The API path for the root user's access keys, where the organization has centralized root
 * access and this account may use it (IAM's delegated administrator; sts:AssumeRoot targets
 * member accounts only, so never the management account's own root): one sts:AssumeRoot
 * action whose preview lists every call of its root session. It cannot be undone and it cuts
 * whatever still signs with the root keys, so it is never selected by default and takes its
 * own confirmation (risk.lockout), after the typed account ID.
 */
import type { Action, ActionParams } from '../../core/actions.js';
import type { AccountModel } from '../../core/model.js';
import { rootSessionCalls, rootSessionMaxSeconds, rootTaskPolicyArn } from '../../core/root-session.js';
import type { PlanContext } from '../../core/settings.js';
import { rootFindings } from '../inventory/root-findings.js';

/** Whether this account may delete its own root credentials by API (centralized root access on, and usable from here). */
export function rootSessionAvailable(model: AccountModel): boolean {
	const org = model.organization;
	const access = org?.rootAccess;
	return !!org && !!access && access.callerMayAssumeRoot && access.enabledFeatures.includes('RootCredentialsManagement') && model.accountId !== org.managementAccountId;
}

export function planRootSession(model: AccountModel, context: PlanContext): Action<'sts:AssumeRoot'> | undefined {
	if (!rootSessionAvailable(model)) return undefined;
	const keys = rootFindings(model, context).filter((f) => f.id === 'ROOT_ACCESS_KEY');
	if (keys.length === 0) return undefined;
	const params: ActionParams['sts:AssumeRoot'] = {
		TargetPrincipal: model.accountId,
		TaskPolicyArn: { arn: rootTaskPolicyArn(model.partition, 'IAMDeleteRootUserCredentials') },
		DurationSeconds: rootSessionMaxSeconds,
		delete: ['accessKeys'],
	};
	return {
		kind: 'sts:AssumeRoot',
		params,
		step: 5,
		findingIds: keys.map((f) => f.fingerprint),
		summary: `Delete the root user's access keys of account ${model.accountId} in a root session (sts:AssumeRoot, centralized root access)`,
		risk: { lockout: `Deletes the root user's access keys of account ${model.accountId} for good: whatever still signs with them stops working` },
		// The preview adds that it cannot be undone (sts:AssumeRoot is an irreversible kind).
		notes: rootSessionCalls(params),
	};
}
