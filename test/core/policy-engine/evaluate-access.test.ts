import { describe, expect, it } from 'vitest';
import type { Organization } from '../../../source/core/model.js';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { decisionReasons, evaluateAccess } from '../../../source/core/policy-engine/evaluate-access.js';
import { principalPolicies, type PrincipalPolicySet } from '../../../source/core/policy-engine/principal-policies.js';
import { awsManagedRef, buildGroup, buildModel, buildPolicy, buildRole, buildUser, customerManagedRef, userArn } from '../../helpers/model-builder.js';

type Raw = Record<string, unknown>;
const doc = (...statements: Raw[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });
/** The decision with its reasons in sentences, as evidence would show them. */
function explained(set: PrincipalPolicySet, action: string, resource: string) {
	const d = evaluateAccess(set, action, resource);
	return { ...d, reasons: decisionReasons(d, set) };
}
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
		const d = explained(principalPolicies(model, user, 'user'), 'ec2:RunInstances', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1');
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
		const d = explained(principalPolicies(model, user, 'user'), 'iam:AttachUserPolicy', userArn('wendy'));
		expect(d.verdict).toBe('denied');
		expect(d.deniedBy.map((r) => r.policy.name)).toEqual(['deny-attach']);
		expect(d.reasons[0]).toBe('Explicitly denied by deny-attach statement 1.');
	});

	it('reports an allow that holds only under MFA as conditional, keeping the condition', () => {
		const condition = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
		const user = buildUser('ann', { inlinePolicies: [{ name: 'mfa-admin', document: doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }) }] });
		const set = principalPolicies(buildModel({ users: [user] }), user, 'user');
		const d = explained(set, 'iam:CreateUser', userArn('x'));
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
		const d = explained(set, 'iam:CreateUser', userArn('x'));
		expect(d.verdict).toBe('not-allowed');
		expect(d.boundary).toEqual({ arn: customerManagedRef('s3-only').arn, verdict: 'does-not-allow' });
		expect(d.reasons).toEqual(['Permissions boundary s3-only does not allow iam:CreateUser.']);
	});

	it('treats a boundary whose document was not read as unknown, never as allowing', () => {
		const user = buildUser('h', { inlinePolicies: [{ name: 'all', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }], permissionsBoundary: awsManagedRef('Mystery').arn });
		const d = explained(principalPolicies(buildModel({ users: [user] }), user, 'user'), 'iam:CreateUser', userArn('x'));
		expect(d.verdict).toBe('conditional');
		expect(d.boundary?.verdict).toBe('unknown');
	});

	it('says no identity policy allows it, before what the boundary says; a conditional allow under an unread boundary stays conditional', () => {
		const user = buildUser('h', { inlinePolicies: [{ name: 'mfa-s3', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }) }], permissionsBoundary: awsManagedRef('Mystery').arn });
		const set = principalPolicies(buildModel({ users: [user] }), user, 'user');
		const none = explained(set, 'iam:CreateUser', userArn('x'));
		expect(none.verdict).toBe('not-allowed');
		expect(none.reasons[0]).toBe(`No identity policy of h allows iam:CreateUser on ${userArn('x')}.`);
		const some = explained(set, 's3:GetObject', 'arn:aws:s3:::b/k');
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
		const d = explained(set, 'iam:CreateUser', userArn('x'));
		expect(d.verdict).toBe('denied');
		expect(d.deniedBy[0]?.policy).toEqual(expect.objectContaining({ layer: 'scp', name: 'deny-iam-users' }));
		expect(evaluateAccess(set, 's3:GetObject', 'arn:aws:s3:::b/k').verdict).toBe('allowed');
	});

	it('an SCP level that allows nothing for the action blocks it (intersection)', () => {
		const role = buildRole('r', { inlinePolicies: [{ name: 'all', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] });
		const model = buildModel({ roles: [role], organization: organization('111111111111', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })) });
		const d = explained(principalPolicies(model, role, 'role'), 'iam:CreateUser', userArn('x'));
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

describe('how the layers combine', () => {
	const all = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
	const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
	const withBoundary = (identity: ReturnType<typeof doc>, boundary: ReturnType<typeof doc>) => {
		const user = buildUser('heidi', { inlinePolicies: [{ name: 'id', document: identity }], permissionsBoundary: customerManagedRef('fence').arn });
		return principalPolicies(buildModel({ users: [user], policies: [buildPolicy('fence', { versions: version(boundary) })] }), user, 'user');
	};

	it('an unconditional allow is not weakened by a conditional one that comes after it', () => {
		const user = buildUser('u', { inlinePolicies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: mfa }) }] });
		const d = explained(principalPolicies(buildModel({ users: [user] }), user, 'user'), 's3:GetObject', 'arn:aws:s3:::b/k');
		expect(d.verdict).toBe('allowed');
		expect(d.allowedBy.map((r) => [r.statementIndex, r.condition !== undefined])).toEqual([
			[0, false],
			[1, true],
		]);
		expect(d.reasons).toEqual(['Allowed by p statement 1, p statement 2.']);
	});

	it('a boundary that allows the action says so and adds no reason', () => {
		const d = explained(withBoundary(all, doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })), 's3:GetObject', 'arn:aws:s3:::b/k');
		expect(d.verdict).toBe('allowed');
		expect(d.boundary).toEqual({ arn: customerManagedRef('fence').arn, verdict: 'allows' });
		expect(d.reasons).toEqual(['Allowed by id statement 1.']);
	});

	it('a boundary that allows only under a condition makes an outright allow conditional', () => {
		const d = explained(withBoundary(all, doc({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: mfa })), 's3:GetObject', 'arn:aws:s3:::b/k');
		expect(d.verdict).toBe('conditional');
		expect(d.boundary?.verdict).toBe('allows-conditionally');
	});

	it('a conditional identity allow stays conditional under a boundary that allows outright', () => {
		const d = explained(withBoundary(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: mfa }), all), 's3:GetObject', 'arn:aws:s3:::b/k');
		expect(d.verdict).toBe('conditional');
		expect(d.boundary?.verdict).toBe('allows');
	});

	it('a Deny in the boundary denies, and is named', () => {
		const d = explained(withBoundary(all, doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'NoIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' })), 'iam:CreateUser', userArn('x'));
		expect(d.verdict).toBe('denied');
		expect(d.reasons[0]).toBe('Explicitly denied by fence statement NoIam.');
	});

	it('names every explicit Deny, and every conditional Deny an allow depends on', () => {
		const user = buildUser('w', {
			inlinePolicies: [
				{ name: 'a', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }) },
				{ name: 'b', document: doc({ Sid: 'NoUsers', Effect: 'Deny', Action: 'iam:*User', Resource: '*' }) },
				{ name: 'c', document: doc({ Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*', Condition: mfa }, { Sid: 'Office', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } } }) },
			],
		});
		const set = principalPolicies(buildModel({ users: [user] }), user, 'user');
		const denied = explained(set, 'iam:CreateUser', userArn('x'));
		expect(denied.verdict).toBe('denied');
		expect(denied.reasons).toEqual(['Explicitly denied by a statement 2, b statement NoUsers.']);
		const maybe = explained(set, 's3:DeleteObject', 'arn:aws:s3:::b/k');
		expect(maybe.verdict).toBe('conditional');
		expect(maybe.conditionalDenies.map((r) => r.policy.name)).toEqual(['c', 'c']);
		expect(maybe.reasons).toEqual(['Allowed by a statement 1.', 'Denied when the condition of c statement 1, c statement Office holds.']);
	});
});

