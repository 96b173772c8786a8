import { describe, expect, it } from 'vitest';
import type { Action, ActionKind, ActionParams } from '../../source/core/actions.js';
import { callerPrincipal, excludedEntryMatches, isCallersOwnKey, partitionExcluded, targetPrincipals } from '../../source/core/break-glass.js';

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

	it('takes an action out once, with the reason of the first entry that names any principal it changes', () => {
		const add = action('iam:AddUserToGroup', { UserName: 'alice', GroupName: 'Ops' });
		const { allowed, excluded } = partitionExcluded(
			[add],
			[
				{ arn: 'arn:aws:iam::123456789012:group/Ops', reason: 'on-call group' },
				{ arn: 'arn:aws:iam::123456789012:user/alice', reason: 'break-glass user' },
			],
			accountId,
		);
		expect(allowed).toEqual([]);
		expect(excluded).toEqual([{ action: add, principal: { type: 'user', name: 'alice', arn: 'arn:aws:iam::123456789012:user/alice' }, reason: 'break-glass user' }]);
	});

	it('builds the ARNs a pattern is matched against in the partition given', () => {
		const key = action('iam:UpdateAccessKey', { UserName: 'emergency-1', AccessKeyId: 'K1', Status: 'Inactive' });
		const entry = [{ arn: 'arn:aws-cn:iam::123456789012:user/emergency-*', reason: 'r' }];
		expect(partitionExcluded([key], entry, accountId, 'aws-cn').excluded).toHaveLength(1);
		expect(partitionExcluded([key], entry, accountId).excluded).toHaveLength(0);
	});
});

describe('isCallersOwnKey', () => {
	const caller = { accessKeyId: 'AKIAME' };
	it('is true only for updating or deleting the key the caller signs with', () => {
		expect(isCallersOwnKey(action('iam:UpdateAccessKey', { UserName: 'me', AccessKeyId: 'AKIAME', Status: 'Inactive' }), caller)).toBe(true);
		expect(isCallersOwnKey(action('iam:DeleteAccessKey', { UserName: 'me', AccessKeyId: 'AKIAME' }), caller)).toBe(true);
		expect(isCallersOwnKey(action('iam:UpdateAccessKey', { UserName: 'me', AccessKeyId: 'AKIAOTHER', Status: 'Inactive' }), caller)).toBe(false);
		expect(isCallersOwnKey(action('iam:UpdateAccessKey', { UserName: 'me', AccessKeyId: 'AKIAME', Status: 'Inactive' }), {})).toBe(false);
		// Another kind carrying the same key ID is no change to the key.
		expect(isCallersOwnKey({ kind: 'iam:DeleteLoginProfile', params: { UserName: 'me', AccessKeyId: 'AKIAME' }, step: 5, findingIds: [], summary: 's' } as unknown as Action, caller)).toBe(false);
	});
});

describe('callerPrincipal', () => {
	it('names the user or the assumed role, and nothing for root', () => {
		expect(callerPrincipal('arn:aws:iam::123456789012:user/ops/alice')).toEqual({ type: 'user', name: 'alice' });
		expect(callerPrincipal('arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com')).toEqual({ type: 'role', name: 'Admin' });
		expect(callerPrincipal('arn:aws:iam::123456789012:root')).toBeNull();
	});

	it('names a role by its own ARN too, path dropped, in any partition', () => {
		expect(callerPrincipal('arn:aws:iam::123456789012:role/ops/Admin')).toEqual({ type: 'role', name: 'Admin' });
		expect(callerPrincipal('arn:aws:iam::123456789012:role/Admin')).toEqual({ type: 'role', name: 'Admin' });
		expect(callerPrincipal('arn:aws:iam::123456789012:role/a/b/Admin')).toEqual({ type: 'role', name: 'Admin' });
		expect(callerPrincipal('arn:aws-cn:iam::123456789012:user/alice')).toEqual({ type: 'user', name: 'alice' });
		expect(callerPrincipal('arn:aws-us-gov:sts::123456789012:assumed-role/Admin/s')).toEqual({ type: 'role', name: 'Admin' });
	});

	it('is nothing for what is no user or role session: a federated user, a group, text around an ARN', () => {
		expect(callerPrincipal('arn:aws:sts::123456789012:federated-user/bob')).toBeNull();
		expect(callerPrincipal('arn:aws:iam::123456789012:group/ops')).toBeNull();
		expect(callerPrincipal('x arn:aws:iam::123456789012:user/alice')).toBeNull();
		expect(callerPrincipal('arn:aws:iam::123456789012:user/alice x/')).toBeNull();
		expect(callerPrincipal('arn:aws:sts::123456789012:assumed-role/Admin')).toBeNull();
		expect(callerPrincipal('arn:aws:sts::123456789012:assumed-role/Admin/s/extra')).toBeNull();
		expect(callerPrincipal('x arn:aws:sts::123456789012:assumed-role/Admin/s')).toBeNull();
		expect(callerPrincipal('x arn:aws:iam::123456789012:role/Admin')).toBeNull();
		expect(callerPrincipal('arn:aws:iam::123456789012:role/Admin/')).toBeNull();
	});
});

