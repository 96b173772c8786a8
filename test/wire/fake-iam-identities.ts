/**
 * IAM's groups and memberships, roles, console passwords, instance profiles, OpenID Connect
 * providers and service-linked roles on the fake AWS, as the IAM API reference answers:
 * NoSuchEntity (404) for what is not there, EntityAlreadyExists (409) for a name taken,
 * DeleteConflict (409) for deleting what is still in use, LimitExceeded (409) for a second
 * role in an instance profile.
 */
import { accountId, decodeDocument, failure, memberRecords, members, notFound, now, ok, type FakeState, type Handler, type Json } from './fake-state.js';

/** The service-linked roles iam-wizard creates (IAM's reference: each service's role name and path). */
const serviceLinkedRoles: Record<string, string> = {
	'config.amazonaws.com': 'AWSServiceRoleForConfig',
	'access-analyzer.amazonaws.com': 'AWSServiceRoleForAccessAnalyzer',
};

const users = (s: FakeState) => s.details.UserDetailList as Json[];
const groups = (s: FakeState) => s.details.GroupDetailList as Json[];
const roles = (s: FakeState) => s.details.RoleDetailList as Json[];
const user = (s: FakeState, name: string) => users(s).find((u) => u.UserName === name);
const group = (s: FakeState, name: string) => groups(s).find((g) => g.GroupName === name);
const role = (s: FakeState, name: string) => roles(s).find((r) => r.RoleName === name);
const noUser = (name: string) => notFound('NoSuchEntity', `The user with name ${name} cannot be found.`);
const noGroup = (name: string) => notFound('NoSuchEntity', `The group with name ${name} cannot be found.`);
const noRole = (name: string) => notFound('NoSuchEntity', `The role with name ${name} cannot be found.`);
const noProfile = (name: string) => notFound('NoSuchEntity', `Instance Profile ${name} cannot be found.`);
const taken = (message: string) => failure('EntityAlreadyExists', message, 409);
const conflict = (message: string) => failure('DeleteConflict', message, 409);

function roleSummary(r: Json): Json {
	return { Path: r.Path, RoleName: r.RoleName, RoleId: r.RoleId, Arn: r.Arn, CreateDate: r.CreateDate, AssumeRolePolicyDocument: r.AssumeRolePolicyDocument, ...(r.Description ? { Description: r.Description } : {}), PermissionsBoundary: r.PermissionsBoundary, Tags: r.Tags };
}

function profileSummary(s: FakeState, x: Json): Json {
	return { ...x, Roles: (x.RoleNames as string[]).flatMap((name) => (role(s, name) ? [roleSummary(role(s, name)!)] : [])), RoleNames: undefined };
}

function newRole(s: FakeState, name: string, path: string, trust: unknown, extra: Json = {}): Json {
	const created = { Path: path, RoleName: name, RoleId: `AROA${roles(s).length}FAKE${name.length}`, Arn: `arn:aws:iam::${accountId}:role${path}${name}`, CreateDate: now, AssumeRolePolicyDocument: trust, InstanceProfileList: [], RolePolicyList: [], AttachedManagedPolicies: [], Tags: [], RoleLastUsed: {}, ...extra };
	roles(s).push(created);
	return created;
}

