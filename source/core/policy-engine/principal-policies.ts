/**
 * Everything that decides what one user or role may do, gathered from the account model:
 * its inline and managed policies, those of its groups (with the group named as `via`),
 * its permissions boundary, and the service control policies that apply to the account.
 *
 * SCPs never restrict the organization's management account; when the model is of the
 * management account they are left out and the set says so, rather than letting a
 * FullAWSAccess-only or deny-heavy SCP hide or invent findings there.
 */
import type { AccountModel, AttachedPolicyRef, Group, InlinePolicy, ManagedPolicy, Role, User } from '../model.js';
import type { PolicyDocument } from '../policy-document.js';
import { compileDocument, type CompiledDocument } from './compiled-policy.js';
import type { RequestContext } from './condition-eval.js';

export type PolicyLayer = 'identity' | 'boundary' | 'scp';

export interface PolicyRef {
	layer: PolicyLayer;
	/** Inline policies have no ARN; their owner's is in `owner`. */
	kind: 'inline' | 'managed' | 'scp';
	name: string;
	arn?: string;
	awsManaged?: boolean;
	/** The group it comes through, for a group's policy attributed to a member. */
	via?: string;
	/** The ARN of the principal or group an inline policy belongs to. */
	owner?: string;
	/** For an SCP: where it is attached (root, OU or account ID). */
	target?: string;
}

export interface AttachedDocument {
	ref: PolicyRef;
	doc: CompiledDocument;
}

export interface PrincipalRef {
	type: 'user' | 'role';
	name: string;
	arn: string;
	id: string;
	path: string;
	/** Group names (users only). */
	groups: string[];
}

export interface ScpLayer {
	/** False for the management account (SCPs do not apply to it) or when SCPs are not enabled. */
	applies: boolean;
	/** One sentence for evidence: why SCPs were or were not applied. */
	note: string;
	/** Each level (root, account) must allow an action; within a level one SCP allowing is enough. */
	levels: { target: string; docs: AttachedDocument[] }[];
}

export interface PrincipalPolicySet {
	principal: PrincipalRef;
	identity: AttachedDocument[];
	/** null: no boundary. `doc` is absent when the boundary's document was not read. */
	boundary: null | { ref: PolicyRef; doc?: CompiledDocument };
	/** undefined: the organization (or its SCPs) is not known. */
	scps?: ScpLayer;
	/** Managed policies attached to the principal or its groups whose documents are not in the model. */
	missingDocuments: PolicyRef[];
	/** Policy variables and what is known of the principal for every request it makes. */
	context: RequestContext;
}

interface PolicyLookup {
	managed: Map<string, { policy: ManagedPolicy; document?: PolicyDocument }>;
	/** Each attachment (policy, name, group it comes through) once, shared by every principal that has it. */
	attachments: Map<string, { ref: PolicyRef; doc?: CompiledDocument }>;
	groups: Map<string, Group>;
	scps?: ScpLayer;
}

const lookups = new WeakMap<AccountModel, PolicyLookup>();

function defaultDocument(policy: ManagedPolicy): PolicyDocument | undefined {
	return (policy.versions.find((v) => v.isDefault) ?? policy.versions.find((v) => v.versionId === policy.defaultVersionId))?.document;
}

function scpLayer(model: AccountModel): ScpLayer | undefined {
	const org = model.organization;
	if (!org || !org.scps) return undefined;
	if (org.managementAccountId === model.accountId) {
		return {
			applies: false,
			note: `Account ${model.accountId} is the organization's management account: service control policies do not apply to it, so none were taken into account.`,
			levels: [],
		};
	}
	const enabled = org.roots.some((r) => r.policyTypes.some((t) => t.type === 'SERVICE_CONTROL_POLICY' && t.status === 'ENABLED'));
	if (!enabled) return { applies: false, note: 'Service control policies are not enabled in the organization.', levels: [] };
	const levels: ScpLayer['levels'] = [];
	const ouTargets = new Set<string>();
	for (const root of org.roots) levels.push({ target: root.id, docs: [] });
	// Every OU on the account's path is a level of its own, from the root down.
	for (const ou of [...(org.accountParents ?? [])].reverse()) levels.push({ target: ou, docs: [] });
	levels.push({ target: model.accountId, docs: [] });
	for (const scp of org.scps) {
		for (const target of scp.targets) {
			const level = levels.find((l) => l.target === target.targetId);
			const attached: AttachedDocument = { ref: { layer: 'scp', kind: 'scp', name: scp.name, arn: scp.arn, awsManaged: scp.awsManaged, target: target.targetId }, doc: compileDocument(scp.document) };
			if (level) level.docs.push(attached);
			// An OU off the account's path does not apply to it; only an unknown path leaves OU SCPs unapplied.
			else if (target.type === 'ORGANIZATIONAL_UNIT' && org.accountParents === undefined) ouTargets.add(target.targetId);
		}
	}
	const used = levels.filter((l) => l.docs.length > 0);
	const ouNote = ouTargets.size > 0 ? ` SCPs on organizational units (${[...ouTargets].join(', ')}) were not applied: the account's OU is not known, so they can only make the result stricter than shown.` : '';
	const path = org.accountParents && org.accountParents.length > 0 ? `, of its organizational units (${org.accountParents.join(', ')})` : '';
	return { applies: true, note: `Service control policies of the root${path} and of account ${model.accountId} were applied.${ouNote}`, levels: used };
}

