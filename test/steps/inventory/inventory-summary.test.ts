import { describe, expect, it } from 'vitest';
import { defaultThresholds } from '../../../source/core/settings.js';
import { summariseInventory } from '../../../source/steps/inventory/inventory-summary.js';
import {
	awsManagedRef,
	buildAccessKey,
	buildGroup,
	buildModel,
	buildPolicy,
	buildReport,
	buildRole,
	buildUser,
	customerManagedRef,
	daysBefore,
	reportRow,
	rootReportRow,
} from '../../helpers/model-builder.js';

const nowText = '2026-12-01T12:00:00.000Z';
const now = new Date(nowText);

describe('summariseInventory', () => {
	it('counts principals and policies', () => {
		const model = buildModel({
			users: [buildUser('a', { attachedPolicies: [awsManagedRef('ReadOnlyAccess'), customerManagedRef('mine')] }), buildUser('b')],
			groups: [buildGroup('g', { attachedPolicies: [awsManagedRef('ReadOnlyAccess'), awsManagedRef('IAMUserChangePassword')] })],
			roles: [buildRole('r', { attachedPolicies: [awsManagedRef('SecurityAudit')] })],
			policies: [buildPolicy('mine'), buildPolicy('other'), buildPolicy('ViewOnlyAccess', { awsManaged: true, attachmentCount: 1 }), buildPolicy('Unused', { awsManaged: true, attachmentCount: 0 })],
		});
		const summary = summariseInventory(model, now, defaultThresholds);
		expect(summary).toMatchObject({ users: 2, groups: 1, roles: 1, policies: 2, awsManagedPoliciesInUse: 4 });
	});

	it("counts users' access keys from the credential report, active ones by age", () => {
		const key = (age: number, lastUsedDate: string = daysBefore(now, 1), active = true) => ({ active, lastRotated: daysBefore(now, age), lastUsedDate });
		const model = buildModel({
			credentialReport: buildReport([
				rootReportRow({ key1: key(500) }),
				reportRow('a', { key1: key(29), key2: key(30, 'N/A') }),
				reportRow('b', { key1: key(90), key2: key(91, 'N/A') }),
				reportRow('c', { key1: key(400, 'N/A', false) }),
				reportRow('d'),
			]),
		});
		expect(summariseInventory(model, now, defaultThresholds).accessKeys).toEqual({
			total: 5,
			active: 4,
			byAge: { under30: 1, from30to90: 2, over90: 1, neverUsed: 2 },
			byPhase: { active: 4, deactivated: 1, deleted: 0 },
		});
	});

	it('counts listed keys when there is no report', () => {
		const model = buildModel({
			users: [
				buildUser('a', {
					accessKeys: [
						buildAccessKey('a', 'AKIA1', { createDate: daysBefore(now, 100) }),
						buildAccessKey('a', 'AKIA2', { createDate: daysBefore(now, 5), lastUsed: { date: daysBefore(now, 1) } }),
					],
				}),
				buildUser('b', { accessKeys: [buildAccessKey('b', 'AKIA3', { status: 'Inactive' })] }),
			],
		});
		expect(summariseInventory(model, now, defaultThresholds).accessKeys).toEqual({
			total: 3,
			active: 2,
			byAge: { under30: 1, from30to90: 0, over90: 1, neverUsed: 1 },
			byPhase: { active: 2, deactivated: 1, deleted: 0 },
		});
	});

	it('counts console users with and without MFA, from the report or else login profiles', () => {
		const report = buildReport([
			rootReportRow({ mfaActive: false }),
			reportRow('a', { passwordEnabled: true, mfaActive: true }),
			reportRow('b', { passwordEnabled: true }),
			reportRow('c', { passwordEnabled: true }),
			reportRow('d', { passwordEnabled: false, mfaActive: true }),
		]);
		expect(summariseInventory(buildModel({ credentialReport: report }), now, defaultThresholds).consoleUsers).toEqual({ withMfa: 1, withoutMfa: 2 });

		const profile = { createDate: daysBefore(now, 10), passwordResetRequired: false };
		const users = [
			buildUser('a', { loginProfile: profile, mfaDevices: [{ serialNumber: 'arn:aws:iam::123456789012:mfa/a', type: 'virtual' }] }),
			buildUser('b', { loginProfile: profile }),
			buildUser('c', { loginProfile: null }),
			buildUser('d'),
		];
		expect(summariseInventory(buildModel({ users }), now, defaultThresholds).consoleUsers).toEqual({ withMfa: 1, withoutMfa: 1 });
	});

	it("summarises the root user from the report's root row", () => {
		const report = buildReport([
			rootReportRow({
				passwordLastUsed: '2026-11-20T08:12:41+00:00',
				key1: { active: true, lastRotated: daysBefore(now, 500), lastUsedDate: '2026-11-25T00:00:00+00:00' },
				key2: { active: false, lastRotated: daysBefore(now, 600) },
			}),
		]);
		expect(summariseInventory(buildModel({ credentialReport: report }), now, defaultThresholds).root).toEqual({
			mfa: true,
			accessKeys: 1,
			lastUsed: '2026-11-25T00:00:00.000Z',
		});
		const unused = buildReport([rootReportRow({ passwordLastUsed: 'no_information' })]);
		expect(summariseInventory(buildModel({ credentialReport: unused }), now, defaultThresholds).root).toEqual({ mfa: true, accessKeys: 0, lastUsed: null });
	});

	it('falls back to the account summary for root, and says nothing it does not know', () => {
		expect(summariseInventory(buildModel({ accountSummary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 } }), now, defaultThresholds).root).toEqual({
			mfa: false,
			accessKeys: 1,
		});
		expect(summariseInventory(buildModel(), now, defaultThresholds).root).toEqual({});
	});

	it('counts unused roles under the thresholds, leaving service-linked roles out', () => {
		const roles = [
			buildRole('idle', { lastUsed: { date: daysBefore(now, 100) } }),
			buildRole('busy', { lastUsed: { date: daysBefore(now, 1) } }),
			buildRole('AWSServiceRoleForX', { path: '/aws-service-role/x.amazonaws.com/', createDate: daysBefore(now, 1000) }),
		];
		const model = buildModel({ roles });
		expect(summariseInventory(model, now, defaultThresholds).rolesUnused).toBe(1);
		expect(summariseInventory(model, now, { ...defaultThresholds, roleUnusedDays: 200 }).rolesUnused).toBe(0);
	});
});
