/**
 * `audit verify --anchors s3://BUCKET/PREFIX` against the sandbox's Object Lock bucket (an
 * in-memory S3 with S3's answers): every session kept its anchor there as it ended, so a
 * removed session, a cut one, a session with no anchor and an anchor written again are each
 * named; a bucket without Object Lock is refused in one sentence.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { anchorLine, type SessionAnchor } from '../../source/audit/session-anchor.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { createSandboxGateway, type SandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { sandboxAnchorBucket, sandboxPlainBucket } from '../../source/aws/sandbox/sandbox-anchor-bucket.js';
import { runAuditVerify } from '../../source/commands/audit-verify.js';
import { UsageError } from '../../source/commands/command-io.js';
import { anchorObjectKey, openAnchorBucket, parseS3Anchors } from '../../source/commands/s3-anchors.js';
import { captureIo } from '../helpers/command-io.js';
import { clock, deactivateKey, logApplied, newKey, session, tempDir } from './log-fixtures.js';

let dir: string;
let key: SigningKey;
let gateway: SandboxGateway;
let files: string[];
const now = clock(Date.parse('2026-12-06T09:00:00Z'));
const bucket = 'iam-wizard-anchors-123456789012';
const url = `s3://${bucket}/host-1`;

async function sessionOf(actions: number): Promise<SessionAnchor> {
	const log = await openAuditLog({ dir, key, session, now });
	for (let i = 0; i < actions; i += 1) await logApplied(log, deactivateKey(`u${i}`, `AKIAIOSFODNN7EXAMPL${i}`), now);
	await log.close();
	return log.anchor()!;
}

async function anchoredSession(actions: number): Promise<SessionAnchor> {
	const anchor = await sessionOf(actions);
	await (await openAnchorBucket(gateway, parseS3Anchors(url))).write(anchor, anchorLine(anchor), now());
	return anchor;
}

async function verify(extra: { strict?: boolean } = {}) {
	const io = captureIo({ now: now() });
	const code = await runAuditVerify({ paths: [dir], anchors: url, gateway, pubkey: undefined, ...extra }, io);
	return { code, out: io.out() };
}

beforeEach(async () => {
	dir = await tempDir();
	key = await newKey();
	gateway = createSandboxGateway({ now });
	expect(sandboxAnchorBucket(gateway.currentState())).toBe(bucket);
	await anchoredSession(1);
	await anchoredSession(3);
	await anchoredSession(2);
	files = (await readdir(dir)).sort();
});

describe('anchors kept in an S3 bucket with Object Lock', () => {
	test('each anchor is an object under COMPLIANCE retention, and the log checks out against them', async () => {
		const kept = gateway.currentState().anchorObjects ?? [];
		expect(kept.map((o) => o.key)).toEqual(files.map((f) => anchorObjectKey(parseS3Anchors(url), f)));
		expect(kept.every((o) => o.mode === 'COMPLIANCE' && Math.round((Date.parse(o.retainUntil!) - Date.parse(o.lastModified!)) / 86_400_000) === 365)).toBe(true);
		const { code, out } = await verify();
		expect(code).toBe(0);
		expect(out).toContain('3 anchored sessions present, whole and unchanged.');
	});

	test('the newest session removed: a failure naming it', async () => {
		await rm(join(dir, files[2]!));
		const { code, out } = await verify();
		expect(code).toBe(1);
		expect(out).toContain(`FAILED: ${files[2]}: session missing: the anchored session ${files[2]} (6 records`);
	});

	test('a later session with no anchor in the bucket: a failure saying why it matters', async () => {
		await sessionOf(1);
		const newest = (await readdir(dir)).sort()[3]!;
		const { code, out } = await verify();
		expect(code).toBe(1);
		expect(out).toContain(`FAILED: ${newest}: record 1 (line 1, header): not anchored: it has no anchor in ${url}/, where every session since ${files[0]} kept one as it ended`);
	});

	test('an anchor written again (to match a cut log) or deleted: the first version is checked, and the auditor is warned first', async () => {
		const objectKey = anchorObjectKey(parseS3Anchors(url), files[2]!);
		const forged: SessionAnchor = { file: files[2]!, headerHash: 'f'.repeat(64), sealHash: 'e'.repeat(64), records: 3 };
		await gateway.putLockedObject!({ bucket, key: objectKey, body: `${anchorLine(forged)}\n`, mode: 'GOVERNANCE', retainUntil: new Date('2027-12-06T00:00:00Z') });
		await gateway.deleteObject(bucket, objectKey);
		const { code, out } = await verify();
		expect(code).toBe(0);
		const lines = out.split('\n');
		expect(lines[0]).toMatch(new RegExp(`^WARNING: s3://${bucket}/${objectKey} was written 1 more time after its session's anchor \\(last [^)]+\\); its first version, kept by Object Lock, is the one checked\\.$`));
		expect(lines[1]).toMatch(new RegExp(`^WARNING: someone deleted s3://${bucket}/${objectKey} \\(a delete marker, [^)]+\\); Object Lock kept its first version, which is the one checked\\.$`));
		expect(lines[2]).toMatch(/^OK: /);
		expect(out).toContain('3 anchored sessions present, whole and unchanged.');
	});

	test('an object that holds another session\'s anchor is a failure', async () => {
		const other: SessionAnchor = { file: files[0]!, headerHash: 'f'.repeat(64), sealHash: 'e'.repeat(64), records: 4 };
		await gateway.putLockedObject!({ bucket, key: 'host-1/2026-12-06T09-59-00.000Z-0f8fad5b-d9cb-469f-a165-70867728950e.anchor', body: anchorLine(other), mode: 'COMPLIANCE', retainUntil: new Date('2027-12-06T00:00:00Z') });
		const { code, out } = await verify();
		expect(code).toBe(1);
		expect(out).toContain(`FAILED: s3://${bucket}/host-1/2026-12-06T09-59-00.000Z-0f8fad5b-d9cb-469f-a165-70867728950e.anchor does not hold the anchor of 2026-12-06T09-59-00.000Z-0f8fad5b-d9cb-469f-a165-70867728950e.jsonl (it holds ${files[0]}).`);
	});

	test('a bucket without Object Lock is refused for reading and writing alike, in one sentence', async () => {
		const plain = sandboxPlainBucket(gateway.currentState());
		const message = `The bucket ${plain} does not have S3 Object Lock enabled, so an anchor kept there could be deleted or overwritten by anyone who can write to it; anchors need a bucket created with Object Lock (aws s3api create-bucket --object-lock-enabled-for-bucket), or use --anchors FILE.`;
		const reading = await runAuditVerify({ paths: [dir], anchors: `s3://${plain}/x`, gateway }, captureIo()).catch((e: unknown) => e);
		expect(reading).toBeInstanceOf(UsageError);
		expect((reading as Error).message).toBe(message);
		const writing = await openAnchorBucket(gateway, parseS3Anchors(`s3://${plain}/x`)).catch((e: unknown) => e);
		expect((writing as Error).message).toBe(message);
		const missing = await openAnchorBucket(gateway, parseS3Anchors('s3://no-such-bucket-here/x')).catch((e: unknown) => e);
		expect((missing as Error).message).toBe('Could not read the Object Lock configuration of s3://no-such-bucket-here/x/: s3:GetObjectLockConfiguration failed with NoSuchBucket: The specified bucket does not exist.');
	});
});
