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
