/**
 * Groups, roles, memberships, permissions boundaries, access keys and console passwords.
 * Names are unique without regard to case, as in IAM; service-linked roles refuse every
 * change (UnmodifiableEntity); deleting what still has members, policies or instance
 * profiles is a DeleteConflict.
 */
import type { ActionParams } from '../../core/actions.js';
import type { ApplyContext, Outputs } from './apply-context.js';
import { checkPolicyDocument, sizeLimits } from './check-document.js';
import { mintIamId } from './sandbox-ids.js';
import { settleWorkloadKeyUse } from './workload-activity.js';
import { attachablePolicy, checkName, checkPath, fail, findGroup, findUser, modifiableRole } from './sandbox-lookup.js';

const maxGroupsPerUser = 10;

export function createGroup(ctx: ApplyContext, p: ActionParams['iam:CreateGroup']): Outputs {
	const { state, operation } = ctx;
	checkName('group', p.GroupName, 128, operation);
	const path = checkPath(p.Path, operation);
	if (state.groups.some((g) => g.name.toLowerCase() === p.GroupName.toLowerCase())) fail('EntityAlreadyExists', `Group with name ${p.GroupName} already exists.`, operation);
	const id = mintIamId(state, 'AGPA');
	const arn = `arn:${state.account.partition}:iam::${state.account.id}:group${path}${p.GroupName}`;
	state.groups.push({ name: p.GroupName, id, arn, path, createDate: ctx.now.toISOString(), inlinePolicies: [], attachedPolicies: [] });
	return { GroupId: id, Arn: arn };
}

export function deleteGroup(ctx: ApplyContext, p: ActionParams['iam:DeleteGroup']): void {
	const group = findGroup(ctx.state, p.GroupName, ctx.operation);
	if (ctx.state.users.some((u) => u.groups.includes(group.name))) fail('DeleteConflict', 'Cannot delete entity, must remove users from group first.', ctx.operation);
	if (group.attachedPolicies.length > 0) fail('DeleteConflict', 'Cannot delete entity, must detach all policies first.', ctx.operation);
	if (group.inlinePolicies.length > 0) fail('DeleteConflict', 'Cannot delete entity, must delete policies first.', ctx.operation);
	ctx.state.groups = ctx.state.groups.filter((g) => g !== group);
}

export function addUserToGroup(ctx: ApplyContext, p: ActionParams['iam:AddUserToGroup']): void {
	const group = findGroup(ctx.state, p.GroupName, ctx.operation);
	const user = findUser(ctx.state, p.UserName, ctx.operation);
	if (user.groups.includes(group.name)) return;
	if (user.groups.length >= maxGroupsPerUser) fail('LimitExceeded', `Cannot exceed quota for GroupsPerUser: ${maxGroupsPerUser}.`, ctx.operation);
	user.groups.push(group.name);
}

export function removeUserFromGroup(ctx: ApplyContext, p: ActionParams['iam:RemoveUserFromGroup']): void {
	const group = findGroup(ctx.state, p.GroupName, ctx.operation);
	const user = findUser(ctx.state, p.UserName, ctx.operation);
	if (!user.groups.includes(group.name)) fail('NoSuchEntity', `User ${user.name} is not in group ${group.name}.`, ctx.operation);
	user.groups = user.groups.filter((g) => g !== group.name);
}

