/**
 * A fixed trust policy for a TRUST_* issue, in one of three ways the operator chooses:
 * require an external ID (the third party must send it), require the caller to be in this
 * organization, or replace the over-broad principal with a named one. Only the offending
 * statement changes. Pure.
 */
import type { Action } from '../../core/actions.js';
import type { Role } from '../../core/model.js';
import type { PolicyDocument, Statement } from '../../core/policy-document.js';
import type { RoleTrustIssue, TrustIssue } from './trust-analysis.js';

export type TrustFix =
	| { kind: 'external-id'; externalId: string }
	| { kind: 'organization'; organizationId: string }
	| { kind: 'principal'; principalArn: string };

export function describeTrustFix(fix: TrustFix): string {
	switch (fix.kind) {
		case 'external-id':
			return `require sts:ExternalId ${fix.externalId}`;
		case 'organization':
			return `require aws:PrincipalOrgID ${fix.organizationId}`;
		case 'principal':
			return `trust only ${fix.principalArn}`;
	}
}

function withCondition(statement: Statement, key: string, value: string): Statement {
	const condition = structuredClone(statement.Condition ?? {});
	condition.StringEquals = { ...(condition.StringEquals ?? {}), [key]: [value] };
	return { ...statement, Condition: condition };
}

function withPrincipal(statement: Statement, issue: TrustIssue, principalArn: string): Statement {
	if (statement.Principal === '*' || statement.Principal === undefined) return { ...statement, Principal: { AWS: [principalArn] } };
	const offending = new Set(issue.principals);
	const kept = (statement.Principal.AWS ?? []).filter((p) => !offending.has(p));
	return { ...statement, Principal: { ...statement.Principal, AWS: [...new Set([...kept, principalArn])] } };
}

export function fixedTrustPolicy(document: PolicyDocument, issue: TrustIssue, fix: TrustFix): PolicyDocument {
	const statements = document.Statement.map((statement, index) => {
		if (index !== issue.statementIndex) return structuredClone(statement);
		if (fix.kind === 'external-id') return withCondition(statement, 'sts:ExternalId', fix.externalId);
		if (fix.kind === 'organization') return withCondition(statement, 'aws:PrincipalOrgID', fix.organizationId);
		return withPrincipal(statement, issue, fix.principalArn);
	});
	return { ...(document.Version ? { Version: document.Version } : { Version: '2012-10-17' }), ...(document.Id ? { Id: document.Id } : {}), Statement: statements };
}

export function trustFixValid(fix: TrustFix): string | undefined {
	if (fix.kind === 'external-id' && !/^[\w+=,.@:/-]{2,1224}$/.test(fix.externalId)) {
		return 'An external ID is 2 to 1224 characters: letters, digits and +=,.@:/-_';
	}
	if (fix.kind === 'organization' && !/^o-[a-z0-9]{10,32}$/.test(fix.organizationId)) return 'An organization ID looks like o-a1b2c3d4e5';
	if (fix.kind === 'principal' && !/^arn:[\w-]+:(?:iam|sts)::\d{12}:(?:root|role\/.+|user\/.+|assumed-role\/.+)$/.test(fix.principalArn)) {
		return 'Name an IAM role, user or account root ARN';
	}
	return undefined;
}

/**
 * The fix proposed by default: the organization when the account is in one and the role
 * trusts anyone; an external ID derived from the role's ID for a third party (give it to the
 * third party before applying); otherwise this account's root.
 */
export function defaultTrustFix(issue: TrustIssue, role: Role, accountId: string, partition: string, organizationId?: string): TrustFix {
	if (issue.id === 'TRUST_ANY_PRINCIPAL') {
		return organizationId ? { kind: 'organization', organizationId } : { kind: 'principal', principalArn: `arn:${partition}:iam::${accountId}:root` };
	}
	return { kind: 'external-id', externalId: `iam-wizard-${role.id}` };
}

/** One UpdateAssumeRolePolicy for every issue of one role (statements keep their places, so fixes compose). */
export function trustFixAction(fixes: readonly { issue: RoleTrustIssue; fix: TrustFix; fingerprint: string }[]): Action<'iam:UpdateAssumeRolePolicy'> {
	const role = fixes[0]!.issue.role;
	const document = fixes.reduce((doc, { issue, fix }) => fixedTrustPolicy(doc, issue, fix), role.trustPolicy);
	return {
		kind: 'iam:UpdateAssumeRolePolicy',
		params: { RoleName: role.name, PolicyDocument: document },
		step: 2,
		findingIds: fixes.map((f) => f.fingerprint),
		summary: `Fix the trust policy of role ${role.name}: ${[...new Set(fixes.map((f) => describeTrustFix(f.fix)))].join('; ')}`,
	};
}
