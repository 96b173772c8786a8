import { readFileSync } from 'node:fs';
import type { GetAccountAuthorizationDetailsCommandOutput } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import {
	AuthorizationDetailsError,
	type AuthorizationDetailsInput,
	isAwsManagedPolicyArn,
	mapAuthorizationDetails,
	mergeAuthorizationPages,
} from '../../source/aws/authorization-details.js';
import { awsFixture } from '../fixtures-path.js';

const fixture = JSON.parse(readFileSync(awsFixture('authorization-details.json'), 'utf8')) as AuthorizationDetailsInput;

function mapError(input: AuthorizationDetailsInput): string {
	try {
		mapAuthorizationDetails(input, { partition: 'aws' });
	} catch (error) {
		expect(error).toBeInstanceOf(AuthorizationDetailsError);
		return (error as Error).message;
	}
	throw new Error('expected mapAuthorizationDetails to throw');
}

describe('mapAuthorizationDetails on the CLI form', () => {
	const model = mapAuthorizationDetails(fixture, { partition: 'aws' });

	it('maps users with their groups, inline and attached policies, and no credentials it cannot know', () => {
		expect(model.users.map((user) => user.name)).toEqual(['carol', 'report-bot']);
		const carol = model.users[0];
		expect(carol).toMatchObject({
			id: 'dwfwiwqlv1i1fo5a76pf',
			arn: 'arn:aws:iam::123456789012:user/people/carol',
			path: '/people/',
			createDate: '2026-11-27T19:29:08.816Z',
			groups: ['operators'],
			inlinePolicies: [],
			attachedPolicies: [],
			tags: [],
			accessKeys: [],
			mfaDevices: [],
		});
		expect(carol.loginProfile).toBeUndefined();
		expect(carol.permissionsBoundary).toBeUndefined();

		const bot = model.users[1];
		expect(bot.inlinePolicies).toEqual([
			{
				name: 'inline-sqs',
				document: {
					Version: '2012-10-17',
					Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-1:123456789012:reports'] }],
				},
			},
		]);
		expect(bot.attachedPolicies).toEqual([{ name: 'billing-export', arn: 'arn:aws:iam::123456789012:policy/finance/billing-export' }]);
	});

	it('maps the group with its inline and attached policies', () => {
		expect(model.groups).toHaveLength(1);
		const group = model.groups[0];
		expect(group).toMatchObject({ name: 'operators', id: 'vn617f9ghcvu14kiym25', arn: 'arn:aws:iam::123456789012:group/operators', path: '/' });
		expect(group.inlinePolicies[0].name).toBe('read-logs');
		expect(group.inlinePolicies[0].document.Statement[0].Resource).toEqual(['arn:aws:logs:us-east-1:123456789012:log-group:/ops/*']);
		expect(group.attachedPolicies).toEqual([{ name: 'ops-wide', arn: 'arn:aws:iam::123456789012:policy/ops-wide' }]);
	});

	it('maps roles: trust with the external ID, the boundary, instance profiles, no last use', () => {
		const [etl, partner, web] = model.roles;
		expect(etl.permissionsBoundary).toBe('arn:aws:iam::123456789012:policy/team-boundary');
		expect(etl.trustPolicy.Statement[0].Principal).toEqual({ Service: ['glue.amazonaws.com'] });
		expect(etl.lastUsed).toBeUndefined();

		expect(partner.permissionsBoundary).toBeUndefined();
		expect(partner.trustPolicy.Statement).toEqual([
			{
				Effect: 'Allow',
				Principal: { AWS: ['arn:aws:iam::444455556666:root'] },
				Action: ['sts:AssumeRole'],
				Condition: { StringEquals: { 'sts:ExternalId': ['example-external-id'] } },
			},
		]);
		expect(partner.attachedPolicies).toEqual([{ name: 'SecurityAudit', arn: 'arn:aws:iam::aws:policy/SecurityAudit' }]);

		expect(web.instanceProfiles).toEqual(['web']);
		expect(etl.instanceProfiles).toEqual([]);
	});

	it('maps managed policies with every version, the default one marked', () => {
		const billing = model.policies.find((policy) => policy.arn.endsWith('/billing-export'));
		expect(billing).toMatchObject({
			name: 'billing-export',
			path: '/finance/',
			awsManaged: false,
			defaultVersionId: 'v2',
			attachmentCount: 2,
			permissionsBoundaryUsageCount: 0,
			isAttachable: true,
			createDate: '2026-11-27T19:29:08.000Z',
		});
		expect(billing?.description).toBeUndefined();
		expect(billing?.versions.map((version) => [version.versionId, version.isDefault])).toEqual([
			['v1', false],
			['v2', true],
		]);
		expect(billing?.versions[0].document.Statement[0].Action).toEqual(['s3:PutObject', 's3:GetObject']);
		expect(billing?.versions[1].document.Statement[0].Action).toEqual(['s3:PutObject']);
		const opsWide = model.policies.find((policy) => policy.name === 'ops-wide');
		expect(opsWide?.versions[0].document.Statement[1].Condition).toEqual({ BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } });
	});
});

