import { beforeAll, describe, expect, it } from 'vitest';
import { loadIamCatalogue } from '../../../source/aws/iam-catalogue.js';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { allActions, expandActionPattern, type IamCatalogue } from '../../../source/core/policy-engine/catalogue.js';
import { actionsOf, effectivePermissions, hasAction, summarisePermissions } from '../../../source/core/policy-engine/effective-permissions.js';
import { principalPolicies } from '../../../source/core/policy-engine/principal-policies.js';
import { buildGroup, buildModel, buildPolicy, buildUser, customerManagedRef } from '../../helpers/model-builder.js';

type Raw = Record<string, unknown>;
const doc = (...statements: Raw[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });

let catalogue: IamCatalogue;
beforeAll(async () => {
	catalogue = await loadIamCatalogue();
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
