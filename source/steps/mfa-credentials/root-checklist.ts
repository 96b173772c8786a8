/**
 * The root user's checklist. From a member account's own credentials the API cannot enable
 * root MFA or delete root access keys: the operator does them in the console (signed in as
 * root), confirms each item here — an attestation record in the change log — and the step
 * re-checks it on the next read (the credential report and the virtual MFA device list).
 * Where the organization has centralized root access, the management account (or a
 * delegated administrator) can do the same through the API instead: sts:AssumeRoot with
 * AWS's task policy IAMDeleteRootUserCredentials, after organizations:EnableAWSServiceAccess
 * for iam.amazonaws.com and iam:EnableOrganizationsRootCredentialsManagement.
 */
import type { Finding } from '../../core/finding.js';
import type { AccountModel } from '../../core/model.js';
import type { PlanContext } from '../../core/settings.js';
import { rootFindings } from '../inventory/root-findings.js';

export type RootItemId = 'root-mfa' | 'root-hardware-mfa' | 'root-access-keys';

export interface RootChecklistItem {
	id: RootItemId;
	/** What to do, in the console, in one sentence. */
	task: string;
	/** The findings it closes (fingerprints), open today. */
	findings: Finding[];
	/** 'done' when the account as read shows it; 'open' otherwise; 'unknown' without a credential report. */
	state: 'done' | 'open' | 'unknown';
}

const items: { id: RootItemId; task: string; findingId: string }[] = [
	{ id: 'root-access-keys', task: "Delete the root user's access keys (console: account menu › Security credentials › Access keys, signed in as root)", findingId: 'ROOT_ACCESS_KEY' },
	{ id: 'root-mfa', task: 'Enable MFA on the root user (console: Security credentials › Assign MFA device, signed in as root)', findingId: 'ROOT_NO_MFA' },
	{ id: 'root-hardware-mfa', task: 'Protect root with a hardware or FIDO security key, not only a virtual device', findingId: 'ROOT_NO_HARDWARE_MFA' },
];

export function rootChecklist(model: AccountModel, context: PlanContext): RootChecklistItem[] {
	const findings = rootFindings(model, context);
	const known = model.credentialReport?.rows.some((r) => r.isRoot) ?? false;
	return items.map((item) => {
		const open = findings.filter((f) => f.id === item.findingId);
		return { id: item.id, task: item.task, findings: open, state: !known ? 'unknown' : open.length > 0 ? 'open' : 'done' };
	});
}

/** The attestation statement the change log keeps for an item the operator says is done. */
export function attestationStatement(item: RootChecklistItem, accountId: string): string {
	return `The operator attests that, in the console of account ${accountId}, they did: ${item.task}.`;
}

/** Where the organization could do it by API (centralized root access), in words for the screen. */
export function centralizedRootAccessNote(model: AccountModel): string | undefined {
	const org = model.organization;
	if (!org) return undefined;
	return `With centralized root access in ${org.id} (enabled from the management account: organizations:EnableAWSServiceAccess for iam.amazonaws.com, then iam:EnableOrganizationsRootCredentialsManagement), the management account can do these by API: sts:AssumeRoot on account ${model.accountId} with the task policy IAMDeleteRootUserCredentials.`;
}
