import { describe, expect, it } from 'vitest';
import { workloadMigrations } from '../../../source/steps/mfa-credentials/key-migration.js';
import { planMfaCredentials } from '../../../source/steps/mfa-credentials/plan.js';
import { buildAccessKey, buildModel, buildReport, buildUser, daysBefore, planContext, reportRow, userArn } from '../../helpers/model-builder.js';

const now = '2026-12-01T12:00:00.000Z';
const recently = daysBefore(now, 1);

const idle = daysBefore(now, 120);

/** Old keys nobody uses any more (alice's, bob's first), which are safe to deactivate. */
function model(callerKey?: string) {
	const old = { active: true, lastRotated: daysBefore(now, 200), lastUsedDate: idle };
	const fresh = { active: true, lastRotated: daysBefore(now, 10), lastUsedDate: recently };
	return buildModel({
		caller: { account: '123456789012', arn: userArn('alice'), userId: 'AIDAALICE', accessKeyId: callerKey },
		users: [
			buildUser('alice', { accessKeys: [buildAccessKey('alice', 'AKIAALICEOLD', { slot: 1 })] }),
			buildUser('bob', { accessKeys: [buildAccessKey('bob', 'AKIABOBOLD', { slot: 1 }), buildAccessKey('bob', 'AKIABOBNEW', { slot: 2 })] }),
			buildUser('carol'),
		],
		credentialReport: buildReport([
			reportRow('alice', { key1: old }),
			reportRow('bob', { key1: old, key2: fresh }),
			reportRow('carol', { key1: old }),
		]),
	});
}

/** The key part of the plan (the guardrail and password policy have their own tests). */
const keyActions = (plan: ReturnType<typeof planMfaCredentials>) => plan.actions.filter((a) => a.kind === 'iam:UpdateAccessKey');

