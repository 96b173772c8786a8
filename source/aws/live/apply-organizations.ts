/**
 * One Organizations call per `organizations:` action kind. A policy created earlier in the
 * same batch is named by PolicyName (its ID did not exist when the plan was made); it is
 * resolved to its ID with ListPolicies just before the call.
 */
import {
	AttachPolicyCommand,
	CreatePolicyCommand,
	DeletePolicyCommand,
	DetachPolicyCommand,
	DisablePolicyTypeCommand,
	EnablePolicyTypeCommand,
} from '@aws-sdk/client-organizations';
import type { Action, ActionKind, ApplyResult } from '../../core/actions.js';
import { GatewayError } from '../../core/gateway-error.js';
import { policyDocumentToJson } from '../../core/policy-document.js';
import type { AwsCaller } from './aws-caller.js';
import { applyResult, unhandledKind } from './apply-result.js';
import { listServiceControlPolicies } from './read-organizations.js';

export type OrganizationsKind = Extract<ActionKind, `organizations:${string}`>;

export function isOrganizationsAction(action: Action): action is Action<OrganizationsKind> {
	return action.kind.startsWith('organizations:');
}

/** The policy's ID; undefined when a PolicyName matches no SCP (readState reports that as absent). */
export async function findPolicyId(caller: AwsCaller, ref: { PolicyId?: string; PolicyName?: string }): Promise<string | undefined> {
	if (ref.PolicyId) return ref.PolicyId;
	if (!ref.PolicyName) return undefined;
	const policies = await listServiceControlPolicies(caller);
	return policies.find((policy) => policy.Name === ref.PolicyName)?.Id;
}

export async function resolvePolicyId(caller: AwsCaller, ref: { PolicyId?: string; PolicyName?: string }, operation: string): Promise<string> {
	const id = await findPolicyId(caller, ref);
	if (id) return id;
	const message = ref.PolicyName
		? `No service control policy is named ${JSON.stringify(ref.PolicyName)}, so ${operation} has nothing to act on.`
		: `${operation} needs a PolicyId or a PolicyName.`;
	throw new GatewayError('PolicyNotFoundException', message, { operation });
}

export async function applyOrganizationsAction(caller: AwsCaller, action: Action<OrganizationsKind>): Promise<ApplyResult> {
	switch (action.kind) {
		case 'organizations:EnablePolicyType':
			return applyResult(await caller.send('organizations', new EnablePolicyTypeCommand(action.params)));
		case 'organizations:DisablePolicyType':
			return applyResult(await caller.send('organizations', new DisablePolicyTypeCommand(action.params)));
		case 'organizations:CreatePolicy': {
			const { Content, ...rest } = action.params;
			const output = await caller.send('organizations', new CreatePolicyCommand({ ...rest, Content: policyDocumentToJson(Content) }));
			const summary = output.Policy?.PolicySummary;
			return applyResult(output, { PolicyId: summary?.Id, PolicyArn: summary?.Arn });
		}
		case 'organizations:DeletePolicy': {
			const PolicyId = await resolvePolicyId(caller, action.params, 'organizations:DeletePolicy');
			return applyResult(await caller.send('organizations', new DeletePolicyCommand({ PolicyId })));
		}
		case 'organizations:AttachPolicy': {
			const PolicyId = await resolvePolicyId(caller, action.params, 'organizations:AttachPolicy');
			return applyResult(await caller.send('organizations', new AttachPolicyCommand({ PolicyId, TargetId: action.params.TargetId })));
		}
		case 'organizations:DetachPolicy': {
			const PolicyId = await resolvePolicyId(caller, action.params, 'organizations:DetachPolicy');
			return applyResult(await caller.send('organizations', new DetachPolicyCommand({ PolicyId, TargetId: action.params.TargetId })));
		}
		default:
			return unhandledKind(action);
	}
}
