/**
 * `--anchors s3://BUCKET/PREFIX`: each session's anchor (the line apply and the wizard print
 * last) is also written as an object in a bucket with S3 Object Lock, in COMPLIANCE mode, so
 * nobody — the operator, an administrator, the account's root user — can delete it or shorten
 * its retention before it expires. GOVERNANCE mode would not do: whoever holds
 * s3:BypassGovernanceRetention (an administrator running iam-wizard, typically) can lift it,
 * and the anchor must hold against exactly that person. `audit verify --anchors s3://…` reads
 * every anchor back, each object's first version (a later version or a delete marker is
 * shown as a warning), and checks the log against them.
 */
import type { AwsGateway, ObjectLockMode } from '../aws/gateway.js';
import { isGatewayError } from '../core/gateway-error.js';
import { parseAnchors, type SessionAnchor } from '../audit/session-anchor.js';
import { UsageError } from './command-io.js';

export interface S3AnchorTarget {
	bucket: string;
	/** '' or ending in '/'. */
	prefix: string;
	/** s3://bucket/prefix as the operator can paste it. */
	url: string;
}

export const anchorLockMode: ObjectLockMode = 'COMPLIANCE';
/** Retention when the bucket has no default retention of its own. */
export const defaultAnchorRetentionDays = 365;

const bucketName = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function isS3Anchors(value: string): boolean {
	return value.startsWith('s3://');
}

export function parseS3Anchors(value: string): S3AnchorTarget {
	const rest = value.slice('s3://'.length);
	const slash = rest.indexOf('/');
	const bucket = slash < 0 ? rest : rest.slice(0, slash);
	const path = slash < 0 ? '' : rest.slice(slash + 1).replace(/^\/+/, '');
	if (!bucketName.test(bucket)) throw new UsageError(`--anchors ${value} does not name an S3 bucket: use s3://BUCKET/PREFIX.`);
	const prefix = path === '' || path.endsWith('/') ? path : `${path}/`;
	return { bucket, prefix, url: `s3://${bucket}/${prefix}` };
}

/** The object a session's anchor is kept in: the session file's name, ending .anchor. */
export function anchorObjectKey(target: S3AnchorTarget, sessionFile: string): string {
	return `${target.prefix}${sessionFile.replace(/\.jsonl$/, '')}.anchor`;
}

type AnchorPort = Required<Pick<AwsGateway, 'objectLockConfiguration' | 'putLockedObject' | 'listObjectVersions' | 'getObjectText'>>;

function portOf(gateway: AwsGateway): AnchorPort {
	const { objectLockConfiguration, putLockedObject, listObjectVersions, getObjectText } = gateway;
	if (!objectLockConfiguration || !putLockedObject || !listObjectVersions || !getObjectText) {
		throw new UsageError(`The ${gateway.mode} account has no S3 bucket to keep anchors in; use a live account (or --demo's anchor bucket), or --anchors FILE.`);
	}
	return {
		objectLockConfiguration: objectLockConfiguration.bind(gateway),
		putLockedObject: putLockedObject.bind(gateway),
		listObjectVersions: listObjectVersions.bind(gateway),
		getObjectText: getObjectText.bind(gateway),
	};
}

async function s3Call<T>(target: S3AnchorTarget, what: string, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if (isGatewayError(error)) throw new UsageError(`Could not ${what} ${target.url}: ${error.message}`);
		throw error;
	}
}

/** Days an anchor is kept: the bucket's default retention when it has one, else 365. */
async function checkObjectLock(port: AnchorPort, target: S3AnchorTarget): Promise<number> {
	const lock = await s3Call(target, 'read the Object Lock configuration of', () => port.objectLockConfiguration(target.bucket));
	if (!lock?.enabled) {
		throw new UsageError(
			`The bucket ${target.bucket} does not have S3 Object Lock enabled, so an anchor kept there could be deleted or overwritten by anyone who can write to it; ` +
				'anchors need a bucket created with Object Lock (aws s3api create-bucket --object-lock-enabled-for-bucket), or use --anchors FILE.',
		);
	}
	const retention = lock.defaultRetention;
	if (!retention) return defaultAnchorRetentionDays;
	return Math.max(retention.days ?? 0, (retention.years ?? 0) * 365) || defaultAnchorRetentionDays;
}

