/** The live gateway's KMS calls for the change log's signing key, on a mocked KMS client: what it sends, and KMS's errors. */
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { isGatewayError } from '../../../source/core/gateway-error.js';
import { accountId, awsError, fakeCredentialsInEnv, liveGateway, resetToQuietAccount } from './live-test-kit.js';

const kms = mockClient(KMSClient);
const arn = `arn:aws:kms:us-east-1:${accountId}:key/0c5e8f4a-1d2b-4c3d-9e8f-a1b2c3d4e5f6`;
const { privateKey, publicKey } = generateKeyPairSync('ed25519');

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
	kms.reset();
});
afterAll(() => kms.restore());

describe('live KMS signing', () => {
	it('GetPublicKey answers the SPKI DER and the key spec; Sign sends ED25519_SHA_512 over the raw message', async () => {
		const der = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
		kms.on(GetPublicKeyCommand).resolves({ KeyId: arn, PublicKey: der, KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ED25519_SHA_512'] });
		kms.on(SignCommand).callsFake((input: { Message: Uint8Array }) => ({ KeyId: arn, Signature: new Uint8Array(sign(null, Buffer.from(input.Message), privateKey)), SigningAlgorithm: 'ED25519_SHA_512' }));
		const gateway = await liveGateway();
		const key = await gateway.kmsPublicKey!(arn);
		expect(key).toEqual({ keyId: arn, spkiDer: der, keySpec: 'ECC_NIST_EDWARDS25519', keyUsage: 'SIGN_VERIFY', signingAlgorithms: ['ED25519_SHA_512'] });
		const message = new TextEncoder().encode('{"sessionKey":"SHA256:x"}');
		const signature = await gateway.kmsSign!(arn, message);
		expect(verify(null, Buffer.from(message), publicKey, Buffer.from(signature))).toBe(true);
		expect(kms.commandCalls(SignCommand)[0]!.args[0].input).toEqual({ KeyId: arn, Message: message, MessageType: 'RAW', SigningAlgorithm: 'ED25519_SHA_512' });
	});

	it("KMS's errors reach the caller as GatewayErrors with KMS's code", async () => {
		kms.on(SignCommand).rejects(awsError('DisabledException', `${arn} is disabled.`));
		kms.on(GetPublicKeyCommand).rejects(awsError('NotFoundException', `Key '${arn}' does not exist`));
		const gateway = await liveGateway();
		const signing = await gateway.kmsSign!(arn, new Uint8Array([1])).catch((e: unknown) => e);
		expect(isGatewayError(signing) && signing.code).toBe('DisabledException');
		const reading = await gateway.kmsPublicKey!(arn).catch((e: unknown) => e);
		expect(isGatewayError(reading) && reading.code).toBe('NotFoundException');
	});
});
