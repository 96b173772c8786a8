/**
 * `--signing-key arn:aws:kms:...`: the change log is signed by a per-session key that the
 * KMS key certifies (one kms:Sign per session), so the private key that vouches for the log
 * never touches the disk. `audit pubkey` prints the KMS key's public key (kms:GetPublicKey).
 */
import { isKmsKeyArn, kmsCertifiedKey, kmsPublicKey } from '../audit/kms-certificate.js';
import { fingerprintOf, type PublicSigningKey, type SigningKey } from '../audit/signing-key.js';
import type { AwsGateway } from '../aws/gateway.js';
import { isGatewayError } from '../core/gateway-error.js';
import { AuditInputError } from '../audit/audit-input-error.js';
import { UsageError } from './command-io.js';

export { isKmsKeyArn };

function usable(gateway: AwsGateway, arn: string): Required<Pick<AwsGateway, 'kmsPublicKey' | 'kmsSign'>> {
	if (!gateway.kmsPublicKey || !gateway.kmsSign) throw new UsageError(`The ${gateway.mode} account cannot sign with KMS; use a live account or --demo with the sandbox's key.`);
	const region = arn.split(':')[3];
	if (gateway.region && region !== gateway.region) throw new UsageError(`The KMS key ${arn} is in ${region}; run with --region ${region}.`);
	return { kmsPublicKey: gateway.kmsPublicKey.bind(gateway), kmsSign: gateway.kmsSign.bind(gateway) };
}

async function kmsCall<T>(arn: string, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if (isGatewayError(error)) throw new UsageError(`KMS refused the signing key ${arn}: ${error.message} (${error.code})`);
		if (error instanceof AuditInputError) throw new UsageError(`${error.message}.`);
		throw error;
	}
}

/** The KMS key's public key (GetPublicKey), checked to be an Ed25519 signing key. */
export async function kmsSignerPublicKey(gateway: AwsGateway, arn: string): Promise<PublicSigningKey> {
	const kms = usable(gateway, arn);
	const answer = await kmsCall(arn, () => kms.kmsPublicKey(arn));
	const key = await kmsCall(arn, async () => kmsPublicKey(answer.spkiDer, arn));
	return { publicKey: key, publicKeyPem: key.export({ format: 'pem', type: 'spki' }).toString(), fingerprint: fingerprintOf(key) };
}

/** A fresh session key certified by the KMS key: exactly one kms:Sign. */
export async function kmsSessionKey(gateway: AwsGateway, arn: string, account: string, now: Date, publicKey: PublicSigningKey): Promise<SigningKey> {
	const kms = usable(gateway, arn);
	const der = new Uint8Array(publicKey.publicKey.export({ format: 'der', type: 'spki' }));
	return kmsCall(arn, () => kmsCertifiedKey({ kmsKey: arn, account, now, publicKeyDer: der, sign: (message) => kms.kmsSign(arn, message) }));
}
