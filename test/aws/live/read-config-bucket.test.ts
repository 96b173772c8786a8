/**
 * The live read of the bucket iam-wizard proposes for AWS Config (HeadBucket, GetBucketPolicy),
 * made while Config has no delivery channel, and what step 6's plan makes of it: a bucket the
 * account has is reused (no CreateBucket), one S3 answers 403 for is named as refused, and a
 * read that fails leaves a notice and the plan as it was. The errors are shaped as the SDK
 * throws them: HeadBucket's bare 404 is NotFound, its bare 403 "Unknown" with status 403.
 */
import { DescribeDeliveryChannelsCommand } from '@aws-sdk/client-config-service';
import { GetBucketPolicyCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import { accessDeniedSentence } from '../../../source/aws/access-denied-sentence.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { planMonitoring } from '../../../source/steps/monitoring/plan.js';
import { fixedNow } from '../../wizard/machine-harness.js';
import { accountId, awsError, fakeCredentialsInEnv, liveGateway, mocks, resetToQuietAccount } from './live-test-kit.js';

const bucket = `iam-wizard-config-${accountId}-eu-west-1`;
const context = { now: fixedNow(), thresholds: defaultThresholds, excluded: [] };

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
});

async function read() {
	const model = await (await liveGateway({ region: 'eu-west-1' })).readAccount();
	const plan = planMonitoring(model, context);
	return { model, plan, kinds: plan.actions.map((a) => a.kind) };
}

const ownerStatement = { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${accountId}:root`] }, Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] };

describe('live read of the default Config bucket', () => {
	it('HeadBucket 404: the bucket is absent, its policy is not asked for, and the plan creates it in the region', async () => {
		const { model, plan, kinds } = await read();

		expect(model.config?.defaultBucket).toEqual({ name: bucket, status: 'absent' });
		// This account as the expected owner: another account's bucket that lets this one list it is 403, never "owned".
		expect(mocks.s3.commandCalls(HeadBucketCommand).map((c) => c.args[0].input)).toEqual([{ Bucket: bucket, ExpectedBucketOwner: accountId }]);
		expect(mocks.s3.commandCalls(GetBucketPolicyCommand)).toHaveLength(0);
		expect(plan.actions.find((a) => a.kind === 's3:CreateBucket')?.params).toEqual({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } });
		expect(kinds).toContain('config:PutDeliveryChannel');
		expect(model.notEvaluated).toEqual([]);
	});

	it('HeadBucket 200 and GetBucketPolicy NoSuchBucketPolicy: the account has it without a policy; the plan reuses it and gives it Config\'s policy', async () => {
		mocks.s3.on(HeadBucketCommand).resolves({});
		mocks.s3.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy', 'The bucket policy does not exist', { httpStatusCode: 404 }));
		const { model, plan, kinds } = await read();

		expect(model.config?.defaultBucket).toEqual({ name: bucket, status: 'owned', policy: null });
		expect(kinds).not.toContain('s3:CreateBucket');
		expect(plan.actions.find((a) => a.kind === 's3:PutBucketPolicy')?.summary).toBe(`Add AWS Config's statements to the policy of existing bucket ${bucket} (this account only)`);
		expect(plan.actions.find((a) => a.kind === 'config:PutDeliveryChannel')?.params).toEqual({ DeliveryChannel: { name: 'default', s3BucketName: bucket } });
		expect(model.notEvaluated).toEqual([]);
	});

	it('HeadBucket 200 with a policy: Config\'s statements are added to the owner\'s, which are kept', async () => {
		mocks.s3.on(HeadBucketCommand).resolves({});
		mocks.s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [ownerStatement] }) });
		const { model, plan, kinds } = await read();

		expect(model.config?.defaultBucket).toMatchObject({ name: bucket, status: 'owned', policy: { Statement: [{ Sid: 'Owner' }] } });
		expect(kinds).not.toContain('s3:CreateBucket');
		const put = plan.actions.find((a) => a.kind === 's3:PutBucketPolicy')!.params as { Policy: { Statement: { Sid?: string }[] } };
		expect(put.Policy.Statement.map((s) => s.Sid)).toEqual(['Owner', 'AWSConfigBucketPermissionsCheck', 'AWSConfigBucketExistenceCheck', 'AWSConfigBucketDelivery']);
	});

	it('HeadBucket 403: the name is not this account\'s to use; the plan proposes no bucket, channel or rule and says why', async () => {
		mocks.s3.on(HeadBucketCommand).rejects(awsError('Unknown', 'UnknownError', { httpStatusCode: 403 }));
		const { model, plan, kinds } = await read();

		expect(model.config?.defaultBucket).toEqual({ name: bucket, status: 'forbidden' });
		expect(mocks.s3.commandCalls(GetBucketPolicyCommand)).toHaveLength(0);
		expect(kinds.filter((k) => k.startsWith('s3:') || k.startsWith('config:'))).toEqual([]);
		expect(plan.findings.map((f) => f.id)).toContain('CONFIG_RECORDER_OFF');
		expect(plan.notEvaluated).toEqual([
			{
				area: 'config-bucket',
				reason: `S3 answered 403 Forbidden for bucket ${bucket}, the one iam-wizard proposes for AWS Config's deliveries: another account owns that name, or this identity may not read it (s3:ListBucket). No recorder change is proposed; in the wizard, step 6's c names another bucket. Without a recorder the IAM Config rules cannot be deployed either.`,
				findingIds: [],
			},
		]);
	});

	it('GetBucketPolicy denied: a notice, not a crash; the bucket stays unknown and the plan proposes it as before', async () => {
		mocks.s3.on(HeadBucketCommand).resolves({});
		mocks.s3.on(GetBucketPolicyCommand).rejects(awsError('AccessDenied', 'Access Denied', { httpStatusCode: 403 }));
		const { model, kinds } = await read();

		expect(model.config?.defaultBucket).toBeUndefined();
		expect(model.config?.recorders).toEqual([]);
		expect(model.notEvaluated).toEqual([
			{ area: 'config-bucket', reason: `${accessDeniedSentence('s3:GetBucketPolicy').replace(/\.$/, '')}; whether bucket ${bucket} exists is not known, so the plan proposes to create it.`, findingIds: [] },
		]);
		expect(kinds).toContain('s3:CreateBucket');
	});

	it('asks S3 nothing when Config delivers already', async () => {
		mocks.config.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [{ name: 'default', s3BucketName: 'org-config' }] });
		const { model } = await read();

		expect(model.config?.defaultBucket).toBeUndefined();
		expect(mocks.s3.commandCalls(HeadBucketCommand)).toHaveLength(0);
	});
});
