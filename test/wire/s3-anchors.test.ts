/**
 * Session anchors on the wire: the SDK's own S3 serializer and parser against a loopback S3
 * that answers as S3 does — GetObjectLockConfiguration (and S3's
 * ObjectLockConfigurationNotFoundError for a bucket without Object Lock), a PutObject that S3
 * refuses without an integrity checksum when it carries Object Lock headers, ListObjectVersions
 * and GetObject by version. What S3 received is checked header by header.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anchorLine, type SessionAnchor } from '../../source/audit/session-anchor.js';
import { createLiveGateway } from '../../source/aws/live/live-gateway.js';
import { openAnchorBucket, parseS3Anchors, readAnchorBucket } from '../../source/commands/s3-anchors.js';
import type { WireAnswer, WireRequest } from './fake-aws-server.js';
import { startFakeAws } from './fake-aws-server.js';
import { now } from './wire-kit.js';

const anchor: SessionAnchor = { file: '2026-11-27T12-00-00.000Z-0f8fad5b-d9cb-469f-a165-70867728950e.jsonl', headerHash: 'a'.repeat(64), sealHash: 'b'.repeat(64), records: 6 };

/** A loopback S3 with one Object Lock bucket ("locked", 30 days COMPLIANCE by default) and one without ("plain"). */
function fakeS3() {
	const versions: { key: string; versionId: string; body: string; at: string }[] = [];
	const xml = (body: string): WireAnswer => ({ result: { headers: { 'content-type': 'application/xml' }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` } });
	const respond = (request: WireRequest): WireAnswer => {
		const { Bucket, Key } = request.params as { Bucket: string; Key?: string };
		if (Bucket !== 'locked' && Bucket !== 'plain') return { error: { code: 'NoSuchBucket', message: 'The specified bucket does not exist', status: 404 } };
		switch (request.operation) {
			case 's3:GetObjectLockConfiguration':
				if (Bucket === 'plain') return { error: { code: 'ObjectLockConfigurationNotFoundError', message: 'Object Lock configuration does not exist for this bucket', status: 404 } };
				return xml('<ObjectLockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>COMPLIANCE</Mode><Days>30</Days></DefaultRetention></Rule></ObjectLockConfiguration>');
			case 's3:PutObject': {
				const headers = request.headers ?? {};
				const body = String(request.params.Body);
				if (headers['x-amz-object-lock-mode'] && !headers['content-md5'] && !headers['x-amz-checksum-sha256'] && !headers['x-amz-checksum-crc32']) {
					return { error: { code: 'InvalidRequest', message: 'Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters', status: 400 } };
				}
				if (headers['x-amz-checksum-sha256'] && headers['x-amz-checksum-sha256'] !== createHash('sha256').update(body).digest('base64')) {
					return { error: { code: 'BadDigest', message: 'The SHA256 you specified did not match the calculated checksum.', status: 400 } };
				}
				const versionId = `v${versions.length + 1}`;
				versions.push({ key: Key!, versionId, body, at: '2026-11-27T12:00:01.000Z' });
				return { result: { headers: { 'x-amz-version-id': versionId } } };
			}
			case 's3:ListObjectVersions': {
				const listed = versions.filter((v) => v.key.startsWith(String(request.params.prefix ?? '')));
				const entries = listed.map((v) => `<Version><Key>${v.key}</Key><VersionId>${v.versionId}</VersionId><IsLatest>true</IsLatest><LastModified>${v.at}</LastModified><Size>${v.body.length}</Size></Version>`);
				return xml(`<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${Bucket}</Name><IsTruncated>false</IsTruncated>${entries.join('')}</ListVersionsResult>`);
			}
			case 's3:GetObject': {
				const version = versions.find((v) => v.key === Key && v.versionId === request.params.versionId);
				if (!version) return { error: { code: 'NoSuchVersion', message: 'The specified version does not exist.', status: 404 } };
				return { result: { headers: { 'content-type': 'text/plain; charset=utf-8', 'x-amz-version-id': version.versionId }, body: version.body } };
			}
			default:
				return { error: { code: 'NotImplemented', message: `${request.operation} is not in this fake`, status: 501 } };
		}
	};
	return { respond, versions };
}

async function withFakeS3<T>(run: (server: { requests: WireRequest[] }) => Promise<T>): Promise<T> {
	const s3 = fakeS3();
	const server = await startFakeAws(s3.respond);
	process.env.AWS_ENDPOINT_URL = server.url;
	process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
	process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-tests';
	try {
		return await run(server);
	} finally {
		delete process.env.AWS_ENDPOINT_URL;
		delete process.env.AWS_ACCESS_KEY_ID;
		delete process.env.AWS_SECRET_ACCESS_KEY;
		await server.close();
	}
}

describe('session anchors on the wire', () => {
	it('puts the anchor with its Object Lock headers and SHA-256, S3 takes it, and it reads back', async () => {
		await withFakeS3(async (server) => {
			const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1, now: () => now });
			const target = parseS3Anchors('s3://locked/host-1');
			const written = await (await openAnchorBucket(gateway, target)).write(anchor, anchorLine(anchor), now);
			expect(written).toEqual({ key: 'host-1/2026-11-27T12-00-00.000Z-0f8fad5b-d9cb-469f-a165-70867728950e.anchor', versionId: 'v1', retainUntil: new Date('2026-12-27T12:00:00.000Z') });
			const put = server.requests.find((r) => r.operation === 's3:PutObject')!;
			const body = `${anchorLine(anchor)}\n`;
			expect(put.params.Body).toBe(body);
			expect(put.headers).toMatchObject({
				'x-amz-object-lock-mode': 'COMPLIANCE',
				'x-amz-object-lock-retain-until-date': '2026-12-27T12:00:00Z',
				'x-amz-checksum-sha256': createHash('sha256').update(body).digest('base64'),
				'content-type': 'text/plain; charset=utf-8',
			});
			const read = await readAnchorBucket(gateway, target);
			expect(read).toEqual({ anchors: [anchor], warnings: [], problems: [] });
		});
	});

	it("S3's ObjectLockConfigurationNotFoundError on the wire is a bucket without Object Lock: refused, nothing put", async () => {
		await withFakeS3(async (server) => {
			const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1, now: () => now });
			const refused = await openAnchorBucket(gateway, parseS3Anchors('s3://plain/host-1')).catch((e: unknown) => e);
			expect((refused as Error).message).toMatch(/^The bucket plain does not have S3 Object Lock enabled, so an anchor kept there could be deleted or overwritten/);
			expect(server.requests.map((r) => r.operation)).toEqual(['s3:GetObjectLockConfiguration']);
		});
	});
});
