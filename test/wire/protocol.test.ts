/**
 * The SDK's own parsers and retries against AWS's real answer shapes: authorization
 * details over several marker pages with URL-encoded documents, throttling and 5xx
 * retried, AccessDenied as each protocol sends it, and an HTML page from a proxy.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iamActionOf } from '../../source/aws/iam-action-of.js';
import { createLiveGateway } from '../../source/aws/live/live-gateway.js';
import { applyLive, fakeAws, now, planLive, workspace } from './wire-kit.js';

const throttled = { error: { code: 'Throttling', message: 'Rate exceeded', status: 400 } };
const unavailable = { error: { code: 'ServiceUnavailable', message: 'Service is unavailable', status: 503 } };

describe('the SDK on the wire', () => {
	it('makes every call policies/scan-only.json grants, each answered as AWS answers it, on an established account', async () => {
		const { server, account } = await fakeAws({ established: true });
		// No delivery channel yet, and iam-wizard's bucket left by a batch that stopped: the scan reads it (HeadBucket, GetBucketPolicy).
		account.state.deliveryChannels = [];
		const bucket = 'iam-wizard-config-123456789012-us-east-1';
		const bucketPolicy = { Version: '2012-10-17', Statement: [{ Sid: 'Owner', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::123456789012:root'] }, Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] }] };
		account.state.buckets[bucket] = JSON.stringify(bucketPolicy);
		// The established operator chose their own alert topic, so the read of that topic (sns:GetTopicAttributes) is made too.
		const alertTopicArn = 'arn:aws:sns:us-east-1:123456789012:iam-wizard-alerts';
		const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1, now: () => now, alertTopicArn });

		const model = await gateway.readAccount();

		// A member account may not ask whether root access is centralized: that alone is unknown, and says who may ask.
		expect(model.notEvaluated).toEqual([
			{
				area: 'root-access',
				findingIds: [],
				reason: "Whether centralized root access is enabled could not be read (AccountNotManagementOrDelegatedAdministratorException): only the management account 999999999999 or IAM's delegated administrator may ask (iam:ListOrganizationsFeatures).",
			},
		]);
		expect(model.organization?.accountParents).toEqual(['ou-ab12-team']);
		expect(model.config?.defaultBucket).toEqual({ name: bucket, status: 'owned', policy: bucketPolicy });
		expect(model.eventRules?.[0]?.targets).toEqual([expect.objectContaining({ id: 'alerts' })]);
		const policy = JSON.parse(readFileSync(new URL('../../policies/scan-only.json', import.meta.url), 'utf8')) as { Statement: { Action: string[] }[] };
		const made = new Set(server.requests.map((r) => iamActionOf(r.operation)));
		expect(policy.Statement.flatMap((s) => s.Action).filter((action) => !made.has(action))).toEqual([]);
		expect(server.requests.filter((r) => r.operation === 'organizations:ListPolicies').map((r) => r.params.NextToken)).toEqual([undefined, 'policies-2']);
	});

	it('reads the authorization details over marker pages, with URL-encoded documents decoded', async () => {
		const { server } = await fakeAws({ pageSize: 2 });
		const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1, now: () => now });

		const model = await gateway.readAccount();

		const pages = server.requests.filter((r) => r.operation === 'iam:GetAccountAuthorizationDetails');
		expect(pages.length).toBeGreaterThan(3);
		expect(pages.slice(1).every((r) => String(r.params.Marker).startsWith('page-from-'))).toBe(true);
		expect(model.users.map((u) => u.name).sort()).toEqual(['carol', 'dev-dana', 'report-bot']);
		const dana = model.users.find((u) => u.name === 'dev-dana')!;
		expect(dana.inlinePolicies[0]!.document.Statement[0]).toMatchObject({ Effect: 'Allow', Action: ['iam:PutUserPolicy', 'iam:AttachUserPolicy', 's3:GetObject'] });
	});

	it('retries throttling and a 5xx, then reads on', async () => {
		const { server } = await fakeAws({ faults: { 'iam:GetAccountPasswordPolicy': [throttled], 'config:DescribeConfigRules': [unavailable] } });
		const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 3, now: () => now });

		const model = await gateway.readAccount();

		expect(server.requests.filter((r) => r.operation === 'iam:GetAccountPasswordPolicy')).toHaveLength(2);
		expect(server.requests.filter((r) => r.operation === 'config:DescribeConfigRules')).toHaveLength(2);
		expect(model.notEvaluated).toEqual([]);
		expect(model.passwordPolicy).toBeNull();
		expect(model.config).toBeDefined();
	});

	it('names a denied JSON service as not evaluated, with the action to grant', async () => {
		await fakeAws({ deny: (service) => service === 'events' });
		const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1, now: () => now });

		const model = await gateway.readAccount();

		expect(model.notEvaluated.map((n) => n.reason)).toEqual([
			'Access denied to events:ListRules: grant events:ListRules to the caller (policies/scan-only.json grants every read a scan makes).',
		]);
	});

	it('an endpoint without Access Analyzer (an HTML 404 page) stops apply with what to do, and --validation local goes on', async () => {
		const { account } = await fakeAws({ missing: (service) => service === 'access-analyzer' });
		const { dir, logDir } = workspace();
		const { run } = await planLive(dir, { steps: '4' });
		expect(run.code).toBe(0);

		const refused = await applyLive(dir, logDir);
		expect(refused.code).toBe(1);
		expect(refused.io.err()).toBe(
			"iam-wizard: Will not apply: Access Analyzer could not validate the policy documents this plan writes (the endpoint answered with something that is not an AWS response (an HTML page?): check AWS_ENDPOINT_URL or a proxy). Grant access-analyzer:ValidatePolicy (policies/remediate.json has it) and run apply again, or run apply with --validation local to rely on the local checks only (a subset of AWS's). Nothing was applied.\n",
		);
		expect(account.writes).toEqual([]);

		const local = await applyLive(dir, logDir, { validation: 'local' });
		expect(local.code).toBe(0);
		expect(account.writes.map((w) => w.operation)).toEqual(['iam:CreatePolicy', 'iam:PutUserPermissionsBoundary']);
	});
});
