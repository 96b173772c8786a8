import { arnPatternFitsAction } from '../../../source/core/arn-pattern.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIamCatalogue } from '../../../source/aws/iam-catalogue.js';
import {
	acceptsOnlyWildcardResource,
	accessLevelOf,
	actionsOfService,
	allActions,
	conditionKeysOf,
	expandActionPattern,
	findAction,
	nearestActions,
	resourceArnFormats,
	scopedActionsOf,
	scopedWritesOf,
	type CatalogueAction,
	type IamCatalogue,
} from '../../../source/core/policy-engine/catalogue.js';

let catalogue: IamCatalogue;
beforeAll(async () => {
	catalogue = await loadIamCatalogue();
});

describe('the IAM action catalogue', () => {
	it('expands service wildcards to AWS spellings, case-insensitively', () => {
		const gets = expandActionPattern(catalogue, 'S3:get*');
		expect(gets).toContain('s3:GetObject');
		expect(gets).toContain('s3:GetBucketPolicy');
		expect(gets.every((a) => a.startsWith('s3:Get'))).toBe(true);
		expect(gets).not.toContain('s3:PutObject');
	});

	it('finds the actions of the same service nearest in spelling, closest first, and none for a far one or an unknown service', () => {
		expect(nearestActions(catalogue, 'iam:PassRol')).toEqual(['iam:PassRole']);
		expect(nearestActions(catalogue, 'IAM:passrol')).toEqual(['iam:PassRole']);
		expect(nearestActions(catalogue, 'iam:GetRol')[0]).toBe('iam:GetRole');
		expect(nearestActions(catalogue, 'iam:GetRol').length).toBeLessThanOrEqual(3);
		expect(nearestActions(catalogue, 'iam:Frobnicate')).toEqual([]);
		expect(nearestActions(catalogue, 'nosuch:PassRole')).toEqual([]);
	});

	it('expands * to every action of every service, and an unknown action to nothing', () => {
		const all = expandActionPattern(catalogue, '*');
		expect(all.length).toBeGreaterThan(15000);
		expect(all).toContain('iam:PassRole');
		expect(all).toContain('ec2:RunInstances');
		expect(expandActionPattern(catalogue, 's3:GetObjects')).toEqual([]);
		expect(expandActionPattern(catalogue, 'iam:PassRol?')).toEqual(['iam:PassRole']);
	});

	it('gives access levels, with permissions management where AWS lists it', () => {
		expect(accessLevelOf(catalogue, 'iam:AttachUserPolicy')).toBe('Permissions management');
		expect(accessLevelOf(catalogue, 'iam:ListRoles')).toBe('List');
		expect(accessLevelOf(catalogue, 's3:GetObject')).toBe('Read');
		expect(accessLevelOf(catalogue, 's3:PutObject')).toBe('Write');
		expect(accessLevelOf(catalogue, 'iam:TagRole')).toBe('Tagging');
		expect(accessLevelOf(catalogue, 's3:GetObjects')).toBeUndefined();
	});

	it('knows which actions accept only Resource "*"', () => {
		expect(acceptsOnlyWildcardResource(catalogue, 'iam:ListRoles')).toBe(true);
		expect(acceptsOnlyWildcardResource(catalogue, 'sts:GetCallerIdentity')).toBe(true);
		expect(acceptsOnlyWildcardResource(catalogue, 'iam:CreateAccessKey')).toBe(false);
		expect(acceptsOnlyWildcardResource(catalogue, 'nope:Nothing')).toBeUndefined();
	});

	it('gives resource ARN formats and validates ARNs against them', () => {
		expect(resourceArnFormats(catalogue, 'iam:CreateAccessKey')).toEqual([
			{ resourceType: 'user', arnFormat: 'arn:${Partition}:iam::${Account}:user/${UserNameWithPath}', required: true },
		]);
		// Which ARNs fit an action: arnPatternFitsAction (core/arn-pattern.ts), the one production path.
		expect(arnPatternFitsAction(catalogue, 's3:GetObject', 'arn:aws:s3:::acme-reports/2026/*')).toBe(true);
		expect(arnPatternFitsAction(catalogue, 'sqs:SendMessage', 'arn:aws:s3:::acme-reports')).toBe(false);
		expect(arnPatternFitsAction(catalogue, 'iam:PassRole', 'arn:aws:iam::123456789012:role/batch-worker')).toBe(true);
		expect(arnPatternFitsAction(catalogue, 'iam:PassRole', 'arn:aws:iam::123456789012:user/batch-worker')).toBe(false);
		expect(arnPatternFitsAction(catalogue, 'nope:Nothing', 'arn:aws:s3:::acme-reports')).toBeUndefined();
	});

	it('gives condition keys, including those of the resource types', () => {
		expect(conditionKeysOf(catalogue, 'iam:PassRole')).toContain('iam:PassedToService');
		expect(conditionKeysOf(catalogue, 'iam:PutUserPolicy')).toContain('iam:PermissionsBoundary');
		expect(findAction(catalogue, 'IAM:passrole')?.id).toBe('iam:PassRole');
	});
});

