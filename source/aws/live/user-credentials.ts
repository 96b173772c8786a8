/**
 * What the credential report and the virtual MFA list add to the users that
 * GetAccountAuthorizationDetails returned: console password state, virtual MFA devices,
 * and, for listed access keys, the report slot they sit in and their last use. Pure: the
 * reads happen in read-account.ts.
 */
import { parseIsoDate } from '../../core/dates.js';
import type { AccessKey, CredentialReport, CredentialReportKey, CredentialReportRow, User, VirtualMfaDevice } from '../../core/model.js';

/** The report rounds key creation to the second; ListAccessKeys does not. */
const sameKeyToleranceMs = 2_000;

export function reportRowOf(report: CredentialReport, user: User): CredentialReportRow | undefined {
	return report.rows.find((row) => !row.isRoot && row.arn === user.arn) ?? report.rows.find((row) => !row.isRoot && row.user === user.name);
}

/** Whether a report row shows any access key, active or not (a slot with a rotation date). */
export function rowHasAccessKey(row: CredentialReportRow): boolean {
	return row.keys.some((key) => parseIsoDate(key.lastRotated) !== undefined);
}

function reportText(value: string): string | undefined {
	return value === 'N/A' || value === 'no_information' || value === 'not_supported' || value === '' ? undefined : value;
}

function lastUseOf(key: CredentialReportKey): AccessKey['lastUsed'] | undefined {
	const date = parseIsoDate(key.lastUsedDate);
	const service = reportText(key.lastUsedService);
	const region = reportText(key.lastUsedRegion);
	if (!date && !service && !region) return undefined;
	return { ...(date ? { date: date.toISOString() } : {}), ...(service ? { service } : {}), ...(region ? { region } : {}) };
}

/** Gives each listed key the report slot whose last_rotated is its creation time, and that slot's last use. */
export function placeKeysInReport(keys: AccessKey[], row: CredentialReportRow | undefined): AccessKey[] {
	if (!row) return keys;
	const taken = new Set<1 | 2>();
	return keys.map((key) => {
		const created = Date.parse(key.createDate);
		let best: { slot: CredentialReportKey; distance: number } | undefined;
		for (const slot of row.keys) {
			const rotated = parseIsoDate(slot.lastRotated);
			if (!rotated || taken.has(slot.slot) || Number.isNaN(created)) continue;
			const distance = Math.abs(rotated.getTime() - created);
			if (distance <= sameKeyToleranceMs && (!best || distance < best.distance)) best = { slot, distance };
		}
		if (!best) return key;
		taken.add(best.slot.slot);
		const lastUsed = lastUseOf(best.slot);
		return { ...key, slot: best.slot.slot, ...(lastUsed ? { lastUsed } : {}) };
	});
}

/**
 * Console password and virtual MFA per user. The report says whether a password exists and
 * when it was last set, not whether a reset is pending: `passwordResetRequired` is false
 * here, and only GetLoginProfile would say otherwise.
 */
export function withReportAndMfa(user: User, report: CredentialReport | undefined, virtualMfa: VirtualMfaDevice[] | undefined): User {
	const out: User = { ...user };
	const row = report ? reportRowOf(report, user) : undefined;
	if (row) {
		if (row.passwordEnabled === false) out.loginProfile = null;
		if (row.passwordEnabled === true) {
			const setAt = parseIsoDate(row.passwordLastChanged) ?? parseIsoDate(row.userCreationTime);
			if (setAt) out.loginProfile = { createDate: setAt.toISOString(), passwordResetRequired: false };
		}
		const used = parseIsoDate(row.passwordLastUsed);
		if (used) out.passwordLastUsed = used.toISOString();
	}
	const devices = (virtualMfa ?? []).filter((device) => device.userArn === user.arn);
	if (devices.length > 0) {
		out.mfaDevices = [
			...user.mfaDevices,
			...devices.map((device) => ({ serialNumber: device.serialNumber, type: 'virtual' as const, ...(device.enableDate ? { enableDate: device.enableDate } : {}) })),
		];
	}
	return out;
}
