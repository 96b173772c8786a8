import { ValidatePolicyCommand } from '@aws-sdk/client-accessanalyzer';
import { GenerateServiceLastAccessedDetailsCommand, GetServiceLastAccessedDetailsCommand } from '@aws-sdk/client-iam';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../../source/core/policy-document.js';
import { awsError, fakeCredentialsInEnv, liveGateway, mocks, resetToQuietAccount } from './live-test-kit.js';

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
});

const document: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [
		{ Effect: 'Allow', Action: ['s3:GetObjects'], Resource: ['arn:aws:s3:::reports/*'] },
		{ Effect: 'Allow', Action: ['iam:PassRole'], Resource: ['*'] },
	],
};

describe('validatePolicy: Access Analyzer ValidatePolicy', () => {
	it('sends the document as JSON with the policy type, reads every page and names the statement of each issue', async () => {
		mocks.accessAnalyzer
			.on(ValidatePolicyCommand, { nextToken: undefined })
			.resolves({
				findings: [
					{
						findingType: 'ERROR',
						issueCode: 'INVALID_ACTION',
						findingDetails: 'The action s3:GetObjects does not exist.',
						learnMoreLink: 'https://docs.aws.amazon.com/x',
						locations: [{ path: [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { index: 0 }], span: { start: { line: 1, column: 1, offset: 1 }, end: { line: 1, column: 2, offset: 2 } } }],
					},
				],
				nextToken: 'page-2',
			})
			.on(ValidatePolicyCommand, { nextToken: 'page-2' })
			.resolves({
				findings: [
					{
						findingType: 'SECURITY_WARNING',
						issueCode: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
						findingDetails: 'Using iam:PassRole with * in the resource is overly permissive.',
						learnMoreLink: 'https://docs.aws.amazon.com/y',
						locations: [{ path: [{ value: 'Statement' }, { index: 1 }, { value: 'Resource' }], span: { start: { line: 1, column: 1, offset: 1 }, end: { line: 1, column: 2, offset: 2 } } }],
					},
				],
			});
		const gateway = await liveGateway();

		const issues = await gateway.validatePolicy!(document, 'IDENTITY_POLICY');

		const inputs = mocks.accessAnalyzer.commandCalls(ValidatePolicyCommand).map((c) => c.args[0].input);
		expect(inputs).toHaveLength(2);
		expect(inputs[0]).toEqual({ policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: document.Statement }), policyType: 'IDENTITY_POLICY' });
		expect(inputs[1]).toMatchObject({ nextToken: 'page-2', policyType: 'IDENTITY_POLICY' });
		expect(issues).toEqual([
			{ findingType: 'ERROR', issueCode: 'INVALID_ACTION', detail: 'The action s3:GetObjects does not exist.', statementIndex: 0, learnMoreLink: 'https://docs.aws.amazon.com/x' },
			{
				findingType: 'SECURITY_WARNING',
				issueCode: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
				detail: 'Using iam:PassRole with * in the resource is overly permissive.',
				statementIndex: 1,
				learnMoreLink: 'https://docs.aws.amazon.com/y',
			},
		]);
		expect(gateway.callCounts()).toMatchObject({ 'access-analyzer:ValidatePolicy': 2 });
	});

	it('a denied call is a GatewayError naming the operation', async () => {
		mocks.accessAnalyzer.on(ValidatePolicyCommand).rejects(awsError('AccessDeniedException', 'User is not authorized to perform access-analyzer:ValidatePolicy', { httpStatusCode: 403 }));
		const gateway = await liveGateway();

		await expect(gateway.validatePolicy!(document, 'IDENTITY_POLICY')).rejects.toMatchObject({ name: 'GatewayError', code: 'AccessDenied', operation: 'access-analyzer:ValidatePolicy' });
	});
});

