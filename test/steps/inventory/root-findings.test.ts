import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../source/core/finding.js';
import type { AccountModel } from '../../../source/core/model.js';
import { rootFindings } from '../../../source/steps/inventory/root-findings.js';
import { buildModel, buildReport, daysBefore, planContext, reportRow, rootReportRow, testRootArn } from '../../helpers/model-builder.js';

const now = '2026-12-01T12:00:00.000Z';
const context = planContext(now);

function ids(findings: Finding[]): string[] {
	return findings.map((f) => f.id).sort();
}

function withRoot(options: Parameters<typeof rootReportRow>[0], model: Partial<AccountModel> = {}): AccountModel {
	return buildModel({ credentialReport: buildReport([rootReportRow(options), reportRow('alice')]), ...model });
}

describe('rootFindings', () => {
	it('raises nothing for a root with MFA, no keys and no sign-in on record', () => {
		expect(rootFindings(withRoot({}), context)).toEqual([]);
	});

	it('raises nothing without a credential report', () => {
		expect(rootFindings(buildModel(), context)).toEqual([]);
	});

	it('raises ROOT_NO_MFA when MFA is off', () => {
		const [finding] = rootFindings(withRoot({ mfaActive: false }), context);
		expect(finding).toMatchObject({ id: 'ROOT_NO_MFA', resource: testRootArn, severity: 'critical', evidence: { mfaActive: false } });
		expect(finding.controls).toEqual(['CIS-5.0:1.4', 'SecurityHub:IAM.9']);
	});

	it('raises ROOT_ACCESS_KEY per active key, with its slot', () => {
		const findings = rootFindings(
			withRoot({
				key1: { active: true, lastRotated: '2024-03-01T00:00:00+00:00', lastUsedDate: 'N/A' },
				key2: { active: false, lastRotated: '2024-04-01T00:00:00+00:00' },
			}),
			context,
		);
		expect(ids(findings)).toEqual(['ROOT_ACCESS_KEY']);
		expect(findings[0]).toMatchObject({
			resource: testRootArn,
			fingerprint: `ROOT_ACCESS_KEY|${testRootArn}|key1`,
			evidence: { accessKeySlot: 1, active: true, lastRotated: '2024-03-01T00:00:00+00:00' },
		});
		expect(findings[0].detail).toBe('Access key 1 of the root user is active (never used); root should have no access keys.');
	});

	it('treats a root row with no keys (N/A everywhere) as having none', () => {
		const findings = rootFindings(withRoot({ key1: { active: false, lastRotated: 'N/A' }, key2: { active: false, lastRotated: 'N/A' } }), context);
		expect(findings).toEqual([]);
	});

	describe('ROOT_NO_HARDWARE_MFA', () => {
		const rootVirtual = { serialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device', userArn: testRootArn };

		it('is raised when a virtual device is assigned to the root', () => {
			const findings = rootFindings(withRoot({}, { virtualMfaDevices: [rootVirtual] }), context);
			expect(ids(findings)).toEqual(['ROOT_NO_HARDWARE_MFA']);
			expect(findings[0].evidence).toEqual({ mfaActive: true, virtualMfaSerialNumbers: [rootVirtual.serialNumber] });
			expect(findings[0].detail).toContain('root-account-mfa-device');
		});

		it('is not raised when the virtual devices belong to others', () => {
			const other = { serialNumber: 'arn:aws:iam::123456789012:mfa/alice', userArn: 'arn:aws:iam::123456789012:user/alice' };
			const unassigned = { serialNumber: 'arn:aws:iam::123456789012:mfa/spare' };
			expect(rootFindings(withRoot({}, { virtualMfaDevices: [other, unassigned] }), context)).toEqual([]);
		});

		it('is not raised when the virtual device list was not read', () => {
			expect(rootFindings(withRoot({}, { virtualMfaDevices: undefined }), context)).toEqual([]);
		});

		it('is not raised when root has no MFA at all (ROOT_NO_MFA instead)', () => {
			expect(ids(rootFindings(withRoot({ mfaActive: false }, { virtualMfaDevices: [rootVirtual] }), context))).toEqual(['ROOT_NO_MFA']);
		});
	});

	describe('ROOT_RECENTLY_USED', () => {
		it('is raised for a sign-in 29 days ago, not 31', () => {
			const recent = rootFindings(withRoot({ passwordLastUsed: daysBefore(now, 29) }), context);
			expect(ids(recent)).toEqual(['ROOT_RECENTLY_USED']);
			expect(recent[0].detail).toBe('The root user signed in 29 days ago (2026-11-02); the limit is 30 days.');
			expect(recent[0].evidence).toMatchObject({ passwordLastUsed: daysBefore(now, 29), rootRecentDays: 30 });
			expect(rootFindings(withRoot({ passwordLastUsed: daysBefore(now, 31) }), context)).toEqual([]);
		});

		it('is raised for a key used recently, even an inactive one', () => {
			const findings = rootFindings(
				withRoot({ key2: { active: false, lastRotated: '2024-01-01T00:00:00+00:00', lastUsedDate: daysBefore(now, 2), lastUsedService: 's3' } }),
				context,
			);
			expect(ids(findings)).toEqual(['ROOT_RECENTLY_USED']);
			expect(findings[0].detail).toContain('used access key 2 2 days ago');
		});

		it('treats no_information and N/A as never used', () => {
			expect(rootFindings(withRoot({ passwordLastUsed: 'no_information' }), context)).toEqual([]);
			expect(rootFindings(withRoot({ passwordLastUsed: 'N/A' }), context)).toEqual([]);
		});

		it('follows rootRecentDays', () => {
			const model = withRoot({ passwordLastUsed: daysBefore(now, 20) });
			expect(rootFindings(model, planContext(now, { thresholds: { rootRecentDays: 14 } }))).toEqual([]);
			expect(ids(rootFindings(model, planContext(now, { thresholds: { rootRecentDays: 21 } })))).toEqual(['ROOT_RECENTLY_USED']);
		});
	});
});
