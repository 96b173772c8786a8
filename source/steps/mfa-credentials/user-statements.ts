/** What an IAM user is allowed, as documents the model holds: its own and its groups' policies. */
import type { AccountModel, User } from '../../core/model.js';
import type { Statement } from '../../core/policy-document.js';

/** The user's identity-policy statements (own and groups', inline and customer-managed), and the AWS-managed policies it has. */
export function effectiveStatements(model: AccountModel, user: User): { statements: Statement[]; awsManaged: string[] } {
	const groups = model.groups.filter((g) => user.groups.includes(g.name));
	const inline = [user, ...groups].flatMap((p) => p.inlinePolicies.flatMap((i) => i.document.Statement));
	const attachedArns = [...new Set([user, ...groups].flatMap((p) => p.attachedPolicies.map((a) => a.arn)))];
	const managed = attachedArns.flatMap((arn) => model.policies.filter((p) => p.arn === arn));
	const customer = managed.filter((p) => !p.awsManaged).flatMap((p) => p.versions.find((v) => v.isDefault)?.document.Statement ?? []);
	const awsManaged = attachedArns.filter((arn) => !managed.some((p) => p.arn === arn && !p.awsManaged));
	return { statements: [...inline, ...customer], awsManaged };
}

