import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { severityRank } from '../../../source/core/finding-catalogue.js';
import { mapAuthorizationDetails } from '../../../source/aws/authorization-details.js';
import { parseCredentialReportCsv } from '../../../source/aws/credential-report-csv.js';
import type { AccountModel } from '../../../source/core/model.js';
import { planInventory } from '../../../source/steps/inventory/plan.js';
import { awsFixture } from '../../fixtures-path.js';
import {
	awsManagedRef,
	buildModel,
	buildReport,
	buildRole,
	buildUser,
	daysBefore,
	planContext,
	reportRow,
	rootReportRow,
	testRootArn,
	userArn,
} from '../../helpers/model-builder.js';

const now = '2026-12-01T12:00:00.000Z';

function messyAccount(): AccountModel {
	return buildModel({
		users: [buildUser('zed', { attachedPolicies: [awsManagedRef('AWSCloudShellFullAccess')] }), buildUser('amy'), buildUser('breakglass')],
		roles: [buildRole('idle', { createDate: daysBefore(now, 400) })],
		passwordPolicy: null,
		credentialReport: buildReport([
			rootReportRow({ mfaActive: false, key1: { active: true, lastRotated: daysBefore(now, 900), lastUsedDate: daysBefore(now, 3) } }),
			reportRow('amy', { passwordEnabled: true, passwordLastUsed: daysBefore(now, 1), passwordLastChanged: daysBefore(now, 10) }),
			reportRow('breakglass', { passwordEnabled: true, passwordLastUsed: 'no_information', passwordLastChanged: daysBefore(now, 300) }),
			reportRow('zed', { key1: { active: true, lastRotated: daysBefore(now, 200), lastUsedDate: daysBefore(now, 2) } }),
		]),
	});
}

describe('planInventory', () => {
	it('returns step 1 findings sorted by severity, then resource, with no actions yet', () => {
		const plan = planInventory(messyAccount(), planContext(now));
		expect(plan.step).toBe(1);
		expect(plan.actions).toEqual([]);
		expect(plan.notEvaluated).toEqual([]);
		expect(plan.findings.map((f) => `${f.severity} ${f.id} ${f.resource}`)).toEqual([
			`critical ROOT_ACCESS_KEY ${testRootArn}`,
			`critical ROOT_NO_MFA ${testRootArn}`,
			`high ROOT_RECENTLY_USED ${testRootArn}`,
			`high CONSOLE_USER_NO_MFA ${userArn('amy')}`,
			`high CONSOLE_USER_NO_MFA ${userArn('breakglass')}`,
			`medium PASSWORD_POLICY_WEAK ${testRootArn}`,
			`medium CREDENTIAL_UNUSED ${userArn('breakglass')}`,
			`medium CLOUDSHELL_FULL_ACCESS ${userArn('zed')}`,
			`medium KEY_NOT_ROTATED ${userArn('zed')}`,
			`low ROLE_UNUSED arn:aws:iam::123456789012:role/idle`,
			`low SUPPORT_ROLE_MISSING ${testRootArn}`,
			`low USER_DIRECT_POLICY ${userArn('zed')}`,
		]);
		const ranks = plan.findings.map((f) => severityRank(f.severity));
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
		expect(new Set(plan.findings.map((f) => f.fingerprint)).size).toBe(plan.findings.length);
		expect(plan.findings.every((f) => f.step === 1)).toBe(true);
	});

	it('still reports break-glass principals, and lists them as excluded with their finding IDs', () => {
		const excluded = [
			{ arn: userArn('breakglass'), reason: 'break-glass admin' },
			{ arn: userArn('nobody'), reason: 'no findings here' },
		];
		const plan = planInventory(messyAccount(), planContext(now, { excluded }));
		expect(plan.findings.filter((f) => f.resource === userArn('breakglass')).map((f) => f.id)).toEqual(['CONSOLE_USER_NO_MFA', 'CREDENTIAL_UNUSED']);
		expect(plan.excluded).toEqual([{ arn: userArn('breakglass'), reason: 'break-glass admin', findingIds: ['CONSOLE_USER_NO_MFA', 'CREDENTIAL_UNUSED'] }]);
	});

	it('lists only root-principal findings, not account-wide ones, when root is excluded', () => {
		const plan = planInventory(messyAccount(), planContext(now, { excluded: [{ arn: testRootArn, reason: 'root' }] }));
		expect(plan.excluded[0].findingIds).toEqual(['ROOT_ACCESS_KEY', 'ROOT_NO_MFA', 'ROOT_RECENTLY_USED']);
	});

	it('raises no report-based findings without a credential report', () => {
		const model = { ...messyAccount(), credentialReport: undefined };
		expect(planInventory(model, planContext(now)).findings.map((f) => f.id)).toEqual([
			'PASSWORD_POLICY_WEAK',
			'CLOUDSHELL_FULL_ACCESS',
			'ROLE_UNUSED',
			'SUPPORT_ROLE_MISSING',
			'USER_DIRECT_POLICY',
		]);
	});

	it('changes results when thresholds change', () => {
		const model = messyAccount();
		const lax = planInventory(model, planContext(now, { thresholds: { keyMaxAgeDays: 365, roleUnusedDays: 500, rootRecentDays: 2 } }));
		expect(lax.findings.map((f) => f.id)).not.toContain('KEY_NOT_ROTATED');
		expect(lax.findings.map((f) => f.id)).not.toContain('ROLE_UNUSED');
		expect(lax.findings.map((f) => f.id)).not.toContain('ROOT_RECENTLY_USED');
	});

	describe('over the shared fixtures', () => {
		function fixtureModel(): AccountModel {
			const details = mapAuthorizationDetails(JSON.parse(readFileSync(awsFixture('authorization-details.json'), 'utf8')));
			const report = parseCredentialReportCsv(readFileSync(awsFixture('credential-report.csv'), 'utf8'), '2026-11-27T19:30:00Z');
			return buildModel({ ...details, credentialReport: report });
		}

		it('reports what the small account has four days after its creation', () => {
			const plan = planInventory(fixtureModel(), planContext(now));
			expect(plan.findings.map((f) => `${f.id} ${f.resource.split(':').pop()}`)).toEqual([
				'ROOT_RECENTLY_USED root',
				'CONSOLE_USER_NO_MFA user/people/carol',
				'SUPPORT_ROLE_MISSING root',
				'KEY_CREATED_AT_SETUP user/report-bot',
				'USER_DIRECT_POLICY user/report-bot',
			]);
			const atSetup = plan.findings.find((f) => f.id === 'KEY_CREATED_AT_SETUP')!;
			expect(atSetup.evidence).toMatchObject({ accessKeySlot: 1, lastUsedDate: 'N/A', secondsAfterUserCreation: 0 });
			expect(plan.findings[0].detail).toBe('The root user signed in 11 days ago (2026-11-20); the limit is 30 days.');
		});

		it('reports ageing credentials and idle roles three months later', () => {
			const later = planInventory(fixtureModel(), planContext('2027-03-01T00:00:00Z'));
			const ids = later.findings.map((f) => `${f.id} ${f.resource.split(':').pop()}`);
			expect(ids).toContain('CREDENTIAL_UNUSED user/people/carol');
			expect(ids).toContain('CREDENTIAL_UNUSED user/report-bot');
			expect(ids).toContain('KEY_NOT_ROTATED user/report-bot');
			expect(ids.filter((id) => id.startsWith('ROLE_UNUSED'))).toHaveLength(3);
			expect(ids).not.toContain('ROOT_RECENTLY_USED root');
		});
	});
});