function lookupOf(model: AccountModel): PolicyLookup {
	let lookup = lookups.get(model);
	if (lookup) return lookup;
	lookup = { managed: new Map(), attachments: new Map(), groups: new Map() };
	for (const policy of model.policies) {
		const document = defaultDocument(policy);
		lookup.managed.set(policy.arn, { policy, ...(document ? { document } : {}) });
	}
	for (const group of model.groups) lookup.groups.set(group.name, group);
	const scps = scpLayer(model);
	if (scps) lookup.scps = scps;
	lookups.set(model, lookup);
	return lookup;
}

function inlineDocs(policies: InlinePolicy[], owner: string, via?: string): AttachedDocument[] {
	return policies.map((p) => ({
		ref: { layer: 'identity', kind: 'inline', name: p.name, owner, ...(via ? { via } : {}) },
		doc: compileDocument(p.document),
	}));
}

function managedDocs(lookup: PolicyLookup, refs: AttachedPolicyRef[], missing: PolicyRef[], via?: string): AttachedDocument[] {
	const out: AttachedDocument[] = [];
	for (const attached of refs) {
		const key = `${attached.arn}\u0000${attached.name}\u0000${via ?? ''}`;
		let shared = lookup.attachments.get(key);
		if (!shared) {
			const known = lookup.managed.get(attached.arn);
			const ref: PolicyRef = {
				layer: 'identity',
				kind: 'managed',
				name: attached.name,
				arn: attached.arn,
				awsManaged: known?.policy.awsManaged ?? attached.arn.includes(':aws:policy/'),
				...(via ? { via } : {}),
			};
			shared = known?.document ? { ref, doc: compileDocument(known.document) } : { ref };
			lookup.attachments.set(key, shared);
		}
		if (shared.doc) out.push(shared as AttachedDocument);
		else missing.push(shared.ref);
	}
	return out;
}

function principalContext(model: AccountModel, principal: User | Role, type: 'user' | 'role'): RequestContext {
	const variables: Record<string, string> = { 'aws:PrincipalAccount': model.accountId, 'aws:PrincipalType': type === 'user' ? 'User' : 'AssumedRole' };
	if (type === 'user') {
		variables['aws:username'] = principal.name;
		variables['aws:userid'] = principal.id;
	}
	const keys: Record<string, string[]> = { 'aws:PrincipalArn': [principal.arn], 'aws:PrincipalAccount': [model.accountId] };
	for (const tag of principal.tags) {
		variables[`aws:PrincipalTag/${tag.Key}`] = tag.Value;
		// Known for every request it makes: trust and identity conditions on its tags are decided.
		keys[`aws:PrincipalTag/${tag.Key}`] = [tag.Value];
	}
	return {
		variables,
		keys,
		// The model's read time decides the time conditions that can no longer hold.
		...(model.readAt ? { now: model.readAt } : {}),
	};
}

/** The policies that decide what a user or role may do. */
export function principalPolicies(model: AccountModel, principal: User | Role, type: 'user' | 'role'): PrincipalPolicySet {
	const lookup = lookupOf(model);
	const missing: PolicyRef[] = [];
	const identity: AttachedDocument[] = [...inlineDocs(principal.inlinePolicies, principal.arn), ...managedDocs(lookup, principal.attachedPolicies, missing)];
	const groups = type === 'user' ? (principal as User).groups : [];
	for (const name of groups) {
		const group = lookup.groups.get(name);
		if (!group) continue;
		identity.push(...inlineDocs(group.inlinePolicies, group.arn, name), ...managedDocs(lookup, group.attachedPolicies, missing, name));
	}
	let boundary: PrincipalPolicySet['boundary'] = null;
	if (principal.permissionsBoundary) {
		const known = lookup.managed.get(principal.permissionsBoundary);
		const ref: PolicyRef = {
			layer: 'boundary',
			kind: 'managed',
			name: known?.policy.name ?? principal.permissionsBoundary.split('/').pop()!,
			arn: principal.permissionsBoundary,
			awsManaged: known?.policy.awsManaged ?? principal.permissionsBoundary.includes(':aws:policy/'),
		};
		boundary = known?.document ? { ref, doc: compileDocument(known.document) } : { ref };
	}
	return {
		principal: { type, name: principal.name, arn: principal.arn, id: principal.id, path: principal.path, groups },
		identity,
		boundary,
		...(lookup.scps ? { scps: lookup.scps } : {}),
		missingDocuments: missing,
		context: principalContext(model, principal, type),
	};
}

/** Every user and role of the model with its policy set, users first. */
export function allPrincipalPolicies(model: AccountModel): PrincipalPolicySet[] {
	return [...model.users.map((u) => principalPolicies(model, u, 'user')), ...model.roles.map((r) => principalPolicies(model, r, 'role'))];
}
