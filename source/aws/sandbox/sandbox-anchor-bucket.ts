/**
 * The sandbox's S3 for session anchors: one bucket made with Object Lock (COMPLIANCE by
 * default, 365 days) and one without, answering as S3 does. GetObjectLockConfiguration on the
 * plain bucket is ObjectLockConfigurationNotFoundError; a put with a lock mode there is
 * InvalidRequest; any other bucket is NoSuchBucket. Objects are versioned as Object Lock
 * requires: a put of an existing key adds a version, a delete adds a delete marker, and a
 * locked version is never removed.
 */
import { absentError } from '../absence.js';
import { awsError } from './sandbox-lookup.js';
import type { LockedObjectPut, ObjectLockSettings, StoredObjectVersion } from '../gateway.js';
import { mintUuid } from './sandbox-ids.js';
import type { SandboxState } from './sandbox-state.js';

export interface SandboxStoredObject extends StoredObjectVersion {
	bucket: string;
	body?: string;
	mode?: LockedObjectPut['mode'];
	retainUntil?: string;
}

export const sandboxAnchorBucket = (state: Pick<SandboxState, 'account'>): string => `iam-wizard-anchors-${state.account.id}`;
/** A bucket made without Object Lock: anchors are refused there. */
export const sandboxPlainBucket = (state: Pick<SandboxState, 'account'>): string => `iam-wizard-reports-${state.account.id}`;

function bucketKind(state: SandboxState, bucket: string, operation: string): 'locked' | 'plain' {
	if (bucket === sandboxAnchorBucket(state)) return 'locked';
	if (bucket === sandboxPlainBucket(state)) return 'plain';
	throw awsError('NoSuchBucket', 'The specified bucket does not exist', operation);
}

export function sandboxObjectLockConfiguration(state: SandboxState, bucket: string): ObjectLockSettings {
	if (bucketKind(state, bucket, 's3:GetObjectLockConfiguration') === 'plain') {
		throw absentError('s3:GetObjectLockConfiguration', `Object Lock configuration does not exist for the bucket ${bucket}.`);
	}
	return { enabled: true, defaultRetention: { mode: 'COMPLIANCE', days: 365 } };
}

/** PutObject with retention: changes `state` (a working copy) and answers the new version's ID. */
export function sandboxPutLockedObject(state: SandboxState, put: LockedObjectPut, now: Date): { versionId: string } {
	if (bucketKind(state, put.bucket, 's3:PutObject') === 'plain') {
		throw awsError('InvalidRequest', 'Bucket is missing Object Lock Configuration', 's3:PutObject');
	}
	if (put.retainUntil.getTime() <= now.getTime()) {
		throw awsError('InvalidArgument', 'The retain until date must be in the future!', 's3:PutObject');
	}
	const versionId = mintUuid(state, 's3-version');
	const object: SandboxStoredObject = { bucket: put.bucket, key: put.key, versionId, deleteMarker: false, lastModified: now.toISOString(), body: put.body, mode: put.mode, retainUntil: put.retainUntil.toISOString() };
	state.anchorObjects = [...(state.anchorObjects ?? []), object];
	return { versionId };
}

/** DeleteObject without a version ID: a delete marker on top, the locked versions stay (what someone with the keys can do). */
export function sandboxDeleteObject(state: SandboxState, bucket: string, key: string, now: Date): void {
	bucketKind(state, bucket, 's3:DeleteObject');
	const marker: SandboxStoredObject = { bucket, key, versionId: mintUuid(state, 's3-version'), deleteMarker: true, lastModified: now.toISOString() };
	state.anchorObjects = [...(state.anchorObjects ?? []), marker];
}

export function sandboxListObjectVersions(state: SandboxState, bucket: string, prefix: string): StoredObjectVersion[] {
	bucketKind(state, bucket, 's3:ListObjectVersions');
	return (state.anchorObjects ?? [])
		.filter((o) => o.bucket === bucket && o.key.startsWith(prefix))
		.map(({ key, versionId, deleteMarker, lastModified }) => ({ key, versionId, deleteMarker, ...(lastModified ? { lastModified } : {}) }))
		.sort((a, b) => a.key.localeCompare(b.key));
}

export function sandboxGetObjectText(state: SandboxState, bucket: string, key: string, versionId: string): string {
	bucketKind(state, bucket, 's3:GetObject');
	const object = (state.anchorObjects ?? []).find((o) => o.bucket === bucket && o.key === key && o.versionId === versionId);
	if (!object) throw awsError('NoSuchVersion', `The version ${versionId} of ${key} does not exist.`, 's3:GetObject');
	if (object.deleteMarker) throw awsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 's3:GetObject');
	return object.body ?? '';
}
