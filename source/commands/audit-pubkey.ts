/**
 * `iam-wizard audit pubkey [--signing-key FILE]`: prints the public key that signs change
 * logs (PEM) and its fingerprint, to hand to auditors for `audit verify --pubkey`. Makes
 * the key pair if there is none yet, as the first logged session would.
 */
import { resolve } from 'node:path';
import { loadOrCreateSigningKey } from '../audit/signing-key.js';
import { appPaths } from '../settings/paths.js';
import { exitCodes, type CommandIo } from './command-io.js';
import { asUsageAsync } from './audit-input.js';

export interface AuditPubkeyOptions {
	signingKey?: string;
	/** Where the key is made on first use (default: the settings keys directory). */
	keysDir?: string;
}

export async function runAuditPubkey(options: AuditPubkeyOptions, io: CommandIo): Promise<number> {
	const key = await asUsageAsync(() =>
		loadOrCreateSigningKey({
			keysDir: options.keysDir ?? appPaths().keys,
			...(options.signingKey !== undefined ? { keyFile: resolve(io.cwd, options.signingKey) } : {}),
		}),
	);
	if (key.created) io.stderr(`Made a new signing key: ${key.file} (private, mode 0600).\n`);
	io.stdout(`${key.publicKeyPem.trimEnd()}\nFingerprint: ${key.fingerprint}\n`);
	return exitCodes.ok;
}
