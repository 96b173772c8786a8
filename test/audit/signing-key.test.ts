/**
 * The Ed25519 key that signs change logs: made on first use (0600 in a 0700 folder), read
 * from `--signing-key FILE`, read as a public key for `--pubkey`, and its fingerprint as
 * docs/change-log-format.md section 5 defines it. Every refusal is one sentence naming the
 * file, never the key's contents.
 */
import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { AuditInputError } from '../../source/audit/audit-input-error.js';
import { fingerprintOf, loadOrCreateSigningKey, publicKeyFromText, readSigningKey, signingKeyFileName } from '../../source/audit/signing-key.js';
import { FileError } from '../../source/fs/file-error.js';
import { newKey, tempDir } from './log-fixtures.js';

/** RFC 8032 section 7.1 test 1, the key of the worked example in docs/change-log-format.md section 10. */
const rfcSecret = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const rfcPublicPem = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n';
const rfcFingerprint = 'SHA256:If4x36FUomFia/hUBG/SJxt77UtqvkWqWId+9H+XIbk';

function rfcPrivatePem(): string {
	// PKCS#8 of an Ed25519 seed: a fixed 16-byte prefix and the 32-byte seed.
	const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(rfcSecret, 'hex')]);
	return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();
}

describe('the signing key', () => {
	test('is made on first use: private key 0600 in a 0700 directory, the same key afterwards', async () => {
		const keysDir = join(await tempDir(), 'config', 'keys');
		const first = await loadOrCreateSigningKey({ keysDir });
		expect(first.created).toBe(true);
		expect(first.file).toBe(join(keysDir, signingKeyFileName));
		expect((await stat(first.file)).mode & 0o777).toBe(0o600);
		expect((await stat(keysDir)).mode & 0o777).toBe(0o700);
		const again = await loadOrCreateSigningKey({ keysDir });
		expect(again.created).toBe(false);
		expect(again.fingerprint).toBe(first.fingerprint);
		expect(first.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
		expect(first.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
		// The made key is the one written: the file's key signs what the returned key verifies.
		expect(fingerprintOf(again.publicKey)).toBe(fingerprintOf(first.publicKey));
		expect(first.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()).toBe(await readFile(first.file, 'utf8'));
		// Nothing but the key is left in the folder (the temporary file is gone).
		expect(await readdir(keysDir)).toEqual([signingKeyFileName]);
	});

	test('a keys folder that already exists with a looser mode is made 0700', async () => {
		const keysDir = join(await tempDir(), 'keys');
		await mkdir(keysDir, { mode: 0o755 });
		await loadOrCreateSigningKey({ keysDir });
		expect((await stat(keysDir)).mode & 0o777).toBe(0o700);
	});

	test('the fingerprint is SHA-256 of the raw 32-byte public key', async () => {
		const key = await newKey();
		const raw = Buffer.from(key.publicKey.export({ format: 'jwk' }).x as string, 'base64url');
		expect(raw).toHaveLength(32);
		expect(key.fingerprint).toBe(`SHA256:${createHash('sha256').update(raw).digest('base64').replace(/=+$/, '')}`);
	});

	test('the worked example key of the format page has the fingerprint and PEM the page gives', async () => {
		const file = join(await tempDir(), 'rfc8032.pem');
		await writeFile(file, rfcPrivatePem());
		const key = await loadOrCreateSigningKey({ keysDir: await tempDir(), keyFile: file });
		expect({ fingerprint: key.fingerprint, pem: key.publicKeyPem, file: key.file, created: key.created }).toEqual({ fingerprint: rfcFingerprint, pem: rfcPublicPem, file, created: false });
		expect(fingerprintOf(publicKeyFromText(rfcPublicPem).publicKey)).toBe(rfcFingerprint);
	});

	test('two first runs at once end up with one key', async () => {
		const keysDir = join(await tempDir(), 'keys');
		const [a, b] = await Promise.all([loadOrCreateSigningKey({ keysDir }), loadOrCreateSigningKey({ keysDir })]);
		expect(a.fingerprint).toBe(b.fingerprint);
		expect(await readdir(keysDir)).toEqual([signingKeyFileName]);
	});

	test('--signing-key uses the file given, and a missing or non-Ed25519 file is refused in one sentence', async () => {
		const key = await newKey();
		const keysDir = join(await tempDir(), 'unused');
		const given = await loadOrCreateSigningKey({ keysDir, keyFile: key.file });
		expect({ fingerprint: given.fingerprint, created: given.created, file: given.file }).toEqual({ fingerprint: key.fingerprint, created: false, file: key.file });
		// A key named is never made, nor is the keys folder.
		await expect(stat(keysDir)).rejects.toThrow();
		await expect(loadOrCreateSigningKey({ keysDir: await tempDir(), keyFile: '/nonexistent/key.pem' })).rejects.toThrow(
			new AuditInputError('The signing key /nonexistent/key.pem does not exist'),
		);
		const rsa = join(await tempDir(), 'rsa.pem');
		await writeFile(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
		await expect(loadOrCreateSigningKey({ keysDir: await tempDir(), keyFile: rsa })).rejects.toThrow(new AuditInputError(`${rsa} is a rsa key; change logs are signed with Ed25519`));
	});

	test('a file that is not a PEM private key is refused by its name, its contents left out of the message', async () => {
		const file = join(await tempDir(), 'public-only.pem');
		await writeFile(file, `secret-looking text ${'Z'.repeat(40)}\n`);
		const refusal = loadOrCreateSigningKey({ keysDir: await tempDir(), keyFile: file });
		await expect(refusal).rejects.toThrow(new AuditInputError(`${file} is not a PEM private key`));
		await expect(readSigningKey({ keysDir: await tempDir(), keyFile: file })).rejects.toThrow(new AuditInputError(`${file} is not a PEM private key`));
	});

	test('a key folder path through a file is one sentence naming the folder, from both readers', async () => {
		const blocker = join(await tempDir(), 'not-a-folder');
		await writeFile(blocker, 'x');
		const keysDir = join(blocker, 'keys');
		const message = `Cannot read the signing key in ${keysDir}: part of that path is a file, not a folder; move the file away, or pass --signing-key FILE.`;
		// Each reader is started only when awaited: a second promise started early would reject unobserved.
		for (const attempt of [() => loadOrCreateSigningKey({ keysDir }), () => readSigningKey({ keysDir })]) {
			const error = await attempt().catch((e: unknown) => e);
			expect(error).toBeInstanceOf(FileError);
			expect((error as FileError).message).toBe(message);
			expect((error as FileError).path).toBe(keysDir);
			expect(((error as FileError).cause as NodeJS.ErrnoException).code).toBe('ENOTDIR');
		}
	});

	test('a key file that is a folder is a read failure naming it, and no key is made in its place', async () => {
		const keysDir = await tempDir();
		await mkdir(join(keysDir, signingKeyFileName));
		const file = join(keysDir, signingKeyFileName);
		await expect(loadOrCreateSigningKey({ keysDir })).rejects.toThrow(new FileError(file, `Cannot read ${file}: it is a folder, not a file.`));
		await expect(readSigningKey({ keysDir })).rejects.toThrow(new FileError(file, `Cannot read ${file}: it is a folder, not a file.`));
		await expect(loadOrCreateSigningKey({ keysDir, keyFile: keysDir })).rejects.toThrow(new FileError(keysDir, `Cannot read ${keysDir}: it is a folder, not a file.`));
		expect(await readdir(keysDir)).toEqual([signingKeyFileName]);
	});
});

describe('readSigningKey', () => {
	test('answers undefined where no key was made yet, and makes none', async () => {
		const keysDir = join(await tempDir(), 'keys');
		expect(await readSigningKey({ keysDir })).toBeUndefined();
		await expect(stat(keysDir)).rejects.toThrow();
	});

	test('reads the key made before, or the file named', async () => {
		const keysDir = join(await tempDir(), 'keys');
		const made = await loadOrCreateSigningKey({ keysDir });
		const read = await readSigningKey({ keysDir });
		expect({ fingerprint: read?.fingerprint, created: read?.created, file: read?.file }).toEqual({ fingerprint: made.fingerprint, created: false, file: made.file });
		const named = await readSigningKey({ keysDir: await tempDir(), keyFile: made.file });
		expect(named?.fingerprint).toBe(made.fingerprint);
	});

	test('refuses a named file that does not exist', async () => {
		await expect(readSigningKey({ keysDir: await tempDir(), keyFile: '/nonexistent/key.pem' })).rejects.toThrow(new AuditInputError('The signing key /nonexistent/key.pem does not exist'));
	});
});

describe('publicKeyFromText', () => {
	test('takes the first PEM public key in the text, so `audit pubkey` output works as it is', async () => {
		const key = await newKey();
		const other = await newKey();
		const text = `Signing key: ${key.file}\nFingerprint: ${key.fingerprint}\n${key.publicKeyPem}\n${other.publicKeyPem}`;
		const read = publicKeyFromText(text);
		expect({ fingerprint: read.fingerprint, pem: read.publicKeyPem }).toEqual({ fingerprint: key.fingerprint, pem: key.publicKeyPem });
		expect(fingerprintOf(read.publicKey)).toBe(key.fingerprint);
	});

	test('takes the public half of a private key when the text holds no public key', async () => {
		const key = await newKey();
		const read = publicKeyFromText(await readFile(key.file, 'utf8'));
		expect({ fingerprint: read.fingerprint, pem: read.publicKeyPem }).toEqual({ fingerprint: key.fingerprint, pem: key.publicKeyPem });
	});

	it.each([
		['', 'the key is not a PEM public key'],
		['fingerprint SHA256:abc', 'the key is not a PEM public key'],
		['-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n', 'the key is not a PEM public key'],
	])('refuses %j in one sentence', (text, message) => {
		expect(() => publicKeyFromText(text)).toThrow(new AuditInputError(message));
	});

	test('names the source it was given, and a key of another type by its type', () => {
		expect(() => publicKeyFromText('nothing', 'The --pubkey file a.pub')).toThrow(new AuditInputError('The --pubkey file a.pub is not a PEM public key'));
		const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
		expect(() => publicKeyFromText(ec.publicKey.export({ format: 'pem', type: 'spki' }).toString(), 'b.pub')).toThrow(new AuditInputError('b.pub is a ec key, not Ed25519'));
		const privatePem = ec.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
		const refusal = (() => {
			try {
				publicKeyFromText(privatePem, 'c.pem');
			} catch (error) {
				return (error as Error).message;
			}
		})();
		expect(refusal).toBe('c.pem is a ec key, not Ed25519');
	});
});
