/**
 * The counts behind the step-1 dashboard and `scan`'s JSON `inventory` field. Key ages come
 * from the credential report when there is one (it also sees keys the adapter did not list),
 * else from the listed keys.
 */
import { daysBetween, latestDate, parseIsoDate } from '../../core/dates.js';
import type { AccountModel, IsoDate } from '../../core/model.js';
import type { Thresholds } from '../../core/settings.js';
import { reportKeysOfRow } from './report-keys.js';
import { deletedKeyCount, type InactiveKeys } from '../../core/inactive-keys.js';
import { unusedRole } from './role-findings.js';
import { rootRow } from './root-findings.js';

export interface InventorySummary {
	users: number;
	groups: number;
	roles: number;
	/** Customer-managed policies. */
	policies: number;
	/** Distinct AWS-managed policies attached to some user, group or role. */
	awsManagedPoliciesInUse: number;
	/** IAM users' keys (the root's are in `root`). */
	accessKeys: {
		total: number;
		active: number;
		/** Active keys by whole days since creation (fixed buckets, whatever the thresholds); they sum to `active`. */
		byAge: { under30: number; from30to90: number; over90: number; neverUsed: number };
		/** Step 5's retirement phases: active and deactivated now, deleted since iam-wizard first saw them inactive (from the data folder's record). */
		byPhase: { active: number; deactivated: number; deleted: number };
	};
	/** Users with a console password. */
	consoleUsers: { withMfa: number; withoutMfa: number };
	root: {
		/** undefined: not known (no credential report nor account summary). */
		mfa?: boolean;
		/** Active root access keys; undefined when not known. */
		accessKeys?: number;
		/** Last sign-in or key use; null when never used; undefined when not known. */
		lastUsed?: IsoDate | null;
	};
	/** Roles that ROLE_UNUSED reports (service-linked roles left out). */
	rolesUnused: number;
}

interface KeyFacts {
	active: boolean;
	createdAt?: Date;
	lastUsedAt?: Date;
}

function userKeys(model: AccountModel): KeyFacts[] {
	const report = model.credentialReport;
	if (report) {
		return report.rows.filter((row) => !row.isRoot).flatMap((row) => reportKeysOfRow(model, row).map((k) => ({ active: k.key.active, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt })));
	}
	return model.users.flatMap((user) =>
		user.accessKeys.map((key) => ({ active: key.status === 'Active', createdAt: parseIsoDate(key.createDate), lastUsedAt: parseIsoDate(key.lastUsed?.date) })),
	);
}

function keyCounts(model: AccountModel, now: Date): Omit<InventorySummary['accessKeys'], 'byPhase'> {
	const keys = userKeys(model);
	const active = keys.filter((key) => key.active);
	const byAge = { under30: 0, from30to90: 0, over90: 0, neverUsed: 0 };
	for (const key of active) {
		if (!key.lastUsedAt) byAge.neverUsed++;
		if (!key.createdAt) continue;
		const age = daysBetween(now, key.createdAt);
		if (age < 30) byAge.under30++;
		else if (age <= 90) byAge.from30to90++;
		else byAge.over90++;
	}
	return { total: keys.length, active: active.length, byAge };
}

function consoleUserCounts(model: AccountModel): InventorySummary['consoleUsers'] {
	const report = model.credentialReport;
	const counts = { withMfa: 0, withoutMfa: 0 };
	if (report) {
		for (const row of report.rows.filter((r) => !r.isRoot && r.passwordEnabled === true)) {
			if (row.mfaActive) counts.withMfa++;
			else counts.withoutMfa++;
		}
		return counts;
	}
	for (const user of model.users.filter((u) => u.loginProfile)) {
		if (user.mfaDevices.length > 0) counts.withMfa++;
		else counts.withoutMfa++;
	}
	return counts;
}

function rootState(model: AccountModel): InventorySummary['root'] {
	const row = rootRow(model);
	if (row) {
		const keys = reportKeysOfRow(model, row);
		const lastUsed = latestDate(parseIsoDate(row.passwordLastUsed), ...keys.map((key) => key.lastUsedAt));
		return { mfa: row.mfaActive, accessKeys: keys.filter((key) => key.key.active).length, lastUsed: lastUsed ? lastUsed.toISOString() : null };
	}
	const summary = model.accountSummary;
	const root: InventorySummary['root'] = {};
	if (summary?.AccountMFAEnabled !== undefined) root.mfa = summary.AccountMFAEnabled > 0;
	if (summary?.AccountAccessKeysPresent !== undefined) root.accessKeys = summary.AccountAccessKeysPresent;
	return root;
}

function awsManagedInUse(model: AccountModel): number {
	const arns = new Set<string>();
	for (const principal of [...model.users, ...model.groups, ...model.roles]) {
		for (const ref of principal.attachedPolicies) {
			if (/^arn:[^:]+:iam::aws:policy\//.test(ref.arn)) arns.add(ref.arn);
		}
	}
	for (const policy of model.policies) {
		if (policy.awsManaged && policy.attachmentCount > 0) arns.add(policy.arn);
	}
	return arns.size;
}

function withPhases(counts: Omit<InventorySummary['accessKeys'], 'byPhase'>, deleted: number): InventorySummary['accessKeys'] {
	return { ...counts, byPhase: { active: counts.active, deactivated: counts.total - counts.active, deleted } };
}

export function summariseInventory(model: AccountModel, now: Date, thresholds: Thresholds, inactiveKeys?: InactiveKeys): InventorySummary {
	return {
		users: model.users.length,
		groups: model.groups.length,
		roles: model.roles.length,
		policies: model.policies.filter((policy) => !policy.awsManaged).length,
		awsManagedPoliciesInUse: awsManagedInUse(model),
		accessKeys: withPhases(keyCounts(model, now), deletedKeyCount(model, inactiveKeys)),
		consoleUsers: consoleUserCounts(model),
		root: rootState(model),
		rolesUnused: model.roles.filter((role) => unusedRole(role, now, thresholds)).length,
	};
}
