/**
 * Shared set-up for the live gateway's tests: every SDK client the gateway builds is
 * mocked (aws-sdk-client-mock stubs `send` on the client classes, so no request leaves the
 * process), with answers of a quiet account that each test overrides where it matters.
 * The shared fixtures are turned into what the JS SDK really returns: URL-encoded policy
 * documents and Date objects.
 */
import { readFileSync } from 'node:fs';
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import {
	ConfigServiceClient,
	DescribeConfigRulesCommand,
	DescribeConfigurationRecordersCommand,
	DescribeConfigurationRecorderStatusCommand,
	DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service';
import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import {
	GenerateCredentialReportCommand,
	GetAccountAuthorizationDetailsCommand,
	GetAccountPasswordPolicyCommand,
	GetAccountSummaryCommand,
	GetCredentialReportCommand,
	IAMClient,
	ListAccessKeysCommand,
	ListAccountAliasesCommand,
	ListVirtualMFADevicesCommand,
	type GetAccountAuthorizationDetailsCommandOutput,
} from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, ListOrganizationalUnitsForParentCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { CodeBuildClient, ListProjectsCommand } from '@aws-sdk/client-codebuild';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { credentialReportColumns } from '../../../source/aws/credential-report-csv.js';
import { createLiveGateway, type LiveGateway, type LiveGatewayOptions } from '../../../source/aws/live/live-gateway.js';
import { awsFixture } from '../../fixtures-path.js';

export const accountId = '123456789012';
export const callerArn = `arn:aws:iam::${accountId}:user/admin`;
/** AWS's documented example key ID: fake, and shaped like a long-lived key. */
export const fakeAccessKeyId = 'AKIAIOSFODNN7EXAMPLE';

export const mocks = {
	iam: mockClient(IAMClient),
	sts: mockClient(STSClient),
	organizations: mockClient(OrganizationsClient),
	accessAnalyzer: mockClient(AccessAnalyzerClient),
	config: mockClient(ConfigServiceClient),
	events: mockClient(EventBridgeClient),
	sns: mockClient(SNSClient),
	cloudtrail: mockClient(CloudTrailClient),
	securityhub: mockClient(SecurityHubClient),
	s3: mockClient(S3Client),
	logs: mockClient(CloudWatchLogsClient),
	cloudwatch: mockClient(CloudWatchClient),
	lambda: mockClient(LambdaClient),
	ec2: mockClient(EC2Client),
	cloudformation: mockClient(CloudFormationClient),
	codebuild: mockClient(CodeBuildClient),
};

/** An SDK-style service error: a name, AWS's message, $metadata (as the SDK builds them). */
export function awsError(name: string, message: string, metadata: Record<string, unknown> = {}): Error {
	const error = new Error(message);
	error.name = name;
	Object.assign(error, { $fault: 'client', $metadata: { httpStatusCode: 400, requestId: 'req-1', attempts: 1, ...metadata } });
	return error;
}

export function fakeCredentialsInEnv(): void {
	process.env.AWS_ACCESS_KEY_ID = fakeAccessKeyId;
	process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-tests';
	delete process.env.AWS_SESSION_TOKEN;
	delete process.env.AWS_PROFILE;
}

type Json = Record<string, unknown>;

/** Documents URL-encoded and dates as Date, as GetAccountAuthorizationDetails reaches the JS SDK. */
export function asSdkResponse(value: unknown, key = ''): unknown {
	if (Array.isArray(value)) return value.map((item) => asSdkResponse(item, key));
	if (value !== null && typeof value === 'object') {
		if (key === 'PolicyDocument' || key === 'Document' || key === 'AssumeRolePolicyDocument') {
			return encodeURIComponent(JSON.stringify(value));
		}
		return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, asSdkResponse(v, k)]));
	}
	if (typeof value === 'string' && /Date$/.test(key)) return new Date(value);
	return value;
}

export function fixtureAuthorizationDetails(): GetAccountAuthorizationDetailsCommandOutput {
	const raw = JSON.parse(readFileSync(awsFixture('authorization-details.json'), 'utf8')) as Json;
	return { ...(asSdkResponse(raw) as Json), IsTruncated: false, $metadata: {} } as GetAccountAuthorizationDetailsCommandOutput;
}

export function fixtureCredentialReportCsv(): string {
	return readFileSync(awsFixture('credential-report.csv'), 'utf8');
}

