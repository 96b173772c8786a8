/**
 * Root user findings (CIS 1.3–1.6), read from the credential report's `<root_account>` row.
 * Without a report there is nothing to say here: the adapter lists the report in notEvaluated.
 */
import { daysBetween, latestDate, parseIsoDate } from '../../core/dates.js';
import { makeFinding, type Finding } from '../../core/finding.js';
import { rootArn, type AccountModel, type CredentialReportRow } from '../../core/model.js';
import type { PlanContext } from '../../core/settings.js';
import { ago, day, days, reportKeysOfRow } from './report-keys.js';

export function rootRow(model: AccountModel): CredentialReportRow | undefined {
	return model.credentialReport?.rows.find((row) => row.isRoot);
}

export function rootFindings(model: AccountModel, context: PlanContext): Finding[] {
	const row = rootRow(model);
	if (!row) return [];
	const resource = rootArn(model.partition, model.accountId);
	const findings: Finding[] = [];
	const keys = reportKeysOfRow(model, row);

	for (const key of keys.filter((k) => k.key.active)) {
		const used = key.lastUsedAt ? `last used ${day(key.lastUsedAt)}` : 'never used';
		findings.push(
			makeFinding('ROOT_ACCESS_KEY', resource, `${key.label} of the root user is active (${used}); root should have no access keys.`, key.evidence, {
				qualifier: key.qualifier,
			}),
		);
	}

	if (!row.mfaActive) {
		findings.push(makeFinding('ROOT_NO_MFA', resource, 'The root user has no MFA device.', { mfaActive: row.mfaActive }));
	} else {
		findings.push(...rootHardwareMfaFindings(model, row, resource));
	}

	const recent = rootRecentUse(model, row, resource, context);
	if (recent) findings.push(recent);
	return findings;
}

/**
 * CIS 1.5: root MFA is virtual when a virtual MFA device is assigned to the root's ARN.
 * ListVirtualMFADevices is the only source that can tell (the report just says MFA is on),
 * so without that list nothing is raised.
 */
function rootHardwareMfaFindings(model: AccountModel, row: CredentialReportRow, resource: string): Finding[] {
	if (!model.virtualMfaDevices) return [];
	const rootArns = new Set([resource, row.arn]);
	const virtual = model.virtualMfaDevices.filter((device) => device.userArn !== undefined && rootArns.has(device.userArn));
	if (virtual.length === 0) return [];
	return [
		makeFinding('ROOT_NO_HARDWARE_MFA', resource, `The root user's MFA is a virtual device (${virtual.map((d) => d.serialNumber).join(', ')}), not a hardware key.`, {
			mfaActive: row.mfaActive,
			virtualMfaSerialNumbers: virtual.map((device) => device.serialNumber),
		}),
	];
}

/** CIS 1.6: a sign-in or key use less than `rootRecentDays` whole days ago. */
function rootRecentUse(model: AccountModel, row: CredentialReportRow, resource: string, context: PlanContext): Finding | undefined {
	const limit = context.thresholds.rootRecentDays;
	const passwordUsed = parseIsoDate(row.passwordLastUsed);
	const keys = reportKeysOfRow(model, row);
	const uses: { what: string; at: Date }[] = [];
	if (passwordUsed) uses.push({ what: 'signed in', at: passwordUsed });
	for (const key of keys) {
		if (key.lastUsedAt) uses.push({ what: `used access key ${key.slot}`, at: key.lastUsedAt });
	}
	const recent = uses.filter((use) => daysBetween(context.now, use.at) < limit);
	if (recent.length === 0) return undefined;
	const latest = latestDate(...recent.map((use) => use.at))!;
	const parts = recent
		.sort((a, b) => b.at.getTime() - a.at.getTime())
		.map((use) => `${use.what} ${ago(daysBetween(context.now, use.at))} (${day(use.at)})`);
	return makeFinding('ROOT_RECENTLY_USED', resource, `The root user ${parts.join(' and ')}; the limit is ${days(limit)}.`, {
		passwordLastUsed: row.passwordLastUsed,
		accessKeysLastUsed: keys.map((key) => ({ accessKeySlot: key.slot, lastUsedDate: key.key.lastUsedDate })),
		lastUsed: latest.toISOString(),
		rootRecentDays: limit,
	});
}
