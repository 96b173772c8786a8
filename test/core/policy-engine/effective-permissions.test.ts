import { beforeAll, describe, expect, it } from 'vitest';
import { loadIamCatalogue } from '../../../source/aws/iam-catalogue.js';
import type { AccountModel } from '../../../source/core/model.js';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { allActions, expandActionPattern, type AccessLevel, type IamCatalogue } from '../../../source/core/policy-engine/catalogue.js';
import { actionsOf, effectivePermissions, hasAction, mayPerform, mayPerformAll, summarisePermissions } from '../../../source/core/policy-engine/effective-permissions.js';
import { principalPolicies } from '../../../source/core/policy-engine/principal-policies.js';
import { buildGroup, buildModel, buildOrganization, buildPolicy, buildScp, buildUser, customerManagedRef } from '../../helpers/model-builder.js';

type Raw = Record<string, unknown>;
const doc = (...statements: Raw[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });

let catalogue: IamCatalogue;
beforeAll(async () => {
	catalogue = await loadIamCatalogue();
});

/** A catalogue of made-up services with `count` actions each (`aa:A0`, `aa:A1`…), all of one access level per service. */
function madeUpCatalogue(services: Record<string, { count: number; level: AccessLevel }>): IamCatalogue {
	const entries = Object.entries(services).map(([key, { count, level }]) => [key, { key, name: key, resourceTypes: {}, actions: Array.from({ length: count }, (_, i) => ({ name: `A${i}`, accessLevel: level, resourceTypes: [], conditionKeys: [] })) }]);
	return { version: 'made-up', services: Object.fromEntries(entries) };
}

/**
 * 105 actions, 9 into their fourth 32-bit word: aa fills the first word (0–31), bb spans the next
 * three (32–101: its first and last words in part, the middle one whole), then cc (102–103) and dd,
 * a service of one action (104).
 */
const wide = madeUpCatalogue({ aa: { count: 32, level: 'Read' }, bb: { count: 70, level: 'Write' }, cc: { count: 2, level: 'Permissions management' }, dd: { count: 1, level: 'Tagging' } });
/** 64 actions: two whole words. */
const even = madeUpCatalogue({ aa: { count: 32, level: 'List' }, bb: { count: 32, level: 'Tagging' } });

const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
const rootTarget = [{ targetId: 'r-root', type: 'ROOT' as const, name: 'Root' }];
const accountTarget = [{ targetId: '123456789012', type: 'ACCOUNT' as const, name: 'workload' }];

/** The effective permissions of a user with these inline statements (and the model's other parts). */
function permissionsOf(on: IamCatalogue, statements: Raw[], model: Partial<AccountModel> & { boundary?: Raw[] } = {}) {
	const { boundary, ...rest } = model;
	const user = buildUser('u', { inlinePolicies: [{ name: 'p', document: doc(...statements) }], ...(boundary ? { permissionsBoundary: customerManagedRef('fence').arn } : {}) });
	const policies = boundary ? [buildPolicy('fence', { versions: [{ versionId: 'v1', isDefault: true, createDate: '2020-01-01T00:00:00Z', document: doc(...boundary) }] })] : [];
	const ep = effectivePermissions(principalPolicies(buildModel({ users: [user], policies, ...rest }), user, 'user'), on);
	// The summary only when asked: its masks are memoised per catalogue, and the test that first asks should be one that checks it.
	return { allowed: actionsOf(on, ep.allowed), conditional: actionsOf(on, ep.conditional), ep, get summary() { return summarisePermissions(on, ep); } };
}

