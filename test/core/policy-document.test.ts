import { describe, expect, it } from 'vitest';
import { normalisePolicyDocument, parsePolicyInput, PolicyDocumentError, policyDocumentToJson } from '../../source/core/policy-document.js';

function statementOf(statement: object) {
	return normalisePolicyDocument({ Version: '2012-10-17', Statement: [statement] }).Statement[0];
}

function errorOf(input: unknown): string {
	try {
		normalisePolicyDocument(input);
	} catch (error) {
		expect(error).toBeInstanceOf(PolicyDocumentError);
		return (error as Error).message;
	}
	throw new Error('expected normalisePolicyDocument to throw');
}

describe('normalisePolicyDocument', () => {
	it('turns string-or-list fields into lists', () => {
		expect(statementOf({ Sid: 'One', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })).toEqual({
			Sid: 'One',
			Effect: 'Allow',
			Action: ['s3:GetObject'],
			Resource: ['arn:aws:s3:::b/*'],
		});
		expect(statementOf({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], NotResource: 'arn:aws:iam::*:role/x' })).toEqual({
			Effect: 'Deny',
			NotAction: ['iam:*', 'sts:*'],
			NotResource: ['arn:aws:iam::*:role/x'],
		});
	});

	it('accepts a single Statement object and a document without statements', () => {
		const doc = normalisePolicyDocument({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } });
		expect(doc).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] });
		expect(normalisePolicyDocument({ Version: '2012-10-17' })).toEqual({ Version: '2012-10-17', Statement: [] });
	});

	it('keeps the Id and leaves the input untouched', () => {
		const input = { Version: '2012-10-17', Id: 'p1', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }] };
		const copy = structuredClone(input);
		const doc = normalisePolicyDocument(input);
		expect(doc.Id).toBe('p1');
		doc.Statement[0].Action?.push('ec2:*');
		expect(input).toEqual(copy);
	});

	describe('Principal', () => {
		it('keeps "*" as "*" and {"AWS": "*"} as a map', () => {
			expect(statementOf({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }).Principal).toBe('*');
			expect(statementOf({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }).Principal).toEqual({ AWS: ['*'] });
		});

		it('keeps lists of ARNs and account IDs, given as strings or numbers', () => {
			const principal = statementOf({
				Effect: 'Allow',
				Principal: { AWS: ['arn:aws:iam::444455556666:root', '123456789012'] },
				Action: 'sts:AssumeRole',
			}).Principal;
			expect(principal).toEqual({ AWS: ['arn:aws:iam::444455556666:root', '123456789012'] });
			expect(statementOf({ Effect: 'Allow', Principal: { AWS: 123456789012 }, Action: 'sts:AssumeRole' }).Principal).toEqual({ AWS: ['123456789012'] });
		});

		it('reads Service, Federated and CanonicalUser principals, and NotPrincipal', () => {
			expect(
				statementOf({
					Effect: 'Allow',
					Principal: { Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'], Federated: 'cognito-identity.amazonaws.com' },
					Action: 'sts:AssumeRole',
				}).Principal,
			).toEqual({ Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'], Federated: ['cognito-identity.amazonaws.com'] });
			expect(statementOf({ Effect: 'Deny', NotPrincipal: { CanonicalUser: 'abc' }, Action: '*' }).NotPrincipal).toEqual({ CanonicalUser: ['abc'] });
		});

		it('names the statement when a principal is malformed', () => {
			expect(errorOf({ Statement: [{ Effect: 'Allow', Principal: { aws: '*' } }] })).toBe('Statement 1 Principal has an unknown principal type "aws"');
			expect(errorOf({ Statement: [{ Effect: 'Allow', Action: '*' }, { Effect: 'Allow', Principal: ['*'] }] })).toBe(
				'Statement 2 Principal must be "*" or an object',
			);
			expect(errorOf({ Statement: [{ Effect: 'Allow', Principal: { AWS: [{}] } }] })).toBe(
				'Statement 1 Principal.AWS must be a string or a list of strings',
			);
		});
	});

	describe('Condition', () => {
		it('turns string, list, boolean and number values into lists of strings', () => {
			const condition = statementOf({
				Effect: 'Deny',
				Action: '*',
				Resource: '*',
				Condition: {
					StringEquals: { 'sts:ExternalId': 'x', 'aws:PrincipalOrgID': ['o-1', 'o-2'] },
					BoolIfExists: { 'aws:MultiFactorAuthPresent': false },
					NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
				},
			}).Condition;
			expect(condition).toEqual({
				StringEquals: { 'sts:ExternalId': ['x'], 'aws:PrincipalOrgID': ['o-1', 'o-2'] },
				BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] },
				NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600'] },
			});
		});

		it('names the statement when a condition is malformed', () => {
			expect(errorOf({ Statement: [{ Effect: 'Allow', Action: '*', Condition: ['x'] }] })).toBe('Statement 1 Condition must be an object');
			expect(errorOf({ Statement: [{ Effect: 'Allow', Action: '*', Condition: { Bool: 'true' } }] })).toBe('Statement 1 Condition.Bool must be an object');
		});
	});

	describe('text input', () => {
		const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' }] };
		const expected = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::b'] }] };

		it('reads plain JSON, pretty-printed or not', () => {
			expect(normalisePolicyDocument(JSON.stringify(doc))).toEqual(expected);
			expect(normalisePolicyDocument(`\n${JSON.stringify(doc, null, 2)}\n`)).toEqual(expected);
		});

		it('reads URL-encoded JSON as the IAM API returns it', () => {
			expect(normalisePolicyDocument(encodeURIComponent(JSON.stringify(doc, null, 4)))).toEqual(expected);
			const withPercent = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/100%' }] };
			expect(normalisePolicyDocument(encodeURIComponent(JSON.stringify(withPercent))).Statement[0].Resource).toEqual(['arn:aws:s3:::b/100%']);
			expect(parsePolicyInput(encodeURIComponent('{"a":1}'))).toEqual({ a: 1 });
		});

		it('says what is wrong with text that is not a policy document', () => {
			expect(errorOf('{"Version": "2012-10-17", "Statement": [')).toBe('the policy document is not valid JSON');
			expect(errorOf('%7B%22Version')).toBe('the policy document is not valid JSON');
			expect(errorOf('100% wrong')).toBe('the policy document is neither JSON nor URL-encoded JSON');
			expect(errorOf('')).toBe('the policy document is not valid JSON');
			expect(errorOf('[1, 2]')).toBe('the policy document must be a JSON object');
			expect(errorOf(null)).toBe('the policy document must be a JSON object');
		});
	});

	it('rejects statements that are not objects or have no valid Effect', () => {
		expect(errorOf({ Statement: ['s3:*'] })).toBe('Statement 1 must be an object');
		expect(errorOf({ Statement: [{ Action: '*' }] })).toBe('Statement 1 has Effect undefined, not "Allow" or "Deny"');
		expect(errorOf({ Statement: [{ Effect: 'allow', Action: '*' }] })).toBe('Statement 1 has Effect "allow", not "Allow" or "Deny"');
		expect(errorOf({ Statement: [{ Effect: 'Allow', Action: true }] })).toBe('Statement 1 Action must be a string or a list of strings');
	});
});

