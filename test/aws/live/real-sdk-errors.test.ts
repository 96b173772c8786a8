/**
 * The same failures through the real SDK stack, not mocks: a loopback HTTP server stands
 * in for AWS (through AWS_ENDPOINT_URL, as an operator would point at a proxy or emulator),
 * so the test sees exactly what the SDK throws for an HTML page, a closed port, throttling
 * and a missing credential chain.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLiveGateway } from '../../../source/aws/live/live-gateway.js';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../../source/aws/sandbox/seed.js';
import type { Action } from '../../../source/core/actions.js';
import type { GatewayError } from '../../../source/core/gateway-error.js';

type Answer = { status: number; type: string; body: string };

let server: Server | undefined;
const requests: string[] = [];

async function serve(answer: (body: string) => Answer): Promise<string> {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			requests.push(body);
			const { status, type, body: out } = answer(body);
			res.writeHead(status, { 'content-type': type });
			res.end(out);
		});
	});
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

async function closedPort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as AddressInfo;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}

const callerIdentityXml = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/admin</Arn><UserId>AIDAADMIN</UserId><Account>123456789012</Account></GetCallerIdentityResult>
  <ResponseMetadata><RequestId>req-sts-1</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`;

beforeEach(() => {
	process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
	process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-tests';
	requests.length = 0;
});

afterEach(async () => {
	delete process.env.AWS_ENDPOINT_URL;
	if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
	server = undefined;
});

describe('real SDK against a loopback endpoint', () => {
	it('reaches the endpoint AWS_ENDPOINT_URL names and reads an AWS answer', async () => {
		process.env.AWS_ENDPOINT_URL = await serve(() => ({ status: 200, type: 'text/xml', body: callerIdentityXml }));
		const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1 });

		const caller = await gateway.callerIdentity();

		expect(caller).toEqual({ account: '123456789012', arn: 'arn:aws:iam::123456789012:user/admin', userId: 'AIDAADMIN', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
		expect(requests[0]).toContain('Action=GetCallerIdentity');
		expect(gateway.callCounts()).toEqual({ 'sts:GetCallerIdentity': 1 });
	});

	it('refuses an HTML page, which the XML parser would otherwise read as an empty answer', async () => {
		process.env.AWS_ENDPOINT_URL = await serve(() => ({ status: 200, type: 'text/html; charset=utf-8', body: '<html><body><h1>Welcome to the proxy</h1></body></html>' }));
		const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1 });

		await expect(gateway.readAccount()).rejects.toMatchObject({
			code: 'NotAws',
			message: 'The endpoint answered with something that is not an AWS response (an HTML page?): check AWS_ENDPOINT_URL or a proxy.',
		});
	});

	it('names a closed port as an unreachable endpoint', async () => {
		const port = await closedPort();
		process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${port}`;
		const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1 });

		await expect(gateway.callerIdentity()).rejects.toMatchObject({
			code: 'EndpointUnreachable',
			message: `Could not reach 127.0.0.1:${port} for sts:GetCallerIdentity (ECONNREFUSED): check the network, the region and AWS_ENDPOINT_URL.`,
		});
	});

	it('retries throttling and then says how many attempts it made', async () => {
		process.env.AWS_ENDPOINT_URL = await serve(() => ({
			status: 400,
			type: 'text/xml',
			body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>req-throttled</RequestId></ErrorResponse>',
		}));
		const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 2 });

		await expect(gateway.callerIdentity()).rejects.toMatchObject({
			code: 'Throttled',
			message: 'AWS kept throttling sts:GetCallerIdentity after 2 attempts: wait a minute and try again.',
		});
		expect(requests).toHaveLength(2);
	});

	it("words IAM's answers as the demo does: the same failure reads the same in both modes", async () => {
		const iamError = (code: string, message: string) => `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-iam</RequestId></ErrorResponse>`;
		const serviceRolePolicy = 'arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy';
		const missing = 'arn:aws:iam::123456789012:policy/missing';
		process.env.AWS_ENDPOINT_URL = await serve((body) =>
			body.includes(encodeURIComponent(serviceRolePolicy))
				? { status: 400, type: 'text/xml', body: iamError('PolicyNotAttachable', 'Cannot attach a Service Role Policy to a Customer Role.') }
				: { status: 404, type: 'text/xml', body: iamError('NoSuchEntity', `Policy ${missing} does not exist or is not attachable.`) },
		);
		const live = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1 });
		const demo = createSandboxGateway({ state: createSeedState(new Date('2026-03-14T09:30:00Z')) });
		const attach = (PolicyArn: string): Action => ({ kind: 'iam:AttachRolePolicy', params: { RoleName: 'build-runner', PolicyArn }, step: 3, findingIds: [], summary: 'attach' });
		const failure = async (answer: Promise<unknown>) => answer.then(() => undefined, (error: GatewayError) => ({ code: error.code, message: error.message }));

		for (const arn of [serviceRolePolicy, missing]) {
			const fromLive = await failure(live.apply(attach(arn)));
			expect(fromLive).toBeDefined();
			expect(await failure(demo.apply(attach(arn)))).toEqual(fromLive);
		}
		expect(await failure(live.apply(attach(serviceRolePolicy)))).toEqual({
			code: 'PolicyNotAttachable',
			message: 'iam:AttachRolePolicy failed with PolicyNotAttachable: Cannot attach a Service Role Policy to a Customer Role.',
		});
	});

	it("names S3's bare 403 to HeadBucket Forbidden (the SDK says only \"Unknown\"), and its bare 404 NotFound, an absence", async () => {
		let status = 403;
		// The read names this account as the expected owner, which it asks STS for first.
		process.env.AWS_ENDPOINT_URL = await serve((body) =>
			body.includes('Action=GetCallerIdentity') ? { status: 200, type: 'text/xml', body: callerIdentityXml } : { status, type: 'application/xml', body: '' },
		);
		const gateway = await createLiveGateway({ region: 'eu-west-1', maxAttempts: 1 });
		const probe: Action = { kind: 's3:CreateBucket', params: { Bucket: 'iam-wizard-config-123456789012-eu-west-1' }, step: 6, findingIds: [], summary: '' };

		await expect(gateway.readState(probe)).rejects.toMatchObject({ code: 'Forbidden', message: 's3:HeadBucket failed with Forbidden.' });
		status = 404;
		expect(await gateway.readState(probe)).toEqual({ exists: false });
	});

	it('says no credentials were found when the whole chain comes up empty', async () => {
		delete process.env.AWS_ACCESS_KEY_ID;
		delete process.env.AWS_SECRET_ACCESS_KEY;
		process.env.AWS_ENDPOINT_URL = await serve(() => ({ status: 200, type: 'text/xml', body: callerIdentityXml }));
		const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1 });

		await expect(gateway.callerIdentity()).rejects.toMatchObject({
			code: 'NoCredentials',
			message: 'No AWS credentials were found: set AWS_PROFILE or pass --profile, or run `aws sso login`.',
		});
		expect(requests).toHaveLength(0);
	});
});