// First in the file: the scratch space of boundaries and SCP levels is module state, and only a catalogue
// wider than every one asked before needs a new one.
describe('effective permissions over a catalogue of known size', () => {
	it('a catalogue with more words than the last one asked gets its own scratch space', () => {
		const boundary = [{ Effect: 'Allow', Action: '*', Resource: '*' }];
		expect(permissionsOf(even, [{ Effect: 'Allow', Action: 'bb:A31', Resource: '*' }], { boundary }).allowed).toEqual(['bb:A31']);
		expect(permissionsOf(wide, [{ Effect: 'Allow', Action: ['bb:A69', 'cc:A1'], Resource: '*' }], { boundary }).allowed).toEqual(['bb:A69', 'cc:A1']);
	});

	it('a NotAction covers every other action of the catalogue and none past its end', () => {
		expect(permissionsOf(wide, [{ Effect: 'Allow', NotAction: 'bb:*', Resource: '*' }]).summary).toEqual({ allowed: 35, conditional: 0, byLevel: { List: 0, Read: 32, Write: 0, 'Permissions management': 2, Tagging: 1 }, services: 3 });
		expect(permissionsOf(wide, [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', NotAction: ['aa:*', 'bb:A1*'], Resource: '*' }]).summary).toMatchObject({ allowed: 32 + 11, services: 2 });
		expect(permissionsOf(even, [{ Effect: 'Allow', NotAction: 'aa:A0', Resource: '*' }]).summary).toEqual({ allowed: 63, conditional: 0, byLevel: { List: 31, Read: 0, Write: 0, 'Permissions management': 0, Tagging: 32 }, services: 2 });
		expect(permissionsOf(even, [{ Effect: 'Allow', NotAction: 'aa:A0', Resource: '*', Condition: mfa }]).summary).toMatchObject({ allowed: 0, conditional: 63 });
	});

	it('counts a service with any allowed action, wherever in its words it lies', () => {
		const servicesOf = (action: string) => permissionsOf(wide, [{ Effect: 'Allow', Action: action, Resource: '*' }]).summary.services;
		expect(['aa:A0', 'aa:A31', 'bb:A0', 'bb:A35', 'bb:A69', 'cc:A0', 'cc:A1', 'dd:A0', 'zz:A0'].map(servicesOf)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0]);
		expect(servicesOf('*')).toBe(4);
	});

	it('lists actions in catalogue order, the first ones when limited; knows no action the catalogue lacks', () => {
		const { ep } = permissionsOf(wide, [{ Effect: 'Allow', Action: ['cc:A1', 'AA:a5', 'bb:A3*'], Resource: '*' }]);
		expect(actionsOf(wide, ep.allowed)).toEqual(['aa:A5', 'bb:A3', 'bb:A30', 'bb:A31', 'bb:A32', 'bb:A33', 'bb:A34', 'bb:A35', 'bb:A36', 'bb:A37', 'bb:A38', 'bb:A39', 'cc:A1']);
		expect(actionsOf(wide, ep.allowed, 2)).toEqual(['aa:A5', 'bb:A3']);
		expect(hasAction(wide, ep.allowed, 'cc:a1')).toBe(true);
		expect(hasAction(wide, ep.allowed, 'cc:A0')).toBe(false);
		expect(hasAction(wide, ep.allowed, 'zz:A0')).toBe(false);
	});

	it('removes an action only by a Deny without condition on every resource', () => {
		const allowAa = { Effect: 'Allow', Action: 'aa:*', Resource: '*' };
		const { allowed, conditional } = permissionsOf(wide, [
			allowAa,
			{ Effect: 'Allow', Action: 'aa:A0', Resource: '*', Condition: mfa },
			{ Effect: 'Deny', Action: 'aa:A1', NotResource: 'arn:aws:s3:::b/*' },
			{ Effect: 'Deny', Action: 'aa:A2', Resource: 'arn:aws:s3:::b/*' },
			{ Effect: 'Deny', Action: 'aa:A3', Resource: ['arn:aws:s3:::b/*', '*'] },
		]);
		expect(allowed.slice(0, 4)).toEqual(['aa:A0', 'aa:A1', 'aa:A2', 'aa:A4']);
		expect(allowed).toHaveLength(31);
		// aa:A0 is allowed outright too, so not only conditionally.
		expect(conditional).toEqual([]);
	});

	it('under a boundary: allowed where it allows without condition, conditional where only with one, gone where it denies', () => {
		const p = permissionsOf(
			wide,
			[
				{ Effect: 'Allow', Action: ['aa:A0', 'aa:A1', 'cc:*'], Resource: '*' },
				{ Effect: 'Allow', Action: 'aa:A2', Resource: '*', Condition: mfa },
			],
			{ boundary: [{ Effect: 'Allow', Action: ['aa:A0', 'aa:A2', 'cc:*'], Resource: '*' }, { Effect: 'Allow', Action: 'aa:A1', Resource: '*', Condition: mfa }, { Effect: 'Deny', Action: 'cc:A0', Resource: '*' }] },
		);
		expect({ allowed: p.allowed, conditional: p.conditional }).toEqual({ allowed: ['aa:A0', 'cc:A1'], conditional: ['aa:A1', 'aa:A2'] });
		// The next principal's boundary starts afresh: it allows none of aa.
		expect(permissionsOf(wide, [{ Effect: 'Allow', Action: 'aa:*', Resource: '*' }], { boundary: [{ Effect: 'Allow', Action: 'cc:*', Resource: '*' }] }).allowed).toEqual([]);
	});

	it('under a boundary whose document was not read: everything allowed only conditionally', () => {
		const user = buildUser('u', { inlinePolicies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: 'aa:*', Resource: '*' }, { Effect: 'Deny', Action: 'aa:A0', Resource: '*' }) }], permissionsBoundary: customerManagedRef('unread').arn });
		const ep = effectivePermissions(principalPolicies(buildModel({ users: [user] }), user, 'user'), wide);
		expect(actionsOf(wide, ep.allowed)).toEqual([]);
		expect(actionsOf(wide, ep.conditional)).toHaveLength(31);
		expect(hasAction(wide, ep.conditional, 'aa:A0')).toBe(false);
	});

	it('under SCPs: each level must allow, one SCP of a level is enough, a Deny in any removes; the management account is not under them', () => {
		const scps = [
			buildScp('root', doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'bb:*' }), rootTarget),
			buildScp('some-aa', doc({ Effect: 'Allow', Action: 'aa:A0', Resource: '*' }, { Effect: 'Allow', Action: 'aa:A1', Resource: '*', Condition: mfa }), accountTarget),
			buildScp('cc', doc({ Effect: 'Allow', Action: ['cc:*', 'bb:A0'], Resource: '*' }), accountTarget),
		];
		const everything = [{ Effect: 'Allow', Action: '*', Resource: '*' }];
		const member = permissionsOf(wide, everything, { organization: buildOrganization({ scps }) });
		expect({ allowed: member.allowed, conditional: member.conditional }).toEqual({ allowed: ['aa:A0', 'cc:A0', 'cc:A1'], conditional: ['aa:A1'] });
		expect(permissionsOf(wide, everything, { organization: buildOrganization({ scps, managementAccountId: '123456789012' }) }).summary.allowed).toBe(105);
	});
});

