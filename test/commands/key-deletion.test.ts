import { rmSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '../../source/core/actions.js';
import { inactiveKeysPath, recordInactiveKeys } from '../../source/settings/inactive-keys-store.js';
import { account, apply, keyStatus, logRecords, makePlan, now, sandbox, workspace } from './plan-apply-kit.js';

const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

/** The seed's inactive keys: old-jenkins' only key and terraform's second. */
async function inactiveSeedKeys(gateway: ReturnType<typeof sandbox>) {
	const model = await gateway.readAccount();
	return model.users.flatMap((u) => u.accessKeys.filter((k) => k.status === 'Inactive').map((k) => ({ user: u.name, id: k.id })));
}

function deletions(actions: { action: Action }[]): string[] {
	return actions.filter((a) => a.action.kind === 'iam:DeleteAccessKey').map((a) => (a.action.params as { AccessKeyId: string }).AccessKeyId);
}

describe('plan --steps 5 and apply: deleting keys after the grace period', () => {
	beforeEach(() => rmSync(inactiveKeysPath(), { force: true }));

	it('proposes nothing for keys first seen inactive today, and records when it saw them', async () => {
		const { dir } = workspace();
		const gateway = sandbox();
		const { plan } = await makePlan(dir, gateway);
		expect(deletions(plan.actions)).toEqual([]);
		// The second plan, 29 days later by the record, still proposes nothing.
		const keys = await inactiveSeedKeys(gateway);
		rmSync(inactiveKeysPath(), { force: true });
		recordInactiveKeys(await gateway.readAccount(), daysAgo(29));
		expect(deletions((await makePlan(dir, gateway)).plan.actions)).toEqual([]);
		expect(keys.map((k) => k.user).sort()).toEqual(['old-jenkins', 'terraform']);
		// --grace-days sets it for this run: 29 days inactive are enough for a 29-day period, not for 30.
		expect(deletions((await makePlan(dir, gateway, { graceDays: 30 })).plan.actions)).toEqual([]);
		expect(deletions((await makePlan(dir, gateway, { graceDays: 29 })).plan.actions).sort()).toEqual(keys.map((k) => k.id).sort());
	});

	it('deletes a key inactive for the whole grace period, only with the account ID typed, and logs its last use and the reason', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		recordInactiveKeys(await gateway.readAccount(), daysAgo(31));
		const keys = await inactiveSeedKeys(gateway);
		const { plan } = await makePlan(dir, gateway);
		expect(deletions(plan.actions).sort()).toEqual(keys.map((k) => k.id).sort());
		expect(plan.confirmation.level).toBe('typed-account-id');

		const refused = await apply(dir, logDir, gateway, { confirmAccount: undefined });
		expect(refused.code).toBe(1);
		expect(refused.io.err()).toMatch(/Will not apply without --confirm-account 123456789012: .*Deletes access keys .* for good/);
		expect(keys.every((k) => keyStatus(gateway, k.id) === 'Inactive')).toBe(true);

		const applied = await apply(dir, logDir, gateway, { confirmAccount: account });
		expect(applied.code).toBe(0);
		expect(keys.map((k) => keyStatus(gateway, k.id))).toEqual([undefined, undefined]);
		const records = logRecords(logDir);
		const intent = records.find((r) => r.type === 'intent' && (r.action as Action).kind === 'iam:DeleteAccessKey' && (r.action as Action<'iam:DeleteAccessKey'>).params.AccessKeyId === keys.find((k) => k.user === 'old-jenkins')!.id) as { seq: number; action: Action };
		expect(intent.action.summary).toMatch(/^Delete access key AKIA\w+ of old-jenkins \(first seen inactive on \d{4}-\d{2}-\d{2}, last used \d{4}-\d{2}-\d{2} \(s3\), deletable since/);
		const result = records.find((r) => r.type === 'result' && r.seq === intent.seq) as { before: { Status: string; LastUsedDate: string }; inverse: unknown };
		expect(result.before).toMatchObject({ exists: true, Status: 'Inactive' });
		expect(result.before.LastUsedDate).toMatch(/^\d{4}-/);
		expect(result.inverse).toBeNull();
	});

	it('refuses a deletion whose key was re-activated since the plan, and deletes nothing', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		recordInactiveKeys(await gateway.readAccount(), daysAgo(31));
		const { plan } = await makePlan(dir, gateway);
		const target = plan.actions.find((a) => a.action.kind === 'iam:DeleteAccessKey')!.action as Action<'iam:DeleteAccessKey'>;
		await gateway.apply({ kind: 'iam:UpdateAccessKey', params: { ...target.params, Status: 'Active' }, step: 5, findingIds: [], summary: 'someone else re-activates it' });
		const refused = await apply(dir, logDir, gateway);
		expect(refused.code).toBe(1);
		expect(refused.io.err()).toMatch(new RegExp(`Will not apply a stale plan: access key ${target.params.AccessKeyId} of user ${target.params.UserName}`));
		expect(keyStatus(gateway, target.params.AccessKeyId)).toBe('Active');
		expect(gateway.history().filter((h) => h.action.kind === 'iam:DeleteAccessKey')).toEqual([]);
	});

	it('refuses a deletion whose key was used since the plan', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		recordInactiveKeys(await gateway.readAccount(), daysAgo(31));
		const { plan } = await makePlan(dir, gateway);
		const target = plan.actions.find((a) => a.action.kind === 'iam:DeleteAccessKey')!.action as Action<'iam:DeleteAccessKey'>;
		// Used in between (re-activated, used, deactivated again by someone else): the key looks inactive, but its last use moved.
		const state = gateway.currentState();
		const key = state.users.flatMap((u) => u.accessKeys).find((k) => k.id === target.params.AccessKeyId)!;
		key.lastUsed = { date: now.toISOString(), service: 's3', region: 'us-east-1' };
		const used = sandbox({ state });
		const refused = await apply(dir, logDir, used);
		expect(refused.code).toBe(1);
		expect(refused.io.err()).toMatch(/Will not apply a stale plan/);
		expect(used.history()).toEqual([]);
	});
});
