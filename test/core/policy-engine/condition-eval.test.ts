import { describe, expect, it } from 'vitest';
import { evaluateCondition, passedToServiceContext } from '../../../source/core/policy-engine/condition-eval.js';
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

describe('the request context', () => {
	it('gives one context object per service, so evaluations can memoise on it', () => {
		const ec2 = passedToServiceContext('ec2.amazonaws.com');
		expect(passedToServiceContext('ec2.amazonaws.com')).toBe(ec2);
		expect(passedToServiceContext('lambda.amazonaws.com')).not.toBe(ec2);
		expect(ec2.keys).toEqual({ 'iam:PassedToService': ['ec2.amazonaws.com'] });
	});

	it('an absent key is any one of the keys listed absent, matched case-insensitively; other keys stay unknown', () => {
		const mfa = { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['true'] } };
		expect(evaluateCondition(mfa, { absentKeys: ['aws:SourceVpc', 'AWS:MultiFactorAuthPresent'] })).toBe('true');
		expect(evaluateCondition(mfa, { absentKeys: ['aws:SourceVpc'] })).toBe('unknown');
	});

	it('a key stated with no value is absent', () => {
		expect(evaluateCondition({ BoolIfExists: { 'aws:MultiFactorAuthPresent': ['true'] } }, { keys: { 'aws:MultiFactorAuthPresent': [] } })).toBe('true');
		expect(evaluateCondition({ Null: { 'aws:MultiFactorAuthPresent': ['true'] } }, { keys: { 'aws:MultiFactorAuthPresent': [] } })).toBe('true');
	});
});