describe('SCP levels', () => {
	const all = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
	function member(rootDocument: ReturnType<typeof doc>, accountDocument: ReturnType<typeof doc>, boundary?: string) {
		const org = organization('111111111111', accountDocument);
		org.scps![0]!.document = rootDocument;
		const role = buildRole('r', { inlinePolicies: [{ name: 'all', document: all }], ...(boundary ? { permissionsBoundary: boundary } : {}) });
		return principalPolicies(buildModel({ roles: [role], organization: org }), role, 'role');
	}

	it('when every level allows, no level is named as blocking and no reason is added', () => {
		const d = explained(member(all, all), 'iam:CreateUser', userArn('x'));
		expect(d.verdict).toBe('allowed');
		expect(d.scp).toEqual({ verdict: 'allows' });
		expect(d.reasons).toEqual(['Allowed by all statement 1.']);
	});

	it('a root that blocks is not undone by an account level that allows, and is the level named', () => {
		const d = explained(member(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), all), 'iam:CreateUser', userArn('x'));
		expect(d.verdict).toBe('not-allowed');
		expect(d.scp).toEqual({ verdict: 'does-not-allow', blockingLevel: 'r-root' });
		expect(d.reasons).toEqual(['No service control policy attached to r-root allows iam:CreateUser.']);
	});

	it('an SCP that allows only under a condition makes the allow conditional', () => {
		const d = explained(member(all, doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })), 'iam:CreateUser', userArn('x'));
		expect(d.verdict).toBe('conditional');
		expect(d.scp).toEqual({ verdict: 'allows-conditionally' });
	});

	it('a boundary whose document was not read keeps the allow conditional when the SCPs allow it', () => {
		const d = explained(member(all, all, awsManagedRef('Mystery').arn), 'iam:CreateUser', userArn('x'));
		expect(d.verdict).toBe('conditional');
		expect(d.boundary?.verdict).toBe('unknown');
		expect(d.scp).toEqual({ verdict: 'allows' });
	});
});

