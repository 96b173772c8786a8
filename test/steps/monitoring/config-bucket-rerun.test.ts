/**
 * A step-6 batch planned while the Config bucket did not exist, run after it came to exist (an
 * earlier batch of this account made it): S3 answers CreateBucket 200 OK in us-east-1 and
 * BucketAlreadyOwnedByYou elsewhere, and the executor makes the same of both. A name another
 * account owns still stops the batch.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../../source/aws/sandbox/seed.js';
import type { Action } from '../../../source/core/actions.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { planMonitoring } from '../../../source/steps/monitoring/plan.js';
import { executeActions, rollbackPlan } from '../../../source/wizard/executor.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { fixedNow } from '../../wizard/machine-harness.js';

const context = { now: fixedNow(), thresholds: defaultThresholds, excluded: [] };

async function stalePlanIn(region: string) {
	const state = createSeedState(fixedNow());
	state.account.region = region;
	const gateway = createSandboxGateway({ state, now: fixedNow });
	const plan = planMonitoring(await gateway.readAccount(), context);
	const create = plan.actions.find((a): a is Action<'s3:CreateBucket'> => a.kind === 's3:CreateBucket')!;
	// The bucket comes to exist after the plan was made, this account's (an earlier batch that stopped).
	await gateway.apply(create);
	const audit = new MemoryAuditSink();
	const deps = { gateway, audit, step: 6 as const, reason: 'step 6 re-run', now: fixedNow };
	return { gateway, plan, create, audit, deps };
}

describe('a step-6 batch whose Config bucket the account came to own after the plan', () => {
	for (const region of ['us-east-1', 'eu-west-1']) {
		it(`in ${region}: records CreateBucket as done without making the bucket again, carries on, and undo keeps the bucket`, async () => {
			const { gateway, plan, create, audit, deps } = await stalePlanIn(region);
			const report = await executeActions(plan.actions, deps);

			expect(report.failed).toBeUndefined();
			expect(report.applied).toHaveLength(plan.actions.length);
			const sent = gateway.history().filter((h) => h.action.kind === 's3:CreateBucket');
			// Once by the test before the batch, once by the batch: S3's answer to the second depends on the Region.
			expect(sent.map((h) => [h.ok, h.error?.code])).toEqual(region === 'us-east-1' ? [[true, undefined], [true, undefined]] : [[true, undefined], [false, 'BucketAlreadyOwnedByYou']]);
			const applied = report.applied.find((a) => a.action === create)!;
			expect(applied.before).toEqual({ exists: true });
			expect(applied.inverse).toBeNull();

			const intent = audit.entries.find((e) => e.type === 'intent' && e.action.kind === 's3:CreateBucket');
			const result = audit.entries.find((e) => e.type === 'result' && intent?.type === 'intent' && e.seq === intent.seq);
			expect(result).toMatchObject({ ok: true, inverse: null, before: { exists: true } });
			if (region !== 'us-east-1') {
				expect(result).toMatchObject({ after: { exists: true }, error: { code: 'BucketAlreadyOwnedByYou' } });
				expect(result?.type === 'result' && result.error?.message).toBe(
					's3:CreateBucket failed with BucketAlreadyOwnedByYou: Your previous request to create the named bucket succeeded and you already own it; reading it again shows the bucket there, this account\'s (S3 answers 200 OK for it in us-east-1): nothing was created, and undo keeps it.',
				);
			}
			expect(gateway.currentState().config.deliveryChannels.map((c) => c.s3BucketName)).toEqual([create.params.Bucket]);

			const undone = await executeActions(rollbackPlan(report).actions, deps);
			expect(undone.failed).toBeUndefined();
			expect(gateway.currentState().resources.filter((r) => r.name === create.params.Bucket)).toHaveLength(1);
		});
	}
});
