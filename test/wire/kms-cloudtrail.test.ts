/**
 * The change log's KMS signing and CloudTrail cross-check on the wire: the SDK's own awsJson1_1
 * serializers and parsers against a loopback KMS (GetPublicKey, Sign with an Ed25519 key, as
 * KMS's ED25519_SHA_512 over a RAW message signs) and a loopback CloudTrail (LookupEvents in
 * pages, event times as epoch seconds). What each received is checked field by field; the log
 * they sign verifies against the KMS key, and the cross-check names the write the log lacks.
 */
import { generateKeyPairSync, sign as ed25519Sign } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveGateway } from '../../source/aws/live/live-gateway.js';
import { runAuditPubkey } from '../../source/commands/audit-pubkey.js';
import { runAuditVerify } from '../../source/commands/audit-verify.js';
import { openChangeLogSession } from '../../source/commands/change-log-session.js';
import type { StoredSettings } from '../../source/settings/settings-store.js';
import { deactivateKey, tempDir } from '../audit/log-fixtures.js';
import { captureIo } from '../helpers/command-io.js';
import { startFakeAws, type FakeAws, type WireAnswer, type WireRequest } from './fake-aws-server.js';
import { accountId, callerArn } from './fake-account.js';
import { now } from './wire-kit.js';

const kmsKey = `arn:aws:kms:us-east-1:${accountId}:key/0f8fad5b-d9cb-469f-a165-70867728950e`;
const settings = { breakGlass: [] } as unknown as StoredSettings;

// One KMS key for the file: the first session pins it in this machine's settings.
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const spki = publicKey.export({ type: 'spki', format: 'der' });

/** A loopback KMS with one Ed25519 signing key, STS, and CloudTrail history of the caller's writes. */
function fakeKmsAndTrail(trail: { id: string; name: string; source: string; at: Date }[]) {
	const event = (e: (typeof trail)[number]) => ({
		EventId: e.id,
		EventName: e.name,
		EventSource: e.source,
		EventTime: e.at.getTime() / 1000,
		Username: callerArn.split('/').pop(),
		ReadOnly: 'false',
		CloudTrailEvent: JSON.stringify({ eventName: e.name }),
	});
	return (request: WireRequest): WireAnswer => {
		const params = request.params;
		switch (request.operation) {
			case 'sts:GetCallerIdentity':
				return { result: { Arn: callerArn, UserId: 'AIDAADMINEXAMPLE', Account: accountId } };
			case 'kms:GetPublicKey':
				if (params.KeyId !== kmsKey) return { error: { code: 'NotFoundException', message: `Key '${String(params.KeyId)}' does not exist`, status: 400 } };
				return { result: { KeyId: kmsKey, PublicKey: spki.toString('base64'), KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ED25519_SHA_512'] } };
			case 'kms:Sign':
				if (params.KeyId !== kmsKey) return { error: { code: 'NotFoundException', message: `Key '${String(params.KeyId)}' does not exist`, status: 400 } };
				if (params.SigningAlgorithm !== 'ED25519_SHA_512' || params.MessageType !== 'RAW') return { error: { code: 'ValidationException', message: 'unexpected algorithm or message type', status: 400 } };
				return { result: { KeyId: kmsKey, SigningAlgorithm: 'ED25519_SHA_512', Signature: ed25519Sign(null, Buffer.from(String(params.Message), 'base64'), privateKey).toString('base64') } };
			case 'cloudtrail:LookupEvents': {
				const from = Number(params.StartTime) * 1000;
				const to = Number(params.EndTime) * 1000;
				const inWindow = trail.filter((e) => e.at.getTime() >= from && e.at.getTime() <= to);
				// One event a page, so the adapter has to follow NextToken.
				const at = params.NextToken ? Number(params.NextToken) : 0;
				const page = inWindow.slice(at, at + 1).map(event);
				return { result: { Events: page, ...(at + 1 < inWindow.length ? { NextToken: String(at + 1) } : {}) } };
			}
			default:
				return { error: { code: 'UnknownOperationException', message: `${request.operation} is not in this fake`, status: 400 } };
		}
	};
}

let server: FakeAws | undefined;

async function withFake(trail: Parameters<typeof fakeKmsAndTrail>[0]): Promise<FakeAws> {
	server = await startFakeAws(fakeKmsAndTrail(trail));
	process.env.AWS_ENDPOINT_URL = server.url;
	process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
	process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-tests';
	return server;
}

afterEach(async () => {
	delete process.env.AWS_ENDPOINT_URL;
	delete process.env.AWS_ACCESS_KEY_ID;
	delete process.env.AWS_SECRET_ACCESS_KEY;
	await server?.close();
	server = undefined;
});

/** A KMS-signed session of one logged write (iam:UpdateAccessKey), through the live gateway. */
async function signedSession(fake: FakeAws) {
	const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1, now: () => now });
	const dir = join(await tempDir(), 'logs');
	const { session } = await openChangeLogSession({ logDir: dir, signingKey: kmsKey }, settings, gateway, 'apply', () => now);
	const seq = await session.intent({ time: now.toISOString(), step: 5, action: deactivateKey('dave', 'AKIAIOSFODNN7EXAMPL1'), findingIds: [], reason: 'CHG-WIRE' });
	await session.result({ seq, time: now.toISOString(), ok: true, inverse: null });
	await session.close();
	expect(fake.requests.filter((r) => r.service === 'kms').map((r) => r.operation)).toEqual(['kms:GetPublicKey', 'kms:Sign']);
	return { gateway, dir };
}

