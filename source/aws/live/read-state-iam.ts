/**
 * The state an IAM action replaces, read directly from IAM (never from the credential
 * report, which can be hours old): before applying it gives the inverse, after applying it
 * verifies the change. Kinds without a PriorStates entry answer whether their target exists.
 */
import {
	GetAccessKeyLastUsedCommand,
	GetGroupCommand,
	GetGroupPolicyCommand,
	GetInstanceProfileCommand,
	GetOpenIDConnectProviderCommand,
	GetLoginProfileCommand,
	GetPolicyCommand,
	GetPolicyVersionCommand,
	GetRoleCommand,
	GetRolePolicyCommand,
	GetUserCommand,
	GetUserPolicyCommand,
	ListAttachedGroupPoliciesCommand,
	ListAttachedRolePoliciesCommand,
	ListAttachedUserPoliciesCommand,
	ListGroupsForUserCommand,
	ListPolicyVersionsCommand,
} from '@aws-sdk/client-iam';
import type { Action, PriorState } from '../../core/actions.js';
import { GatewayError, isGatewayError } from '../../core/gateway-error.js';
import { normalisePolicyDocument, type PolicyDocument } from '../../core/policy-document.js';
import { isAbsence } from '../absence.js';
import { serviceLinkedRoles } from '../../core/service-linked-roles.js';
import type { AwsCaller } from './aws-caller.js';
import type { IamKind } from './apply-iam.js';
import { unhandledKind } from './apply-result.js';
import { readAccessKeys, readPasswordPolicy } from './read-iam.js';

export interface ReadStateContext {
	caller: AwsCaller;
	region: string;
	/** The caller's account and partition, for ARNs of things not created yet. */
	account: () => Promise<{ accountId: string; partition: string }>;
}

/**
 * Runs `read`; AWS's answer that the thing does not exist (the absence table, ../absence.ts)
 * becomes `absent`. Prefer `orAbsent` from the table: `missingCodes` only adds codes to it.
 */
export async function unlessMissing<T>(read: () => Promise<T>, absent: T, missingCodes: readonly string[] = []): Promise<T> {
	try {
		return await read();
	} catch (error) {
		if (isAbsence(error) || (isGatewayError(error) && missingCodes.includes(error.code))) return absent;
		throw error;
	}
}

function document(text: string | undefined, operation: string): PolicyDocument {
	try {
		return normalisePolicyDocument(text ?? '');
	} catch (error) {
		throw new GatewayError('InvalidResponse', `${operation} returned a policy document iam-wizard cannot read.`, { operation, cause: error });
	}
}

async function attachedArns(caller: AwsCaller, kind: 'User' | 'Group' | 'Role', name: string): Promise<string[]> {
	const pages = await caller.pages(
		'iam',
		(marker) => {
			const page = marker ? { Marker: marker } : {};
			if (kind === 'User') return new ListAttachedUserPoliciesCommand({ UserName: name, ...page });
			if (kind === 'Group') return new ListAttachedGroupPoliciesCommand({ GroupName: name, ...page });
			return new ListAttachedRolePoliciesCommand({ RoleName: name, ...page });
		},
		(page) => (page.IsTruncated ? page.Marker : undefined),
	);
	return pages.flatMap((page) => (page.AttachedPolicies ?? []).flatMap((p) => (p.PolicyArn ? [p.PolicyArn] : [])));
}

async function isAttached(caller: AwsCaller, kind: 'User' | 'Group' | 'Role', name: string, policyArn: string): Promise<{ exists: boolean }> {
	return { exists: await unlessMissing(async () => (await attachedArns(caller, kind, name)).includes(policyArn), false) };
}

async function exists(read: () => Promise<unknown>): Promise<{ exists: boolean }> {
	return { exists: await unlessMissing(async () => (await read(), true), false) };
}

/** An inline policy's document, or null when the principal has no inline policy of that name. */
async function inlineDocument(read: () => Promise<{ PolicyDocument?: string }>, operation: string): Promise<PolicyDocument | null> {
	return unlessMissing(async () => document((await read()).PolicyDocument, operation), null);
}

function needs<T>(value: T | null, what: string, operation: string): T {
	if (value === null) throw new GatewayError('NoSuchEntity', `${what} does not exist, so there is nothing to read before ${operation}.`, { operation });
	return value;
}

