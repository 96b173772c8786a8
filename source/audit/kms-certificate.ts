/**
 * Signing with a key in AWS KMS: each session makes its own Ed25519 key in memory (never
 * written anywhere) and has KMS certify it with one Sign call (ED25519_SHA_512 over the
 * canonical certificate statement). The header carries the certificate; a verifier checks it
 * against the KMS key's public key, then the records against the session key. KMS calls stay
 * one per session however many records it writes, and whoever can edit the files cannot
 * re-sign them: the KMS private key never leaves KMS.
 */
import { createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-record.js';
import { AuditInputError } from './audit-input-error.js';
import { fingerprintOf, type SigningKey } from './signing-key.js';

export const kmsSigningAlgorithm = 'ED25519_SHA_512';

export interface SignerCertificate {
	/** The KMS key ARN. */
	kmsKey: string;
	algorithm: typeof kmsSigningAlgorithm;
	/** When the session key was certified. */
	issued: string;
	/** The KMS key's public key (SPKI PEM) and fingerprint. */
	publicKey: string;
	fingerprint: string;
	/** KMS's Ed25519 signature over the certificate statement, base64. */
	signature: string;
}

/** The bytes KMS signs: canonical JSON of the account, the time, the KMS key and the session key's fingerprint. */
export function certificateStatement(fields: { account: string; issued: string; kmsKey: string; sessionKey: string }): string {
	return canonicalJson({ account: fields.account, issued: fields.issued, kmsKey: fields.kmsKey, sessionKey: fields.sessionKey });
}

const kmsArn = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

export function isKmsKeyArn(value: string): boolean {
	return kmsArn.test(value);
}

/** The KMS key's public key from GetPublicKey's SPKI DER; it must be an Ed25519 signing key. */
export function kmsPublicKey(spkiDer: Uint8Array, arn: string): KeyObject {
	let key: KeyObject;
	try {
		key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
	} catch {
		throw new AuditInputError(`KMS returned a public key for ${arn} that is not SPKI DER`);
	}
	if (key.asymmetricKeyType !== 'ed25519') {
		throw new AuditInputError(`The KMS key ${arn} is ${key.asymmetricKeyType ? `a ${key.asymmetricKeyType} key, not Ed25519` : 'not an Ed25519 key'}; change logs need an ECC_NIST_EDWARDS25519 key with key usage SIGN_VERIFY`);
	}
	return key;
}

export interface KmsCertifyOptions {
	kmsKey: string;
	account: string;
	now: Date;
	/** GetPublicKey's SPKI DER for `kmsKey`. */
	publicKeyDer: Uint8Array;
	/** KMS Sign (ED25519_SHA_512, MessageType RAW) of `message` with `kmsKey`. */
	sign: (message: Uint8Array) => Promise<Uint8Array>;
}

/** A fresh session key, certified by one KMS signature. */
export async function kmsCertifiedKey(options: KmsCertifyOptions): Promise<SigningKey> {
	const kms = kmsPublicKey(options.publicKeyDer, options.kmsKey);
	const { privateKey, publicKey } = generateKeyPairSync('ed25519');
	const fingerprint = fingerprintOf(publicKey);
	const issued = options.now.toISOString();
	const statement = Buffer.from(certificateStatement({ account: options.account, issued, kmsKey: options.kmsKey, sessionKey: fingerprint }));
	const signature = Buffer.from(await options.sign(statement));
	if (!verify(null, statement, kms, signature)) throw new AuditInputError(`KMS's signature with ${options.kmsKey} does not verify under the key's own public key`);
	const certificate: SignerCertificate = {
		kmsKey: options.kmsKey,
		algorithm: kmsSigningAlgorithm,
		issued,
		publicKey: kms.export({ format: 'pem', type: 'spki' }).toString(),
		fingerprint: fingerprintOf(kms),
		signature: signature.toString('base64'),
	};
	return { privateKey, publicKey, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(), fingerprint, file: options.kmsKey, created: false, certificate };
}

/** Whether a header's certificate holds: its key is Ed25519 with that fingerprint, and KMS's signature covers this session key. */
export function certificateHolds(certificate: SignerCertificate, header: { account: string; signer: { fingerprint: string } }): { key?: KeyObject; ok: boolean } {
	let key: KeyObject;
	try {
		key = createPublicKey(certificate.publicKey);
	} catch {
		return { ok: false };
	}
	if (key.asymmetricKeyType !== 'ed25519' || fingerprintOf(key) !== certificate.fingerprint || certificate.algorithm !== kmsSigningAlgorithm) return { key, ok: false };
	const statement = certificateStatement({ account: header.account, issued: certificate.issued, kmsKey: certificate.kmsKey, sessionKey: header.signer.fingerprint });
	try {
		return { key, ok: verify(null, Buffer.from(statement), key, Buffer.from(certificate.signature, 'base64')) };
	} catch {
		return { key, ok: false };
	}
}
