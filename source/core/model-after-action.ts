/**
 * The account model as it will be once an action has taken effect, for the parts a preview
 * shows (key status, boundaries, trust and inline documents, default policy versions, the
 * password policy). Previews fold a batch through it, so each action's "before" is what the
 * actions ahead of it left, and a rollback's "before" is what the batch it undoes made.
 * Kinds it does not model leave the model as it was.
 */
import type { Action, ActionParams } from './actions.js';
import type { AccountModel, InlinePolicy } from './model.js';

function withInline(policies: InlinePolicy[], name: string, document: InlinePolicy['document'] | null): InlinePolicy[] {
	const rest = policies.filter((p) => p.name !== name);
	return document ? [...rest, { name, document }] : rest;
}

export function modelAfterAction(model: AccountModel, action: Action): AccountModel {
	const p = action.params as Record<string, unknown>;
	const users = (update: (u: AccountModel['users'][number]) => AccountModel['users'][number]) => ({
		...model,
		users: model.users.map((u) => (u.name === p.UserName ? update(u) : u)),
	});
	const roles = (update: (r: AccountModel['roles'][number]) => AccountModel['roles'][number]) => ({
		...model,
		roles: model.roles.map((r) => (r.name === p.RoleName ? update(r) : r)),
	});
	switch (action.kind) {
		case 'iam:UpdateAccessKey': {
			const x = p as ActionParams['iam:UpdateAccessKey'];
			return users((u) => ({ ...u, accessKeys: u.accessKeys.map((k) => (k.id === x.AccessKeyId ? { ...k, status: x.Status } : k)) }));
		}
		case 'iam:PutUserPermissionsBoundary':
			return users((u) => ({ ...u, permissionsBoundary: p.PermissionsBoundary as string }));
		case 'iam:DeleteUserPermissionsBoundary':
			return users((u) => ({ ...u, permissionsBoundary: undefined }));
		case 'iam:PutRolePermissionsBoundary':
			return roles((r) => ({ ...r, permissionsBoundary: p.PermissionsBoundary as string }));
		case 'iam:DeleteRolePermissionsBoundary':
			return roles((r) => ({ ...r, permissionsBoundary: undefined }));
		case 'iam:UpdateAssumeRolePolicy':
			return roles((r) => ({ ...r, trustPolicy: (p as ActionParams['iam:UpdateAssumeRolePolicy']).PolicyDocument }));
		case 'iam:PutUserPolicy':
			return users((u) => ({ ...u, inlinePolicies: withInline(u.inlinePolicies, p.PolicyName as string, (p as ActionParams['iam:PutUserPolicy']).PolicyDocument) }));
		case 'iam:DeleteUserPolicy':
			return users((u) => ({ ...u, inlinePolicies: withInline(u.inlinePolicies, p.PolicyName as string, null) }));
		case 'iam:PutRolePolicy':
			return roles((r) => ({ ...r, inlinePolicies: withInline(r.inlinePolicies, p.PolicyName as string, (p as ActionParams['iam:PutRolePolicy']).PolicyDocument) }));
		case 'iam:DeleteRolePolicy':
			return roles((r) => ({ ...r, inlinePolicies: withInline(r.inlinePolicies, p.PolicyName as string, null) }));
		case 'iam:PutGroupPolicy':
		case 'iam:DeleteGroupPolicy': {
			const document = action.kind === 'iam:PutGroupPolicy' ? (p as ActionParams['iam:PutGroupPolicy']).PolicyDocument : null;
			return { ...model, groups: model.groups.map((g) => (g.name === p.GroupName ? { ...g, inlinePolicies: withInline(g.inlinePolicies, p.PolicyName as string, document) } : g)) };
		}
		case 'iam:CreatePolicyVersion': {
			const x = p as ActionParams['iam:CreatePolicyVersion'];
			if (!x.SetAsDefault) return model;
			return {
				...model,
				policies: model.policies.map((policy) =>
					policy.arn === x.PolicyArn
						? {
								...policy,
								versions: [...policy.versions.map((v) => ({ ...v, isDefault: false })), { versionId: '(new)', isDefault: true, createDate: '', document: x.PolicyDocument }],
							}
						: policy,
				),
			};
		}
		case 'iam:SetDefaultPolicyVersion': {
			const x = p as ActionParams['iam:SetDefaultPolicyVersion'];
			return {
				...model,
				policies: model.policies.map((policy) =>
					policy.arn === x.PolicyArn ? { ...policy, defaultVersionId: x.VersionId, versions: policy.versions.map((v) => ({ ...v, isDefault: v.versionId === x.VersionId })) } : policy,
				),
			};
		}
		case 'iam:UpdateAccountPasswordPolicy':
			return { ...model, passwordPolicy: { ...(p as ActionParams['iam:UpdateAccountPasswordPolicy']) } };
		case 'iam:DeleteAccountPasswordPolicy':
			return { ...model, passwordPolicy: null };
		default:
			return model;
	}
}

/** The model once every action has taken effect, in order. */
export function modelAfterActions(model: AccountModel, actions: readonly Action[]): AccountModel {
	return actions.reduce(modelAfterAction, model);
}
