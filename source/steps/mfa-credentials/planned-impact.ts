/**
 * The impact a planned guardrail has on the account as it is now, in the same form the plan
 * recorded (`Action.impact`), so `apply` can refuse a plan whose impact changed: an SCP
 * attachment is judged with the document its plan creates (or the existing policy), an IAM
 * policy attachment with the group's members after the plan's AddUserToGroup calls.
 */
import type { Action } from '../../core/actions.js';
import type { AccountModel } from '../../core/model.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { deniedEntries, guardrailImpact, impactKey } from './guardrail-impact.js';

function scpDocument(action: Action<'organizations:AttachPolicy'>, plan: readonly Action[], model: AccountModel): PolicyDocument | undefined {
	const { PolicyName, PolicyId } = action.params;
	const created = plan.find((a) => a.kind === 'organizations:CreatePolicy' && a.params.Name === PolicyName);
	if (created?.kind === 'organizations:CreatePolicy') return created.params.Content;
	return model.organization?.scps?.find((p) => (PolicyId ? p.id === PolicyId : p.name === PolicyName))?.document;
}

function iamDocument(action: Action<'iam:AttachGroupPolicy'>, plan: readonly Action[], model: AccountModel): PolicyDocument | undefined {
	const name = action.params.PolicyArn.split('/').pop();
	const created = plan.find((a) => a.kind === 'iam:CreatePolicy' && a.params.PolicyName === name);
	if (created?.kind === 'iam:CreatePolicy') return created.params.PolicyDocument;
	return model.policies.find((p) => p.arn === action.params.PolicyArn)?.versions.find((v) => v.isDefault)?.document;
}

/** The guardrail action's impact now; undefined when the action carries none or its document is unknown. */
export function plannedImpactNow(action: Action, plan: readonly Action[], model: AccountModel, now: Date): string[] | undefined {
	if (!action.impact) return undefined;
	if (action.kind === 'organizations:AttachPolicy') {
		const document = scpDocument(action, plan, model);
		if (!document) return undefined;
		return deniedEntries(guardrailImpact(model, { name: action.params.PolicyName ?? action.params.PolicyId ?? 'scp', document, layer: 'scp' }, now)).map(impactKey).sort();
	}
	if (action.kind === 'iam:AttachGroupPolicy') {
		const document = iamDocument(action, plan, model);
		if (!document) return undefined;
		const group = action.params.GroupName;
		const members = new Set(model.users.filter((u) => u.groups.includes(group)).map((u) => u.name));
		for (const a of plan) if (a.kind === 'iam:AddUserToGroup' && a.params.GroupName === group) members.add(a.params.UserName);
		return deniedEntries(guardrailImpact(model, { name: group, document, layer: 'identity', members: [...members] }, now)).map(impactKey).sort();
	}
	return undefined;
}

/** Sentences for what changed between the planned and the current impact; [] when nothing did. */
export function impactChanges(planned: readonly string[], current: readonly string[]): string[] {
	const added = current.filter((x) => !planned.includes(x));
	const removed = planned.filter((x) => !current.includes(x));
	return [...(added.length > 0 ? [`now also denies ${added.join('; ')}`] : []), ...(removed.length > 0 ? [`no longer denies ${removed.join('; ')}`] : [])];
}
