/**
 * The sandbox's KMS: one asymmetric signing key (ECC_NIST_EDWARDS25519, SIGN_VERIFY) for
 * signing change logs in the demo, answering GetPublicKey and Sign as KMS does, with KMS's
 * errors (NotFoundException for a key it does not hold, InvalidKeyUsageException for a key
 * that cannot sign, UnsupportedOperationException for another signing algorithm). The key is
 * derived from its ARN, so no secret is stored.
 */
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { awsError } from './sandbox-lookup.js';
import type { KmsPublicKey } from '../gateway.js';
import { sandboxAccountId, sandboxRegion } from './sandbox-state.js';

export const sandboxKmsSigningKeyArn = `arn:aws:kms:${sandboxRegion}:${sandboxAccountId}:key/0c5e8f4a-1d2b-4c3d-9e8f-a1b2c3d4e5f6`;
/** A symmetric key the sandbox also holds: Sign with it fails as KMS does. */
export const sandboxKmsSymmetricKeyArn = `arn:aws:kms:${sandboxRegion}:${sandboxAccountId}:key/7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d`;

function privateKeyOf(arn: string): KeyObject {
	const seed = createHash('sha256').update(`iam-wizard sandbox KMS ${arn}`).digest('hex');
	return createPrivateKey({ key: Buffer.from(`302e020100300506032b657004220420${seed}`, 'hex'), format: 'der', type: 'pkcs8' });
}

function known(keyId: string, operation: string): 'sign' | 'symmetric' {
	if (keyId === sandboxKmsSigningKeyArn) return 'sign';
	if (keyId === sandboxKmsSymmetricKeyArn) return 'symmetric';
	throw awsError('NotFoundException', `The KMS key ${keyId} does not exist in this account and region.`, operation);
}

export function sandboxKmsPublicKey(keyId: string): KmsPublicKey {
	if (known(keyId, 'kms:GetPublicKey') === 'symmetric') {
		throw awsError('UnsupportedOperationException', `The KMS key ${keyId} is symmetric: it has no public key.`, 'kms:GetPublicKey');
	}
	const der = createPublicKey(privateKeyOf(keyId)).export({ format: 'der', type: 'spki' });
	return { keyId, spkiDer: new Uint8Array(der), keySpec: 'ECC_NIST_EDWARDS25519', keyUsage: 'SIGN_VERIFY', signingAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] };
}

export function sandboxKmsSign(keyId: string, message: Uint8Array): Uint8Array {
	if (known(keyId, 'kms:Sign') === 'symmetric') {
		throw awsError('InvalidKeyUsageException', `The KMS key ${keyId} is for ENCRYPT_DECRYPT, not SIGN_VERIFY.`, 'kms:Sign');
	}
	if (message.length > 4096) throw awsError('ValidationException', 'KMS signs messages of at most 4096 bytes.', 'kms:Sign');
	return new Uint8Array(sign(null, Buffer.from(message), privateKeyOf(keyId)));
}
