/**
 * ROLE_UNUSED: a role with no recorded use for `roleUnusedDays` or more. AWS records a
 * role's last use for the trailing 400 days only, so "never used" also means "not within
 * that window"; a role younger than the threshold is never reported.
 */
import { daysBetween, parseIsoDate } from '../../core/dates.js';
import { makeFinding, type Finding } from '../../core/finding.js';
import type { AccountModel, Role } from '../../core/model.js';
import type { PlanContext, Thresholds } from '../../core/settings.js';
import { ago, day, days } from './report-keys.js';

/**
 * Service-linked roles (path /aws-service-role/) are created, used and deleted by their AWS
 * service; IAM refuses to change them (UnmodifiableEntity), their use is the service's own,
 * and an idle one is the service's to remove when the feature is turned off.
 */
export function isServiceLinkedRole(role: Role): boolean {
	return role.path.startsWith('/aws-service-role/');
}

export interface RoleIdleness {
	role: Role;
	/** Whole days since last use, or since creation when never used. */
	idleDays: number;
	lastUsed?: Date;
	/** The date idleness counts from: the last use, or the creation when never used. */
	since: Date;
}

/** The role's idleness when it counts as unused under the thresholds; undefined otherwise. */
export function unusedRole(role: Role, now: Date, thresholds: Thresholds): RoleIdleness | undefined {
	if (isServiceLinkedRole(role)) return undefined;
	const lastUsed = parseIsoDate(role.lastUsed?.date);
	const since = lastUsed ?? parseIsoDate(role.createDate);
	if (!since) return undefined;
	const idleDays = daysBetween(now, since);
	if (idleDays < thresholds.roleUnusedDays) return undefined;
	return { role, idleDays, lastUsed, since };
}

export function roleFindings(model: AccountModel, context: PlanContext): Finding[] {
	const limit = context.thresholds.roleUnusedDays;
	const findings: Finding[] = [];
	for (const role of model.roles) {
		const idle = unusedRole(role, context.now, context.thresholds);
		if (!idle) continue;
		const detail = idle.lastUsed
			? `Role ${role.name} was last used ${ago(idle.idleDays)} (${day(idle.lastUsed)}); the limit is ${days(limit)}.`
			: `Role ${role.name} has no recorded use and was created ${ago(idle.idleDays)} (${day(idle.since)}); the limit is ${days(limit)}.`;
		findings.push(
			makeFinding('ROLE_UNUSED', role.arn, detail, {
				role: role.name,
				createDate: role.createDate,
				lastUsedDate: role.lastUsed?.date ?? null,
				lastUsedRegion: role.lastUsed?.region ?? null,
				idleDays: idle.idleDays,
				roleUnusedDays: limit,
			}),
		);
	}
	return findings;
}
