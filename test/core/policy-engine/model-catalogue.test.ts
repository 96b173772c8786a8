/** The stand-in catalogue made from the account: every action its policies name, and the escalation methods' actions. */
import { expect, it } from 'vitest';
import type { PolicyDocument } from '../../../source/core/policy-document.js';
import { escalationMethods } from '../../../source/core/policy-engine/escalation-methods.js';
import { modelCatalogue } from '../../../source/core/policy-engine/model-catalogue.js';
import { buildModel, buildOrganization, buildPolicy, buildRole, buildScp, buildUser } from '../../helpers/model-builder.js';

const doc = (Statement: PolicyDocument['Statement']): PolicyDocument => ({ Version: '2012-10-17', Statement });
const names = (catalogue: ReturnType<typeof modelCatalogue>, service: string) => catalogue.services[service]?.actions.map((a) => a.name).sort();

it('takes every action and NotAction of default versions, inline policies and SCPs, by lower-case service', () => {
	const managed = buildPolicy('m', {
		versions: [
			{ versionId: 'v2', isDefault: true, createDate: '2020-01-01T00:00:00Z', document: doc([{ Effect: 'Allow', Action: ['S3:GetObject', 's3:Put*'], Resource: ['*'] }]) },
			{ versionId: 'v1', isDefault: false, createDate: '2019-01-01T00:00:00Z', document: doc([{ Effect: 'Allow', Action: ['dynamodb:Scan'], Resource: ['*'] }]) },
		],
	});
	const model = buildModel({
		policies: [managed],
		users: [buildUser('u', { inlinePolicies: [{ name: 'i', document: doc([{ Effect: 'Allow', NotAction: ['kms:Decrypt'], Resource: ['*'] }]) }] })],
		roles: [buildRole('r', { inlinePolicies: [{ name: 'i', document: doc([{ Effect: 'Allow', Action: ['*', 's*:Get', ':x'], Resource: ['*'] }]) }] })],
		organization: buildOrganization({ scps: [buildScp('guard', doc([{ Effect: 'Deny', Action: ['ec2:RunInstances'], Resource: ['*'] }]), [])] }),
	});
	const catalogue = modelCatalogue(model);
	expect(catalogue.version).toBe('model');
	expect(names(catalogue, 's3')).toEqual(['GetObject', 'Put*']);
	expect(names(catalogue, 'kms')).toEqual(['Decrypt']);
	expect(names(catalogue, 'ec2')).toContain('RunInstances');
	// A non-default version, a service that is a pattern, an action without a service: none of them.
	expect(catalogue.services.dynamodb).toBeUndefined();
	expect(Object.keys(catalogue.services).some((k) => /[*?]/.test(k) || k === '')).toBe(false);
	expect(catalogue.services.s3).toEqual({ key: 's3', name: 's3', actions: expect.arrayContaining([{ name: 'GetObject', accessLevel: 'Write', resourceTypes: [], conditionKeys: [] }]), resourceTypes: {} });
	expect(modelCatalogue(model)).toBe(catalogue);
});

it('holds every escalation method step and sts:AssumeRole in an empty account', () => {
	const catalogue = modelCatalogue(buildModel({ organization: null }));
	for (const step of escalationMethods.flatMap((m) => m.steps)) {
		const [service, action] = step.action.split(':') as [string, string];
		expect(names(catalogue, service.toLowerCase())).toContain(action);
	}
	expect(names(catalogue, 'sts')).toContain('AssumeRole');
});
