/**
 * The inventory read of the live gateway: a fixed number of account-level calls plus the
 * pages of GetAccountAuthorizationDetails, plus per-item calls only where no account-level
 * call exists (an SCP's content and targets, a rule's targets, the keys of users the
 * credential report shows with keys). Never one call per principal per policy.
 *
 * Losing the authorization details or the caller's identity loses the scan. Losing any
 * other part (Organizations denied to a member account, Config not offered in a region,
 * an endpoint that does not implement a service) leaves that part undefined and names it,
 * with the findings it would have fed, in `notEvaluated`.
 */
import pLimit from 'p-limit';
import type { ReadAccountOptions } from '../gateway.js';
import { isGatewayError } from '../../core/gateway-error.js';
import { findingIds, type FindingId } from '../../core/finding-catalogue.js';
import { emptyAccountModel, type AccountModel, type CallerIdentity, type NotEvaluated } from '../../core/model.js';
import type { AwsCaller } from './aws-caller.js';
import { isFatalReadError } from './errors.js';
import { readAnalyzers } from './read-access-analyzer.js';
import { readActiveAnalyzerFindings } from './read-analyzer-findings.js';
import { readConfigState } from './read-config.js';
import { readConfigBucket } from './read-config-bucket.js';
import { configBucketName } from '../../core/config-bucket.js';
import { readCredentialReport, type CredentialReportPolling } from './read-credential-report.js';
import { readAlertSubscriptions, readAlertTopic, readEventRules } from './read-events.js';
import { alertTopicArnProblem, chosenTopicRefused } from '../../core/alert-topic.js';
import { alertTopicArnOf } from '../../core/monitoring-alerts.js';
import { readTrailStates, withCompliance } from './read-monitoring.js';
import { readSecurityHub } from './read-security-hub.js';
import { readAccessKeys, readAccountAlias, readAccountSummary, readAuthorizationDetails, readOidcProviders, readPasswordPolicy, readVirtualMfaDevices } from './read-iam.js';
import { readOrganization } from './read-organizations.js';
import { roleWorkloadsOf } from '../../core/role-workloads.js';
import { readRoleWorkloads } from './read-role-workloads.js';
import { placeKeysInReport, reportRowOf, rowHasAccessKey, withReportAndMfa } from './user-credentials.js';

export interface ReadAccountContext {
	caller: AwsCaller;
	region: string;
	now: () => Date;
	identity: () => Promise<CallerIdentity>;
	polling: CredentialReportPolling;
	/** How many per-item calls run at once (SCPs, rule targets, access keys). */
	concurrency: number;
}

/** The step-1 findings that only the credential report can give. */
const reportFindingIds: FindingId[] = [
	'ROOT_ACCESS_KEY',
	'ROOT_NO_MFA',
	'ROOT_RECENTLY_USED',
	'CONSOLE_USER_NO_MFA',
	'KEY_CREATED_AT_SETUP',
	'CREDENTIAL_UNUSED',
	'MULTIPLE_ACTIVE_KEYS',
	'KEY_NOT_ROTATED',
];
const alertFindingIds = findingIds.filter((id) => id.startsWith('ALERT_'));

type Outcome<T> = { value: T } | { problem: NotEvaluated };

/** Runs one optional read; a failure becomes a `notEvaluated` entry unless it dooms every read. */
async function optional<T>(area: string, ids: readonly FindingId[], read: () => Promise<T>): Promise<Outcome<T>> {
	try {
		return { value: await read() };
	} catch (error) {
		if (!isGatewayError(error) || isFatalReadError(error)) throw error;
		return { problem: { area, reason: error.message, findingIds: [...ids] } };
	}
}