export interface AnchorWritten {
	key: string;
	versionId?: string;
	retainUntil: Date;
}

export interface AnchorBucket {
	target: S3AnchorTarget;
	retentionDays: number;
	write(anchor: SessionAnchor, line: string, now: Date): Promise<AnchorWritten>;
}

/** Checked before anything is applied: the bucket must exist and have Object Lock. */
export async function openAnchorBucket(gateway: AwsGateway, target: S3AnchorTarget): Promise<AnchorBucket> {
	const port = portOf(gateway);
	const retentionDays = await checkObjectLock(port, target);
	return {
		target,
		retentionDays,
		async write(anchor, line, now) {
			const key = anchorObjectKey(target, anchor.file);
			const retainUntil = new Date(now.getTime() + retentionDays * 86_400_000);
			const answer = await s3Call(target, 'keep the anchor in', () => port.putLockedObject({ bucket: target.bucket, key, body: `${line}\n`, mode: anchorLockMode, retainUntil }));
			return { key, retainUntil, ...(answer.versionId ? { versionId: answer.versionId } : {}) };
		},
	};
}

/** The line apply and the wizard print after the anchor line when it was also kept in S3. */
export function anchorWrittenLine(target: S3AnchorTarget, written: AnchorWritten): string {
	return `Anchor kept in s3://${target.bucket}/${written.key}${written.versionId ? ` (version ${written.versionId})` : ''}, Object Lock ${anchorLockMode} until ${written.retainUntil.toISOString()}.`;
}

export interface BucketAnchors {
	anchors: SessionAnchor[];
	/** Shown before the summary: anchors written again or deleted (the first version is still checked). */
	warnings: string[];
	/** An anchor object that holds no anchor, or another session's: verification fails on the first. */
	problems: string[];
}

/** Every anchor under the prefix, each object's first version, read back for `audit verify`. */
export async function readAnchorBucket(gateway: AwsGateway, target: S3AnchorTarget): Promise<BucketAnchors> {
	const port = portOf(gateway);
	await checkObjectLock(port, target);
	const versions = await s3Call(target, 'list the anchors in', () => port.listObjectVersions(target.bucket, target.prefix));
	const keys = [...new Set(versions.filter((v) => v.key.endsWith('.anchor')).map((v) => v.key))].sort();
	const result: BucketAnchors = { anchors: [], warnings: [], problems: [] };
	for (const key of keys) {
		const url = `s3://${target.bucket}/${key}`;
		const ofKey = versions.filter((v) => v.key === key);
		const written = ofKey.filter((v) => !v.deleteMarker);
		const markers = ofKey.filter((v) => v.deleteMarker);
		const first = written[0];
		if (!first) {
			result.problems.push(`${url} holds only delete markers: its anchor is gone (was its Object Lock retention over?)`);
			continue;
		}
		if (written.length > 1) result.warnings.push(`WARNING: ${url} was written ${written.length - 1} more time${written.length > 2 ? 's' : ''} after its session's anchor (last ${written[written.length - 1]?.lastModified ?? 'at an unknown time'}); its first version, kept by Object Lock, is the one checked.`);
		if (markers.length > 0) result.warnings.push(`WARNING: someone deleted ${url} (a delete marker, ${markers[0]?.lastModified ?? 'at an unknown time'}); Object Lock kept its first version, which is the one checked.`);
		const text = await s3Call(target, 'read the anchor in', () => port.getObjectText(target.bucket, key, first.versionId));
		const parsed = parseAnchors(text);
		const file = `${key.slice(target.prefix.length).replace(/\.anchor$/, '')}.jsonl`;
		if (parsed.length !== 1 || parsed[0]?.file !== file) {
			result.problems.push(`${url} does not hold the anchor of ${file} (it holds ${parsed.length === 0 ? 'no anchor line' : parsed.map((a) => a.file).join(', ')})`);
			continue;
		}
		result.anchors.push(parsed[0]);
	}
	return result;
}
