/**
 * Role trust policies, analysed locally (no Access Analyzer needed): who may assume a role.
 *
 * TRUST_ANY_PRINCIPAL: an Allow statement names Principal "*" (or AWS "*") with no condition
 * that restricts the caller (organization, account, principal ARN, source). An external ID
 * alone does not restrict "*": anyone who learns it gets in.
 * TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID: an Allow statement names an AWS principal of another
 * account, and neither sts:ExternalId nor an organization condition pins who may use it.
 * Service principals, federated identity providers and principals of this account are not
 * cross-account. Pure.
 */
import type { Role } from '../../core/model.js';
import type { ConditionBlock, PolicyDocument, Statement } from '../../core/policy-document.js';

export type TrustFindingId = 'TRUST_ANY_PRINCIPAL' | 'TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID';

export interface TrustIssue {
	id: TrustFindingId;
	/** Index of the statement in the trust policy. */
	statementIndex: number;
	sid?: string;
	/** The principals that make it an issue ("*", or the other accounts' ARNs / IDs). */
	principals: string[];
	/** The other accounts (empty for TRUST_ANY_PRINCIPAL). */
	accounts: string[];
}

/** Condition keys that pin who may assume the role, whatever the principal says. */
const restrictingKeys = new Set([
	'aws:principalorgid',
	'aws:principalorgpaths',
	'aws:principalaccount',
	'aws:principalarn',
	'aws:sourceaccount',
	'aws:sourcearn',
	'aws:sourceorgid',
	'aws:sourceorgpaths',
	'aws:userid',
]);
const organizationKeys = new Set(['aws:principalorgid', 'aws:principalorgpaths']);

/** A positive, mandatory test: StringEquals, ArnLike, ForAnyValue:StringEquals…; never Not…, Null or …IfExists. */
function isPositiveOperator(operator: string): boolean {
	const op = operator.replace(/^(ForAnyValue|ForAllValues):/i, '');
	return !/Not/i.test(op) && !/IfExists$/i.test(op) && !/^Null$/i.test(op) && !/^Bool$/i.test(op);
}

/** The condition keys a statement tests positively, lower-cased, with values that are not "*". */
export function positiveConditionKeys(condition: ConditionBlock | undefined): Set<string> {
	const keys = new Set<string>();
	for (const [operator, block] of Object.entries(condition ?? {})) {
		if (!isPositiveOperator(operator)) continue;
		for (const [key, values] of Object.entries(block)) {
			if (values.length > 0 && !values.every((v) => v === '*')) keys.add(key.toLowerCase());
		}
	}
	return keys;
}

function allowsAssume(statement: Statement): boolean {
	if (statement.Effect !== 'Allow') return false;
	if (statement.NotAction) return true;
	return (statement.Action ?? []).some((action) => {
		const a = action.toLowerCase();
		return a === '*' || a === 'sts:*' || a.startsWith('sts:assumerole');
	});
}

/** The account of an AWS principal (an account ID or an IAM/STS ARN); undefined for unique IDs and "*". */
export function accountOfPrincipal(principal: string): string | undefined {
	if (/^\d{12}$/.test(principal)) return principal;
	return /^arn:[\w-]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

function statementIssues(statement: Statement, index: number, accountId: string): TrustIssue[] {
	if (!allowsAssume(statement) || !statement.Principal) return [];
	const keys = positiveConditionKeys(statement.Condition);
	const aws = statement.Principal === '*' ? ['*'] : statement.Principal.AWS ?? [];
	const base = { statementIndex: index, ...(statement.Sid ? { sid: statement.Sid } : {}) };
	if (aws.includes('*')) {
		const restricted = [...keys].some((k) => restrictingKeys.has(k));
		return restricted ? [] : [{ id: 'TRUST_ANY_PRINCIPAL', ...base, principals: ['*'], accounts: [] }];
	}
	const others = aws.filter((p) => {
		const account = accountOfPrincipal(p);
		return account !== undefined && account !== accountId;
	});
	if (others.length === 0) return [];
	if (keys.has('sts:externalid') || [...keys].some((k) => organizationKeys.has(k))) return [];
	const accounts = [...new Set(others.map((p) => accountOfPrincipal(p)!))].sort();
	return [{ id: 'TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID', ...base, principals: others, accounts }];
}

/** What is wrong with one trust policy, statement by statement. */
export function analyseTrustPolicy(document: PolicyDocument, accountId: string): TrustIssue[] {
	return document.Statement.flatMap((statement, index) => statementIssues(statement, index, accountId));
}

/** Service-linked roles' trust belongs to AWS: never reported, never changed. */
export function isServiceLinkedRole(role: Role): boolean {
	return role.path.startsWith('/aws-service-role/');
}

export interface RoleTrustIssue extends TrustIssue {
	role: Role;
}

export function trustIssuesOfRoles(roles: readonly Role[], accountId: string): RoleTrustIssue[] {
	return roles.filter((role) => !isServiceLinkedRole(role)).flatMap((role) => analyseTrustPolicy(role.trustPolicy, accountId).map((issue) => ({ ...issue, role })));
}
