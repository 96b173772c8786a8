/**
 * The checks IAM and Organizations make on a policy document before storing it: that it
 * parses, has the fields its kind requires and none it forbids, names actions as
 * `service:Action`, resources as ARNs, principals that exist, and fits the size quota.
 * They do not check that an action exists (IAM accepts `s3:GetObjects`; Access Analyzer's
 * ValidatePolicy is what catches it).
 */
import { normalisePolicyDocument, PolicyDocumentError, policyDocumentToJson, type PolicyDocument, type Statement } from '../../core/policy-document.js';
import { fail } from './sandbox-lookup.js';
import type { SandboxState } from './sandbox-state.js';

export type DocumentKind = 'identity' | 'trust' | 'scp';

const actionPattern = /^([a-z0-9-]+:[A-Za-z0-9*?]+|\*)$/;

function malformed(kind: DocumentKind, message: string, operation: string): never {
	fail(kind === 'scp' ? 'MalformedPolicyDocumentException' : 'MalformedPolicyDocument', message, operation);
}

function checkActions(kind: DocumentKind, statement: Statement, operation: string): void {
	const actions = statement.Action ?? statement.NotAction;
	if (!actions || (statement.Action && statement.NotAction)) malformed(kind, 'Each statement must have exactly one of Action or NotAction.', operation);
	for (const action of actions) {
		if (!actionPattern.test(action)) malformed(kind, `Action "${action}" must be "*" or prefixed by a service, e.g. "iam:ListUsers".`, operation);
	}
}

function checkResources(kind: DocumentKind, statement: Statement, operation: string): void {
	const resources = statement.Resource ?? statement.NotResource;
	if (!resources) {
		if (kind === 'scp') return;
		malformed(kind, 'Each statement must have a Resource or NotResource.', operation);
	}
	for (const resource of resources) {
		if (resource !== '*' && !resource.startsWith('arn:')) malformed(kind, `Resource ${resource} must be in ARN format or "*".`, operation);
	}
}

/** A principal ARN in this account must name a user or role that exists, as IAM checks on save. */
function checkPrincipals(state: SandboxState, statement: Statement, operation: string): void {
	const principal = statement.Principal;
	if (!principal) malformed('trust', 'A trust policy statement must have a Principal.', operation);
	if (principal === '*') return;
	for (const value of principal.AWS ?? []) {
		if (value === '*' || /^\d{12}$/.test(value)) continue;
		const match = /^arn:aws:iam::(\d{12}):(root|user\/.+|role\/.+)$/.exec(value);
		if (!match) malformed('trust', `Invalid principal in policy: "AWS":"${value}".`, operation);
		if (match[1] !== state.account.id || match[2] === 'root') continue;
		const known = [...state.users, ...state.roles].some((p) => p.arn === value);
		if (!known) malformed('trust', `Invalid principal in policy: "AWS":"${value}".`, operation);
	}
}

/** Parses and checks `input`; returns the normalised document that will be stored. */
export function checkPolicyDocument(state: SandboxState, input: unknown, kind: DocumentKind, operation: string, sizeLimit: number): PolicyDocument {
	let document: PolicyDocument;
	try {
		document = normalisePolicyDocument(input);
	} catch (error) {
		if (error instanceof PolicyDocumentError) malformed(kind, `Syntax errors in policy: ${error.message}.`, operation);
		throw error;
	}
	if (document.Version !== undefined && document.Version !== '2012-10-17' && document.Version !== '2008-10-17') {
		malformed(kind, `The policy version "${document.Version}" is not supported; use "2012-10-17".`, operation);
	}
	if (document.Statement.length === 0) malformed(kind, 'The policy must contain at least one statement.', operation);
	for (const statement of document.Statement) {
		checkActions(kind, statement, operation);
		if (kind === 'trust') {
			if (statement.Resource || statement.NotResource) malformed(kind, 'Has prohibited field Resource.', operation);
			checkPrincipals(state, statement, operation);
		} else {
			if (statement.Principal || statement.NotPrincipal) malformed(kind, 'Policy document should not specify a principal.', operation);
			checkResources(kind, statement, operation);
		}
	}
	const size = documentSize(document);
	if (size > sizeLimit) {
		fail(kind === 'scp' ? 'ConstraintViolationException' : 'LimitExceeded', `Cannot exceed quota for PolicySize: ${sizeLimit} (this document is ${size} characters).`, operation);
	}
	return document;
}

/** IAM counts characters without whitespace. */
export function documentSize(document: PolicyDocument): number {
	return policyDocumentToJson(document).replace(/\s/g, '').length;
}

export const sizeLimits = {
	managedPolicy: 6144,
	userInline: 2048,
	groupInline: 5120,
	roleInline: 10240,
	trustPolicy: 2048,
	scp: 5120,
} as const;
