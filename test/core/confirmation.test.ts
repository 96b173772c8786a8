import { describe, expect, it } from 'vitest';
import type { Action, ActionKind, ActionParams } from '../../source/core/actions.js';
import { callerAccessOf, confirmationFor, roomMadeFor, lockoutRiskOf, manyBoundaryPrincipals, manyKeyUsers, typedAccountIdMatches } from '../../source/core/confirmation.js';

const context = { accountId: '123456789012', callerArn: 'arn:aws:iam::123456789012:user/operator' };

function action<K extends ActionKind>(kind: K, params: ActionParams[K], extra: Partial<Action> = {}): Action {
	return { kind, params, step: 5, findingIds: [], summary: `${kind} ${JSON.stringify(params)}`, ...extra } as Action;
}

const deactivate = (user: string, key = `AKIA${user}`) => action('iam:UpdateAccessKey', { UserName: user, AccessKeyId: key, Status: 'Inactive' });
const boundaryOn = (role: string) => action('iam:PutRolePermissionsBoundary', { RoleName: role, PermissionsBoundary: 'arn:aws:iam::123456789012:policy/B' });

describe('confirmationFor', () => {
	it('asks y/N for an ordinary batch', () => {
		expect(confirmationFor([deactivate('a'), deactivate('b'), deactivate('c')], context)).toEqual({
			level: 'yes-no',
			reasons: [],
			lockoutRisks: [],
			irreversible: [],
		});
	});

	it('asks for the account ID when keys of more than three distinct users are deactivated or deleted', () => {
		const sameUser = [deactivate('a', 'K1'), deactivate('a', 'K2'), deactivate('b'), deactivate('c')];
		expect(confirmationFor(sameUser, context).level).toBe('yes-no');
		const four = [...sameUser, action('iam:DeleteAccessKey', { UserName: 'd', AccessKeyId: 'K4' })];
		const confirmation = confirmationFor(four, context);
		expect(confirmation.level).toBe('typed-account-id');
		expect(confirmation.reasons).toEqual(['Deactivates or deletes access keys of 4 users', 'Deletes access key K4 for good (a deleted key cannot be restored)']);
		expect(confirmation.irreversible).toEqual([four[4]]);
	});

	it('asks for the account ID for any key deletion, which cannot be undone', () => {
		const confirmation = confirmationFor([action('iam:DeleteAccessKey', { UserName: 'a', AccessKeyId: 'K1' })], context);
		expect(confirmation.level).toBe('typed-account-id');
		expect(confirmation.reasons).toEqual(['Deletes access key K1 for good (a deleted key cannot be restored)']);
	});

	it('does not count re-activating keys (a rollback) as a high blast radius', () => {
		const reactivate = ['a', 'b', 'c', 'd', 'e'].map((u) => action('iam:UpdateAccessKey', { UserName: u, AccessKeyId: `K${u}`, Status: 'Active' }));
		expect(confirmationFor(reactivate, context).level).toBe('yes-no');
	});

	it('asks for the account ID for an SCP on a root or an OU, not on an account', () => {
		const onAccount = action('organizations:AttachPolicy', { PolicyName: 'DenyNoMfa', TargetId: '210987654321' });
		expect(confirmationFor([onAccount], context).level).toBe('yes-no');
		const onRoot = action('organizations:AttachPolicy', { PolicyName: 'DenyNoMfa', TargetId: 'r-ab12' });
		const onOu = action('organizations:AttachPolicy', { PolicyId: 'p-1', TargetId: 'ou-ab12-cdef3456' });
		const confirmation = confirmationFor([onRoot, onOu], context);
		expect(confirmation.level).toBe('typed-account-id');
		expect(confirmation.reasons).toHaveLength(2);
		expect(confirmation.reasons[0]).toContain('r-ab12');
		expect(confirmation.reasons[1]).toContain('ou-ab12-cdef3456');
	});

	it('asks for the account ID for a boundary on more than five principals', () => {
		const five = ['a', 'b', 'c', 'd', 'e'].map(boundaryOn);
		expect(confirmationFor(five, context).level).toBe('yes-no');
		const six = [...five, action('iam:PutUserPermissionsBoundary', { UserName: 'a', PermissionsBoundary: 'arn:aws:iam::123456789012:policy/B' })];
		expect(confirmationFor(six, context).reasons).toEqual(['Sets a permissions boundary on 6 principals']);
	});

	it('honours an action’s own high-blast-radius flag', () => {
		const flagged = action('events:PutRule', { Name: 'r', EventPattern: '{}', State: 'ENABLED' }, { risk: { highBlastRadius: true }, summary: 'Route every IAM event' });
		expect(confirmationFor([flagged], context)).toMatchObject({ level: 'typed-account-id', reasons: ['High blast radius: Route every IAM event'] });
	});

	it('lists lockout risks from the actions and from narrowing the caller’s own principal', () => {
		const risky = action('organizations:AttachPolicy', { PolicyName: 'DenyAll', TargetId: '123456789012' }, { risk: { lockout: 'Denies iam:* to this account' } });
		const own = boundaryOn('x');
		const onCaller = action('iam:PutUserPermissionsBoundary', { UserName: 'operator', PermissionsBoundary: 'arn:aws:iam::123456789012:policy/B' });
		const confirmation = confirmationFor([risky, own, onCaller], context);
		expect(confirmation.lockoutRisks).toHaveLength(2);
		expect(confirmation.lockoutRisks[0]).toBe('Denies iam:* to this account');
		expect(confirmation.lockoutRisks[1]).toContain('user operator, the principal you are signed in as');
		const asRole = confirmationFor([boundaryOn('Admin')], { ...context, callerArn: 'arn:aws:sts::123456789012:assumed-role/Admin/session' });
		expect(asRole.lockoutRisks).toHaveLength(1);
	});

	it('names the actions that cannot be undone', () => {
		const del = action('iam:DeletePolicy', { PolicyArn: 'arn:aws:iam::123456789012:policy/Old' });
		expect(confirmationFor([deactivate('a'), del], context).irreversible).toEqual([del]);
	});
});

