/**
 * IAM's size quotas for identity policies. IAM counts the characters of the JSON without
 * whitespace; a managed policy version may hold 6,144, and the inline policies of one
 * principal share one aggregate quota (2,048 for a user, 5,120 for a group, 10,240 for a role).
 */
import { policyDocumentToJson, type PolicyDocument } from './policy-document.js';

export const policySizeLimits = {
	managedPolicy: 6144,
	userInline: 2048,
	groupInline: 5120,
	roleInline: 10240,
} as const;

export type InlineOwnerType = 'user' | 'group' | 'role';

/** The size IAM counts: the JSON iam-wizard sends, whitespace removed. */
export function policySize(document: PolicyDocument): number {
	return policyDocumentToJson(document).replace(/\s/g, '').length;
}

export function inlineLimitOf(owner: InlineOwnerType): number {
	return owner === 'user' ? policySizeLimits.userInline : owner === 'group' ? policySizeLimits.groupInline : policySizeLimits.roleInline;
}

export interface SizeCheck {
	size: number;
	limit: number;
	/** What the limit applies to, for the operator. */
	what: string;
	fits: boolean;
}

export function checkManagedPolicySize(document: PolicyDocument): SizeCheck {
	const size = policySize(document);
	return { size, limit: policySizeLimits.managedPolicy, what: 'a managed policy version', fits: size <= policySizeLimits.managedPolicy };
}

/**
 * The aggregate of a principal's inline policies once `name` holds `document` (replacing
 * the policy of that name, if any): all of them must fit together.
 */
export function checkInlineAggregateSize(
	owner: InlineOwnerType,
	existing: readonly { name: string; document: PolicyDocument }[],
	name: string,
	document: PolicyDocument,
): SizeCheck {
	const others = existing.filter((p) => p.name !== name).reduce((sum, p) => sum + policySize(p.document), 0);
	const size = others + policySize(document);
	const limit = inlineLimitOf(owner);
	return { size, limit, what: `the inline policies of a ${owner} together`, fits: size <= limit };
}
