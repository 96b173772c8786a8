/**
 * Finding 5 of issue 15: the private key lives beside the logs, so whoever can edit the logs
 * can re-sign them; without --pubkey, verify accepted a log re-signed with any key. Now the
 * first key a machine signs with is pinned in its settings, verify checks against that key
 * unless --pubkey names another, and says which key it used.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import { signingKeyFileName, loadOrCreateSigningKey } from '../../source/audit/signing-key.js';
import { runAuditVerify } from '../../source/commands/audit-verify.js';
import { openChangeLogSession } from '../../source/commands/change-log-session.js';
import { UsageError } from '../../source/commands/command-io.js';
import { appPaths } from '../../source/settings/paths.js';
import { readPinnedSigner } from '../../source/settings/pinned-signer.js';
import type { StoredSettings } from '../../source/settings/settings-store.js';
import { deactivateKey, newKey, readLines, resign, tempDir, writeLines } from './log-fixtures.js';
import { captureIo } from '../helpers/command-io.js';

const now = () => new Date('2026-11-27T20:15:03Z');
const settings = { breakGlass: [] } as unknown as StoredSettings;

async function signOneSession(logDir: string, signingKey?: string): Promise<string> {
	const gateway = createSandboxGateway({ state: createSeedState(now()), now });
	const { session } = await openChangeLogSession({ logDir, ...(signingKey ? { signingKey } : {}) }, settings, gateway, 'apply', now);
	const action = deactivateKey('dave', 'AKIAIOSFODNN7EXAMPLE');
	const seq = await session.intent({ time: now().toISOString(), step: 5, action, findingIds: [], reason: 'CHG-5' });
	await session.result({ seq, time: now().toISOString(), ok: true, inverse: null });
	const file = (await session.file())!;
	await session.close();
	return file;
}

describe('key pinning', () => {
	test('the first signing pins the key; a log re-signed with another key then fails verify without --pubkey, which says which key it used', async () => {
		expect(readPinnedSigner()).toBeUndefined();
		const dir = join(await tempDir(), 'logs');
		const file = await signOneSession(dir);
		const machineKey = await loadOrCreateSigningKey({ keysDir: appPaths().keys });
		expect(readPinnedSigner()).toMatchObject({ fingerprint: machineKey.fingerprint, publicKey: machineKey.publicKeyPem });

		const ok = captureIo({ now: now() });
		expect(await runAuditVerify({ paths: [dir] }, ok)).toBe(0);
		expect(ok.out()).toContain('(pinned)');
		expect(ok.out()).toContain(`Every record was checked against the key pinned in this machine's settings (${readPinnedSigner()!.file}), ${machineKey.fingerprint}.`);

		// Someone with file access re-signs the whole log with a key of their own.
		const forger = await newKey();
		await writeLines(file, resign(await readLines(file), forger));
		const bad = captureIo({ now: now() });
		expect(await runAuditVerify({ paths: [dir] }, bad)).toBe(1);
		expect(bad.out()).toMatch(/^FAILED: .*signed by another key: it was signed by \S+, not by the key pinned/);
		expect(bad.out()).toContain('it was re-signed');

		// --pubkey overrides the pin, and says so.
		const pub = join(await tempDir(), 'forger.pub');
		await writeFile(pub, forger.publicKeyPem);
		const overridden = captureIo({ now: now() });
		expect(await runAuditVerify({ paths: [dir], pubkey: pub }, overridden)).toBe(0);
		expect(overridden.out()).toContain(`Every record was checked against the --pubkey key ${pub}, ${forger.fingerprint}.`);
	});

	test('a session signed with another key than the pinned one is refused before anything is written', async () => {
		const other = await newKey();
		const dir = join(await tempDir(), 'logs');
		await expect(signOneSession(dir, other.file)).rejects.toThrow(UsageError);
		await expect(signOneSession(dir, other.file)).rejects.toThrow(/pinned to the signer/);
		expect(readPinnedSigner()!.fingerprint).not.toBe(other.fingerprint);
		expect(signingKeyFileName).toBeTruthy();
	});
});
