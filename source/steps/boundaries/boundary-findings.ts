/**
 * BOUNDARY_MISSING (a principal that can change IAM, or a human-assumed role, without a
 * boundary) and BOUNDARY_WEAK (a boundary that itself allows IAM changes or removing or
 * replacing boundaries), both decided by the engine on probe targets: principals and
 * policies other than the principal's own credentials.
 */
import type { Finding } from '../../core/finding.js';
import { makeFinding } from '../../core/finding.js';
import type { AccountModel, Role } from '../../core/model.js';
import { compileDocument } from '../../core/policy-engine/compiled-policy.js';
import { hasAllow } from '../../core/policy-engine/decide-targets.js';
import { evaluateAccess, isPossible, type AccessDecision } from '../../core/policy-engine/evaluate-access.js';
import { boundaryRemovalActions, iamChangeActions } from '../../core/policy-engine/escalation-methods.js';
import { mayPerform } from '../../core/policy-engine/effective-permissions.js';
import type { EscalationFinding, EscalationTargets, KnownPermissions } from '../../core/policy-engine/find-escalations.js';
import type { PolicyRef, PrincipalPolicySet } from '../../core/policy-engine/principal-policies.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { statementEvidence } from './escalation-findings.js';
import { plural } from '../../core/plural.js';

export function isServiceLinkedRole(role: Pick<Role, 'path'>): boolean {
	return role.path.startsWith('/aws-service-role/');
}

export function isIdentityCenterRole(role: Pick<Role, 'path'>): boolean {
	return role.path.startsWith('/aws-reserved/sso.amazonaws.com/');
}

/** Why a role is assumed by people: Identity Center, SAML federation, or this account's users or root. */
export function humanAssumption(role: Role, accountId: string): string | undefined {
	if (isIdentityCenterRole(role)) return 'an IAM Identity Center role (people sign in to it)';
	for (const s of role.trustPolicy.Statement) {
		if (s.Effect !== 'Allow' || !s.Principal || s.Principal === '*') continue;
		if (s.Principal.Federated?.some((f) => f.includes(':saml-provider/'))) return 'trusts SAML federation (people sign in to it)';
		const own = s.Principal.AWS?.find((a) => a === accountId || new RegExp(`^arn:[^:]+:iam::${accountId}:(root|user/)`).test(a));
		if (own) return `trusts ${own} (IAM users of this account can assume it)`;
	}
	return undefined;
}

function probeFor(target: 'user' | 'role' | 'group' | 'policy', t: EscalationTargets): string {
	return t.probe[target];
}

/** The IAM changes (to principals other than its own credentials) the set allows. `known`: its effective permissions, when computed. */
export function iamChangesAllowed(set: PrincipalPolicySet, t: EscalationTargets, escalations: EscalationFinding[], known?: KnownPermissions): AccessDecision[] {
	const out: AccessDecision[] = [];
	for (const { action, target } of iamChangeActions) {
		// Most principals may not perform the action at all: skip the full evaluation (a bit test when the permissions are known).
		if (known ? !mayPerform(known.catalogue, known.permissions, action) : !hasAllow(set, action)) continue;
		const d = evaluateAccess(set, action, probeFor(target, t));
		if (isPossible(d)) out.push(d);
	}
	// Escalations through IAM on the principal itself (its own group, its own role) count too.
	for (const e of escalations) {
		for (const d of e.steps) if (d.action.startsWith('iam:') && d.action !== 'iam:PassRole' && !out.some((o) => o.action === d.action)) out.push(d);
	}
	return out;
}

export function boundaryMissingFinding(set: PrincipalPolicySet, changes: AccessDecision[], human: string | undefined): Finding | undefined {
	if (set.boundary) return undefined;
	if (changes.length === 0 && !human) return undefined;
	const p = set.principal;
	const why = [
		...(changes.length > 0 ? [`can change IAM (${changes.slice(0, 4).map((d) => d.action).join(', ')}${changes.length > 4 ? ` and ${changes.length - 4} more` : ''})`] : []),
		...(human ? [`is human-assumed: ${human}`] : []),
	];
	return makeFinding('BOUNDARY_MISSING', p.arn, `${p.type === 'user' ? 'User' : 'Role'} ${p.name} has no permissions boundary and ${why.join(' and ')}.`, {
		principal: p.arn,
		principalType: p.type,
		iamChanges: changes.map((d) => ({ action: d.action, verdict: d.verdict, allowedBy: d.allowedBy.map(statementEvidence) })),
		...(human ? { humanAssumed: human } : {}),
	});
}

/** A boundary's own verdict on IAM changes and on removing or replacing boundaries. */
export function boundaryWeaknesses(boundaryArn: string, name: string, document: PolicyDocument, t: EscalationTargets): AccessDecision[] {
	const ref: PolicyRef = { layer: 'identity', kind: 'managed', name, arn: boundaryArn };
	const alone: PrincipalPolicySet = {
		principal: { type: 'role', name: 'iam-wizard-probe', arn: t.probe.role, id: 'AROAPROBE', path: '/', groups: [] },
		identity: [{ ref, doc: compileDocument(document) }],
		boundary: null,
		missingDocuments: [],
		context: { variables: {} },
	};
	const out: AccessDecision[] = [];
	for (const { action, target } of iamChangeActions) {
		const d = evaluateAccess(alone, action, probeFor(target, t));
		if (isPossible(d)) out.push(d);
	}
	// Replacing a boundary with another policy (the hardened template allows only itself).
	for (const { action, target } of boundaryRemovalActions) {
		const d = evaluateAccess(alone, action, probeFor(target, t), { keys: { 'iam:PermissionsBoundary': [t.probe.policy] } });
		if (isPossible(d)) out.push(d);
	}
	return out;
}

export function boundaryWeakFinding(boundaryArn: string, name: string, weaknesses: AccessDecision[], principals: string[]): Finding | undefined {
	if (weaknesses.length === 0) return undefined;
	const removal = weaknesses.filter((d) => /PermissionsBoundary$/.test(d.action));
	const changes = weaknesses.filter((d) => !/PermissionsBoundary$/.test(d.action));
	const what = [
		...(changes.length > 0 ? [`IAM user/role/policy changes (${changes.slice(0, 4).map((d) => d.action).join(', ')}${changes.length > 4 ? ` and ${changes.length - 4} more` : ''})`] : []),
		...(removal.length > 0 ? [`deleting or replacing permissions boundaries (${removal.map((d) => d.action).join(', ')})`] : []),
	];
	return makeFinding('BOUNDARY_WEAK', boundaryArn, `Permissions boundary ${name} allows ${what.join(' and ')}; it is the boundary of ${plural(principals.length, 'principal')}.`, {
		policyArn: boundaryArn,
		principals,
		allows: weaknesses.map((d) => ({ action: d.action, verdict: d.verdict, allowedBy: d.allowedBy.map(statementEvidence) })),
	});
}

/** The boundaries in use: ARN → the principals using it, in model order. */
export function boundariesInUse(model: AccountModel): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const p of [...model.users, ...model.roles]) {
		if (!p.permissionsBoundary) continue;
		const list = out.get(p.permissionsBoundary) ?? [];
		list.push(p.arn);
		out.set(p.permissionsBoundary, list);
	}
	return out;
}
