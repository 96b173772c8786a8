/**
 * What a Config recorder needs before it can start: AWS Config's service-linked role and an S3
 * bucket (with a policy that lets Config write) for the delivery channel. Buckets are sandbox
 * resources of type AWS::S3::Bucket; their policy is the resource policy Access Analyzer reads.
 */
import type { ActionParams } from '../../core/actions.js';
import { serviceLinkedRoles } from '../../core/service-linked-roles.js';
import type { ApplyContext, Outputs } from './apply-context.js';
import { normalisePolicyDocument, PolicyDocumentError, type PolicyDocument } from '../../core/policy-document.js';
import { mintIamId } from './sandbox-ids.js';
import { fail } from './sandbox-lookup.js';
import type { SandboxResource } from './sandbox-state.js';

/** The service-linked roles the sandbox can create: service principal → role name. */
export const serviceLinkedRoleNames: Record<string, string> = Object.fromEntries(Object.entries(serviceLinkedRoles).map(([service, role]) => [service, role.name]));

export function createServiceLinkedRole(ctx: ApplyContext, p: ActionParams['iam:CreateServiceLinkedRole']): Outputs {
	const { state, operation } = ctx;
	const name = serviceLinkedRoleNames[p.AWSServiceName] ?? fail('InvalidInput', `Invalid service name ${p.AWSServiceName}: it does not support service-linked roles.`, operation);
	if (state.roles.some((r) => r.name === name)) fail('InvalidInput', `Service role name ${name} has been taken in this account, please try a different suffix.`, operation);
	const path = `/aws-service-role/${p.AWSServiceName}/`;
	const arn = `arn:${state.account.partition}:iam::${state.account.id}:role${path}${name}`;
	state.roles.push({
		name,
		id: mintIamId(state, 'AROA'),
		arn,
		path,
		createDate: ctx.now.toISOString(),
		description: p.Description ?? `Service-linked role for ${p.AWSServiceName}`,
		trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: [p.AWSServiceName] }, Action: ['sts:AssumeRole'] }] },
		inlinePolicies: [],
		attachedPolicies: [],
		tags: [],
		maxSessionDuration: 3600,
		instanceProfiles: [],
	});
	return { RoleName: name, Arn: arn };
}

export function deleteServiceLinkedRole(ctx: ApplyContext, p: ActionParams['iam:DeleteServiceLinkedRole']): Outputs {
	const { state, operation } = ctx;
	const role = state.roles.find((r) => r.name === p.RoleName) ?? fail('NoSuchEntity', `The role with name ${p.RoleName} cannot be found.`, operation);
	if (!role.path.startsWith('/aws-service-role/')) fail('InvalidInput', `Role ${p.RoleName} is not a service-linked role.`, operation);
	// AWS refuses to delete Config's role while a recorder uses it (the deletion task fails).
	if (state.config.recorders.some((r) => r.roleArn === role.arn)) fail('DeleteConflict', `Service-linked role ${p.RoleName} is in use by a configuration recorder.`, operation);
	state.roles = state.roles.filter((r) => r !== role);
	return { DeletionTaskId: `task/aws-service-role/${p.RoleName}` };
}

const bucketName = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** A bucket another account owns: S3 answers this account's calls on it 403 Access Denied. */
export function otherAccountsBucket(state: ApplyContext['state'], name: string): boolean {
	return (state.otherAccountsBuckets ?? []).includes(name);
}

function findBucket(ctx: ApplyContext, name: string): SandboxResource {
	if (otherAccountsBucket(ctx.state, name)) fail('AccessDenied', 'Access Denied', ctx.operation);
	return ctx.state.resources.find((r) => r.type === 'AWS::S3::Bucket' && r.name === name) ?? fail('NoSuchBucket', 'The specified bucket does not exist', ctx.operation);
}

/**
 * S3's answer to a bucket the caller already owns: BucketAlreadyOwnedByYou "in all AWS Regions
 * except in the North Virginia Region", where "for legacy compatibility" it is 200 OK (and the
 * bucket's ACLs are reset, which the sandbox does not model). The request's Region is the
 * LocationConstraint, us-east-1 without one, as step 6 sends it. A name another account owns is
 * BucketAlreadyExists (409) in every Region.
 */
export function createBucket(ctx: ApplyContext, p: ActionParams['s3:CreateBucket']): Outputs {
	if (!bucketName.test(p.Bucket)) fail('InvalidBucketName', 'The specified bucket is not valid.', ctx.operation);
	const region = p.CreateBucketConfiguration?.LocationConstraint ?? 'us-east-1';
	if (region === 'us-east-1' && p.CreateBucketConfiguration) fail('InvalidLocationConstraint', 'The specified location-constraint is not valid.', ctx.operation);
	if (otherAccountsBucket(ctx.state, p.Bucket)) {
		fail('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', ctx.operation);
	}
	if (ctx.state.resources.some((r) => r.type === 'AWS::S3::Bucket' && r.name === p.Bucket)) {
		if (region === 'us-east-1') return { Location: `/${p.Bucket}` };
		fail('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', ctx.operation);
	}
	ctx.state.resources.push({ arn: `arn:${ctx.state.account.partition}:s3:::${p.Bucket}`, type: 'AWS::S3::Bucket', name: p.Bucket, policy: null });
	return { Location: `/${p.Bucket}` };
}

export function deleteBucket(ctx: ApplyContext, p: ActionParams['s3:DeleteBucket']): void {
	const bucket = findBucket(ctx, p.Bucket);
	// Config writes a test object on PutDeliveryChannel and snapshots while recording.
	if (ctx.state.config.deliveryChannels.some((c) => c.s3BucketName === p.Bucket)) {
		fail('BucketNotEmpty', 'The bucket you tried to delete is not empty (an AWS Config delivery channel writes to it).', ctx.operation);
	}
	ctx.state.resources = ctx.state.resources.filter((r) => r !== bucket);
}

/** S3's checks on a bucket policy: it parses, every statement names a principal, and resources are this bucket's. */
function checkBucketPolicy(ctx: ApplyContext, bucket: string, input: unknown): PolicyDocument {
	let document: PolicyDocument;
	try {
		document = normalisePolicyDocument(input);
	} catch (error) {
		if (error instanceof PolicyDocumentError) fail('MalformedPolicy', `Policies must be valid JSON: ${error.message}`, ctx.operation);
		throw error;
	}
	const own = `arn:${ctx.state.account.partition}:s3:::${bucket}`;
	for (const statement of document.Statement) {
		if (!statement.Principal) fail('MalformedPolicy', 'Missing required field Principal', ctx.operation);
		for (const resource of statement.Resource ?? []) {
			if (resource !== own && !resource.startsWith(`${own}/`)) fail('MalformedPolicy', 'Policy has invalid resource', ctx.operation);
		}
	}
	if (JSON.stringify(document).length > 20 * 1024) fail('MalformedPolicy', 'Policies cannot exceed 20 KB', ctx.operation);
	return document;
}

export function putBucketPolicy(ctx: ApplyContext, p: ActionParams['s3:PutBucketPolicy']): void {
	const bucket = findBucket(ctx, p.Bucket);
	bucket.policy = checkBucketPolicy(ctx, p.Bucket, p.Policy);
}

export function deleteBucketPolicy(ctx: ApplyContext, p: ActionParams['s3:DeleteBucketPolicy']): void {
	findBucket(ctx, p.Bucket).policy = null;
}
