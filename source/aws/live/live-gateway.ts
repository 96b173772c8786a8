/**
 * The live adapter of the AwsGateway port, on AWS SDK v3. Credentials come from the
 * standard chain (environment, shared config and credentials files, SSO, process, web
 * identity, container and instance roles), once for every client; the region from
 * --region or the SDK's loader; retries are adaptive, so throttling slows the scan down
 * instead of failing it.
 */
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Action, ApplyResult, PriorState } from '../../core/actions.js';
import type { CallerIdentity } from '../../core/model.js';
import type { AwsGateway, ReadAccountOptions } from '../gateway.js';
import { applyAction } from './apply-action.js';
import { AwsCaller } from './aws-caller.js';
import { createClients, type CredentialProvider } from './clients.js';
import { kmsSignEd25519, readKmsPublicKey } from './kms-signing.js';
import { lookupTrailEvents } from './read-cloudtrail-events.js';
import { getObjectText, listObjectVersions, putLockedObject, readObjectLockConfiguration } from './s3-anchor-objects.js';
import { toGatewayError } from './errors.js';
import { assertProfileExists, chosenProfile } from './profile.js';
import { readLiveAccount } from './read-account.js';
import { readAlertTopic } from './read-events.js';
import { listAnalyzerFindingsPage } from './read-analyzer-findings.js';
import { readPolicyGeneration, readPolicyGenerations } from './read-policy-generation.js';
import { readTrails } from './read-trails.js';
import { testEventPattern } from './apply-events.js';
import { defaultCredentialReportPolling } from './read-credential-report.js';
import { readActionState } from './read-state.js';
import { assertKnownRegion, resolveRegion } from './region.js';
import { defaultLastAccessedPolling, serviceLastAccessedLive, type LastAccessedPolling } from './service-last-accessed.js';
import { validatePolicyLive } from './validate-policy.js';

export interface LiveGatewayOptions {
	/** --profile; else AWS_PROFILE; else the SDK's default chain. */
	profile?: string;
	/** --region; else AWS_REGION, the profile's region, AWS_DEFAULT_REGION. */
	region?: string;
	/** Attempts per call, retries included (default 3). */
	maxAttempts?: number;
	/** One line per AWS call (operation, time, attempts, request ID); never parameters. */
	debug?: (line: string) => void;
	now?: () => Date;
	/** How long to wait for IAM to generate the credential report (default 60 s). */
	credentialReportTimeoutMs?: number;
	/** First wait between credential report polls (default 500 ms, doubling up to 5 s). */
	credentialReportPollMs?: number;
	/** Per-item calls in flight at once (default 5). */
	concurrency?: number;
	/** Polling of IAM's last-accessed jobs (tests pass a no-op sleep). */
	lastAccessedPolling?: Partial<LastAccessedPolling>;
	/** The alert topic the operator chose: readAccount reads it unless a read names another. */
	alertTopicArn?: string;
}

export interface LiveGateway extends AwsGateway {
	readonly mode: 'live';
	/** Operation ("iam:ListAccessKeys") → calls made so far, pages and retries-as-one included. */
	callCounts(): Record<string, number>;
}

const defaultMaxAttempts = 3;
const defaultConcurrency = 5;

/** The access key the caller signs with, when it is a long-lived IAM user key (AKIA…), never a session's (ASIA…). */
async function longLivedKeyOf(credentials: CredentialProvider): Promise<string | undefined> {
	try {
		const { accessKeyId } = await credentials();
		return accessKeyId.startsWith('AKIA') ? accessKeyId : undefined;
	} catch (error) {
		throw toGatewayError(error, 'sts:GetCallerIdentity');
	}
}

/**
 * Checks the profile and the region and builds the clients; no AWS call is made until the
 * first method call. Throws GatewayError (UnknownProfile, NoRegion, InvalidRegion).
 */
