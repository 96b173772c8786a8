/**
 * IAM users' access-key findings (CIS 1.10–1.13), from the credential report's key columns.
 * The root user's keys are ROOT_ACCESS_KEY's business and are left out here.
 */
import { daysBetween } from '../../core/dates.js';
import { makeFinding, type Finding } from '../../core/finding.js';
import type { AccountModel, CredentialReportRow } from '../../core/model.js';
import type { PlanContext } from '../../core/settings.js';
import { ago, day, days, reportKeysOfRow, type ReportKeyView } from './report-keys.js';

/**
 * How close a key's creation must be to its user's for "created at setup" (CIS 1.10).
 * The console's create-user flow and IaC tools make the key seconds after the user, but the
 * console's newer flow makes it on a second page, and a slow apply can retry; five minutes
 * covers one sitting while a key made deliberately later (a rotation, a new workload) is
 * almost always further apart. The key must also never have been used, which is the part
 * that makes it a finding.
 */
export const keyAtSetupToleranceMs = 5 * 60_000;

export function accessKeyFindings(model: AccountModel, context: PlanContext): Finding[] {
	const report = model.credentialReport;
	if (!report) return [];
	const findings: Finding[] = [];
	for (const row of report.rows.filter((r) => !r.isRoot)) {
		const keys = reportKeysOfRow(model, row);
		for (const key of keys.filter((k) => k.key.active)) {
			const atSetup = keyCreatedAtSetup(row, key);
			if (atSetup) findings.push(atSetup);
			const unused = keyUnused(key, context);
			if (unused) findings.push(unused);
			const old = keyNotRotated(key, context);
			if (old) findings.push(old);
		}
		const active = keys.filter((k) => k.key.active);
		if (active.length > 1) {
			findings.push(
				makeFinding('MULTIPLE_ACTIVE_KEYS', row.arn, `${row.user} has ${active.length} active access keys (${active.map((k) => k.label.replace('Access key', 'key')).join(', ')}).`, {
					user: row.user,
					accessKeySlots: active.map((k) => k.slot),
					accessKeyIds: active.flatMap((k) => (k.known ? [k.known.id] : [])),
				}),
			);
		}
	}
	return findings;
}

function keyCreatedAtSetup(row: CredentialReportRow, key: ReportKeyView): Finding | undefined {
	const userCreated = Date.parse(row.userCreationTime);
	if (!key.createdAt || Number.isNaN(userCreated) || key.lastUsedAt) return undefined;
	const gapMs = Math.abs(key.createdAt.getTime() - userCreated);
	if (gapMs > keyAtSetupToleranceMs) return undefined;
	const gapSeconds = Math.round(gapMs / 1000);
	return makeFinding(
		'KEY_CREATED_AT_SETUP',
		row.arn,
		`${key.label} of ${row.user} was created ${gapSeconds} s after the user (${day(key.createdAt)}) and has never been used.`,
		{ ...key.evidence, userCreationTime: row.userCreationTime, passwordEnabled: row.passwordEnabled, secondsAfterUserCreation: gapSeconds },
		{ qualifier: key.qualifier },
	);
}

/** CIS 1.11: an active key unused for N days or more, or never used and created N or more days ago. */
function keyUnused(key: ReportKeyView, context: PlanContext): Finding | undefined {
	const limit = context.thresholds.credentialUnusedDays;
	const evidence = { ...key.evidence, credential: 'access-key', credentialUnusedDays: limit };
	if (key.lastUsedAt) {
		const idle = daysBetween(context.now, key.lastUsedAt);
		if (idle < limit) return undefined;
		return makeFinding('CREDENTIAL_UNUSED', key.row.arn, `${key.label} of ${key.row.user} was last used ${ago(idle)} (${day(key.lastUsedAt)}); the limit is ${days(limit)}.`, evidence, {
			qualifier: key.qualifier,
		});
	}
	if (!key.createdAt) return undefined;
	const age = daysBetween(context.now, key.createdAt);
	if (age < limit) return undefined;
	return makeFinding('CREDENTIAL_UNUSED', key.row.arn, `${key.label} of ${key.row.user} has never been used and was created ${ago(age)} (${day(key.createdAt)}); the limit is ${days(limit)}.`, evidence, {
		qualifier: key.qualifier,
	});
}

/** CIS 1.13: an active key more than keyMaxAgeDays whole days old. */
function keyNotRotated(key: ReportKeyView, context: PlanContext): Finding | undefined {
	const limit = context.thresholds.keyMaxAgeDays;
	if (!key.createdAt) return undefined;
	const age = daysBetween(context.now, key.createdAt);
	if (age <= limit) return undefined;
	return makeFinding('KEY_NOT_ROTATED', key.row.arn, `${key.label} of ${key.row.user} is ${days(age)} old; the limit is ${limit}.`, { ...key.evidence, ageDays: age, keyMaxAgeDays: limit }, {
		qualifier: key.qualifier,
	});
}
