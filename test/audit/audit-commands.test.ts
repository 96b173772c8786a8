import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { UsageError, type CommandIo } from '../../source/commands/command-io.js';
import { runAuditExport } from '../../source/commands/audit-export.js';
import { runAuditPubkey } from '../../source/commands/audit-pubkey.js';
import { runAuditVerify } from '../../source/commands/audit-verify.js';
import { appPaths } from '../../source/settings/paths.js';
import { signingKeyFileName } from '../../source/audit/signing-key.js';
import { newKey, readLines, tempDir, writeLines, writeSession } from './log-fixtures.js';

function fakeIo(cwd: string) {
	const out: string[] = [];
	const err: string[] = [];
	const io: CommandIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd, isTTY: false, now: () => new Date('2026-11-28T12:00:00Z') };
	return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('audit pubkey', () => {
	test('makes the key on first use in the settings keys directory (0600) and prints the PEM and its fingerprint', async () => {
		const { io, out, err } = fakeIo(await tempDir());
		expect(await runAuditPubkey({}, io)).toBe(0);
		const keyFile = join(appPaths().keys, signingKeyFileName);
		expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
		expect(err()).toContain(`Made a new signing key: ${keyFile}`);
		expect(out()).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=]+\n-----END PUBLIC KEY-----\nFingerprint: SHA256:[A-Za-z0-9+/]{43}\n$/);
		const again = fakeIo(await tempDir());
		await runAuditPubkey({}, again.io);
		expect(again.out()).toBe(out());
		expect(again.err()).toBe('');
	});

	test('--signing-key prints that key; a missing file is a usage error', async () => {
		const key = await newKey();
		const { io, out } = fakeIo(await tempDir());
		await runAuditPubkey({ signingKey: key.file }, io);
		expect(out()).toContain(`Fingerprint: ${key.fingerprint}`);
		await expect(runAuditPubkey({ signingKey: 'missing.pem' }, io)).rejects.toThrow(UsageError);
	});
});

describe('audit verify', () => {
	test('exit 0 with the summary and a plain note that the signer is not pinned', async () => {
		const dir = await tempDir();
		const file = await writeSession(dir, await newKey(), 2);
		const { io, out } = fakeIo(dir);
		expect(await runAuditVerify({ paths: [file] }, io)).toBe(0);
		const lines = out().trimEnd().split('\n');
		expect(lines[0]).toMatch(/^OK: .*: 6 records, 2 actions \(2 ok, 0 failed\), signer SHA256:\S+ \(NOT pinned\), chain intact, sealed\.$/);
		expect(lines[1]).toMatch(/^The signer is NOT pinned/);
	});

	test('--pubkey takes the output of audit pubkey; a log signed by another key exits 1', async () => {
		const dir = await tempDir();
		const key = await newKey();
		await writeSession(dir, key, 1);
		const pub = fakeIo(dir);
		await runAuditPubkey({ signingKey: key.file }, pub.io);
		// The key lives beside the log directory, not in it: a log directory holds only session files.
		const auditorDir = await tempDir();
		await writeFile(join(auditorDir, 'auditor.pub'), pub.out());
		const ok = fakeIo(auditorDir);
		expect(await runAuditVerify({ paths: [dir], pubkey: 'auditor.pub' }, ok.io)).toBe(0);
		expect(ok.out()).toContain('(pinned)');
		expect(ok.out()).not.toContain('NOT pinned');

		const other = await newKey();
		const otherDir = await tempDir();
		const otherFile = await writeSession(otherDir, other, 1);
		const bad = fakeIo(auditorDir);
		expect(await runAuditVerify({ paths: [otherFile], pubkey: 'auditor.pub' }, bad.io)).toBe(1);
		expect(bad.out()).toMatch(/^FAILED: .*record 1 \(line 1, header\): signed by another key/);
	});

	test('a tampered log exits 1 naming the record', async () => {
		const dir = await tempDir();
		const file = await writeSession(dir, await newKey(), 2);
		const lines = await readLines(file);
		await writeLines(file, [...lines.slice(0, 2), ...lines.slice(3)]);
		const { io, out } = fakeIo(dir);
		expect(await runAuditVerify({ paths: [file] }, io)).toBe(1);
		expect(out()).toMatch(/record 3 \(line 3, intent, seq 2\): deleted/);
	});

	test('usage errors: nothing named, a missing path, a missing or bad --pubkey', async () => {
		const dir = await tempDir();
		const file = await writeSession(dir, await newKey(), 1);
		const { io } = fakeIo(dir);
		await expect(runAuditVerify({ paths: [] }, io)).rejects.toThrow(UsageError);
		await expect(runAuditVerify({ paths: ['nope.jsonl'] }, io)).rejects.toThrow(new UsageError(`${join(dir, 'nope.jsonl')} does not exist.`));
		await expect(runAuditVerify({ paths: [file], pubkey: 'none.pub' }, io)).rejects.toThrow(new UsageError('The --pubkey file none.pub does not exist.'));
		await writeFile(join(dir, 'junk.pub'), 'not a key');
		await expect(runAuditVerify({ paths: [file], pubkey: 'junk.pub' }, io)).rejects.toThrow(new UsageError('The --pubkey file junk.pub is not a PEM public key.'));
		await expect(runAuditVerify({ paths: [await tempDir()] }, io)).rejects.toThrow(/holds no iam-wizard session files/);
	});
});

describe('audit export', () => {
	test('writes md to stdout or a file; exit 0 when verified', async () => {
		const dir = await tempDir();
		const file = await writeSession(dir, await newKey(), 1);
		const { io, out, err } = fakeIo(dir);
		expect(await runAuditExport({ file, format: 'md' }, io)).toBe(0);
		expect(out()).toMatch(/^# iam-wizard change log: .*\n\n\*\*Verification: PASSED\*\*/);
		expect(await runAuditExport({ file, format: 'csv', output: 'log.csv' }, io)).toBe(0);
		expect(err()).toContain('Wrote the change log to log.csv (verified)');
		expect((await readFile(join(dir, 'log.csv'), 'utf8')).split('\r\n')[0]).toBe('verification,seq,when,who,account,step,kind,aws_call,summary,what_changed,why,findings,result,error_code,request_id,undo');
	});

	test('exit 1 for a log that fails verification; usage errors for a bad format or a missing file', async () => {
		const dir = await tempDir();
		const file = await writeSession(dir, await newKey(), 1);
		const lines = await readLines(file);
		await writeLines(file, lines.slice(0, -1));
		const { io, out } = fakeIo(dir);
		expect(await runAuditExport({ file, format: 'json' }, io)).toBe(1);
		expect(JSON.parse(out()).verification.ok).toBe(false);
		await expect(runAuditExport({ file, format: 'pdf' }, io)).rejects.toThrow(new UsageError('--format "pdf" is not one of md, json, csv.'));
		await expect(runAuditExport({ file: 'missing.jsonl', format: 'md' }, io)).rejects.toThrow(UsageError);
	});
});