export async function createLiveGateway(options: LiveGatewayOptions = {}): Promise<LiveGateway> {
	const profile = chosenProfile(options.profile);
	if (profile.name) await assertProfileExists(profile.name, profile.from);
	const region = (await resolveRegion(options.region, profile.name)).trim();
	assertKnownRegion(region);

	const credentials = fromNodeProviderChain(profile.name ? { profile: profile.name } : {});
	const clients = createClients({ region, profile: profile.name, credentials, maxAttempts: options.maxAttempts ?? defaultMaxAttempts });
	const caller = new AwsCaller(clients, options.debug);
	const now = options.now ?? (() => new Date());

	let identity: Promise<CallerIdentity> | undefined;
	const callerIdentity = async (): Promise<CallerIdentity> => {
		const [who, accessKeyId] = await Promise.all([caller.send('sts', new GetCallerIdentityCommand({})), longLivedKeyOf(credentials)]);
		const out: CallerIdentity = { account: who.Account ?? '', arn: who.Arn ?? '', userId: who.UserId ?? '' };
		if (accessKeyId) out.accessKeyId = accessKeyId;
		return out;
	};
	// readState needs the account for ARNs of things not created yet; one STS call serves them all.
	const account = async () => {
		identity ??= callerIdentity().catch((error: unknown) => {
			identity = undefined;
			throw error;
		});
		const who = await identity;
		return { accountId: who.account, partition: who.arn.split(':')[1] || 'aws' };
	};

	return {
		mode: 'live',
		description: `${profile.name ? `profile ${profile.name}` : 'default credentials'}, ${region}`,
		region,
		callerIdentity,
		readAccount: (readOptions?: ReadAccountOptions) =>
			readLiveAccount(
				{
					caller,
					region,
					now,
					identity: callerIdentity,
					concurrency: options.concurrency ?? defaultConcurrency,
					polling: {
						...defaultCredentialReportPolling,
						...(options.credentialReportTimeoutMs !== undefined ? { timeoutMs: options.credentialReportTimeoutMs } : {}),
						...(options.credentialReportPollMs !== undefined ? { firstPollMs: options.credentialReportPollMs } : {}),
					},
				},
				{ ...readOptions, ...(readOptions?.alertTopicArn ?? options.alertTopicArn ? { alertTopicArn: readOptions?.alertTopicArn ?? options.alertTopicArn } : {}) },
			),
		readState: (action: Action): Promise<PriorState> => readActionState({ caller, region, account }, action),
		apply: (action: Action): Promise<ApplyResult> => applyAction(caller, action),
		validatePolicy: (document, policyType) => validatePolicyLive(caller, document, policyType),
		serviceLastAccessed: (principalArn) => serviceLastAccessedLive(caller, principalArn, { ...defaultLastAccessedPolling, ...options.lastAccessedPolling }),
		callCounts: () => caller.callCounts(),
		listAnalyzerFindings: (analyzerArn, listOptions) => listAnalyzerFindingsPage(caller, analyzerArn, listOptions),
		listTrails: () => readTrails(caller),
		testEventPattern: (eventPattern: string, event: string) => testEventPattern(caller, eventPattern, event),
		readAlertTopic: (arn) => readAlertTopic(caller, arn),
		getPolicyGeneration: (jobId) => readPolicyGeneration(caller, jobId),
		listPolicyGenerations: () => readPolicyGenerations(caller),
		kmsPublicKey: (keyId) => readKmsPublicKey(caller, keyId),
		kmsSign: (keyId, message) => kmsSignEd25519(caller, keyId, message),
		lookupEvents: (query) => lookupTrailEvents(caller, query),
		objectLockConfiguration: (bucket) => readObjectLockConfiguration(caller, bucket),
		putLockedObject: (put) => putLockedObject(caller, put),
		listObjectVersions: (bucket, prefix) => listObjectVersions(caller, bucket, prefix),
		getObjectText: (bucket, key, versionId) => getObjectText(caller, bucket, key, versionId),
	};
}
