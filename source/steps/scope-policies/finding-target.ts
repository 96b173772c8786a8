/**
 * Where a step-3 finding points (FINDINGS.md): a customer-managed policy's own ARN with
 * the principals in `evidence.principals`; an inline policy's owner with
 * `evidence.policyName`; an AWS-managed policy, one finding per principal it is attached
 * to with `evidence.policyArn`. The fingerprint qualifier keeps them apart.
 */
import { makeFinding, type Finding } from '../../core/finding.js';
import type { FindingId } from '../../core/finding-catalogue.js';
import type { PolicyPrincipal, PolicySource } from './policy-sources.js';

export interface FindingDraft {
	id: FindingId;
	/** Says what the policy does; the target adds "on principal X" for AWS-managed policies. */
	detail: string;
	evidence: Record<string, unknown>;
	/** Told apart within one policy (POLICY_VALIDATION: the issue code). */
	qualifier?: string;
	/** For AWS-managed policies: only these principals (default: all it is attached to). */
	principals?: PolicyPrincipal[];
}

const arns = (principals: readonly PolicyPrincipal[]) => principals.map((p) => p.arn);

export function findingsFor(source: PolicySource, draft: FindingDraft): Finding[] {
	const extra = draft.qualifier ? `:${draft.qualifier}` : '';
	if (source.kind === 'customer-managed') {
		return [
			makeFinding(draft.id, source.key, draft.detail, { policyArn: source.key, policyName: source.name, principals: arns(source.principals), ...draft.evidence }, draft.qualifier ? { qualifier: draft.qualifier } : {}),
		];
	}
	if (source.kind === 'inline') {
		const owner = source.owner!;
		return [
			makeFinding(draft.id, owner.arn, draft.detail, { policyName: source.name, ownerType: owner.type, ...draft.evidence }, { qualifier: `${source.name}${extra}` }),
		];
	}
	return (draft.principals ?? source.principals).map((principal) =>
		makeFinding(draft.id, principal.arn, `${draft.detail} (AWS-managed, attached to ${principal.type} ${principal.name})`, { policyArn: source.key, policyName: source.name, principalType: principal.type, ...draft.evidence }, {
			qualifier: `${source.key}${extra}`,
		}),
	);
}
