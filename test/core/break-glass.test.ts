import { describe, expect, it } from 'vitest';
import type { Action, ActionKind, ActionParams } from '../../source/core/actions.js';
import { callerPrincipal, isCallersOwnKey, partitionExcluded } from '../../source/core/break-glass.js';

const accountId = '123456789012';

function action<K extends ActionKind>(kind: K, params: ActionParams[K]): Action {
	return { kind, params, step: 4, findingIds: [], summary: kind } as Action;
}

describe('partitionExcluded', () => {
	const boundary = 'arn:aws:iam::123456789012:policy/B';
	const actions = [
		action('iam:PutRolePermissionsBoundary', { RoleName: 'BreakGlassAdmin', PermissionsBoundary: boundary }),
		action('iam:PutRolePermissionsBoundary', { RoleName: 'app', PermissionsBoundary: boundary }),
		action('iam:UpdateAccessKey', { UserName: 'emergency-1', AccessKeyId: 'K1', Status: 'Inactive' }),
		action('iam:AddUserToGroup', { UserName: 'alice', GroupName: 'Ops' }),
		action('iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14 }),
	];

	it('takes out actions on listed principals, by exact ARN, ARN with a path, or glob, with the reason', () => {
		const { allowed, excluded } = partitionExcluded(
			actions,
			[
				{ arn: 'arn:aws:iam::123456789012:role/admin/BreakGlassAdmin', reason: 'sealed envelope role' },
				{ arn: 'arn:aws:iam::123456789012:user/emergency-*', reason: 'emergency users' },
				{ arn: 'arn:aws:iam::123456789012:group/Ops', reason: 'on-call group' },
			],
			accountId,
		);
		expect(allowed).toEqual([actions[1], actions[4]]);
		expect(excluded.map((e) => [e.action, e.principal.arn, e.reason])).toEqual([
			[actions[0], 'arn:aws:iam::123456789012:role/BreakGlassAdmin', 'sealed envelope role'],
			[actions[2], 'arn:aws:iam::123456789012:user/emergency-1', 'emergency users'],
			[actions[3], 'arn:aws:iam::123456789012:group/Ops', 'on-call group'],
		]);
	});

	it('does not match another account, another principal type, or a longer name', () => {
		const { allowed } = partitionExcluded(
			actions,
			[
				{ arn: 'arn:aws:iam::999999999999:role/BreakGlassAdmin', reason: 'other account' },
				{ arn: 'arn:aws:iam::123456789012:user/BreakGlassAdmin', reason: 'a user, not the role' },
				{ arn: 'arn:aws:iam::123456789012:user/emergency', reason: 'prefix only' },
			],
			accountId,
		);
		expect(allowed).toEqual(actions);
	});

	it("reads IAM's wildcards: ? is exactly one character, and case counts", () => {
		const keys = [
			action('iam:UpdateAccessKey', { UserName: 'emergency-1', AccessKeyId: 'K1', Status: 'Inactive' }),
			action('iam:UpdateAccessKey', { UserName: 'emergency-12', AccessKeyId: 'K2', Status: 'Inactive' }),
			action('iam:UpdateAccessKey', { UserName: 'Emergency-3', AccessKeyId: 'K3', Status: 'Inactive' }),
		];
		const { allowed, excluded } = partitionExcluded(keys, [{ arn: 'arn:aws:iam::123456789012:user/emergency-?', reason: 'one-digit emergency users' }], accountId);
		expect(excluded.map((e) => e.principal.arn)).toEqual(['arn:aws:iam::123456789012:user/emergency-1']);
		expect(allowed).toEqual([keys[1], keys[2]]);
	});
});

describe('isCallersOwnKey', () => {
	const caller = { accessKeyId: 'AKIAME' };
	it('is true only for updating or deleting the key the caller signs with', () => {
		expect(isCallersOwnKey(action('iam:UpdateAccessKey', { UserName: 'me', AccessKeyId: 'AKIAME', Status: 'Inactive' }), caller)).toBe(true);
		expect(isCallersOwnKey(action('iam:DeleteAccessKey', { UserName: 'me', AccessKeyId: 'AKIAME' }), caller)).toBe(true);
		expect(isCallersOwnKey(action('iam:UpdateAccessKey', { UserName: 'me', AccessKeyId: 'AKIAOTHER', Status: 'Inactive' }), caller)).toBe(false);
		expect(isCallersOwnKey(action('iam:UpdateAccessKey', { UserName: 'me', AccessKeyId: 'AKIAME', Status: 'Inactive' }), {})).toBe(false);
	});
});

describe('callerPrincipal', () => {
	it('names the user or the assumed role, and nothing for root', () => {
		expect(callerPrincipal('arn:aws:iam::123456789012:user/ops/alice')).toEqual({ type: 'user', name: 'alice' });
		expect(callerPrincipal('arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com')).toEqual({ type: 'role', name: 'Admin' });
		expect(callerPrincipal('arn:aws:iam::123456789012:root')).toBeNull();
	});
});