/** The same shape as the JS SDK returns it: documents URL-encoded, dates as Date. */
function sdkForm(): GetAccountAuthorizationDetailsCommandOutput {
	const encode = (doc: object) => encodeURIComponent(JSON.stringify(doc));
	return {
		$metadata: {},
		IsTruncated: false,
		UserDetailList: [
			{
				UserName: 'dev',
				UserId: 'AIDAEXAMPLE',
				Arn: 'arn:aws-us-gov:iam::111122223333:user/dev',
				Path: '/',
				CreateDate: new Date('2025-01-02T03:04:05Z'),
				UserPolicyList: [{ PolicyName: 'own', PolicyDocument: encode({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }) }],
				GroupList: [],
				AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess' }],
				PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: 'arn:aws-us-gov:iam::111122223333:policy/b' },
				Tags: [{ Key: 'team', Value: 'data' }],
			},
		],
		RoleDetailList: [
			{
				RoleName: 'ci',
				RoleId: 'AROAEXAMPLE',
				Arn: 'arn:aws-us-gov:iam::111122223333:role/ci',
				Path: '/',
				CreateDate: new Date('2025-01-02T03:04:05Z'),
				AssumeRolePolicyDocument: encode({
					Version: '2012-10-17',
					Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws-us-gov:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
				}),
				RoleLastUsed: { LastUsedDate: new Date('2025-06-01T12:00:00Z'), Region: 'us-gov-west-1' },
				Tags: [],
			},
		],
		Policies: [
			{
				PolicyName: 'ReadOnlyAccess',
				PolicyId: 'ANPAEXAMPLE',
				Arn: 'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess',
				Path: '/',
				DefaultVersionId: 'v9',
				AttachmentCount: 1,
				PermissionsBoundaryUsageCount: 0,
				IsAttachable: true,
				Description: 'Read only',
				CreateDate: new Date('2015-02-06T18:39:48Z'),
				UpdateDate: new Date('2025-05-01T00:00:00Z'),
				PolicyVersionList: [
					{ VersionId: 'v9', IsDefaultVersion: true, CreateDate: new Date('2025-05-01T00:00:00Z'), Document: encode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 'ec2:Describe*'], Resource: '*' }] }) },
				],
			},
		],
	};
}

describe('mapAuthorizationDetails on the SDK form', () => {
	const model = mapAuthorizationDetails(mergeAuthorizationPages([sdkForm()]), { partition: 'aws-us-gov' });

	it('decodes URL-encoded documents, including a single Statement object', () => {
		expect(model.users[0].inlinePolicies[0].document.Statement).toEqual([{ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }]);
		expect(model.roles[0].trustPolicy.Statement[0].Principal).toEqual({
			Federated: ['arn:aws-us-gov:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'],
		});
		expect(model.policies[0].versions[0].document.Statement[0].Action).toEqual(['s3:Get*', 'ec2:Describe*']);
	});

	it('turns Date objects into ISO strings and keeps last use, tags and the user boundary', () => {
		expect(model.users[0].createDate).toBe('2025-01-02T03:04:05.000Z');
		expect(model.users[0].tags).toEqual([{ Key: 'team', Value: 'data' }]);
		expect(model.users[0].permissionsBoundary).toBe('arn:aws-us-gov:iam::111122223333:policy/b');
		expect(model.roles[0].lastUsed).toEqual({ date: '2025-06-01T12:00:00.000Z', region: 'us-gov-west-1' });
		expect(model.policies[0]).toMatchObject({ name: 'ReadOnlyAccess', id: 'ANPAEXAMPLE', description: 'Read only', updateDate: '2025-05-01T00:00:00.000Z' });
	});

	it('marks AWS-managed policies in any partition', () => {
		expect(model.policies[0].awsManaged).toBe(true);
		expect(isAwsManagedPolicyArn('arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole')).toBe(true);
		expect(isAwsManagedPolicyArn('arn:aws-cn:iam::aws:policy/ReadOnlyAccess')).toBe(true);
		expect(isAwsManagedPolicyArn('arn:aws:iam::123456789012:policy/aws')).toBe(false);
	});
});

