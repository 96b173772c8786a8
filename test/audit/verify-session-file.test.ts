/**
 * What verify says of one session file, case by case where the wording or the kind depends on
 * a detail: the exact sentence an operator reads for a modified, forged, moved or deleted
 * record; a header that is not where or what it should be; which key records are checked
 * against when the header is KMS-certified or a second header names another key; and lines
 * that parse but cannot be checked (no canonical form, no Ed25519 key).
 */
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { sandboxKmsSigningKeyArn } from '../../source/aws/sandbox/sandbox-kms.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import { runAuditPubkey } from '../../source/commands/audit-pubkey.js';
import { openChangeLogSession } from '../../source/commands/change-log-session.js';
import type { StoredSettings } from '../../source/settings/settings-store.js';
import type { LogRecord, RecordBody } from '../../source/audit/log-records.js';
import { RecordChain } from '../../source/audit/record-chain.js';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { captureIo } from '../helpers/command-io.js';
import { deactivateKey, freshSession, hashOf, newKey, parse, readLines, resign, tempDir, writeLines, writeSession } from './log-fixtures.js';

let key: SigningKey;
let file: string;
/** header, 3 × (intent, result), seal: 8 records. */
let lines: string[];

beforeEach(async () => {
	({ key, file, lines } = await freshSession(3));
});

async function verifyAs(edited: string[], options: Parameters<typeof verifyLogs>[1] = {}) {
	await writeLines(file, edited);
	return verifyLogs([file], options);
}

/** A line's record with one field changed, its signature left as it was. */
function edited(line: string, change: Record<string, unknown>): string {
	return JSON.stringify({ ...parse(line), ...change });
}

function bodyOf(line: string): RecordBody {
	const { prev: _prev, kid: _kid, sig: _sig, ...body } = parse(line) as LogRecord;
	return body as RecordBody;
}

describe('the sentence verify reports for', () => {
	test('a modified record: its signature does not match its content', async () => {
		const report = await verifyAs([...lines.slice(0, 3), edited(lines[3], { reason: 'CHG-0000 approved by nobody' }), ...lines.slice(4)]);
		expect(report.problem).toMatchObject({ kind: 'modified', line: 4, detail: 'its signature does not match its content (it was changed after it was signed)' });
	});

	test('a modified last record (the seal): modified, though no record follows it', async () => {
		const report = await verifyAs([...lines.slice(0, 7), edited(lines[7], { time: '2026-11-28T00:00:00.000Z' })]);
		expect(report.problem).toMatchObject({ kind: 'modified', line: 8, recordType: 'seal' });
	});

	test('a modified record followed by an unreadable line: the modified record, found first', async () => {
		const report = await verifyAs([...lines.slice(0, 3), edited(lines[3], { reason: 'CHG-0000' }), '{"half a line', ...lines.slice(5)]);
		expect(report.problem).toMatchObject({ kind: 'modified', line: 4 });
	});

	test('a file holding only its header, modified: modified, not inserted', async () => {
		const report = await verifyAs([edited(lines[0], { region: 'us-east-1' })]);
		expect(report.problem).toMatchObject({ kind: 'modified', line: 1, recordType: 'header' });
	});

	test('a forged record slipped into the chain: the records on either side of it are named', async () => {
		const forged = JSON.stringify({ ...parse(lines[3]), reason: 'CHG-0000 inserted later', seq: 9 });
		const report = await verifyAs([...lines.slice(0, 4), forged, ...lines.slice(4)]);
		expect(report.problem).toMatchObject({ kind: 'inserted', line: 5 });
		expect(report.problem?.detail).toBe('it is not part of the chain (record 6 follows record 4 directly) and its signature does not match');
	});

	test('a moved record: where it belongs and where it is', async () => {
		const report = await verifyAs([...lines.slice(0, 3), lines[4], lines[3], ...lines.slice(5)]);
		expect(report.problem?.detail).toBe("it belongs right after record 5 (its prev is that record's hash), not after record 3");
	});

	test('a deleted record: the missing hash, shortened', async () => {
		const report = await verifyAs([...lines.slice(0, 4), ...lines.slice(5)]);
		const missing = hashOf(parse(lines[4]));
		expect(report.problem).toMatchObject({ kind: 'deleted', line: 5 });
		expect(report.problem?.detail).toBe(`the record before it is missing (its prev ${missing.slice(0, 12)}… matches no record in this file)`);
	});

	test("another session's header spliced in: its prev is none", async () => {
		const other = await readLines(await writeSession(await tempDir(), key, 1));
		const report = await verifyAs([lines[0], other[0], ...lines.slice(1)]);
		expect(report.problem).toMatchObject({ kind: 'deleted', line: 2, recordType: 'header' });
		expect(report.problem?.detail).toBe('the record before it is missing (its prev none matches no record in this file)');
	});

	test('a record signed by another key, unpinned: no claim that the file was re-signed', async () => {
		const forger = await newKey();
		const report = await verifyAs(resign(lines, forger, 3));
		expect(report.problem).toMatchObject({ kind: 'signed-by-another-key', line: 4 });
		expect(report.problem?.detail).toBe(`it was signed by ${forger.fingerprint}, not by the key the header names (${key.fingerprint})`);
	});

	test('pinned to another key, with a tampered header: signed by another key, not re-signed (the header no longer holds under its own key either)', async () => {
		const pinned = await newKey();
		const report = await verifyAs([edited(lines[0], { region: 'us-east-1' }), ...lines.slice(1)], { pubkey: pinned.publicKeyPem });
		expect(report.problem).toMatchObject({ kind: 'signed-by-another-key', line: 1 });
		expect(report.problem?.detail).toBe(`it was signed by ${key.fingerprint}, not by the key pinned for this check (${pinned.fingerprint})`);
	});

	test("pinned, a header signed by the pinned key but naming another, whose records that key signs: the first such record fails, and only a header earns the re-signed note", async () => {
		const pinned = await newKey();
		const header = bodyOf(lines[0]) as RecordBody & { signer: Record<string, unknown> };
		const headerLine = new RecordChain({ privateKey: pinned.privateKey, fingerprint: key.fingerprint }, null).append(header).line.trimEnd();
		const report = await verifyAs(resign([headerLine, ...lines.slice(1)], key, 1), { pubkey: pinned.publicKeyPem });
		expect(report.problem).toMatchObject({ kind: 'signed-by-another-key', line: 2 });
		expect(report.problem?.detail).toBe(`it was signed by ${key.fingerprint}, not by the key pinned for this check (${pinned.fingerprint})`);
	});

	test('an empty file', async () => {
		const report = await verifyAs([]);
		expect(report.problem).toMatchObject({ kind: 'truncated', line: 1, detail: 'the file is empty' });
	});
});

