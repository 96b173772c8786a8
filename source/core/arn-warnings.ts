/**
 * ARNs that would otherwise be accepted without a word: a principal in the account data
 * whose Arn is not an IAM ARN or names another account, and an excluded (break-glass)
 * entry that is not an ARN, names another account, or matches no principal, so it
 * protects nobody. Each is one warning sentence; nothing is refused.
 */
import { excludedEntryMatches, type TargetPrincipal } from './break-glass.js';
import type { AccountModel } from './model.js';
import type { ExcludedPrincipal } from './settings.js';
import { quotedExcerpt } from './quoted-excerpt.js';

const principalArn = /^arn:[^:]+:iam::(\d{12}|\*|\?*):(user|role|group)\/(.+)$/;

function principalsOf(model: Pick<AccountModel, 'users' | 'roles' | 'groups'>): TargetPrincipal[] {
	return [
		...model.users.map((u) => ({ type: 'user' as const, name: u.name, arn: u.arn })),
		...model.roles.map((r) => ({ type: 'role' as const, name: r.name, arn: r.arn })),
		...model.groups.map((g) => ({ type: 'group' as const, name: g.name, arn: g.arn })),
	];
}

/** Principals whose Arn is not an IAM ARN of the account read. */
export function modelArnWarnings(model: Pick<AccountModel, 'accountId' | 'users' | 'roles' | 'groups'>): string[] {
	return principalsOf(model).flatMap((p) => {
		const match = /^arn:[^:]+:iam::(\d{12}):(user|role|group)\//.exec(p.arn);
		if (!match) return [`The ${p.type} ${p.name} has the Arn ${quotedExcerpt(p.arn)}, which is not the ARN of an IAM ${p.type}: findings about it name that Arn.`];
		if (match[1] !== model.accountId) return [`The ${p.type} ${p.name} has an ARN in account ${match[1]}, not in account ${model.accountId} being read: is the data from two accounts?`];
		return [];
	});
}

/** Excluded entries that protect nobody; `where` names where the entry came from. */
export function exclusionWarnings(
	excluded: readonly (ExcludedPrincipal & { where: string })[],
	model: Pick<AccountModel, 'accountId' | 'partition' | 'users' | 'roles' | 'groups'>,
): string[] {
	const principals = principalsOf(model);
	return excluded.flatMap((entry) => {
		const shown = quotedExcerpt(entry.arn, 80);
		if (!entry.arn.startsWith('arn:')) {
			const named = principals.find((p) => p.name === entry.arn);
			const hint = named ? `: ${named.type} ${named.name} is ${named.arn}` : `: give one such as arn:${model.partition}:iam::${model.accountId}:user/NAME`;
			return [`${entry.where} ${shown} is not an ARN, so it excludes nothing${hint}.`];
		}
		const match = principalArn.exec(entry.arn);
		if (!match) return [`${entry.where} ${shown} is not the ARN of an IAM user, role or group, so it excludes nothing.`];
		if (/^\d{12}$/.test(match[1]!) && match[1] !== model.accountId) {
			return [`${entry.where} ${shown} is in account ${match[1]}, not in account ${model.accountId} being read, so it excludes nothing here.`];
		}
		if (!principals.some((p) => excludedEntryMatches(entry.arn, p))) {
			return [`${entry.where} ${shown} matches no user, role or group in account ${model.accountId}, so it excludes nothing.`];
		}
		return [];
	});
}
