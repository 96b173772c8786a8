/**
 * What a workload's role needs besides the role: instance profiles (EC2) and OIDC identity
 * providers (GitHub Actions), with IAM's rules and errors — one role per instance profile
 * (LimitExceeded), no deleting a profile that still holds a role (DeleteConflict), one
 * provider per issuer URL (EntityAlreadyExists).
 */
import type { ActionParams } from '../../core/actions.js';
import type { ApplyContext, Outputs } from './apply-context.js';
import { checkName, checkPath, fail, modifiableRole } from './sandbox-lookup.js';
import type { SandboxState } from './sandbox-state.js';

/** Instance profiles of the sandbox: those stored, and those the seed names after their role. */
export function instanceProfileNames(state: SandboxState): string[] {
	const names = new Set((state.instanceProfiles ?? []).map((p) => p.name));
	for (const role of state.roles) for (const name of role.instanceProfiles) names.add(name);
	return [...names];
}

function profileExists(state: SandboxState, name: string): boolean {
	return instanceProfileNames(state).some((n) => n.toLowerCase() === name.toLowerCase());
}

function needProfile(ctx: ApplyContext, name: string): void {
	if (!profileExists(ctx.state, name)) fail('NoSuchEntity', `Instance Profile ${name} cannot be found.`, ctx.operation);
}

export function createInstanceProfile(ctx: ApplyContext, p: ActionParams['iam:CreateInstanceProfile']): Outputs {
	const { state, operation } = ctx;
	checkName('instance profile', p.InstanceProfileName, 128, operation);
	const path = checkPath(p.Path, operation);
	if (profileExists(state, p.InstanceProfileName)) fail('EntityAlreadyExists', `Instance Profile ${p.InstanceProfileName} already exists.`, operation);
	const arn = `arn:${state.account.partition}:iam::${state.account.id}:instance-profile${path}${p.InstanceProfileName}`;
	state.instanceProfiles = [...(state.instanceProfiles ?? []), { name: p.InstanceProfileName, arn, path, createDate: ctx.now.toISOString() }];
	return { Arn: arn };
}

export function deleteInstanceProfile(ctx: ApplyContext, p: ActionParams['iam:DeleteInstanceProfile']): void {
	needProfile(ctx, p.InstanceProfileName);
	if (ctx.state.roles.some((r) => r.instanceProfiles.includes(p.InstanceProfileName))) {
		fail('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.', ctx.operation);
	}
	ctx.state.instanceProfiles = (ctx.state.instanceProfiles ?? []).filter((x) => x.name !== p.InstanceProfileName);
}

export function addRoleToInstanceProfile(ctx: ApplyContext, p: ActionParams['iam:AddRoleToInstanceProfile']): void {
	needProfile(ctx, p.InstanceProfileName);
	const role = modifiableRole(ctx.state, p.RoleName, ctx.operation);
	const holder = ctx.state.roles.find((r) => r.instanceProfiles.includes(p.InstanceProfileName));
	if (holder === role) fail('EntityAlreadyExists', `Role ${role.name} is already in instance profile ${p.InstanceProfileName}.`, ctx.operation);
	if (holder) fail('LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1', ctx.operation);
	role.instanceProfiles.push(p.InstanceProfileName);
}

export function removeRoleFromInstanceProfile(ctx: ApplyContext, p: ActionParams['iam:RemoveRoleFromInstanceProfile']): void {
	needProfile(ctx, p.InstanceProfileName);
	const role = modifiableRole(ctx.state, p.RoleName, ctx.operation);
	if (!role.instanceProfiles.includes(p.InstanceProfileName)) {
		fail('NoSuchEntity', `The role with name ${role.name} cannot be found in instance profile ${p.InstanceProfileName}.`, ctx.operation);
	}
	const stored = (ctx.state.instanceProfiles ?? []).some((x) => x.name === p.InstanceProfileName);
	if (!stored) {
		// A seed profile outlives its role's membership, as in IAM.
		const arn = `arn:${ctx.state.account.partition}:iam::${ctx.state.account.id}:instance-profile${role.path}${p.InstanceProfileName}`;
		ctx.state.instanceProfiles = [...(ctx.state.instanceProfiles ?? []), { name: p.InstanceProfileName, arn, path: role.path, createDate: role.createDate }];
	}
	role.instanceProfiles = role.instanceProfiles.filter((n) => n !== p.InstanceProfileName);
}

function providerHost(url: string): string {
	return url.replace(/^https:\/\//, '').replace(/\/$/, '');
}

export function createOpenIdConnectProvider(ctx: ApplyContext, p: ActionParams['iam:CreateOpenIDConnectProvider']): Outputs {
	const { state, operation } = ctx;
	if (!/^https:\/\/[^\s?#:]+$/.test(p.Url)) fail('InvalidInput', `The URL ${p.Url} must begin with https:// and have no port, query or fragment.`, operation);
	if (p.ClientIDList.length === 0) fail('InvalidInput', 'ClientIDList must name at least one audience.', operation);
	const host = providerHost(p.Url);
	const providers = state.oidcProviders ?? [];
	if (providers.some((x) => providerHost(x.url) === host)) fail('EntityAlreadyExists', `Provider with url ${p.Url} already exists.`, operation);
	if (providers.length >= 100) fail('LimitExceeded', 'Cannot exceed quota for OpenIdIdpsPerAccount: 100', operation);
	const arn = `arn:${state.account.partition}:iam::${state.account.id}:oidc-provider/${host}`;
	state.oidcProviders = [...providers, { arn, url: p.Url, clientIds: [...p.ClientIDList], createDate: ctx.now.toISOString() }];
	return { OpenIDConnectProviderArn: arn };
}

export function deleteOpenIdConnectProvider(ctx: ApplyContext, p: ActionParams['iam:DeleteOpenIDConnectProvider']): void {
	const providers = ctx.state.oidcProviders ?? [];
	if (!providers.some((x) => x.arn === p.OpenIDConnectProviderArn)) {
		fail('NoSuchEntity', `OpenIDConnect Provider not found for arn ${p.OpenIDConnectProviderArn}`, ctx.operation);
	}
	ctx.state.oidcProviders = providers.filter((x) => x.arn !== p.OpenIDConnectProviderArn);
}
