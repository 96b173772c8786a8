/**
 * The S3 bucket iam-wizard proposes for AWS Config's deliveries when the operator names none:
 * one per account and region. The account read asks S3 about it (HeadBucket, GetBucketPolicy)
 * so the plan reuses a bucket the account has instead of creating it again. Pure.
 */
import type { AccountModel } from './model.js';

export function configBucketName(model: Pick<AccountModel, 'accountId' | 'region'>): string {
	return `iam-wizard-config-${model.accountId}-${model.region}`;
}
