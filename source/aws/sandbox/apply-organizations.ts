/**
 * Service control policies, with Organizations' rules: enabling the policy type attaches
 * FullAWSAccess everywhere and disabling it detaches every SCP; a target keeps at least one
 * and at most five SCPs; a policy still attached cannot be deleted. A policy may be named
 * by PolicyName when it was created earlier in the same batch (its ID was not known then).
 */
import type { ActionParams } from '../../core/actions.js';
import type { ApplyContext, Outputs } from './apply-context.js';
import { checkPolicyDocument, sizeLimits } from './check-document.js';
import { lowerId, nextSequence } from './sandbox-ids.js';
import { fail } from './sandbox-lookup.js';
import type { SandboxOrganization, SandboxScp } from './sandbox-state.js';

const scpType = 'SERVICE_CONTROL_POLICY';
const maxScpsPerTarget = 5;

/** The organization, when this account may manage its policies (the management account or a delegated policy administrator). */
function organization(ctx: ApplyContext): SandboxOrganization {
	const org = ctx.state.organization ?? fail('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.', ctx.operation);
	const account = ctx.state.account.id;
	if (org.managementAccountId !== account && !org.delegatedAdministrators.includes(account)) {
		fail('AccessDenied', 'You don’t have permissions to access this resource.', ctx.operation);
	}
	return org;
}

function resolvePolicy(ctx: ApplyContext, ref: { PolicyId?: string; PolicyName?: string }): SandboxScp {
	const org = organization(ctx);
	if (!ref.PolicyId && !ref.PolicyName) fail('InvalidInputException', 'Name the policy by PolicyId or PolicyName.', ctx.operation);
	const policy = ref.PolicyId ? org.policies.find((p) => p.id === ref.PolicyId) : org.policies.find((p) => p.name === ref.PolicyName);
	return policy ?? fail('PolicyNotFoundException', `We can't find a policy with the ${ref.PolicyId ? `PolicyId ${ref.PolicyId}` : `name ${ref.PolicyName}`}.`, ctx.operation);
}

function allTargetIds(org: SandboxOrganization): string[] {
	return [...org.roots.map((r) => r.id), ...org.organizationalUnits.map((o) => o.id), ...org.accounts.map((a) => a.id)];
}

function checkTarget(ctx: ApplyContext, org: SandboxOrganization, targetId: string): void {
	if (!allTargetIds(org).includes(targetId)) fail('TargetNotFoundException', `We can't find a root, OU, or account with the ID ${targetId}.`, ctx.operation);
}

function scpEnabled(org: SandboxOrganization): boolean {
	return org.roots.some((r) => r.policyTypes.some((t) => t.type === scpType && t.status === 'ENABLED'));
}

export function enablePolicyType(ctx: ApplyContext, p: ActionParams['organizations:EnablePolicyType']): void {
	const org = organization(ctx);
	const root = org.roots.find((r) => r.id === p.RootId) ?? fail('RootNotFoundException', `We can't find a root with the ID ${p.RootId}.`, ctx.operation);
	if (root.policyTypes.some((t) => t.type === p.PolicyType)) fail('PolicyTypeAlreadyEnabledException', 'The specified policy type is already enabled.', ctx.operation);
	root.policyTypes.push({ type: p.PolicyType, status: 'ENABLED' });
	const full = org.policies.find((x) => x.awsManaged && x.name === 'FullAWSAccess');
	if (full) full.targetIds = allTargetIds(org);
}

export function disablePolicyType(ctx: ApplyContext, p: ActionParams['organizations:DisablePolicyType']): void {
	const org = organization(ctx);
	const root = org.roots.find((r) => r.id === p.RootId) ?? fail('RootNotFoundException', `We can't find a root with the ID ${p.RootId}.`, ctx.operation);
	if (!root.policyTypes.some((t) => t.type === p.PolicyType)) fail('PolicyTypeNotEnabledException', 'This policy type is not enabled on the specified root.', ctx.operation);
	root.policyTypes = root.policyTypes.filter((t) => t.type !== p.PolicyType);
	for (const policy of org.policies) policy.targetIds = [];
}

export function createScp(ctx: ApplyContext, p: ActionParams['organizations:CreatePolicy']): Outputs {
	const org = organization(ctx);
	if (p.Type !== scpType) fail('InvalidInputException', `The sandbox supports policy type ${scpType} only, not ${String(p.Type)}.`, ctx.operation);
	if (!p.Name || p.Name.length > 128) fail('InvalidInputException', 'The policy name must be 1 to 128 characters.', ctx.operation);
	if (org.policies.some((x) => x.name === p.Name)) fail('DuplicatePolicyException', `A policy with the name ${p.Name} already exists.`, ctx.operation);
	const document = checkPolicyDocument(ctx.state, p.Content, 'scp', ctx.operation, sizeLimits.scp);
	const id = `p-${lowerId(`scp:${ctx.state.account.id}#${nextSequence(ctx.state)}`, 8)}`;
	const arn = `arn:aws:organizations::${org.managementAccountId}:policy/${org.id}/service_control_policy/${id}`;
	org.policies.push({ id, arn, name: p.Name, description: p.Description, awsManaged: false, document, targetIds: [] });
	return { PolicyId: id, PolicyArn: arn };
}

export function deleteScp(ctx: ApplyContext, p: ActionParams['organizations:DeletePolicy']): void {
	const org = organization(ctx);
	const policy = resolvePolicy(ctx, p);
	if (policy.awsManaged) fail('InvalidInputException', `${policy.name} is managed by AWS and cannot be deleted.`, ctx.operation);
	if (policy.targetIds.length > 0) {
		fail('PolicyInUseException', 'The policy is attached to one or more entities; detach it from all roots, OUs and accounts first.', ctx.operation);
	}
	org.policies = org.policies.filter((x) => x !== policy);
}

export function attachScp(ctx: ApplyContext, p: ActionParams['organizations:AttachPolicy']): void {
	const org = organization(ctx);
	const policy = resolvePolicy(ctx, p);
	checkTarget(ctx, org, p.TargetId);
	if (!scpEnabled(org)) fail('PolicyTypeNotEnabledException', 'Service control policies are not enabled on the root; enable the policy type first.', ctx.operation);
	if (policy.targetIds.includes(p.TargetId)) fail('DuplicatePolicyAttachmentException', `${policy.name} is already attached to ${p.TargetId}.`, ctx.operation);
	const attached = org.policies.filter((x) => x.targetIds.includes(p.TargetId)).length;
	if (attached >= maxScpsPerTarget) fail('ConstraintViolationException', `${p.TargetId} already has ${maxScpsPerTarget} SCPs, the most a target can have.`, ctx.operation);
	policy.targetIds.push(p.TargetId);
}

export function detachScp(ctx: ApplyContext, p: ActionParams['organizations:DetachPolicy']): void {
	const org = organization(ctx);
	const policy = resolvePolicy(ctx, p);
	checkTarget(ctx, org, p.TargetId);
	if (!policy.targetIds.includes(p.TargetId)) fail('PolicyNotAttachedException', `${policy.name} is not attached to ${p.TargetId}.`, ctx.operation);
	const attached = org.policies.filter((x) => x.targetIds.includes(p.TargetId)).length;
	if (attached <= 1) fail('ConstraintViolationException', `${policy.name} is the last SCP on ${p.TargetId}; a target must keep at least one.`, ctx.operation);
	policy.targetIds = policy.targetIds.filter((id) => id !== p.TargetId);
}
