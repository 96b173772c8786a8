/**
 * `iam-wizard audit pubkey [--signing-key FILE|KMS-ARN]`: prints the public key that signs change
 * logs (PEM) and its fingerprint, to hand to auditors for `audit verify --pubkey`. Makes
 * the key pair if there is none yet, as the first logged session would.
 */
import { resolve } from 'node:path';
import { loadOrCreateSigningKey } from '../audit/signing-key.js';
import { appPaths } from '../settings/paths.js';
import { exitCodes, type CommandIo } from './command-io.js';
import type { AwsGateway } from '../aws/gateway.js';
import { readSettings } from '../settings/settings-store.js';
import { isKmsKeyArn, kmsSignerPublicKey } from './kms-session-key.js';
import { openGateway, type SourceOptions } from './open-gateway.js';
import { asUsageAsync } from './audit-input.js';

export interface AuditPubkeyOptions extends SourceOptions {
	/** A PEM private key file, or a KMS key ARN (its public key is fetched with kms:GetPublicKey). */
	signingKey?: string;
	/** Tests pass the gateway a KMS ARN is read through. */
	gateway?: AwsGateway;
	/** Where the key is made on first use (default: the settings keys directory). */
	keysDir?: string;
}

export async function runAuditPubkey(options: AuditPubkeyOptions, io: CommandIo): Promise<number> {
	if (options.signingKey !== undefined && isKmsKeyArn(options.signingKey)) {
		const gateway = options.gateway ?? (await openGateway(options, readSettings(), io.now));
		const key = await kmsSignerPublicKey(gateway, options.signingKey);
		io.stdout(`${key.publicKeyPem.trimEnd()}\nFingerprint: ${key.fingerprint}\nKMS key: ${options.signingKey} (each session signs with its own key, certified by this one)\n`);
		return exitCodes.ok;
	}
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
