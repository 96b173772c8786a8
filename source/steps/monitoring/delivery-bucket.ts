/**
 * The S3 bucket AWS Config delivers to, when the operator names it: S3's naming rules
 * checked before anything is proposed, and the bucket's actions — a new bucket is created
 * with AWS Config's documented policy; a bucket the account already has is reused, its
 * policy keeping every statement it has and gaining Config's (replaced by Sid when they are
 * already there, left alone when they already match). Pure.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Action } from '../../core/actions.js';
import type { AccountModel } from '../../core/model.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { plural } from '../../core/plural.js';

export { configBucketName } from '../../core/config-bucket.js';

/** AWS Config's documented delivery-bucket policy, limited to this account. */
export function configBucketPolicy(model: AccountModel, bucket: string): PolicyDocument {
	const bucketArn = `arn:${model.partition}:s3:::${bucket}`;
	const principal = { Service: ['config.amazonaws.com'] };
	const sourceAccount = { StringEquals: { 'AWS:SourceAccount': [model.accountId] } };
	return {
		Version: '2012-10-17',
		Statement: [
			{ Sid: 'AWSConfigBucketPermissionsCheck', Effect: 'Allow', Principal: principal, Action: ['s3:GetBucketAcl'], Resource: [bucketArn], Condition: sourceAccount },
			{ Sid: 'AWSConfigBucketExistenceCheck', Effect: 'Allow', Principal: principal, Action: ['s3:ListBucket'], Resource: [bucketArn], Condition: sourceAccount },
			{
				Sid: 'AWSConfigBucketDelivery',
				Effect: 'Allow',
				Principal: principal,
				Action: ['s3:PutObject'],
				Resource: [`${bucketArn}/AWSLogs/${model.accountId}/Config/*`],
				Condition: { StringEquals: { 's3:x-amz-acl': ['bucket-owner-full-control'], 'AWS:SourceAccount': [model.accountId] } },
			},
		],
	};
}

/** Why S3 would refuse the name (its general-purpose bucket naming rules), or undefined. */
export function bucketNameProblem(name: string): string | undefined {
	if (name.length < 3 || name.length > 63) return 'A bucket name has 3 to 63 characters.';
	if (!/^[a-z0-9.-]+$/.test(name)) return 'A bucket name has only lowercase letters, digits, dots (.) and hyphens (-).';
	if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'A bucket name begins and ends with a letter or a digit.';
	if (name.includes('..')) return 'A bucket name has no two dots in a row.';
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'A bucket name is not an IP address.';
	const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => name.startsWith(p));
	if (prefix) return `A bucket name does not begin with "${prefix}" (reserved by S3).`;
	const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((s) => name.endsWith(s));
	if (suffix) return `A bucket name does not end with "${suffix}" (reserved by S3).`;
	return undefined;
}

/** `existing` keeps its statements; Config's statements are added, or replace those with the same Sid. */
export function mergedBucketPolicy(existing: PolicyDocument | null, config: PolicyDocument): PolicyDocument {
	if (!existing) return config;
	const sids = new Set(config.Statement.map((s) => s.Sid));
	return { ...existing, Version: existing.Version ?? config.Version, Statement: [...existing.Statement.filter((s) => !s.Sid || !sids.has(s.Sid)), ...config.Statement] };
}

export interface DeliveryBucket {
	name: string;
	/** The account has the bucket already (with this policy, null for none): it is reused, never created. */
	existing?: { policy: PolicyDocument | null };
}

/** The bucket's actions before the delivery channel: create it (new) and give Config its policy (unless it has it). */
export function deliveryBucketActions(model: AccountModel, bucket: DeliveryBucket, findingIds: string[]): Action[] {
	const wanted = configBucketPolicy(model, bucket.name);
	const actions: Action[] = [];
	if (!bucket.existing) {
		actions.push({
			kind: 's3:CreateBucket',
			params: { Bucket: bucket.name, ...(model.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: model.region } }) },
			step: 6,
			findingIds,
			summary: `Create S3 bucket ${bucket.name} for AWS Config's deliveries`,
			notes: ['Bucket names are global: if another account owns this name, S3 refuses and nothing after it runs.'],
		});
	}
	const merged = mergedBucketPolicy(bucket.existing?.policy ?? null, wanted);
	if (!bucket.existing?.policy || !isDeepStrictEqual(merged, bucket.existing.policy)) {
		actions.push({
			kind: 's3:PutBucketPolicy',
			params: { Bucket: bucket.name, Policy: merged },
			step: 6,
			findingIds,
			summary: bucket.existing ? `Add AWS Config's statements to the policy of existing bucket ${bucket.name} (this account only)` : `Let AWS Config write to bucket ${bucket.name} (this account only)`,
			...(bucket.existing?.policy ? { notes: [`Keeps the bucket's ${plural(bucket.existing.policy.Statement.length, 'statement')}; undo restores the policy as it was.`] } : {}),
		});
	}
	return actions;
}
