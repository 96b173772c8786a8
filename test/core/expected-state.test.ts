import { describe, expect, it } from 'vitest';
import type { Action, ActionKind, ActionParams } from '../../source/core/actions.js';
import { expectedStateAfter, sameValue, stateMatches } from '../../source/core/expected-state.js';

function action<K extends ActionKind>(kind: K, params: ActionParams[K]): Action {
	return { kind, params, step: 3, findingIds: [], summary: kind } as Action;
}

const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }] };
const boundary = 'arn:aws:iam::123456789012:policy/Boundary';

describe('expectedStateAfter and stateMatches', () => {
	it('expects the new key status', () => {
		const expected = expectedStateAfter(action('iam:UpdateAccessKey', { UserName: 'a', AccessKeyId: 'K', Status: 'Inactive' }), {});
		expect(stateMatches(expected, { Status: 'Inactive' })).toBe(true);
		expect(stateMatches(expected, { Status: 'Active' })).toBe(false);
	});

	it('expects the boundary set, or none after a delete', () => {
		const put = expectedStateAfter(action('iam:PutRolePermissionsBoundary', { RoleName: 'r', PermissionsBoundary: boundary }), {});
		expect(stateMatches(put, { PermissionsBoundary: boundary })).toBe(true);
		expect(stateMatches(put, { PermissionsBoundary: null })).toBe(false);
		const del = expectedStateAfter(action('iam:DeleteUserPermissionsBoundary', { UserName: 'u' }), {});
		expect(stateMatches(del, { PermissionsBoundary: null })).toBe(true);
		expect(stateMatches(del, {})).toBe(true);
		expect(stateMatches(del, { PermissionsBoundary: boundary })).toBe(false);
		// The user itself vanishing is not "the boundary was removed".
		expect(stateMatches(del, null)).toBe(false);
	});

	it('expects the version AWS returned to be the default', () => {
		const create = action('iam:CreatePolicyVersion', { PolicyArn: 'arn:p', PolicyDocument: doc, SetAsDefault: true });
		const expected = expectedStateAfter(create, { outputs: { VersionId: 'v6' } });
		expect(stateMatches(expected, { DefaultVersionId: 'v6', versionCount: 5 })).toBe(true);
		expect(stateMatches(expected, { DefaultVersionId: 'v5', versionCount: 5 })).toBe(false);
		expect(expectedStateAfter(create, {})).toHaveProperty('unverifiable');
		expect(expectedStateAfter({ ...create, params: { ...(create.params as object), SetAsDefault: false } } as Action, {})).toHaveProperty('unverifiable');
	});

	it('compares policy documents after normalising both', () => {
		const expected = expectedStateAfter(action('iam:PutRolePolicy', { RoleName: 'r', PolicyName: 'p', PolicyDocument: doc }), {});
		const asAwsReturnsIt = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } }));
		expect(stateMatches(expected, { PolicyDocument: asAwsReturnsIt })).toBe(true);
		expect(stateMatches(expected, { PolicyDocument: { ...doc, Statement: [{ ...doc.Statement[0], Action: ['s3:*'] }] } })).toBe(false);
		expect(stateMatches(expected, { PolicyDocument: null })).toBe(false);
		const trust = expectedStateAfter(action('iam:UpdateAssumeRolePolicy', { RoleName: 'r', PolicyDocument: doc }), {});
		expect(stateMatches(trust, { PolicyDocument: doc })).toBe(true);
	});

	it('checks only the password policy fields that were set (AWS fills in the rest)', () => {
		const expected = expectedStateAfter(action('iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14, RequireSymbols: true }), {});
		expect(stateMatches(expected, { PasswordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, HardExpiry: false } })).toBe(true);
		expect(stateMatches(expected, { PasswordPolicy: { MinimumPasswordLength: 8, RequireSymbols: true } })).toBe(false);
		expect(stateMatches(expected, { PasswordPolicy: null })).toBe(false);
		const deleted = expectedStateAfter(action('iam:DeleteAccountPasswordPolicy', {}), {});
		expect(stateMatches(deleted, { PasswordPolicy: null })).toBe(true);
		expect(stateMatches(deleted, { PasswordPolicy: { MinimumPasswordLength: 14 } })).toBe(false);
	});

	it('expects created things to exist and deleted ones to be gone (NoSuchEntity counts as gone)', () => {
		const created = expectedStateAfter(action('iam:CreateGroup', { GroupName: 'g' }), {});
		expect(stateMatches(created, { exists: true })).toBe(true);
		expect(stateMatches(created, { exists: false })).toBe(false);
		expect(stateMatches(created, null)).toBe(false);
		const attached = expectedStateAfter(action('organizations:AttachPolicy', { PolicyId: 'p-1', TargetId: 'r-ab12' }), {});
		expect(stateMatches(attached, { exists: true })).toBe(true);
		const deleted = expectedStateAfter(action('iam:DeleteAccessKey', { UserName: 'a', AccessKeyId: 'K' }), {});
		expect(stateMatches(deleted, { exists: false })).toBe(true);
		expect(stateMatches(deleted, null)).toBe(true);
		expect(stateMatches(deleted, { exists: true })).toBe(false);
		const version = expectedStateAfter(action('iam:DeletePolicyVersion', { PolicyArn: 'arn:p', VersionId: 'v1' }), {});
		expect(stateMatches(version, null)).toBe(true);
		expect(stateMatches(version, { PolicyDocument: doc })).toBe(false);
	});

	it('compares EventBridge patterns as JSON and targets as a subset', () => {
		const rule = expectedStateAfter(action('events:PutRule', { Name: 'root-use', EventPattern: '{"detail-type": ["AWS Console Sign In via CloudTrail"]}', State: 'ENABLED' }), {});
		expect(stateMatches(rule, { Rule: { EventPattern: '{"detail-type":["AWS Console Sign In via CloudTrail"]}', State: 'ENABLED' } })).toBe(true);
		expect(stateMatches(rule, { Rule: { EventPattern: '{"detail-type":["AWS Console Sign In via CloudTrail"]}', State: 'DISABLED' } })).toBe(false);
		const targets = expectedStateAfter(action('events:PutTargets', { Rule: 'root-use', Targets: [{ id: 't1', arn: 'arn:sns' }] }), {});
		expect(stateMatches(targets, { Targets: [{ id: 't0', arn: 'arn:old' }, { arn: 'arn:sns', id: 't1' }] })).toBe(true);
		expect(stateMatches(targets, { Targets: [{ id: 't0', arn: 'arn:old' }] })).toBe(false);
	});

	it('checks each archived Access Analyzer finding', () => {
		const expected = expectedStateAfter(action('access-analyzer:UpdateFindings', { analyzerArn: 'arn:a', ids: ['f.1', 'f.2'], status: 'ARCHIVED' }), {});
		expect(stateMatches(expected, { statuses: { 'f.1': 'ARCHIVED', 'f.2': 'ARCHIVED' } })).toBe(true);
		expect(stateMatches(expected, { statuses: { 'f.1': 'ARCHIVED', 'f.2': 'ACTIVE' } })).toBe(false);
	});

	it('has nothing to re-read for a credential report request', () => {
		const expected = expectedStateAfter(action('iam:GenerateCredentialReport', {}), {});
		expect(expected).toHaveProperty('unverifiable');
		expect(stateMatches(expected, undefined)).toBe(true);
	});
});