describe('serviceLastAccessed: GenerateServiceLastAccessedDetails + GetServiceLastAccessedDetails', () => {
	const roleArn = 'arn:aws:iam::123456789012:role/etl';

	it('starts an ACTION_LEVEL job, polls while it is in progress, reads every page', async () => {
		mocks.iam.on(GenerateServiceLastAccessedDetailsCommand).resolves({ JobId: 'job-1' });
		mocks.iam
			.on(GetServiceLastAccessedDetailsCommand, { JobId: 'job-1', Marker: undefined })
			.resolvesOnce({ JobStatus: 'IN_PROGRESS', JobCreationDate: new Date('2026-11-27T00:00:00Z'), ServicesLastAccessed: [], JobCompletionDate: undefined })
			.resolves({
				JobStatus: 'COMPLETED',
				JobCreationDate: new Date('2026-11-27T00:00:00Z'),
				JobCompletionDate: new Date('2026-11-27T00:00:05Z'),
				IsTruncated: true,
				Marker: 'm2',
				ServicesLastAccessed: [
					{
						ServiceName: 'Amazon S3',
						ServiceNamespace: 's3',
						LastAuthenticated: new Date('2026-11-20T10:00:00Z'),
						LastAuthenticatedRegion: 'us-east-1',
						TrackedActionsLastAccessed: [
							{ ActionName: 'GetObject', LastAccessedTime: new Date('2026-11-20T10:00:00Z'), LastAccessedRegion: 'us-east-1' },
							{ ActionName: 'PutObject' },
						],
					},
				],
			});
		mocks.iam.on(GetServiceLastAccessedDetailsCommand, { JobId: 'job-1', Marker: 'm2' }).resolves({
			JobStatus: 'COMPLETED',
			JobCreationDate: new Date('2026-11-27T00:00:00Z'),
			JobCompletionDate: new Date('2026-11-27T00:00:05Z'),
			IsTruncated: false,
			ServicesLastAccessed: [{ ServiceName: 'Amazon SQS', ServiceNamespace: 'sqs', LastAuthenticated: new Date('2026-10-01T00:00:00Z') }, { ServiceName: 'AWS KMS', ServiceNamespace: 'kms' }],
		});
		const waits: number[] = [];
		const gateway = await liveGateway({ lastAccessedPolling: { sleep: async (ms) => void waits.push(ms) } });

		const report = await gateway.serviceLastAccessed!(roleArn);

		expect(mocks.iam.commandCalls(GenerateServiceLastAccessedDetailsCommand)[0].args[0].input).toEqual({ Arn: roleArn, Granularity: 'ACTION_LEVEL' });
		expect(mocks.iam.commandCalls(GetServiceLastAccessedDetailsCommand)).toHaveLength(3);
		expect(waits).toEqual([500]);
		expect(report).toEqual({
			principalArn: roleArn,
			generatedAt: '2026-11-27T00:00:05.000Z',
			services: [
				{
					namespace: 's3',
					name: 'Amazon S3',
					lastAuthenticated: '2026-11-20T10:00:00.000Z',
					region: 'us-east-1',
					actions: [{ name: 'GetObject', lastAccessed: '2026-11-20T10:00:00.000Z', region: 'us-east-1' }, { name: 'PutObject' }],
				},
				{ namespace: 'sqs', name: 'Amazon SQS', lastAuthenticated: '2026-10-01T00:00:00.000Z' },
				{ namespace: 'kms', name: 'AWS KMS' },
			],
		});
	});

	it('a failed job and a job that never finishes are GatewayErrors an operator can read', async () => {
		mocks.iam.on(GenerateServiceLastAccessedDetailsCommand).resolves({ JobId: 'job-2' });
		mocks.iam.on(GetServiceLastAccessedDetailsCommand).resolves({ JobStatus: 'FAILED', Error: { Code: 'x', Message: 'the entity was deleted' }, JobCreationDate: new Date(), ServicesLastAccessed: [], JobCompletionDate: new Date() });
		const gateway = await liveGateway({ lastAccessedPolling: { sleep: async () => undefined } });
		await expect(gateway.serviceLastAccessed!(roleArn)).rejects.toThrow(`IAM could not build the last-accessed report of ${roleArn}: the entity was deleted.`);

		mocks.iam.on(GetServiceLastAccessedDetailsCommand).resolves({ JobStatus: 'IN_PROGRESS', JobCreationDate: new Date(), ServicesLastAccessed: [], JobCompletionDate: undefined });
		const slow = await liveGateway({ lastAccessedPolling: { sleep: async () => undefined, timeoutMs: 2000, firstPollMs: 500 } });
		await expect(slow.serviceLastAccessed!(roleArn)).rejects.toMatchObject({ code: 'Timeout' });
	});
});
