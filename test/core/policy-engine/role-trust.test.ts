/**
 * How a role's trust policy admits a principal of the account (trustAdmits) and which
 * principals it names at all (trustIndex): by the principal's ARN (no identity allow needed
 * in the same account), by the account (root, account ID, `*`), or not at all; a Deny in the
 * trust wins; conditions are judged with what is known of the principal.
 */
import { describe, expect, it } from 'vitest';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { principalPolicies } from '../../../source/core/policy-engine/principal-policies.js';
import { trustAdmits, trustIndex } from '../../../source/core/policy-engine/role-trust.js';
import { buildModel, buildRole, buildUser, testAccountId, testRootArn, userArn } from '../../helpers/model-builder.js';

const alice = buildUser('alice', { tags: [{ Key: 'team', Value: 'ops' }] });
const model = buildModel({ users: [alice] });
const set = principalPolicies(model, alice, 'user');

function roleTrusting(...statements: Record<string, unknown>[]) {
	return buildRole('target', { trustPolicy: normalisePolicyDocument({ Version: '2012-10-17', Statement: statements }) });
}
const admits = (...statements: Record<string, unknown>[]) => trustAdmits(roleTrusting(...statements), set, testAccountId);
const allow = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra });
const deny = (principal: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Deny', Principal: principal, Action: 'sts:AssumeRole', ...extra });
const opsOnly = { StringEquals: { 'aws:PrincipalTag/team': 'ops' } };
const devOnly = { StringEquals: { 'aws:PrincipalTag/team': 'dev' } };
const fromOffice = { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };

describe('trustAdmits: who the trust names', () => {
	it("naming the principal's ARN admits it as named; the statement is counted from 1 and its Sid kept", () => {
		expect(admits(allow({ Service: 'ec2.amazonaws.com' }), allow({ AWS: userArn('alice') }, { Sid: 'Ops' }))).toEqual({ named: true, conditional: false, statement: 2, sid: 'Ops' });
	});

	it('the account root, the account ID, * and Principal "*" admit it through the account, in any partition of this account', () => {
		for (const principal of [{ AWS: testRootArn }, { AWS: testAccountId }, { AWS: '*' }, '*', { AWS: `arn:aws-cn:iam::${testAccountId}:root` }]) {
			expect(admits(allow(principal))).toEqual({ named: false, conditional: false, statement: 1 });
		}
	});

	it('another account, another principal, a service or a federated provider admit nothing', () => {
		for (const principal of [{ AWS: 'arn:aws:iam::999999999999:root' }, { AWS: '999999999999' }, { AWS: userArn('bob') }, { Service: 'lambda.amazonaws.com' }, { Federated: 'cognito-identity.amazonaws.com' }]) {
			expect(admits(allow(principal))).toBeNull();
		}
	});

	it('a statement counts only when its actions cover sts:AssumeRole, in any case, among others or by wildcard', () => {
		expect(admits(allow({ AWS: userArn('alice') }, { Action: 'sts:AssumeRoleWithWebIdentity' }))).toBeNull();
		expect(admits(allow({ AWS: userArn('alice') }, { Action: ['sts:TagSession', 'sts:AssumeRole'] }))?.named).toBe(true);
		expect(admits(allow({ AWS: userArn('alice') }, { Action: 'STS:assumerole' }))?.named).toBe(true);
		expect(admits(allow({ AWS: userArn('alice') }, { Action: 'sts:*' }))?.named).toBe(true);
		// NotAction covers every action it does not name.
		expect(admits({ Effect: 'Allow', Principal: { AWS: userArn('alice') }, NotAction: 'sts:TagSession' })?.named).toBe(true);
		expect(admits({ Effect: 'Allow', Principal: { AWS: userArn('alice') }, NotAction: ['sts:TagSession', 'sts:Assume*'] })).toBeNull();
		expect(admits({ Effect: 'Allow', Principal: { AWS: userArn('alice') }, NotAction: 'STS:ASSUMEROLE' })).toBeNull();
		expect(admits(allow({ AWS: userArn('alice') }), { Effect: 'Deny', Principal: { AWS: userArn('alice') }, NotAction: 'sts:TagSession' })).toBeNull();
	});
});

describe('trustAdmits: conditions and Deny', () => {
	it("an Allow's condition is judged with the principal's tags: true admits, false does not, unknown admits conditionally and says which", () => {
		// The condition as the normalised trust holds it: each value a list.
		expect(admits(allow({ AWS: testRootArn }, { Condition: opsOnly }))).toEqual({ named: false, conditional: false, statement: 1, condition: { StringEquals: { 'aws:PrincipalTag/team': ['ops'] } } });
		expect(admits(allow({ AWS: testRootArn }, { Condition: devOnly }))).toBeNull();
		expect(admits(allow({ AWS: testRootArn }, { Condition: fromOffice }))).toEqual({ named: false, conditional: true, statement: 1, condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } } });
	});

	it('a Deny naming the principal (or its account) wins when it holds; unknown leaves the admission conditional; false or another principal leaves it be', () => {
		const named = allow({ AWS: userArn('alice') });
		expect(admits(named, deny({ AWS: userArn('alice') }))).toBeNull();
		expect(admits(deny({ AWS: testRootArn }), named)).toBeNull();
		expect(admits(named, deny({ AWS: userArn('alice') }, { Condition: opsOnly }))).toBeNull();
		expect(admits(named, deny({ AWS: userArn('alice') }, { Condition: fromOffice }))).toEqual({ named: true, conditional: true, statement: 1 });
		expect(admits(named, deny({ AWS: userArn('alice') }, { Condition: devOnly }))).toEqual({ named: true, conditional: false, statement: 1 });
		expect(admits(named, deny({ AWS: userArn('bob') }))).toEqual({ named: true, conditional: false, statement: 1 });
		expect(admits(named, deny({ AWS: userArn('alice') }, { Action: 'sts:TagSession' }))).toEqual({ named: true, conditional: false, statement: 1 });
		// A Deny that may not hold admits nothing by itself.
		expect(admits(deny({ AWS: userArn('alice') }, { Condition: fromOffice }))).toBeNull();
	});

	it('a statement without Principal (NotPrincipal, which a trust policy may not hold) names no one, and nothing throws', () => {
		const everyoneBut = { Effect: 'Allow', NotPrincipal: { AWS: userArn('bob') }, Action: 'sts:AssumeRole' };
		expect(admits(everyoneBut)).toBeNull();
		expect(trustIndex(roleTrusting(everyoneBut), testAccountId)).toEqual({ arns: [], account: false });
	});

	it('of several admitting statements: one that always holds beats a conditional one, naming the ARN beats naming the account, and the first of equals stays', () => {
		const conditionalNamed = allow({ AWS: userArn('alice') }, { Condition: fromOffice });
		const plainAccount = allow({ AWS: testRootArn });
		const plainNamed = allow({ AWS: userArn('alice') });
		expect(admits(conditionalNamed, plainAccount)).toMatchObject({ named: false, conditional: false, statement: 2 });
		expect(admits(plainAccount, conditionalNamed)).toMatchObject({ named: false, conditional: false, statement: 1 });
		expect(admits(plainAccount, plainNamed)).toMatchObject({ named: true, conditional: false, statement: 2 });
		expect(admits(plainNamed, plainAccount)).toMatchObject({ named: true, conditional: false, statement: 1 });
		expect(admits(plainNamed, allow({ AWS: userArn('alice') }, { Sid: 'Second' }))).toEqual({ named: true, conditional: false, statement: 1 });
		expect(admits(allow({ AWS: testRootArn }, { Condition: fromOffice }), allow({ AWS: userArn('alice') }, { Condition: fromOffice }))).toMatchObject({ named: true, conditional: true, statement: 2 });
	});
});