describe('targetPrincipals', () => {
	it('names the user and the group an action changes, with ARNs in the partition given', () => {
		expect(targetPrincipals(action('iam:AddUserToGroup', { UserName: 'alice', GroupName: 'Ops' }), accountId, 'aws-cn')).toEqual([
			{ type: 'user', name: 'alice', arn: 'arn:aws-cn:iam::123456789012:user/alice' },
			{ type: 'group', name: 'Ops', arn: 'arn:aws-cn:iam::123456789012:group/Ops' },
		]);
		expect(targetPrincipals(action('iam:DeleteRole', { RoleName: 'app' }), accountId)).toEqual([{ type: 'role', name: 'app', arn: 'arn:aws:iam::123456789012:role/app' }]);
	});

	it('skips an empty or non-string name', () => {
		expect(targetPrincipals({ ...action('iam:DeleteRole', { RoleName: '' }) }, accountId)).toEqual([]);
		expect(targetPrincipals({ ...action('iam:DeleteRole', { RoleName: 7 as unknown as string }) }, accountId)).toEqual([]);
	});
});

describe('excludedEntryMatches', () => {
	const alice = { type: 'user' as const, name: 'alice', arn: 'arn:aws:iam::123456789012:user/alice' };

	it('matches the same principal written with a path, in the same account and type only', () => {
		expect(excludedEntryMatches('arn:aws:iam::123456789012:user/people/alice', alice)).toBe(true);
		expect(excludedEntryMatches('arn:aws:iam::123456789013:user/people/alice', alice)).toBe(false);
		expect(excludedEntryMatches('arn:aws:iam::123456789012:role/people/alice', alice)).toBe(false);
		expect(excludedEntryMatches('arn:aws:iam::123456789012:user/people/alicia', alice)).toBe(false);
	});

	it('is no match for an entry that is no IAM principal ARN, nor for text around one', () => {
		expect(excludedEntryMatches('arn:aws:sts::123456789012:assumed-role/alice/s', alice)).toBe(false);
		expect(excludedEntryMatches('alice', alice)).toBe(false);
		expect(excludedEntryMatches('x arn:aws:iam::123456789012:user/alice', alice)).toBe(false);
		expect(excludedEntryMatches('arn:aws:iam::123456789012:user/alice/', alice)).toBe(false);
		expect(excludedEntryMatches('arn:aws:iam::123456789012:policy/alice', alice)).toBe(false);
	});

	it('reads an entry with ? as a pattern, and one without wildcards exactly', () => {
		expect(excludedEntryMatches('arn:aws:iam::123456789012:user/alic?', alice)).toBe(true);
		expect(excludedEntryMatches('arn:aws:iam::123456789012:user/al*', alice)).toBe(true);
		expect(excludedEntryMatches('arn:aws:iam::123456789012:user/al', alice)).toBe(false);
	});
});