describe('planMfaCredentials', () => {
	it('proposes deactivating each flagged key, and only those', () => {
		const plan = planMfaCredentials(model(), planContext(now));
		expect(keyActions(plan).map((a) => a.params)).toEqual([
			{ UserName: 'alice', AccessKeyId: 'AKIAALICEOLD', Status: 'Inactive' },
			{ UserName: 'bob', AccessKeyId: 'AKIABOBOLD', Status: 'Inactive' },
		]);
		expect(plan.actions[1]!.summary).toBe('Deactivate access key AKIABOBOLD of bob (unused, not rotated)');
		expect(plan.actions[1]!.findingIds).toEqual([`CREDENTIAL_UNUSED|${userArn('bob')}|AKIABOBOLD`, `KEY_NOT_ROTATED|${userArn('bob')}|AKIABOBOLD`]);
	});

	it("never proposes the caller's own key, and shows it as excluded with the reason", () => {
		const plan = planMfaCredentials(model('AKIAALICEOLD'), planContext(now));
		expect(keyActions(plan).map((a) => (a.params as { AccessKeyId: string }).AccessKeyId)).toEqual(['AKIABOBOLD']);
		expect(plan.excluded).toEqual([
			{
				arn: userArn('alice'),
				reason: 'access key AKIAALICEOLD is the key you are signed in with: iam-wizard never deactivates it',
				findingIds: [`CREDENTIAL_UNUSED|${userArn('alice')}|AKIAALICEOLD`, `KEY_NOT_ROTATED|${userArn('alice')}|AKIAALICEOLD`],
			},
		]);
	});

	it('leaves break-glass users out, with their reason', () => {
		const plan = planMfaCredentials(model(), planContext(now, { excluded: [{ arn: userArn('bob'), reason: 'break-glass admin' }] }));
		expect(keyActions(plan).map((a) => (a.params as { UserName: string }).UserName)).toEqual(['alice']);
		expect(plan.excluded).toEqual([
			{ arn: userArn('bob'), reason: 'break-glass admin', findingIds: [`CREDENTIAL_UNUSED|${userArn('bob')}|AKIABOBOLD`, `KEY_NOT_ROTATED|${userArn('bob')}|AKIABOBOLD`] },
		]);
	});

	it('says which flagged keys it cannot act on because their ID is unknown', () => {
		const plan = planMfaCredentials(model(), planContext(now));
		expect(plan.notEvaluated[0]).toMatchObject({ area: 'access keys without an ID', findingIds: ['CREDENTIAL_UNUSED', 'KEY_NOT_ROTATED'] });
		expect(plan.addresses?.map((f) => f.resource)).toEqual(expect.arrayContaining([userArn('carol')]));
		expect(plan.findings.filter((f) => f.id !== 'MFA_NOT_ENFORCED')).toEqual([]);
	});

	describe('an old key that is still in use', () => {
		const inUse = { active: true, lastRotated: daysBefore(now, 200), lastUsedDate: recently };
		const ses = { Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow' as const, Action: ['ses:SendRawEmail'], Resource: ['*'] }] };
		function inUseModel() {
			return buildModel({
				caller: { account: '123456789012', arn: userArn('admin'), userId: 'AIDAADMIN' },
				users: [
					// A person with a console password: rotation is the advice.
					buildUser('dana', { loginProfile: { createDate: daysBefore(now, 300), passwordResetRequired: false }, accessKeys: [buildAccessKey('dana', 'AKIADANA', { slot: 1, lastUsed: { date: recently } })] }),
					// A workload (no password, key in use): moving it to a role is the advice.
					buildUser('etl', { accessKeys: [buildAccessKey('etl', 'AKIAETL', { slot: 1, lastUsed: { date: recently } })] }),
					// An SES SMTP user: rotation of the SMTP credentials, never a role.
					buildUser('mailer', { inlinePolicies: [{ name: 'AmazonSesSendingAccess', document: ses }], accessKeys: [buildAccessKey('mailer', 'AKIAMAILER', { slot: 1, lastUsed: { date: recently } })] }),
					// The same, known by the SES console's naming alone.
					buildUser('ses-smtp-user.20240101-101010', { accessKeys: [buildAccessKey('ses-smtp-user.20240101-101010', 'AKIASMTP', { slot: 1, lastUsed: { date: recently } })] }),
					// Old and idle: still deactivated.
					buildUser('stale', { accessKeys: [buildAccessKey('stale', 'AKIASTALE', { slot: 1, lastUsed: { date: idle } })] }),
				],
				credentialReport: buildReport([
					reportRow('dana', { passwordEnabled: true, key1: inUse }),
					reportRow('etl', { key1: inUse }),
					reportRow('mailer', { key1: inUse }),
					reportRow('ses-smtp-user.20240101-101010', { key1: inUse }),
					reportRow('stale', { key1: { active: true, lastRotated: daysBefore(now, 200), lastUsedDate: idle } }),
				]),
			});
		}

		it('is never deactivated by default: rotation or migration is proposed instead, while the unused key is still deactivated', () => {
			const plan = planMfaCredentials(inUseModel(), planContext(now));
			expect(keyActions(plan).map((a) => a.params)).toEqual([{ UserName: 'stale', AccessKeyId: 'AKIASTALE', Status: 'Inactive' }]);
			const reasons = new Map(plan.excluded.map((e) => [e.arn, e.reason]));
			expect(reasons.get(userArn('dana'))).toBe(
				'access key AKIADANA is not rotated but in use (last used 2026-11-30): deactivating it would break whatever calls with it. Rotate it instead: create a second key, switch what uses it, then deactivate this one.',
			);
			expect(reasons.get(userArn('etl'))).toContain('Move the workload to a role instead (m in the access-key section, or plan --migrate etl=TRUST), or rotate the key.');
			// Held back, its finding stays on the screen with the reason.
			expect(plan.excluded.find((e) => e.arn === userArn('etl'))!.findingIds).toEqual([`KEY_NOT_ROTATED|${userArn('etl')}|AKIAETL`]);
		});

		it('SES SMTP users are told to rotate their SMTP credentials and are not migration candidates', () => {
			const model = inUseModel();
			const context = planContext(now);
			const plan = planMfaCredentials(model, context);
			for (const name of ['mailer', 'ses-smtp-user.20240101-101010']) {
				expect(plan.excluded.find((e) => e.arn === userArn(name))!.reason).toMatch(/holds SES SMTP credentials \(.+\), which cannot move to a role: rotate them instead/);
			}
			expect(workloadMigrations(model, context).map((m) => m.user.name)).toEqual(['etl']);
		});
	});
});
