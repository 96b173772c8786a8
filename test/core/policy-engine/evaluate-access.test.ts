import { describe, expect, it } from 'vitest';
import type { Organization } from '../../../source/core/model.js';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { evaluateAccess } from '../../../source/core/policy-engine/evaluate-access.js';
import { principalPolicies } from '../../../source/core/policy-engine/principal-policies.js';
import { awsManagedRef, buildGroup, buildModel, buildPolicy, buildRole, buildUser, customerManagedRef, userArn } from '../../helpers/model-builder.js';

type Raw = Record<string, unknown>;
const doc = (...statements: Raw[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });
const version = (document: ReturnType<typeof doc>) => [{ versionId: 'v1', isDefault: true, createDate: '2020-01-01T00:00:00Z', document }];

function organization(managementAccountId: string, scpDocument: ReturnType<typeof doc>): Organization {
	return {
		id: 'o-1',
		arn: 'arn:aws:organizations::111111111111:organization/o-1',
		featureSet: 'ALL',
		managementAccountId,
		callerIsManagementAccount: managementAccountId === '123456789012',
		roots: [{ id: 'r-root', arn: 'arn:aws:organizations::111111111111:root/o-1/r-root', name: 'Root', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] }],
		scps: [
			{ id: 'p-full', arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', name: 'FullAWSAccess', awsManaged: true, document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }), targets: [{ targetId: 'r-root', type: 'ROOT', name: 'Root' }] },
			{ id: 'p-deny', arn: 'arn:aws:organizations::111111111111:policy/o-1/service_control_policy/p-deny', name: 'deny-iam-users', awsManaged: false, document: scpDocument, targets: [{ targetId: '123456789012', type: 'ACCOUNT', name: 'workload' }] },
		],
	};
}

