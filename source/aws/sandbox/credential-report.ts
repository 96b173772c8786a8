/**
 * The credential report, derived from the sandbox state with AWS's placeholders where AWS
 * writes them: the `<root_account>` row first with `not_supported` for its password
 * columns, `N/A` for what does not apply (no password, no key, a key never used),
 * `no_information` for a password or root sign-in never used. It reflects the state as it
 * is now; `generatedAt` is when GenerateCredentialReport last ran (AWS regenerates at most
 * every four hours, so a report can be a few hours older than what it shows here).
 */
import type { AccessKey, CredentialReport, CredentialReportKey, CredentialReportRow, IsoDate, ReportValue, User } from '../../core/model.js';
import type { RootAccessKey, SandboxState } from './sandbox-state.js';

const noCerts: CredentialReportRow['certs'] = [
	{ active: false, lastRotated: 'N/A' },
	{ active: false, lastRotated: 'N/A' },
];

function keyColumns(slot: 1 | 2, key: AccessKey | RootAccessKey | undefined): CredentialReportKey {
	if (!key) return { slot, active: false, lastRotated: 'N/A', lastUsedDate: 'N/A', lastUsedRegion: 'N/A', lastUsedService: 'N/A' };
	const used = key.lastUsed?.date;
	return {
		slot,
		active: key.status === 'Active',
		lastRotated: key.createDate,
		lastUsedDate: used ?? 'N/A',
		lastUsedRegion: used ? (key.lastUsed?.region ?? 'N/A') : 'N/A',
		lastUsedService: used ? (key.lastUsed?.service ?? 'N/A') : 'N/A',
	};
}

function keyPair(keys: readonly (AccessKey | RootAccessKey)[]): [CredentialReportKey, CredentialReportKey] {
	return [keyColumns(1, keys.find((k) => k.slot === 1)), keyColumns(2, keys.find((k) => k.slot === 2))];
}

function nextRotation(state: SandboxState, lastChanged: IsoDate): ReportValue<IsoDate> {
	const maxAge = state.passwordPolicy?.MaxPasswordAge;
	if (!maxAge) return 'N/A';
	return new Date(Date.parse(lastChanged) + maxAge * 86_400_000).toISOString();
}

function userRow(state: SandboxState, user: User): CredentialReportRow {
	const profile = user.loginProfile ?? null;
	return {
		user: user.name,
		arn: user.arn,
		isRoot: false,
		userCreationTime: user.createDate,
		passwordEnabled: profile !== null,
		passwordLastUsed: profile === null ? 'N/A' : (user.passwordLastUsed ?? 'no_information'),
		passwordLastChanged: profile === null ? 'N/A' : profile.createDate,
		passwordNextRotation: profile === null ? 'N/A' : nextRotation(state, profile.createDate),
		mfaActive: user.mfaDevices.length > 0,
		keys: keyPair(user.accessKeys),
		certs: noCerts,
	};
}

function rootRow(state: SandboxState): CredentialReportRow {
	const root = state.root;
	return {
		user: '<root_account>',
		arn: root.arn,
		isRoot: true,
		userCreationTime: root.createDate,
		passwordEnabled: 'not_supported',
		passwordLastUsed: root.passwordLastUsed ?? 'no_information',
		passwordLastChanged: 'not_supported',
		passwordNextRotation: 'not_supported',
		mfaActive: root.mfa !== null,
		keys: keyPair(root.accessKeys),
		certs: noCerts,
	};
}

/** The report as GetCredentialReport would return it, or undefined when none was generated. */
export function deriveCredentialReport(state: SandboxState): CredentialReport | undefined {
	if (state.credentialReportGeneratedAt === null) return undefined;
	return {
		generatedAt: state.credentialReportGeneratedAt,
		rows: [rootRow(state), ...state.users.map((user) => userRow(state, user))],
	};
}
