/**
 * The KMS certificate of a per-session key (docs/change-log-format.md section 5), with KMS
 * played by a local Ed25519 key: the statement KMS signs, what is accepted as the KMS key,
 * the certificate the header carries, and when a certificate holds.
 */
import { createPublicKey, generateKeyPairSync, sign as ed25519Sign, type KeyObject } from 'node:crypto';
import { describe, expect, it, test } from 'vitest';
import { AuditInputError } from '../../source/audit/audit-input-error.js';
import { certificateHolds, certificateStatement, isKmsKeyArn, kmsCertifiedKey, kmsPublicKey, kmsSigningAlgorithm, type SignerCertificate } from '../../source/audit/kms-certificate.js';
import { fingerprintOf } from '../../source/audit/signing-key.js';

const arn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const account = '123456789012';
const now = new Date('2026-11-27T20:15:03.123Z');

function fakeKms(): { privateKey: KeyObject; publicKey: KeyObject; der: Uint8Array; sign: (message: Uint8Array) => Promise<Uint8Array>; messages: Uint8Array[] } {
	const { privateKey, publicKey } = generateKeyPairSync('ed25519');
	const messages: Uint8Array[] = [];
	return {
		privateKey,
		publicKey,
		der: publicKey.export({ format: 'der', type: 'spki' }),
		messages,
		sign: async (message) => {
			messages.push(message);
			return ed25519Sign(null, message, privateKey);
		},
	};
}

describe('the certificate statement', () => {
	test('is the canonical JSON of exactly the account, the time, the KMS key and the session key, whatever else is passed', () => {
		const fields = { sessionKey: 'SHA256:s', kmsKey: arn, issued: '2026-11-27T20:15:03.123Z', account, extra: 'left out' } as Parameters<typeof certificateStatement>[0];
		expect(certificateStatement(fields)).toBe(`{"account":"123456789012","issued":"2026-11-27T20:15:03.123Z","kmsKey":"${arn}","sessionKey":"SHA256:s"}`);
	});
});

describe('isKmsKeyArn', () => {
	it.each([
		[arn, true],
		['arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/abc-1', true],
		['arn:aws-cn:kms:cn-north-1:123456789012:key/ABC', true],
		[`x${arn}`, false],
		[`${arn}/x`, false],
		[`${arn} `, false],
		['arn:aws:kms:eu-west-1:12345678901:key/abc', false],
		['arn:aws:kms:eu-west-1:123456789012:alias/signing', false],
		['arn:aws:kms::123456789012:key/abc', false],
		['arn:aws:kms:eu-west-1:123456789012:key/', false],
		['arn:aws:s3:eu-west-1:123456789012:key/abc', false],
		['/tmp/audit-signing-key.pem', false],
	])('%s → %s', (value, expected) => {
		expect(isKmsKeyArn(value)).toBe(expected);
	});
});

describe('kmsPublicKey', () => {
	test('returns the Ed25519 key of an SPKI DER', () => {
		const kms = fakeKms();
		expect(fingerprintOf(kmsPublicKey(kms.der, arn))).toBe(fingerprintOf(kms.publicKey));
	});

	test('refuses bytes that are not SPKI DER, naming the key', () => {
		expect(() => kmsPublicKey(new Uint8Array([1, 2, 3]), arn)).toThrow(new AuditInputError(`KMS returned a public key for ${arn} that is not SPKI DER`));
	});

	test('refuses a key that is not Ed25519, naming its type and the key spec it needs', () => {
		const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
		const der = publicKey.export({ format: 'der', type: 'spki' });
		expect(() => kmsPublicKey(der, arn)).toThrow(
			new AuditInputError(`The KMS key ${arn} is a ec key, not Ed25519; change logs need an ECC_NIST_EDWARDS25519 key with key usage SIGN_VERIFY`),
		);
	});
});

