/**
 * A saved plan applied again after part of it was applied (an earlier apply that stopped, or
 * the same change made another way): what is already in place is recorded as such and not
 * sent, the rest is applied. Step 6 in us-east-1 and eu-west-1, where S3 answers a CreateBucket
 * of a bucket the account owns differently (200 OK; BucketAlreadyOwnedByYou).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeLogEntries } from '../../source/audit/change-log-export.js';
import { sessionWindows } from '../../source/audit/cloudtrail-crosscheck.js';
import type { LogRecord } from '../../source/audit/log-records.js';
import { inverseForUndo } from '../../source/audit/undo-plan.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { accessDeniedSentence } from '../../source/aws/access-denied-sentence.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import type { Action } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import { apply, logRecords, makePlan, now, sandbox, workspace } from './plan-apply-kit.js';

function step6Sandbox(region: string, refuse: { kind?: string }) {
	const state = createSeedState(now);
	state.account.region = region;
	return sandbox({
		state,
		failOn: (action) => (action.kind === refuse.kind ? new GatewayError('AccessDenied', accessDeniedSentence(action.kind), { operation: action.kind }) : undefined),
	});
}

const bucketOf = (region: string) => `iam-wizard-config-123456789012-${region}`;

describe('apply of a saved step-6 plan after part of it was applied', () => {
	for (const region of ['us-east-1', 'eu-west-1']) {
		it(`in ${region}: after an apply that stopped at PutDeliveryChannel, records the four changes in place, sends none of them again, and applies the rest`, async () => {
			const { dir, logDir } = workspace();
			const refuse: { kind?: string } = { kind: 'config:PutDeliveryChannel' };
			const gateway = step6Sandbox(region, refuse);
			const { plan } = await makePlan(dir, gateway, { steps: '6' });
			const summaries = plan.actions.map((a) => a.action.summary);
			expect(plan.actions.slice(0, 5).map((a) => a.action.kind)).toEqual([
				'iam:CreateServiceLinkedRole',
				'config:PutConfigurationRecorder',
				's3:CreateBucket',
				's3:PutBucketPolicy',
				'config:PutDeliveryChannel',
			]);
			expect((plan.actions[2]!.action as Action<'s3:CreateBucket'>).params.Bucket).toBe(bucketOf(region));
			const first = await apply(dir, `${logDir}-first`, gateway);
			expect(first.code).toBe(1);
			expect(first.io.out()).toContain('Applied 4 of 26 actions:');

			refuse.kind = undefined;
			const calls = gateway.history().length;
			const again = await apply(dir, logDir, gateway);

			expect(again.io.err()).toBe('');
			expect(again.code).toBe(0);
			const out = again.io.out();
			expect(out).toContain(
				'4 of its 26 actions are already in place: the account shows the change made since the plan (an earlier apply of this plan that stopped, or someone else). ' +
					`The change log records them as already in place; they are not sent again:\n${summaries.slice(0, 4).map((s, i) => `  ${i + 1}. ${s}\n`).join('')}Nothing else it depends on has changed since.\n`,
			);
			const progress = out.split('\n').filter((l) => /^(applied|already in place) \d+\/26: /.test(l));
			expect(progress).toEqual(summaries.map((s, i) => `${i < 4 ? 'already in place' : 'applied'} ${i + 1}/26: ${s}`));
			expect(out).toContain('Applied 22 of 26 actions (and 4 already in place, not sent again); re-read and verified 26.');

			// The gateway received the rest of the plan, in order, and nothing of what was in place.
			const received = gateway.history().slice(calls);
			expect(received.map((h) => h.action.summary)).toEqual(summaries.slice(4));
			expect(received.every((h) => h.ok)).toBe(true);

			const records = logRecords(logDir);
			const intents = records.filter((r) => r.type === 'intent');
			const results = records.filter((r) => r.type === 'result');
			expect(intents.map((r) => (r.action as Action).summary)).toEqual(summaries);
			for (const [i, result] of results.entries()) {
				if (i < 4) {
					expect(result).toMatchObject({ ok: true, inverse: null, error: { code: 'AlreadyInPlace' } });
					expect(result.beforeDigest).toBe(result.afterDigest);
				} else expect(result.ok && result.error === undefined).toBe(true);
			}
			expect(results[2]).toMatchObject({ before: { exists: true } });
			expect((await verifyLogs([logDir])).ok).toBe(true);

			const state = gateway.currentState();
			expect(state.resources.filter((r) => r.type === 'AWS::S3::Bucket' && r.name === bucketOf(region))).toHaveLength(1);
			expect(state.config.deliveryChannels).toEqual([expect.objectContaining({ s3BucketName: bucketOf(region) })]);
			expect(state.config.recorders.map((r) => r.recording)).toEqual([true]);
		});

		it(`in ${region}: a Config bucket the account came to own after the plan is recorded in place, the rest applied`, async () => {
			const { dir, logDir } = workspace();
			const gateway = step6Sandbox(region, {});
			const { plan } = await makePlan(dir, gateway, { steps: '6' });
			await gateway.apply(plan.actions[2]!.action);
			const calls = gateway.history().length;

			const result = await apply(dir, logDir, gateway);
			expect(result.io.err()).toBe('');
			expect(result.code).toBe(0);
			expect(result.io.out()).toContain(`already in place 3/26: Create S3 bucket ${bucketOf(region)} for AWS Config's deliveries\n`);
			expect(result.io.out()).toContain('Applied 25 of 26 actions (and 1 already in place, not sent again); re-read and verified 26.');
			expect(gateway.history().slice(calls).map((h) => h.action.kind)).not.toContain('s3:CreateBucket');
			expect(gateway.history().slice(calls)).toHaveLength(25);
			const results = logRecords(logDir).filter((r) => r.type === 'result');
			expect(results.map((r) => (r.error as { code?: string } | undefined)?.code ?? null)).toEqual(plan.actions.map((_, i) => (i === 2 ? 'AlreadyInPlace' : null)));
		});
	}

	it('leaves a change log whose in-place actions undo, the export and the CloudTrail cross-check read as never sent', async () => {
		const { dir, logDir } = workspace();
		const gateway = step6Sandbox('eu-west-1', {});
		const { plan } = await makePlan(dir, gateway, { steps: '6' });
		await gateway.apply(plan.actions[2]!.action);
		expect((await apply(dir, logDir, gateway)).code).toBe(0);
		const file = join(logDir, readdirSync(logDir).find((f) => f.endsWith('.jsonl'))!);
		const records = logRecords(logDir) as unknown as LogRecord[];

		expect(() => inverseForUndo(records, 3)).toThrow(`Action 3 (${plan.actions[2]!.action.summary}) was already in place and not sent, so this session changed nothing to undo`);
		const entry = changeLogEntries(records, file).entries.find((e) => e.seq === 3);
		expect(entry).toMatchObject({ result: 'ok', changes: [], changeNote: 'nothing: already in place, not sent', undo: 'nothing to undo' });
		const [window] = await sessionWindows([file]);
		expect(window!.writes.map((w) => w.seq)).toEqual(plan.actions.map((_, i) => i + 1).filter((seq) => seq !== 3));
	});

	it('says so, and applies nothing, when every action of the plan is already in place', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { plan } = await makePlan(dir, gateway, { steps: '5', only: 'KEY_NOT_ROTATED' });
		expect(plan.actions.length).toBeGreaterThan(0);
		expect(plan.actions.every((a) => a.action.kind === 'iam:UpdateAccessKey')).toBe(true);
		expect((await apply(dir, `${logDir}-first`, gateway)).code).toBe(0);
		const calls = gateway.history().length;

		const again = await apply(dir, logDir, gateway);
		expect(again.code).toBe(0);
		expect(again.io.err()).toBe('');
		expect(again.io.out()).toMatch(/^Every action of plan [0-9a-f]{12} is already in place: nothing to apply\.\n/);
		expect(gateway.history()).toHaveLength(calls);
		// The session changed nothing: it leaves no change log.
		expect(existsSync(logDir) ? readdirSync(logDir) : []).toEqual([]);
	});

	it('still refuses the plan when a change in place is followed by a change the plan did not make', async () => {
		const { dir, logDir } = workspace();
		const gateway = step6Sandbox('eu-west-1', {});
		const { plan } = await makePlan(dir, gateway, { steps: '6' });
		// The bucket is there, but with a policy the plan did not write: its PutBucketPolicy's state changed.
		const bucket = bucketOf('eu-west-1');
		await gateway.apply(plan.actions[2]!.action);
		const foreignPolicy = { Version: '2012-10-17', Statement: [{ Sid: 'Other', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::123456789012:root'] }, Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] }] };
		await gateway.apply({ kind: 's3:PutBucketPolicy', params: { Bucket: bucket, Policy: foreignPolicy }, step: 6, findingIds: [], summary: 'someone else' } as Action);
		const calls = gateway.history().length;

		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(1);
		expect(result.io.err()).toBe(`iam-wizard: Will not apply a stale plan: the policy of bucket ${bucket} changed since the plan was made at ${now.toISOString()}; nothing was applied. Make a new plan.\n`);
		expect(gateway.history()).toHaveLength(calls);
	});
});
