/**
 * The IAM action that authorizes an API operation. They share their name except where AWS
 * versioned the API and kept the permission (the service authorization reference lists
 * GetFinding and ListFindings for GetFindingV2 and ListFindingsV2), and where an operation has no
 * action of its own (S3's HeadBucket is authorized by s3:ListBucket). Policies iam-wizard
 * ships, and the permissions its notices ask for, name the IAM action.
 */
const renamed: Record<string, string> = {
	'access-analyzer:GetFindingV2': 'access-analyzer:GetFinding',
	'access-analyzer:ListFindingsV2': 'access-analyzer:ListFindings',
	's3:HeadBucket': 's3:ListBucket',
	// Session anchors: S3 names these permissions after the bucket.
	's3:GetObjectLockConfiguration': 's3:GetBucketObjectLockConfiguration',
	's3:ListObjectVersions': 's3:ListBucketVersions',
};

/** "access-analyzer:GetFinding" for the operation "access-analyzer:GetFindingV2"; most operations are their own action. */
export function iamActionOf(operation: string): string {
	return renamed[operation] ?? operation;
}
