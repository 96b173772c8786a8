/**
 * Managed-policy attachments and inline policies of users, groups and roles. Attaching what
 * is already attached and re-putting an inline policy are accepted as IAM accepts them;
 * detaching what is not attached and deleting a missing inline policy are NoSuchEntity.
 */
import type { AttachedPolicyRef, InlinePolicy } from '../../core/model.js';
import type { ApplyContext } from './apply-context.js';
import { checkPolicyDocument, documentSize, sizeLimits } from './check-document.js';
import { attachablePolicy, checkName, fail, findGroup, findUser, modifiableRole } from './sandbox-lookup.js';

interface Holder {
	attachedPolicies: AttachedPolicyRef[];
	inlinePolicies: InlinePolicy[];
}

export type Entity = 'User' | 'Group' | 'Role';

const maxAttached = 10;

function holder(ctx: ApplyContext, entity: Entity, name: string): Holder {
	if (entity === 'User') return findUser(ctx.state, name, ctx.operation);
	if (entity === 'Group') return findGroup(ctx.state, name, ctx.operation);
	return modifiableRole(ctx.state, name, ctx.operation);
}

export function attachPolicy(ctx: ApplyContext, entity: Entity, name: string, policyArn: string): void {
	const target = holder(ctx, entity, name);
	const policy = attachablePolicy(ctx.state, policyArn, ctx.operation);
	if (target.attachedPolicies.some((ref) => ref.arn === policyArn)) return;
	if (target.attachedPolicies.length >= maxAttached) {
		fail('LimitExceeded', `Cannot exceed quota for PoliciesPer${entity}: ${maxAttached}.`, ctx.operation);
	}
	target.attachedPolicies.push({ arn: policy.arn, name: policy.name });
}

export function detachPolicy(ctx: ApplyContext, entity: Entity, name: string, policyArn: string): void {
	const target = holder(ctx, entity, name);
	const index = target.attachedPolicies.findIndex((ref) => ref.arn === policyArn);
	if (index < 0) fail('NoSuchEntity', `Policy ${policyArn} was not found attached to ${entity.toLowerCase()} ${name}.`, ctx.operation);
	target.attachedPolicies.splice(index, 1);
}

const inlineLimits: Record<Entity, number> = { User: sizeLimits.userInline, Group: sizeLimits.groupInline, Role: sizeLimits.roleInline };

export function putInlinePolicy(ctx: ApplyContext, entity: Entity, name: string, policyName: string, input: unknown): void {
	const target = holder(ctx, entity, name);
	checkName('policy', policyName, 128, ctx.operation);
	// The quota is on all of the entity's inline policies together, checked below.
	const document = checkPolicyDocument(ctx.state, input, 'identity', ctx.operation, Number.POSITIVE_INFINITY);
	const others = target.inlinePolicies.filter((p) => p.name !== policyName);
	const total = others.reduce((n, p) => n + documentSize(p.document), 0) + documentSize(document);
	if (total > inlineLimits[entity]) {
		fail('LimitExceeded', `Cannot exceed quota for ${entity}PolicySize: ${inlineLimits[entity]} (the ${entity.toLowerCase()}'s inline policies would total ${total} characters).`, ctx.operation);
	}
	const existing = target.inlinePolicies.find((p) => p.name === policyName);
	if (existing) existing.document = document;
	else target.inlinePolicies.push({ name: policyName, document });
}

export function deleteInlinePolicy(ctx: ApplyContext, entity: Entity, name: string, policyName: string): void {
	const target = holder(ctx, entity, name);
	const index = target.inlinePolicies.findIndex((p) => p.name === policyName);
	if (index < 0) fail('NoSuchEntity', `The ${entity.toLowerCase()} policy with name ${policyName} cannot be found.`, ctx.operation);
	target.inlinePolicies.splice(index, 1);
}

