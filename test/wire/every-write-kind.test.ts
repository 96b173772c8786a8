/**
 * Every write kind iam-wizard has (the ActionParams of core/actions.ts), made through the
 * live adapter and the real SDK against the loopback AWS: each batch is applied by the
 * executor, every change verified by a direct re-read, then rolled back through the
 * inverses (which make the delete and detach kinds) and the account read again equals the
 * account before. The kinds AWS cannot undo (a deleted key, a deleted password, a report
 * request, a policy generation job) are applied and verified on their own. The last test
 * fails when a kind was made by none of the batches.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Action, ActionKind, ActionParams } from '../../source/core/actions.js';
import { accountId, type FakeAccount } from './fake-account.js';
import { roundTrip, unverified } from './round-trip-kit.js';
import { fakeAws, now, planLive, workspace } from './wire-kit.js';

const made = new Set<string>();

function act<K extends ActionKind>(kind: K, params: ActionParams[K], extra: Partial<Action> = {}): Action {
	return { kind, params, step: 1, findingIds: [], summary: `${kind} on the wire`, ...extra } as Action;
}

const arn = (kind: string, name: string) => `arn:aws:iam::${accountId}:${kind}/${name}`;
const doc = (action: string) => ({ Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow' as const, Action: [action], Resource: ['*'] }] });

/** Applies, verifies, rolls back, verifies: the account ends as it began. */
async function undoable(account: FakeAccount, actions: Action[]) {
	const trip = await roundTrip(account, actions);
	for (const a of [...trip.applied.applied.map((x) => x.action), ...trip.rolledBack.applied.map((x) => x.action)]) made.add(a.kind);
	expect(trip.applied.failed).toBeUndefined();
	expect(trip.applied.applied).toHaveLength(actions.length);
	expect(unverified(trip.verified)).toEqual([]);
	expect(trip.cannotUndo).toEqual([]);
	expect(trip.rolledBack.failed).toBeUndefined();
	expect(unverified(trip.rollbackVerified)).toEqual([]);
	expect(trip.modelAfter).toEqual(trip.modelBefore);
	return trip;
}

