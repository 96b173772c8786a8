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
