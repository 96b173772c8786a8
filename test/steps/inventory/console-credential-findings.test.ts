import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../source/core/finding.js';
import type { CredentialReportRow, User } from '../../../source/core/model.js';
import { consoleCredentialFindings } from '../../../source/steps/inventory/console-credential-findings.js';
import { buildModel, buildReport, buildUser, daysBefore, planContext, reportRow, rootReportRow, userArn } from '../../helpers/model-builder.js';

const now = '2026-12-01T12:00:00.000Z';
const context = planContext(now);

function findings(rows: CredentialReportRow[], users: User[] = [], ctx = context): Finding[] {
	return consoleCredentialFindings(buildModel({ users, credentialReport: buildReport(rows) }), ctx);
}

function only(list: Finding[], id: string): Finding[] {
	return list.filter((f) => f.id === id);
}

const consoleRow = (options: Parameters<typeof reportRow>[1] = {}) =>
	reportRow('carol', { passwordEnabled: true, passwordLastUsed: daysBefore(now, 1), passwordLastChanged: daysBefore(now, 100), mfaActive: true, ...options });

describe('consoleCredentialFindings', () => {
	it('raises nothing for a console user with MFA who signed in yesterday', () => {
		expect(findings([consoleRow()])).toEqual([]);
	});

	it('raises nothing without a credential report', () => {
		expect(consoleCredentialFindings(buildModel({ users: [buildUser('carol', { loginProfile: { createDate: daysBefore(now, 400), passwordResetRequired: false } })] }), context)).toEqual([]);
	});

	it('skips the root row, whose password columns are not_supported', () => {
		expect(findings([rootReportRow({ mfaActive: false, passwordLastUsed: daysBefore(now, 400) })])).toEqual([]);
	});

	describe('CONSOLE_USER_NO_MFA', () => {
		it('is raised for a console password without MFA', () => {
			const list = findings([consoleRow({ mfaActive: false })]);
			expect(list).toHaveLength(1);
			expect(list[0]).toMatchObject({
				id: 'CONSOLE_USER_NO_MFA',
				resource: userArn('carol'),
				severity: 'high',
				fingerprint: `CONSOLE_USER_NO_MFA|${userArn('carol')}|`,
				evidence: { user: 'carol', passwordEnabled: true, mfaActive: false },
			});
			expect(list[0].detail).toBe(`carol has a console password (last signed in ${daysBefore(now, 1).slice(0, 10)}) and no MFA device.`);
		});

		it('is not raised for a user without a console password', () => {
			expect(findings([reportRow('svc', { passwordEnabled: false, mfaActive: false })])).toEqual([]);
		});

		it('says when the user never signed in (no_information)', () => {
			const [finding] = findings([consoleRow({ mfaActive: false, passwordLastUsed: 'no_information', passwordLastChanged: daysBefore(now, 2) })]);
			expect(finding.detail).toBe('carol has a console password (has never signed in) and no MFA device.');
		});
	});

	describe('CREDENTIAL_UNUSED for passwords', () => {
		it('is raised for a password last used 46 days ago, not 44', () => {
			const list = only(findings([consoleRow({ passwordLastUsed: daysBefore(now, 46) })]), 'CREDENTIAL_UNUSED');
			expect(list).toHaveLength(1);
			expect(list[0]).toMatchObject({ fingerprint: `CREDENTIAL_UNUSED|${userArn('carol')}|password`, evidence: { credential: 'password', credentialUnusedDays: 45 } });
			expect(list[0].detail).toBe(`The console password of carol was last used 46 days ago (${daysBefore(now, 46).slice(0, 10)}); the limit is 45 days.`);
			expect(findings([consoleRow({ passwordLastUsed: daysBefore(now, 44) })])).toEqual([]);
		});

		it('is raised at exactly the limit, 45 days ("45 days or more", CIS 1.11), used or never used', () => {
			expect(only(findings([consoleRow({ passwordLastUsed: daysBefore(now, 45) })]), 'CREDENTIAL_UNUSED').map((f) => f.detail)).toEqual([
				`The console password of carol was last used 45 days ago (${daysBefore(now, 45).slice(0, 10)}); the limit is 45 days.`,
			]);
			expect(only(findings([consoleRow({ passwordLastUsed: 'no_information', passwordLastChanged: daysBefore(now, 45) })]), 'CREDENTIAL_UNUSED')).toHaveLength(1);
		});

		it('treats no_information as never used, counting from password_last_changed (46 vs 44 days)', () => {
			const stale = only(findings([consoleRow({ passwordLastUsed: 'no_information', passwordLastChanged: daysBefore(now, 46) })]), 'CREDENTIAL_UNUSED');
			expect(stale).toHaveLength(1);
			expect(stale[0].evidence).toMatchObject({ passwordLastUsed: 'no_information', passwordSetFrom: 'passwordLastChanged' });
			expect(stale[0].detail).toContain('has never been used and was set 46 days ago');
			expect(findings([consoleRow({ passwordLastUsed: 'no_information', passwordLastChanged: daysBefore(now, 44) })])).toEqual([]);
		});

		it('falls back to the login profile, then the user creation, when password_last_changed is N/A', () => {
			const row = consoleRow({ passwordLastUsed: 'N/A', passwordLastChanged: 'N/A', userCreationTime: daysBefore(now, 400) });
			const young = buildUser('carol', { loginProfile: { createDate: daysBefore(now, 10), passwordResetRequired: true } });
			expect(findings([row], [young])).toEqual([]);
			const [byCreation] = findings([row]);
			expect(byCreation.evidence.passwordSetFrom).toBe('userCreationTime');
			expect(byCreation.detail).toContain('was set 400 days ago');
		});

		it('counts a sign-in the adapter saw after the report was generated', () => {
			const user = buildUser('carol', { passwordLastUsed: daysBefore(now, 2) });
			expect(findings([consoleRow({ passwordLastUsed: daysBefore(now, 60) })], [user])).toEqual([]);
		});

		it('follows credentialUnusedDays', () => {
			const row = consoleRow({ passwordLastUsed: daysBefore(now, 50) });
			expect(findings([row], [], planContext(now, { thresholds: { credentialUnusedDays: 90 } }))).toEqual([]);
			expect(only(findings([row], [], planContext(now, { thresholds: { credentialUnusedDays: 50 } })), 'CREDENTIAL_UNUSED')).toHaveLength(1);
		});
	});
});