describe('trustIndex', () => {
	it('lists the user and role ARNs the Allow statements name, and whether the account is admitted', () => {
		const role = roleTrusting(
			allow({ AWS: [userArn('alice'), 'arn:aws:iam::999999999999:role/deployer', 'arn:aws:sts::123456789012:assumed-role/ops/session', `arn:aws:iam::${testAccountId}:group/admins`] }),
			allow({ Service: 'ec2.amazonaws.com' }),
			deny({ AWS: userArn('bob') }),
			allow({ AWS: userArn('carol') }, { Action: 'sts:TagSession' }),
		);
		expect(trustIndex(role, testAccountId)).toEqual({ arns: [userArn('alice'), 'arn:aws:iam::999999999999:role/deployer'], account: false });
	});

	it('the account is admitted by its root (any partition), its ID, * or Principal "*"; not by another account or a Deny', () => {
		for (const principal of [{ AWS: testRootArn }, { AWS: testAccountId }, { AWS: '*' }, '*', { AWS: `arn:aws-us-gov:iam::${testAccountId}:root` }]) {
			expect(trustIndex(roleTrusting(allow(principal)), testAccountId)).toEqual({ arns: [], account: true });
		}
		expect(trustIndex(roleTrusting(allow({ AWS: 'arn:aws:iam::999999999999:root' })), testAccountId)).toEqual({ arns: [], account: false });
		expect(trustIndex(roleTrusting(deny({ AWS: testRootArn })), testAccountId)).toEqual({ arns: [], account: false });
		expect(trustIndex(roleTrusting(allow({ AWS: testRootArn }, { Action: 'sts:AssumeRoleWithSAML' })), testAccountId)).toEqual({ arns: [], account: false });
	});
});