describe('evaluateAccess', () => {
	it('names the statement and the group an allow comes through', () => {
		const group = buildGroup('devs', { inlinePolicies: [{ name: 'dev-access', document: doc({ Sid: 'Ec2', Effect: 'Allow', Action: 'ec2:*', Resource: '*' }) }] });
		const user = buildUser('bob', { groups: ['devs'] });
		const model = buildModel({ users: [user], groups: [group] });
		const d = evaluateAccess(principalPolicies(model, user, 'user'), 'ec2:RunInstances', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1');
		expect(d.verdict).toBe('allowed');
		expect(d.allowedBy).toEqual([{ policy: expect.objectContaining({ name: 'dev-access', via: 'devs', kind: 'inline' }), sid: 'Ec2', statementIndex: 0 }]);
		expect(d.reasons[0]).toBe('Allowed by dev-access statement Ec2 (through group devs).');
	});

	it('lets an explicit Deny in any policy win, and says which', () => {
		const user = buildUser('wendy', {
			attachedPolicies: [customerManagedRef('attach')],
			inlinePolicies: [{ name: 'deny-attach', document: doc({ Effect: 'Deny', Action: 'iam:Attach*', Resource: '*' }) }],
		});
		const model = buildModel({ users: [user], policies: [buildPolicy('attach', { versions: version(doc({ Effect: 'Allow', Action: 'iam:AttachUserPolicy', Resource: '*' })) })] });
		const d = evaluateAccess(principalPolicies(model, user, 'user'), 'iam:AttachUserPolicy', userArn('wendy'));
		expect(d.verdict).toBe('denied');
		expect(d.deniedBy.map((r) => r.policy.name)).toEqual(['deny-attach']);
		expect(d.reasons[0]).toBe('Explicitly denied by deny-attach statement 1.');
	});

	it('reports an allow that holds only under MFA as conditional, keeping the condition', () => {
		const condition = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
		const user = buildUser('ann', { inlinePolicies: [{ name: 'mfa-admin', document: doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }) }] });
		const set = principalPolicies(buildModel({ users: [user] }), user, 'user');
		const d = evaluateAccess(set, 'iam:CreateUser', userArn('x'));
		expect(d.verdict).toBe('conditional');
		expect(d.allowedBy[0]?.condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': ['true'] } });
		expect(evaluateAccess(set, 'iam:CreateUser', userArn('x'), { keys: { 'aws:MultiFactorAuthPresent': ['true'] } }).verdict).toBe('allowed');
		expect(evaluateAccess(set, 'iam:CreateUser', userArn('x'), { keys: { 'aws:MultiFactorAuthPresent': ['false'] } }).verdict).toBe('not-allowed');
	});

	it('intersects with the permissions boundary', () => {
		const user = buildUser('heidi', { inlinePolicies: [{ name: 'all', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }], permissionsBoundary: customerManagedRef('s3-only').arn });
		const model = buildModel({ users: [user], policies: [buildPolicy('s3-only', { versions: version(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })) })] });
		const set = principalPolicies(model, user, 'user');
		expect(evaluateAccess(set, 's3:GetObject', 'arn:aws:s3:::b/k').verdict).toBe('allowed');
		const d = evaluateAccess(set, 'iam:CreateUser', userArn('x'));
		expect(d.verdict).toBe('not-allowed');
		expect(d.boundary).toEqual({ arn: customerManagedRef('s3-only').arn, verdict: 'does-not-allow' });
		expect(d.reasons).toContain('Permissions boundary s3-only does not allow iam:CreateUser.');
	});

	it('treats a boundary whose document was not read as unknown, never as allowing', () => {
		const user = buildUser('h', { inlinePolicies: [{ name: 'all', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }], permissionsBoundary: awsManagedRef('Mystery').arn });
		const d = evaluateAccess(principalPolicies(buildModel({ users: [user] }), user, 'user'), 'iam:CreateUser', userArn('x'));
		expect(d.verdict).toBe('conditional');
		expect(d.boundary?.verdict).toBe('unknown');
	});

	it('says no identity policy allows it, before what the boundary says; a conditional allow under an unread boundary stays conditional', () => {
		const user = buildUser('h', { inlinePolicies: [{ name: 'mfa-s3', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }) }], permissionsBoundary: awsManagedRef('Mystery').arn });
		const set = principalPolicies(buildModel({ users: [user] }), user, 'user');
		const none = evaluateAccess(set, 'iam:CreateUser', userArn('x'));
		expect(none.verdict).toBe('not-allowed');
		expect(none.reasons[0]).toBe(`No identity policy of h allows iam:CreateUser on ${userArn('x')}.`);
		const some = evaluateAccess(set, 's3:GetObject', 'arn:aws:s3:::b/k');
		expect(some.verdict).toBe('conditional');
		expect(some.reasons).toEqual([
			'Allowed by mfa-s3 statement 1.',
			'The document of permissions boundary Mystery was not read, so whether it allows s3:GetObject is unknown.',
			'Every allowing statement holds only under its condition.',
		]);
	});

	it('lists attached policies whose documents are missing instead of treating them as empty', () => {
		const user = buildUser('u', { attachedPolicies: [awsManagedRef('AdministratorAccess')] });
		const set = principalPolicies(buildModel({ users: [user] }), user, 'user');
		expect(set.missingDocuments.map((r) => r.arn)).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
	});

	it('applies SCPs in a member account: an SCP Deny removes what IAM allows', () => {
		const role = buildRole('r', { inlinePolicies: [{ name: 'all', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] });
		const model = buildModel({ roles: [role], organization: organization('111111111111', doc({ Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: '*' })) });
		const set = principalPolicies(model, role, 'role');
		expect(set.scps?.applies).toBe(true);
		const d = evaluateAccess(set, 'iam:CreateUser', userArn('x'));
		expect(d.verdict).toBe('denied');
		expect(d.deniedBy[0]?.policy).toEqual(expect.objectContaining({ layer: 'scp', name: 'deny-iam-users' }));
		expect(evaluateAccess(set, 's3:GetObject', 'arn:aws:s3:::b/k').verdict).toBe('allowed');
	});

	it('an SCP level that allows nothing for the action blocks it (intersection)', () => {
		const role = buildRole('r', { inlinePolicies: [{ name: 'all', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] });
		const model = buildModel({ roles: [role], organization: organization('111111111111', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })) });
		const d = evaluateAccess(principalPolicies(model, role, 'role'), 'iam:CreateUser', userArn('x'));
		expect(d.verdict).toBe('not-allowed');
		expect(d.scp).toEqual({ verdict: 'does-not-allow', blockingLevel: '123456789012' });
	});

	it('does not apply SCPs to the management account, and says so', () => {
		const role = buildRole('r', { inlinePolicies: [{ name: 'all', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] });
		const model = buildModel({ roles: [role], organization: organization('123456789012', doc({ Effect: 'Deny', Action: '*', Resource: '*' })) });
		const set = principalPolicies(model, role, 'role');
		expect(set.scps?.applies).toBe(false);
		expect(set.scps?.note).toContain('management account');
		expect(evaluateAccess(set, 'iam:CreateUser', userArn('x')).verdict).toBe('allowed');
	});

	it('handles NotAction and NotResource', () => {
		const user = buildUser('p', {
			inlinePolicies: [
				{ name: 'power', document: doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }, { Effect: 'Allow', Action: 's3:DeleteObject', NotResource: 'arn:aws:s3:::prod/*' }) },
			],
		});
		const set = principalPolicies(buildModel({ users: [user] }), user, 'user');
		expect(evaluateAccess(set, 'ec2:RunInstances', '*').verdict).toBe('allowed');
		expect(evaluateAccess(set, 'iam:CreateUser', userArn('x')).verdict).toBe('not-allowed');
		expect(evaluateAccess(set, 'IAM:createuser', userArn('x')).verdict).toBe('not-allowed');
	});

	it('resolves ${aws:username} to the principal: own user yes, another user no, a role never', () => {
		const statement = { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::123456789012:user/${aws:username}' };
		const user = buildUser('carol', { inlinePolicies: [{ name: 'own', document: doc(statement) }] });
		const role = buildRole('carol', { inlinePolicies: [{ name: 'own', document: doc(statement) }] });
		const model = buildModel({ users: [user], roles: [role] });
		const set = principalPolicies(model, user, 'user');
		expect(evaluateAccess(set, 'iam:CreateAccessKey', userArn('carol')).verdict).toBe('allowed');
		expect(evaluateAccess(set, 'iam:CreateAccessKey', userArn('alice')).verdict).toBe('not-allowed');
		expect(evaluateAccess(principalPolicies(model, role, 'role'), 'iam:CreateAccessKey', userArn('carol')).verdict).toBe('not-allowed');
	});

	it('evaluates iam:PassedToService when the request states it', () => {
		const role = buildRole('s', {
			inlinePolicies: [{ name: 'pass', document: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } }) }],
		});
		const set = principalPolicies(buildModel({ roles: [role] }), role, 'role');
		const target = 'arn:aws:iam::123456789012:role/worker';
		expect(evaluateAccess(set, 'iam:PassRole', target, { keys: { 'iam:PassedToService': ['ecs-tasks.amazonaws.com'] } }).verdict).toBe('allowed');
		expect(evaluateAccess(set, 'iam:PassRole', target, { keys: { 'iam:PassedToService': ['ec2.amazonaws.com'] } }).verdict).toBe('not-allowed');
		expect(evaluateAccess(set, 'iam:PassRole', target).verdict).toBe('conditional');
	});
});