describe('sameValue', () => {
	it('ignores key order and treats null, undefined and a missing key alike', () => {
		expect(sameValue({ a: 1, b: [1, { c: null }] }, { b: [1, {}], a: 1 })).toBe(true);
		expect(sameValue([1, 2], [2, 1])).toBe(false);
		expect(sameValue({ a: 1 }, { a: '1' })).toBe(false);
	});

	it('tells lists of different lengths, and a list from an object with the same entries', () => {
		expect(sameValue([1], [1, 2])).toBe(false);
		expect(sameValue([1, 2], [1])).toBe(false);
		expect(sameValue(['a'], { 0: 'a', length: 1 })).toBe(false);
		expect(sameValue({ 0: 'a', length: 1 }, ['a'])).toBe(false);
		expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
		expect(sameValue(0, null)).toBe(false);
		expect(sameValue('', undefined)).toBe(false);
	});

	it('does not take a target list that is missing, or not a list, as holding the targets', () => {
		const targets = expectedStateAfter(action('events:PutTargets', { Rule: 'root-use', Targets: [{ id: 't1', arn: 'arn:sns' }] }), {});
		expect(stateMatches(targets, {})).toBe(false);
		expect(stateMatches(targets, { Targets: { id: 't1', arn: 'arn:sns' } })).toBe(false);
		const rule = expectedStateAfter(action('events:PutRule', { Name: 'root-use', EventPattern: '{"source":["aws.iam"]}', State: 'ENABLED' }), {});
		expect(stateMatches(rule, { Rule: { EventPattern: { source: ['aws.iam'] }, State: 'ENABLED' } })).toBe(false);
	});
});

