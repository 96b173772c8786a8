/** What an IAM user is allowed, as documents the model holds: its own and its groups' policies. */
import type { AccountModel, Group, ManagedPolicy, User } from '../../core/model.js';
import type { Statement } from '../../core/policy-document.js';

interface ModelIndex {
	policies: Map<string, ManagedPolicy>;
}

// Asked once per user (thousands on a large account): the model's groups and policies are indexed once per model.
const indexes = new WeakMap<AccountModel, ModelIndex>();

function indexOf(model: AccountModel): ModelIndex {
	let index = indexes.get(model);
	if (!index) {
		const policies = new Map<string, ManagedPolicy>();
		// The first policy of an ARN wins, as a search of the list would find it.
		for (const p of model.policies) if (!policies.has(p.arn)) policies.set(p.arn, p);
		indexes.set(model, (index = { policies }));
	}
	return index;
}

/** The user's identity-policy statements (own and groups', inline and customer-managed), and the AWS-managed policies it has. */
export function effectiveStatements(model: AccountModel, user: User): { statements: Statement[]; awsManaged: string[] } {
	const index = indexOf(model);
	const names = new Set(user.groups);
	const groups: Group[] = model.groups.filter((g) => names.has(g.name));
	const inline = [user, ...groups].flatMap((p) => p.inlinePolicies.flatMap((i) => i.document.Statement));
	const attachedArns = [...new Set([user, ...groups].flatMap((p) => p.attachedPolicies.map((a) => a.arn)))];
	const customer = attachedArns.flatMap((arn) => {
		const policy = index.policies.get(arn);
		return policy && !policy.awsManaged ? (policy.versions.find((v) => v.isDefault)?.document.Statement ?? []) : [];
	});
	// An attached policy that is not a customer-managed one the model holds: AWS-managed, or not read.
	const awsManaged = attachedArns.filter((arn) => {
		const policy = index.policies.get(arn);
		return !policy || policy.awsManaged;
	});
	return { statements: [...inline, ...customer], awsManaged };
}
