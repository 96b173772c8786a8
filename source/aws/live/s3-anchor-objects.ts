/**
 * S3 calls for session anchors kept in a bucket with Object Lock: whether the bucket has
 * Object Lock (GetObjectLockConfiguration; a bucket without it answers
 * ObjectLockConfigurationNotFoundError, a model value here), a PutObject under retention, and
 * reading every version back (ListObjectVersions, GetObject by version), so an anchor
 * overwritten by a newer version or hidden behind a delete marker is still read as written.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, GetObjectLockConfigurationCommand, ListObjectVersionsCommand, PutObjectCommand, type ListObjectVersionsCommandOutput } from '@aws-sdk/client-s3';
import { orAbsent } from '../absence.js';
import type { LockedObjectPut, ObjectLockMode, ObjectLockSettings, StoredObjectVersion } from '../gateway.js';
import type { AwsCaller } from './aws-caller.js';

export async function readObjectLockConfiguration(caller: AwsCaller, bucket: string): Promise<ObjectLockSettings | null> {
	const output = await orAbsent(() => caller.send('s3', new GetObjectLockConfigurationCommand({ Bucket: bucket })), null);
	const configuration = output?.ObjectLockConfiguration;
	if (!configuration) return null;
	const retention = configuration.Rule?.DefaultRetention;
	const mode = retention?.Mode as ObjectLockMode | undefined;
	return {
		enabled: configuration.ObjectLockEnabled === 'Enabled',
		...(mode ? { defaultRetention: { mode, ...(retention?.Days !== undefined ? { days: retention.Days } : {}), ...(retention?.Years !== undefined ? { years: retention.Years } : {}) } } : {}),
	};
}

/** S3 refuses an Object Lock put without an integrity checksum: the SHA-256 of the body goes with it. */
export async function putLockedObject(caller: AwsCaller, put: LockedObjectPut): Promise<{ versionId?: string }> {
	const body = Buffer.from(put.body, 'utf8');
	const output = await caller.send(
		's3',
		new PutObjectCommand({
			Bucket: put.bucket,
			Key: put.key,
			Body: body,
			ContentType: 'text/plain; charset=utf-8',
			ChecksumAlgorithm: 'SHA256',
			ChecksumSHA256: createHash('sha256').update(body).digest('base64'),
			ObjectLockMode: put.mode,
			ObjectLockRetainUntilDate: put.retainUntil,
		}),
	);
	return output.VersionId ? { versionId: output.VersionId } : {};
}

export async function listObjectVersions(caller: AwsCaller, bucket: string, prefix: string): Promise<StoredObjectVersion[]> {
	const pages = await caller.pages<ListObjectVersionsCommandOutput>(
		's3',
		(token) => {
			const [KeyMarker, VersionIdMarker] = token === undefined ? [undefined, undefined] : (JSON.parse(token) as [string, string | undefined]);
			return new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, ...(KeyMarker !== undefined ? { KeyMarker } : {}), ...(VersionIdMarker ? { VersionIdMarker } : {}) });
		},
		(page) => (page.IsTruncated ? JSON.stringify([page.NextKeyMarker ?? '', page.NextVersionIdMarker]) : undefined),
	);
	// S3 lists each key's versions newest first; callers want them in the order they were written.
	const entries = pages.flatMap((page) => [
		...(page.Versions ?? []).map((v, order) => ({ order, key: v.Key ?? '', versionId: v.VersionId ?? 'null', deleteMarker: false, lastModified: v.LastModified?.toISOString() })),
		...(page.DeleteMarkers ?? []).map((d, order) => ({ order, key: d.Key ?? '', versionId: d.VersionId ?? 'null', deleteMarker: true, lastModified: d.LastModified?.toISOString() })),
	]);
	entries.sort((a, b) => a.key.localeCompare(b.key) || (a.lastModified ?? '').localeCompare(b.lastModified ?? '') || b.order - a.order);
	return entries.map(({ key, versionId, deleteMarker, lastModified }) => ({ key, versionId, deleteMarker, ...(lastModified ? { lastModified } : {}) }));
}

export async function getObjectText(caller: AwsCaller, bucket: string, key: string, versionId: string): Promise<string> {
	const output = await caller.send('s3', new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
	return output.Body ? await output.Body.transformToString('utf8') : '';
}