describe('kmsCertifiedKey', () => {
	test('makes a session key and one KMS signature over its statement; the header certificate holds', async () => {
		const kms = fakeKms();
		const key = await kmsCertifiedKey({ kmsKey: arn, account, now, publicKeyDer: kms.der, sign: kms.sign });
		expect(kms.messages).toHaveLength(1);
		expect(Buffer.from(kms.messages[0]!).toString()).toBe(certificateStatement({ account, issued: now.toISOString(), kmsKey: arn, sessionKey: key.fingerprint }));
		expect(key.fingerprint).toBe(fingerprintOf(key.publicKey));
		expect(key.fingerprint).toBe(fingerprintOf(createPublicKey(key.privateKey)));
		expect(key.publicKeyPem).toBe(key.publicKey.export({ format: 'pem', type: 'spki' }).toString());
		expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
		expect({ file: key.file, created: key.created }).toEqual({ file: arn, created: false });
		expect(key.certificate).toEqual({
			kmsKey: arn,
			algorithm: 'ED25519_SHA_512',
			issued: '2026-11-27T20:15:03.123Z',
			publicKey: kms.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
			fingerprint: fingerprintOf(kms.publicKey),
			signature: Buffer.from(await kms.sign(kms.messages[0]!)).toString('base64'),
		});
		const holds = certificateHolds(key.certificate!, { account, signer: { fingerprint: key.fingerprint } });
		expect(holds.ok).toBe(true);
		expect(fingerprintOf(holds.key!)).toBe(fingerprintOf(kms.publicKey));
	});

	test('refuses a KMS signature that does not verify under the KMS public key, without writing the private key anywhere in the message', async () => {
		const kms = fakeKms();
		const other = fakeKms();
		const attempt = kmsCertifiedKey({ kmsKey: arn, account, now, publicKeyDer: kms.der, sign: other.sign });
		await expect(attempt).rejects.toThrow(new AuditInputError(`KMS's signature with ${arn} does not verify under the key's own public key`));
	});

	test('refuses a KMS key that is not Ed25519 before asking KMS to sign', async () => {
		const kms = fakeKms();
		const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' });
		await expect(kmsCertifiedKey({ kmsKey: arn, account, now, publicKeyDer: rsa, sign: kms.sign })).rejects.toThrow(/is a rsa key, not Ed25519/);
		expect(kms.messages).toHaveLength(0);
	});
});

describe('certificateHolds', () => {
	async function certified(): Promise<{ certificate: SignerCertificate; header: { account: string; signer: { fingerprint: string } } }> {
		const kms = fakeKms();
		const key = await kmsCertifiedKey({ kmsKey: arn, account, now, publicKeyDer: kms.der, sign: kms.sign });
		return { certificate: key.certificate!, header: { account, signer: { fingerprint: key.fingerprint } } };
	}

	test('holds for the header it was made for', async () => {
		const { certificate, header } = await certified();
		expect(certificateHolds(certificate, header).ok).toBe(true);
	});

	it.each<[string, (c: SignerCertificate) => SignerCertificate, (h: { account: string; signer: { fingerprint: string } }) => { account: string; signer: { fingerprint: string } }]>([
		['another account in the header', (c) => c, (h) => ({ ...h, account: '210987654321' })],
		['another session key in the header', (c) => c, (h) => ({ ...h, signer: { fingerprint: 'SHA256:another' } })],
		['another issue time', (c) => ({ ...c, issued: '2026-11-27T20:15:04.123Z' }), (h) => h],
		['another KMS key named', (c) => ({ ...c, kmsKey: arn.replace('1234abcd', '9999abcd') }), (h) => h],
		['another algorithm named', (c) => ({ ...c, algorithm: 'ECDSA_SHA_256' as typeof kmsSigningAlgorithm }), (h) => h],
		['a fingerprint that is not its key', (c) => ({ ...c, fingerprint: 'SHA256:not-this-key' }), (h) => h],
		['a signature of another statement', (c) => ({ ...c, signature: Buffer.alloc(64, 7).toString('base64') }), (h) => h],
		['a signature that is not 64 bytes', (c) => ({ ...c, signature: 'c2ln' }), (h) => h],
	])('does not hold with %s', async (_, editCertificate, editHeader) => {
		const { certificate, header } = await certified();
		const result = certificateHolds(editCertificate(certificate), editHeader(header));
		expect(result.ok).toBe(false);
		// The key is still returned: the verifier names it.
		expect(fingerprintOf(result.key!)).toBe(certificate.fingerprint);
	});

	test('does not hold, and names no key, when its public key is not a PEM key', async () => {
		const { certificate, header } = await certified();
		expect(certificateHolds({ ...certificate, publicKey: 'not a key' }, header)).toEqual({ ok: false });
	});

	test('does not hold for an Ed448 key, though its signature over the statement verifies', async () => {
		const { certificate, header } = await certified();
		const ed448 = generateKeyPairSync('ed448');
		const statement = certificateStatement({ account, issued: certificate.issued, kmsKey: certificate.kmsKey, sessionKey: header.signer.fingerprint });
		const forged: SignerCertificate = {
			...certificate,
			publicKey: ed448.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
			fingerprint: fingerprintOf(ed448.publicKey),
			signature: ed25519Sign(null, Buffer.from(statement), ed448.privateKey).toString('base64'),
		};
		const result = certificateHolds(forged, header);
		expect(result.ok).toBe(false);
		expect(result.key!.asymmetricKeyType).toBe('ed448');
	});

	test('does not hold for a key that is not Ed25519 even when its fingerprint is written right', async () => {
		const { certificate, header } = await certified();
		const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
		const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
		const result = certificateHolds({ ...certificate, publicKey: pem, fingerprint: fingerprintOf(publicKey) }, header);
		expect(result.ok).toBe(false);
		expect(result.key!.asymmetricKeyType).toBe('ec');
	});
});
