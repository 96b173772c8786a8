/**
 * Every identity policy step 3 looks at, once, with who it applies to: customer-managed
 * policies (their default version), inline policies of users, groups and roles, and the
 * AWS-managed policies in use. Findings and proposals are built from these.
 */
import type { PrincipalType } from '../../core/break-glass.js';
import type { AccountModel, InlinePolicy, ManagedPolicy } from '../../core/model.js';
import type { PolicyDocument } from '../../core/policy-document.js';

export interface PolicyPrincipal {
	type: PrincipalType;
	name: string;
	arn: string;
	path: string;
}

export type PolicySourceKind = 'customer-managed' | 'inline' | 'aws-managed';

export interface PolicySource {
	/** The policy ARN; for an inline policy `OWNER_ARN#NAME`. */
	key: string;
	kind: PolicySourceKind;
	name: string;
	document: PolicyDocument;
	/** Managed policies. */
	policy?: ManagedPolicy;
	/** Inline policies: the principal that holds it. */
	owner?: PolicyPrincipal;
	/** The users, groups and roles it is attached to (the owner for an inline policy). */
	principals: PolicyPrincipal[];
}

export function inlineKey(ownerArn: string, name: string): string {
	return `${ownerArn}#${name}`;
}

function defaultDocument(policy: ManagedPolicy): PolicyDocument | undefined {
	return policy.versions.find((v) => v.isDefault)?.document ?? policy.versions.find((v) => v.versionId === policy.defaultVersionId)?.document;
}

export function policySources(model: AccountModel): PolicySource[] {
	const attached = new Map<string, PolicyPrincipal[]>();
	const sources: PolicySource[] = [];
	const holders: [PrincipalType, { name: string; arn: string; path: string; attachedPolicies: { arn: string }[]; inlinePolicies: InlinePolicy[] }[]][] = [
		['user', model.users],
		['group', model.groups],
		['role', model.roles],
	];
	for (const [type, list] of holders) {
		for (const holder of list) {
			const principal: PolicyPrincipal = { type, name: holder.name, arn: holder.arn, path: holder.path };
			for (const ref of holder.attachedPolicies) {
				const list = attached.get(ref.arn);
				if (list) list.push(principal);
				else attached.set(ref.arn, [principal]);
			}
			for (const inline of holder.inlinePolicies) {
				sources.push({ key: inlineKey(holder.arn, inline.name), kind: 'inline', name: inline.name, document: inline.document, owner: principal, principals: [principal] });
			}
		}
	}
	for (const policy of model.policies) {
		const document = defaultDocument(policy);
		if (!document) continue;
		sources.push({
			key: policy.arn,
			kind: policy.awsManaged ? 'aws-managed' : 'customer-managed',
			name: policy.name,
			document,
			policy,
			principals: attached.get(policy.arn) ?? [],
		});
	}
	return sources;
}

/** Service-linked roles belong to their service: IAM refuses changes (UnmodifiableEntity). */
export function isServiceLinked(principal: Pick<PolicyPrincipal, 'type' | 'path'>): boolean {
	return principal.type === 'role' && principal.path.startsWith('/aws-service-role/');
}
