/**
 * A saved step-6 plan whose Config bucket name another account took after the plan was made:
 * the apply stops with one sentence and sends nothing when S3 answers the read 403, and stops at
 * CreateBucket on S3's BucketAlreadyExists when the name is taken between the read and the call.
 * Never recorded as in place or as done.
 */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { awsError } from '../../source/aws/sandbox/sandbox-lookup.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import type { Action } from '../../source/core/actions.js';
import { apply, logRecords, makePlan, now, sandbox, workspace } from './plan-apply-kit.js';

const bucketIn = (region: string) => `iam-wizard-config-123456789012-${region}`;

function regionState(region: string) {
	const state = createSeedState(now);
	state.account.region = region;
	return state;
}

describe('apply of a saved step-6 plan whose Config bucket name another account owns now', () => {
	for (const region of ['us-east-1', 'eu-west-1']) {
		it(`in ${region}: refuses in one sentence on S3's 403, sends nothing and writes no change log`, async () => {
			const { dir, logDir } = workspace();
			const planned = sandbox({ state: regionState(region) });
			const { plan } = await makePlan(dir, planned, { steps: '6' });
			expect(plan.actions[2]!.action.kind).toBe('s3:CreateBucket');
			const gateway = sandbox({ state: { ...planned.currentState(), otherAccountsBuckets: [bucketIn(region)] } });

			const result = await apply(dir, logDir, gateway);
			expect(result.code).toBe(1);
			expect(result.io.err()).toBe(
				`iam-wizard: Will not apply: S3 answers 403 Forbidden for bucket ${bucketIn(region)}, which the plan creates: another account owns that name now, or this identity may not read it (s3:ListBucket). Nothing was applied. Make a new plan, or name another bucket in the wizard's step 6.\n`,
			);
			expect(result.io.out()).toBe('');
			expect(gateway.history()).toEqual([]);
			expect(existsSync(logDir) ? readdirSync(logDir) : []).toEqual([]);
		});
	}

	it("stops at CreateBucket on BucketAlreadyExists when the name is taken between the read and the call, and records it failed, not done", async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox({
			state: regionState('eu-west-1'),
			failOn: (action) =>
				action.kind === 's3:CreateBucket'
					? awsError('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', action.kind)
					: undefined,
		});
		const { plan } = await makePlan(dir, gateway, { steps: '6' });
		const create = plan.actions[2]!.action as Action<'s3:CreateBucket'>;

		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(1);
		expect(result.io.err()).toMatch(
			new RegExp(
				`^Stopped at action 3 of 26 \\(${create.summary.replace(/[()']/g, '.')}\\): s3:CreateBucket failed with BucketAlreadyExists: The requested bucket name is not available\\. The bucket namespace is shared by all users of the system\\. Please select a different name and try again\\. \\(BucketAlreadyExists, request [\\w-]+\\)\\.\\n$`,
			),
		);
		expect(result.io.out()).toContain(`Applied 2 of 26 actions:\n  applied: ${plan.actions[0]!.action.summary}\n  applied: ${plan.actions[1]!.action.summary}\n  failed: ${create.summary}\n`);
		expect(gateway.history().map((h) => [h.action.kind, h.ok])).toEqual([
			['iam:CreateServiceLinkedRole', true],
			['config:PutConfigurationRecorder', true],
			['s3:CreateBucket', false],
		]);
		const results = logRecords(logDir).filter((r) => r.type === 'result');
		expect(results.map((r) => r.ok)).toEqual([true, true, false]);
		expect(results[2]).toMatchObject({ error: { code: 'BucketAlreadyExists' } });
		// Not read again as a lost or "already owned" answer would be.
		expect(results[2]!.afterDigest).toBeUndefined();
	});
});
