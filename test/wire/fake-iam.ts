/**
 * IAM and STS on the fake AWS, as the IAM API reference answers: principals, their inline
 * and managed policies and boundaries, policy versions, the password policy, access keys.
 * Groups, roles, instance profiles, OIDC providers and service-linked roles are in
 * fake-iam-identities.ts. "Does not exist" is NoSuchEntity (404), a name taken is
 * EntityAlreadyExists (409), deleting something still in use is DeleteConflict (409).
 */
import { accountId, callerArn, decodeDocument, failure, notFound, now, type FakeState, type Handler, type Json } from './fake-state.js';

export function iamHandlers(pageSize: number | undefined): Record<string, Handler> {
	const users = (s: FakeState) => s.details.UserDetailList as Json[];
	const groups = (s: FakeState) => s.details.GroupDetailList as Json[];
	const roles = (s: FakeState) => s.details.RoleDetailList as Json[];
	const policies = (s: FakeState) => s.details.Policies as Json[];
	const user = (s: FakeState, name: string) => users(s).find((u) => u.UserName === name);
	const group = (s: FakeState, name: string) => groups(s).find((g) => g.GroupName === name);
	const role = (s: FakeState, name: string) => roles(s).find((r) => r.RoleName === name);
	const policy = (s: FakeState, arn: string) => policies(s).find((p) => p.Arn === arn);
	const noUser = (name: string) => notFound('NoSuchEntity', `The user with name ${name} cannot be found.`);
	const noGroup = (name: string) => notFound('NoSuchEntity', `The group with name ${name} cannot be found.`);
	const noRole = (name: string) => notFound('NoSuchEntity', `The role with name ${name} cannot be found.`);
	const noPolicy = (arn: string) => notFound('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
	const principal = (s: FakeState, p: Json) =>
		p.UserName !== undefined ? { it: user(s, p.UserName), missing: noUser(p.UserName), list: 'UserPolicyList' } : p.GroupName !== undefined ? { it: group(s, p.GroupName), missing: noGroup(p.GroupName), list: 'GroupPolicyList' } : { it: role(s, p.RoleName), missing: noRole(p.RoleName), list: 'RolePolicyList' };
	const policySummary = (p: Json) => ({ PolicyName: p.PolicyName, PolicyId: p.PolicyId, Arn: p.Arn, Path: p.Path, DefaultVersionId: p.DefaultVersionId, AttachmentCount: p.AttachmentCount ?? 0, IsAttachable: true, CreateDate: p.CreateDate, UpdateDate: p.UpdateDate });
	const inlineGet: Handler = (p, s) => {
		const { it, missing, list } = principal(s, p);
		if (!it) return missing;
		const doc = (it[list] as Json[]).find((x) => x.PolicyName === p.PolicyName);
		if (!doc) return notFound('NoSuchEntity', `The policy with name ${p.PolicyName} cannot be found.`);
		return { result: { ...(p.UserName ? { UserName: p.UserName } : p.GroupName ? { GroupName: p.GroupName } : { RoleName: p.RoleName }), PolicyName: p.PolicyName, PolicyDocument: doc.PolicyDocument } };
	};
	const inlinePut: Handler = (p, s) => {
		const { it, missing, list } = principal(s, p);
		if (!it) return missing;
		it[list] = [...(it[list] as Json[]).filter((x) => x.PolicyName !== p.PolicyName), { PolicyName: p.PolicyName, PolicyDocument: decodeDocument(p.PolicyDocument) }];
		return { result: {} };
	};
	const inlineDelete: Handler = (p, s) => {
		const { it, missing, list } = principal(s, p);
		if (!it) return missing;
		if (!(it[list] as Json[]).some((x) => x.PolicyName === p.PolicyName)) return notFound('NoSuchEntity', `The policy with name ${p.PolicyName} cannot be found.`);
		it[list] = (it[list] as Json[]).filter((x) => x.PolicyName !== p.PolicyName);
		return { result: {} };
	};
	const attachedList: Handler = (p, s) => {
		const { it, missing } = principal(s, p);
		if (!it) return missing;
		return { result: { AttachedPolicies: it.AttachedManagedPolicies ?? [], IsTruncated: false } };
	};
	const attach: Handler = (p, s) => {
		const { it, missing } = principal(s, p);
		if (!it) return missing;
		const target = policy(s, p.PolicyArn);
		if (!target && !String(p.PolicyArn).includes(':aws:policy/')) return noPolicy(p.PolicyArn);
		if (!(it.AttachedManagedPolicies as Json[]).some((a) => a.PolicyArn === p.PolicyArn)) {
			it.AttachedManagedPolicies.push({ PolicyName: String(p.PolicyArn).split('/').pop(), PolicyArn: p.PolicyArn });
		}
		return { result: {} };
	};
	const detach: Handler = (p, s) => {
		const { it, missing } = principal(s, p);
		if (!it) return missing;
		const before = (it.AttachedManagedPolicies as Json[]).length;
		it.AttachedManagedPolicies = (it.AttachedManagedPolicies as Json[]).filter((a) => a.PolicyArn !== p.PolicyArn);
		return before === it.AttachedManagedPolicies.length ? notFound('NoSuchEntity', `Policy ${p.PolicyArn} was not found.`) : { result: {} };
	};
	const boundary = (kind: 'User' | 'Role', put: boolean): Handler => (p, s) => {
		const it = kind === 'User' ? user(s, p.UserName) : role(s, p.RoleName);
		if (!it) return kind === 'User' ? noUser(p.UserName) : noRole(p.RoleName);
		if (put) {
			if (!policy(s, p.PermissionsBoundary) && !String(p.PermissionsBoundary).includes(':aws:policy/')) return noPolicy(p.PermissionsBoundary);
			it.PermissionsBoundary = { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: p.PermissionsBoundary };
		} else {
			delete it.PermissionsBoundary;
		}
		return { result: {} };
	};
	const pages = pageSize;
	return {
		'sts:GetCallerIdentity': () => ({ result: { Arn: callerArn, UserId: 'AIDAADMINEXAMPLE', Account: accountId } }),
		// A root session: fresh credentials scoped by the task policy (the fake does not check who may ask).
		'sts:AssumeRoot': (p, s) => {
			const id = `ASIAROOTSESSION${String(s.rootSessions.size + 1).padStart(5, '0')}`;
			s.rootSessions.set(id, String(p['TaskPolicyArn.arn']));
			return { result: { Credentials: { AccessKeyId: id, SecretAccessKey: 'fake-root-session-secret', SessionToken: 'fake-root-session-token', Expiration: now }, SourceIdentity: '' } };
		},
		'iam:GetAccountAuthorizationDetails': (p, s) => {
			const lists = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;
			const all = lists.flatMap((list) => (s.details[list] as Json[]).map((item) => ({ list, item })));
			const start = p.Marker ? Number(String(p.Marker).replace('page-from-', '')) : 0;
			const size = pages ?? all.length;
			const slice = all.slice(start, start + size);
			const result: Json = Object.fromEntries(lists.map((list) => [list, slice.filter((x) => x.list === list).map((x) => x.item)]));
			const more = start + size < all.length;
			return { result: { ...result, IsTruncated: more, ...(more ? { Marker: `page-from-${start + size}` } : {}) } };
		},
		'iam:GenerateCredentialReport': () => ({ result: { State: 'COMPLETE', Description: 'Report generated' } }),
		'iam:GetCredentialReport': (_p, s) => ({ result: { Content: Buffer.from(s.report).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: now } }),
		'iam:GetAccountPasswordPolicy': (_p, s) =>
			s.passwordPolicy ? { result: { PasswordPolicy: s.passwordPolicy } } : notFound('NoSuchEntity', `The Password Policy with domain name ${accountId} cannot be found.`),
		'iam:UpdateAccountPasswordPolicy': (p, s) => {
			const policy: Json = { MinimumPasswordLength: 6, RequireSymbols: false, RequireNumbers: false, RequireUppercaseCharacters: false, RequireLowercaseCharacters: false, AllowUsersToChangePassword: false, ExpirePasswords: false, HardExpiry: false };
			for (const [k, v] of Object.entries(p)) if (k !== 'Action' && k !== 'Version') policy[k] = v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(String(v)) ? Number(v) : v;
			s.passwordPolicy = policy;
			return { result: {} };
		},
		'iam:DeleteAccountPasswordPolicy': (_p, s) => {
			if (!s.passwordPolicy) return notFound('NoSuchEntity', `The Password Policy with domain name ${accountId} cannot be found.`);
			s.passwordPolicy = null;
			return { result: {} };
		},
		'iam:GetAccountSummary': (_p, s) => ({ result: { SummaryMap: { $map: { Users: users(s).length, Groups: groups(s).length, Roles: roles(s).length, Policies: policies(s).length, AccountMFAEnabled: 1 } } } }),
		'iam:ListVirtualMFADevices': () => ({ result: { VirtualMFADevices: [], IsTruncated: false } }),
		'iam:ListAccountAliases': () => ({ result: { AccountAliases: [], IsTruncated: false } }),
		// Centralized root access: only the management account or IAM's delegated administrator may ask; this account is a member.
		'iam:ListOrganizationsFeatures': (_p, s) =>
			s.organization
				? failure('AccountNotManagementOrDelegatedAdministratorException', 'The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.', 400)
				: notFound('OrganizationNotFoundException', 'The request was rejected because no organization is associated with your account.'),
		'iam:ListAccessKeys': (p, s, signer) => {
			// Without a user name: the signer's own keys; in a root session, the root user's.
			if (!p.UserName && signer && s.rootSessions.has(signer)) return { result: { AccessKeyMetadata: s.rootAccessKeys.map((id) => ({ AccessKeyId: id, Status: 'Active', CreateDate: now })), IsTruncated: false } };
			return user(s, p.UserName) ? { result: { AccessKeyMetadata: s.accessKeys[p.UserName] ?? [], IsTruncated: false } } : noUser(p.UserName);
		},
		'iam:UpdateAccessKey': (p, s) => {
			const key = (s.accessKeys[p.UserName] ?? []).find((k) => k.AccessKeyId === p.AccessKeyId);
			if (!key) return notFound('NoSuchEntity', `The Access Key with id ${p.AccessKeyId} cannot be found.`);
			key.Status = p.Status;
			return { result: {} };
		},
		'iam:GetUser': (p, s) => {
			const u = user(s, p.UserName);
			return u ? { result: { User: { Path: u.Path, UserName: u.UserName, UserId: u.UserId, Arn: u.Arn, CreateDate: u.CreateDate, PermissionsBoundary: u.PermissionsBoundary } } } : noUser(p.UserName);
		},
		'iam:DeleteAccessKey': (p, s, signer) => {
			if (!p.UserName && signer && s.rootSessions.has(signer)) {
				if (!s.rootSessions.get(signer)!.endsWith('/IAMDeleteRootUserCredentials')) return { error: { code: 'AccessDenied', message: 'The root session may not perform: iam:DeleteAccessKey', status: 403 } };
				if (!s.rootAccessKeys.includes(p.AccessKeyId)) return notFound('NoSuchEntity', `The Access Key with id ${p.AccessKeyId} cannot be found.`);
				s.rootAccessKeys = s.rootAccessKeys.filter((id) => id !== p.AccessKeyId);
				return { result: {} };
			}
			if (!user(s, p.UserName)) return noUser(p.UserName);
			const keys = s.accessKeys[p.UserName] ?? [];
			if (!keys.some((k) => k.AccessKeyId === p.AccessKeyId)) return notFound('NoSuchEntity', `The Access Key with id ${p.AccessKeyId} cannot be found.`);
			s.accessKeys[p.UserName] = keys.filter((k) => k.AccessKeyId !== p.AccessKeyId);
			return { result: {} };
		},
		// A key never used: no LastUsedDate, ServiceName and Region "N/A" (GetAccessKeyLastUsed's reference).
		'iam:GetAccessKeyLastUsed': (p, s) => {
			const key = Object.values(s.accessKeys).flat().find((k) => k.AccessKeyId === p.AccessKeyId);
			return key ? { result: { UserName: key.UserName, AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } } } : { error: { code: 'AccessDenied', message: 'The access key does not exist in this account.', status: 403 } };
		},
		'iam:GetPolicy': (p, s) => {
			const x = policy(s, p.PolicyArn);
			return x ? { result: { Policy: policySummary(x) } } : noPolicy(p.PolicyArn);
		},
		'iam:CreatePolicy': (p, s) => {
			const path = p.Path ?? '/';
			const arn = `arn:aws:iam::${accountId}:policy${path}${p.PolicyName}`;
			if (policy(s, arn)) return { error: { code: 'EntityAlreadyExists', message: `A policy called ${p.PolicyName} already exists.`, status: 409 } };
			const created = { PolicyName: p.PolicyName, PolicyId: `ANPA${policies(s).length}FAKE`, Arn: arn, Path: path, DefaultVersionId: 'v1', AttachmentCount: 0, PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: now, UpdateDate: now, PolicyVersionList: [{ Document: decodeDocument(p.PolicyDocument), VersionId: 'v1', IsDefaultVersion: true, CreateDate: now }] };
			policies(s).push(created);
			return { result: { Policy: policySummary(created) } };
		},
		'iam:DeletePolicy': (p, s) => {
			const x = policy(s, p.PolicyArn);
			if (!x) return noPolicy(p.PolicyArn);
			const holders = [...users(s), ...groups(s), ...roles(s)].filter((e) => (e.AttachedManagedPolicies as Json[]).some((a) => a.PolicyArn === p.PolicyArn) || e.PermissionsBoundary?.PermissionsBoundaryArn === p.PolicyArn);
			if (holders.length > 0) return { error: { code: 'DeleteConflict', message: 'Cannot delete a policy attached to entities.', status: 409 } };
			if ((x.PolicyVersionList as Json[]).length > 1) return { error: { code: 'DeleteConflict', message: 'This policy has more than one version. Before you delete a policy, you must delete the policy\'s versions. The default version is deleted with the policy.', status: 409 } };
			s.details.Policies = policies(s).filter((q) => q !== x);
			return { result: {} };
		},
		'iam:ListPolicyVersions': (p, s) => {
			const x = policy(s, p.PolicyArn);
			return x ? { result: { Versions: (x.PolicyVersionList as Json[]).map((v) => ({ VersionId: v.VersionId, IsDefaultVersion: v.IsDefaultVersion, CreateDate: v.CreateDate })), IsTruncated: false } } : noPolicy(p.PolicyArn);
		},
		'iam:GetPolicyVersion': (p, s) => {
			const v = (policy(s, p.PolicyArn)?.PolicyVersionList as Json[] | undefined)?.find((x) => x.VersionId === p.VersionId);
			return v ? { result: { PolicyVersion: v } } : notFound('NoSuchEntity', `Policy ${p.PolicyArn} version ${p.VersionId} does not exist.`);
		},
		'iam:CreatePolicyVersion': (p, s) => {
			const x = policy(s, p.PolicyArn);
			if (!x) return noPolicy(p.PolicyArn);
			const versions = x.PolicyVersionList as Json[];
			if (versions.length >= 5) return { error: { code: 'LimitExceeded', message: `A managed policy can have up to 5 versions.`, status: 409 } };
			const id = `v${Math.max(...versions.map((v) => Number(String(v.VersionId).slice(1)))) + 1}`;
			const setDefault = p.SetAsDefault === 'true';
			if (setDefault) {
				for (const v of versions) v.IsDefaultVersion = false;
				x.DefaultVersionId = id;
			}
			const created = { Document: decodeDocument(p.PolicyDocument), VersionId: id, IsDefaultVersion: setDefault, CreateDate: now };
			versions.push(created);
			return { result: { PolicyVersion: { VersionId: id, IsDefaultVersion: setDefault, CreateDate: now } } };
		},
		'iam:DeletePolicyVersion': (p, s) => {
			const x = policy(s, p.PolicyArn);
			if (!x) return noPolicy(p.PolicyArn);
			x.PolicyVersionList = (x.PolicyVersionList as Json[]).filter((v) => v.VersionId !== p.VersionId);
			return { result: {} };
		},
		'iam:SetDefaultPolicyVersion': (p, s) => {
			const x = policy(s, p.PolicyArn);
			if (!x) return noPolicy(p.PolicyArn);
			for (const v of x.PolicyVersionList as Json[]) v.IsDefaultVersion = v.VersionId === p.VersionId;
			x.DefaultVersionId = p.VersionId;
			return { result: {} };
		},
		'iam:GetUserPolicy': inlineGet,
		'iam:GetGroupPolicy': inlineGet,
		'iam:GetRolePolicy': inlineGet,
		'iam:PutUserPolicy': inlinePut,
		'iam:PutGroupPolicy': inlinePut,
		'iam:PutRolePolicy': inlinePut,
		'iam:DeleteUserPolicy': inlineDelete,
		'iam:DeleteGroupPolicy': inlineDelete,
		'iam:DeleteRolePolicy': inlineDelete,
		'iam:ListAttachedUserPolicies': attachedList,
		'iam:ListAttachedGroupPolicies': attachedList,
		'iam:ListAttachedRolePolicies': attachedList,
		'iam:AttachUserPolicy': attach,
		'iam:AttachGroupPolicy': attach,
		'iam:AttachRolePolicy': attach,
		'iam:DetachUserPolicy': detach,
		'iam:DetachGroupPolicy': detach,
		'iam:DetachRolePolicy': detach,
		'iam:PutUserPermissionsBoundary': boundary('User', true),
		'iam:PutRolePermissionsBoundary': boundary('Role', true),
		'iam:DeleteUserPermissionsBoundary': boundary('User', false),
		'iam:DeleteRolePermissionsBoundary': boundary('Role', false),
		'iam:GenerateServiceLastAccessedDetails': (p) => ({ result: { JobId: `job-${encodeURIComponent(String(p.Arn))}` } }),
		'iam:GetServiceLastAccessedDetails': () => ({ result: { JobStatus: 'COMPLETED', JobType: 'ACTION_LEVEL', JobCreationDate: now, JobCompletionDate: now, ServicesLastAccessed: [], IsTruncated: false } }),
	};
}
