/**
 * Which principals are people (FINDINGS.md): IAM users with a console password, IAM
 * Identity Center roles, and roles whose trust names SAML or OIDC federation for people,
 * or IAM users / the account root. A group stands for its human members.
 */
import type { AccountModel, Role, User } from '../../core/model.js';
import type { PolicyPrincipal } from './policy-sources.js';

/** OIDC issuers of workloads, not of people: CI systems and Kubernetes service accounts. */
const workloadIssuers = [/token\.actions\.githubusercontent\.com/, /gitlab\./, /oidc\.eks\./, /app\.terraform\.io/, /oidc\.circleci\.com/, /bitbucket/];

export function userHasConsolePassword(model: AccountModel, user: User): boolean {
	if (user.loginProfile !== undefined) return user.loginProfile !== null;
	const row = model.credentialReport?.rows.find((r) => r.arn === user.arn);
	return row?.passwordEnabled === true;
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

/** The people a principal stands for: itself when human, a group's human members. */
export function humansBehind(model: AccountModel, principal: PolicyPrincipal): PolicyPrincipal[] {
	if (principal.type === 'user') {
		const user = model.users.find((u) => u.arn === principal.arn);
		return user && userHasConsolePassword(model, user) ? [principal] : [];
	}
	if (principal.type === 'role') {
		const role = model.roles.find((r) => r.arn === principal.arn);
		return role && isHumanRole(role) ? [principal] : [];
	}
	return model.users
		.filter((u) => u.groups.includes(principal.name) && userHasConsolePassword(model, u))
		.map((u) => ({ type: 'user' as const, name: u.name, arn: u.arn, path: u.path }));
}
