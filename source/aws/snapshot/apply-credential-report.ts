/**
 * What a credential report adds to users read from authorization details: whether each has
 * a console password, and when it was last used. Access keys and MFA stay in the report
 * itself (it has no key IDs or device serials), where findings read them.
 */
import type { CredentialReport, CredentialReportRow, User } from '../../core/model.js';

function isDate(value: string | boolean): value is string {
	return typeof value === 'string' && value !== 'N/A' && value !== 'no_information' && value !== 'not_supported';
}

function withReportRow(user: User, row: CredentialReportRow): User {
	const out: User = { ...user };
	if (row.passwordEnabled === true) {
		out.loginProfile = {
			createDate: isDate(row.passwordLastChanged) ? row.passwordLastChanged : row.userCreationTime,
			passwordResetRequired: false,
		};
	} else if (row.passwordEnabled === false) {
		out.loginProfile = null;
	}
	if (isDate(row.passwordLastUsed)) out.passwordLastUsed = row.passwordLastUsed;
	return out;
}

/** Users with loginProfile and passwordLastUsed taken from their report rows (matched by ARN, then name). */
export function applyCredentialReport(users: User[], report: CredentialReport): User[] {
	const rows = report.rows.filter((row) => !row.isRoot);
	const byArn = new Map(rows.map((row) => [row.arn, row]));
	const byName = new Map(rows.map((row) => [row.user, row]));
	return users.map((user) => {
		const row = byArn.get(user.arn) ?? byName.get(user.name);
		return row ? withReportRow(user, row) : user;
	});
}