describe('normalisePolicyDocument on malformed and unusual input', () => {
	it('keeps a list mixing strings and numbers as strings, and refuses a list holding anything else', () => {
		expect(statementOf({ Effect: 'Allow', Principal: { AWS: [123456789012, 'arn:aws:iam::444455556666:root'] }, Action: 'sts:AssumeRole' }).Principal).toEqual({ AWS: ['123456789012', 'arn:aws:iam::444455556666:root'] });
		expect(errorOf({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', {}] }] })).toBe('Statement 1 Action must be a string or a list of strings');
		expect(errorOf({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', null] }] })).toBe('Statement 1 Action must be a string or a list of strings');
	});

	it('refuses a Principal, NotPrincipal, Condition or condition block that is null, a string, a number or a list', () => {
		for (const bad of [null, 'arn:aws:iam::123456789012:root', 5, ['*']]) {
			expect(errorOf({ Statement: [{ Effect: 'Allow', Principal: bad, Action: '*' }] })).toBe('Statement 1 Principal must be "*" or an object');
			expect(errorOf({ Statement: [{ Effect: 'Allow', Action: '*' }, { Effect: 'Deny', NotPrincipal: bad, Action: '*' }] })).toBe('Statement 2 NotPrincipal must be "*" or an object');
			expect(errorOf({ Statement: [{ Effect: 'Allow', Action: '*', Condition: bad }] })).toBe('Statement 1 Condition must be an object');
			expect(errorOf({ Statement: [{ Effect: 'Allow', Action: '*', Condition: { StringEquals: bad } }] })).toBe('Statement 1 Condition.StringEquals must be an object');
		}
	});

	it('refuses a statement or a document that is null, a string or a number', () => {
		for (const bad of [null, 's3:*', 5]) expect(errorOf({ Statement: [bad] })).toBe('Statement 1 must be an object');
		expect(errorOf('5')).toBe('the policy document must be a JSON object');
		expect(errorOf('"a policy"')).toBe('the policy document must be a JSON object');
		expect(errorOf(5)).toBe('the policy document must be a JSON object');
	});

	it('keeps Sid, Version and Id only when they are strings', () => {
		const doc = normalisePolicyDocument({ Version: 2012, Id: 7, Statement: [{ Sid: 5, Effect: 'Allow', Action: '*' }] });
		expect(doc).toEqual({ Statement: [{ Effect: 'Allow', Action: ['*'] }] });
	});

	it("reads plain JSON as it is: a '%' sequence in it is no URL encoding", () => {
		const json = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/%41', 'arn:aws:s3:::b/100%'] }] });
		expect(normalisePolicyDocument(json).Statement[0]!.Resource).toEqual(['arn:aws:s3:::b/%41', 'arn:aws:s3:::b/100%']);
		// Blanks before it (a file ending in a newline, pretty-printed text) do not make it URL-encoded.
		expect(normalisePolicyDocument(`\n  ${json}\n`).Statement[0]!.Resource).toEqual(['arn:aws:s3:::b/%41', 'arn:aws:s3:::b/100%']);
	});

	it('throws errors named PolicyDocumentError', () => {
		expect(() => normalisePolicyDocument('[')).toThrow(expect.objectContaining({ name: 'PolicyDocumentError' }));
	});
});

describe('policyDocumentToJson', () => {
	it('writes an Id after the Version, as AWS orders them', () => {
		const doc = normalisePolicyDocument({ Id: 'scoped-by-iam-wizard', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } });
		expect(policyDocumentToJson(doc)).toBe('{"Version":"2012-10-17","Id":"scoped-by-iam-wizard","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":["*"]}]}');
	});

	it('writes Version first, defaulting it, and round-trips through normalisation', () => {
		const doc = normalisePolicyDocument({ Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } });
		const json = policyDocumentToJson(doc);
		expect(json).toBe('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":["*"]}]}');
		expect(normalisePolicyDocument(json)).toEqual({ ...doc, Version: '2012-10-17' });
		expect(policyDocumentToJson(doc, 2).split('\n')[1]).toBe('  "Version": "2012-10-17",');
	});
});