export async function readIamState(context: ReadStateContext, action: Action<IamKind>): Promise<PriorState> {
	const { caller } = context;
	switch (action.kind) {
		case 'iam:UpdateAccessKey': {
			const { UserName, AccessKeyId } = action.params;
			const key = (await readAccessKeys(caller, UserName)).find((k) => k.id === AccessKeyId);
			return { Status: needs(key ?? null, `Access key ${AccessKeyId} of user ${UserName}`, 'iam:UpdateAccessKey').status };
		}
		case 'iam:UpdateAssumeRolePolicy': {
			const role = await caller.send('iam', new GetRoleCommand({ RoleName: action.params.RoleName }));
			return { PolicyDocument: document(role.Role?.AssumeRolePolicyDocument, 'iam:GetRole') };
		}
		case 'iam:CreatePolicyVersion': {
			const { PolicyArn } = action.params;
			const [policy, versions] = await Promise.all([
				caller.send('iam', new GetPolicyCommand({ PolicyArn })),
				caller.pages(
					'iam',
					(marker) => new ListPolicyVersionsCommand({ PolicyArn, ...(marker ? { Marker: marker } : {}) }),
					(page) => (page.IsTruncated ? page.Marker : undefined),
				),
			]);
			return { DefaultVersionId: policy.Policy?.DefaultVersionId ?? '', versionCount: versions.reduce((n, page) => n + (page.Versions?.length ?? 0), 0) };
		}
		case 'iam:SetDefaultPolicyVersion': {
			const policy = await caller.send('iam', new GetPolicyCommand({ PolicyArn: action.params.PolicyArn }));
			return { DefaultVersionId: policy.Policy?.DefaultVersionId ?? '' };
		}
		case 'iam:DeletePolicyVersion': {
			const version = await caller.send('iam', new GetPolicyVersionCommand(action.params));
			return { PolicyDocument: document(version.PolicyVersion?.Document, 'iam:GetPolicyVersion') };
		}
		case 'iam:PutUserPolicy':
		case 'iam:DeleteUserPolicy': {
			const { UserName, PolicyName } = action.params;
			const doc = await inlineDocument(() => caller.send('iam', new GetUserPolicyCommand({ UserName, PolicyName })), 'iam:GetUserPolicy');
			if (action.kind === 'iam:PutUserPolicy') return { PolicyDocument: doc };
			return { PolicyDocument: needs(doc, `Inline policy ${PolicyName} of user ${UserName}`, action.kind) };
		}
		case 'iam:PutGroupPolicy':
		case 'iam:DeleteGroupPolicy': {
			const { GroupName, PolicyName } = action.params;
			const doc = await inlineDocument(() => caller.send('iam', new GetGroupPolicyCommand({ GroupName, PolicyName })), 'iam:GetGroupPolicy');
			if (action.kind === 'iam:PutGroupPolicy') return { PolicyDocument: doc };
			return { PolicyDocument: needs(doc, `Inline policy ${PolicyName} of group ${GroupName}`, action.kind) };
		}
		case 'iam:PutRolePolicy':
		case 'iam:DeleteRolePolicy': {
			const { RoleName, PolicyName } = action.params;
			const doc = await inlineDocument(() => caller.send('iam', new GetRolePolicyCommand({ RoleName, PolicyName })), 'iam:GetRolePolicy');
			if (action.kind === 'iam:PutRolePolicy') return { PolicyDocument: doc };
			return { PolicyDocument: needs(doc, `Inline policy ${PolicyName} of role ${RoleName}`, action.kind) };
		}
		case 'iam:PutRolePermissionsBoundary':
		case 'iam:DeleteRolePermissionsBoundary': {
			const role = await caller.send('iam', new GetRoleCommand({ RoleName: action.params.RoleName }));
			return { PermissionsBoundary: role.Role?.PermissionsBoundary?.PermissionsBoundaryArn ?? null };
		}
		case 'iam:PutUserPermissionsBoundary':
		case 'iam:DeleteUserPermissionsBoundary': {
			const user = await caller.send('iam', new GetUserCommand({ UserName: action.params.UserName }));
			return { PermissionsBoundary: user.User?.PermissionsBoundary?.PermissionsBoundaryArn ?? null };
		}
		case 'iam:UpdateAccountPasswordPolicy':
		case 'iam:DeleteAccountPasswordPolicy':
			return { PasswordPolicy: await readPasswordPolicy(caller) };
		// A report request changes nothing that could be read back.
		case 'iam:GenerateCredentialReport':
			return { exists: true };
		case 'iam:CreateGroup':
		case 'iam:DeleteGroup':
			return exists(() => caller.send('iam', new GetGroupCommand({ GroupName: action.params.GroupName, MaxItems: 1 })));
		case 'iam:AddUserToGroup':
		case 'iam:RemoveUserFromGroup': {
			const { UserName, GroupName } = action.params;
			const member = await unlessMissing(async () => {
				const pages = await caller.pages(
					'iam',
					(marker) => new ListGroupsForUserCommand({ UserName, ...(marker ? { Marker: marker } : {}) }),
					(page) => (page.IsTruncated ? page.Marker : undefined),
				);
				return pages.some((page) => (page.Groups ?? []).some((group) => group.GroupName === GroupName));
			}, false);
			return { exists: member };
		}
		case 'iam:AttachGroupPolicy':
		case 'iam:DetachGroupPolicy':
			return isAttached(caller, 'Group', action.params.GroupName, action.params.PolicyArn);
		case 'iam:AttachUserPolicy':
		case 'iam:DetachUserPolicy':
			return isAttached(caller, 'User', action.params.UserName, action.params.PolicyArn);
		case 'iam:AttachRolePolicy':
		case 'iam:DetachRolePolicy':
			return isAttached(caller, 'Role', action.params.RoleName, action.params.PolicyArn);
		case 'iam:CreateRole':
		case 'iam:DeleteRole':
		case 'iam:DeleteServiceLinkedRole':
			return exists(() => caller.send('iam', new GetRoleCommand({ RoleName: action.params.RoleName })));
		case 'iam:CreateServiceLinkedRole': {
			const role = serviceLinkedRoles[action.params.AWSServiceName];
			if (!role) return { exists: false };
			return exists(() => caller.send('iam', new GetRoleCommand({ RoleName: role.name })));
		}
		case 'iam:CreatePolicy': {
			const { accountId, partition } = await context.account();
			const path = action.params.Path ?? '/';
			const PolicyArn = `arn:${partition}:iam::${accountId}:policy${path}${action.params.PolicyName}`;
			return exists(() => caller.send('iam', new GetPolicyCommand({ PolicyArn })));
		}
		case 'iam:DeletePolicy':
			return exists(() => caller.send('iam', new GetPolicyCommand({ PolicyArn: action.params.PolicyArn })));
		case 'iam:DeleteAccessKey': {
			// Status and last use (GetAccessKeyLastUsed, not the hours-old report): a deletion planned for an idle key is stale once it was used or re-activated.
			const { UserName, AccessKeyId } = action.params;
			const key = await unlessMissing(async () => (await readAccessKeys(caller, UserName)).find((k) => k.id === AccessKeyId), undefined);
			if (!key) return { exists: false };
			const used = await caller.send('iam', new GetAccessKeyLastUsedCommand({ AccessKeyId }));
			const date = used.AccessKeyLastUsed?.LastUsedDate;
			return { exists: true, Status: key.status, LastUsedDate: date ? new Date(date).toISOString() : null };
		}
		case 'iam:CreateInstanceProfile':
		case 'iam:DeleteInstanceProfile':
			return exists(() => caller.send('iam', new GetInstanceProfileCommand({ InstanceProfileName: action.params.InstanceProfileName })));
		case 'iam:AddRoleToInstanceProfile':
		case 'iam:RemoveRoleFromInstanceProfile': {
			const { InstanceProfileName, RoleName } = action.params;
			const profile = await unlessMissing(() => caller.send('iam', new GetInstanceProfileCommand({ InstanceProfileName })), undefined);
			return { exists: (profile?.InstanceProfile?.Roles ?? []).some((r) => r.RoleName === RoleName) };
		}
		case 'iam:CreateOpenIDConnectProvider': {
			const { accountId, partition } = await context.account();
			const host = action.params.Url.replace(/^https:\/\//, '').replace(/\/$/, '');
			const OpenIDConnectProviderArn = `arn:${partition}:iam::${accountId}:oidc-provider/${host}`;
			return exists(() => caller.send('iam', new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn })));
		}
		case 'iam:DeleteOpenIDConnectProvider':
			return exists(() => caller.send('iam', new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: action.params.OpenIDConnectProviderArn })));
		case 'iam:DeleteLoginProfile':
			return exists(() => caller.send('iam', new GetLoginProfileCommand({ UserName: action.params.UserName })));
		default:
			return unhandledKind(action);
	}
}