describe('the change log on the wire: KMS signing and the CloudTrail cross-check', () => {
	it('one kms:Sign (ED25519_SHA_512, RAW) certifies the session; audit pubkey fetches the key; the log verifies against it', async () => {
		const fake = await withFake([]);
		const { gateway, dir } = await signedSession(fake);
		const sign = fake.requests.find((r) => r.operation === 'kms:Sign')!;
		expect(sign.params).toMatchObject({ KeyId: kmsKey, SigningAlgorithm: 'ED25519_SHA_512', MessageType: 'RAW' });
		const statement = JSON.parse(Buffer.from(String(sign.params.Message), 'base64').toString('utf8')) as Record<string, string>;
		expect(Object.keys(statement)).toEqual(['account', 'issued', 'kmsKey', 'sessionKey']);
		expect(statement).toMatchObject({ account: accountId, kmsKey });

		const pub = captureIo({ now });
		expect(await runAuditPubkey({ signingKey: kmsKey, gateway }, pub)).toBe(0);
		const pubFile = join(await tempDir(), 'kms.pub');
		await writeFile(pubFile, pub.out());
		const verified = captureIo({ now });
		expect(await runAuditVerify({ paths: [dir], pubkey: pubFile }, verified)).toBe(0);
		expect(verified.out()).toMatch(/^OK: .*\(KMS arn:aws:kms:us-east-1:\d+:key\/0f8fad5b-\S+, a key per session\)/);
	});

	it('LookupEvents by Username over the session window, every page: the logged write is found, the other write named as not in the log', async () => {
		const fake = await withFake([
			{ id: 'e-logged', name: 'UpdateAccessKey', source: 'iam.amazonaws.com', at: new Date(now.getTime() + 1_000) },
			{ id: 'e-unlogged', name: 'DeleteUser', source: 'iam.amazonaws.com', at: new Date(now.getTime() + 2_000) },
		]);
		const { gateway, dir } = await signedSession(fake);
		const cli = captureIo({ now: new Date(now.getTime() + 3_600_000) });
		expect(await runAuditVerify({ paths: [dir], cloudtrail: true, gateway }, cli)).toBe(1);
		expect(cli.out()).toMatch(/CloudTrail: \S+\.jsonl: 1 logged call found; 1 write NOT IN THE LOG: iam:DeleteUser at 2026-11-27T12:00:02\.000Z \(event e-unlogged\)\./);
		const lookups = fake.requests.filter((r) => r.operation === 'cloudtrail:LookupEvents');
		expect(lookups).toHaveLength(2);
		expect(lookups[0]!.params).toMatchObject({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: callerArn.split('/').pop() }], StartTime: now.getTime() / 1000, MaxResults: 50 });
		expect(lookups[1]!.params).toMatchObject({ NextToken: '1' });
	});
});
