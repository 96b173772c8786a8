/**
 * The bucket iam-wizard proposes for AWS Config's deliveries, read while Config has no
 * delivery channel: HeadBucket with this account as the expected owner (404: absent; 403:
 * another account's name, or one this identity may not read), then GetBucketPolicy of a bucket the account has
 * (NoSuchBucketPolicy: none). So a batch that stopped after CreateBucket is re-planned
 * with the bucket reused, not created again (outside us-east-1 S3 refuses that).
 */
import { GetBucketPolicyCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { isGatewayError } from '../../core/gateway-error.js';
import type { ConfigBucketRead } from '../../core/model.js';
import { normalisePolicyDocument } from '../../core/policy-document.js';
import { orAbsent } from '../absence.js';
import type { AwsCaller } from './aws-caller.js';

export async function readConfigBucket(caller: AwsCaller, name: string, accountId: string): Promise<ConfigBucketRead> {
	try {
		// With the expected owner: another account's bucket that lets this identity list it is 403, never "owned".
		const found = await orAbsent(async () => (await caller.send('s3', new HeadBucketCommand({ Bucket: name, ExpectedBucketOwner: accountId })), true), false);
		if (!found) return { name, status: 'absent' };
	} catch (error) {
		// HeadBucket has no body: S3's 403 says only that the bucket is not this identity's to see.
		if (isGatewayError(error) && error.code === 'Forbidden') return { name, status: 'forbidden' };
		throw error;
	}
	const output = await orAbsent(() => caller.send('s3', new GetBucketPolicyCommand({ Bucket: name })), null);
	return { name, status: 'owned', policy: output?.Policy ? normalisePolicyDocument(output.Policy) : null };
}
