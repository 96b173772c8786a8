import { describe, expect, it } from 'vitest';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { compileDocument, statementApplies, statementCoversResource, statementsForAction, type CompiledDocument } from '../../../source/core/policy-engine/compiled-policy.js';
import { userArn } from '../../helpers/model-builder.js';

type Raw = Record<string, unknown>;
const compile = (...statements: Raw[]) => compileDocument(normalisePolicyDocument({ Version: '2012-10-17', Statement: statements }));
/** The positions of the statements that cover the action, as `statementsForAction` orders them. */
const indexesFor = (doc: CompiledDocument, action: string) => statementsForAction(doc, action).map((s) => s.index);
const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

describe('compileDocument', () => {
	it('keeps each statement with its position, effect, and the Sid, resources and condition it has', () => {
		const doc = compile({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: mfa }, { Effect: 'Deny', Action: 'iam:*', NotResource: userArn('me') });
		const [read, deny] = doc.statements;
		expect(read).toMatchObject({ index: 0, sid: 'Read', effect: 'Allow', resources: ['arn:aws:s3:::b/*'], condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } } });
		expect(read).not.toHaveProperty('notResources');
		expect(read!.statement).toBe(doc.document.Statement[0]);
		expect(deny).toMatchObject({ index: 1, effect: 'Deny', notResources: [userArn('me')] });
		expect(Object.keys(deny!).filter((k) => ['sid', 'resources', 'condition'].includes(k))).toEqual([]);
	});

	it('compiles a document once: the same document object gives the same compilation', () => {
		const document = normalisePolicyDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
		expect(compileDocument(document)).toBe(compileDocument(document));
		expect(compileDocument(structuredClone(document))).not.toBe(compileDocument(document));
	});

	it('indexes statements by the service each action names, and those that may match any service apart', () => {
		const doc = compile(
			{ Effect: 'Allow', Action: ['S3:GetObject', 's3:PutObject', 'IAM:Get*'], Resource: '*' },
			{ Effect: 'Allow', Action: '*:Get*', Resource: '*' },
			{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
			{ Effect: 'Allow', Action: ['ec2:RunInstances', 'ec?:Describe*'], Resource: '*' },
		);
		expect([...doc.byService].map(([service, list]) => [service, list.map((s) => s.index)])).toEqual([
			['s3', [0]],
			['iam', [0]],
		]);
		expect(doc.anyService.map((s) => s.index)).toEqual([1, 2, 3]);
	});
});

describe('statementsForAction', () => {
	it('matches action names case-insensitively, exactly or by their wildcards', () => {
		const doc = compile({ Effect: 'Allow', Action: 'IAM:PassRole', Resource: '*' }, { Effect: 'Allow', Action: 's3:Get?bject*', Resource: '*' }, { Effect: 'Allow', Action: 'iam:Get?ser', Resource: '*' });
		expect(indexesFor(doc, 'iam:passrole')).toEqual([0]);
		expect(indexesFor(doc, 'iam:PassRoles')).toEqual([]);
		expect(indexesFor(doc, 'S3:GetObjectTagging')).toEqual([1]);
		expect(indexesFor(doc, 's3:GetBucketPolicy')).toEqual([]);
		expect(indexesFor(doc, 'iam:GetUser')).toEqual([2]);
		expect(indexesFor(doc, 'iam:GetUsers')).toEqual([]);
	});

	it('matches any action of a statement with several, and none for an empty Action', () => {
		const doc = compile({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }, { Effect: 'Allow', Action: [], Resource: '*' });
		expect(indexesFor(doc, 's3:ListBucket')).toEqual([0]);
		expect(indexesFor(doc, 's3:GetObject')).toEqual([0]);
		expect(indexesFor(doc, 's3:PutObject')).toEqual([]);
	});

	it('matches every action but the named ones for NotAction', () => {
		const doc = compile({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' });
		expect(indexesFor(doc, 'ec2:RunInstances')).toEqual([0]);
		expect(indexesFor(doc, 'iam:CreateUser')).toEqual([]);
		expect(indexesFor(doc, 'organizations:LeaveOrganization')).toEqual([]);
	});

	it('lists the statements of the action’s service and those of any service together, in document order', () => {
		const doc = compile(
			{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' },
			{ Effect: 'Allow', Action: '*', Resource: '*' },
			{ Effect: 'Deny', Action: 'iam:*', Resource: '*' },
			{ Effect: 'Allow', Action: '*:Get*', Resource: '*' },
			{ Effect: 'Deny', Action: 's3:*', Resource: '*' },
		);
		expect(indexesFor(doc, 'iam:GetUser')).toEqual([0, 1, 2, 3]);
		expect(indexesFor(doc, 's3:ListBucket')).toEqual([1, 4]);
		expect(indexesFor(compile({ Effect: 'Allow', Action: '*', Resource: '*' }), 'ec2:RunInstances')).toEqual([0]);
		expect(indexesFor(compile({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }), 'iam:GetUser')).toEqual([0]);
	});

	it('answers none for an action no statement names, and the same list when asked again', () => {
		const doc = compile({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' });
		expect(statementsForAction(doc, 's3:GetObject')).toEqual([]);
		expect(statementsForAction(doc, 'iam:CreateUser')).toEqual([]);
		expect(statementsForAction(doc, 'iam:GetUser')).toBe(statementsForAction(doc, 'iam:GetUser'));
	});
});

describe('statementCoversResource and statementApplies', () => {
	const [onUser, notOnUser, anywhere, mfaOnly] = compile(
		{ Effect: 'Allow', Action: 'iam:*', Resource: ['arn:aws:iam::123456789012:user/${aws:username}', 'arn:aws:s3:::shared/*'] },
		{ Effect: 'Deny', Action: 'iam:*', NotResource: 'arn:aws:iam::123456789012:user/${aws:username}' },
		{ Effect: 'Deny', Action: 's3:*' },
		{ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: mfa },
	).statements;
	const asBob = { variables: { 'aws:username': 'bob' } };

	it('resolves policy variables in Resource and NotResource', () => {
		expect(statementCoversResource(onUser!, userArn('bob'), asBob)).toBe(true);
		expect(statementCoversResource(onUser!, userArn('eve'), asBob)).toBe(false);
		expect(statementCoversResource(onUser!, 'arn:aws:s3:::shared/k', asBob)).toBe(true);
		expect(statementCoversResource(notOnUser!, userArn('bob'), asBob)).toBe(false);
		expect(statementCoversResource(notOnUser!, userArn('eve'), asBob)).toBe(true);
	});

	it('covers no resource by a variable the request does not know, and every resource without Resource', () => {
		expect(statementCoversResource(onUser!, userArn('bob'), {})).toBe(false);
		expect(statementCoversResource(anywhere!, 'arn:aws:s3:::any/thing', {})).toBe(true);
	});

	it('applies when the resource is covered, under the statement’s condition', () => {
		expect(statementApplies(onUser!, userArn('bob'), asBob)).toBe('true');
		expect(statementApplies(onUser!, userArn('eve'), asBob)).toBe('false');
		expect(statementApplies(mfaOnly!, userArn('eve'), {})).toBe('unknown');
		expect(statementApplies(mfaOnly!, userArn('eve'), { keys: { 'aws:MultiFactorAuthPresent': ['false'] } })).toBe('false');
		expect(statementApplies(mfaOnly!, userArn('eve'), { keys: { 'aws:MultiFactorAuthPresent': ['true'] } })).toBe('true');
	});
});
