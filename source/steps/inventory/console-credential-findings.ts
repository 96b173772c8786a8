/**
 * Console password findings of IAM users (CIS 1.9, and the password half of 1.11), from the
 * credential report. In the report `no_information` (and `N/A`) in `password_last_used`
 * mean the password has never been used since AWS began tracking it; the root row's
 * `password_enabled` is `not_supported` and root is covered by the root findings.
 */
import { daysBetween, latestDate, parseIsoDate } from '../../core/dates.js';
import { makeFinding, type Finding } from '../../core/finding.js';
import type { AccountModel, CredentialReportRow } from '../../core/model.js';
import type { PlanContext } from '../../core/settings.js';
import { ago, day, days, userOfRow } from './report-keys.js';

export function consoleCredentialFindings(model: AccountModel, context: PlanContext): Finding[] {
	const report = model.credentialReport;
	if (!report) return [];
	const findings: Finding[] = [];
	for (const row of report.rows.filter((r) => !r.isRoot && r.passwordEnabled === true)) {
		const lastUsed = passwordLastUsed(model, row);
		if (!row.mfaActive) {
			const used = lastUsed ? `last signed in ${day(lastUsed)}` : 'has never signed in';
			findings.push(
				makeFinding('CONSOLE_USER_NO_MFA', row.arn, `${row.user} has a console password (${used}) and no MFA device.`, {
					user: row.user,
					passwordEnabled: row.passwordEnabled,
					passwordLastUsed: row.passwordLastUsed,
					mfaActive: row.mfaActive,
				}),
			);
		}
		const unused = passwordUnused(model, row, lastUsed, context);
		if (unused) findings.push(unused);
	}
	return findings;
}

/** The later of the report's and the adapter's last sign-in (the report may be hours old). */
function passwordLastUsed(model: AccountModel, row: CredentialReportRow): Date | undefined {
	return latestDate(parseIsoDate(row.passwordLastUsed), parseIsoDate(userOfRow(model, row)?.passwordLastUsed));
}

/**
 * When the password was set: the report's `password_last_changed`, else the login profile's
 * creation, else the user's creation (a password cannot predate its user).
 */
function passwordSetAt(model: AccountModel, row: CredentialReportRow): { at: Date; source: string } | undefined {
	const changed = parseIsoDate(row.passwordLastChanged);
	if (changed) return { at: changed, source: 'passwordLastChanged' };
	const profile = parseIsoDate(userOfRow(model, row)?.loginProfile?.createDate);
	if (profile) return { at: profile, source: 'loginProfile.createDate' };
	const created = parseIsoDate(row.userCreationTime);
	return created ? { at: created, source: 'userCreationTime' } : undefined;
}

/** CIS 1.11: a password unused for N days or more, or never used and set N or more days ago. */
function passwordUnused(model: AccountModel, row: CredentialReportRow, lastUsed: Date | undefined, context: PlanContext): Finding | undefined {
	const limit = context.thresholds.credentialUnusedDays;
	const evidence = {
		user: row.user,
		credential: 'password',
		passwordLastUsed: row.passwordLastUsed,
		passwordLastChanged: row.passwordLastChanged,
		userCreationTime: row.userCreationTime,
		credentialUnusedDays: limit,
	};
	if (lastUsed) {
		const idle = daysBetween(context.now, lastUsed);
		if (idle < limit) return undefined;
		return makeFinding('CREDENTIAL_UNUSED', row.arn, `The console password of ${row.user} was last used ${ago(idle)} (${day(lastUsed)}); the limit is ${days(limit)}.`, evidence, {
			qualifier: 'password',
		});
	}
	const set = passwordSetAt(model, row);
	if (!set) return undefined;
	const age = daysBetween(context.now, set.at);
	if (age < limit) return undefined;
	return makeFinding(
		'CREDENTIAL_UNUSED',
		row.arn,
		`The console password of ${row.user} has never been used and was set ${ago(age)} (${day(set.at)}); the limit is ${days(limit)}.`,
		{ ...evidence, passwordSetFrom: set.source },
		{ qualifier: 'password' },
	);
}
