/**
 * What the preview shows for one action, as data: the AWS call it makes, the document
 * diff or setting changes it causes (the "before" taken from the account model the plan
 * was made from), and whether it can be undone.
 */
import type { Action, ActionParams } from '../core/actions.js';
import { isReversible } from '../core/inverse-action.js';
import type { AccountModel } from '../core/model.js';
import type { PolicyDocument } from '../core/policy-document.js';
import { policyDiffLines, settingChanges, showValue, type DiffLine, type SettingChange } from './diff-lines.js';

export interface ActionDescription {
	/** `iam:UpdateAccessKey UserName=alice AccessKeyId=AKIA… Status=Inactive` */
	call: string;
	summary: string;
	reversible: boolean;
	diff?: DiffLine[];
	settings?: SettingChange[];
}

const documentKeys = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'Content']);

/** The call line: scalar parameters as Name=value; documents are shown in the diff instead. */
export function formatCall(action: Action): string {
	const parts = Object.entries(action.params as Record<string, unknown>)
		.filter(([, value]) => value !== undefined)
		.map(([name, value]) => (documentKeys.has(name) ? `${name}=<document below>` : `${name}=${showValue(value)}`));
	return [action.kind, ...parts].join(' ');
}

export function describeAction(action: Action, model?: AccountModel): ActionDescription {
	const base = { call: formatCall(action), summary: action.summary, reversible: isReversible(action.kind) };
	const doc = documentChange(action, model);
	if (doc) return { ...base, diff: policyDiffLines(doc.label, doc.before, doc.after) };
	const settings = settingChange(action, model);
	return settings ? { ...base, settings } : base;
}

function documentChange(action: Action, model?: AccountModel): { label: string; before: PolicyDocument | null; after: PolicyDocument } | undefined {
	switch (action.kind) {
		case 'iam:CreatePolicyVersion': {
			const x = action.params as ActionParams['iam:CreatePolicyVersion'];
			const policy = model?.policies.find((p) => p.arn === x.PolicyArn);
			const current = policy?.versions.find((v) => v.isDefault)?.document ?? null;
			return { label: x.PolicyArn, before: current, after: x.PolicyDocument };
		}
		case 'iam:PutUserPolicy': {
			const x = action.params as ActionParams['iam:PutUserPolicy'];
			const owner = model?.users.find((u) => u.name === x.UserName);
			return inline(`user ${x.UserName} inline ${x.PolicyName}`, owner?.inlinePolicies, x.PolicyName, x.PolicyDocument);
		}
		case 'iam:PutGroupPolicy': {
			const x = action.params as ActionParams['iam:PutGroupPolicy'];
			const owner = model?.groups.find((g) => g.name === x.GroupName);
			return inline(`group ${x.GroupName} inline ${x.PolicyName}`, owner?.inlinePolicies, x.PolicyName, x.PolicyDocument);
		}
		case 'iam:PutRolePolicy': {
			const x = action.params as ActionParams['iam:PutRolePolicy'];
			const owner = model?.roles.find((r) => r.name === x.RoleName);
			return inline(`role ${x.RoleName} inline ${x.PolicyName}`, owner?.inlinePolicies, x.PolicyName, x.PolicyDocument);
		}
		case 'iam:UpdateAssumeRolePolicy': {
			const x = action.params as ActionParams['iam:UpdateAssumeRolePolicy'];
			const role = model?.roles.find((r) => r.name === x.RoleName);
			return { label: `role ${x.RoleName} trust policy`, before: role?.trustPolicy ?? null, after: x.PolicyDocument };
		}
		case 'iam:CreatePolicy': {
			const x = action.params as ActionParams['iam:CreatePolicy'];
			return { label: `policy ${x.PolicyName}`, before: null, after: x.PolicyDocument };
		}
		case 'organizations:CreatePolicy': {
			const x = action.params as ActionParams['organizations:CreatePolicy'];
			return { label: `service control policy ${x.Name}`, before: null, after: x.Content };
		}
		case 'iam:CreateRole': {
			const x = action.params as ActionParams['iam:CreateRole'];
			return { label: `role ${x.RoleName} trust policy`, before: null, after: x.AssumeRolePolicyDocument };
		}
		default:
			return undefined;
	}
}

function inline(label: string, policies: { name: string; document: PolicyDocument }[] | undefined, name: string, after: PolicyDocument) {
	return { label, before: policies?.find((p) => p.name === name)?.document ?? null, after };
}

function settingChange(action: Action, model?: AccountModel): SettingChange[] | undefined {
	switch (action.kind) {
		case 'iam:UpdateAccountPasswordPolicy': {
			const before = model?.passwordPolicy ?? null;
			return settingChanges(before as Record<string, unknown> | null, action.params as Record<string, unknown>);
		}
		case 'iam:DeleteAccountPasswordPolicy':
			return settingChanges((model?.passwordPolicy ?? null) as Record<string, unknown> | null, null);
		case 'iam:UpdateAccessKey': {
			const x = action.params as ActionParams['iam:UpdateAccessKey'];
			const key = model?.users.find((u) => u.name === x.UserName)?.accessKeys.find((k) => k.id === x.AccessKeyId);
			return [{ name: `Access key ${x.AccessKeyId} status`, before: key?.status ?? '(unknown)', after: x.Status }];
		}
		case 'iam:DeleteAccessKey': {
			const x = action.params as ActionParams['iam:DeleteAccessKey'];
			const key = model?.users.find((u) => u.name === x.UserName)?.accessKeys.find((k) => k.id === x.AccessKeyId);
			const before = key ? `${key.status}, last used ${key.lastUsed?.date ?? 'never'}` : '(unknown)';
			return [{ name: `Access key ${x.AccessKeyId} of ${x.UserName}`, before, after: 'deleted for good (cannot be undone)' }];
		}
		case 'iam:PutRolePermissionsBoundary':
		case 'iam:PutUserPermissionsBoundary':
		case 'iam:DeleteRolePermissionsBoundary':
		case 'iam:DeleteUserPermissionsBoundary': {
			const params = action.params as { RoleName?: string; UserName?: string; PermissionsBoundary?: string };
			const principal = params.RoleName
				? model?.roles.find((r) => r.name === params.RoleName)
				: model?.users.find((u) => u.name === params.UserName);
			const who = params.RoleName ? `role ${params.RoleName}` : `user ${params.UserName}`;
			return [{ name: `Permissions boundary of ${who}`, before: principal?.permissionsBoundary ?? '(none)', after: params.PermissionsBoundary ?? '(none)' }];
		}
		default:
			return undefined;
	}
}
