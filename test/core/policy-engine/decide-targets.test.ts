/**
 * One request on many resources at once: targets covered by the same statements share one
 * decision, and the groups must say exactly what evaluating each target alone would say.
 */
import { describe, expect, it, vi } from 'vitest';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { compileDocument } from '../../../source/core/policy-engine/compiled-policy.js';
import { passedToServiceContext } from '../../../source/core/policy-engine/condition-eval.js';
import { arnsOf, decideTargets, hasAllow } from '../../../source/core/policy-engine/decide-targets.js';
import { evaluateAccess, isPossible } from '../../../source/core/policy-engine/evaluate-access.js';
import { principalPolicies, type PrincipalPolicySet } from '../../../source/core/policy-engine/principal-policies.js';
import { buildModel, buildPolicy, buildUser, customerManagedRef, roleArn, userArn } from '../../helpers/model-builder.js';

type Raw = Record<string, unknown>;
const doc = (...statements: Raw[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });
const allow = (action: string, resource: string | string[] = '*', extra: Raw = {}): Raw => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const deny = (action: string, resource: string | string[] = '*', extra: Raw = {}): Raw => ({ Effect: 'Deny', Action: action, Resource: resource, ...extra });
const pass = 'iam:PassRole';

function setOf(statements: Raw[], name = 'dev', boundary?: Raw[]): PrincipalPolicySet {
	const policy = boundary && buildPolicy('boundary', { versions: [{ versionId: 'v1', isDefault: true, createDate: '2020-01-01T00:00:00Z', document: doc(...boundary) }] });
	const user = buildUser(name, { inlinePolicies: [{ name: 'p', document: doc(...statements) }], ...(policy ? { permissionsBoundary: customerManagedRef('boundary').arn } : {}) });
	return principalPolicies(buildModel({ users: [user], policies: policy ? [policy] : [] }), user, 'user');
}

function withScp(set: PrincipalPolicySet, applies: boolean, ...statements: Raw[]): PrincipalPolicySet {
	const full = { ref: { layer: 'scp' as const, kind: 'scp' as const, name: 'FullAWSAccess' }, doc: compileDocument(doc(allow('*'))) };
	const own = { ref: { layer: 'scp' as const, kind: 'scp' as const, name: 'guard' }, doc: compileDocument(doc(...statements)) };
	return { ...set, scps: { applies, note: '', levels: [{ target: 'r-root', docs: [full, own] }] } };
}

const roles = ['app-a', 'db-1', 'app-b', 'admin', 'app-c'].map((n) => roleArn(n));

/** The groups as [verdict, target names], the form the assertions read best in. */
function groupsOf(set: PrincipalPolicySet, arns: readonly string[], action = pass, exclude?: string, context?: Parameters<typeof decideTargets>[3]) {
	return decideTargets(set, action, arns, context, exclude).map((g) => [g.decision.verdict, arnsOf(g, arns).map((a) => a.split('/').pop())]);
}

/** What evaluating each target alone says: the groups must agree with it. */
function alone(set: PrincipalPolicySet, arns: readonly string[], action = pass) {
	return arns.filter((arn) => isPossible(evaluateAccess(set, action, arn))).map((a) => a.split('/').pop());
}

describe('hasAllow', () => {
	it('needs an identity Allow naming the action', () => {
		expect(hasAllow(setOf([allow('iam:Pass*')]), pass)).toBe(true);
		expect(hasAllow(setOf([allow('iam:GetRole'), deny(pass)]), pass)).toBe(false);
		expect(hasAllow(setOf([allow('iam:GetRole')]), pass)).toBe(false);
	});
});