describe('expectedStateAfter for Config recorders', () => {
	it('verifies starting and stopping a recorder by whether it records', () => {
		const start = expectedStateAfter(action('config:StartConfigurationRecorder', { ConfigurationRecorderName: 'default' }), {});
		const stop = expectedStateAfter(action('config:StopConfigurationRecorder', { ConfigurationRecorderName: 'default' }), {});
		expect(stateMatches(start, { exists: true, recording: true })).toBe(true);
		expect(stateMatches(start, { exists: true, recording: false })).toBe(false);
		expect(stateMatches(stop, { exists: true, recording: false })).toBe(true);
		expect(stateMatches(stop, { exists: true, recording: true })).toBe(false);
	});
});

/** Kinds whose readState answers `{ exists }`: created, attached or enabled things. */
const createdKinds: [ActionKind, object][] = [
	['iam:CreateGroup', { GroupName: 'g' }],
	['iam:AddUserToGroup', { GroupName: 'g', UserName: 'u' }],
	['iam:AttachGroupPolicy', { GroupName: 'g', PolicyArn: 'arn:p' }],
	['iam:AttachUserPolicy', { UserName: 'u', PolicyArn: 'arn:p' }],
	['iam:AttachRolePolicy', { RoleName: 'r', PolicyArn: 'arn:p' }],
	['iam:CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: doc }],
	['iam:CreateInstanceProfile', { InstanceProfileName: 'ip' }],
	['iam:AddRoleToInstanceProfile', { InstanceProfileName: 'ip', RoleName: 'r' }],
	['iam:CreateOpenIDConnectProvider', { Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'] }],
	['access-analyzer:CreateAnalyzer', { analyzerName: 'a', type: 'ACCOUNT' }],
	['iam:CreatePolicy', { PolicyName: 'p', PolicyDocument: doc }],
	['organizations:EnablePolicyType', { RootId: 'r-ab12', PolicyType: 'SERVICE_CONTROL_POLICY' }],
	['organizations:CreatePolicy', { Name: 'scp', Description: 'd', Type: 'SERVICE_CONTROL_POLICY', Content: doc }],
	['organizations:AttachPolicy', { PolicyId: 'p-1', TargetId: 'r-ab12' }],
	['config:PutDeliveryChannel', { DeliveryChannel: { name: 'default', s3BucketName: 'b' } }],
	['config:PutConfigRule', { ConfigRule: { ConfigRuleName: 'c', Source: { Owner: 'AWS', SourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED' } } }],
	['sns:CreateTopic', { Name: 't' }],
	['iam:CreateServiceLinkedRole', { AWSServiceName: 'config.amazonaws.com' }],
	['s3:CreateBucket', { Bucket: 'b' }],
	['securityhub:EnableSecurityHub', { EnableDefaultStandards: false }],
	['sns:Subscribe', { TopicArn: 'arn:t', Protocol: 'email', Endpoint: 'ops@example.com' }],
];

/** Kinds that remove their target: `exists: false` or a NoSuchEntity read (`null`) shows it done. */
const removedKinds: [ActionKind, object][] = [
	['iam:DeleteGroup', { GroupName: 'g' }],
	['iam:RemoveUserFromGroup', { GroupName: 'g', UserName: 'u' }],
	['iam:DetachGroupPolicy', { GroupName: 'g', PolicyArn: 'arn:p' }],
	['iam:DetachUserPolicy', { UserName: 'u', PolicyArn: 'arn:p' }],
	['iam:DetachRolePolicy', { RoleName: 'r', PolicyArn: 'arn:p' }],
	['iam:DeleteRole', { RoleName: 'r' }],
	['iam:DeleteInstanceProfile', { InstanceProfileName: 'ip' }],
	['iam:RemoveRoleFromInstanceProfile', { InstanceProfileName: 'ip', RoleName: 'r' }],
	['iam:DeleteOpenIDConnectProvider', { OpenIDConnectProviderArn: 'arn:oidc' }],
	['access-analyzer:DeleteAnalyzer', { analyzerName: 'a' }],
	['iam:DeletePolicy', { PolicyArn: 'arn:p' }],
	['organizations:DisablePolicyType', { RootId: 'r-ab12', PolicyType: 'SERVICE_CONTROL_POLICY' }],
	['organizations:DeletePolicy', { PolicyId: 'p-1' }],
	['organizations:DetachPolicy', { PolicyId: 'p-1', TargetId: 'r-ab12' }],
	['iam:DeleteAccessKey', { UserName: 'a', AccessKeyId: 'K' }],
	['iam:DeleteLoginProfile', { UserName: 'a' }],
	['config:DeleteConfigurationRecorder', { ConfigurationRecorderName: 'default' }],
	['config:DeleteDeliveryChannel', { DeliveryChannelName: 'default' }],
	['config:DeleteConfigRule', { ConfigRuleName: 'c' }],
	['events:DeleteRule', { Name: 'root-use' }],
	['events:RemoveTargets', { Rule: 'root-use', Ids: ['t1'] }],
	['sns:DeleteTopic', { TopicArn: 'arn:t' }],
	['iam:DeleteServiceLinkedRole', { RoleName: 'AWSServiceRoleForConfig' }],
	['s3:DeleteBucket', { Bucket: 'b' }],
	['sns:Unsubscribe', { SubscriptionArn: 'arn:s' }],
	['securityhub:DisableSecurityHub', {}],
	['logs:DeleteMetricFilter', { logGroupName: 'trail', filterName: 'root-use' }],
	['cloudwatch:DeleteAlarms', { AlarmNames: ['root-use'] }],
	['s3:DeleteBucketPolicy', { Bucket: 'b' }],
];

describe('expectedStateAfter for every create and delete kind', () => {
	it.each(createdKinds)('%s: verified only when the thing exists', (kind, p) => {
		const expected = expectedStateAfter(action(kind, p as never));
		expect(stateMatches(expected, { exists: true })).toBe(true);
		expect(stateMatches(expected, { exists: false })).toBe(false);
		expect(stateMatches(expected, {})).toBe(false);
		expect(stateMatches(expected, null)).toBe(false);
	});

	it.each(removedKinds)('%s: verified only when the thing is gone', (kind, p) => {
		const expected = expectedStateAfter(action(kind, p as never));
		expect(stateMatches(expected, { exists: false })).toBe(true);
		expect(stateMatches(expected, null)).toBe(true);
		expect(stateMatches(expected, undefined)).toBe(true);
		expect(stateMatches(expected, { exists: true })).toBe(false);
	});

	it.each([
		['iam:DeleteUserPolicy', { UserName: 'u', PolicyName: 'p' }],
		['iam:DeleteGroupPolicy', { GroupName: 'g', PolicyName: 'p' }],
		['iam:DeleteRolePolicy', { RoleName: 'r', PolicyName: 'p' }],
		['iam:DeleteAccountPasswordPolicy', {}],
	] as [ActionKind, object][])('%s: a NoSuchEntity read counts as deleted, a document still there does not', (kind, p) => {
		const expected = expectedStateAfter(action(kind, p as never));
		expect(stateMatches(expected, null)).toBe(true);
		expect(stateMatches(expected, { exists: false })).toBe(true);
		expect(stateMatches(expected, { PolicyDocument: doc, PasswordPolicy: { MinimumPasswordLength: 14 } })).toBe(false);
		expect(stateMatches(expected, { PolicyDocument: null, PasswordPolicy: null })).toBe(true);
	});
});

describe('expectedStateAfter says why a request cannot be re-read', () => {
	it('names the reason for each unverifiable request', () => {
		const reason = (a: Action, result = {}) => (expectedStateAfter(a, result) as { unverifiable: string }).unverifiable;
		expect(reason(action('iam:GenerateCredentialReport', {}))).toMatch(/credential report/);
		const generation = action('access-analyzer:StartPolicyGeneration', { principalArn: 'arn:r', trailArn: 'arn:t', accessRole: 'arn:a', startTime: 's', endTime: 'e' });
		expect(reason(generation)).toMatch(/job/);
		expect(stateMatches(expectedStateAfter(generation), { anything: 1 })).toBe(true);
		const create = (SetAsDefault: boolean) => action('iam:CreatePolicyVersion', { PolicyArn: 'arn:p', PolicyDocument: doc, SetAsDefault });
		expect(reason(create(false), { outputs: { VersionId: 'v6' } })).toMatch(/non-default/);
		expect(reason(create(true), { outputs: {} })).toMatch(/did not return the new version ID/);
		expect(reason(create(true))).toMatch(/did not return/);
		const unknown = { kind: 'iam:Nonsense', params: {}, step: 3, findingIds: [], summary: '' } as unknown as Action;
		expect(reason(unknown)).toBe('no verification is defined for iam:Nonsense');
	});
});

describe('expectedStateAfter for settings', () => {
	it('expects the chosen default version and the user boundary', () => {
		const set = expectedStateAfter(action('iam:SetDefaultPolicyVersion', { PolicyArn: 'arn:p', VersionId: 'v3' }));
		expect(stateMatches(set, { DefaultVersionId: 'v3' })).toBe(true);
		expect(stateMatches(set, { DefaultVersionId: 'v2' })).toBe(false);
		const put = expectedStateAfter(action('iam:PutUserPermissionsBoundary', { UserName: 'u', PermissionsBoundary: boundary }));
		expect(stateMatches(put, { PermissionsBoundary: boundary })).toBe(true);
		expect(stateMatches(put, { PermissionsBoundary: 'arn:aws:iam::123456789012:policy/Other' })).toBe(false);
		const del = expectedStateAfter(action('iam:DeleteRolePermissionsBoundary', { RoleName: 'r' }));
		expect(stateMatches(del, { PermissionsBoundary: null })).toBe(true);
		expect(stateMatches(del, { PermissionsBoundary: boundary })).toBe(false);
	});

	it('compares user and group inline policies as documents', () => {
		for (const a of [action('iam:PutUserPolicy', { UserName: 'u', PolicyName: 'p', PolicyDocument: doc }), action('iam:PutGroupPolicy', { GroupName: 'g', PolicyName: 'p', PolicyDocument: doc })]) {
			const expected = expectedStateAfter(a);
			expect(stateMatches(expected, { PolicyDocument: JSON.stringify(doc) })).toBe(true);
			expect(stateMatches(expected, { PolicyDocument: { ...doc, Statement: [{ ...doc.Statement[0], Effect: 'Deny' }] } })).toBe(false);
		}
	});

	it('does not check a password policy field the call left out', () => {
		const expected = expectedStateAfter(action('iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14, RequireSymbols: undefined }));
		expect(stateMatches(expected, { PasswordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true } })).toBe(true);
	});

	it('expects the recorder name, role and whichever recording settings were given', () => {
		const recorder = (recordingGroup?: object) =>
			expectedStateAfter(action('config:PutConfigurationRecorder', { ConfigurationRecorder: { name: 'default', roleARN: 'arn:role', ...(recordingGroup ? { recordingGroup } : {}) } }));
		const stored = { name: 'default', roleArn: 'arn:role', allSupported: true, includeGlobalResourceTypes: true };
		const full = recorder({ allSupported: true, includeGlobalResourceTypes: true });
		expect(stateMatches(full, { ConfigurationRecorder: stored })).toBe(true);
		expect(stateMatches(full, { ConfigurationRecorder: { ...stored, name: 'other' } })).toBe(false);
		expect(stateMatches(full, { ConfigurationRecorder: { ...stored, roleArn: 'arn:other' } })).toBe(false);
		expect(stateMatches(full, { ConfigurationRecorder: { ...stored, allSupported: false } })).toBe(false);
		expect(stateMatches(full, { ConfigurationRecorder: { ...stored, includeGlobalResourceTypes: false } })).toBe(false);
		// Settings the call did not give are AWS's business: any stored value passes.
		expect(stateMatches(recorder(), { ConfigurationRecorder: stored })).toBe(true);
		expect(stateMatches(recorder({}), { ConfigurationRecorder: stored })).toBe(true);
		expect(stateMatches(recorder({ allSupported: true }), { ConfigurationRecorder: { ...stored, includeGlobalResourceTypes: false } })).toBe(true);
		expect(stateMatches(recorder({ includeGlobalResourceTypes: true }), { ConfigurationRecorder: { ...stored, allSupported: false } })).toBe(true);
		// A recorder of some types records each of them, listed in any order; one missing is not verified.
		const some = recorder({ allSupported: false, resourceTypes: ['AWS::IAM::User', 'AWS::IAM::Role'] });
		const recording = { ...stored, allSupported: false, includeGlobalResourceTypes: false };
		expect(stateMatches(some, { ConfigurationRecorder: { ...recording, resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::User'] } })).toBe(true);
		expect(stateMatches(some, { ConfigurationRecorder: { ...recording, resourceTypes: ['AWS::IAM::User'] } })).toBe(false);
		expect(stateMatches(some, { ConfigurationRecorder: recording })).toBe(false);
	});
});

describe('expectedStateAfter for monitoring', () => {
	const pattern = '{"source":["aws.signin"]}';
	const proof = { samples: [{ name: 'root sign-in', event: '{}', expect: true }, { name: 'user sign-in', event: '{}', expect: false }] };

	it('checks a rule description when one was set, and the stored rule against its proof', () => {
		const rule = { ...action('events:PutRule', { Name: 'root-use', EventPattern: pattern, State: 'ENABLED', Description: 'root use' }), proof } as Action;
		const expected = expectedStateAfter(rule);
		const stored = { EventPattern: pattern, State: 'ENABLED', Description: 'root use' };
		const answers = [
			{ name: 'root sign-in', expect: true, matched: true },
			{ name: 'user sign-in', expect: false, matched: false },
		];
		expect(stateMatches(expected, { Rule: stored, Proof: answers })).toBe(true);
		expect(stateMatches(expected, { Rule: { ...stored, Description: 'other' }, Proof: answers })).toBe(false);
		expect(stateMatches(expected, { Rule: { ...stored, EventPattern: '{"source":["aws.iam"]}' }, Proof: answers })).toBe(false);
		expect(stateMatches(expected, { Rule: stored, Proof: [answers[0], { ...answers[1], matched: true }] })).toBe(false);
		expect(stateMatches(expected, { Rule: stored })).toBe(false);
		// A pattern that is not JSON is compared as text.
		const raw = expectedStateAfter(action('events:PutRule', { Name: 'r', EventPattern: 'not json', State: 'ENABLED' }));
		expect(stateMatches(raw, { Rule: { EventPattern: 'not json', State: 'ENABLED', Description: 'any' } })).toBe(true);
		expect(stateMatches(raw, { Rule: { EventPattern: 'not jsonx', State: 'ENABLED' } })).toBe(false);
	});

	it('compares bucket and topic policies as documents', () => {
		const bucket = expectedStateAfter(action('s3:PutBucketPolicy', { Bucket: 'b', Policy: doc }));
		expect(stateMatches(bucket, { Policy: JSON.stringify(doc) })).toBe(true);
		expect(stateMatches(bucket, { Policy: null })).toBe(false);
		expect(stateMatches(bucket, { Policy: 'not a policy' })).toBe(false);
		const topic = expectedStateAfter(action('sns:SetTopicAttributes', { TopicArn: 'arn:t', AttributeName: 'Policy', AttributeValue: JSON.stringify(doc, null, 2) }));
		expect(stateMatches(topic, { Policy: JSON.stringify(doc) })).toBe(true);
		expect(stateMatches(topic, { Policy: JSON.stringify({ ...doc, Statement: [] }) })).toBe(false);
	});

	it('expects enabled standards listed, and a list read after disabling', () => {
		const enable = expectedStateAfter(action('securityhub:BatchEnableStandards', { StandardsSubscriptionRequests: [{ StandardsArn: 'arn:cis' }] }));
		expect(stateMatches(enable, { enabled: ['arn:fsbp', 'arn:cis'] })).toBe(true);
		expect(stateMatches(enable, { enabled: ['arn:fsbp'] })).toBe(false);
		const disable = expectedStateAfter(action('securityhub:BatchDisableStandards', { StandardsSubscriptionArns: ['arn:sub'] }));
		expect(stateMatches(disable, { enabled: ['arn:fsbp'] })).toBe(true);
		expect(stateMatches(disable, {})).toBe(false);
	});

	it('expects the metric filter and every alarm setting but its name', () => {
		const transformations = [{ metricName: 'RootUse', metricNamespace: 'CIS', metricValue: '1' }];
		const filter = expectedStateAfter(action('logs:PutMetricFilter', { logGroupName: 'trail', filterName: 'root', filterPattern: '{ $.x = 1 }', metricTransformations: transformations }));
		expect(stateMatches(filter, { filter: { filterPattern: '{ $.x = 1 }', metricTransformations: transformations } })).toBe(true);
		expect(stateMatches(filter, { filter: { filterPattern: '{ $.x = 2 }', metricTransformations: transformations } })).toBe(false);
		expect(stateMatches(filter, { filter: { filterPattern: '{ $.x = 1 }', metricTransformations: [] } })).toBe(false);
		const settings = { MetricName: 'RootUse', Namespace: 'CIS', Statistic: 'Sum', Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: ['arn:t'] } as const;
		const alarm = expectedStateAfter(action('cloudwatch:PutMetricAlarm', { AlarmName: 'root-use', ...settings, AlarmActions: ['arn:t'] }));
		expect(stateMatches(alarm, { alarm: settings })).toBe(true);
		expect(stateMatches(alarm, { alarm: { ...settings, Threshold: 2 } })).toBe(false);
	});

	it('expects the deleted root credentials gone in a new root session', () => {
		const root = expectedStateAfter(action('sts:AssumeRoot', { TargetPrincipal: '111122223333', TaskPolicyArn: { arn: 'arn:task' }, DurationSeconds: 900, delete: ['accessKeys'] }));
		expect(stateMatches(root, { accessKeys: [] })).toBe(true);
		expect(stateMatches(root, { accessKeys: ['AKIA1'] })).toBe(false);
	});
});

describe('stateMatches at the edges', () => {
	it('reads a path through a value that is not an object as nothing', () => {
		const expected = expectedStateAfter(action('iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14 }));
		expect(stateMatches(expected, { PasswordPolicy: 'none' })).toBe(false);
		const gone = { checks: [{ path: ['a', 'b'], equals: null }] };
		expect(stateMatches(gone, { a: 'text' })).toBe(true);
		expect(stateMatches(gone, { a: { b: 1 } })).toBe(false);
		// A path through null (a rule read back as none) is nothing too, not a crash.
		const rule = expectedStateAfter(action('events:PutRule', { Name: 'root-use', EventPattern: '{"source":["aws.iam"]}', State: 'ENABLED' }));
		expect(stateMatches(rule, { Rule: null })).toBe(false);
		expect(stateMatches({ checks: [{ path: ['a', 'b'], equals: null }] }, { a: null })).toBe(true);
	});

	it('holds a document check that expects none only when none is there', () => {
		const none = { checks: [{ path: ['PolicyDocument'], document: null }] };
		expect(stateMatches(none, { PolicyDocument: undefined })).toBe(true);
		expect(stateMatches(none, { PolicyDocument: doc })).toBe(false);
	});

	it('tells a scalar from an object that has no keys', () => {
		expect(sameValue(1, {})).toBe(false);
		expect(sameValue({}, 'a')).toBe(false);
		expect(sameValue([], {})).toBe(false);
		expect(sameValue({}, 1)).toBe(false);
		expect(sameValue({}, '')).toBe(false);
	});
});

describe('stateMatches holds every expected item, element by element', () => {
	it('needs every target and every list element, not just one', () => {
		const targets = expectedStateAfter(action('events:PutTargets', { Rule: 'r', Targets: [{ id: 't1', arn: 'arn:a' }, { id: 't2', arn: 'arn:b' }] }));
		expect(stateMatches(targets, { Targets: [{ id: 't1', arn: 'arn:a' }] })).toBe(false);
		expect(stateMatches(targets, { Targets: [{ id: 't2', arn: 'arn:b' }, { id: 't1', arn: 'arn:a' }] })).toBe(true);
		expect(sameValue([1, 2], [1, 3])).toBe(false);
		expect(sameValue([1], [1, null])).toBe(false);
	});

	it('takes exists: false as gone for a removing action, whatever else the read holds', () => {
		const deleted = expectedStateAfter(action('iam:DeleteRolePolicy', { RoleName: 'r', PolicyName: 'p' }));
		expect(stateMatches(deleted, { exists: false, PolicyDocument: doc })).toBe(true);
		const version = expectedStateAfter(action('iam:DeletePolicyVersion', { PolicyArn: 'arn:p', VersionId: 'v1' }));
		expect(stateMatches(version, { PolicyDocument: null })).toBe(true);
	});

	it('expects the new trust policy, not any', () => {
		const trust = expectedStateAfter(action('iam:UpdateAssumeRolePolicy', { RoleName: 'r', PolicyDocument: doc }));
		expect(stateMatches(trust, { PolicyDocument: { ...doc, Statement: [] } })).toBe(false);
	});
});
