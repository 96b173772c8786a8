/**
 * What verify says of a session's header and of its action counts, beyond the chain: a header
 * whose fingerprint is not that of the key it carries is a forgery (it could name the pinned
 * key's fingerprint over another key), and the summary counts failed actions and attestations
 * as the log holds them.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { RecordChain } from '../../source/audit/record-chain.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import type { RecordBody } from '../../source/audit/log-records.js';
import { clock, deactivateKey, logApplied, newKey, parse, readLines, reactivate, session, tempDir, writeLines, writeSession } from './log-fixtures.js';

let dir: string;
let key: SigningKey;
let other: SigningKey;

beforeEach(async () => {
	dir = await tempDir();
	key = await newKey();
	other = await newKey();
});

/** The session re-signed by `key` from its header on, the header naming `fingerprint` as its signer's. */
function withHeaderFingerprint(lines: string[], fingerprint: string): string[] {
	const chain = new RecordChain(key, null);
	return lines.map((line) => {
		const { prev: _prev, kid: _kid, sig: _sig, ...body } = parse(line);
		let next = body as RecordBody;
		if (next.type === 'header') next = { ...next, signer: { publicKey: key.publicKeyPem, fingerprint } };
		if (next.type === 'seal') next = { ...next, lastHash: chain.lastHash as string };
		return chain.append(next).line.trimEnd();
	});
}

describe('a header that names another fingerprint than its key', () => {
	test('fails, unpinned and pinned to the key whose fingerprint it claims', async () => {
		const file = await writeSession(dir, key, 2);
		await writeLines(file, withHeaderFingerprint(await readLines(file), other.fingerprint));

		const unpinned = await verifyLogs([file]);
		expect(unpinned.ok).toBe(false);
		expect(unpinned.problem).toMatchObject({ line: 1, kind: 'modified' });

		const pinned = await verifyLogs([file], { pubkey: other.publicKeyPem });
		expect(pinned.ok).toBe(false);
		expect(pinned.problem?.line).toBe(1);
	});

	test('the same file with its own fingerprint passes: the edit above is what fails it', async () => {
		const file = await writeSession(dir, key, 2);
		await writeLines(file, withHeaderFingerprint(await readLines(file), key.fingerprint));
		expect((await verifyLogs([file])).ok).toBe(true);
	});
});

describe("the summary's counts", () => {
	test('name the failed action and the attestation as the log holds them', async () => {
		const now = clock();
		const log = await openAuditLog({ dir, key, session, now });
		await logApplied(log, deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE'), now);
		const failing = deactivateKey('bob', 'AKIAIOSFODNN7EXAMPLF');
		const seq = await log.intent({ time: now().toISOString(), step: 5, action: failing, findingIds: failing.findingIds, reason: 'CHG-2', previewHash: 'cd'.repeat(32) });
		await log.result({ seq, time: now().toISOString(), ok: false, error: { code: 'AccessDenied', message: 'denied' }, inverse: reactivate(failing) });
		await log.attestation({ time: now().toISOString(), step: 1, statement: 'Root MFA enabled with a hardware key in the console', findingIds: ['ROOT_NO_MFA'], reason: 'CHG-3' });
		await log.close();

		const report = await verifyLogs([log.file]);
		expect(report.ok).toBe(true);
		expect(report.summary).toMatch(/: 7 records, 2 actions \(1 ok, 1 failed\), 1 attestation, signer /);
	});
});
