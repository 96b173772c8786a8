import { describe, expect, it } from 'vitest';
import { planMfaCredentials } from '../../../source/steps/mfa-credentials/plan.js';
import { buildAccessKey, buildModel, buildReport, buildUser, daysBefore, planContext, reportRow, userArn } from '../../helpers/model-builder.js';

const now = '2026-12-01T12:00:00.000Z';
const recently = daysBefore(now, 1);

function model(callerKey?: string) {
	const old = { active: true, lastRotated: daysBefore(now, 200), lastUsedDate: recently };
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
		expect(plan.actions[1]!.summary).toBe('Deactivate access key AKIABOBOLD of bob (not rotated)');
		expect(plan.actions[1]!.findingIds).toEqual([`KEY_NOT_ROTATED|${userArn('bob')}|AKIABOBOLD`]);
	});

	it("never proposes the caller's own key, and shows it as excluded with the reason", () => {
		const plan = planMfaCredentials(model('AKIAALICEOLD'), planContext(now));
		expect(keyActions(plan).map((a) => (a.params as { AccessKeyId: string }).AccessKeyId)).toEqual(['AKIABOBOLD']);
		expect(plan.excluded).toEqual([
			{
				arn: userArn('alice'),
				reason: 'access key AKIAALICEOLD is the key you are signed in with: iam-wizard never deactivates it',
				findingIds: [`KEY_NOT_ROTATED|${userArn('alice')}|AKIAALICEOLD`],
			},
		]);
	});

	it('leaves break-glass users out, with their reason', () => {
		const plan = planMfaCredentials(model(), planContext(now, { excluded: [{ arn: userArn('bob'), reason: 'break-glass admin' }] }));
		expect(keyActions(plan).map((a) => (a.params as { UserName: string }).UserName)).toEqual(['alice']);
		expect(plan.excluded).toEqual([{ arn: userArn('bob'), reason: 'break-glass admin', findingIds: [`KEY_NOT_ROTATED|${userArn('bob')}|AKIABOBOLD`] }]);
	});

	it('says which flagged keys it cannot act on because their ID is unknown', () => {
		const plan = planMfaCredentials(model(), planContext(now));
		expect(plan.notEvaluated[0]).toMatchObject({ area: 'access keys without an ID', findingIds: ['KEY_NOT_ROTATED'] });
		expect(plan.addresses?.map((f) => f.resource)).toEqual(expect.arrayContaining([userArn('carol')]));
		expect(plan.findings.filter((f) => f.id !== 'MFA_NOT_ENFORCED')).toEqual([]);
	});
});