export function createRole(ctx: ApplyContext, p: ActionParams['iam:CreateRole']): Outputs {
	const { state, operation } = ctx;
	checkName('role', p.RoleName, 64, operation);
	const path = checkPath(p.Path, operation);
	if (state.roles.some((r) => r.name.toLowerCase() === p.RoleName.toLowerCase())) fail('EntityAlreadyExists', `Role with name ${p.RoleName} already exists.`, operation);
	const trustPolicy = checkPolicyDocument(state, p.AssumeRolePolicyDocument, 'trust', operation, sizeLimits.trustPolicy);
	const id = mintIamId(state, 'AROA');
	const arn = `arn:${state.account.partition}:iam::${state.account.id}:role${path}${p.RoleName}`;
	state.roles.push({
		name: p.RoleName,
		id,
		arn,
		path,
		createDate: ctx.now.toISOString(),
		...(p.Description ? { description: p.Description } : {}),
		trustPolicy,
		inlinePolicies: [],
		attachedPolicies: [],
		tags: (p.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
		maxSessionDuration: 3600,
		instanceProfiles: [],
	});
	return { RoleId: id, Arn: arn };
}

export function deleteRole(ctx: ApplyContext, p: ActionParams['iam:DeleteRole']): void {
	const role = modifiableRole(ctx.state, p.RoleName, ctx.operation);
	if (role.instanceProfiles.length > 0) fail('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.', ctx.operation);
	if (role.attachedPolicies.length > 0) fail('DeleteConflict', 'Cannot delete entity, must detach all policies first.', ctx.operation);
	if (role.inlinePolicies.length > 0) fail('DeleteConflict', 'Cannot delete entity, must delete policies first.', ctx.operation);
	ctx.state.roles = ctx.state.roles.filter((r) => r !== role);
}

export function updateAssumeRolePolicy(ctx: ApplyContext, p: ActionParams['iam:UpdateAssumeRolePolicy']): void {
	const role = modifiableRole(ctx.state, p.RoleName, ctx.operation);
	role.trustPolicy = checkPolicyDocument(ctx.state, p.PolicyDocument, 'trust', ctx.operation, sizeLimits.trustPolicy);
}

export function putPermissionsBoundary(ctx: ApplyContext, entity: 'User' | 'Role', name: string, policyArn: string): void {
	const target = entity === 'User' ? findUser(ctx.state, name, ctx.operation) : modifiableRole(ctx.state, name, ctx.operation);
	const policy = attachablePolicy(ctx.state, policyArn, ctx.operation);
	target.permissionsBoundary = policy.arn;
}

export function deletePermissionsBoundary(ctx: ApplyContext, entity: 'User' | 'Role', name: string): void {
	const target = entity === 'User' ? findUser(ctx.state, name, ctx.operation) : modifiableRole(ctx.state, name, ctx.operation);
	if (!target.permissionsBoundary) fail('NoSuchEntity', `${entity} ${name} has no permissions boundary.`, ctx.operation);
	delete target.permissionsBoundary;
}

function findKey(ctx: ApplyContext, userName: string, keyId: string) {
	const user = findUser(ctx.state, userName, ctx.operation);
	const key = user.accessKeys.find((k) => k.id === keyId) ?? fail('NoSuchEntity', `The Access Key with id ${keyId} cannot be found.`, ctx.operation);
	return { user, key };
}

export function updateAccessKey(ctx: ApplyContext, p: ActionParams['iam:UpdateAccessKey']): void {
	if (p.Status !== 'Active' && p.Status !== 'Inactive') fail('ValidationError', `Status must be Active or Inactive, not ${String(p.Status)}.`, ctx.operation);
	const { key } = findKey(ctx, p.UserName, p.AccessKeyId);
	// The workload's last call with the key is fixed when the key stops working.
	if (p.Status === 'Inactive' && key.status === 'Active') settleWorkloadKeyUse(ctx.state, key, ctx.now);
	key.status = p.Status;
}

export function deleteAccessKey(ctx: ApplyContext, p: ActionParams['iam:DeleteAccessKey']): void {
	const { user, key } = findKey(ctx, p.UserName, p.AccessKeyId);
	user.accessKeys = user.accessKeys.filter((k) => k !== key);
}

export function deleteLoginProfile(ctx: ApplyContext, p: ActionParams['iam:DeleteLoginProfile']): void {
	const user = findUser(ctx.state, p.UserName, ctx.operation);
	if (!user.loginProfile) fail('NoSuchEntity', `Login Profile for User ${user.name} cannot be found.`, ctx.operation);
	user.loginProfile = null;
}
