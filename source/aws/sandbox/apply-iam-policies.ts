/**
 * Customer-managed policies and their versions, with IAM's rules: at most five versions
 * (LimitExceeded on a sixth), version IDs never reused, the default version cannot be
 * deleted and a policy cannot be deleted while attached or while it has other versions
 * (DeleteConflict), AWS-managed policies cannot be changed (UnmodifiableEntity).
 */
import type { ActionParams } from '../../core/actions.js';
import type { ApplyContext, Outputs } from './apply-context.js';
import { checkPolicyDocument, sizeLimits } from './check-document.js';
import { mintIamId } from './sandbox-ids.js';
import { checkName, checkPath, customerPolicy, fail, policyUsage } from './sandbox-lookup.js';

const maxVersions = 5;

export function createPolicy(ctx: ApplyContext, p: ActionParams['iam:CreatePolicy']): Outputs {
	const { state, operation } = ctx;
	checkName('policy', p.PolicyName, 128, operation);
	const path = checkPath(p.Path, operation);
	if (state.policies.some((x) => !x.awsManaged && x.name.toLowerCase() === p.PolicyName.toLowerCase())) {
		fail('EntityAlreadyExists', `A policy called ${p.PolicyName} already exists. Duplicate names are not allowed.`, operation);
	}
	const document = checkPolicyDocument(state, p.PolicyDocument, 'identity', operation, sizeLimits.managedPolicy);
	const now = ctx.now.toISOString();
	const arn = `arn:${state.account.partition}:iam::${state.account.id}:policy${path}${p.PolicyName}`;
	const id = mintIamId(state, 'ANPA');
	state.policies.push({
		arn,
		name: p.PolicyName,
		id,
		path,
		...(p.Description ? { description: p.Description } : {}),
		awsManaged: false,
		defaultVersionId: 'v1',
		isAttachable: true,
		createDate: now,
		updateDate: now,
		versions: [{ versionId: 'v1', isDefault: true, createDate: now, document }],
		nextVersion: 2,
	});
	return { PolicyArn: arn, PolicyId: id, DefaultVersionId: 'v1' };
}

export function deletePolicy(ctx: ApplyContext, p: ActionParams['iam:DeletePolicy']): void {
	const policy = customerPolicy(ctx.state, p.PolicyArn, ctx.operation);
	const usage = policyUsage(ctx.state, policy.arn);
	if (usage.attachments > 0 || usage.boundaries > 0) fail('DeleteConflict', 'Cannot delete a policy attached to entities.', ctx.operation);
	if (policy.versions.length > 1) {
		fail('DeleteConflict', "This policy has more than one version. Before you delete a policy, you must delete the policy's non-default versions.", ctx.operation);
	}
	ctx.state.policies = ctx.state.policies.filter((x) => x !== policy);
}

export function createPolicyVersion(ctx: ApplyContext, p: ActionParams['iam:CreatePolicyVersion']): Outputs {
	const policy = customerPolicy(ctx.state, p.PolicyArn, ctx.operation);
	if (policy.versions.length >= maxVersions) {
		fail('LimitExceeded', `A managed policy can have up to ${maxVersions} versions. Before you create a new version, you must delete an existing version.`, ctx.operation);
	}
	const document = checkPolicyDocument(ctx.state, p.PolicyDocument, 'identity', ctx.operation, sizeLimits.managedPolicy);
	const versionId = `v${policy.nextVersion}`;
	policy.nextVersion += 1;
	const now = ctx.now.toISOString();
	if (p.SetAsDefault) {
		for (const v of policy.versions) v.isDefault = false;
		policy.defaultVersionId = versionId;
	}
	policy.versions.push({ versionId, isDefault: p.SetAsDefault, createDate: now, document });
	policy.updateDate = latestVersionDate(policy.versions);
	return { VersionId: versionId };
}

function findVersion(ctx: ApplyContext, policyArn: string, versionId: string) {
	const policy = customerPolicy(ctx.state, policyArn, ctx.operation);
	const version = policy.versions.find((v) => v.versionId === versionId) ?? fail('NoSuchEntity', `Policy ${policyArn} version ${versionId} does not exist.`, ctx.operation);
	return { policy, version };
}

export function setDefaultPolicyVersion(ctx: ApplyContext, p: ActionParams['iam:SetDefaultPolicyVersion']): void {
	const { policy, version } = findVersion(ctx, p.PolicyArn, p.VersionId);
	for (const v of policy.versions) v.isDefault = v === version;
	policy.defaultVersionId = version.versionId;
}

export function deletePolicyVersion(ctx: ApplyContext, p: ActionParams['iam:DeletePolicyVersion']): void {
	const { policy, version } = findVersion(ctx, p.PolicyArn, p.VersionId);
	if (version.isDefault) fail('DeleteConflict', 'Cannot delete the default version of a policy.', ctx.operation);
	policy.versions = policy.versions.filter((v) => v !== version);
	policy.updateDate = latestVersionDate(policy.versions);
}

/** IAM's UpdateDate: when the newest existing version was created. */
function latestVersionDate(versions: { createDate: string }[]): string {
	return versions.reduce((latest, v) => (Date.parse(v.createDate) > Date.parse(latest) ? v.createDate : latest), versions[0]!.createDate);
}