describe('decideTargets', () => {
	it('answers nothing without an Allow, for an empty list, or when only the excluded target is left', () => {
		expect(decideTargets(setOf([allow('iam:GetRole')]), pass, roles)).toEqual([]);
		expect(decideTargets(setOf([allow(pass)]), pass, [])).toEqual([]);
		expect(decideTargets(setOf([allow(pass)]), pass, [roles[0]!], undefined, roles[0])).toEqual([]);
		expect(groupsOf(setOf([allow(pass)]), [roles[0]!], pass, roles[1])).toEqual([['allowed', ['app-a']]]);
	});

	it('no group when statements on every resource leave the request impossible: a boundary without the action', () => {
		const bounded = setOf([allow(pass)], 'dev', [allow('s3:*')]);
		expect(decideTargets(bounded, pass, roles)).toEqual([]);
		expect(alone(bounded, roles)).toEqual([]);
	});

	it('an Allow on every resource makes one group of all targets, decided on the first', () => {
		const groups = decideTargets(setOf([allow(pass)]), pass, roles);
		expect(groups).toHaveLength(1);
		expect(groups[0]!.positions).toEqual([0, 1, 2, 3, 4]);
		expect(groups[0]!.decision).toMatchObject({ verdict: 'allowed', resource: roles[0] });
		// The same list again shares the positions; a shorter one has its own.
		expect(decideTargets(setOf([allow(pass)]), pass, roles)[0]!.positions).toEqual([0, 1, 2, 3, 4]);
		expect(decideTargets(setOf([allow(pass)]), pass, roles.slice(0, 2))[0]!.positions).toEqual([0, 1]);
	});

	it('leaves the excluded target out, deciding on the next one when it was first', () => {
		const set = setOf([allow(pass)]);
		const first = decideTargets(set, pass, roles, undefined, roles[0]);
		expect(first[0]!.positions).toEqual([1, 2, 3, 4]);
		expect(first[0]!.decision.resource).toBe(roles[1]);
		expect(decideTargets(set, pass, roles, undefined, roles[3])[0]!.positions).toEqual([0, 1, 2, 4]);
		expect(decideTargets(set, pass, roles, undefined, 'arn:not-in-list')[0]!.positions).toEqual([0, 1, 2, 3, 4]);
	});

	it('an unconditional Deny on every resource leaves no target; a conditional or NotResource one does not', () => {
		expect(decideTargets(setOf([allow(pass), deny(pass)]), pass, roles)).toEqual([]);
		expect(decideTargets(setOf([allow(pass), { Effect: 'Deny', Action: pass }]), pass, roles)).toEqual([]);
		const conditional = setOf([allow(pass), deny(pass, '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })]);
		expect(groupsOf(conditional, roles)).toEqual([['conditional', ['app-a', 'db-1', 'app-b', 'admin', 'app-c']]]);
		expect(decideTargets(conditional, pass, roles)[0]!.decision.conditionalDenies).toHaveLength(1);
		const notResource = setOf([allow(pass), { Effect: 'Deny', Action: pass, NotResource: roleArn('app-*') }]);
		expect(groupsOf(notResource, roles)).toEqual([['allowed', ['app-a', 'app-b', 'app-c']]]);
	});

	it('groups targets by the statements that cover them, each group decided on its first target', () => {
		const set = setOf([allow(pass, roleArn('app-*')), allow(pass, roleArn('db-?')), deny(pass, roleArn('app-b'))]);
		expect(groupsOf(set, roles)).toEqual([
			['allowed', ['app-a', 'app-c']],
			['allowed', ['db-1']],
		]);
		expect(groupsOf(set, roles).flatMap((g) => g[1])).toEqual(expect.arrayContaining(alone(set, roles)));
		const groups = decideTargets(set, pass, roles);
		expect(groups.map((g) => g.decision.resource)).toEqual([roles[0], roles[1]]);
		expect(groups.map((g) => g.positions)).toEqual([[0, 4], [1]]);
	});

	it('matches an ARN without wildcards exactly, and ? as one character', () => {
		const set = setOf([allow(pass, [roleArn('admin'), roleArn('app-?')])]);
		expect(groupsOf(set, [...roles, roleArn('admin2'), roleArn('app-bb'), roleArn('x/admin')])).toEqual([['allowed', ['app-a', 'app-b', 'admin', 'app-c']]]);
	});

	it('takes NotResource as everything but what it names', () => {
		const set = setOf([{ Effect: 'Allow', Action: pass, NotResource: [roleArn('admin'), roleArn('db-*')] }]);
		expect(groupsOf(set, roles)).toEqual([['allowed', ['app-a', 'app-b', 'app-c']]]);
		expect(alone(set, roles)).toEqual(['app-a', 'app-b', 'app-c']);
	});

	it('after leaving a target out, drops a group left empty and orders groups by their first target', () => {
		const set = setOf([allow(pass, roleArn('app-a')), allow(pass, roleArn('db-1')), allow(pass, [roleArn('app-a'), roleArn('app-b')])]);
		expect(groupsOf(set, roles)).toEqual([
			['allowed', ['app-a']],
			['allowed', ['db-1']],
			['allowed', ['app-b']],
		]);
		expect(groupsOf(set, roles, pass, roles[0])).toEqual([
			['allowed', ['db-1']],
			['allowed', ['app-b']],
		]);
		const two = setOf([allow(pass, [roleArn('app-a'), roleArn('app-c')]), allow(pass, roleArn('db-1'))]);
		const left = decideTargets(two, pass, roles, undefined, roles[0]);
		expect(left.map((g) => g.positions)).toEqual([[1], [4]]);
		expect(left.map((g) => g.decision.resource)).toEqual([roles[1], roles[4]]);
	});

	it('asked to stop at the first group allowed outright, decides no group after it; the groups before it are those of the full answer', () => {
		const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
		const set = setOf([allow(pass, roleArn('app-a'), mfa), allow(pass, roleArn('db-1')), allow(pass, roleArn('app-b'))]);
		const full = decideTargets(set, pass, roles);
		expect(full.map((g) => [g.decision.verdict, arnsOf(g, roles).map((a) => a.split('/').pop())])).toEqual([
			['conditional', ['app-a']],
			['allowed', ['db-1']],
			['allowed', ['app-b']],
		]);
		const first = decideTargets(set, pass, roles, undefined, roles[4], true);
		expect(first.map((g) => [g.decision.verdict, g.decision.resource])).toEqual([
			['conditional', roles[0]],
			['allowed', roles[1]],
		]);
		// Left out lazily: the groups after the excluded target's keep their first target, and list it nowhere.
		const everything = decideTargets(setOf([allow(pass)]), pass, roles, undefined, roles[1], true);
		expect(everything.map((g) => [g.decision.resource, g.positions])).toEqual([[roles[0], roles.map((_, i) => i).filter((i) => i !== 1)]]);
	});

	it('leaves the excluded target out of a group it is not the first of, and lists the other groups whole', () => {
		// app-a and app-b share a statement: excluding app-b keeps the group (decided on app-a) without it.
		const set = setOf([allow(pass, [roleArn('app-a'), roleArn('app-b')]), allow(pass, roleArn('db-1'))]);
		const left = decideTargets(set, pass, roles, undefined, roles[2]);
		expect(left.map((g) => [g.decision.verdict, g.decision.resource, g.positions])).toEqual([
			['allowed', roles[0], [0]],
			['allowed', roles[1], [1]],
		]);
		expect(groupsOf(set, roles, pass, roles[2])).toEqual([
			['allowed', ['app-a']],
			['allowed', ['db-1']],
		]);
	});

	it('matches a pattern with more than a trailing * in full, and case-sensitively past its first wildcard', () => {
		// Only `prefix*` is its prefix alone: `a*b*` needs a b, `app-?*` one character at least.
		const shaped = setOf([allow(pass, [roleArn('a*b*'), roleArn('app-?*')])]);
		const arns = ['ab', 'ax', 'axb', 'app-', 'app-1'].map((n) => roleArn(n));
		expect(groupsOf(shaped, arns)).toEqual([['allowed', ['ab', 'axb', 'app-1']]]);
		expect(alone(shaped, arns)).toEqual(['ab', 'axb', 'app-1']);
		const cased = setOf([allow(pass, roleArn('x*-Prod'))]);
		const named = ['x1-Prod', 'x1-prod', 'x2-PROD'].map((n) => roleArn(n));
		expect(groupsOf(cased, named)).toEqual([['allowed', ['x1-Prod']]]);
		expect(alone(cased, named)).toEqual(['x1-Prod']);
	});

	it('resolves policy variables per principal, never sharing one principal’s groups with another', () => {
		const users = ['ann', 'bob', 'cy'].map((n) => userArn(n));
		const statements = [allow('iam:CreateAccessKey', userArn('${aws:username}'))];
		expect(groupsOf(setOf(statements, 'ann'), users, 'iam:CreateAccessKey')).toEqual([['allowed', ['ann']]]);
		expect(groupsOf(setOf(statements, 'bob'), users, 'iam:CreateAccessKey')).toEqual([['allowed', ['bob']]]);
		// A variable with no value covers nothing; ${*} stands for a literal star.
		expect(groupsOf(setOf([allow('iam:CreateAccessKey', userArn('${aws:PrincipalTag/team}'))]), users, 'iam:CreateAccessKey')).toEqual([]);
		const literal = setOf([allow('iam:CreateAccessKey', userArn('a${*}'))]);
		expect(groupsOf(literal, [userArn('a*'), userArn('ab')], 'iam:CreateAccessKey')).toEqual([['allowed', ['a*']]]);
	});

	it('tells targets apart past 30 statements, with and without variables', () => {
		// 33 telling statements: the 33rd (a Deny) must not share a group with the 1st, as bit 1 << 32 would.
		const many = Array.from({ length: 33 }, (_, i) => roleArn(`r${i}`));
		const every = many.map((arn) => allow(pass, arn));
		const set = setOf([...every.slice(0, 32), deny(pass, many[32]!), deny(pass, many[1]!), allow(pass)]);
		const groups = groupsOf(set, many);
		expect(groups.flatMap((g) => g[1])).toEqual(alone(set, many));
		expect(groups.flatMap((g) => g[1])).toEqual(many.slice(0, 32).filter((_, i) => i !== 1).map((a) => a.split('/').pop()));
		const withVariable = setOf([...every.slice(0, 31), allow(pass, roleArn('${aws:username}-x')), deny(pass, many[32]!), deny(pass, many[2]!), allow(pass)], 'r5');
		const named = [...many, roleArn('r5-x')];
		const found = groupsOf(withVariable, named).flatMap((g) => g[1]);
		expect(found).toEqual(alone(withVariable, named));
		expect(found).toContain('r5-x');
		expect(found).not.toContain('r2');
		expect(found).not.toContain('r32');
	});

	it('lets the boundary and applied SCPs tell targets apart too', () => {
		const bounded = setOf([allow(pass)], 'dev', [allow(pass, roleArn('app-*'))]);
		expect(groupsOf(bounded, roles)).toEqual([['allowed', ['app-a', 'app-b', 'app-c']]]);
		const guarded = withScp(setOf([allow(pass)]), true, deny(pass, roleArn('admin')));
		expect(groupsOf(guarded, roles)).toEqual([['allowed', ['app-a', 'db-1', 'app-b', 'app-c']]]);
		const notApplied = withScp(setOf([allow(pass)]), false, deny(pass, roleArn('admin')));
		expect(groupsOf(notApplied, roles)).toEqual([['allowed', ['app-a', 'db-1', 'app-b', 'admin', 'app-c']]]);
		expect(groupsOf(withScp(setOf([allow(pass)]), true, deny(pass)), roles)).toEqual([]);
	});

	it('decides with the request context it is given', () => {
		const set = setOf([allow(pass, roleArn('app-*'), { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } })]);
		expect(groupsOf(set, roles, pass, undefined, passedToServiceContext('lambda.amazonaws.com'))).toEqual([['allowed', ['app-a', 'app-b', 'app-c']]]);
		expect(groupsOf(set, roles, pass, undefined, passedToServiceContext('ec2.amazonaws.com'))).toEqual([]);
		expect(groupsOf(set, roles)).toEqual([['conditional', ['app-a', 'app-b', 'app-c']]]);
	});

	it('matches ARNs case-sensitively when grouping', () => {
		const set = setOf([allow(pass, roleArn('app-*'))]);
		const mixed = [roleArn('app-a'), roleArn('APP-b')];
		expect(groupsOf(set, mixed)).toEqual([['allowed', ['app-a']]]);
		expect(alone(set, mixed)).toEqual(['app-a']);
	});

	it('finds an Allow in any of several identity policies', () => {
		const user = buildUser('dev', { inlinePolicies: [{ name: 'read', document: doc(allow('s3:GetObject')) }, { name: 'pass', document: doc(allow(pass)) }] });
		expect(hasAllow(principalPolicies(buildModel({ users: [user] }), user, 'user'), pass)).toBe(true);
	});

	it('never reuses one principal’s grouping of a shared policy with a variable for another', () => {
		const shared = buildPolicy('own-keys', { versions: [{ versionId: 'v1', isDefault: true, createDate: '2020-01-01T00:00:00Z', document: doc(allow('iam:CreateAccessKey', [userArn('${aws:username}'), userArn('cy')]), allow('iam:CreateAccessKey', userArn('zed'))) }] });
		const names = ['ann', 'bob', 'cy', 'dan'];
		const users = names.map((n) => buildUser(n, { attachedPolicies: [customerManagedRef('own-keys')] }));
		const model = buildModel({ users, policies: [shared] });
		const arns = users.map((u) => u.arn);
		const keys = (who: number) => groupsOf(principalPolicies(model, users[who]!, 'user'), arns, 'iam:CreateAccessKey').flatMap((g) => g[1]);
		expect(keys(0)).toEqual(['ann', 'cy']);
		expect(keys(1)).toEqual(['bob', 'cy']);
		expect(keys(3)).toEqual(['cy', 'dan']);
	});

	it('keeps every target of a group when a variable makes the grouping per principal', () => {
		const set = setOf([allow('iam:CreateAccessKey', [userArn('${aws:username}'), userArn('c*')])], 'ann');
		const arns = ['ann', 'bob', 'cy', 'cz', 'dan'].map((n) => userArn(n));
		expect(groupsOf(set, arns, 'iam:CreateAccessKey')).toEqual([['allowed', ['ann', 'cy', 'cz']]]);
	});

	it('drops the group of only the excluded target, even under an Allow on every resource', () => {
		const set = setOf([allow(pass), allow(pass, roleArn('app-a'))]);
		expect(groupsOf(set, roles)).toEqual([
			['allowed', ['app-a']],
			['allowed', ['db-1', 'app-b', 'admin', 'app-c']],
		]);
		expect(groupsOf(set, roles, pass, roles[0])).toEqual([['allowed', ['db-1', 'app-b', 'admin', 'app-c']]]);
	});

	it('keeps targets a variable-free statement names apart from the rest, and orders groups by their first target', () => {
		// A group every telling statement misses comes first when its first target does.
		expect(groupsOf(setOf([allow(pass), allow(pass, roleArn('admin'))]), roles)).toEqual([
			['allowed', ['app-a', 'db-1', 'app-b', 'app-c']],
			['allowed', ['admin']],
		]);
		// Statements naming targets out of list order: the targets none names are decided on their own first one.
		expect(groupsOf(setOf([allow(pass), deny(pass, roles[1]), deny(pass, roles[0])]), roles)).toEqual([['allowed', ['app-b', 'admin', 'app-c']]]);
	});

	it('reads NotResource * as covering nothing, and a NotResource naming an ARN not in the list by its other patterns', () => {
		expect(groupsOf(setOf([allow(pass), { Effect: 'Deny', Action: pass, NotResource: '*' }]), roles)).toEqual([['allowed', ['app-a', 'db-1', 'app-b', 'admin', 'app-c']]]);
		const set = setOf([{ Effect: 'Allow', Action: pass, NotResource: [roleArn('gone'), roleArn('app-*')] }]);
		expect(groupsOf(set, roles)).toEqual([['allowed', ['db-1', 'admin']]]);
		expect(alone(set, roles)).toEqual(['db-1', 'admin']);
	});

	it('decides an ARN listed twice at both of its positions', () => {
		const twice = [roleArn('app-a'), roleArn('db-1'), roleArn('app-a')];
		const groups = decideTargets(setOf([allow(pass, roleArn('app-a'))]), pass, twice);
		expect(groups.map((g) => [g.decision.verdict, g.positions])).toEqual([['allowed', [0, 2]]]);
	});

	it('decides a shorter list after a longer one without positions past its end', () => {
		const longer = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((n) => roleArn(n));
		expect(decideTargets(setOf([allow(pass, roleArn('h'))]), pass, longer).map((g) => g.positions)).toEqual([[7]]);
		const notAdmin = setOf([{ Effect: 'Allow', Action: pass, NotResource: roleArn('admin') }]);
		expect(decideTargets(notAdmin, pass, roles).map((g) => g.positions)).toEqual([[0, 1, 2, 4]]);
		// A pattern of wildcards only (as broad as *, though not spelled so) covers the listed targets and no more.
		const stars = setOf([allow(pass, '**'), deny(pass, roleArn('admin'))]);
		expect(decideTargets(stars, pass, roles).map((g) => g.positions)).toEqual([[0, 1, 2, 4]]);
	});

	it('resolves a variable to a literal star alongside a plain pattern', () => {
		const set = setOf([allow('iam:CreateAccessKey', userArn('a${*}')), allow('iam:CreateAccessKey', userArn('b*'))]);
		const users = ['a*', 'ab', 'bob'].map((n) => userArn(n));
		expect(groupsOf(set, users, 'iam:CreateAccessKey')).toEqual([
			['allowed', ['a*']],
			['allowed', ['bob']],
		]);
	});

	describe('past 30 telling statements, ARN by ARN', () => {
		// 31 statements on roles outside the list: every grouping below is made a target at a time.
		const padding = Array.from({ length: 31 }, (_, i) => allow(pass, roleArn(`spare-${i}`)));

		it('matches * and ? patterns case-sensitively, every pattern of a statement, and a variable without a value as nothing', () => {
			const set = setOf([
				...padding,
				allow(pass, roleArn('app-*')),
				allow(pass, roleArn('db-*')),
				deny(pass, roleArn('db-?')),
				allow(pass, roleArn('admin')),
				deny(pass, [roleArn('admin'), roleArn('app-c')]),
				deny(pass, [roleArn('${aws:PrincipalTag/team}'), roleArn('app-b')]),
			]);
			const arns = ['app-a', 'db-1', 'app-b', 'admin', 'app-c', 'APP-d', 'db-22', 'other', 'app-e'].map((n) => roleArn(n));
			expect(groupsOf(set, arns)).toEqual([
				['allowed', ['app-a', 'app-e']],
				['allowed', ['db-22']],
			]);
			expect(alone(set, arns)).toEqual(['app-a', 'db-22', 'app-e']);
		});

		it('takes NotResource as everything but what it names, and NotResource * as nothing', () => {
			const set = setOf([
				...padding,
				allow(pass),
				{ Effect: 'Deny', Action: pass, NotResource: [roleArn('app-*'), roleArn('admin')] },
				{ Effect: 'Deny', Action: pass, NotResource: ['*', roleArn('app-c')] },
			]);
			expect(groupsOf(set, roles)).toEqual([['allowed', ['app-a', 'app-b', 'admin', 'app-c']]]);
			expect(alone(set, roles)).toEqual(['app-a', 'app-b', 'admin', 'app-c']);
		});
	});

	it('never hands one principal’s statements the grouping of others’ on the same list', async () => {
		// A module of its own, so its statements are numbered from the first: statements 1 and 23,
		// then 12 and 3, are sets whose numbers run together alike ("123") when not kept apart.
		vi.resetModules();
		const fresh = await import('../../../source/core/policy-engine/decide-targets.js');
		const arns = Array.from({ length: 24 }, (_, i) => roleArn(`r${i}`));
		const docs = arns.map((arn) => compileDocument(doc(allow(pass, arn))));
		const base = setOf([]);
		const holding = (...picked: number[]): PrincipalPolicySet => ({ ...base, identity: picked.map((i) => ({ ref: base.identity[0]!.ref, doc: docs[i]! })) });
		const names = (set: PrincipalPolicySet) => fresh.decideTargets(set, pass, arns).map((g) => fresh.arnsOf(g, arns).map((a) => a.split('/').pop()));
		expect(names(holding(...arns.keys()))).toHaveLength(24);
		expect(names(holding(1, 23))).toEqual([['r1'], ['r23']]);
		expect(names(holding(12, 3))).toEqual([['r3'], ['r12']]);
	});
});
