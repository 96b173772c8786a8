/**
 * What step 5 says about the organization: in one or not, management or member account,
 * whether SCPs are enabled, and the SCPs on each level of the account's path. SCPs never
 * apply to the management account, which the lines say wherever it matters.
 */
import type { AccountModel } from '../../core/model.js';

export interface ContextLine {
	text: string;
	token?: 'status.ok' | 'status.warning' | 'status.error' | 'status.info' | 'status.muted';
}

export function organizationLines(model: AccountModel): ContextLine[] {
	const org = model.organization;
	if (org === undefined) return [{ text: 'The organization could not be read: the guardrail falls back to an IAM policy on a group of people.', token: 'status.warning' }];
	if (org === null) return [{ text: `Account ${model.accountId} is not in an organization: no SCP is possible; the force-MFA IAM policy goes on a group of people.`, token: 'status.info' }];
	const role = org.callerIsManagementAccount ? 'the management account' : `a member (management ${org.managementAccountId})`;
	const scps = org.roots.some((r) => r.policyTypes.some((t) => t.type === 'SERVICE_CONTROL_POLICY' && t.status === 'ENABLED')) ? 'SCPs on' : 'SCPs off';
	const lines: ContextLine[] = [{ text: `Org ${org.id} · this account is ${role} · ${scps}` }];
	if (org.callerIsManagementAccount) lines.push({ text: 'SCPs never apply to the management account itself: its people need the force-MFA IAM policy.', token: 'status.warning' });
	return lines;
}
