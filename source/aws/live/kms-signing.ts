/**
 * KMS calls for the change log's signing key: GetPublicKey (what `audit pubkey` prints and
 * what a session's certificate is checked against) and Sign with ED25519_SHA_512 over the raw
 * message (one call per session: it certifies that session's own key). KMS's errors —
 * NotFoundException, DisabledException, KMSInvalidStateException, InvalidKeyUsageException,
 * UnsupportedOperationException, AccessDeniedException — reach the operator as GatewayErrors.
 */
import { GetPublicKeyCommand, SignCommand } from '@aws-sdk/client-kms';
import type { KmsPublicKey } from '../gateway.js';
import type { AwsCaller } from './aws-caller.js';

export async function readKmsPublicKey(caller: AwsCaller, keyId: string): Promise<KmsPublicKey> {
	const output = await caller.send('kms', new GetPublicKeyCommand({ KeyId: keyId }));
	return {
		keyId: output.KeyId ?? keyId,
		spkiDer: output.PublicKey ?? new Uint8Array(),
		...(output.KeySpec ? { keySpec: output.KeySpec } : {}),
		...(output.KeyUsage ? { keyUsage: output.KeyUsage } : {}),
		signingAlgorithms: output.SigningAlgorithms ?? [],
	};
}

export async function kmsSignEd25519(caller: AwsCaller, keyId: string, message: Uint8Array): Promise<Uint8Array> {
	const output = await caller.send('kms', new SignCommand({ KeyId: keyId, Message: message, MessageType: 'RAW', SigningAlgorithm: 'ED25519_SHA_512' }));
	return output.Signature ?? new Uint8Array();
}
