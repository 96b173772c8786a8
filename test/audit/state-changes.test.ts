/**
 * "What changed" in the export: the state after an action (recorded, or modelled from the
 * state before and what the action sets) against the state before, one line per field.
 */
import { describe, expect, it, test } from 'vitest';
import type { Action } from '../../source/core/actions.js';
import { fieldChanges, showValue, stateAfterAction } from '../../source/audit/state-changes.js';

function action(kind: string, params: Record<string, unknown>, extra: Partial<Action> = {}): Action {
	return { kind, params, step: 6, findingIds: [], summary: kind, ...extra } as Action;
}

const recorder = (recordingGroup: Record<string, unknown>) =>
	action('config:PutConfigurationRecorder', { ConfigurationRecorder: { name: 'default', roleARN: 'arn:aws:iam::123456789012:role/config', recordingGroup } });

describe('stateAfterAction', () => {
	test('sets what the action sets on a copy of the state before, leaving the rest and the original alone', () => {
		const before = { Status: 'Active', UserName: 'bob', Nested: { a: 1 } };
		const after = stateAfterAction(action('iam:UpdateAccessKey', { UserName: 'bob', AccessKeyId: 'AKIAEXAMPLE', Status: 'Inactive' }), before, undefined);
		expect(after).toEqual({ Status: 'Inactive', UserName: 'bob', Nested: { a: 1 } });
		expect(before).toEqual({ Status: 'Active', UserName: 'bob', Nested: { a: 1 } });
		(after as { Nested: { a: number } }).Nested.a = 2;
		expect(before.Nested.a).toBe(1);
	});

	it.each([
		['no state before', undefined],
		['null', null],
		['a string', 'Active'],
	])('starts from nothing when the state before is %s', (_, before) => {
		expect(stateAfterAction(action('iam:UpdateAccessKey', { UserName: 'bob', AccessKeyId: 'AKIAEXAMPLE', Status: 'Inactive' }), before, undefined)).toEqual({ Status: 'Inactive' });
	});

	test('makes the objects on a nested path, replacing a value that is not one', () => {
		const policy = action('iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14, RequireSymbols: true });
		expect(stateAfterAction(policy, {}, undefined)).toEqual({ PasswordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true } });
		expect(stateAfterAction(policy, { PasswordPolicy: null }, undefined)).toEqual({ PasswordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true } });
		expect(stateAfterAction(policy, { PasswordPolicy: 'none' }, undefined)).toEqual({ PasswordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true } });
		expect(stateAfterAction(policy, { PasswordPolicy: { MinimumPasswordLength: 8, MaxPasswordAge: 90 } }, undefined)).toEqual({ PasswordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, MaxPasswordAge: 90 } });
	});

	test('a policy document and an event pattern are set as the action gives them', () => {
		const document = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] };
		expect(stateAfterAction(action('iam:PutUserPolicy', { UserName: 'bob', PolicyName: 'p', PolicyDocument: document }), { PolicyDocument: null }, undefined)).toEqual({ PolicyDocument: document });
		const pattern = '{"source":["aws.iam"]}';
		expect(stateAfterAction(action('events:PutRule', { Name: 'r', State: 'ENABLED', EventPattern: pattern }), {}, undefined)).toEqual({ Rule: { State: 'ENABLED', EventPattern: pattern } });
	});

	test('a list the action adds to keeps what was there and adds each new item once', () => {
		const targets = action('events:PutTargets', { Rule: 'r', Targets: [{ Id: '1', Arn: 'a' }, { Id: '2', Arn: 'b' }] });
		expect(stateAfterAction(targets, { Targets: [{ Arn: 'a', Id: '1' }, { Id: '0', Arn: 'z' }] }, undefined)).toEqual({ Targets: [{ Arn: 'a', Id: '1' }, { Id: '0', Arn: 'z' }, { Id: '2', Arn: 'b' }] });
		expect(stateAfterAction(targets, {}, undefined)).toEqual({ Targets: [{ Id: '1', Arn: 'a' }, { Id: '2', Arn: 'b' }] });
	});

	test('a nested list (a Config recorder with resource types) is read at its own path, not at the top', () => {
		// It threw "is not iterable": the list was read from the top-level object.
		expect(stateAfterAction(recorder({ allSupported: false, resourceTypes: ['AWS::IAM::User'] }), undefined, undefined)).toEqual({
			ConfigurationRecorder: { name: 'default', roleArn: 'arn:aws:iam::123456789012:role/config', allSupported: false, resourceTypes: ['AWS::IAM::User'] },
		});
		const before = { ConfigurationRecorder: { name: 'default', roleArn: 'arn:aws:iam::123456789012:role/config', allSupported: false, resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::User'] } };
		const after = stateAfterAction(recorder({ allSupported: false, resourceTypes: ['AWS::IAM::User', 'AWS::IAM::Policy'] }), before, undefined);
		// PutConfigurationRecorder replaces the recording group: a type left out is no longer recorded.
		expect(after).toEqual({ ConfigurationRecorder: { ...before.ConfigurationRecorder, resourceTypes: ['AWS::IAM::User', 'AWS::IAM::Policy'] } });
		expect(fieldChanges(before, after)).toEqual([{ field: 'ConfigurationRecorder.resourceTypes', before: '["AWS::IAM::Role","AWS::IAM::User"]', after: '["AWS::IAM::User","AWS::IAM::Policy"]' }]);
		// A value there that is not a list is replaced by the items.
		expect(stateAfterAction(recorder({ resourceTypes: ['AWS::IAM::User'] }), { ConfigurationRecorder: { resourceTypes: 'all' } }, undefined)).toMatchObject({ ConfigurationRecorder: { resourceTypes: ['AWS::IAM::User'] } });
	});

	test('is undefined when the action leaves nothing to model', () => {
		expect(stateAfterAction(action('iam:GenerateCredentialReport', {}), { a: 1 }, undefined)).toBeUndefined();
		// A new default policy version is modelled only from the version ID AWS returned.
		const version = action('iam:CreatePolicyVersion', { PolicyArn: 'arn:aws:iam::123456789012:policy/p', PolicyDocument: {}, SetAsDefault: true });
		expect(stateAfterAction(version, { DefaultVersionId: 'v1' }, undefined)).toBeUndefined();
		expect(stateAfterAction(version, { DefaultVersionId: 'v1' }, { outputs: { VersionId: 'v2' } })).toEqual({ DefaultVersionId: 'v2' });
	});
});