export async function readLiveAccount(context: ReadAccountContext, options: ReadAccountOptions = {}): Promise<AccountModel> {
	const { caller } = context;
	const progress = (message: string) => options.onProgress?.(message);
	progress('Checking the caller identity');
	const identity = await context.identity();
	const model = emptyAccountModel(identity, context.region, context.now().toISOString());
	let stopped = false;
	const polling = { ...context.polling, onProgress: progress, shouldStop: () => stopped };

	progress('Reading the account: IAM, Organizations, Access Analyzer, Config, EventBridge, and the functions, instances, stacks and projects that run with a role');
	const reads = Promise.all([
		readAuthorizationDetails(caller, { partition: model.partition, onProgress: progress }),
		optional('credential-report', reportFindingIds, () => readCredentialReport(caller, polling)),
		optional('password-policy', ['PASSWORD_POLICY_WEAK'], () => readPasswordPolicy(caller)),
		optional('account-summary', [], () => readAccountSummary(caller)),
		optional('virtual-mfa', ['ROOT_NO_HARDWARE_MFA'], () => readVirtualMfaDevices(caller)),
		optional('account-alias', [], () => readAccountAlias(caller)),
		optional('organizations', ['MFA_NOT_ENFORCED'], () => readOrganization(caller, identity.account, context.concurrency)),
		optional('access-analyzer', ['ANALYZER_MISSING', 'EXTERNAL_ACCESS', 'UNUSED_ACCESS'], () => readAnalyzers(caller)),
		optional('config', ['CONFIG_RECORDER_OFF', 'CONFIG_RULE_MISSING'], () => readConfigState(caller)),
		optional('events', alertFindingIds, () => readEventRules(caller, context.concurrency)),
		optional('oidc-providers', [], () => readOidcProviders(caller)),
		optional('cloudtrail', ['TRAIL_MISSING'], () => readTrailStates(caller, context.region, context.concurrency)),
		optional('security-hub', ['SECURITY_HUB_OFF'], () => readSecurityHub(caller)),
		readRoleWorkloads(caller, { region: context.region, partition: model.partition, account: identity.account }),
	]);
	// A fatal failure must not leave the report poll running in the background.
	const [details, report, passwordPolicy, summary, virtualMfa, alias, organization, analyzers, config, events, oidcProviders, trails, securityHub, workloads] = await reads.finally(() => {
		stopped = true;
	});

	const problems: NotEvaluated[] = [];
	const take = <T>(outcome: Outcome<T>): T | undefined => {
		if ('problem' in outcome) {
			problems.push(outcome.problem);
			return undefined;
		}
		return outcome.value;
	};
	model.credentialReport = take(report);
	model.passwordPolicy = take(passwordPolicy);
	model.accountSummary = take(summary);
	model.virtualMfaDevices = take(virtualMfa);
	const aliasName = take(alias);
	if (aliasName) model.alias = aliasName;
	const org = take(organization);
	if (org) {
		model.organization = org.organization;
		if (org.scpProblem) problems.push({ area: 'organizations', reason: org.scpProblem.message, findingIds: ['MFA_NOT_ENFORCED'] });
		if (org.rootAccessProblem) problems.push({ area: 'root-access', reason: org.rootAccessProblem.message, findingIds: [] });
	}
	model.analyzers = take(analyzers);
	if (model.analyzers && model.analyzers.some((a) => a.status === 'ACTIVE')) {
		progress('Reading the active Access Analyzer findings');
		const active = take(await optional('access-analyzer-findings', ['EXTERNAL_ACCESS', 'UNUSED_ACCESS'], () => readActiveAnalyzerFindings(caller, model.analyzers!)));
		if (active) {
			model.analyzerFindings = active.findings;
			if (active.truncated) problems.push(active.truncated);
		}
	} else if (model.analyzers) {
		model.analyzerFindings = [];
	}
	model.config = take(config);
	if (model.config) {
		const rules = model.config.rules;
		const verdicts = take(await optional('config-compliance', [], () => withCompliance(caller, rules)));
		if (verdicts) model.config.rules = verdicts;
		if (model.config.deliveryChannels.length === 0) {
			const name = configBucketName(model);
			const bucket = await optional('config-bucket', [], () => readConfigBucket(caller, name, model.accountId));
			if ('value' in bucket) model.config.defaultBucket = bucket.value;
			else problems.push({ ...bucket.problem, reason: `${bucket.problem.reason.replace(/\.$/, '')}; whether bucket ${name} exists is not known, so the plan proposes to create it.` });
		}
	}
	model.eventRules = take(events);
	// A chosen topic of another account or region is not read: the command refuses it in one sentence.
	const refused = options.alertTopicArn ? alertTopicArnProblem(options.alertTopicArn, model.partition, model.accountId) : undefined;
	if (refused && model.eventRules) problems.push(chosenTopicRefused(refused));
	const chosen = options.alertTopicArn && !refused ? options.alertTopicArn : undefined;
	const topic = chosen ?? alertTopicArnOf(model.partition, model.accountId);
	if (chosen && model.eventRules) {
		model.alertTopic = take(await optional('alert-topic', [], () => readAlertTopic(caller, chosen)));
		if (model.alertTopic?.exists) model.alertSubscriptions = take(await optional('alert-subscriptions', [], () => readAlertSubscriptions(caller, topic)));
	} else if (model.eventRules?.some((r) => r.targets.some((t) => t.arn === topic))) {
		model.alertSubscriptions = take(await optional('alert-subscriptions', [], () => readAlertSubscriptions(caller, topic)));
	}
	model.openIdConnectProviders = take(oidcProviders);
	model.trails = take(trails);
	model.securityHub = take(securityHub);

	model.groups = details.groups;
	model.roles = details.roles;
	model.policies = details.policies;
	model.users = details.users.map((user) => withReportAndMfa(user, model.credentialReport, model.virtualMfaDevices));
	model.roleWorkloads = roleWorkloadsOf(workloads, model.roles, context.region);
	for (const read of workloads) if (read.failure?.problem) problems.push(read.failure.problem);

	const keyProblem = await readKeysOfUsersWithKeys(context, model, progress);
	if (keyProblem) problems.push(keyProblem);
	model.notEvaluated.push(...problems);
	progress('Account read');
	return model;
}

/** ListAccessKeys for the users whose report row shows a key; nobody else can have one. */
async function readKeysOfUsersWithKeys(context: ReadAccountContext, model: AccountModel, progress: (message: string) => void): Promise<NotEvaluated | undefined> {
	const report = model.credentialReport;
	if (!report) return undefined;
	const withKeys = model.users.filter((user) => {
		const row = reportRowOf(report, user);
		return row !== undefined && rowHasAccessKey(row);
	});
	if (withKeys.length === 0) return undefined;
	progress(`Listing the access keys of ${withKeys.length} user${withKeys.length === 1 ? '' : 's'}`);
	const limit = pLimit(context.concurrency);
	const failures: string[] = [];
	const listed = await Promise.all(
		withKeys.map((user) =>
			limit(async () => {
				const outcome = await optional('access-keys', [], () => readAccessKeys(context.caller, user.name));
				if ('problem' in outcome) {
					failures.push(outcome.problem.reason);
					return undefined;
				}
				return { user, keys: placeKeysInReport(outcome.value, reportRowOf(report, user)) };
			}),
		),
	);
	for (const entry of listed) {
		if (entry) entry.user.accessKeys = entry.keys;
	}
	if (failures.length === 0) return undefined;
	const others = failures.length > 1 ? ` (and ${failures.length - 1} more user${failures.length === 2 ? '' : 's'})` : '';
	return {
		area: 'access-keys',
		reason: `${failures[0].replace(/\.$/, '')}${others}; key findings name the report's slot instead of the key ID.`,
		findingIds: [],
	};
}