describe('effective permissions over the catalogue', () => {
	it('a group\'s administrator access minus an explicit Deny of IAM on every resource', () => {
		const group = buildGroup('admins', { inlinePolicies: [{ name: 'all', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] });
		const user = buildUser('a', { groups: ['admins'], inlinePolicies: [{ name: 'no-iam', document: doc({ Effect: 'Deny', Action: 'iam:*', Resource: '*' }) }] });
		const ep = effectivePermissions(principalPolicies(buildModel({ users: [user], groups: [group] }), user, 'user'), catalogue);
		const summary = summarisePermissions(catalogue, ep);
		expect(summary.allowed).toBe(allActions(catalogue).length - expandActionPattern(catalogue, 'iam:*').length);
		expect(hasAction(catalogue, ep.allowed, 's3:GetObject')).toBe(true);
		expect(hasAction(catalogue, ep.allowed, 'iam:CreateUser')).toBe(false);
	});

	it('a Deny on some resources only does not remove the action', () => {
		const user = buildUser('a', { inlinePolicies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::prod/*' }) }] });
		const ep = effectivePermissions(principalPolicies(buildModel({ users: [user] }), user, 'user'), catalogue);
		expect(hasAction(catalogue, ep.allowed, 's3:DeleteObject')).toBe(true);
	});

	it('intersects with the boundary and keeps conditional allows apart', () => {
		const user = buildUser('h', {
			inlinePolicies: [{ name: 'p', document: doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, { Effect: 'Allow', Action: 'iam:Get*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }) }],
			permissionsBoundary: customerManagedRef('b').arn,
		});
		const model = buildModel({ users: [user], policies: [buildPolicy('b', { versions: [{ versionId: 'v1', isDefault: true, createDate: '2020-01-01T00:00:00Z', document: doc({ Effect: 'Allow', Action: ['s3:Get*', 'iam:GetUser'], Resource: '*' }) }] })] });
		const ep = effectivePermissions(principalPolicies(model, user, 'user'), catalogue);
		expect(actionsOf(catalogue, ep.allowed)).toEqual(expandActionPattern(catalogue, 's3:Get*'));
		expect(actionsOf(catalogue, ep.conditional)).toEqual(['iam:GetUser']);
		const summary = summarisePermissions(catalogue, ep);
		expect(summary).toMatchObject({ allowed: expandActionPattern(catalogue, 's3:Get*').length, conditional: 1, services: 1 });
		expect(summary.byLevel.Read + summary.byLevel.List).toBe(summary.allowed);
	});
});


describe('whether a principal may perform actions at all', () => {
	it('answers from the allowed and conditional bits, after Deny and the boundary; an action the catalogue does not know is not ruled out', () => {
		const { ep } = permissionsOf(
			wide,
			[
				{ Effect: 'Allow', Action: ['aa:A1', 'bb:A40', 'cc:A0'], Resource: '*' },
				{ Effect: 'Allow', Action: 'aa:A2', Resource: '*', Condition: mfa },
				{ Effect: 'Deny', Action: 'bb:A40', Resource: '*' },
			],
			{ boundary: [{ Effect: 'Allow', Action: ['aa:*', 'bb:*'], Resource: '*' }] },
		);
		const may = (action: string) => mayPerform(wide, ep, action);
		// Allowed, conditional; denied on every resource, outside the boundary, never allowed; unknown.
		expect([may('aa:A1'), may('aa:A2'), may('bb:A40'), may('cc:A0'), may('aa:A3'), may('zz:Nope')]).toEqual([true, true, false, false, false, true]);
		// The catalogue's first action (index 0) is tested like any other.
		expect(may('aa:A0')).toBe(false);
		expect(mayPerformAll(wide, ep, ['aa:A1', 'aa:A0'])).toBe(false);
		expect(mayPerformAll(wide, ep, ['aa:A1', 'aa:A2', 'zz:Nope'])).toBe(true);
		expect(mayPerformAll(wide, ep, ['aa:A1', 'aa:A3'])).toBe(false);
		expect(mayPerformAll(wide, ep, ['cc:A0', 'aa:A1'])).toBe(false);
	});

	it('keeps each principal’s bits apart when they are cut from one block', () => {
		const first = permissionsOf(wide, [{ Effect: 'Allow', Action: 'aa:A0', Resource: '*' }]).ep;
		const second = permissionsOf(wide, [{ Effect: 'Allow', Action: 'dd:A0', Resource: '*', Condition: mfa }]).ep;
		// Read after both are made: a second principal written over the first's words would show here.
		expect([first.allowed, first.conditional, second.allowed, second.conditional].map((bits) => actionsOf(wide, bits))).toEqual([['aa:A0'], [], [], ['dd:A0']]);
	});

	it('does not rule an unknown action out for a principal that holds none of the catalogue’s first actions', () => {
		const ep = permissionsOf(wide, [{ Effect: 'Allow', Action: 'dd:A0', Resource: '*' }]).ep;
		expect(mayPerform(wide, ep, 'zz:Unknown')).toBe(true);
		expect(mayPerformAll(wide, ep, ['zz:Unknown', 'dd:A0'])).toBe(true);
	});

	it('shares one empty conditional set among principals without conditional permissions, and keeps no bits of the one before', () => {
		const plain = permissionsOf(wide, [{ Effect: 'Allow', Action: 'aa:A0', Resource: '*' }]).ep;
		const underMfa = permissionsOf(wide, [{ Effect: 'Allow', Action: 'aa:A1', Resource: '*', Condition: mfa }]).ep;
		const after = permissionsOf(wide, [{ Effect: 'Allow', Action: 'bb:A0', Resource: '*' }]).ep;
		// 2.7 KB of zeros each on the real catalogue: most principals of a large account have no conditional permission.
		expect(after.conditional).toBe(plain.conditional);
		expect(underMfa.conditional).not.toBe(plain.conditional);
		expect([plain.conditional, underMfa.conditional, after.conditional].map((bits) => actionsOf(wide, bits))).toEqual([[], ['aa:A1'], []]);
	});
});