export const reportHeader = credentialReportColumns.join(',');

export const rootReportRow = `<root_account>,arn:aws:iam::${accountId}:root,2020-01-15T10:00:00+00:00,not_supported,2026-11-20T08:12:41+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;

/** A report row for a user; keys given as [active, lastRotated, lastUsed?] per slot. */
export function reportRow(name: string, keys: ([boolean, string, string?] | null)[] = [], password = false): string {
	const slot = (key: [boolean, string, string?] | null | undefined) =>
		key ? `${key[0]},${key[1]},${key[2] ?? 'N/A'},${key[2] ? 'eu-west-1' : 'N/A'},${key[2] ? 's3' : 'N/A'}` : 'false,N/A,N/A,N/A,N/A';
	return [
		name,
		`arn:aws:iam::${accountId}:user/${name}`,
		'2025-01-01T00:00:00+00:00',
		String(password),
		password ? '2026-10-01T00:00:00+00:00' : 'N/A',
		password ? '2025-01-01T00:00:00+00:00' : 'N/A',
		'N/A',
		'false',
		slot(keys[0]),
		slot(keys[1]),
		'false,N/A,false,N/A',
	].join(',');
}

export function reportContent(rows: string[]): Uint8Array {
	return new TextEncoder().encode([reportHeader, rootReportRow, ...rows].join('\n'));
}

export function user(name: string, extra: Json = {}): Json {
	return {
		UserName: name,
		UserId: `AIDA${name.toUpperCase()}`,
		Arn: `arn:aws:iam::${accountId}:user/${name}`,
		Path: '/',
		CreateDate: new Date('2025-01-01T00:00:00Z'),
		UserPolicyList: [],
		GroupList: [],
		AttachedManagedPolicies: [],
		...extra,
	};
}

/** Every client answers as a quiet account would; tests override what they look at. */
export function resetToQuietAccount(): void {
	for (const mock of Object.values(mocks)) mock.reset();
	mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: accountId, Arn: callerArn, UserId: 'AIDAADMIN', $metadata: {} });
	mocks.iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], IsTruncated: false });
	mocks.iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
	mocks.iam.on(GetCredentialReportCommand).resolves({ Content: reportContent([]), ReportFormat: 'text/csv', GeneratedTime: new Date('2026-11-27T20:00:00Z') });
	mocks.iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('NoSuchEntity', 'The Password Policy with domain name 123456789012 cannot be found.'));
	mocks.iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { Users: 0, AccountMFAEnabled: 1 } });
	mocks.iam.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [], IsTruncated: false });
	mocks.iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: [] });
	mocks.iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [], IsTruncated: false });
	mocks.organizations.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.'));
	// Where a test puts the account in an organization with a root: no OUs below it unless it says so.
	mocks.organizations.on(ListOrganizationalUnitsForParentCommand).resolves({ OrganizationalUnits: [] });
	mocks.accessAnalyzer.on(ListAnalyzersCommand).resolves({ analyzers: [] });
	mocks.config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
	mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
	mocks.config.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [] });
	mocks.config.on(DescribeConfigRulesCommand).resolves({ ConfigRules: [] });
	// No delivery channel, so the read asks for the bucket iam-wizard would propose: S3's bare 404, as the SDK throws it.
	mocks.s3.on(HeadBucketCommand).rejects(awsError('NotFound', 'UnknownError', { httpStatusCode: 404 }));
	mocks.events.on(ListRulesCommand).resolves({ Rules: [] });
	mocks.cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [] });
	mocks.securityhub.on(DescribeHubCommand).rejects(awsError('InvalidAccessException', 'Account 123456789012 is not subscribed to AWS Security Hub'));
	mocks.lambda.on(ListFunctionsCommand).resolves({ Functions: [] });
	mocks.ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
	mocks.cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [] });
	mocks.codebuild.on(ListProjectsCommand).resolves({ projects: [] });
}

export function liveGateway(options: LiveGatewayOptions = {}): Promise<LiveGateway> {
	return createLiveGateway({ region: 'us-east-1', credentialReportPollMs: 1, now: () => new Date('2026-11-28T00:00:00Z'), ...options });
}

/** Every command name any mocked client received, e.g. "ListAccessKeysCommand". */
export function sentCommandNames(): string[] {
	return Object.values(mocks).flatMap((mock) => mock.calls().map((call) => (call.args[0] as object).constructor.name));
}
