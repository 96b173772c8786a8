/**
 * Whether a Resource pattern can name a resource of an ARN format: the token matcher on its
 * own (arnPatternFitsFormat), and through the catalogue (arnPatternFitsAction) as policy
 * validation and the escalation methods use it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIamCatalogue } from '../../source/aws/iam-catalogue.js';
import { arnPatternFitsAction, arnPatternFitsFormat } from '../../source/core/arn-pattern.js';
import type { IamCatalogue } from '../../source/core/policy-engine/catalogue.js';
import { normalisePolicyDocument } from '../../source/core/policy-document.js';
import { validatePolicyLocally } from '../../source/core/policy-validation.js';

let catalogue: IamCatalogue;
beforeAll(async () => {
	catalogue = await loadIamCatalogue();
});

const ssmDocument = 'arn:${Partition}:ssm:${Region}:${Account}:document/${DocumentName}';

describe('an ARN with no account', () => {
	it('fits a format with an account: AWS-owned SSM documents have none', () => {
		expect(arnPatternFitsFormat('arn:aws:ssm:us-east-1::document/AWS-RunShellScript', ssmDocument)).toBe(true);
		expect(arnPatternFitsAction(catalogue, 'ssm:SendCommand', 'arn:aws:ssm:us-east-1::document/AWS-RunShellScript')).toBe(true);
		expect(arnPatternFitsAction(catalogue, 'ssm:GetParameter', 'arn:aws:ssm:us-east-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64')).toBe(true);
	});

	it('is no resource mismatch in a policy that lets SendCommand run AWS-RunShellScript', () => {
		const document = normalisePolicyDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:SendCommand', Resource: 'arn:aws:ssm:us-east-1::document/AWS-RunShellScript' }] });
		expect(validatePolicyLocally(document, 'IDENTITY_POLICY', catalogue)).toEqual([]);
	});

	it('still needs a partition', () => {
		expect(arnPatternFitsFormat('arn::ssm:us-east-1:123456789012:document/d', ssmDocument)).toBe(false);
	});
});

describe('arnPatternFitsFormat', () => {
	const logStream = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}';
	const user = 'arn:${Partition}:iam::${Account}:user/${UserNameWithPath}';
	const bucket = 'arn:${Partition}:s3:::${BucketName}';

	it.each([
		['a run standing for more than one field', 'arn:aws:logs:us-east-1:123456789012:log-group:trail-logs:*', logStream, true],
		['every field written out', 'arn:aws:logs:eu-west-1:123456789012:log-group:g:log-stream:s', logStream, true],
		['runs on both sides', '*:log-stream:*', logStream, true],
		['"*" alone', '*', logStream, true],
		['a user ARN, as a user', 'arn:aws:iam::123456789012:user/alice', user, true],
		['a user ARN with a path', 'arn:aws:iam::123456789012:user/ops/alice', user, true],
		['a role ARN, as a user', 'arn:aws:iam::123456789012:role/alice', user, false],
		['a region where the format has none', 'arn:aws:iam:us-east-1:123456789012:user/alice', user, false],
		['a partition and account left to runs', 'arn:*:iam::*:user/alice', user, true],
		['one character for one', 'arn:aws:iam::12345678901?:user/?', user, true],
		['one character where none can be', 'arn:aws:s3:::b?', 'arn:${Partition}:s3:::b', false],
		['a bucket as a log stream', 'arn:aws:s3:::acme', logStream, false],
		['a bucket', 'arn:aws:s3:::acme', bucket, true],
		['a policy variable for the name', 'arn:aws:iam::123456789012:user/${aws:username}', user, true],
		// A variable stands for a value of one character or more, never for nothing.
		['a policy variable where nothing is left', 'arn:aws:s3:::b${aws:username}', 'arn:${Partition}:s3:::b', false],
		['a policy variable in a bucket name', 'arn:aws:s3:::b-${aws:username}', bucket, true],
		// Region and account hold no colon: three fields cannot be one region.
		['colons in a region', 'arn:aws:logs:a:b:c:123456789012:log-group:g:log-stream:s', logStream, false],
		['a colon in a partition', 'arn:aws:x:logs:us-east-1:123456789012:log-group:g:log-stream:s', logStream, false],
		['a colon in an account', 'arn:aws:iam::1:2:user/alice', user, false],
		['an empty partition', 'arn::iam::123456789012:user/alice', user, false],
		['an empty region', 'arn:aws:logs::123456789012:log-group:g:log-stream:s', logStream, true],
		['an empty name', 'arn:aws:iam::123456789012:user/', user, false],
		['a longer literal', 'arn:aws:iam::123456789012:user/alice/x:y', 'arn:${Partition}:iam::${Account}:user/alice', false],
		['a shorter literal', 'arn:aws:iam::123456789012:user/ali', 'arn:${Partition}:iam::${Account}:user/alice', false],
		['a literal with a run at its end', 'arn:aws:iam::123456789012:user/ali*', 'arn:${Partition}:iam::${Account}:user/alice', true],
		['a run standing for nothing', 'arn:aws:iam::123456789012:user/alice*', 'arn:${Partition}:iam::${Account}:user/alice', true],
		['? for a letter of the format', 'arn:aws:iam::123456789012:user/alic?', 'arn:${Partition}:iam::${Account}:user/alice', true],
		['? for a colon of the format', 'arn:aws:iam:?123456789012:user/alice', user, true],
		['a policy variable for an account', 'arn:aws:iam::${aws:PrincipalAccount}:user/alice', user, true],
		['a policy variable for three letters', 'arn:aws:s3:::${aws:username}', 'arn:${Partition}:s3:::abc', true],
		['a colon in a name', 'arn:aws:logs:us-east-1:123456789012:log-group:a:b:log-stream:s', logStream, true],
		['a name that starts with a colon', 'arn:aws:iam::123456789012:user/:alice', user, true],
		['a partition that starts with a colon', 'arn::aws:iam::123456789012:user/alice', user, false],
		['a run at the start, then what the format does not hold', '*:role/alice', 'arn:${Partition}:iam::${Account}:user/alice', false],
		['a run then a letter', '*b', 'ab', true],
		// A run of the pattern facing a run of the format may end first or last.
		['two runs in a bucket name', 'arn:aws:s3:::b*b*', bucket, true],
		['an empty pattern', '', user, false],
	])('%s: %s fits %s is %s', (_why, pattern, format, expected) => {
		expect(arnPatternFitsFormat(pattern, format)).toBe(expected);
	});
});

describe('arnPatternFitsAction', () => {
	it('takes "*" for any action the catalogue knows, and no pattern for one it does not', () => {
		expect(arnPatternFitsAction(catalogue, 'iam:ListRoles', '*')).toBe(true);
		expect(arnPatternFitsAction(catalogue, 'iam:NoSuchAction', '*')).toBeUndefined();
	});

	it("fits when any of the action's resource types does", () => {
		expect(arnPatternFitsAction(catalogue, 'ssm:SendCommand', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1')).toBe(true);
		expect(arnPatternFitsAction(catalogue, 'ssm:SendCommand', 'arn:aws:ssm:us-east-1:123456789012:document/d')).toBe(true);
		expect(arnPatternFitsAction(catalogue, 'ssm:SendCommand', 'arn:aws:iam::123456789012:role/r')).toBe(false);
	});
});
