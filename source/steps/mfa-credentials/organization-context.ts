/**
 * What step 5 says about the organization: in one or not, management or member account,
 * whether SCPs are enabled, and the SCPs on each level of the account's path. SCPs never
 * apply to the management account, which the lines say wherever it matters.
 */
import { unreadReason } from '../../core/account-not-evaluated.js';
import type { AccountModel } from '../../core/model.js';

export interface ContextLine {
	text: string;
	token?: 'status.ok' | 'status.warning' | 'status.error' | 'status.info' | 'status.muted';
}

export function organizationLines(model: AccountModel): ContextLine[] {
	const org = model.organization;
	if (org === undefined) {
		// What the read said (for a denied call: the action and what to grant), on a line of its own so it is not truncated away.
		const why = unreadReason(model, 'organizations');
		return [{ text: 'The organization could not be read: the guardrail falls back to an IAM policy on a group of people.', token: 'status.warning' }, ...(why ? [{ text: why, token: 'status.warning' as const }] : [])];
	}
	if (org === null) return [{ text: `Account ${model.accountId} is not in an organization: no SCP is possible; the force-MFA IAM policy goes on a group of people.`, token: 'status.info' }];
	const role = org.callerIsManagementAccount ? 'the management account' : `a member (management ${org.managementAccountId})`;
	const scps = org.roots.some((r) => r.policyTypes.some((t) => t.type === 'SERVICE_CONTROL_POLICY' && t.status === 'ENABLED')) ? 'SCPs enabled' : 'SCPs not enabled on the root';
	const lines: ContextLine[] = [{ text: `Org ${org.id} · this account is ${role} · ${scps}` }];
	if (org.callerIsManagementAccount) lines.push({ text: 'SCPs never apply to the management account itself: its people need the force-MFA IAM policy.', token: 'status.warning' });
	return lines;
}

/** The SCPs attached to one target, by name. */
function scpsOn(model: AccountModel, targetId: string): string[] {
	return (model.organization?.scps ?? []).filter((p) => p.targets.some((t) => t.targetId === targetId)).map((p) => p.name);
}

function levelName(model: AccountModel, id: string): string {
	const org = model.organization;
	const ou = org?.organizationalUnits?.find((o) => o.id === id);
	if (ou) return `OU ${ou.name}`;
	const named = (org?.scps ?? []).flatMap((p) => p.targets).find((t) => t.targetId === id)?.name;
	if (id.startsWith('r-')) return `Root ${id}`;
	return named && id.startsWith('ou-') ? `OU ${named}` : id;
}

/**
 * The account's path from the root down, with the SCPs on each level: every level's SCPs
 * apply to the account (an action must be allowed at each one). Undefined when SCPs or the
 * path could not be read.
 */
export function accountPathLine(model: AccountModel): ContextLine | undefined {
	const org = model.organization;
	if (!org || org.scps === undefined || org.accountParents === undefined || org.roots.length === 0) return undefined;
	const levels = [org.roots[0]!.id, ...[...org.accountParents].reverse(), model.accountId];
	const text = levels.map((id) => `${id === model.accountId ? 'this account' : levelName(model, id)} [${scpsOn(model, id).join(', ') || 'no SCP'}]`).join(' › ');
	return { text: `SCPs on the path: ${text}${org.callerIsManagementAccount ? ' (never applied to the management account)' : ''}` };
}

/** The whole OU tree with the SCPs on each OU (when the OUs could be listed), the account's own branch marked. */
export function organizationTree(model: AccountModel): ContextLine[] {
	const org = model.organization;
	if (!org || org.organizationalUnits === undefined || org.scps === undefined) return [];
	const lines: ContextLine[] = [];
	const onPath = new Set(org.accountParents ?? []);
	const walk = (parentId: string, depth: number) => {
		for (const ou of org.organizationalUnits!.filter((o) => o.parentId === parentId).sort((a, b) => a.name.localeCompare(b.name))) {
			lines.push({ text: `${'  '.repeat(depth)}${onPath.has(ou.id) ? '▸' : '·'} OU ${ou.name} ${ou.id} [${scpsOn(model, ou.id).join(', ') || 'no SCP'}]${onPath.has(ou.id) ? ' ← this account' : ''}`, ...(onPath.has(ou.id) ? {} : { token: 'status.muted' as const }) });
			walk(ou.id, depth + 1);
		}
	};
	for (const root of org.roots) {
		lines.push({ text: `Root ${root.id} [${scpsOn(model, root.id).join(', ') || 'no SCP'}]` });
		walk(root.id, 1);
	}
	return lines;
}
