/**
 * The account behind the fake AWS server: a fresh account where iam-wizard has created
 * nothing yet (fake-state.ts), and one table of what each operation answers, per service
 * (fake-iam.ts, fake-iam-identities.ts, fake-services.ts, fake-monitoring.ts, fake-workloads.ts). Reads answer
 * from the state, writes change it, so `apply` can verify by re-reading and a rollback can
 * be checked against the state before. "Does not exist" answers are AWS's own errors.
 *
 * Options shape the account for a test: `deny` services (AccessDenied as each protocol
 * sends it), `faults` queued before an operation's real answer (throttling, 5xx, an HTML
 * page), `pageSize` to split the authorization details into marker pages.
 */
import type { Responder, WireAnswer, WireRequest } from './fake-aws-server.js';
import { iamHandlers } from './fake-iam.js';
import { identityHandlers } from './fake-iam-identities.js';
import { monitoringHandlers } from './fake-monitoring.js';
import { workloadHandlers } from './fake-workloads.js';
import { memberOfOrganization, serviceHandlers } from './fake-services.js';
import { accountId, callerArn, freshState, members, now, region, type FakeState } from './fake-state.js';

export { accountId, callerArn, type FakeState };

export interface FakeAccountOptions {
	/** Services (signing names) whose every call is denied. */
	deny?: (service: string, operation: string) => boolean;
	/**
	 * Answers given, in order, before the operation's own answer ("iam:GetAccountAuthorizationDetails" → [throttle, 500]).
	 * `{ lostAfterApplying: true }`: the call is made, then the connection is reset before the answer (its change stays).
	 */
	faults?: Record<string, (WireAnswer | { lostAfterApplying: true })[]>;
	/** Items per GetAccountAuthorizationDetails page (default: all on one page). */
	pageSize?: number;
	/** A member account of an organization (an OU below the root, the FullAWSAccess SCP), with an analyzer, a Config recorder and a rule with a target: every scan read has something to read. */
	established?: boolean;
	/** Services that are not there at all (ValidatePolicy on an endpoint without Access Analyzer): an HTML 404 page. */
	missing?: (service: string, operation: string) => boolean;
}

export interface FakeAccount {
	respond: Responder;
	state: FakeState;
	/** Write operations received, in order. */
	writes: WireRequest[];
}

function establish(state: FakeState): void {
	state.organization = memberOfOrganization();
	state.analyzers.push({ arn: `arn:aws:access-analyzer:${region}:${accountId}:analyzer/account`, name: 'account', type: 'ACCOUNT', status: 'ACTIVE', createdAt: now });
	state.recorders.push({ name: 'default', roleARN: `arn:aws:iam::${accountId}:role/config-recorder`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } });
	state.deliveryChannels.push({ name: 'default', s3BucketName: 'config-bucket-123456789012' });
	state.buckets['config-bucket-123456789012'] = null;
	state.rules.push({ Name: 'root-use', Arn: `arn:aws:events:${region}:${accountId}:rule/root-use`, State: 'ENABLED', EventPattern: '{"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}' });
	// The rule sends to iam-wizard's alert topic, which has one confirmed e-mail subscription.
	const topic = `arn:aws:sns:${region}:${accountId}:iam-wizard-alerts`;
	state.targets['root-use'] = [{ Id: 'alerts', Arn: topic }];
	state.topics[topic] = { TopicArn: topic, Owner: accountId, DisplayName: '', Policy: '{"Version":"2012-10-17","Statement":[]}', SubscriptionsConfirmed: '1', SubscriptionsPending: '0' };
	state.subscriptions.push({ SubscriptionArn: `${topic}:00000001-fake-subscription`, Owner: accountId, Protocol: 'email', Endpoint: 'security@example.com', TopicArn: topic, pending: false });
	state.configRules.push({ ConfigRuleName: 'iam-password-policy', ConfigRuleArn: `arn:aws:config:${region}:${accountId}:config-rule/config-rule-abc123`, ConfigRuleId: 'config-rule-abc123', Source: { Owner: 'AWS', SourceIdentifier: 'IAM_PASSWORD_POLICY' }, ConfigRuleState: 'ACTIVE' });
	state.trails.push({ Name: 'management', TrailARN: `arn:aws:cloudtrail:${region}:${accountId}:trail/management`, HomeRegion: region, IsMultiRegionTrail: true, S3BucketName: `trail-${accountId}` });
	state.hub = { HubArn: `arn:aws:securityhub:${region}:${accountId}:hub/default`, SubscribedAt: now, AutoEnableControls: true };
	state.standards.push({
		StandardsSubscriptionArn: `arn:aws:securityhub:${region}:${accountId}:subscription/cis-aws-foundations-benchmark/v/3.0.0`,
		StandardsArn: `arn:aws:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
		StandardsInput: {},
		StandardsStatus: 'READY',
	});
}

// GenerateCredentialReport is part of every account read; ValidatePolicy and TestEventPattern change nothing.
const readPrefix = /^(Get|List|Describe|Generate|Validate|Head|TestEventPattern|BatchGet)/;

export function createFakeAccount(options: FakeAccountOptions = {}): FakeAccount {
	const state = freshState();
	if (options.established) establish(state);
	const handlers = { ...iamHandlers(options.pageSize), ...identityHandlers, ...serviceHandlers, ...monitoringHandlers, ...workloadHandlers };
	const faults = Object.fromEntries(Object.entries(options.faults ?? {}).map(([k, v]) => [k, [...v]]));
	const writes: WireRequest[] = [];
	const respond: Responder = (request) => {
		const queued = faults[request.operation]?.shift();
		const lostAfterApplying = queued !== undefined && 'lostAfterApplying' in queued;
		if (queued && !lostAfterApplying) return queued;
		if (options.missing?.(request.service, request.operation)) {
			return { raw: { status: 404, type: 'text/html', body: '<html><body><h1>404 Not Found</h1></body></html>' } };
		}
		if (options.deny?.(request.service, request.operation)) {
			const code = request.protocol === 'ec2' ? 'UnauthorizedOperation' : request.protocol === 'query' || request.protocol === 'rest-xml' ? 'AccessDenied' : 'AccessDeniedException';
			return { error: { code, message: `User: ${callerArn} is not authorized to perform: ${request.operation} because no identity-based policy allows the ${request.operation} action`, status: 403 } };
		}
		const handler = handlers[request.operation];
		if (!handler) return { error: { code: 'InvalidAction', message: `The fake account does not implement ${request.operation}.`, status: 400 } };
		const action = request.operation.slice(request.operation.indexOf(':') + 1);
		if (!readPrefix.test(action)) writes.push(request);
		// Query lists arrive flattened ("Filter.member.1"); the handlers read them by name.
		const params = request.protocol === 'query' ? { ...request.params, Filter: members(request.params, 'Filter') } : request.params;
		const answer = handler(params, state, request.signer);
		return lostAfterApplying ? { reset: true } : answer;
	};
	return { respond, state, writes };
}