describe('the header', () => {
	test('removed, with an unreadable line later and no header anywhere: deleted at line 1', async () => {
		const report = await verifyAs([...lines.slice(1, 4), '{"type":"inte', ...lines.slice(5)]);
		expect(report.problem).toMatchObject({ kind: 'deleted', line: 1, detail: 'the file does not start with a header (its first records were removed)' });
	});

	test('holding a key that is not Ed25519: malformed, said so', async () => {
		const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
		const header = parse(lines[0]) as LogRecord & { signer: Record<string, unknown> };
		const report = await verifyAs([JSON.stringify({ ...header, signer: { ...header.signer, publicKey: rsa } }), ...lines.slice(1)]);
		expect(report.problem).toMatchObject({ kind: 'malformed', line: 1, detail: 'the header does not hold an Ed25519 public key' });
	});

	test("naming another key's fingerprint as its signer's and as its kid, over its own key: modified", async () => {
		const other = await newKey();
		const signer = { privateKey: key.privateKey, fingerprint: other.fingerprint };
		const chain = new RecordChain(signer, null);
		const forged = lines.map((line) => {
			let body = bodyOf(line);
			if (body.type === 'header') body = { ...body, signer: { publicKey: key.publicKeyPem, fingerprint: other.fingerprint } };
			if (body.type === 'seal') body = { ...body, lastHash: chain.lastHash as string };
			return chain.append(body).line.trimEnd();
		});
		const report = await verifyAs(forged);
		expect(report.ok).toBe(false);
		expect(report.problem).toMatchObject({ kind: 'modified', line: 1 });
		expect(report.problem?.detail).toBe(`the header's fingerprint ${other.fingerprint} is not that of the public key it holds (${key.fingerprint})`);
	});

	test('a second header naming another key does not switch the key later records are checked against', async () => {
		const forger = await newKey();
		const report = await verifyAs(resign([...lines.slice(0, 5), lines[0], ...lines.slice(5)], forger, 5));
		expect(report.problem).toMatchObject({ kind: 'signed-by-another-key', line: 6, recordType: 'header' });
	});
});

describe('a line that parses but cannot be checked', () => {
	test('a lone surrogate has no canonical form: malformed, with the reason', async () => {
		const bad = lines[3].replace('"reason":"', '"reason":"\\ud800');
		const report = await verifyAs([...lines.slice(0, 3), bad, ...lines.slice(4)]);
		expect(report.problem).toMatchObject({ kind: 'malformed', line: 4 });
		expect(report.problem?.detail).toMatch(/^not canonicalisable JSON \(.+\)$/);
	});
});

describe('a session certified by a KMS key', () => {
	const now = () => new Date('2026-11-27T20:15:03Z');

	async function kmsSession(): Promise<{ file: string; kmsPub: string }> {
		const gateway = createSandboxGateway({ state: createSeedState(now()), now });
		const logDir = join(await tempDir(), 'logs');
		const { session } = await openChangeLogSession({ logDir, signingKey: sandboxKmsSigningKeyArn }, { breakGlass: [] } as unknown as StoredSettings, gateway, 'apply', now);
		const action = deactivateKey('u0', 'AKIAIOSFODNN7EXAMPL0');
		const seq = await session.intent({ time: now().toISOString(), step: 5, action, findingIds: [], reason: 'CHG-KMS' });
		await session.result({ seq, time: now().toISOString(), ok: true, inverse: null });
		const kmsFile = (await session.file())!;
		await session.close();
		const pub = captureIo({ now: now() });
		await runAuditPubkey({ signingKey: sandboxKmsSigningKeyArn, gateway }, pub);
		return { file: kmsFile, kmsPub: pub.out() };
	}

	test('verifies unpinned, against the session key its header names', async () => {
		const { file: kmsFile } = await kmsSession();
		expect((await verifyLogs([kmsFile])).ok).toBe(true);
	});

	test('pinned to the KMS key it verifies; pinned to an unrelated key it fails at the header', async () => {
		const { file: kmsFile, kmsPub } = await kmsSession();
		expect((await verifyLogs([kmsFile], { pubkey: kmsPub })).ok).toBe(true);
		const unrelated = await newKey();
		const report = await verifyLogs([kmsFile], { pubkey: unrelated.publicKeyPem });
		expect(report.ok).toBe(false);
		expect(report.problem).toMatchObject({ kind: 'signed-by-another-key', line: 1 });
	});
});