export const identityHandlers: Record<string, Handler> = {
	'iam:GetGroup': (p, s) => {
		const g = group(s, p.GroupName);
		if (!g) return noGroup(p.GroupName);
		const inGroup = users(s).filter((u) => (u.GroupList as string[]).includes(p.GroupName)).map((u) => ({ Path: u.Path, UserName: u.UserName, UserId: u.UserId, Arn: u.Arn, CreateDate: u.CreateDate }));
		return ok({ Group: { Path: g.Path, GroupName: g.GroupName, GroupId: g.GroupId, Arn: g.Arn, CreateDate: g.CreateDate }, Users: inGroup, IsTruncated: false });
	},
	'iam:CreateGroup': (p, s) => {
		if (group(s, p.GroupName)) return taken(`Group with name ${p.GroupName} already exists.`);
		const g = { Path: p.Path ?? '/', GroupName: p.GroupName, GroupId: `AGPA${groups(s).length}FAKE`, Arn: `arn:aws:iam::${accountId}:group${p.Path ?? '/'}${p.GroupName}`, CreateDate: now, GroupPolicyList: [], AttachedManagedPolicies: [] };
		groups(s).push(g);
		return ok({ Group: { Path: g.Path, GroupName: g.GroupName, GroupId: g.GroupId, Arn: g.Arn, CreateDate: g.CreateDate } });
	},
	'iam:DeleteGroup': (p, s) => {
		const g = group(s, p.GroupName);
		if (!g) return noGroup(p.GroupName);
		if (users(s).some((u) => (u.GroupList as string[]).includes(p.GroupName))) return conflict('Cannot delete entity, must remove users from group first.');
		if ((g.AttachedManagedPolicies as Json[]).length > 0 || (g.GroupPolicyList as Json[]).length > 0) return conflict('Cannot delete entity, must delete policies first.');
		s.details.GroupDetailList = groups(s).filter((x) => x !== g);
		return ok();
	},
	'iam:AddUserToGroup': (p, s) => {
		const u = user(s, p.UserName);
		if (!u) return noUser(p.UserName);
		if (!group(s, p.GroupName)) return noGroup(p.GroupName);
		if (!u.GroupList.includes(p.GroupName)) u.GroupList.push(p.GroupName);
		return ok();
	},
	'iam:RemoveUserFromGroup': (p, s) => {
		const u = user(s, p.UserName);
		if (!u) return noUser(p.UserName);
		if (!group(s, p.GroupName)) return noGroup(p.GroupName);
		u.GroupList = (u.GroupList as string[]).filter((name) => name !== p.GroupName);
		return ok();
	},
	'iam:ListGroupsForUser': (p, s) => {
		const u = user(s, p.UserName);
		if (!u) return noUser(p.UserName);
		const list = (u.GroupList as string[]).flatMap((name) => {
			const g = group(s, name);
			return g ? [{ GroupName: g.GroupName, Path: g.Path, GroupId: g.GroupId, Arn: g.Arn, CreateDate: g.CreateDate }] : [];
		});
		return ok({ Groups: list, IsTruncated: false });
	},
	'iam:GetRole': (p, s) => {
		const r = role(s, p.RoleName);
		return r ? ok({ Role: roleSummary(r) }) : noRole(p.RoleName);
	},
	'iam:CreateRole': (p, s) => {
		if (role(s, p.RoleName)) return taken(`Role with name ${p.RoleName} already exists.`);
		const created = newRole(s, p.RoleName, p.Path ?? '/', decodeDocument(p.AssumeRolePolicyDocument), { ...(p.Description ? { Description: p.Description } : {}), Tags: memberRecords(p, 'Tags') });
		return ok({ Role: roleSummary(created) });
	},
	'iam:DeleteRole': (p, s) => {
		const r = role(s, p.RoleName);
		if (!r) return noRole(p.RoleName);
		if ((r.AttachedManagedPolicies as Json[]).length > 0 || (r.RolePolicyList as Json[]).length > 0) return conflict('Cannot delete entity, must detach all policies first.');
		if (s.instanceProfiles.some((x) => (x.RoleNames as string[]).includes(p.RoleName))) return conflict('Cannot delete entity, must remove roles from instance profile first.');
		s.details.RoleDetailList = roles(s).filter((x) => x !== r);
		return ok();
	},
	'iam:UpdateAssumeRolePolicy': (p, s) => {
		const r = role(s, p.RoleName);
		if (!r) return noRole(p.RoleName);
		r.AssumeRolePolicyDocument = decodeDocument(p.PolicyDocument);
		return ok();
	},
	'iam:CreateServiceLinkedRole': (p, s) => {
		const name = serviceLinkedRoles[p.AWSServiceName];
		if (!name) return failure('InvalidInput', `Service ${p.AWSServiceName} is not supported by the fake account.`);
		if (role(s, name)) return failure('InvalidInput', `Service role name ${name} has been taken in this account, please try a different suffix.`);
		const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: p.AWSServiceName }, Action: 'sts:AssumeRole' }] };
		return ok({ Role: roleSummary(newRole(s, name, `/aws-service-role/${p.AWSServiceName}/`, trust, p.Description ? { Description: p.Description } : {})) });
	},
	// AWS deletes a service-linked role as a task (GetServiceLinkedRoleDeletionStatus); here it is gone at once.
	'iam:DeleteServiceLinkedRole': (p, s) => {
		const r = role(s, p.RoleName);
		if (!r) return noRole(p.RoleName);
		s.details.RoleDetailList = roles(s).filter((x) => x !== r);
		return ok({ DeletionTaskId: `task/aws-service-role/${p.RoleName}/fake-${roles(s).length}` });
	},
	'iam:GetLoginProfile': (p, s) => {
		if (!user(s, p.UserName)) return noUser(p.UserName);
		return s.loginProfiles.has(p.UserName) ? ok({ LoginProfile: { UserName: p.UserName, CreateDate: now } }) : notFound('NoSuchEntity', `Login Profile for User ${p.UserName} cannot be found.`);
	},
	'iam:DeleteLoginProfile': (p, s) => {
		if (!user(s, p.UserName)) return noUser(p.UserName);
		if (!s.loginProfiles.delete(p.UserName)) return notFound('NoSuchEntity', `Login Profile for User ${p.UserName} cannot be found.`);
		return ok();
	},
	'iam:CreateInstanceProfile': (p, s) => {
		if (s.instanceProfiles.some((x) => x.InstanceProfileName === p.InstanceProfileName)) return taken(`Instance Profile ${p.InstanceProfileName} already exists.`);
		const path = p.Path ?? '/';
		const created = { Path: path, InstanceProfileName: p.InstanceProfileName, InstanceProfileId: `AIPA${s.instanceProfiles.length}FAKE`, Arn: `arn:aws:iam::${accountId}:instance-profile${path}${p.InstanceProfileName}`, CreateDate: now, RoleNames: [] as string[] };
		s.instanceProfiles.push(created);
		return ok({ InstanceProfile: profileSummary(s, created) });
	},
	'iam:GetInstanceProfile': (p, s) => {
		const x = s.instanceProfiles.find((i) => i.InstanceProfileName === p.InstanceProfileName);
		return x ? ok({ InstanceProfile: profileSummary(s, x) }) : noProfile(p.InstanceProfileName);
	},
	'iam:DeleteInstanceProfile': (p, s) => {
		const x = s.instanceProfiles.find((i) => i.InstanceProfileName === p.InstanceProfileName);
		if (!x) return noProfile(p.InstanceProfileName);
		if ((x.RoleNames as string[]).length > 0) return conflict('Cannot delete entity, must remove roles from instance profile first.');
		s.instanceProfiles = s.instanceProfiles.filter((i) => i !== x);
		return ok();
	},
	'iam:AddRoleToInstanceProfile': (p, s) => {
		const x = s.instanceProfiles.find((i) => i.InstanceProfileName === p.InstanceProfileName);
		if (!x) return noProfile(p.InstanceProfileName);
		if (!role(s, p.RoleName)) return noRole(p.RoleName);
		if ((x.RoleNames as string[]).length > 0) return failure('LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1', 409);
		x.RoleNames.push(p.RoleName);
		return ok();
	},
	'iam:RemoveRoleFromInstanceProfile': (p, s) => {
		const x = s.instanceProfiles.find((i) => i.InstanceProfileName === p.InstanceProfileName);
		if (!x) return noProfile(p.InstanceProfileName);
		if (!(x.RoleNames as string[]).includes(p.RoleName)) return notFound('NoSuchEntity', `Role ${p.RoleName} is not in instance profile ${p.InstanceProfileName}.`);
		x.RoleNames = (x.RoleNames as string[]).filter((name) => name !== p.RoleName);
		return ok();
	},
	'iam:ListOpenIDConnectProviders': (_p, s) => ok({ OpenIDConnectProviderList: s.oidcProviders.map((x) => ({ Arn: x.Arn })) }),
	'iam:CreateOpenIDConnectProvider': (p, s) => {
		const host = String(p.Url).replace(/^https:\/\//, '').replace(/\/$/, '');
		const arn = `arn:aws:iam::${accountId}:oidc-provider/${host}`;
		if (s.oidcProviders.some((x) => x.Arn === arn)) return taken(`Provider with url ${p.Url} already exists.`);
		s.oidcProviders.push({ Arn: arn, Url: host, ClientIDList: members(p, 'ClientIDList'), ThumbprintList: members(p, 'ThumbprintList'), CreateDate: now });
		return ok({ OpenIDConnectProviderArn: arn, Tags: [] });
	},
	'iam:GetOpenIDConnectProvider': (p, s) => {
		const x = s.oidcProviders.find((o) => o.Arn === p.OpenIDConnectProviderArn);
		return x ? ok({ Url: x.Url, ClientIDList: x.ClientIDList, ThumbprintList: x.ThumbprintList, CreateDate: x.CreateDate, Tags: [] }) : notFound('NoSuchEntity', `OpenIDConnect Provider not found for arn ${p.OpenIDConnectProviderArn}`);
	},
	'iam:DeleteOpenIDConnectProvider': (p, s) => {
		if (!s.oidcProviders.some((o) => o.Arn === p.OpenIDConnectProviderArn)) return notFound('NoSuchEntity', `OpenIDConnect Provider not found for arn ${p.OpenIDConnectProviderArn}`);
		s.oidcProviders = s.oidcProviders.filter((o) => o.Arn !== p.OpenIDConnectProviderArn);
		return ok();
	},
};
