/**
 * The SDK clients the live gateway uses, built once with one shared credential provider
 * (so an SSO profile is resolved once, not once per service), adaptive retry, and a guard
 * that refuses HTML pages. Endpoints are left to the SDK, so AWS_ENDPOINT_URL and a
 * profile's endpoint_url work as they do for the AWS CLI.
 */
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import type { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { iamEventsRegion } from '../../core/monitoring-alerts.js';
import { notAwsResponseName } from './errors.js';

/** The partition a region belongs to. */
export function partitionOfRegion(region: string): string {
	if (region.startsWith('us-gov-')) return 'aws-us-gov';
	if (region.startsWith('cn-')) return 'aws-cn';
	return 'aws';
}

export interface AwsClients {
	iam: IAMClient;
	sts: STSClient;
	organizations: OrganizationsClient;
	accessAnalyzer: AccessAnalyzerClient;
	cloudtrail: CloudTrailClient;
	config: ConfigServiceClient;
	events: EventBridgeClient;
	sns: SNSClient;
	securityhub: SecurityHubClient;
	s3: S3Client;
	logs: CloudWatchLogsClient;
	cloudwatch: CloudWatchClient;
	kms: KMSClient;
	/** The workloads that run with a role (read for escalation through them), in the scan's region. */
	lambda: LambdaClient;
	ec2: EC2Client;
	cloudformation: CloudFormationClient;
	codebuild: CodeBuildClient;
}

/** What fromNodeProviderChain returns: a memoised provider of access key, secret and token. */
export type CredentialProvider = ReturnType<typeof fromNodeProviderChain>;

export type ServiceKey = keyof AwsClients;

/** The IAM action prefix of each service, for operation names like "access-analyzer:ListAnalyzers". */
export const servicePrefix: Record<ServiceKey, string> = {
	iam: 'iam',
	sts: 'sts',
	organizations: 'organizations',
	accessAnalyzer: 'access-analyzer',
	cloudtrail: 'cloudtrail',
	config: 'config',
	events: 'events',
	sns: 'sns',
	securityhub: 'securityhub',
	s3: 's3',
	logs: 'logs',
	cloudwatch: 'cloudwatch',
	kms: 'kms',
	lambda: 'lambda',
	ec2: 'ec2',
	cloudformation: 'cloudformation',
	codebuild: 'codebuild',
};

export interface ClientSettings {
	region: string;
	/** Passed to the clients too, so a profile's endpoint_url and other settings apply. */
	profile?: string;
	credentials: CredentialProvider;
	maxAttempts: number;
}

interface GuardedStack {
	middlewareStack: {
		add(
			middleware: (next: (args: unknown) => Promise<{ response?: unknown }>) => (args: unknown) => Promise<{ response?: unknown }>,
			options: { step: 'deserialize'; name: string; priority: 'low' },
		): void;
	};
}

/**
 * AWS never answers with text/html; a proxy or a wrong AWS_ENDPOINT_URL does, and the
 * XML parser would otherwise read such a page as an empty, successful answer.
 */
function addHtmlGuard(client: GuardedStack): void {
	client.middlewareStack.add(
		(next) => async (args) => {
			const output = await next(args);
			const headers = (output.response as { headers?: Record<string, string | undefined> } | undefined)?.headers ?? {};
			const type = headers['content-type'] ?? headers['Content-Type'] ?? '';
			if (/text\/html/i.test(type)) {
				const error = new Error(`The response has content-type ${type}`);
				error.name = notAwsResponseName;
				throw error;
			}
			return output;
		},
		{ step: 'deserialize', name: 'iamWizardHtmlGuard', priority: 'low' },
	);
}

export function createClients(settings: ClientSettings): AwsClients {
	const config = {
		region: settings.region,
		credentials: settings.credentials,
		maxAttempts: settings.maxAttempts,
		retryMode: 'adaptive',
		...(settings.profile ? { profile: settings.profile } : {}),
	};
	const clients: AwsClients = {
		iam: new IAMClient(config),
		sts: new STSClient(config),
		organizations: new OrganizationsClient(config),
		accessAnalyzer: new AccessAnalyzerClient(config),
		cloudtrail: new CloudTrailClient(config),
		config: new ConfigServiceClient(config),
		// IAM's and console sign-in events reach EventBridge only in the partition's global
		// region, so the alert rules and the topic they publish to live there.
		events: new EventBridgeClient({ ...config, region: iamEventsRegion(partitionOfRegion(settings.region)) }),
		sns: new SNSClient({ ...config, region: iamEventsRegion(partitionOfRegion(settings.region)) }),
		securityhub: new SecurityHubClient(config),
		s3: new S3Client(config),
		logs: new CloudWatchLogsClient(config),
		cloudwatch: new CloudWatchClient(config),
		kms: new KMSClient(config),
		lambda: new LambdaClient(config),
		ec2: new EC2Client(config),
		cloudformation: new CloudFormationClient(config),
		codebuild: new CodeBuildClient(config),
	};
	for (const client of Object.values(clients)) addHtmlGuard(client as unknown as GuardedStack);
	return clients;
}