describe('mergeAuthorizationPages', () => {
	it('concatenates every list of every page, in order', () => {
		const merged = mergeAuthorizationPages([
			{ UserDetailList: fixture.UserDetailList?.slice(0, 1), IsTruncated: true, Marker: 'm1' },
			{ UserDetailList: fixture.UserDetailList?.slice(1), RoleDetailList: fixture.RoleDetailList, IsTruncated: true, Marker: 'm2' },
			{ GroupDetailList: fixture.GroupDetailList, Policies: fixture.Policies, IsTruncated: false },
		]);
		expect(merged.UserDetailList?.map((user) => user.UserName)).toEqual(['carol', 'report-bot']);
		expect(merged.RoleDetailList).toHaveLength(3);
		expect(merged.GroupDetailList).toHaveLength(1);
		expect(merged.Policies).toHaveLength(3);
		expect(merged.Marker).toBeUndefined();
		expect(mapAuthorizationDetails(merged)).toEqual(mapAuthorizationDetails(fixture));
	});
});

describe('mapAuthorizationDetails errors', () => {
	const role = fixture.RoleDetailList?.[0];

	it('names the inline policy and its owner when a document is not JSON', () => {
		expect(mapError({ RoleDetailList: [{ ...role, RolePolicyList: [{ PolicyName: 'x', PolicyDocument: '{"Version": "2012-10-17", ' }] }] })).toBe(
			'The inline policy "x" of role "etl-runner" is not valid JSON',
		);
		expect(mapError({ GroupDetailList: [{ ...fixture.GroupDetailList?.[0], GroupPolicyList: [{ PolicyName: 'g', PolicyDocument: '%7B%22Version' }] }] })).toBe(
			'The inline policy "g" of group "operators" is not valid JSON',
		);
	});

	it('names the trust policy and a policy version, and the problem in them', () => {
		expect(mapError({ RoleDetailList: [{ ...role, AssumeRolePolicyDocument: { Statement: [{ Effect: 'Alow', Action: 'sts:AssumeRole' }] } }] })).toBe(
			'The trust policy of role "etl-runner" is not a valid policy document (Statement 1 has Effect "Alow", not "Allow" or "Deny")',
		);
		const policy = fixture.Policies?.[2];
		const versions = policy?.PolicyVersionList ?? [];
		expect(mapError({ Policies: [{ ...policy, PolicyVersionList: [versions[0], { ...versions[1], Document: 'not json %' }] }] })).toBe(
			'Version v2 of the managed policy "billing-export" is neither JSON nor URL-encoded JSON',
		);
	});

	it('names what is missing or not a date', () => {
		expect(mapError({ UserDetailList: [{ UserName: 'x', Arn: 'arn:aws:iam::1:user/x' }] })).toBe('The CreateDate of user "x" is missing');
		expect(mapError({ UserDetailList: [{ Arn: 'arn:aws:iam::1:user/x' }] })).toBe('The UserName of user 1 in UserDetailList is missing');
		expect(mapError({ RoleDetailList: [{ ...role, AssumeRolePolicyDocument: undefined }] })).toBe('The trust policy of role "etl-runner" has no document');
		expect(mapError({ GroupDetailList: [{ GroupName: 'g', Arn: 'arn:aws:iam::1:group/g', CreateDate: 'last week' }] })).toBe(
			'The CreateDate of group "g" is "last week", which is not a date',
		);
	});

	it('names a field of a hand-edited file that has the wrong shape', () => {
		const bad = (input: object) => mapError(input as AuthorizationDetailsInput);
		expect(bad({ UserDetailList: { UserName: 'x' } })).toBe('UserDetailList is not a list');
		expect(bad({ RoleDetailList: [role, null] })).toBe('Entry 2 of RoleDetailList is not an object');
		expect(bad({ UserDetailList: [{ ...fixture.UserDetailList?.[0], GroupList: 'operators' }] })).toBe('The GroupList of user "carol" is not a list of names');
		expect(bad({ RoleDetailList: [{ ...role, RolePolicyList: {} }] })).toBe('The RolePolicyList of role "etl-runner" is not a list');
	});
});
