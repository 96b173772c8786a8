/**
 * The Ed25519 key pair that signs change logs. Made on first use in the keys directory
 * (directory 0700, private key 0600), or read from the file `--signing-key` names. The
 * fingerprint is SHA-256 over the raw 32-byte public key, written `SHA256:<base64>` as
 * ssh-keygen does, so auditors can compare it by eye.
 */
import { makeDirectory } from '../fs/make-directory.js';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { chmod, link, open, readFile, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FileError, readFailure } from '../fs/file-error.js';
import { AuditInputError, isNodeError } from './audit-input-error.js';
import type { SignerCertificate } from './kms-certificate.js';

export const signingKeyFileName = 'audit-signing-key.pem';

export interface PublicSigningKey {
	publicKey: KeyObject;
	/** SPKI PEM: what `audit pubkey` prints and the header carries. */
	publicKeyPem: string;
	fingerprint: string;
}

export interface SigningKey extends PublicSigningKey {
	privateKey: KeyObject;
	/** The private key file. */
	file: string;
	/** Whether this call made the key pair. */
	created: boolean;
	/** A per-session key certified by a KMS key (the header carries it). */
	certificate?: SignerCertificate;
}

export function fingerprintOf(publicKey: KeyObject): string {
	const der = publicKey.export({ format: 'der', type: 'spki' });
	// An Ed25519 SPKI is a fixed 12-byte prefix and the 32-byte raw key.
	const raw = der.subarray(der.length - 32);
	return `SHA256:${createHash('sha256').update(raw).digest('base64').replace(/=+$/, '')}`;
}

function publicParts(publicKey: KeyObject): PublicSigningKey {
	return { publicKey, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(), fingerprint: fingerprintOf(publicKey) };
}

/**
 * Reads an Ed25519 public key from text: a PEM public key (the first one in the text, so
 * `audit pubkey` output works as is) or, failing that, a PEM private key.
 */
export function publicKeyFromText(text: string, source = 'the key'): PublicSigningKey {
	const block = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/.exec(text)?.[0];
	let key: KeyObject;
	try {
		key = block ? createPublicKey(block) : createPublicKey(createPrivateKey(text));
	} catch {
		throw new AuditInputError(`${source} is not a PEM public key`);
	}
	if (key.asymmetricKeyType !== 'ed25519') throw new AuditInputError(`${source} is a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
	return publicParts(key);
}

function privateKeyFromPem(pem: string, file: string): KeyObject {
	let key: KeyObject;
	try {
		key = createPrivateKey(pem);
	} catch {
		throw new AuditInputError(`${file} is not a PEM private key`);
	}
	if (key.asymmetricKeyType !== 'ed25519') throw new AuditInputError(`${file} is a ${key.asymmetricKeyType ?? 'unknown'} key; change logs are signed with Ed25519`);
	return key;
}

async function readKeyFile(file: string): Promise<SigningKey> {
	let pem: string;
	try {
		pem = await readFile(file, 'utf8');
	} catch (error) {
		// ENOENT is the callers' (a first run makes the key); anything else is a sentence naming the path.
		if (isNodeError(error, 'ENOENT')) throw error;
		if (isNodeError(error, 'ENOTDIR')) {
			const folder = dirname(file);
			throw new FileError(folder, `Cannot read the signing key in ${folder}: part of that path is a file, not a folder; move the file away, or pass --signing-key FILE.`, { cause: error });
		}
		throw readFailure(file, error);
	}
	const privateKey = privateKeyFromPem(pem, file);
	return { privateKey, ...publicParts(createPublicKey(privateKey)), file, created: false };
}

export interface SigningKeyOptions {
	/** The keys directory (settings' `keys/`): where the key is made on first use. */
	keysDir: string;
	/** `--signing-key FILE`: use this key and never make one. */
	keyFile?: string;
}

export async function loadOrCreateSigningKey(options: SigningKeyOptions): Promise<SigningKey> {
	if (options.keyFile !== undefined) {
		try {
			return await readKeyFile(options.keyFile);
		} catch (error) {
			if (isNodeError(error, 'ENOENT')) throw new AuditInputError(`The signing key ${options.keyFile} does not exist`);
			throw error;
		}
	}
	const file = join(options.keysDir, signingKeyFileName);
	try {
		return await readKeyFile(file);
	} catch (error) {
		if (!isNodeError(error, 'ENOENT')) throw error;
	}
	return createKeyFile(options.keysDir, file);
}

/** Reads the signing key without making one; undefined when there is none yet. */
export async function readSigningKey(options: SigningKeyOptions): Promise<SigningKey | undefined> {
	const file = options.keyFile ?? join(options.keysDir, signingKeyFileName);
	try {
		return await readKeyFile(file);
	} catch (error) {
		if (isNodeError(error, 'ENOENT')) {
			if (options.keyFile !== undefined) throw new AuditInputError(`The signing key ${options.keyFile} does not exist`);
			return undefined;
		}
		throw error;
	}
}

async function createKeyFile(keysDir: string, file: string): Promise<SigningKey> {
	makeDirectory(keysDir);
	await chmod(keysDir, 0o700);
	const { privateKey } = generateKeyPairSync('ed25519');
	const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
	// Written whole under a temporary name, then linked into place: two first runs at once
	// cannot leave a half-written key, and the loser uses the winner's key.
	const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
	const handle = await open(temporary, 'wx', 0o600);
	try {
		await handle.writeFile(pem);
		await handle.chmod(0o600);
		await handle.sync();
	} finally {
		await handle.close();
	}
	try {
		await link(temporary, file);
	} catch (error) {
		if (!isNodeError(error, 'EEXIST')) throw error;
		await unlink(temporary);
		return readKeyFile(file);
	}
	await unlink(temporary);
	return { privateKey, ...publicParts(createPublicKey(privateKey)), file, created: true };
}
