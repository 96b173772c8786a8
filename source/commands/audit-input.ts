/** What the audit commands share: reading a --pubkey file, and audit input errors as usage errors. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AuditInputError, isNodeError } from '../audit/audit-input-error.js';
import { publicKeyFromText, type PublicSigningKey } from '../audit/signing-key.js';
import { readPinnedSigner } from '../settings/pinned-signer.js';
import { UsageError, type CommandIo } from './command-io.js';

/** Reads the --pubkey file; a missing or unreadable key is a usage error. */
export async function readPinnedKey(path: string | undefined, io: CommandIo): Promise<PublicSigningKey | undefined> {
	if (path === undefined) return undefined;
	let text: string;
	try {
		text = await readFile(resolve(io.cwd, path), 'utf8');
	} catch (error) {
		if (isNodeError(error, 'ENOENT')) throw new UsageError(`The --pubkey file ${path} does not exist.`);
		throw error;
	}
	return asUsageAsync(async () => publicKeyFromText(text, `The --pubkey file ${path}`));
}

export interface VerifyKey {
	key?: PublicSigningKey;
	/** Where the key came from, for the line that says which key verify used. */
	source?: string;
}

/**
 * The key to verify against: `--pubkey` when given, else the key pinned in this machine's
 * settings (the first it signed with), else none (each file's own header key).
 */
export async function verifyKey(path: string | undefined, io: CommandIo): Promise<VerifyKey> {
	if (path !== undefined) return { key: await readPinnedKey(path, io), source: `the --pubkey key ${path}` };
	const pin = readPinnedSigner();
	if (!pin) return {};
	const key = await asUsageAsync(async () => publicKeyFromText(pin.publicKey, `The pinnedSigner in ${pin.file}`));
	return { key, source: `the key pinned in this machine's settings (${pin.file})` };
}

/** Runs `run`, turning an operator-fixable audit failure into a UsageError (one sentence, exit 2). */
export async function asUsageAsync<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof AuditInputError) throw new UsageError(`${error.message}.`);
		throw error;
	}
}