describe('confirmationFor, the reasons word for word', () => {
	it('names the root and the organizational unit an SCP is attached to, by policy name or ID', () => {
		const onRoot = action('organizations:AttachPolicy', { PolicyName: 'DenyNoMfa', TargetId: 'r-ab12' });
		const onOu = action('organizations:AttachPolicy', { PolicyId: 'p-1', TargetId: 'ou-ab12-cdef3456' });
		expect(confirmationFor([onRoot, onOu], context).reasons).toEqual([
			'Attaches service control policy DenyNoMfa to the organization root r-ab12, affecting every account under it',
			'Attaches service control policy p-1 to organizational unit ou-ab12-cdef3456, affecting every account under it',
		]);
	});

	it('lists every key deleted, in the plural', () => {
		const keys = ['K1', 'K2'].map((k) => action('iam:DeleteAccessKey', { UserName: 'a', AccessKeyId: k }));
		expect(confirmationFor(keys, context).reasons).toEqual(['Deletes access keys K1, K2 for good (a deleted key cannot be restored)']);
	});

	it("asks for the account ID for a root session that deletes a member account's root credentials", () => {
		const root = action('sts:AssumeRoot', { TargetPrincipal: '210987654321', TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials' }, DurationSeconds: 900, delete: ['accessKeys'] });
		expect(confirmationFor([root], context)).toMatchObject({
			level: 'typed-account-id',
			reasons: ["Deletes the root user's credentials of account 210987654321 for good, in a root session (sts:AssumeRoot)"],
		});
	});

	it('counts a user and a role of the same name as two principals getting a boundary', () => {
		expect(manyBoundaryPrincipals).toBe(5);
		const names = ['a', 'b', 'c'];
		const both = [...names.map(boundaryOn), ...names.map((n) => action('iam:PutUserPermissionsBoundary', { UserName: n, PermissionsBoundary: 'arn:aws:iam::123456789012:policy/B' }))];
		expect(confirmationFor(both, context).reasons).toEqual(['Sets a permissions boundary on 6 principals']);
		// Other actions on other principals are no boundaries.
		expect(confirmationFor([...['a', 'b', 'c', 'd', 'e'].map(boundaryOn), deactivate('f'), action('iam:DeleteRole', { RoleName: 'g' })], context).level).toBe('yes-no');
		// The same role twice is one principal.
		expect(confirmationFor([...['a', 'b', 'c', 'd', 'e'].map(boundaryOn), boundaryOn('a')], context).level).toBe('yes-no');
	});

	it('counts the users whose keys go, not the keys, and only from more than three', () => {
		expect(manyKeyUsers).toBe(3);
		expect(confirmationFor(['a', 'b', 'c'].map((u) => deactivate(u)), context).reasons).toEqual([]);
		expect(confirmationFor(['a', 'b', 'c', 'd'].map((u) => deactivate(u)), context).reasons).toEqual(['Deactivates or deletes access keys of 4 users']);
	});

	it('lists each lockout risk once, however many actions carry it', () => {
		const risky = (name: string) => action('organizations:AttachPolicy', { PolicyName: name, TargetId: '123456789012' }, { risk: { lockout: 'Denies iam:* to this account' } });
		expect(confirmationFor([risky('a'), risky('b')], context).lockoutRisks).toEqual(['Denies iam:* to this account']);
	});
});

describe('lockoutRiskOf', () => {
	const user = (kind: ActionKind, params: Record<string, unknown>) => action(kind, params as never, { summary: `${kind} on the caller` });
	const narrowing: [ActionKind, Record<string, unknown>][] = [
		['iam:PutRolePermissionsBoundary', { RoleName: 'operator', PermissionsBoundary: 'B' }],
		['iam:PutUserPermissionsBoundary', { UserName: 'operator', PermissionsBoundary: 'B' }],
		['iam:DetachUserPolicy', { UserName: 'operator', PolicyArn: 'P' }],
		['iam:DetachRolePolicy', { RoleName: 'operator', PolicyArn: 'P' }],
		['iam:DetachGroupPolicy', { GroupName: 'operator', PolicyArn: 'P' }],
		['iam:PutUserPolicy', { UserName: 'operator', PolicyName: 'p', PolicyDocument: {} }],
		['iam:PutRolePolicy', { RoleName: 'operator', PolicyName: 'p', PolicyDocument: {} }],
		['iam:PutGroupPolicy', { GroupName: 'operator', PolicyName: 'p', PolicyDocument: {} }],
		['iam:DeleteUserPolicy', { UserName: 'operator', PolicyName: 'p' }],
		['iam:DeleteRolePolicy', { RoleName: 'operator', PolicyName: 'p' }],
		['iam:DeleteGroupPolicy', { GroupName: 'operator', PolicyName: 'p' }],
		['iam:UpdateAssumeRolePolicy', { RoleName: 'operator', PolicyDocument: {} }],
		['iam:RemoveUserFromGroup', { UserName: 'operator', GroupName: 'ops' }],
	];
	const asUser = context;
	const asRole = { ...context, callerArn: 'arn:aws:sts::123456789012:assumed-role/operator/session' };

	it.each(narrowing)('%s on the principal the caller is signed in as is a lockout risk', (kind, params) => {
		const a = user(kind, params);
		const hit = params.UserName ? asUser : params.RoleName ? asRole : undefined;
		if (hit) {
			const type = params.UserName ? 'user' : 'role';
			expect(lockoutRiskOf(a, hit)).toBe(`Changes ${type} operator, the principal you are signed in as (${kind} on the caller)`);
		} else {
			// A group is no principal one signs in as.
			expect(lockoutRiskOf(a, asUser)).toBeUndefined();
			expect(lockoutRiskOf(a, asRole)).toBeUndefined();
		}
	});

	it('is none for a change that cannot narrow, for another principal, or for a caller that is no user or role', () => {
		expect(lockoutRiskOf(user('iam:AttachUserPolicy', { UserName: 'operator', PolicyArn: 'P' }), asUser)).toBeUndefined();
		expect(lockoutRiskOf(user('iam:PutUserPermissionsBoundary', { UserName: 'someone', PermissionsBoundary: 'B' }), asUser)).toBeUndefined();
		expect(lockoutRiskOf(user('iam:PutRolePermissionsBoundary', { RoleName: 'operator', PermissionsBoundary: 'B' }), asUser)).toBeUndefined();
		expect(lockoutRiskOf(user('iam:PutUserPermissionsBoundary', { UserName: 'operator', PermissionsBoundary: 'B' }), { ...context, callerArn: 'arn:aws:iam::123456789012:root' })).toBeUndefined();
	});

	it('is a change to a group the signed-in user is in, and none to another group or for a role session', () => {
		const inOps = { ...asUser, callerGroups: ['ops', 'devs'] };
		const groupChanges: [ActionKind, Record<string, unknown>][] = [
			['iam:DetachGroupPolicy', { GroupName: 'ops', PolicyArn: 'P' }],
			['iam:PutGroupPolicy', { GroupName: 'ops', PolicyName: 'p', PolicyDocument: {} }],
			['iam:DeleteGroupPolicy', { GroupName: 'ops', PolicyName: 'p' }],
		];
		for (const [kind, params] of groupChanges) {
			expect(lockoutRiskOf(user(kind, params), inOps)).toBe(`Changes group ops, which user operator you are signed in as is in (${kind} on the caller)`);
			expect(lockoutRiskOf(user(kind, { ...params, GroupName: 'auditors' }), inOps)).toBeUndefined();
			expect(lockoutRiskOf(user(kind, params), { ...asRole, callerGroups: ['ops'] })).toBeUndefined();
		}
		// A user who shares a group's name is not the group.
		expect(lockoutRiskOf(user('iam:DetachUserPolicy', { UserName: 'ops', PolicyArn: 'P' }), inOps)).toBeUndefined();
		// A change that cannot narrow stays none, group or not.
		expect(lockoutRiskOf(user('iam:AttachGroupPolicy', { GroupName: 'ops', PolicyArn: 'P' }), inOps)).toBeUndefined();
		expect(confirmationFor([user('iam:DetachGroupPolicy', { GroupName: 'ops', PolicyArn: 'P' })], inOps).lockoutRisks).toHaveLength(1);
	});

	it("knows the groups and managed policies of the principal the caller is: the user's own, its groups', its boundary; a role's own and boundary", () => {
		const P = (name: string) => ({ arn: `arn:aws:iam::123456789012:policy/${name}` });
		const model = {
			caller: { arn: 'arn:aws:iam::123456789012:user/operator' },
			users: [
				{ arn: 'arn:aws:iam::123456789012:user/operator', name: 'operator', groups: ['ops', 'devs'], attachedPolicies: [P('mine')], permissionsBoundary: P('limit').arn },
				{ arn: 'arn:aws:iam::123456789012:user/other', name: 'other', groups: ['auditors'], attachedPolicies: [P('theirs')] },
			],
			groups: [
				{ name: 'ops', attachedPolicies: [P('ops-admin'), P('mine')] },
				{ name: 'devs', attachedPolicies: [P('dev')] },
				{ name: 'auditors', attachedPolicies: [P('audit')] },
			],
			roles: [
				{ name: 'builder', attachedPolicies: [P('builder-admin')] },
				{ name: 'operator', attachedPolicies: [P('role-admin')], permissionsBoundary: P('role-limit').arn },
			],
		};
		expect(callerAccessOf(model)).toEqual({
			callerGroups: ['ops', 'devs'],
			callerPolicies: {
				[P('mine').arn]: 'attached to it',
				[P('limit').arn]: 'as its permissions boundary',
				[P('ops-admin').arn]: 'through group ops',
				[P('dev').arn]: 'through group devs',
			},
		});
		expect(callerAccessOf({ ...model, caller: { arn: 'arn:aws:sts::123456789012:assumed-role/operator/s' } })).toEqual({
			callerGroups: [],
			callerPolicies: { [P('role-admin').arn]: 'attached to it', [P('role-limit').arn]: 'as its permissions boundary' },
		});
		// Root, or a principal the model does not hold: nothing known.
		expect(callerAccessOf({ ...model, caller: { arn: 'arn:aws:iam::123456789012:root' } })).toEqual({ callerGroups: [], callerPolicies: {} });
		expect(callerAccessOf({ ...model, caller: { arn: 'arn:aws:iam::123456789012:user/gone' } })).toEqual({ callerGroups: [], callerPolicies: {} });
		// A user the model does not hold is not the role of the same name.
		expect(callerAccessOf({ ...model, users: [] })).toEqual({ callerGroups: [], callerPolicies: {} });
		// A group the model does not hold gives nothing.
		expect(callerAccessOf({ ...model, groups: [] }).callerPolicies).toEqual({ [P('mine').arn]: 'attached to it', [P('limit').arn]: 'as its permissions boundary' });
	});

	it('is a new default version of a managed policy the caller has, saying how it has it; none for a non-default version or another policy', () => {
		const arn = 'arn:aws:iam::123456789012:policy/ops-admin';
		const has = { ...asUser, callerPolicies: { [arn]: 'through group ops' } };
		const scoped = action('iam:CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: { Version: '2012-10-17', Statement: [] }, SetAsDefault: true }, { summary: 'Make a scoped version of ops-admin the default' });
		expect(lockoutRiskOf(scoped, has)).toBe(`Changes policy ${arn}, which user operator you are signed in as has through group ops (Make a scoped version of ops-admin the default)`);
		const back = action('iam:SetDefaultPolicyVersion', { PolicyArn: arn, VersionId: 'v1' }, { summary: 'Make v1 the default again' });
		expect(lockoutRiskOf(back, { ...asRole, callerPolicies: { [arn]: 'attached to it' } })).toBe(`Changes policy ${arn}, which role operator you are signed in as has attached to it (Make v1 the default again)`);
		expect(lockoutRiskOf(action('iam:CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: { Version: '2012-10-17', Statement: [] }, SetAsDefault: false }), has)).toBeUndefined();
		expect(lockoutRiskOf(scoped, { ...asUser, callerPolicies: { 'arn:aws:iam::123456789012:policy/other': 'attached to it' } })).toBeUndefined();
		expect(lockoutRiskOf(scoped, asUser)).toBeUndefined();
		expect(lockoutRiskOf(scoped, { ...has, callerArn: 'arn:aws:iam::123456789012:root' })).toBeUndefined();
		expect(confirmationFor([scoped], has).lockoutRisks).toHaveLength(1);
	});

	it("is the action's own risk first, whatever it changes", () => {
		const flagged = action('iam:AttachUserPolicy', { UserName: 'someone', PolicyArn: 'P' }, { risk: { lockout: 'Denies the break-glass path' } });
		expect(lockoutRiskOf(flagged, asUser)).toBe('Denies the break-glass path');
	});
});

describe('roomMadeFor', () => {
	const P = 'arn:aws:iam::123456789012:policy/p';
	const Q = 'arn:aws:iam::123456789012:policy/q';
	const deleteOldest = (arn: string) => action('iam:DeletePolicyVersion', { PolicyArn: arn, VersionId: 'v1' });
	const scope = (arn: string) => action('iam:CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: { Version: '2012-10-17', Statement: [] }, SetAsDefault: true });

	it('is the deletion of a version of a policy whose new version is left out', () => {
		expect([...roomMadeFor([deleteOldest(P), scope(P), deleteOldest(Q), scope(Q)], new Set([1]))]).toEqual([0]);
	});

	it('is nothing for a policy left out by another kind of change, for other kinds on the policy, or for what is left out already', () => {
		// A detach left out (a group lock-out) is no new version: its policy's deletions stay.
		expect([...roomMadeFor([deleteOldest(P), action('iam:DetachGroupPolicy', { GroupName: 'ops', PolicyArn: P })], new Set([1]))]).toEqual([]);
		// Only deletions make room: an attachment of the same policy stays.
		expect([...roomMadeFor([scope(P), action('iam:AttachRolePolicy', { RoleName: 'r', PolicyArn: P })], new Set([0]))]).toEqual([]);
		// A deletion left out itself is not listed again.
		expect([...roomMadeFor([deleteOldest(P), scope(P)], new Set([0, 1]))]).toEqual([]);
		expect([...roomMadeFor([deleteOldest(P), scope(P)], new Set([5]))]).toEqual([]);
	});
});

describe('typedAccountIdMatches', () => {
	it('accepts the ID as people write it and nothing else', () => {
		expect(typedAccountIdMatches('1234-5678-9012', '123456789012')).toBe(true);
		expect(typedAccountIdMatches(' 123456789012 ', '123456789012')).toBe(true);
		expect(typedAccountIdMatches('123456789013', '123456789012')).toBe(false);
		expect(typedAccountIdMatches('', '')).toBe(false);
		expect(typedAccountIdMatches(undefined, '123456789012')).toBe(false);
		// Tabs and newlines are blanks too; other characters are not dropped.
		expect(typedAccountIdMatches('1234\t5678\n9012', '123456789012')).toBe(true);
		expect(typedAccountIdMatches('1234.5678.9012', '123456789012')).toBe(false);
		expect(typedAccountIdMatches('x123456789012', '123456789012')).toBe(false);
	});
});