describe('every write kind on the wire: applied, verified, rolled back', () => {
	it('IAM: groups, memberships, attachments, roles, instance profiles, OIDC, trust, policies and versions, inline policies, boundaries, keys, the password policy', async () => {
		const { account } = await fakeAws();
		const danaKey = account.state.accessKeys['dev-dana']![0]!.AccessKeyId;
		const boundary = arn('policy', 'wire/wire-boundary');
		const trust = { Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow' as const, Principal: { Service: ['ec2.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] };

		const trip = await undoable(account, [
			act('iam:CreateGroup', { GroupName: 'wire-reviewers' }),
			act('iam:AddUserToGroup', { GroupName: 'wire-reviewers', UserName: 'dev-dana' }),
			act('iam:AttachGroupPolicy', { GroupName: 'wire-reviewers', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
			act('iam:PutGroupPolicy', { GroupName: 'wire-reviewers', PolicyName: 'wire-inline', PolicyDocument: doc('s3:ListAllMyBuckets') }),
			act('iam:RemoveUserFromGroup', { GroupName: 'operators', UserName: 'carol' }),
			act('iam:DetachGroupPolicy', { GroupName: 'operators', PolicyArn: arn('policy', 'ops-wide') }),
			act('iam:DeleteGroupPolicy', { GroupName: 'operators', PolicyName: 'read-logs' }),
			act('iam:AttachUserPolicy', { UserName: 'dev-dana', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
			act('iam:DetachUserPolicy', { UserName: 'report-bot', PolicyArn: arn('policy', 'finance/billing-export') }),
			act('iam:PutUserPolicy', { UserName: 'carol', PolicyName: 'wire-inline', PolicyDocument: doc('iam:GetUser') }),
			act('iam:DeleteUserPolicy', { UserName: 'report-bot', PolicyName: 'inline-sqs' }),
			act('iam:CreateRole', { RoleName: 'wire-app', Path: '/wire/', AssumeRolePolicyDocument: trust, Description: 'made on the wire', Tags: [{ Key: 'iam-wizard', Value: 'wire' }] }),
			act('iam:CreateInstanceProfile', { InstanceProfileName: 'wire-app', Path: '/wire/' }),
			act('iam:AddRoleToInstanceProfile', { InstanceProfileName: 'wire-app', RoleName: 'wire-app' }),
			act('iam:AttachRolePolicy', { RoleName: 'web-host', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
			act('iam:DetachRolePolicy', { RoleName: 'partner-audit', PolicyArn: 'arn:aws:iam::aws:policy/SecurityAudit' }),
			act('iam:PutRolePolicy', { RoleName: 'web-host', PolicyName: 'wire-inline', PolicyDocument: doc('dynamodb:GetItem') }),
			act('iam:UpdateAssumeRolePolicy', { RoleName: 'web-host', PolicyDocument: trust }),
			act('iam:CreateOpenIDConnectProvider', { Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'] }),
			act('iam:CreatePolicy', { PolicyName: 'wire-boundary', Path: '/wire/', PolicyDocument: doc('s3:GetObject'), Description: 'made on the wire' }),
			act('iam:CreatePolicyVersion', { PolicyArn: arn('policy', 'ops-wide'), PolicyDocument: doc('ec2:Describe*'), SetAsDefault: true }),
			act('iam:PutRolePermissionsBoundary', { RoleName: 'web-host', PermissionsBoundary: boundary }),
			act('iam:PutUserPermissionsBoundary', { UserName: 'dev-dana', PermissionsBoundary: boundary }),
			act('iam:DeleteRolePermissionsBoundary', { RoleName: 'etl-runner' }),
			act('iam:UpdateAccessKey', { UserName: 'dev-dana', AccessKeyId: danaKey, Status: 'Inactive' }),
			act('iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, PasswordReusePrevention: 24 }),
		]);

		expect(trip.undo.map((a) => a.kind)).toEqual(
			expect.arrayContaining(['iam:DeleteGroup', 'iam:DeleteRole', 'iam:DeleteInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteOpenIDConnectProvider', 'iam:DeletePolicy', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeleteAccountPasswordPolicy']),
		);
		// Restored documents come back in IAM's array form ("Action": ["x"] for "Action": "x"): the same policy, as the model read above shows.
	});

	it('Organizations: a policy created and attached to an OU, FullAWSAccess detached from the root', async () => {
		const { account } = await fakeAws({ established: true });

		const trip = await undoable(account, [
			act('organizations:CreatePolicy', {
				Name: 'wire-deny-leave',
				Description: 'Members cannot leave',
				Type: 'SERVICE_CONTROL_POLICY',
				Content: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['organizations:LeaveOrganization'], Resource: ['*'] }] },
			}),
			act('organizations:AttachPolicy', { PolicyName: 'wire-deny-leave', TargetId: 'ou-ab12-team' }),
			act('organizations:DetachPolicy', { PolicyId: 'p-FullAWSAccess', TargetId: 'r-ab12' }),
		]);

		expect(trip.undo.map((a) => a.kind)).toEqual(['organizations:AttachPolicy', 'organizations:DetachPolicy', 'organizations:DeletePolicy']);
		expect(JSON.parse(trip.after)).toEqual(JSON.parse(trip.before));
	});

	it('Organizations: SCPs enabled on a root that had none (AWS attaches FullAWSAccess), then disabled again', async () => {
		const { account } = await fakeAws({ established: true });
		// Without the policy type nothing is attached (Organizations detaches every SCP when the type is disabled).
		const org = account.state.organization!;
		org.roots[0]!.PolicyTypes = [];
		org.policies[0]!.targets = [];

		const trip = await undoable(account, [act('organizations:EnablePolicyType', { RootId: 'r-ab12', PolicyType: 'SERVICE_CONTROL_POLICY' })]);

		expect(trip.undo.map((a) => a.kind)).toEqual(['organizations:DisablePolicyType']);
		expect(JSON.parse(trip.after)).toEqual(JSON.parse(trip.before));
	});

	it('Access Analyzer: an analyzer created, a finding archived', async () => {
		const { account } = await fakeAws({ established: true });
		const analyzerArn = account.state.analyzers[0]!.arn as string;
		account.state.findings[analyzerArn] = [
			{ id: 'finding-1', status: 'ACTIVE', resource: arn('role', 'partner-audit'), resourceType: 'AWS::IAM::Role', resourceOwnerAccount: accountId, findingType: 'ExternalAccess', createdAt: now.toISOString(), updatedAt: now.toISOString(), analyzedAt: now.toISOString() },
		];

		const trip = await undoable(account, [
			act('access-analyzer:CreateAnalyzer', { analyzerName: 'wire-unused', type: 'ACCOUNT_UNUSED_ACCESS', configuration: { unusedAccess: { unusedAccessAge: 90 } } }),
			act('access-analyzer:UpdateFindings', { analyzerArn, ids: ['finding-1'], status: 'ARCHIVED' }),
		]);

		expect(trip.undo.map((a) => a.kind)).toEqual(['access-analyzer:UpdateFindings', 'access-analyzer:DeleteAnalyzer']);
		expect(JSON.parse(trip.after)).toEqual(JSON.parse(trip.before));
	});

	it("step 6's set-up on a fresh account: Config and its bucket, the proven alerts and their topic, Security Hub", async () => {
		const { account } = await fakeAws();
		const { plan } = await planLive(workspace().dir, { steps: '6' });

		const trip = await undoable(account, plan!.actions.map((a) => a.action));

		expect(trip.undo.map((a) => a.kind)).toEqual(
			expect.arrayContaining(['securityhub:BatchDisableStandards', 'securityhub:DisableSecurityHub', 'events:RemoveTargets', 'events:DeleteRule', 'sns:DeleteTopic', 'config:DeleteConfigRule', 'config:StopConfigurationRecorder', 'config:DeleteDeliveryChannel', 's3:DeleteBucketPolicy', 's3:DeleteBucket', 'config:DeleteConfigurationRecorder', 'iam:DeleteServiceLinkedRole']),
		);
		expect(trip.after).toBe(trip.before);
	});

	it("step 6 on what exists: a rule and its target changed, a recorder re-scoped, a bucket policy, a subscription, the CIS metric filter and alarm on the trail's log group", async () => {
		const { account } = await fakeAws({ established: true });
		account.state.logGroups['cloudtrail-logs'] = [];
		const topic = `arn:aws:sns:us-east-1:${accountId}:alerts`;
		account.state.topics[topic] = { TopicArn: topic, Owner: accountId, Policy: '{"Version":"2012-10-17","Statement":[]}' };
		const rootUse = account.state.rules[0]!;

		const trip = await undoable(account, [
			act('events:PutRule', { Name: 'root-use', EventPattern: rootUse.EventPattern as string, State: 'DISABLED', Description: 'paused on the wire' }),
			act('events:PutTargets', { Rule: 'root-use', Targets: [{ id: 'alerts', arn: `arn:aws:sns:us-east-1:${accountId}:other` }] }),
			act('config:PutConfigurationRecorder', { ConfigurationRecorder: { name: 'default', roleARN: arn('role', 'config-recorder'), recordingGroup: { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: ['AWS::IAM::User'] } } }),
			act('s3:PutBucketPolicy', { Bucket: 'config-bucket-123456789012', Policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['config.amazonaws.com'] }, Action: ['s3:GetBucketAcl'], Resource: ['arn:aws:s3:::config-bucket-123456789012'] }] } }),
			act('sns:Subscribe', { TopicArn: topic, Protocol: 'email', Endpoint: 'security@example.com' }),
			act('logs:PutMetricFilter', { logGroupName: 'cloudtrail-logs', filterName: 'wire-root-usage', filterPattern: '{ $.userIdentity.type = "Root" }', metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CISBenchmark', metricValue: '1' }] }),
			act('cloudwatch:PutMetricAlarm', { AlarmName: 'wire-root-usage', MetricName: 'RootUsage', Namespace: 'CISBenchmark', Statistic: 'Sum', Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching', AlarmActions: [topic] }),
		]);

		expect(trip.undo.map((a) => a.kind)).toEqual(['cloudwatch:DeleteAlarms', 'logs:DeleteMetricFilter', 'sns:Unsubscribe', 's3:DeleteBucketPolicy', 'config:PutConfigurationRecorder', 'events:PutTargets', 'events:PutRule']);
	});
});

describe('write kinds AWS cannot undo on the wire: applied and verified', () => {
	it('a key deleted, a console password deleted, a credential report requested, a policy generation started, Security Hub standards disabled, the root key deleted in a root session', async () => {
		const { account, server } = await fakeAws({ established: true });
		const danaKey = account.state.accessKeys['dev-dana']![0]!.AccessKeyId;
		const cis = account.state.standards[0]!.StandardsSubscriptionArn as string;
		const actions = [
			act('iam:GenerateCredentialReport', {}),
			act('iam:DeleteAccessKey', { UserName: 'dev-dana', AccessKeyId: danaKey }),
			act('iam:DeleteLoginProfile', { UserName: 'carol' }),
			act('access-analyzer:StartPolicyGeneration', { principalArn: arn('role', 'web-host'), trailArn: account.state.trails[0]!.TrailARN as string, accessRole: arn('role', 'service-role/AccessAnalyzerMonitorServiceRole'), startTime: '2026-08-29T12:00:00.000Z', endTime: now.toISOString() }),
			act('securityhub:BatchDisableStandards', { StandardsSubscriptionArns: [cis] }),
			act('sts:AssumeRoot', { TargetPrincipal: accountId, TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials' }, DurationSeconds: 900, delete: ['accessKeys'] }),
		];

		const trip = await roundTrip(account, actions);
		for (const a of trip.applied.applied) made.add(a.action.kind);

		expect(trip.applied.failed).toBeUndefined();
		expect(unverified(trip.verified)).toEqual([]);
		expect(trip.cannotUndo).toEqual(actions.map((a) => a.kind).reverse());
		expect(account.state.accessKeys['dev-dana']).toEqual([]);
		expect(account.state.loginProfiles.has('carol')).toBe(false);
		expect(account.state.policyGenerations.map((j) => j.principalArn)).toEqual([arn('role', 'web-host')]);
		expect(account.state.standards).toEqual([]);
		// The root key was deleted in the root session, signed with its credentials, not the caller's.
		expect(account.state.rootAccessKeys).toEqual([]);
		const rootDeletes = server.requests.filter((r) => r.operation === 'iam:DeleteAccessKey' && r.params.AccessKeyId === 'AKIAROOTKEYEXAMPLE01');
		expect(rootDeletes.map((r) => r.signer)).toEqual([expect.stringMatching(/^ASIAROOTSESSION/)]);
		expect(server.requests.filter((r) => r.operation === 'sts:AssumeRoot').map((r) => r.params['TaskPolicyArn.arn'])).toContain('arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials');
	});
});

// Runs last (tests in a file run in order): the batches above made every kind.
it('made every kind of core/actions.ts on the wire', () => {
	const text = readFileSync(new URL('../../source/core/actions.ts', import.meta.url), 'utf8');
	const body = /export interface ActionParams \{([\s\S]*?)\n\}/.exec(text)?.[1] ?? '';
	const kinds = [...body.matchAll(/^\t'([a-z0-9-]+:[A-Za-z0-9]+)'\??:/gm)].map((m) => m[1]!);
	expect(kinds.length).toBeGreaterThan(70);
	expect(kinds.filter((kind) => !made.has(kind))).toEqual([]);
});
