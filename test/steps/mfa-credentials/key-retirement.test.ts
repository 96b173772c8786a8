import { describe, expect, it } from 'vitest';
import type { PlanContext } from '../../../source/core/settings.js';
import { updateInactiveKeys } from '../../../source/core/inactive-keys.js';
import { keyRetirements, planKeyDeletions } from '../../../source/steps/mfa-credentials/key-retirement.js';
import { planMfaCredentials } from '../../../source/steps/mfa-credentials/plan.js';
import { buildAccessKey, buildModel, buildUser, daysBefore, planContext, userArn } from '../../helpers/model-builder.js';

const now = '2026-12-01T12:00:00.000Z';

function account(keyStatus: 'Active' | 'Inactive', lastUsedDaysAgo?: number, callerKey?: string) {
	return buildModel({
		caller: { account: '123456789012', arn: userArn('alice'), userId: 'AIDAALICE', ...(callerKey ? { accessKeyId: callerKey } : {}) },
		users: [
			buildUser('etl', {
				loginProfile: null,
				accessKeys: [buildAccessKey('etl', 'AKIAETL', { status: keyStatus, ...(lastUsedDaysAgo !== undefined ? { lastUsed: { date: daysBefore(now, lastUsedDaysAgo), service: 's3' } } : {}) })],
			}),
		],
	});
}

function context(sinceDaysAgo: number | undefined, extra: { reactivated?: boolean; graceDays?: number; source?: 'iam-wizard' | 'first-seen'; excluded?: { arn: string; reason: string }[] } = {}): PlanContext {
	return {
		...planContext(now, { thresholds: extra.graceDays ? { keyDeletionGraceDays: extra.graceDays } : {}, excluded: extra.excluded ?? [] }),
		inactiveKeys:
			sinceDaysAgo === undefined
				? ({} as NonNullable<PlanContext['inactiveKeys']>)
				: { AKIAETL: { userName: 'etl', since: daysBefore(now, sinceDaysAgo), source: extra.source ?? 'iam-wizard', ...(extra.reactivated ? { reactivated: daysBefore(now, 1) } : {}) } },
	};
}

describe('key retirement (two-phase deletion)', () => {
	it('keeps a key deactivated 29 days ago in its grace period, with the date it becomes deletable', () => {
		const [retirement] = keyRetirements(account('Inactive', 40), context(29));
		expect(retirement!.phase).toBe('grace');
		expect(retirement!.why).toBe('deactivated on 2026-11-02, last used 2026-10-22 (s3), deletable on 2026-12-02');
		expect(planKeyDeletions(account('Inactive', 40), context(29)).actions).toEqual([]);
	});

	it('proposes deleting a key inactive and unused for the whole grace period, saying it cannot be undone', () => {
		const plan = planKeyDeletions(account('Inactive', 40), context(30));
		expect(plan.actions).toHaveLength(1);
		const [action] = plan.actions;
		expect(action!.params).toEqual({ UserName: 'etl', AccessKeyId: 'AKIAETL' });
		expect(action!.summary).toBe('Delete access key AKIAETL of etl (deactivated on 2026-11-01, last used 2026-10-22 (s3), deletable since 2026-12-01; grace period 30 days)');
		expect(action!.notes![0]).toMatch(/^Cannot be undone/);
	});

	it('honours the grace period from the settings (or --grace-days)', () => {
		expect(planKeyDeletions(account('Inactive', 40), context(10, { graceDays: 7 })).actions).toHaveLength(1);
		expect(planKeyDeletions(account('Inactive', 40), context(10, { graceDays: 14 })).actions).toHaveLength(0);
	});

	it('never deletes a key used after it was deactivated, and says why', () => {
		const [retirement] = keyRetirements(account('Inactive', 5), context(60));
		expect(retirement!.phase).toBe('used-after');
		expect(retirement!.why).toBe('deactivated on 2026-10-02, yet used on 2026-11-26: never deleted');
		expect(planKeyDeletions(account('Inactive', 5), context(60)).actions).toEqual([]);
	});

	it('never deletes a key someone re-activated, and says why', () => {
		const [retirement] = keyRetirements(account('Active', 1), context(60));
		expect(retirement!.phase).toBe('reactivated');
		expect(retirement!.why).toMatch(/^active again after being inactive since 2026-10-02/);
		expect(planKeyDeletions(account('Active', 1), context(60)).actions).toEqual([]);
	});

	it('starts the grace period of a key first seen inactive now, and proposes nothing for it yet', () => {
		const [retirement] = keyRetirements(account('Inactive', 400), context(undefined));
		expect(retirement).toMatchObject({ phase: 'grace', firstSeenNow: true, source: 'first-seen', deletableOn: '2026-12-31T12:00:00.000Z' });
		expect(retirement!.why).toBe('first seen inactive on 2026-12-01, last used 2025-10-27 (s3), deletable on 2026-12-31');
	});

	it("never deletes the caller's key or a break-glass user's key, and lists them as excluded", () => {
		const caller = planKeyDeletions(account('Inactive', 40, 'AKIAETL'), context(31));
		expect(caller.actions).toEqual([]);
		expect(caller.excluded[0]!.reason).toBe('access key AKIAETL is due for deletion but it is the key you are signed in with');
		const breakGlass = planKeyDeletions(account('Inactive', 40), context(31, { excluded: [{ arn: userArn('etl'), reason: 'break-glass' }] }));
		expect(breakGlass.actions).toEqual([]);
	});

	it('step 5 proposes due deletions with its deactivations', () => {
		const plan = planMfaCredentials(account('Inactive', 40), context(31));
		expect(plan.actions.map((a) => a.kind).filter((k) => k.endsWith('AccessKey'))).toEqual(['iam:DeleteAccessKey']);
	});
});

describe('updateInactiveKeys (the data folder record)', () => {
	const at = new Date(now);

	it('records a key first seen inactive now, and the change log date when iam-wizard deactivated it', () => {
		const records = updateInactiveKeys({}, account('Inactive', 40), at);
		expect(records).toEqual({ AKIAETL: { userName: 'etl', since: now, source: 'first-seen' } });
		const ours = updateInactiveKeys({}, account('Inactive', 40), at, { AKIAETL: daysBefore(now, 3) });
		expect(ours.AKIAETL).toEqual({ userName: 'etl', since: daysBefore(now, 3), source: 'iam-wizard' });
	});

	it('keeps the first date on later reads, marks a re-activated key, and restarts the period when it is deactivated again', () => {
		const first = updateInactiveKeys({}, account('Inactive', 40), new Date(daysBefore(now, 20)));
		expect(updateInactiveKeys(first, account('Inactive', 40), at).AKIAETL!.since).toBe(daysBefore(now, 20));
		const reactivated = updateInactiveKeys(first, account('Active', 0), at);
		expect(reactivated.AKIAETL!.reactivated).toBe(now);
		const later = new Date(Date.parse(now) + 86_400_000);
		expect(updateInactiveKeys(reactivated, account('Inactive', 0), later).AKIAETL).toEqual({ userName: 'etl', since: later.toISOString(), source: 'first-seen' });
	});

	it('marks a recorded key that is gone as deleted', () => {
		const first = updateInactiveKeys({}, account('Inactive', 40), at);
		const gone = buildModel({ users: [buildUser('etl', { accessKeys: [] })] });
		expect(updateInactiveKeys(first, gone, at).AKIAETL!.deleted).toBe(now);
	});
});