describe("the catalogue's questions on a small catalogue", () => {
	const act = (name: string, accessLevel: CatalogueAction['accessLevel'], resourceTypes: string[] = []): CatalogueAction => ({
		name,
		accessLevel,
		resourceTypes: resourceTypes.map((r) => ({ name: r, required: true })),
		conditionKeys: [],
	});
	// Services listed out of order, and an action naming a resource type its service does not describe.
	const small: IamCatalogue = {
		version: 'test',
		services: {
			zeta: { key: 'zeta', name: 'Zeta', actions: [act('PutThing', 'Write', ['thing']), act('ListThings', 'List')], resourceTypes: { thing: { name: 'thing', arnFormat: 'arn:${Partition}:zeta:::thing/${Name}' } } },
			alpha: { key: 'alpha', name: 'Alpha', actions: [act('GetWidget', 'Read', ['widget', 'ghost']), act('SetWidgetPolicy', 'Permissions management', ['widget']), act('TagWidget', 'Tagging', ['widget'])], resourceTypes: { widget: { name: 'widget', arnFormat: 'arn:${Partition}:alpha:::widget/${Name}' } } },
		},
	};

	it('suggests the actions of the service within a quarter of the name (two at least), closest first, then by name, three at most', () => {
		const near: IamCatalogue = {
			version: 'test',
			services: {
				beta: {
					key: 'beta',
					name: 'Beta',
					// Out of name order, so ties must be put in order by name, not left as listed.
					actions: ['SetWidget', 'PutWidget', 'GetWidgets', 'GetGadget', 'GetWidget', 'DescribeEverythingAtOnce', 'Gone', 'Go'].map((n) => act(n, 'Read')),
					resourceTypes: {},
				},
			},
		};
		// 'getwidgt' (8 letters): within 2. GetWidget 1; GetWidgets and SetWidget 2; PutWidget 3, GetGadget 4.
		expect(nearestActions(near, 'beta:GetWidgt')).toEqual(['beta:GetWidget', 'beta:GetWidgets', 'beta:SetWidget']);
		// Equal distances order by name (GetWidget, SetWidget 1; GetWidgets, PutWidget 2), and three at most.
		expect(nearestActions(near, 'beta:XetWidget')).toEqual(['beta:GetWidget', 'beta:SetWidget', 'beta:GetWidgets']);
		expect(nearestActions(near, 'beta:XetWidget', 2)).toEqual(['beta:GetWidget', 'beta:SetWidget']);
		// A long name allows a quarter of its length: 24 letters, 6 apart.
		expect(nearestActions(near, 'beta:DescribeEverythingXXXXXX')).toEqual(['beta:DescribeEverythingAtOnce']);
		expect(nearestActions(near, 'beta:DescribeEverythingXXXXXXX')).toEqual([]);
		// A short name still allows two: Go is 2 from 'gxx', Gone 3.
		expect(nearestActions(near, 'beta:Gxx')).toEqual(['beta:Go']);
		expect(nearestActions(near, 'GetWidget')).toEqual([]);
		expect(nearestActions(near, ':GetWidget')).toEqual([]);
	});

	it("orders actions by service key, and lists a service's actions only", () => {
		expect(allActions(small).map((a) => [a.id, a.index])).toEqual([
			['alpha:GetWidget', 0],
			['alpha:SetWidgetPolicy', 1],
			['alpha:TagWidget', 2],
			['zeta:PutThing', 3],
			['zeta:ListThings', 4],
		]);
		expect(actionsOfService(small, 'ZETA').map((a) => a.id)).toEqual(['zeta:PutThing', 'zeta:ListThings']);
		expect(actionsOfService(small, 'nosuch')).toEqual([]);
	});

	it('an entry without a service prefix covers nothing; a wildcard service prefix looks in every service', () => {
		expect(expandActionPattern(small, 'zeta*')).toEqual([]);
		expect(expandActionPattern(small, 'PutThing')).toEqual([]);
		expect(expandActionPattern(small, '*:Put*')).toEqual(['zeta:PutThing']);
		expect(expandActionPattern(small, '?eta:*')).toEqual(['zeta:PutThing', 'zeta:ListThings']);
		expect(expandActionPattern(small, 'nosuch:*')).toEqual([]);
	});

	it('an entry naming one action or a whole service matches as the wildcard would: any case, its own service only', () => {
		expect(expandActionPattern(small, 'ALPHA:getwidget')).toEqual(['alpha:GetWidget']);
		expect(expandActionPattern(small, 'zeta:GetWidget')).toEqual([]);
		expect(expandActionPattern(small, 'Zeta:*')).toEqual(['zeta:PutThing', 'zeta:ListThings']);
		expect(expandActionPattern(small, 'alpha:sEtW*')).toEqual(['alpha:SetWidgetPolicy']);
		expect(expandActionPattern(small, 'alpha:SetWidgetPolicy*')).toEqual(['alpha:SetWidgetPolicy']);
		expect(expandActionPattern(small, 'alpha:SetWidgetPolicyX*')).toEqual([]);
		// The Kelvin sign lower-cases to k, yet IAM's case-insensitive match (the regex's) does not take it for K.
		const kelvin: IamCatalogue = { version: 'test', services: { kms: { key: 'kms', name: 'KMS', actions: [act('Decrypt', 'Read')], resourceTypes: {} } } };
		expect(expandActionPattern(kelvin, '\u212Ams:Decrypt')).toEqual([]);
		expect(expandActionPattern(kelvin, '\u212Ams:*')).toEqual([]);
		const kelvinName: IamCatalogue = { version: 'test', services: { x: { key: 'x', name: 'X', actions: [act('\u212Aeep', 'Read'), act('Keep', 'Read')], resourceTypes: {} } } };
		expect(expandActionPattern(kelvinName, 'x:k*')).toEqual(['x:Keep']);
		// Two actions spelt alike but for case (not in AWS's data, possible in a hand-made catalogue): both.
		const twice: IamCatalogue = { version: 'test', services: { beta: { key: 'beta', name: 'Beta', actions: [act('GetThing', 'Read'), act('getthing', 'Read')], resourceTypes: {} } } };
		expect(expandActionPattern(twice, 'beta:GETTHING')).toEqual(['beta:GetThing', 'beta:getthing']);
	});

	it('finds an action in any case, also in catalogues whose keys or names lower-case unlike ASCII', () => {
		expect(findAction(small, 'ALPHA:getwidget')?.id).toBe('alpha:GetWidget');
		expect(findAction(small, 'alpha')).toBeUndefined();
		expect(findAction(small, 'nosuch:GetWidget')).toBeUndefined();
		// Keys alike but for case: each action is still found by its own spelling.
		const keys: IamCatalogue = { version: 'test', services: { IAM: { key: 'IAM', name: 'Upper', actions: [act('PassRole', 'Write')], resourceTypes: {} }, iam: { key: 'iam', name: 'Lower', actions: [act('GetRole', 'Read')], resourceTypes: {} } } };
		expect(findAction(keys, 'IAM:PassRole')?.service.name).toBe('Upper');
		expect(findAction(keys, 'iam:GetRole')?.service.name).toBe('Lower');
		// A key holding a colon: the ID is not split at the first one.
		const colon: IamCatalogue = { version: 'test', services: { 'a:b': { key: 'a:b', name: 'AB', actions: [act('C', 'Read')], resourceTypes: {} } } };
		expect(findAction(colon, 'a:b:C')?.id).toBe('a:b:C');
		// The Kelvin sign lower-cases to k: found by the lower-cased ID, as always.
		const kelvin: IamCatalogue = { version: 'test', services: { x: { key: 'x', name: 'X', actions: [act('\u212Aeep', 'Read')], resourceTypes: {} } } };
		expect(findAction(kelvin, 'x:keep')?.id).toBe('x:\u212Aeep');
	});

	it('scoped writes are the Write and Permissions management actions that take a resource, each once over several entries', () => {
		expect(scopedActionsOf(small, '*')).toEqual({ scoped: ['alpha:GetWidget', 'alpha:SetWidgetPolicy', 'alpha:TagWidget', 'zeta:PutThing'], scopedWrites: ['alpha:SetWidgetPolicy', 'zeta:PutThing'], passRole: false });
		expect(scopedWritesOf(small, ['alpha:*', 'zeta:*', 'alpha:Set*'])).toEqual(['alpha:SetWidgetPolicy', 'zeta:PutThing']);
		expect(scopedWritesOf(small, ['zeta:*'])).toEqual(['zeta:PutThing']);
		expect(scopedWritesOf(small, [])).toEqual([]);
		expect(scopedWritesOf(small, ['alpha:GetWidget', 'zeta:ListThings'])).toEqual([]);
		expect(scopedWritesOf(small, ['alpha:GetWidget', 'zeta:PutThing', 'zeta:ListThings'])).toEqual(['zeta:PutThing']);
	});

	it('an unknown action has no formats and no keys; a resource type the service does not describe is left out', () => {
		expect(resourceArnFormats(small, 'alpha:NoSuch')).toEqual([]);
		expect(conditionKeysOf(small, 'alpha:NoSuch')).toEqual([]);
		expect(resourceArnFormats(small, 'alpha:GetWidget')).toEqual([{ resourceType: 'widget', arnFormat: 'arn:${Partition}:alpha:::widget/${Name}', required: true }]);
	});
});
