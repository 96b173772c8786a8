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
	const row = model.credentialReport?.rows.find((r) => r.isRoot);
	return items.map((item) => {
		const open = findings.filter((f) => f.id === item.findingId);
		return { id: item.id, task: item.task, findings: open, state: itemState(item.id, row?.mfaActive, open.length > 0, model) };
	});
}

/**
 * ROOT_NO_HARDWARE_MFA is raised only when root has MFA and a virtual device is listed, so its
 * absence proves nothing when root has no MFA at all (nothing to be hardware: still to do) or
 * when the virtual devices could not be listed (unknown).
 */
function itemState(id: RootItemId, mfaActive: boolean | undefined, open: boolean, model: AccountModel): RootChecklistItem['state'] {
	if (mfaActive === undefined) return 'unknown';
	if (open) return 'open';
	if (id !== 'root-hardware-mfa') return 'done';
	if (!mfaActive) return 'open';
	return model.virtualMfaDevices ? 'done' : 'unknown';
}

/** The attestation statement the change log keeps for an item the operator says is done. */
export function attestationStatement(item: RootChecklistItem, accountId: string): string {
	return `The operator attests that, in the console of account ${accountId}, they did: ${item.task}.`;
}

/** AWS's task policy for a root session that deletes a member account's root credentials. */
export function deleteRootCredentialsTaskPolicyArn(partition: string): string {
	return `arn:${partition}:iam::aws:policy/root-task/IAMDeleteRootUserCredentials`;
}

/** Whether the organization has centralized root credentials management: true, false, or undefined when this account could not tell. */
export function rootCredentialsManagement(model: AccountModel): boolean | undefined {
	const access = model.organization?.rootAccess;
	return access ? access.enabledFeatures.includes('RootCredentialsManagement') : undefined;
}

/**
 * The AWS CLI commands that delete this account's root access keys through centralized root
 * access, to run from the management account (or IAM's delegated administrator): a root
 * session scoped by AWS's task policy (a Regional STS endpoint, at most 900 seconds), then,
 * with its credentials, the root user's own keys (no --user-name: the root session's user).
 */
export function assumeRootCommands(model: AccountModel): string[] {
	return [
		`aws sts assume-root --region ${model.region} --target-principal ${model.accountId} --task-policy-arn arn=${deleteRootCredentialsTaskPolicyArn(model.partition)} --duration-seconds 900`,
		'export AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… AWS_SESSION_TOKEN=…   # the answer\'s Credentials',
		'aws iam list-access-keys',
		'aws iam delete-access-key --access-key-id <each AccessKeyId listed>',
	];
}

/**
 * Centralized root access, in lines for the root section: whether the organization has it,
 * who can use it, and — where this account cannot, and its root still has access keys — the
 * copyable commands to run from the account that can.
 */
export function centralizedRootAccessLines(model: AccountModel, items: RootChecklistItem[]): string[] {
	const org = model.organization;
	if (!org) return [];
	const enabled = rootCredentialsManagement(model);
	const keysOpen = items.some((i) => i.id === 'root-access-keys' && i.state !== 'done');
	const management = org.managementAccountId;
	if (enabled === false) {
		return [
			`Centralized root access is not enabled in ${org.id}: the management account ${management} can enable it (organizations:EnableAWSServiceAccess for iam.amazonaws.com, then iam:EnableOrganizationsRootCredentialsManagement); until then these are console tasks.`,
		];
	}
	if (model.accountId === management) {
		return ['sts:AssumeRoot acts on member accounts only: the management account\'s own root credentials stay console tasks.'];
	}
	if (enabled === true && org.rootAccess?.callerMayAssumeRoot) {
		return [`Centralized root access is on in ${org.id} and this account may use it: p previews sts:AssumeRoot, which deletes the root access keys in a root session (also in All changes and plan --steps 5, never selected by default).`];
	}
	const head =
		enabled === true
			? `Centralized root access is on in ${org.id}, but only the management account ${management} or IAM's delegated administrator may use it.`
			: `Whether ${org.id} has centralized root access, only the management account ${management} or IAM's delegated administrator can tell.`;
	if (!keysOpen) return [head];
	return [`${head} ${enabled === true ? 'Run' : 'If it is on, run'} these there instead of the console:`, ...assumeRootCommands(model)];
}
