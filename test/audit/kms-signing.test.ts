/**
 * Signing the change log with a key in AWS KMS (sandbox KMS): each session makes its own key
 * and has KMS certify it with one Sign call; verify checks the certificate against the KMS
 * key (pinned on first use, or --pubkey from `audit pubkey --signing-key ARN`), so a log
 * re-signed by whoever can edit the files fails.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { sandboxKmsSigningKeyArn, sandboxKmsSymmetricKeyArn } from '../../source/aws/sandbox/sandbox-kms.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import type { AwsGateway } from '../../source/aws/gateway.js';
import { runAuditPubkey } from '../../source/commands/audit-pubkey.js';
import { runAuditVerify } from '../../source/commands/audit-verify.js';
import { openChangeLogSession } from '../../source/commands/change-log-session.js';
import { UsageError } from '../../source/commands/command-io.js';
import { readPinnedSigner } from '../../source/settings/pinned-signer.js';
import type { StoredSettings } from '../../source/settings/settings-store.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { RecordChain } from '../../source/audit/record-chain.js';
import type { RecordBody } from '../../source/audit/log-records.js';
import { deactivateKey, newKey, parse, readLines, resign, tempDir, writeLines } from './log-fixtures.js';
import { captureIo } from '../helpers/command-io.js';

const run = promisify(execFile);
const now = () => new Date('2026-11-27T20:15:03Z');
const settings = { breakGlass: [] } as unknown as StoredSettings;

/** The sandbox gateway, counting KMS Sign calls. */
function countingGateway(): { gateway: AwsGateway; signs: () => number } {
	const gateway = createSandboxGateway({ state: createSeedState(now()), now });
	let signs = 0;
	const sign = gateway.kmsSign!.bind(gateway);
	gateway.kmsSign = async (keyId, message) => {
		signs += 1;
		return sign(keyId, message);
	};
	return { gateway, signs: () => signs };
}

async function kmsSession(gateway: AwsGateway, logDir: string, actions: number, signingKey = sandboxKmsSigningKeyArn): Promise<string> {
	const { session } = await openChangeLogSession({ logDir, signingKey }, settings, gateway, 'apply', now);
	for (let i = 0; i < actions; i += 1) {
		const action = deactivateKey(`u${i}`, `AKIAIOSFODNN7EXAMPL${i}`);
		const seq = await session.intent({ time: now().toISOString(), step: 5, action, findingIds: [], reason: 'CHG-KMS' });
		await session.result({ seq, time: now().toISOString(), ok: true, inverse: null });
	}
	const file = (await session.file())!;
	await session.close();
	return file;
}

describe('a change log signed with a KMS key', () => {
	test('one kms:Sign per session however long, a certified header, pinned to the KMS key, and audit pubkey prints that key', async () => {
		const dir = join(await tempDir(), 'logs');
		const { gateway, signs } = countingGateway();
		const first = await kmsSession(gateway, dir, 1);
		expect(signs()).toBe(1);
		await kmsSession(gateway, dir, 20);
		expect(signs()).toBe(2);

		const header = parse((await readLines(first))[0]) as unknown as { signer: { fingerprint: string; certificate: { kmsKey: string; fingerprint: string; algorithm: string } } };
		expect(header.signer.certificate).toMatchObject({ kmsKey: sandboxKmsSigningKeyArn, algorithm: 'ED25519_SHA_512' });
		expect(header.signer.certificate.fingerprint).not.toBe(header.signer.fingerprint);
		expect(readPinnedSigner()!.fingerprint).toBe(header.signer.certificate.fingerprint);

		const pub = captureIo({ now: now() });
		expect(await runAuditPubkey({ signingKey: sandboxKmsSigningKeyArn, gateway }, pub)).toBe(0);
		expect(pub.out()).toContain(`Fingerprint: ${header.signer.certificate.fingerprint}`);
		expect(pub.out()).toContain(`KMS key: ${sandboxKmsSigningKeyArn}`);
		const pubFile = join(await tempDir(), 'kms.pub');
		await writeFile(pubFile, pub.out());

		const verified = captureIo({ now: now() });
		expect(await runAuditVerify({ paths: [dir], pubkey: pubFile }, verified)).toBe(0);
		expect(verified.out()).toMatch(/^OK: 2 session files .*signer SHA256:\S+ \(KMS arn:aws:kms:.*, a key per session\) \(pinned\)/);
		// Without --pubkey the settings pin (the KMS key) is used.
		expect(await runAuditVerify({ paths: [dir] }, captureIo({ now: now() }))).toBe(0);
		// The reference verifier in docs/ checks the certificate too.
		const py = await run('python3', [join(import.meta.dirname, '..', '..', 'docs', 'verify-change-log.py'), '--pubkey', pubFile, dir]);
		expect(py.stdout).toMatch(/^OK: 21 actions/);
	});

	test('a session re-signed with a local key, or a certificate edited, fails against the KMS key', async () => {
		const dir = join(await tempDir(), 'logs');
		const { gateway } = countingGateway();
		const file = await kmsSession(gateway, dir, 2);
		const kms = captureIo({ now: now() });
		await runAuditPubkey({ signingKey: sandboxKmsSigningKeyArn, gateway }, kms);
		const pinned = kms.out();
		const lines = await readLines(file);

		await writeLines(file, resign(lines, await newKey()));
		const forged = await verifyLogs([dir], { pubkey: pinned });
		expect(forged.problem).toMatchObject({ kind: 'signed-by-another-key', line: 1 });

		// Keep the certificate, swap in another session key: the certificate no longer covers it.
		const attacker = await newKey();
		const { prev: _prev, kid: _kid, sig: _sig, ...body } = parse(lines[0]) as unknown as Record<string, unknown> & { signer: Record<string, unknown> };
		const headerLine = new RecordChain(attacker, null).append({ ...body, signer: { ...body.signer, publicKey: attacker.publicKeyPem, fingerprint: attacker.fingerprint } } as unknown as RecordBody).line.trimEnd();
		const withCert = resign([headerLine, ...lines.slice(1)], attacker, 1);
		expect((parse(withCert[0]) as unknown as { signer: { certificate?: unknown } }).signer.certificate).toBeDefined();
		await writeLines(file, withCert);
		const report = await verifyLogs([dir], { pubkey: pinned });
		expect(report.problem).toMatchObject({ kind: 'modified', line: 1 });
		const pubFile = join(await tempDir(), 'kms.pub');
		await writeFile(pubFile, pinned);
		const py = await run('python3', [join(import.meta.dirname, '..', '..', 'docs', 'verify-change-log.py'), '--pubkey', pubFile, dir]).catch((e: { stdout: string }) => e);
		expect(py.stdout).toMatch(/^FAILED: modified: \S+ line 1: the KMS certificate/);
		expect(report.problem!.message).toContain('KMS certificate');
	});

	test("KMS's refusals are one-sentence usage errors: an unknown key, a symmetric key", async () => {
		const dir = join(await tempDir(), 'logs');
		const { gateway } = countingGateway();
		const unknown = sandboxKmsSigningKeyArn.replace(/key\/.*/, 'key/11111111-2222-4333-8444-555555555555');
		await expect(kmsSession(gateway, dir, 1, unknown)).rejects.toThrow(UsageError);
		await expect(kmsSession(gateway, dir, 1, unknown)).rejects.toThrow(/NotFoundException/);
		await expect(kmsSession(gateway, dir, 1, sandboxKmsSymmetricKeyArn)).rejects.toThrow(/UnsupportedOperationException/);
	});
});
