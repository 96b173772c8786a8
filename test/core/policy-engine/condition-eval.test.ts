import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../../source/core/policy-engine/condition-eval.js';
import { resourcePatternMatches, resolvePolicyVariables } from '../../../source/core/policy-engine/wildcard.js';

describe('condition blocks', () => {
	it('is unknown for a key the request does not state, true or false once it does', () => {
		const block = { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'lambda.amazonaws.com'] } };
		expect(evaluateCondition(block, {})).toBe('unknown');
		expect(evaluateCondition(block, { keys: { 'IAM:PassedToService': ['lambda.amazonaws.com'] } })).toBe('true');
		expect(evaluateCondition(block, { keys: { 'iam:PassedToService': ['glue.amazonaws.com'] } })).toBe('false');
	});

	it('ANDs operators and keys: one false makes the block false even when another is unknown', () => {
		const block = { Bool: { 'aws:MultiFactorAuthPresent': ['true'] }, StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } };
		expect(evaluateCondition(block, { keys: { 'aws:RequestedRegion': ['us-east-1'] } })).toBe('false');
		expect(evaluateCondition(block, { keys: { 'aws:RequestedRegion': ['eu-west-1'] } })).toBe('unknown');
	});

	it('handles IfExists, Null and negated operators on absent keys', () => {
		const ifExists = { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } };
		expect(evaluateCondition(ifExists, { absentKeys: ['aws:MultiFactorAuthPresent'] })).toBe('true');
		expect(evaluateCondition(ifExists, { keys: { 'aws:MultiFactorAuthPresent': ['true'] } })).toBe('false');
		expect(evaluateCondition({ Null: { 'aws:MultiFactorAuthPresent': ['true'] } }, { absentKeys: ['aws:MultiFactorAuthPresent'] })).toBe('true');
		expect(evaluateCondition({ StringNotEquals: { 'iam:PermissionsBoundary': ['arn:b'] } }, { keys: { 'iam:PermissionsBoundary': ['arn:other'] } })).toBe('true');
		expect(evaluateCondition({ StringNotEquals: { 'iam:PermissionsBoundary': ['arn:b'] } }, { keys: { 'iam:PermissionsBoundary': ['arn:b'] } })).toBe('false');
	});

	it('handles set operators and wildcards', () => {
		expect(evaluateCondition({ 'ForAnyValue:StringLike': { 'aws:TagKeys': ['team*'] } }, { keys: { 'aws:TagKeys': ['cost', 'team-a'] } })).toBe('true');
		expect(evaluateCondition({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }, { keys: { 'aws:TagKeys': ['cost', 'team'] } })).toBe('false');
		expect(evaluateCondition({ ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/admin-*'] } }, { keys: { 'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/admin-x'] } })).toBe('true');
	});

	it('resolves policy variables in condition values', () => {
		const block = { StringEquals: { 'aws:ResourceTag/owner': ['${aws:username}'] } };
		expect(evaluateCondition(block, { keys: { 'aws:ResourceTag/owner': ['carol'] }, variables: { 'aws:username': 'carol' } })).toBe('true');
		expect(evaluateCondition(block, { keys: { 'aws:ResourceTag/owner': ['alice'] }, variables: { 'aws:username': 'carol' } })).toBe('false');
	});
});

describe('resource patterns and policy variables', () => {
	it('matches ARN wildcards case-sensitively', () => {
		expect(resourcePatternMatches('arn:aws:iam::123456789012:role/app-*', 'arn:aws:iam::123456789012:role/app-api', {})).toBe(true);
		expect(resourcePatternMatches('arn:aws:iam::123456789012:role/app-*', 'arn:aws:iam::123456789012:role/App-api', {})).toBe(false);
		expect(resourcePatternMatches('arn:aws:s3:::b/?.txt', 'arn:aws:s3:::b/a.txt', {})).toBe(true);
	});

	it('a variable with no value matches nothing; ${*} is a literal star; a default applies', () => {
		expect(resolvePolicyVariables('user/${aws:username}', {})).toBeNull();
		expect(resourcePatternMatches('arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/*', {})).toBe(true);
		expect(resourcePatternMatches('arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/x', {})).toBe(false);
		expect(resolvePolicyVariables("team/${aws:PrincipalTag/team, 'none'}", {})?.pattern).toBe('team/none');
	});
});

describe('time conditions decided at scan time', () => {
	const now = '2026-12-01T00:00:00Z';
	it('a DateLessThan on aws:CurrentTime in the past can never hold: false, not unknown', () => {
		expect(evaluateCondition({ DateLessThan: { 'aws:CurrentTime': ['2026-06-30T00:00:00Z'] } }, { now })).toBe('false');
		expect(evaluateCondition({ DateLessThan: { 'aws:CurrentTime': ['2026-06-30T00:00:00Z'] } }, {})).toBe('unknown');
		expect(evaluateCondition({ NumericLessThan: { 'aws:EpochTime': ['1700000000'] } }, { now })).toBe('false');
	});
	it('a bound still ahead, or a lower bound in the future, stays conditional', () => {
		expect(evaluateCondition({ DateLessThan: { 'aws:CurrentTime': ['2027-01-01T00:00:00Z'] } }, { now })).toBe('unknown');
		expect(evaluateCondition({ DateGreaterThan: { 'aws:CurrentTime': ['2027-01-01T00:00:00Z'] } }, { now })).toBe('unknown');
	});
	it('a token issued before the date must be older than any live session', () => {
		expect(evaluateCondition({ DateLessThan: { 'aws:TokenIssueTime': ['2026-11-30T20:00:00Z'] } }, { now })).toBe('unknown');
		expect(evaluateCondition({ DateLessThan: { 'aws:TokenIssueTime': ['2026-11-01T00:00:00Z'] } }, { now })).toBe('false');
	});
});

describe('numeric and date operators on a stated value', () => {
	const numeric = (operator: string, actual: string, bound = '10') => evaluateCondition({ [operator]: { 's3:max-keys': [bound] } }, { keys: { 's3:max-keys': [actual] } });
	const date = (operator: string, actual: string, bound = '2026-06-30T00:00:00Z') => evaluateCondition({ [operator]: { 'aws:TokenIssueTime': [bound] } }, { keys: { 'aws:TokenIssueTime': [actual] } });
	const before = '2026-06-29T23:59:59Z';
	const at = '2026-06-30T00:00:00Z';
	const after = '2026-06-30T00:00:01Z';

	it('compares numbers below, at and above the bound as each operator says', () => {
		const table: [string, [string, string, string]][] = [
			['NumericLessThan', ['true', 'false', 'false']],
			['NumericLessThanEquals', ['true', 'true', 'false']],
			['NumericGreaterThan', ['false', 'false', 'true']],
			['NumericGreaterThanEquals', ['false', 'true', 'true']],
			['NumericEquals', ['false', 'true', 'false']],
			['NumericNotEquals', ['true', 'false', 'true']],
		];
		for (const [operator, expected] of table) expect([numeric(operator, '9'), numeric(operator, '10'), numeric(operator, '11')], operator).toEqual(expected);
		// As numbers, not strings: 9 is less than 10 though '9' sorts after '10'.
		expect(numeric('NumericLessThan', '9', '10')).toBe('true');
		expect(numeric('NumericEquals', '10.0', '10')).toBe('true');
	});

	it('compares dates below, at and above the bound as each operator says', () => {
		const table: [string, [string, string, string]][] = [
			['DateLessThan', ['true', 'false', 'false']],
			['DateLessThanEquals', ['true', 'true', 'false']],
			['DateGreaterThan', ['false', 'false', 'true']],
			['DateGreaterThanEquals', ['false', 'true', 'true']],
			['DateEquals', ['false', 'true', 'false']],
			['DateNotEquals', ['true', 'false', 'true']],
		];
		for (const [operator, expected] of table) expect([date(operator, before), date(operator, at), date(operator, after)], operator).toEqual(expected);
		// As instants: the same moment written with an offset is equal.
		expect(date('DateEquals', '2026-06-30T02:00:00+02:00')).toBe('true');
	});

	it('compares strings and booleans with their own case rules', () => {
		const region = (operator: string, actual: string) => evaluateCondition({ [operator]: { 'aws:RequestedRegion': ['EU-West-1'] } }, { keys: { 'aws:RequestedRegion': [actual] } });
		expect(region('StringEquals', 'eu-west-1')).toBe('false');
		expect(region('StringEqualsIgnoreCase', 'eu-west-1')).toBe('true');
		expect(region('StringEqualsIgnoreCase', 'eu-west-2')).toBe('false');
		expect(region('StringNotEqualsIgnoreCase', 'eu-west-1')).toBe('false');
		expect(region('StringNotEqualsIgnoreCase', 'us-east-1')).toBe('true');
		expect(evaluateCondition({ Bool: { 'aws:SecureTransport': ['TRUE'] } }, { keys: { 'aws:SecureTransport': ['true'] } })).toBe('true');
		expect(evaluateCondition({ Bool: { 'aws:SecureTransport': ['true'] } }, { keys: { 'aws:SecureTransport': ['false'] } })).toBe('false');
	});
});
