/**
 * The actions that put a scoped document in place: a new default version of a
 * customer-managed policy (after deleting the oldest non-default version when all five
 * exist, shown first in the preview), or Put{User,Group,Role}Policy for an inline one.
 * Size quotas are checked here, before anything is proposed.
 */
import type { Action } from '../../core/actions.js';
import type { AccountModel } from '../../core/model.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { checkInlineAggregateSize, checkManagedPolicySize, type SizeCheck } from '../../core/policy-size.js';
import type { PolicySource } from './policy-sources.js';

export const maxPolicyVersions = 5;

export type ApplyPlan = { ok: true; actions: Action[]; size: SizeCheck } | { ok: false; reason: string; size?: SizeCheck };

function inlineHolder(model: AccountModel, source: PolicySource) {
	const owner = source.owner!;
	const list = owner.type === 'user' ? model.users : owner.type === 'group' ? model.groups : model.roles;
	return list.find((p) => p.arn === owner.arn);
}

export function applyActionsFor(model: AccountModel, source: PolicySource, document: PolicyDocument, findingIds: string[], why: string): ApplyPlan {
	if (source.kind === 'aws-managed') return { ok: false, reason: `${source.name} is AWS-managed: AWS alone can change it (UnmodifiableEntity).` };
	if (source.kind === 'customer-managed') {
		const policy = source.policy!;
		const size = checkManagedPolicySize(document);
		if (!size.fits) return { ok: false, reason: `the scoped ${source.name} would be ${size.size} characters; ${size.what} may hold ${size.limit}.`, size };
		const actions: Action[] = [];
		if (policy.versions.length >= maxPolicyVersions) {
			const oldest = policy.versions.filter((v) => !v.isDefault).sort((a, b) => a.createDate.localeCompare(b.createDate) || a.versionId.localeCompare(b.versionId))[0];
			if (!oldest) return { ok: false, reason: `${source.name} has ${policy.versions.length} versions and none that is not the default.` };
			actions.push({
				kind: 'iam:DeletePolicyVersion',
				params: { PolicyArn: policy.arn, VersionId: oldest.versionId },
				step: 3,
				findingIds,
				summary: `Delete version ${oldest.versionId} (the oldest non-default, from ${oldest.createDate.slice(0, 10)}) of ${source.name}: IAM keeps at most ${maxPolicyVersions} versions`,
			});
		}
		actions.push({
			kind: 'iam:CreatePolicyVersion',
			params: { PolicyArn: policy.arn, PolicyDocument: document, SetAsDefault: true },
			step: 3,
			findingIds,
			summary: `Make a scoped version of ${source.name} the default (${why})`,
		});
		return { ok: true, actions, size };
	}
	const owner = source.owner!;
	const holder = inlineHolder(model, source);
	const size = checkInlineAggregateSize(owner.type, holder?.inlinePolicies ?? [], source.name, document);
	if (!size.fits) return { ok: false, reason: `with the scoped ${source.name}, ${size.what} would be ${size.size} characters; the quota is ${size.limit}.`, size };
	const summary = `Replace inline policy ${source.name} of ${owner.type} ${owner.name} with a scoped version (${why})`;
	const action: Action =
		owner.type === 'user'
			? { kind: 'iam:PutUserPolicy', params: { UserName: owner.name, PolicyName: source.name, PolicyDocument: document }, step: 3, findingIds, summary }
			: owner.type === 'group'
				? { kind: 'iam:PutGroupPolicy', params: { GroupName: owner.name, PolicyName: source.name, PolicyDocument: document }, step: 3, findingIds, summary }
				: { kind: 'iam:PutRolePolicy', params: { RoleName: owner.name, PolicyName: source.name, PolicyDocument: document }, step: 3, findingIds, summary };
	return { ok: true, actions: [action], size };
}