describe('fieldChanges', () => {
	test('one entry per changed field, by its dotted path, in the order the fields appear', () => {
		expect(fieldChanges({ Status: 'Active', Same: 1, Deep: { a: 1, b: { c: 'x' } } }, { Status: 'Inactive', Same: 1, Deep: { a: 2, b: { c: 'x' } }, Added: true })).toEqual([
			{ field: 'Status', before: 'Active', after: 'Inactive' },
			{ field: 'Deep.a', before: '1', after: '2' },
			{ field: 'Added', before: '(none)', after: 'true' },
		]);
	});

	test('a policy document, a list and an empty object are shown whole; null, undefined and a missing field are the same none', () => {
		const doc = { Version: '2012-10-17', Statement: [] };
		expect(fieldChanges({ PolicyDocument: doc }, { PolicyDocument: { ...doc, Statement: [{ Effect: 'Allow' }] } })).toEqual([
			{ field: 'PolicyDocument', before: JSON.stringify(doc), after: JSON.stringify({ ...doc, Statement: [{ Effect: 'Allow' }] }) },
		]);
		expect(fieldChanges({ Tags: ['a'] }, { Tags: ['a', 'b'] })).toEqual([{ field: 'Tags', before: '["a"]', after: '["a","b"]' }]);
		expect(fieldChanges({ Conf: {} }, { Conf: { x: 1 } })).toEqual([
			{ field: 'Conf', before: '{}', after: '(none)' },
			{ field: 'Conf.x', before: '(none)', after: '1' },
		]);
		expect(fieldChanges({ A: null, B: 1 }, { B: 1 })).toEqual([]);
		expect(fieldChanges({ A: null }, { A: undefined })).toEqual([]);
	});

	test('a state that is not an object is one field, "value"; a missing state on either side leaves every field of the other', () => {
		expect(fieldChanges('Active', 'Inactive')).toEqual([{ field: 'value', before: 'Active', after: 'Inactive' }]);
		expect(fieldChanges(undefined, { a: 1 })).toEqual([{ field: 'a', before: '(none)', after: '1' }]);
		expect(fieldChanges({ a: 1 }, undefined)).toEqual([{ field: 'a', before: '1', after: '(none)' }]);
		expect(fieldChanges(undefined, undefined)).toEqual([]);
		// null flattens to a "value" of none, which equals the missing "value" of the other side.
		expect(fieldChanges(null, { a: 1 })).toEqual([{ field: 'a', before: '(none)', after: '1' }]);
	});
});

describe('showValue', () => {
	it.each([
		[null, '(none)'],
		[undefined, '(none)'],
		['text', 'text'],
		['', ''],
		[14, '14'],
		[false, 'false'],
		[{ a: [1, 'x'] }, '{"a":[1,"x"]}'],
	])('%j reads %j', (value, text) => {
		expect(showValue(value)).toBe(text);
	});
});
