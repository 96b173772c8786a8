/** The live gateway's step-2 reads on mocked SDK clients: findings pages, the bounded read for scans, trails, policy generation. */
import { GetGeneratedPolicyCommand, ListAnalyzersCommand, ListFindingsCommand, ListFindingsV2Command, ListPolicyGenerationsCommand } from '@aws-sdk/client-accessanalyzer';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { accountId, fakeCredentialsInEnv, liveGateway, mocks, resetToQuietAccount } from './live-test-kit.js';

const cloudtrail = mockClient(CloudTrailClient);
const analyzerArn = `arn:aws:access-analyzer:us-east-1:${accountId}:analyzer/ext`;

function summary(n: number, findingType = 'ExternalAccess') {
	return {
		id: `finding-${n}`,
		resource: `arn:aws:s3:::bucket-${n}`,
		resourceType: 'AWS::S3::Bucket' as const,
		resourceOwnerAccount: accountId,
		status: 'ACTIVE' as const,
		findingType: findingType as 'ExternalAccess',
		analyzedAt: new Date('2026-11-01T00:00:00Z'),
		createdAt: new Date('2026-10-01T00:00:00Z'),
		updatedAt: new Date('2026-10-02T00:00:00Z'),
	};
}

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
	cloudtrail.reset();
});
afterAll(() => cloudtrail.restore());

