import { describe, expect, it } from 'vitest';
import type { AccountModel, Organization } from '../../../source/core/model.js';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { allPrincipalPolicies, principalPolicies, type PrincipalPolicySet } from '../../../source/core/policy-engine/principal-policies.js';
import {
	awsManagedRef,
	buildGroup,
	buildModel,
	buildOrganization,
	buildPolicy,
	buildRole,
	buildScp,
	buildUser,
	customerManagedRef,
	groupArn,
	roleArn,
	testAccountId,
	userArn,
} from '../../helpers/model-builder.js';

type Raw = Record<string, unknown>;
const doc = (...statements: Raw[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });
const allowAll = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const readS3 = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
const readIam = doc({ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' });
const version = (versionId: string, isDefault: boolean, document: ReturnType<typeof doc>) => ({ versionId, isDefault, createDate: '2020-01-01T00:00:00Z', document });

/** The policy set of the model's only user. */
const userSet = (model: AccountModel): PrincipalPolicySet => principalPolicies(model, model.users[0]!, 'user');
/** The SCP layer a user of the account sees under the organization. */
const scpsUnder = (organization: Organization) => userSet(buildModel({ users: [buildUser('u')], organization })).scps;

describe('principalPolicies: identity policies', () => {
	it('gathers the inline and managed policies of the user and of its groups, naming the owner and the group; a group not in the model adds nothing', () => {
		const group = buildGroup('devs', { inlinePolicies: [{ name: 'g-inline', document: readIam }], attachedPolicies: [customerManagedRef('g-managed')] });
		const user = buildUser('u', { groups: ['devs', 'gone'], inlinePolicies: [{ name: 'own', document: allowAll }], attachedPolicies: [customerManagedRef('cm')] });
		const model = buildModel({ users: [user], groups: [group], policies: [buildPolicy('cm', { versions: [version('v1', true, readS3)] }), buildPolicy('g-managed')] });
		const set = userSet(model);
		expect(set.principal).toEqual({ type: 'user', name: 'u', arn: userArn('u'), id: user.id, path: '/', groups: ['devs', 'gone'] });
		expect(set.identity.map((a) => a.ref)).toEqual([
			{ layer: 'identity', kind: 'inline', name: 'own', owner: userArn('u') },
			{ layer: 'identity', kind: 'managed', name: 'cm', arn: customerManagedRef('cm').arn, awsManaged: false },
			{ layer: 'identity', kind: 'inline', name: 'g-inline', owner: groupArn('devs'), via: 'devs' },
			{ layer: 'identity', kind: 'managed', name: 'g-managed', arn: customerManagedRef('g-managed').arn, awsManaged: false, via: 'devs' },
		]);
		expect(set.identity.map((a) => a.doc.document)).toEqual([allowAll, readS3, readIam, buildPolicy('g-managed').versions[0]!.document]);
		expect(set.missingDocuments).toEqual([]);
	});

	it('lists attached policies whose document is not in the model as missing, AWS-managed ones told by their ARN', () => {
		const group = buildGroup('devs', { attachedPolicies: [awsManagedRef('ReadOnlyAccess')] });
		const user = buildUser('u', { groups: ['devs'], attachedPolicies: [awsManagedRef('AdministratorAccess'), customerManagedRef('gone'), awsManagedRef('IAMReadOnlyAccess')] });
		const model = buildModel({ users: [user], groups: [group], policies: [buildPolicy('IAMReadOnlyAccess', { awsManaged: true })] });
		const set = userSet(model);
		expect(set.missingDocuments).toEqual([
			{ layer: 'identity', kind: 'managed', name: 'AdministratorAccess', arn: awsManagedRef('AdministratorAccess').arn, awsManaged: true },
			{ layer: 'identity', kind: 'managed', name: 'gone', arn: customerManagedRef('gone').arn, awsManaged: false },
			{ layer: 'identity', kind: 'managed', name: 'ReadOnlyAccess', arn: awsManagedRef('ReadOnlyAccess').arn, awsManaged: true, via: 'devs' },
		]);
		expect(set.identity.map((a) => a.ref)).toEqual([{ layer: 'identity', kind: 'managed', name: 'IAMReadOnlyAccess', arn: awsManagedRef('IAMReadOnlyAccess').arn, awsManaged: true }]);
	});

	it('reads the version marked default, else the one defaultVersionId names; a policy with neither is missing', () => {
		const user = buildUser('u', { attachedPolicies: [customerManagedRef('marked'), customerManagedRef('named'), customerManagedRef('neither')] });
		const policies = [
			buildPolicy('marked', { defaultVersionId: 'v1', versions: [version('v1', false, readS3), version('v2', true, readIam)] }),
			buildPolicy('named', { defaultVersionId: 'v2', versions: [version('v1', false, readS3), version('v2', false, allowAll)] }),
			buildPolicy('neither', { defaultVersionId: 'v3', versions: [version('v1', false, readS3)] }),
		];
		const set = userSet(buildModel({ users: [user], policies }));
		expect(set.identity.map((a) => [a.ref.name, a.doc.document])).toEqual([
			['marked', readIam],
			['named', allowAll],
		]);
		expect(set.missingDocuments.map((r) => r.name)).toEqual(['neither']);
	});

	it('gives a role no groups, even with a group of its name in the model', () => {
		const role = buildRole('Stryker was here');
		const model = buildModel({ roles: [role], groups: [buildGroup('Stryker was here', { inlinePolicies: [{ name: 'g', document: allowAll }] })] });
		const set = principalPolicies(model, role, 'role');
		expect(set.principal).toEqual({ type: 'role', name: role.name, arn: role.arn, id: role.id, path: '/', groups: [] });
		expect(set.identity).toEqual([]);
	});
});

describe('principalPolicies: permissions boundary', () => {
	it('is null without one', () => {
		expect(userSet(buildModel({ users: [buildUser('u')] })).boundary).toBeNull();
	});

	it('carries the document of a boundary in the model', () => {
		const user = buildUser('u', { permissionsBoundary: customerManagedRef('fence').arn });
		const boundary = userSet(buildModel({ users: [user], policies: [buildPolicy('fence', { versions: [version('v1', true, readS3)] })] })).boundary;
		expect(boundary?.ref).toEqual({ layer: 'boundary', kind: 'managed', name: 'fence', arn: customerManagedRef('fence').arn, awsManaged: false });
		expect(boundary?.doc?.document).toBe(readS3);
	});

	it('names a boundary not in the model by its ARN, without a document', () => {
		const user = buildUser('u', { permissionsBoundary: awsManagedRef('PowerUserAccess').arn });
		expect(userSet(buildModel({ users: [user] })).boundary).toEqual({ ref: { layer: 'boundary', kind: 'managed', name: 'PowerUserAccess', arn: awsManagedRef('PowerUserAccess').arn, awsManaged: true } });
		const custom = buildUser('u', { permissionsBoundary: customerManagedRef('fence', '/team/').arn });
		expect(userSet(buildModel({ users: [custom] })).boundary?.ref).toMatchObject({ name: 'fence', awsManaged: false });
	});
});

describe('principalPolicies: request context', () => {
	const tags = [{ Key: 'team', Value: 'blue' }];

	it('knows a user by name, ID, account and tags, at the time the model was read', () => {
		const user = buildUser('u', { tags });
		expect(userSet(buildModel({ users: [user] })).context).toEqual({
			variables: { 'aws:PrincipalAccount': testAccountId, 'aws:PrincipalType': 'User', 'aws:username': 'u', 'aws:userid': user.id, 'aws:PrincipalTag/team': 'blue' },
			keys: { 'aws:PrincipalArn': [userArn('u')], 'aws:PrincipalAccount': [testAccountId], 'aws:PrincipalTag/team': ['blue'] },
			now: '2026-12-01T00:00:00.000Z',
		});
	});

	it('knows a role as an assumed role, without user name or ID', () => {
		const role = buildRole('r', { tags });
		expect(principalPolicies(buildModel({ roles: [role], readAt: '2026-11-30T12:00:00.000Z' }), role, 'role').context).toEqual({
			variables: { 'aws:PrincipalAccount': testAccountId, 'aws:PrincipalType': 'AssumedRole', 'aws:PrincipalTag/team': 'blue' },
			keys: { 'aws:PrincipalArn': [roleArn('r')], 'aws:PrincipalAccount': [testAccountId], 'aws:PrincipalTag/team': ['blue'] },
			now: '2026-11-30T12:00:00.000Z',
		});
	});
});

describe('principalPolicies: service control policies', () => {
	it('are unknown without an organization or without its SCPs', () => {
		expect(userSet(buildModel({ users: [buildUser('u')] })).scps).toBeUndefined();
		const { scps: _, ...unread } = buildOrganization();
		expect(scpsUnder(unread)).toBeUndefined();
	});

	it('do not apply to the management account', () => {
		const scp = buildScp('deny-all', doc({ Effect: 'Deny', Action: '*', Resource: '*' }), [{ targetId: 'r-root', type: 'ROOT', name: 'Root' }]);
		expect(scpsUnder(buildOrganization({ managementAccountId: testAccountId, scps: [scp] }))).toEqual({
			applies: false,
			note: "Account 123456789012 is the organization's management account: service control policies do not apply to it, so none were taken into account.",
			levels: [],
		});
	});

	it('do not apply while the root has the SCP policy type only pending, whatever other types are on', () => {
		const scp = buildScp('deny-all', doc({ Effect: 'Deny', Action: '*', Resource: '*' }), [{ targetId: 'r-root', type: 'ROOT', name: 'Root' }]);
		const pending = buildOrganization({ scps: [scp] });
		pending.roots[0]!.policyTypes = [
			{ type: 'TAG_POLICY', status: 'ENABLED' },
			{ type: 'SERVICE_CONTROL_POLICY', status: 'PENDING_ENABLE' },
		];
		expect(scpsUnder(pending)).toEqual({ applies: false, note: 'Service control policies are not enabled in the organization.', levels: [] });
		const enabled = buildOrganization({ scps: [scp] });
		enabled.roots[0]!.policyTypes = [
			{ type: 'TAG_POLICY', status: 'ENABLED' },
			{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' },
		];
		expect(scpsUnder(enabled)?.applies).toBe(true);
	});

	it('apply level by level from the root down the account path to the account; SCPs on other OUs and accounts do not', () => {
		const scps = [
			buildScp('root', allowAll, [{ targetId: 'r-root', type: 'ROOT', name: 'Root' }]),
			buildScp('team', readS3, [
				{ targetId: 'ou-team', type: 'ORGANIZATIONAL_UNIT', name: 'team' },
				{ targetId: 'ou-other', type: 'ORGANIZATIONAL_UNIT', name: 'other' },
			]),
			buildScp('prod', readIam, [{ targetId: 'ou-prod', type: 'ORGANIZATIONAL_UNIT', name: 'prod' }]),
			buildScp('account', allowAll, [{ targetId: testAccountId, type: 'ACCOUNT', name: 'workload' }]),
			buildScp('elsewhere', allowAll, [{ targetId: '210987654321', type: 'ACCOUNT', name: 'other' }]),
		];
		// The account's parents nearest first: ou-team sits under ou-prod, which sits under the root.
		const layer = scpsUnder(buildOrganization({ scps, accountParents: ['ou-team', 'ou-prod'] }));
		expect(layer?.applies).toBe(true);
		expect(layer?.note).toBe('Service control policies of the root, of its organizational units (ou-team, ou-prod) and of account 123456789012 were applied.');
		expect(layer?.levels.map((l) => [l.target, l.docs.map((d) => d.ref.name)])).toEqual([
			['r-root', ['root']],
			['ou-prod', ['prod']],
			['ou-team', ['team']],
			[testAccountId, ['account']],
		]);
		expect(layer?.levels[2]!.docs[0]).toEqual({ ref: { layer: 'scp', kind: 'scp', name: 'team', arn: scps[1]!.arn, awsManaged: false, target: 'ou-team' }, doc: expect.objectContaining({ document: readS3 }) });
	});

	it('leave OU SCPs unapplied and named when the account path is unknown; an account directly under the root names no OUs', () => {
		const scps = [
			buildScp('root', allowAll, [{ targetId: 'r-root', type: 'ROOT', name: 'Root' }]),
			buildScp('ous', readS3, [
				{ targetId: 'ou-a', type: 'ORGANIZATIONAL_UNIT', name: 'a' },
				{ targetId: 'ou-b', type: 'ORGANIZATIONAL_UNIT', name: 'b' },
			]),
			buildScp('elsewhere', allowAll, [{ targetId: '210987654321', type: 'ACCOUNT', name: 'other' }]),
		];
		const unknownPath = scpsUnder(buildOrganization({ scps }));
		expect(unknownPath?.note).toBe(
			"Service control policies of the root and of account 123456789012 were applied. SCPs on organizational units (ou-a, ou-b) were not applied: the account's OU is not known, so they can only make the result stricter than shown.",
		);
		expect(unknownPath?.levels.map((l) => l.target)).toEqual(['r-root']);
		const underRoot = scpsUnder(buildOrganization({ scps, accountParents: [] }));
		expect(underRoot?.note).toBe('Service control policies of the root and of account 123456789012 were applied.');
	});
});

describe('allPrincipalPolicies', () => {
	it('gives every user, then every role, its policy set', () => {
		const model = buildModel({ roles: [buildRole('r')], users: [buildUser('a'), buildUser('b')] });
		expect(allPrincipalPolicies(model).map((s) => [s.principal.type, s.principal.arn])).toEqual([
			['user', userArn('a')],
			['user', userArn('b')],
			['role', roleArn('r')],
		]);
	});
});
