import { beforeAll, describe, expect, it } from 'vitest';
import { loadIamCatalogue } from '../../source/aws/iam-catalogue.js';
import type { IamCatalogue } from '../../source/core/policy-engine/catalogue.js';
import type { PolicyDocument, Statement } from '../../source/core/policy-document.js';
import { checkInlineAggregateSize, checkManagedPolicySize, policySize } from '../../source/core/policy-size.js';
import { validatePolicyLocally } from '../../source/core/policy-validation.js';

let catalogue: IamCatalogue;
beforeAll(async () => {
	catalogue = await loadIamCatalogue();
});

const doc = (...Statement: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const codes = (d: PolicyDocument) => validatePolicyLocally(d, 'IDENTITY_POLICY', catalogue).map((i) => `${i.findingType}:${i.issueCode}@${i.statementIndex ?? '-'}`);

describe('validatePolicyLocally', () => {
	it('reports an action that does not exist, a service that does not exist, and a resource of another service', () => {
		const legacy = doc(
			{ Sid: 'ReadReports', Effect: 'Allow', Action: ['s3:GetObjects'], Resource: ['arn:aws:s3:::acme-reports/*'] },
			{ Sid: 'NotifyReports', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:s3:::acme-reports'] },
			{ Effect: 'Allow', Action: ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'], Resource: ['*'] },
			{ Effect: 'Allow', Action: ['notaservice:Get*'], Resource: ['*'] },
		);
		expect(codes(legacy)).toEqual(['ERROR:INVALID_ACTION@0', 'ERROR:RESOURCE_ACTION_MISMATCH@1', 'ERROR:INVALID_SERVICE_IN_ACTION@3']);
		const [first] = validatePolicyLocally(legacy, 'IDENTITY_POLICY', catalogue);
		expect(first!.detail).toBe('The action s3:GetObjects (statement ReadReports) does not exist in s3.');
	});

	it('gives only the blocking issues when asked, the same ones in the same order', () => {
		const mixed = doc(
			{ Sid: 'Writes', Effect: 'Allow', Action: ['iam:PassRole', 's3:PutObject'], Resource: ['*'] },
			{ Effect: 'Allow', Action: ['iam:ListRoles', 'sqs:SendMessage', 's3:GetObjects'], Resource: ['arn:aws:s3:::acme-reports'] },
			{ Effect: 'Allow', Action: [], Resource: ['*'] },
		);
		const all = validatePolicyLocally(mixed, 'IDENTITY_POLICY', catalogue);
		expect(all.map((i) => i.findingType)).toEqual(expect.arrayContaining(['WARNING', 'ERROR', 'SECURITY_WARNING']));
		expect(validatePolicyLocally(mixed, 'IDENTITY_POLICY', catalogue, { blockingOnly: true })).toEqual(all.filter((i) => i.findingType === 'ERROR' || i.findingType === 'SECURITY_WARNING'));
	});

	it('passes a scoped, well-formed policy with variables and wildcards in ARNs', () => {
		expect(
			codes(
				doc(
					{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::acme-terraform-state/*'] },
					{ Effect: 'Allow', Action: ['iam:CreateAccessKey'], Resource: ['arn:aws:iam::123456789012:user/${aws:username}'] },
					{ Effect: 'Allow', Action: ['s3:Get*'], Resource: ['arn:aws:s3:::acme-data-lake'] },
					{ Effect: 'Deny', Action: ['*'], Resource: ['*'], Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } } },
				),
			),
		).toEqual([]);
	});

	it('warns of writes on "*", and PassRole on "*" is a security warning; *-only actions on "*" are fine', () => {
		expect(codes(doc({ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: ['*'] }))).toEqual([
			'SECURITY_WARNING:PASS_ROLE_WITH_STAR_IN_RESOURCE@0',
			'WARNING:WRITE_ON_WILDCARD_RESOURCE@0',
		]);
		expect(codes(doc({ Effect: 'Allow', Action: ['iam:ListRoles', 'sts:GetCallerIdentity', 's3:ListAllMyBuckets'], Resource: ['*'] }))).toEqual([]);
		expect(codes(doc({ Effect: 'Allow', Action: ['iam:ListRoles'], Resource: ['arn:aws:iam::123456789012:role/x'] }))).toEqual(['WARNING:RESOURCE_FOR_WILDCARD_ONLY_ACTION@0']);
	});

	it('reports empty policies and statements, and a document over 6,144 characters', () => {
		expect(codes(doc())).toEqual(['ERROR:EMPTY_POLICY@-']);
		expect(codes(doc({ Effect: 'Allow', Action: [], Resource: [] }))).toEqual(['ERROR:MISSING_ACTION@0', 'ERROR:MISSING_RESOURCE@0']);
		const big = doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: Array.from({ length: 200 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`) });
		expect(policySize(big)).toBeGreaterThan(6144);
		expect(codes(big)).toEqual(['ERROR:POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA@-']);
	});
});

describe('validatePolicyLocally, issue by issue', () => {
	const issues = (d: PolicyDocument, type: 'IDENTITY_POLICY' | 'RESOURCE_POLICY' | 'SERVICE_CONTROL_POLICY' = 'IDENTITY_POLICY') => validatePolicyLocally(d, type, catalogue);

	it('says what is wrong, naming the statement by Sid or by number', () => {
		expect(issues(doc({ Effect: 'Allow', Action: ['nope:Get'], Resource: ['*'] }))).toEqual([
			{ findingType: 'ERROR', issueCode: 'INVALID_SERVICE_IN_ACTION', detail: 'The service prefix "nope" in action nope:Get (statement 1) is not an AWS service.', statementIndex: 0 },
		]);
		expect(issues(doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }, { Sid: 'Notify', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] }))).toEqual([
			{ findingType: 'ERROR', issueCode: 'RESOURCE_ACTION_MISMATCH', detail: 'No resource of statement Notify (arn:aws:s3:::a, arn:aws:s3:::b) is of a type sqs:SendMessage accepts, so the statement grants it nothing.', statementIndex: 1 },
		]);
		expect(issues(doc({ Effect: 'Allow', Action: ['iam:ListRoles'], Resource: ['arn:aws:iam::123456789012:role/x'] }))[0]?.detail).toBe('iam:ListRoles (statement 1) accepts only Resource "*", so the ARNs given grant it nothing.');
		expect(issues(doc({ Sid: 'Pass', Effect: 'Allow', Action: ['iam:PassRole'], Resource: ['*'] }))).toEqual([
			{ findingType: 'SECURITY_WARNING', issueCode: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', detail: 'iam:PassRole on Resource "*" (statement Pass) lets the principal pass any role to a service.', statementIndex: 0 },
			{ findingType: 'WARNING', issueCode: 'WRITE_ON_WILDCARD_RESOURCE', detail: 'statement Pass allows iam:PassRole on Resource "*" though they take specific ARNs.', statementIndex: 0 },
		]);
		expect(issues(doc({ Sid: 'Empty', Effect: 'Allow', Action: [], Resource: [] })).map((i) => i.detail)).toEqual(['statement Empty names no action.', 'statement Empty names no resource.']);
		expect(issues(doc())).toEqual([{ findingType: 'ERROR', issueCode: 'EMPTY_POLICY', detail: 'The policy has no statement.' }]);
		// A document-level issue names no statement: the key is absent, not undefined.
		expect('statementIndex' in issues(doc())[0]!).toBe(false);
	});

	it('names three writes on "*" and counts the rest', () => {
		const writes = ['s3:PutObject', 's3:DeleteObject', 's3:PutBucketPolicy', 's3:DeleteBucket', 's3:PutBucketVersioning'];
		const [only] = issues(doc({ Effect: 'Allow', Action: writes, Resource: ['*'] }));
		expect(only?.detail).toBe('statement 1 allows s3:PutObject, s3:DeleteObject, s3:PutBucketPolicy and 2 more on Resource "*" though they take specific ARNs.');
		const [three] = issues(doc({ Effect: 'Allow', Action: writes.slice(0, 3), Resource: ['*'] }));
		expect(three?.detail).not.toContain('more');
	});

	it('checks NotAction for unknown actions, and skips "*" and service wildcards', () => {
		expect(codes(doc({ Effect: 'Deny', NotAction: ['iam:NoSuchThing', '*', 's3*:Get*', 'iam:Get*'], Resource: ['*'] }))).toEqual(['ERROR:INVALID_ACTION@0']);
		expect(codes(doc({ Effect: 'Allow', Action: ['noColon'], Resource: ['*'] }))).toEqual(['ERROR:INVALID_SERVICE_IN_ACTION@0']);
	});

	it('is content with NotAction and NotResource in place of Action and Resource', () => {
		expect(codes(doc({ Effect: 'Deny', NotAction: ['iam:GetUser'], NotResource: ['arn:aws:iam::123456789012:user/x'] }))).toEqual([]);
		expect(codes(doc({ Effect: 'Allow', Action: ['sqs:SendMessage'], NotResource: ['arn:aws:s3:::a'] }))).toEqual([]);
		expect(codes(doc({ Effect: 'Deny', NotAction: ['sqs:SendMessage'], Resource: ['arn:aws:s3:::a'] }))).toEqual([]);
	});

	it('reports a statement with no action at all once, as missing', () => {
		expect(codes(doc({ Effect: 'Allow', Resource: ['*'] } as Statement))).toEqual(['ERROR:MISSING_ACTION@0']);
	});

	it('leaves resources alone for an unknown action, and when one resource of several fits', () => {
		expect(codes(doc({ Effect: 'Allow', Action: ['s3:GetObjects'], Resource: ['arn:aws:iam::123456789012:role/x'] }))).toEqual(['ERROR:INVALID_ACTION@0']);
		expect(codes(doc({ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:s3:::a', 'arn:aws:sqs:us-east-1:123456789012:q'] }))).toEqual([]);
	});

	it('warns of nothing on "*" for a Deny, nor of PassRole under a condition', () => {
		expect(codes(doc({ Effect: 'Deny', Action: ['iam:PassRole', 's3:PutObject'], Resource: ['*'] }))).toEqual([]);
		expect(codes(doc({ Effect: 'Allow', Action: ['iam:PassRole'], Resource: ['*'], Condition: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com'] } } }))).toEqual([
			'WARNING:WRITE_ON_WILDCARD_RESOURCE@0',
		]);
	});

	it('checks only shape and actions of other policy types, and no size', () => {
		const mixed = doc({ Effect: 'Allow', Action: ['iam:PassRole', 'sqs:SendMessage', 'nope:X'], Resource: ['arn:aws:s3:::a'] }, { Effect: 'Allow', Action: [], Resource: ['*'] });
		expect(codes(mixed)).toContain('ERROR:RESOURCE_ACTION_MISMATCH@0');
		for (const type of ['RESOURCE_POLICY', 'SERVICE_CONTROL_POLICY'] as const) {
			expect(issues(mixed, type).map((i) => `${i.findingType}:${i.issueCode}@${i.statementIndex}`)).toEqual(['ERROR:INVALID_SERVICE_IN_ACTION@0', 'ERROR:MISSING_ACTION@1']);
		}
		const big = doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: Array.from({ length: 200 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`) });
		expect(issues(big, 'SERVICE_CONTROL_POLICY')).toEqual([]);
		expect(issues(big)[0]?.detail).toBe(`The policy is ${policySize(big)} characters without whitespace; a managed policy may hold 6144.`);
	});

	it('gives the same answer for a pattern in another case and for the same statement twice (the memo)', () => {
		const once = doc({ Effect: 'Allow', Action: ['SQS:SendMessage'], Resource: ['arn:aws:s3:::a'] });
		expect(codes(once)).toEqual(['ERROR:RESOURCE_ACTION_MISMATCH@0']);
		expect(codes(doc({ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:s3:::a'] }))).toEqual(['ERROR:RESOURCE_ACTION_MISMATCH@0']);
		expect(codes(doc({ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-1:123456789012:q'] }))).toEqual([]);
	});
});

describe('size quotas', () => {
	it('counts characters without whitespace and checks inline aggregates per owner type', () => {
		const small = doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::a/*'] });
		expect(policySize(small)).toBe(JSON.stringify({ Version: '2012-10-17', Statement: small.Statement }).length);
		expect(checkManagedPolicySize(small)).toMatchObject({ fits: true, limit: 6144 });
		const bulky = doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: Array.from({ length: 40 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) });
		const size = policySize(bulky);
		expect(size).toBeGreaterThan(1024);
		expect(size).toBeLessThan(2048);
		// Two of them are too many for a user (2,048 together) but fit a role (10,240).
		expect(checkInlineAggregateSize('user', [{ name: 'a', document: bulky }], 'b', bulky)).toMatchObject({ fits: false, limit: 2048, size: size * 2 });
		expect(checkInlineAggregateSize('role', [{ name: 'a', document: bulky }], 'b', bulky)).toMatchObject({ fits: true, limit: 10240 });
		// Replacing a policy of the same name does not count it twice.
		expect(checkInlineAggregateSize('user', [{ name: 'a', document: bulky }], 'a', bulky)).toMatchObject({ fits: true, size });
	});

	/** A one-statement document of exactly `size` characters (its Sid pads it). */
	function ofSize(size: number): PolicyDocument {
		const bare = policySize(doc({ Sid: '', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }));
		const sized = doc({ Sid: 'S'.repeat(size - bare), Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] });
		expect(policySize(sized)).toBe(size);
		return sized;
	}

	it('lets a policy of exactly the quota fit, and not one character more', () => {
		expect(checkManagedPolicySize(ofSize(6144))).toMatchObject({ fits: true, size: 6144 });
		expect(checkManagedPolicySize(ofSize(6145))).toMatchObject({ fits: false, size: 6145 });
		expect(codes(ofSize(6144))).not.toContain('ERROR:POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA@-');
		expect(codes(ofSize(6145))).toContain('ERROR:POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA@-');
		for (const [owner, limit] of [['user', 2048], ['group', 5120], ['role', 10240]] as const) {
			expect(checkInlineAggregateSize(owner, [{ name: 'a', document: ofSize(1000) }], 'b', ofSize(limit - 1000))).toMatchObject({ fits: true, limit, size: limit });
			expect(checkInlineAggregateSize(owner, [{ name: 'a', document: ofSize(1000) }], 'b', ofSize(limit - 999))).toMatchObject({ fits: false, limit });
		}
	});
});
