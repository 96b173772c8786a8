import { describe, expect, it } from 'vitest';
import type { Action } from '../../source/core/actions.js';
import { modelAfterActions } from '../../source/core/model-after-action.js';
import { previewLines } from '../../source/ui/preview-lines.js';
import { buildAccessKey, buildModel, buildRole, buildUser } from '../helpers/model-builder.js';

const boundary = (name: string, arn: string): Action => ({
	kind: 'iam:PutRolePermissionsBoundary',
	params: { RoleName: name, PermissionsBoundary: arn },
	step: 4,
	findingIds: [],
	summary: `Put boundary ${arn} on ${name}`,
});

describe('previews fold a batch through the model', () => {
	it("describes each action against what the actions ahead of it leave", () => {
		const model = buildModel({ roles: [buildRole('app')] });
		const text = previewLines([boundary('app', 'arn:aws:iam::123456789012:policy/a'), boundary('app', 'arn:aws:iam::123456789012:policy/b')], [], model).map((l) => l.text);
		expect(text).toContain('   Permissions boundary of role app: (none) → arn:aws:iam::123456789012:policy/a');
		expect(text).toContain('   Permissions boundary of role app: arn:aws:iam::123456789012:policy/a → arn:aws:iam::123456789012:policy/b');
	});

	it('models key status, boundaries and inline policies after the actions, leaving the input untouched', () => {
		const model = buildModel({ users: [buildUser('bob', { accessKeys: [buildAccessKey('bob', 'AKIABOB')] })], roles: [buildRole('app')] });
		const after = modelAfterActions(model, [
			{ kind: 'iam:UpdateAccessKey', params: { UserName: 'bob', AccessKeyId: 'AKIABOB', Status: 'Inactive' }, step: 5, findingIds: [], summary: '' },
			boundary('app', 'arn:aws:iam::123456789012:policy/a'),
			{ kind: 'iam:PutRolePolicy', params: { RoleName: 'app', PolicyName: 'p', PolicyDocument: { Statement: [] } }, step: 3, findingIds: [], summary: '' },
		]);
		expect(after.users[0]!.accessKeys[0]!.status).toBe('Inactive');
		expect(after.roles[0]!.permissionsBoundary).toBe('arn:aws:iam::123456789012:policy/a');
		expect(after.roles[0]!.inlinePolicies.map((p) => p.name)).toEqual(['p']);
		expect(model.users[0]!.accessKeys[0]!.status).toBe('Active');
		expect(model.roles[0]!.permissionsBoundary).toBeUndefined();
	});
});