describe('what the request adds to the principal context', () => {
	it('keeps the principal variables when the request states a key', () => {
		const user = buildUser('carol', { inlinePolicies: [{ name: 'own', document: doc({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::123456789012:user/${aws:username}' }) }] });
		const set = principalPolicies(buildModel({ users: [user] }), user, 'user');
		expect(evaluateAccess(set, 'iam:CreateAccessKey', userArn('carol'), { keys: { 'aws:RequestedRegion': ['us-east-1'] } }).verdict).toBe('allowed');
	});

	it('decides an ...IfExists condition on a key the request says is absent', () => {
		const user = buildUser('u', { inlinePolicies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } } }) }] });
		const set = principalPolicies(buildModel({ users: [user] }), user, 'user');
		expect(evaluateAccess(set, 'ec2:RunInstances', '*', { absentKeys: ['ec2:InstanceType'] }).verdict).toBe('allowed');
		expect(evaluateAccess(set, 'ec2:RunInstances', '*').verdict).toBe('conditional');
	});

	it("keeps the scan's time when the request says nothing of it, and takes the request's when it does", () => {
		const user = buildUser('u', { inlinePolicies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': '2027-06-30T00:00:00Z' } } }) }] });
		const set = principalPolicies(buildModel({ users: [user], readAt: '2026-12-01T00:00:00.000Z' }), user, 'user');
		const passToEc2 = { keys: { 'iam:PassedToService': ['ec2.amazonaws.com'] } };
		expect(evaluateAccess(set, 'iam:PassRole', '*', passToEc2).verdict).toBe('conditional');
		expect(evaluateAccess(set, 'iam:PassRole', '*', { ...passToEc2, now: '2027-07-01T00:00:00Z' }).verdict).toBe('not-allowed');
		const expired = buildUser('v', { inlinePolicies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': '2026-06-30T00:00:00Z' } } }) }] });
		const old = principalPolicies(buildModel({ users: [expired], readAt: '2026-12-01T00:00:00.000Z' }), expired, 'user');
		expect(evaluateAccess(old, 'iam:PassRole', '*', passToEc2).verdict).toBe('not-allowed');
	});
});
