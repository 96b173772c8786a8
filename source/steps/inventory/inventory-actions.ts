/**
 * The actions step 1 offers: regenerate a stale credential report, and move a user's
 * directly attached and inline policies to a group (USER_DIRECT_POLICY). The move is one
 * batch ordered so the user never loses a permission on the way: the group gets the
 * policies, the user joins it, and only then are the user's own copies removed. Every step
 * of it has an inverse. Break-glass users are never proposed. Pure.
 */
import type { Action } from '../../core/actions.js';
import type { Finding } from '../../core/finding.js';
import type { AccountModel, Group, User } from '../../core/model.js';
import type { ExcludedPrincipal } from '../../core/settings.js';

/** A report older than this is regenerated before anyone relies on it. */
export const credentialReportMaxAgeHours = 4;

export function credentialReportAgeHours(model: AccountModel, now: Date): number | undefined {
	const at = model.credentialReport ? Date.parse(model.credentialReport.generatedAt) : Number.NaN;
	return Number.isNaN(at) ? undefined : (now.getTime() - at) / 3_600_000;
}

/** GenerateCredentialReport when there is none or it is older than four hours. */
export function regenerateReportAction(model: AccountModel, now: Date): Action<'iam:GenerateCredentialReport'> | undefined {
	const age = credentialReportAgeHours(model, now);
	if (age !== undefined && age <= credentialReportMaxAgeHours) return undefined;
	const why = age === undefined ? 'there is none yet' : `the current one is ${Math.floor(age)} hours old`;
	return { kind: 'iam:GenerateCredentialReport', params: {}, step: 1, findingIds: [], summary: `Generate a fresh credential report (${why})` };
}

export interface GroupChoice {
	/** An existing group's name, or the name of the group to create. */
	name: string;
	create: boolean;
}

export function groupNameProblem(name: string, model: AccountModel, create: boolean): string | undefined {
	if (!/^[\w+=,.@-]{1,128}$/.test(name)) return 'A group name is 1 to 128 letters, digits or +=,.@-_';
	const exists = model.groups.some((g) => g.name.toLowerCase() === name.toLowerCase());
	if (create && exists) return `A group named ${name} exists already: choose it instead`;
	if (!create && !exists) return `There is no group named ${name}`;
	return undefined;
}

/** Users with direct policies that may be moved: USER_DIRECT_POLICY findings, break-glass users left out. */
export function movableUsers(model: AccountModel, findings: readonly Finding[], excluded: readonly ExcludedPrincipal[]): User[] {
	const flagged = new Set(findings.filter((f) => f.id === 'USER_DIRECT_POLICY').map((f) => f.resource));
	const glass = new Set(excluded.map((e) => e.arn));
	return model.users.filter((u) => flagged.has(u.arn) && !glass.has(u.arn) && (u.attachedPolicies.length > 0 || u.inlinePolicies.length > 0));
}

/** The default group: an existing one that already grants exactly these managed policies, else a new one named after the user. */
export function defaultGroupFor(user: User, model: AccountModel): GroupChoice {
	const wanted = user.attachedPolicies.map((p) => p.arn).sort().join('\n');
	const match = user.inlinePolicies.length === 0 ? model.groups.find((g) => g.attachedPolicies.map((p) => p.arn).sort().join('\n') === wanted) : undefined;
	if (match) return { name: match.name, create: false };
	let name = `${user.name}-permissions`;
	for (let n = 2; model.groups.some((g) => g.name.toLowerCase() === name.toLowerCase()); n += 1) name = `${user.name}-permissions-${n}`;
	return { name, create: true };
}

function inlineNameInGroup(group: Group | undefined, policyName: string, userName: string): string {
	const taken = new Set(group?.inlinePolicies.map((p) => p.name) ?? []);
	if (!taken.has(policyName)) return policyName;
	let name = `${policyName}-${userName}`;
	for (let n = 2; taken.has(name); n += 1) name = `${policyName}-${userName}-${n}`;
	return name.slice(0, 128);
}

/**
 * The batch that moves `user`'s direct policies to `group`, in a safe order:
 * CreateGroup?, AttachGroupPolicy…, PutGroupPolicy…, AddUserToGroup?, DetachUserPolicy…, DeleteUserPolicy….
 */
export function moveToGroupActions(user: User, choice: GroupChoice, model: AccountModel, findingIds: string[]): Action[] {
	const group = choice.create ? undefined : model.groups.find((g) => g.name === choice.name);
	const G = choice.name;
	const U = user.name;
	const actions: Action[] = [];
	const base = { step: 1 as const, findingIds };
	if (choice.create) actions.push({ ...base, kind: 'iam:CreateGroup', params: { GroupName: G }, summary: `Create group ${G}` });
	const groupHas = new Set(group?.attachedPolicies.map((p) => p.arn) ?? []);
	for (const policy of user.attachedPolicies) {
		if (groupHas.has(policy.arn)) continue;
		actions.push({ ...base, kind: 'iam:AttachGroupPolicy', params: { GroupName: G, PolicyArn: policy.arn }, summary: `Attach ${policy.name} to group ${G}` });
	}
	const inlineNames = user.inlinePolicies.map((p) => ({ policy: p, name: inlineNameInGroup(group, p.name, U) }));
	for (const { policy, name } of inlineNames) {
		actions.push({ ...base, kind: 'iam:PutGroupPolicy', params: { GroupName: G, PolicyName: name, PolicyDocument: structuredClone(policy.document) }, summary: `Copy inline policy ${policy.name} of user ${U} to group ${G}${name === policy.name ? '' : ` as ${name}`}` });
	}
	if (!user.groups.includes(G)) actions.push({ ...base, kind: 'iam:AddUserToGroup', params: { GroupName: G, UserName: U }, summary: `Add user ${U} to group ${G}` });
	for (const policy of user.attachedPolicies) {
		actions.push({ ...base, kind: 'iam:DetachUserPolicy', params: { UserName: U, PolicyArn: policy.arn }, summary: `Detach ${policy.name} from user ${U} (now granted through ${G})` });
	}
	for (const { policy } of inlineNames) {
		actions.push({ ...base, kind: 'iam:DeleteUserPolicy', params: { UserName: U, PolicyName: policy.name }, summary: `Delete inline policy ${policy.name} of user ${U} (now on group ${G})` });
	}
	return actions;
}