describe('SCPs attached to organizational units', () => {
	const denyIam = doc({ Effect: 'Deny', Action: 'iam:*', Resource: '*' });
	function memberModel(ouTarget: string, accountParents: string[] | undefined) {
		const org = organization('111111111111', doc({ Effect: 'Allow', Action: '*', Resource: '*' }));
		org.scps!.push({ id: 'p-ou', arn: 'arn:aws:organizations::111111111111:policy/o-1/service_control_policy/p-ou', name: 'no-iam', awsManaged: false, document: denyIam, targets: [{ targetId: ouTarget, type: 'ORGANIZATIONAL_UNIT', name: ouTarget }] });
		if (accountParents) org.accountParents = accountParents;
		const user = buildUser('ops', { inlinePolicies: [{ name: 'admin', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] });
		return { model: buildModel({ users: [user], organization: org }), user };
	}

	it('apply when the OU is on the account path', () => {
		const { model, user } = memberModel('ou-team', ['ou-team', 'ou-prod']);
		const set = principalPolicies(model, user, 'user');
		expect(evaluateAccess(set, 'iam:CreateUser', userArn('x')).verdict).toBe('denied');
		expect(set.scps?.note).toBe('Service control policies of the root, of its organizational units (ou-team, ou-prod) and of account 123456789012 were applied.');
	});

	it('do not apply from an OU elsewhere in the tree', () => {
		const { model, user } = memberModel('ou-other', ['ou-team']);
		expect(evaluateAccess(principalPolicies(model, user, 'user'), 'iam:CreateUser', userArn('x')).verdict).toBe('allowed');
	});

	it('are named as not applied when the account path is unknown', () => {
		const { model, user } = memberModel('ou-team', undefined);
		const set = principalPolicies(model, user, 'user');
		expect(evaluateAccess(set, 'iam:CreateUser', userArn('x')).verdict).toBe('allowed');
		expect(set.scps?.note).toContain("SCPs on organizational units (ou-team) were not applied: the account's OU is not known");
	});
});
