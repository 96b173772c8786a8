/**
 * HeadBucket answers 200 for another account's bucket that lets this identity list it. The
 * live reads of iam-wizard's Config bucket send this account as the expected owner, so such a
 * bucket is 403: never read as the account's own, neither by the scan (a plan would reuse it)
 * nor by apply (a saved plan would take it as its CreateBucket already in place).
 */
import { describe, expect, it } from 'vitest';
import { createLiveGateway } from '../../source/aws/live/live-gateway.js';
import { applyLive, fakeAws, now, planLive, workspace } from './wire-kit.js';

const bucket = 'iam-wizard-config-123456789012-us-east-1';

describe("iam-wizard's Config bucket owned by another account, on the wire", () => {
	it('reads it as forbidden, not owned: HeadBucket carries this account as the expected owner', async () => {
		const { server, account } = await fakeAws();
		account.state.otherAccountsBuckets = { [bucket]: '999988887777' };
		const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1, now: () => now });

		const model = await gateway.readAccount();

		expect(model.config?.defaultBucket).toEqual({ name: bucket, status: 'forbidden' });
		const heads = server.requests.filter((r) => r.operation === 's3:HeadBucket');
		expect(heads.map((r) => r.params)).toEqual([{ Bucket: bucket, ExpectedBucketOwner: '123456789012' }]);
		expect(server.requests.some((r) => r.operation === 's3:GetBucketPolicy')).toBe(false);
	});

	it('refuses a saved step-6 plan once another account owns the name, in one sentence, and writes nothing', async () => {
		const { account } = await fakeAws();
		const { dir, logDir } = workspace();
		const { plan } = await planLive(dir, { steps: '6' });
		expect(plan!.actions.map((a) => a.action.kind)).toContain('s3:CreateBucket');
		account.state.otherAccountsBuckets = { [bucket]: '999988887777' };

		const applied = await applyLive(dir, logDir);

		expect(applied.code).toBe(1);
		expect(applied.io.err()).toBe(
			`iam-wizard: Will not apply: S3 answers 403 Forbidden for bucket ${bucket}, which the plan creates: another account owns that name now, or this identity may not read it (s3:ListBucket). Nothing was applied. Make a new plan, or name another bucket in the wizard's step 6.\n`,
		);
		expect(account.writes).toEqual([]);
	});
});