describe('live Access Analyzer findings', () => {
	it('lists one page with the status filter and hands back the next token', async () => {
		mocks.accessAnalyzer.on(ListFindingsV2Command).resolves({ findings: [summary(1), summary(2, 'UnusedIAMRole')], nextToken: 'page-2' });
		const page = await (await liveGateway()).listAnalyzerFindings!(analyzerArn, { status: 'ACTIVE' });
		expect(page.nextToken).toBe('page-2');
		expect(page.findings.map((f) => [f.id, f.findingType, f.resource, f.createdAt])).toEqual([
			['finding-1', 'ExternalAccess', 'arn:aws:s3:::bucket-1', '2026-10-01T00:00:00.000Z'],
			['finding-2', 'UnusedIAMRole', 'arn:aws:s3:::bucket-2', '2026-10-01T00:00:00.000Z'],
		]);
		const input = mocks.accessAnalyzer.commandCalls(ListFindingsV2Command)[0]!.args[0].input;
		expect(input).toEqual({ analyzerArn, maxResults: 100, filter: { status: { eq: ['ACTIVE'] } } });
	});

	it('readAccount puts the active findings of active analyzers in the model, and stops at the bound saying so', async () => {
		mocks.accessAnalyzer.on(ListAnalyzersCommand).resolves({ analyzers: [{ arn: analyzerArn, name: 'ext', type: 'ACCOUNT', status: 'ACTIVE', createdAt: new Date('2025-01-01T00:00:00Z') }] });
		let n = 0;
		// An endless analyzer: every page has a next token.
		mocks.accessAnalyzer.on(ListFindingsCommand).callsFake(() => ({ findings: [{ ...summary((n += 1)), condition: {} }], nextToken: `t${n}` }));
		const model = await (await liveGateway()).readAccount();
		expect(model.analyzerFindings).toHaveLength(20);
		expect(model.notEvaluated).toEqual([
			{
				area: 'access-analyzer-findings',
				reason: "Analyzer ext has more than 2000 active findings; only the first 2000 are reported: triage the rest in the wizard's step 2.",
				findingIds: ['EXTERNAL_ACCESS', 'UNUSED_ACCESS'],
			},
		]);
	});

	it('readAccount says the findings were not read when ListFindingsV2 is denied', async () => {
		mocks.accessAnalyzer.on(ListAnalyzersCommand).resolves({ analyzers: [{ arn: analyzerArn, name: 'ext', type: 'ACCOUNT', status: 'ACTIVE', createdAt: new Date('2025-01-01T00:00:00Z') }] });
		const denied = new Error('User is not authorized to perform: access-analyzer:ListFindingsV2');
		denied.name = 'AccessDeniedException';
		Object.assign(denied, { $fault: 'client', $metadata: { httpStatusCode: 403 } });
		mocks.accessAnalyzer.on(ListFindingsCommand).rejects(denied);
		const model = await (await liveGateway()).readAccount();
		expect(model.analyzerFindings).toBeUndefined();
		expect(model.notEvaluated.map((n) => [n.area, n.findingIds])).toEqual([['access-analyzer-findings', ['EXTERNAL_ACCESS', 'UNUSED_ACCESS']]]);
	});

	it('reads who gets in with what from an external-access analyzer (ListFindings), and unused access with ListFindingsV2', async () => {
		const unusedArn = `arn:aws:access-analyzer:us-east-1:${accountId}:analyzer/unused`;
		mocks.accessAnalyzer.on(ListAnalyzersCommand).resolves({
			analyzers: [
				{ arn: analyzerArn, name: 'ext', type: 'ACCOUNT', status: 'ACTIVE', createdAt: new Date('2025-01-01T00:00:00Z') },
				{ arn: unusedArn, name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', createdAt: new Date('2025-01-01T00:00:00Z') },
			],
		});
		mocks.accessAnalyzer.on(ListFindingsCommand).resolves({ findings: [{ ...summary(1), principal: { AWS: '444455556666' }, action: ['s3:GetObject'], isPublic: false, condition: {} }] });
		mocks.accessAnalyzer.on(ListFindingsV2Command).resolves({ findings: [summary(2, 'UnusedIAMRole')] });
		const model = await (await liveGateway()).readAccount();
		expect(model.analyzerFindings).toEqual([
			{ id: 'finding-1', analyzerArn, findingType: 'ExternalAccess', resource: 'arn:aws:s3:::bucket-1', resourceType: 'AWS::S3::Bucket', status: 'ACTIVE', createdAt: '2026-10-01T00:00:00.000Z', updatedAt: '2026-10-02T00:00:00.000Z', principal: { AWS: '444455556666' }, action: ['s3:GetObject'], isPublic: false },
			{ id: 'finding-2', analyzerArn: unusedArn, findingType: 'UnusedIAMRole', resource: 'arn:aws:s3:::bucket-2', resourceType: 'AWS::S3::Bucket', status: 'ACTIVE', createdAt: '2026-10-01T00:00:00.000Z', updatedAt: '2026-10-02T00:00:00.000Z' },
		]);
		expect(mocks.accessAnalyzer.commandCalls(ListFindingsCommand)[0]!.args[0].input).toMatchObject({ analyzerArn, filter: { status: { eq: ['ACTIVE'] } } });
		expect(mocks.accessAnalyzer.commandCalls(ListFindingsV2Command)[0]!.args[0].input).toMatchObject({ analyzerArn: unusedArn });
	});

	it('readAccount reads no findings when no analyzer is active', async () => {
		const model = await (await liveGateway()).readAccount();
		expect(model.analyzerFindings).toEqual([]);
		expect(mocks.accessAnalyzer.commandCalls(ListFindingsV2Command)).toHaveLength(0);
	});
});

describe('live trails and policy generation', () => {
	it('lists trails with shadow trails of other regions', async () => {
		cloudtrail.on(DescribeTrailsCommand).resolves({
			trailList: [
				{ Name: 'org-trail', TrailARN: `arn:aws:cloudtrail:eu-west-1:${accountId}:trail/org-trail`, HomeRegion: 'eu-west-1', IsMultiRegionTrail: true },
				{ Name: 'broken' },
			],
		});
		const trails = await (await liveGateway()).listTrails!();
		expect(trails).toEqual([{ name: 'org-trail', arn: `arn:aws:cloudtrail:eu-west-1:${accountId}:trail/org-trail`, homeRegion: 'eu-west-1', isMultiRegionTrail: true }]);
		expect(cloudtrail.commandCalls(DescribeTrailsCommand)[0]!.args[0].input).toEqual({ includeShadowTrails: true });
	});

	it('reads a running job, then the generated policy once it succeeded', async () => {
		const gateway = await liveGateway();
		mocks.accessAnalyzer.on(GetGeneratedPolicyCommand).resolvesOnce({ jobDetails: { jobId: 'job-1', status: 'IN_PROGRESS', startedOn: new Date('2026-11-27T10:00:00Z') }, generatedPolicyResult: undefined }).resolves({
			jobDetails: { jobId: 'job-1', status: 'SUCCEEDED', startedOn: new Date('2026-11-27T10:00:00Z'), completedOn: new Date('2026-11-27T10:04:00Z') },
			generatedPolicyResult: {
				properties: { principalArn: `arn:aws:iam::${accountId}:role/app` },
				generatedPolicies: [{ policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }) }],
			},
		});
		expect(await gateway.getPolicyGeneration!('job-1')).toEqual({ jobId: 'job-1', status: 'IN_PROGRESS', startedOn: '2026-11-27T10:00:00.000Z' });
		const done = await gateway.getPolicyGeneration!('job-1');
		expect(done.status).toBe('SUCCEEDED');
		expect(done.principalArn).toBe(`arn:aws:iam::${accountId}:role/app`);
		expect(done.policy).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }] });
	});

	it('reports a failed job with its error, and lists jobs to find a running one', async () => {
		const gateway = await liveGateway();
		mocks.accessAnalyzer.on(GetGeneratedPolicyCommand).resolves({ jobDetails: { jobId: 'job-2', status: 'FAILED', startedOn: new Date('2026-11-27T10:00:00Z'), jobError: { code: 'RESOURCE_NOT_FOUND_ERROR', message: 'The trail was not found.' } }, generatedPolicyResult: undefined });
		expect((await gateway.getPolicyGeneration!('job-2')).error).toBe('RESOURCE_NOT_FOUND_ERROR: The trail was not found.');
		mocks.accessAnalyzer.on(ListPolicyGenerationsCommand).resolves({ policyGenerations: [{ jobId: 'job-3', principalArn: 'arn:aws:iam::123456789012:role/x', status: 'IN_PROGRESS', startedOn: new Date('2026-11-27T11:00:00Z') }] });
		expect(await gateway.listPolicyGenerations!()).toEqual([{ jobId: 'job-3', principalArn: 'arn:aws:iam::123456789012:role/x', status: 'IN_PROGRESS', startedOn: '2026-11-27T11:00:00.000Z' }]);
	});
});
