/**
 * Which principals are people (FINDINGS.md): IAM users with a console password, IAM
 * Identity Center roles, and roles whose trust names SAML or OIDC federation for people,
 * or IAM users / the account root. A group stands for its human members.
 */
import type { AccountModel, Role, User } from '../../core/model.js';
import type { PolicyPrincipal } from './policy-sources.js';

/** OIDC issuers of workloads, not of people: CI systems and Kubernetes service accounts. */
const workloadIssuers = [/token\.actions\.githubusercontent\.com/, /gitlab\./, /oidc\.eks\./, /app\.terraform\.io/, /oidc\.circleci\.com/, /bitbucket/];

export interface PrincipalIndex {
	users: Map<string, User>;
	roles: Map<string, Role>;
	/** Group name → its member users. */
	members: Map<string, User[]>;
	passwordInReport: Set<string>;
}

const indexes = new WeakMap<AccountModel, PrincipalIndex>();

/** Lookups by ARN and group membership, built once per model (large accounts have thousands). */
export function principalIndex(model: AccountModel): PrincipalIndex {
	let index = indexes.get(model);
	if (index) return index;
	index = { users: new Map(), roles: new Map(), members: new Map(), passwordInReport: new Set() };
	for (const user of model.users) {
		index.users.set(user.arn, user);
		for (const group of user.groups) index.members.set(group, [...(index.members.get(group) ?? []), user]);
	}
	for (const role of model.roles) index.roles.set(role.arn, role);
	for (const row of model.credentialReport?.rows ?? []) if (row.passwordEnabled === true) index.passwordInReport.add(row.arn);
	indexes.set(model, index);
	return index;
}

export function userHasConsolePassword(model: AccountModel, user: User): boolean {
	if (user.loginProfile !== undefined) return user.loginProfile !== null;
	return principalIndex(model).passwordInReport.has(user.arn);
}

export function isHumanRole(role: Role): boolean {
	if (role.path.startsWith('/aws-reserved/sso.amazonaws.com/')) return true;
	return role.trustPolicy.Statement.some((statement) => {
		if (statement.Effect !== 'Allow' || !statement.Principal) return false;
		if (statement.Principal === '*') return false;
		for (const federated of statement.Principal.Federated ?? []) {
			if (federated.includes(':saml-provider/')) return true;
			if (!workloadIssuers.some((issuer) => issuer.test(federated))) return true;
		}
		return (statement.Principal.AWS ?? []).some((p) => /:root$/.test(p) || /:user\//.test(p) || /^\d{12}$/.test(p));
	});
}

/**
 * Answers by principal object: policySources makes one per user, group and role, shared by every
 * policy it holds, and step 3 asks of each policy's principals (thousands of times on a large account).
 */
const humansOf = new WeakMap<PolicyPrincipal, { model: AccountModel; humans: readonly PolicyPrincipal[] }>();

/** The people a principal stands for: itself when human, a group's human members. */
export function humansBehind(model: AccountModel, principal: PolicyPrincipal): readonly PolicyPrincipal[] {
	const known = humansOf.get(principal);
	if (known?.model === model) return known.humans;
	const humans = findHumansBehind(model, principal);
	humansOf.set(principal, { model, humans });
	return humans;
}

function findHumansBehind(model: AccountModel, principal: PolicyPrincipal): PolicyPrincipal[] {
	const index = principalIndex(model);
	if (principal.type === 'user') {
		const user = index.users.get(principal.arn);
		return user && userHasConsolePassword(model, user) ? [principal] : [];
	}
	if (principal.type === 'role') {
		const role = index.roles.get(principal.arn);
		return role && isHumanRole(role) ? [principal] : [];
	}
	return (index.members.get(principal.name) ?? [])
		.filter((u) => userHasConsolePassword(model, u))
		.map((u) => ({ type: 'user' as const, name: u.name, arn: u.arn, path: u.path }));
}
