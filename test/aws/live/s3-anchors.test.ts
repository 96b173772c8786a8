/**
 * The live gateway's S3 calls for session anchors, on a mocked S3 client: what PutObject
 * received (Object Lock mode and retention, the SHA-256 checksum S3 requires of an Object Lock
 * put), the Object Lock check with S3's "no configuration" answer as a model value and the
 * refusal it leads to, and every version read back oldest first.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, GetObjectLockConfigurationCommand, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import { anchorLine, type SessionAnchor } from '../../../source/audit/session-anchor.js';
import { UsageError } from '../../../source/commands/command-io.js';
import { openAnchorBucket, parseS3Anchors, readAnchorBucket } from '../../../source/commands/s3-anchors.js';
import { awsError, fakeCredentialsInEnv, liveGateway, mocks, resetToQuietAccount } from './live-test-kit.js';

const s3 = mocks.s3;
const bucket = 'example-anchors';
const target = parseS3Anchors(`s3://${bucket}/ops/host-1`);
const anchor: SessionAnchor = { file: '2026-12-06T10-00-00.000Z-0f8fad5b-d9cb-469f-a165-70867728950e.jsonl', headerHash: 'a'.repeat(64), sealHash: 'b'.repeat(64), records: 4 };
const key = 'ops/host-1/2026-12-06T10-00-00.000Z-0f8fad5b-d9cb-469f-a165-70867728950e.anchor';

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
});

function textBody(text: string) {
	return { transformToString: async () => text } as never;
}

describe('live S3 anchors', () => {
	it("puts the anchor under COMPLIANCE retention for the bucket's default period, with its SHA-256", async () => {
		s3.on(GetObjectLockConfigurationCommand).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } } } });
		s3.on(PutObjectCommand).resolves({ VersionId: 'v1' });
		const gateway = await liveGateway();
		const opened = await openAnchorBucket(gateway, target);
		expect(s3.commandCalls(GetObjectLockConfigurationCommand)[0]!.args[0].input).toEqual({ Bucket: bucket });
		const now = new Date('2026-12-06T10:05:00Z');
		const written = await opened.write(anchor, anchorLine(anchor), now);
		expect(written).toEqual({ key, versionId: 'v1', retainUntil: new Date('2027-01-05T10:05:00Z') });
		const input = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
		const body = `${anchorLine(anchor)}\n`;
		expect(input).toEqual({
			Bucket: bucket,
			Key: key,
			Body: Buffer.from(body),
			ContentType: 'text/plain; charset=utf-8',
			ChecksumAlgorithm: 'SHA256',
			ChecksumSHA256: createHash('sha256').update(body).digest('base64'),
			ObjectLockMode: 'COMPLIANCE',
			ObjectLockRetainUntilDate: new Date('2027-01-05T10:05:00Z'),
		});
	});

	it('a bucket without a default retention keeps anchors 365 days', async () => {
		s3.on(GetObjectLockConfigurationCommand).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } });
		s3.on(PutObjectCommand).resolves({});
		const opened = await openAnchorBucket(await liveGateway(), target);
		const written = await opened.write(anchor, anchorLine(anchor), new Date('2026-12-06T00:00:00Z'));
		expect(written.retainUntil.toISOString()).toBe('2027-12-06T00:00:00.000Z');
		expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input.ObjectLockMode).toBe('COMPLIANCE');
	});

	it("S3's ObjectLockConfigurationNotFoundError is a bucket without Object Lock: refused in one sentence, nothing put", async () => {
		s3.on(GetObjectLockConfigurationCommand).rejects(awsError('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', { httpStatusCode: 404 }));
		const gateway = await liveGateway();
		expect(await gateway.objectLockConfiguration!(bucket)).toBeNull();
		const refused = await openAnchorBucket(gateway, target).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(UsageError);
		expect((refused as Error).message).toBe(
			`The bucket ${bucket} does not have S3 Object Lock enabled, so an anchor kept there could be deleted or overwritten by anyone who can write to it; anchors need a bucket created with Object Lock (aws s3api create-bucket --object-lock-enabled-for-bucket), or use --anchors FILE.`,
		);
		expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
	});

	it("another S3 error (a missing bucket) is said with S3's code", async () => {
		s3.on(GetObjectLockConfigurationCommand).rejects(awsError('NoSuchBucket', 'The specified bucket does not exist', { httpStatusCode: 404 }));
		const refused = await openAnchorBucket(await liveGateway(), target).catch((e: unknown) => e);
		expect((refused as Error).message).toBe(`Could not read the Object Lock configuration of s3://${bucket}/ops/host-1/: s3:GetObjectLockConfiguration failed with NoSuchBucket: The specified bucket does not exist.`);
	});

	it('reads every page of versions, checks the first version of each anchor, and warns of later versions and delete markers', async () => {
		s3.on(GetObjectLockConfigurationCommand).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } });
		const forged = { ...anchor, records: 2, sealHash: 'c'.repeat(64) };
		s3.on(ListObjectVersionsCommand, { Bucket: bucket, Prefix: 'ops/host-1/' }).resolves({
			IsTruncated: true,
			NextKeyMarker: key,
			NextVersionIdMarker: 'v2',
			// S3 lists a key's versions newest first.
			Versions: [
				{ Key: key, VersionId: 'v2', LastModified: new Date('2026-12-06T11:00:00Z') },
				{ Key: key, VersionId: 'v1', LastModified: new Date('2026-12-06T10:05:00Z') },
			],
		});
		s3.on(ListObjectVersionsCommand, { Bucket: bucket, Prefix: 'ops/host-1/', KeyMarker: key, VersionIdMarker: 'v2' }).resolves({
			IsTruncated: false,
			DeleteMarkers: [{ Key: key, VersionId: 'd1', LastModified: new Date('2026-12-06T12:00:00Z') }],
		});
		s3.on(GetObjectCommand, { Bucket: bucket, Key: key, VersionId: 'v1' }).resolves({ Body: textBody(`${anchorLine(anchor)}\n`) });
		s3.on(GetObjectCommand, { Bucket: bucket, Key: key, VersionId: 'v2' }).resolves({ Body: textBody(`${anchorLine(forged)}\n`) });
		const read = await readAnchorBucket(await liveGateway(), target);
		expect(read.anchors).toEqual([anchor]);
		expect(read.problems).toEqual([]);
		expect(read.warnings).toEqual([
			`WARNING: s3://${bucket}/${key} was written 1 more time after its session's anchor (last 2026-12-06T11:00:00.000Z); its first version, kept by Object Lock, is the one checked.`,
			`WARNING: someone deleted s3://${bucket}/${key} (a delete marker, 2026-12-06T12:00:00.000Z); Object Lock kept its first version, which is the one checked.`,
		]);
		expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.VersionId)).toEqual(['v1']);
	});
});