describe('absent keys', () => {
	const absent = { absentKeys: ['aws:TagKeys', 'aws:SourceVpc'] };
	it('a plain operator on an absent key is false; IfExists, ForAllValues and a negated operator hold', () => {
		expect(evaluateCondition({ StringEquals: { 'aws:SourceVpc': ['vpc-1'] } }, absent)).toBe('false');
		expect(evaluateCondition({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, absent)).toBe('false');
		expect(evaluateCondition({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }, absent)).toBe('true');
		expect(evaluateCondition({ StringEqualsIfExists: { 'aws:SourceVpc': ['vpc-1'] } }, absent)).toBe('true');
		expect(evaluateCondition({ StringNotEquals: { 'aws:SourceVpc': ['vpc-1'] } }, absent)).toBe('true');
	});
});

describe('the Null operator', () => {
	const key = 'aws:TokenIssueTime';
	const stated = { keys: { [key]: ['2026-11-30T10:00:00Z'] } };
	const absent = { absentKeys: [key] };
	it('is unknown for a key the request does not state', () => {
		expect(evaluateCondition({ Null: { [key]: ['true'] } }, {})).toBe('unknown');
		expect(evaluateCondition({ Null: { [key]: ['false'] } }, {})).toBe('unknown');
	});
	it('Null true holds only when the key is absent, Null false only when it is present', () => {
		expect(evaluateCondition({ Null: { [key]: ['true'] } }, absent)).toBe('true');
		expect(evaluateCondition({ Null: { [key]: ['true'] } }, stated)).toBe('false');
		expect(evaluateCondition({ Null: { [key]: ['false'] } }, absent)).toBe('false');
		expect(evaluateCondition({ Null: { [key]: ['false'] } }, stated)).toBe('true');
		expect(evaluateCondition({ Null: { [key]: ['FALSE'] } }, stated)).toBe('true');
	});
	it('with both values listed, either holds', () => {
		expect(evaluateCondition({ Null: { [key]: ['true', 'false'] } }, absent)).toBe('true');
		expect(evaluateCondition({ Null: { [key]: ['true', 'false'] } }, stated)).toBe('true');
	});
});

describe('operators the engine does not model', () => {
	it('are unknown on a stated key, never true or false', () => {
		expect(evaluateCondition({ BinaryEquals: { 'aws:SecureTransport': ['dHJ1ZQ=='] } }, { keys: { 'aws:SecureTransport': ['true'] } })).toBe('unknown');
	});
});

describe('string, ARN and IP comparisons', () => {
	const tagged = (operator: string, values: string[], expected = ['team*']) => evaluateCondition({ [operator]: { 'aws:TagKeys': expected } }, { keys: { 'aws:TagKeys': values } });
	const principal = (operator: string, actual: string, expected: string) => evaluateCondition({ [operator]: { 'aws:PrincipalArn': [expected] } }, { keys: { 'aws:PrincipalArn': [actual] } });
	const admin = 'arn:aws:iam::123456789012:role/admin-x';

	it('StringLike and StringNotLike match wildcards case-sensitively', () => {
		expect(tagged('StringLike', ['team-a'])).toBe('true');
		expect(tagged('StringLike', ['cost'])).toBe('false');
		expect(tagged('StringLike', ['Team-a'])).toBe('false');
		expect(tagged('StringNotLike', ['cost'])).toBe('true');
		expect(tagged('StringNotLike', ['team-a'])).toBe('false');
	});

	it('ArnEquals, ArnLike and their negations', () => {
		expect(principal('ArnEquals', admin, admin)).toBe('true');
		expect(principal('ArnEquals', admin, 'arn:aws:iam::123456789012:role/admin-y')).toBe('false');
		expect(principal('ArnNotEquals', admin, 'arn:aws:iam::123456789012:role/admin-y')).toBe('true');
		expect(principal('ArnNotEquals', admin, admin)).toBe('false');
		expect(principal('ArnLike', admin, 'arn:aws:iam::*:role/ops-*')).toBe('false');
		expect(principal('ArnLike', 'arn:aws:iam::123456789012:role/Admin-x', 'arn:aws:iam::*:role/admin-*')).toBe('false');
		expect(principal('ArnNotLike', admin, 'arn:aws:iam::*:role/ops-*')).toBe('true');
		expect(principal('ArnNotLike', admin, 'arn:aws:iam::*:role/admin-*')).toBe('false');
	});

	it('IpAddress and NotIpAddress on a single address', () => {
		const ip = (operator: string, actual: string) => evaluateCondition({ [operator]: { 'aws:SourceIp': ['203.0.113.7'] } }, { keys: { 'aws:SourceIp': [actual] } });
		expect(ip('IpAddress', '203.0.113.7')).toBe('true');
		expect(ip('IpAddress', '198.51.100.7')).toBe('false');
		expect(ip('NotIpAddress', '198.51.100.7')).toBe('true');
		expect(ip('NotIpAddress', '203.0.113.7')).toBe('false');
	});

	it('IpAddress and NotIpAddress take CIDR ranges, IPv4 and IPv6, as AWS does', () => {
		const ip = (operator: string, range: string, actual: string) => evaluateCondition({ [operator]: { 'aws:SourceIp': [range] } }, { keys: { 'aws:SourceIp': [actual] } });
		// The office range: an address inside it is in, one outside is not; NotIpAddress the reverse (a Deny "outside the office").
		expect(ip('IpAddress', '203.0.113.0/24', '203.0.113.5')).toBe('true');
		expect(ip('IpAddress', '203.0.113.0/24', '203.0.114.5')).toBe('false');
		expect(ip('NotIpAddress', '203.0.113.0/24', '203.0.113.5')).toBe('false');
		expect(ip('NotIpAddress', '203.0.113.0/24', '198.51.100.7')).toBe('true');
		expect(ip('IpAddress', '10.0.0.0/8', '10.200.3.4')).toBe('true');
		expect(ip('IpAddress', '0.0.0.0/0', '198.51.100.7')).toBe('true');
		expect(ip('IpAddress', '2001:db8::/32', '2001:db8:1::7')).toBe('true');
		expect(ip('IpAddress', '2001:db8::/32', '2001:db9::7')).toBe('false');
		expect(ip('IpAddress', '2001:0db8:0000:0000:0000:0000:0000:0007', '2001:db8::7')).toBe('true');
		// An IPv4 address written as IPv6 is that IPv4 address; families otherwise never match.
		expect(ip('IpAddress', '203.0.113.0/24', '::ffff:203.0.113.9')).toBe('true');
		expect(ip('IpAddress', '2001:db8::/32', '203.0.113.5')).toBe('false');
		expect(ip('IpAddress', '203.0.113.0/24', '2001:db8::7')).toBe('false');
		// One address is a range of one, IPv6 as IPv4.
		expect(ip('IpAddress', '2001:db8::7', '2001:db8::8')).toBe('false');
		expect(ip('IpAddress', '2001:db8::7', '2001:db8:0::7')).toBe('true');
		// An IPv4-mapped IPv6 range is the IPv4 range it maps; 96 bits or fewer hold every IPv4 address.
		expect(ip('IpAddress', '::ffff:203.0.113.0/120', '203.0.113.9')).toBe('true');
		expect(ip('IpAddress', '::ffff:203.0.113.0/120', '203.0.114.9')).toBe('false');
		expect(ip('IpAddress', '::ffff:0.0.0.0/96', '198.51.100.7')).toBe('true');
		expect(ip('IpAddress', '::ffff:0.0.0.0/64', '198.51.100.7')).toBe('true');
		// Not an address or range: nothing is in it.
		expect(ip('IpAddress', 'office', '203.0.113.5')).toBe('false');
		expect(ip('IpAddress', '203.0.113.0/33', '203.0.113.5')).toBe('false');
		expect(ip('IpAddress', '203.0.113.0/24', 'unknown')).toBe('false');
	});

	it('a policy variable with no value (a role has no aws:username) matches nothing', () => {
		for (const operator of ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnLike']) {
			expect(evaluateCondition({ [operator]: { 'aws:ResourceTag/owner': ['${aws:username}'] } }, { keys: { 'aws:ResourceTag/owner': ['carol'] } }), operator).toBe('false');
		}
	});
});

describe('several values of one key', () => {
	const tags = { keys: { 'aws:TagKeys': ['team', 'cost'] } };
	it('without a set operator, a plain operator holds when one value matches, a negated one when none does', () => {
		expect(evaluateCondition({ StringEquals: { 'aws:TagKeys': ['team'] } }, tags)).toBe('true');
		expect(evaluateCondition({ StringNotEquals: { 'aws:TagKeys': ['team'] } }, tags)).toBe('false');
		expect(evaluateCondition({ StringNotEquals: { 'aws:TagKeys': ['owner'] } }, tags)).toBe('true');
	});
	it('ForAnyValue with a negated operator holds when one value does not match', () => {
		expect(evaluateCondition({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team'] } }, tags)).toBe('true');
		expect(evaluateCondition({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['team', 'cost'] } }, tags)).toBe('false');
		expect(evaluateCondition({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['owner'] } }, tags)).toBe('false');
	});
});

describe('time conditions at the edges', () => {
	const now = '2026-12-01T00:00:00Z';
	const past = '2026-06-30T00:00:00Z';
	const future = '2027-01-01T00:00:00Z';
	it('an upper bound equal to the scan time still holds at it: unknown', () => {
		expect(evaluateCondition({ DateLessThanEquals: { 'aws:CurrentTime': [now] } }, { now })).toBe('unknown');
		expect(evaluateCondition({ DateLessThanEquals: { 'aws:TokenIssueTime': ['2026-11-29T12:00:00Z'] } }, { now })).toBe('unknown');
	});
	it('with several bounds, the latest decides', () => {
		expect(evaluateCondition({ DateLessThan: { 'aws:CurrentTime': [past, future] } }, { now })).toBe('unknown');
		expect(evaluateCondition({ DateLessThan: { 'aws:CurrentTime': [past, '2026-07-31T00:00:00Z'] } }, { now })).toBe('false');
	});
	it('aws:EpochTime is in seconds', () => {
		expect(evaluateCondition({ NumericLessThan: { 'aws:EpochTime': ['1900000000'] } }, { now })).toBe('unknown');
	});
	it('a passed lower bound, a bound that is no date, or a date on another key stays unknown', () => {
		expect(evaluateCondition({ DateGreaterThan: { 'aws:CurrentTime': [past] } }, { now })).toBe('unknown');
		expect(evaluateCondition({ DateLessThan: { 'aws:CurrentTime': ['end of June'] } }, { now })).toBe('unknown');
		expect(evaluateCondition({ DateLessThan: { 'aws:ResourceTag/expires': [past] } }, { now })).toBe('unknown');
	});
	it('a stated current time is compared, not the scan time', () => {
		expect(evaluateCondition({ DateLessThan: { 'aws:CurrentTime': [past] } }, { now, keys: { 'aws:CurrentTime': ['2026-06-01T00:00:00Z'] } })).toBe('true');
	});
});