describe('modelAfterAction, kind by kind', () => {
	const doc = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: [action], Resource: ['*'] }] });
	const act = (kind: Action['kind'], params: object): Action => ({ kind, params, step: 3, findingIds: [], summary: '' }) as Action;
	const policyArn = 'arn:aws:iam::123456789012:policy/scoped';
	const version = (versionId: string, isDefault: boolean, action: string) => ({ versionId, isDefault, createDate: '2026-01-01T00:00:00Z', document: doc(action) });
	const model = buildModel({
		users: [
			buildUser('bob', { accessKeys: [buildAccessKey('bob', 'AKIABOB1'), buildAccessKey('bob', 'AKIABOB2')], inlinePolicies: [{ name: 'keep', document: doc('s3:GetObject') }, { name: 'old', document: doc('s3:*') }], permissionsBoundary: 'arn:b' }),
			buildUser('carol', { accessKeys: [buildAccessKey('carol', 'AKIACAROL')], permissionsBoundary: 'arn:c' }),
		],
		roles: [buildRole('app', { permissionsBoundary: 'arn:r', inlinePolicies: [{ name: 'old', document: doc('ec2:*') }] }), buildRole('other', { permissionsBoundary: 'arn:o' })],
		groups: [
			{ name: 'devs', id: 'AGPADEVS', arn: 'arn:aws:iam::123456789012:group/devs', path: '/', createDate: '2026-01-01T00:00:00Z', inlinePolicies: [{ name: 'old', document: doc('iam:*') }], attachedPolicies: [] },
			{ name: 'ops', id: 'AGPAOPS', arn: 'arn:aws:iam::123456789012:group/ops', path: '/', createDate: '2026-01-01T00:00:00Z', inlinePolicies: [{ name: 'old', document: doc('iam:*') }], attachedPolicies: [] },
		],
		policies: [
			{ arn: policyArn, name: 'scoped', id: 'ANPA1', path: '/', awsManaged: false, defaultVersionId: 'v2', attachmentCount: 1, permissionsBoundaryUsageCount: 0, isAttachable: true, createDate: '', updateDate: '', versions: [version('v1', false, 's3:*'), version('v2', true, '*')] },
			{ arn: 'arn:aws:iam::123456789012:policy/untouched', name: 'untouched', id: 'ANPA2', path: '/', awsManaged: false, defaultVersionId: 'v1', attachmentCount: 1, permissionsBoundaryUsageCount: 0, isAttachable: true, createDate: '', updateDate: '', versions: [version('v1', true, '*')] },
		],
		passwordPolicy: { MinimumPasswordLength: 8 },
	});
	const after = (kind: Action['kind'], params: object) => modelAfterActions(model, [act(kind, params)]);

	it('a key status, on that key of that user only', () => {
		const m = after('iam:UpdateAccessKey', { UserName: 'bob', AccessKeyId: 'AKIABOB2', Status: 'Inactive' });
		expect(m.users.map((u) => u.accessKeys.map((k) => k.status))).toEqual([['Active', 'Inactive'], ['Active']]);
	});

	it('boundaries set and removed, on that user or role only', () => {
		expect(after('iam:PutUserPermissionsBoundary', { UserName: 'bob', PermissionsBoundary: 'arn:new' }).users.map((u) => u.permissionsBoundary)).toEqual(['arn:new', 'arn:c']);
		expect(after('iam:DeleteUserPermissionsBoundary', { UserName: 'bob' }).users.map((u) => [u.name, u.permissionsBoundary, u.accessKeys.length])).toEqual([
			['bob', undefined, 2],
			['carol', 'arn:c', 1],
		]);
		expect(after('iam:PutRolePermissionsBoundary', { RoleName: 'app', PermissionsBoundary: 'arn:new' }).roles.map((r) => r.permissionsBoundary)).toEqual(['arn:new', 'arn:o']);
		expect(after('iam:DeleteRolePermissionsBoundary', { RoleName: 'app' }).roles.map((r) => [r.name, r.permissionsBoundary, r.inlinePolicies.length])).toEqual([
			['app', undefined, 1],
			['other', 'arn:o', 0],
		]);
	});

	it('a trust policy replaced on that role only', () => {
		const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] };
		const m = after('iam:UpdateAssumeRolePolicy', { RoleName: 'app', PolicyDocument: trust });
		expect(m.roles[0]!.trustPolicy).toEqual(trust);
		expect(m.roles[1]!.trustPolicy).toEqual(model.roles[1]!.trustPolicy);
	});

	it('inline policies put (replacing one of the same name, keeping the others) and deleted, for users, roles and groups', () => {
		const names = (list: { inlinePolicies: { name: string; document: unknown }[] }[]) => list.map((e) => e.inlinePolicies.map((p) => [p.name, p.document]));
		expect(names(after('iam:PutUserPolicy', { UserName: 'bob', PolicyName: 'old', PolicyDocument: doc('s3:PutObject') }).users)).toEqual([[['keep', doc('s3:GetObject')], ['old', doc('s3:PutObject')]], []]);
		expect(names(after('iam:DeleteUserPolicy', { UserName: 'bob', PolicyName: 'old' }).users)).toEqual([[['keep', doc('s3:GetObject')]], []]);
		expect(names(after('iam:PutRolePolicy', { RoleName: 'app', PolicyName: 'new', PolicyDocument: doc('sqs:*') }).roles)).toEqual([[['old', doc('ec2:*')], ['new', doc('sqs:*')]], []]);
		expect(names(after('iam:DeleteRolePolicy', { RoleName: 'app', PolicyName: 'old' }).roles)).toEqual([[], []]);
		expect(names(after('iam:PutGroupPolicy', { GroupName: 'devs', PolicyName: 'old', PolicyDocument: doc('iam:Get*') }).groups)).toEqual([[['old', doc('iam:Get*')]], [['old', doc('iam:*')]]]);
		expect(names(after('iam:DeleteGroupPolicy', { GroupName: 'ops', PolicyName: 'old' }).groups)).toEqual([[['old', doc('iam:*')]], []]);
	});

	it('a new default version becomes the only default of that policy; a non-default one changes nothing', () => {
		const m = after('iam:CreatePolicyVersion', { PolicyArn: policyArn, PolicyDocument: doc('s3:GetObject'), SetAsDefault: true });
		expect(m.policies[0]!.versions).toEqual([
			{ ...version('v1', false, 's3:*') },
			{ ...version('v2', false, '*') },
			{ versionId: '(new)', isDefault: true, createDate: '', document: doc('s3:GetObject') },
		]);
		expect(m.policies[1]).toBe(model.policies[1]);
		expect(after('iam:CreatePolicyVersion', { PolicyArn: policyArn, PolicyDocument: doc('s3:GetObject'), SetAsDefault: false })).toBe(model);
	});

	it('setting the default version moves the default mark and the default version ID of that policy only', () => {
		const m = after('iam:SetDefaultPolicyVersion', { PolicyArn: policyArn, VersionId: 'v1' });
		expect(m.policies[0]!.defaultVersionId).toBe('v1');
		expect(m.policies[0]!.versions.map((v) => [v.versionId, v.isDefault])).toEqual([
			['v1', true],
			['v2', false],
		]);
		expect(m.policies[1]).toBe(model.policies[1]);
	});

	it('the password policy replaced by what the call sets, or removed; a kind it does not model leaves the model as it was', () => {
		expect(after('iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14, RequireSymbols: true }).passwordPolicy).toEqual({ MinimumPasswordLength: 14, RequireSymbols: true });
		expect(after('iam:DeleteAccountPasswordPolicy', {}).passwordPolicy).toBeNull();
		expect(after('iam:CreateGroup', { GroupName: 'new' })).toBe(model);
	});
});
