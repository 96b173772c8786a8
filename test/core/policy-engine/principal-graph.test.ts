/**
 * The principal graph and escalation by reach: chains of two and three hops, a chain cut by
 * a Deny, a boundary, a trust condition and an SCP at some hop, full administrators with no
 * finding, and passing (or assuming) a role that adds nothing.
 */
import { describe, expect, it } from 'vitest';
import type { AccountModel, Organization, Role, User } from '../../../source/core/model.js';
import { normalisePolicyDocument, type PolicyDocument } from '../../../source/core/policy-document.js';
import { escalationPaths } from '../../../source/core/policy-engine/escalation-paths.js';
import { modelCatalogue } from '../../../source/core/policy-engine/model-catalogue.js';
import { reachOf, whoCan } from '../../../source/core/policy-engine/graph-query.js';
import { buildPrincipalGraph, edgesOf, graphContext, hopOf, type PrincipalGraph } from '../../../source/core/policy-engine/principal-graph.js';
import { buildModel, buildOrganization, buildPolicy, buildRole, buildScp, buildUser, customerManagedRef, roleArn, testRootArn, userArn } from '../../helpers/model-builder.js';

type Raw = Record<string, unknown>;
const doc = (...statements: Raw[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource: string | string[] = '*', extra: Raw = {}): Raw => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const deny = (action: string | string[], resource: string | string[] = '*'): Raw => ({ Effect: 'Deny', Action: action, Resource: resource });
const inline = (...statements: Raw[]) => [{ name: 'p', document: doc(...statements) }];
const trust = (principal: Raw, condition?: Raw): PolicyDocument => doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });
const accountTrust = trust({ AWS: testRootArn });

function pathsOf(model: AccountModel, arn: string) {
	const graph = buildPrincipalGraph(model, modelCatalogue(model));
	const node = graph.byArn.get(arn)!;
	return escalationPaths(graph, node).map((p) => ({ method: p.method, hops: p.hops.map((h) => `${h.method}>${graph.nodes[h.to]!.name}`), admin: p.admin, conditional: p.conditional, gained: p.gained }));
}

/** u → (AssumeRole) deployer → (AttachRolePolicy) admin. */
function twoHop(user: Partial<User> = {}, deployer: Partial<Role> = {}, extra: Partial<AccountModel> = {}) {
	return buildModel({
		users: [buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', roleArn('deployer')), allow('s3:GetObject')), ...user })],
		roles: [buildRole('deployer', { trustPolicy: accountTrust, inlinePolicies: inline(allow('iam:AttachRolePolicy', roleArn('*'))), ...deployer })],
		...extra,
	});
}

describe('escalation by reach in the principal graph', () => {
	it('follows a two-hop chain: assume a role that can attach policies', () => {
		expect(pathsOf(twoHop(), userArn('dev'))).toEqual([{ method: 'AssumeRole', hops: ['AssumeRole>deployer', 'AttachRolePolicy>full administrator'], admin: true, conditional: false, gained: expect.any(Number) }]);
	});

	it('follows a three-hop chain: assume, take another user\'s keys, attach a policy to that user', () => {
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', roleArn('helpdesk'))) }), buildUser('ops', { inlinePolicies: inline(allow('iam:AttachUserPolicy', userArn('ops'))) })],
			roles: [buildRole('helpdesk', { trustPolicy: accountTrust, inlinePolicies: inline(allow('iam:CreateAccessKey', userArn('ops'))) })],
		});
		expect(pathsOf(model, userArn('dev'))[0]).toMatchObject({ method: 'AssumeRole', hops: ['AssumeRole>helpdesk', 'CreateAccessKey>ops', 'AttachUserPolicy>full administrator'], admin: true });
	});

	it('a Deny on the first hop cuts the chain', () => {
		expect(pathsOf(twoHop({ inlinePolicies: inline(allow('sts:AssumeRole', roleArn('deployer')), deny('sts:AssumeRole')) }), userArn('dev'))).toEqual([]);
	});

	it('a Deny at the second hop (on the role) cuts the chain too', () => {
		expect(pathsOf(twoHop({}, { inlinePolicies: inline(allow('iam:AttachRolePolicy', roleArn('*')), deny('iam:*')) }), userArn('dev'))).toEqual([]);
	});

	it('a boundary on the role cuts the chain at its hop', () => {
		const boundary = buildPolicy('no-iam', { versions: [{ versionId: 'v1', isDefault: true, createDate: '2020-01-01T00:00:00Z', document: doc(allow('s3:*')) }] });
		expect(pathsOf(twoHop({}, { permissionsBoundary: boundary.arn }, { policies: [boundary] }), userArn('dev'))).toEqual([]);
	});

	it('a trust condition the principal does not meet cuts the chain; one it meets keeps it', () => {
		const tagged = trust({ AWS: testRootArn }, { StringEquals: { 'aws:PrincipalTag/team': 'platform' } });
		expect(pathsOf(twoHop({ tags: [{ Key: 'team', Value: 'web' }] }, { trustPolicy: tagged }), userArn('dev'))).toEqual([]);
		expect(pathsOf(twoHop({ tags: [{ Key: 'team', Value: 'platform' }] }, { trustPolicy: tagged }), userArn('dev'))).toHaveLength(1);
	});

	it('a trust condition that cannot be known (MFA) keeps the path, conditional', () => {
		const mfa = trust({ AWS: testRootArn }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
		expect(pathsOf(twoHop({}, { trustPolicy: mfa }), userArn('dev'))[0]).toMatchObject({ method: 'AssumeRole', conditional: true, admin: true });
	});

	it('an SCP denying sts:AssumeRole cuts the chain', () => {
		const organization = buildOrganization({
			scps: [buildScp('FullAWSAccess', doc(allow('*')), [{ targetId: 'r-root', type: 'ROOT', name: 'Root' }]), buildScp('no-assume', doc(deny('sts:AssumeRole'), allow('*')), [{ targetId: '123456789012', type: 'ACCOUNT', name: 'workload' }])],
		});
		expect(pathsOf(twoHop({}, {}, { organization }), userArn('dev'))).toEqual([]);
	});

	it('a trust naming the user needs no identity allow; naming the account root does', () => {
		const noAllow = { inlinePolicies: inline(allow('s3:GetObject')) };
		expect(pathsOf(twoHop(noAllow), userArn('dev'))).toEqual([]);
		expect(pathsOf(twoHop(noAllow, { trustPolicy: trust({ AWS: userArn('dev') }) }), userArn('dev'))[0]).toMatchObject({ method: 'AssumeRole', admin: true });
	});

	it('a full administrator gets no finding, though every method is open to it', () => {
		const model = twoHop({ inlinePolicies: inline(allow('*')) });
		expect(pathsOf(model, userArn('dev'))).toEqual([]);
	});

	it('passing (or assuming) a role that adds nothing is no escalation; one that adds an action is', () => {
		const ec2Trust = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
		const model = (roleActions: string[]) =>
			buildModel({
				users: [buildUser('dev', { inlinePolicies: inline(allow(['iam:PassRole', 'ec2:RunInstances', 's3:GetObject', 'sts:AssumeRole'])) })],
				roles: [buildRole('worker', { trustPolicy: ec2Trust, inlinePolicies: inline(allow(roleActions)) }), buildRole('reader', { trustPolicy: accountTrust, inlinePolicies: inline(allow('s3:GetObject')) })],
			});
		expect(pathsOf(model(['s3:GetObject']), userArn('dev'))).toEqual([]);
		expect(pathsOf(model(['s3:GetObject', 's3:PutObject']), userArn('dev'))).toEqual([{ method: 'PassRoleEC2', hops: ['PassRoleEC2>worker'], admin: false, conditional: false, gained: 1 }]);
	});

	it('a resource-needing path is conditional and names what it needs', () => {
		const graphModel = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('ssm:SendCommand')) })],
			roles: [buildRole('instance', { trustPolicy: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), inlinePolicies: inline(allow('*')) })],
		});
		const graph = buildPrincipalGraph(graphModel, modelCatalogue(graphModel));
		const [path] = escalationPaths(graph, graph.byArn.get(userArn('dev'))!);
		expect(path).toMatchObject({ method: 'SSMSendCommand', admin: true, conditional: true, needs: ['an EC2 instance managed by Systems Manager with the role'] });
	});

	describe('a conditional hop never hides a longer path that always holds', () => {
		const mfa = trust({ AWS: testRootArn }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
		const attach = inline(allow('iam:AttachRolePolicy', roleArn('*')));
		/** dev → hop; hop → fast (trust needs MFA) → admin, or hop → relay → deployer → admin. */
		const chain = (relay = true) =>
			buildModel({
				users: [buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', roleArn('hop'))) })],
				roles: [
					buildRole('hop', { trustPolicy: accountTrust, inlinePolicies: inline(allow('sts:AssumeRole', [roleArn('fast'), roleArn('relay')])) }),
					buildRole('fast', { trustPolicy: mfa, inlinePolicies: attach }),
					buildRole('relay', { trustPolicy: relay ? accountTrust : trust({ AWS: roleArn('nobody') }), inlinePolicies: inline(allow('sts:AssumeRole', roleArn('deployer'))) }),
					buildRole('deployer', { trustPolicy: accountTrust, inlinePolicies: attach }),
				],
			});

		it('shows the four-hop unconditional path, not the three-hop one through the MFA trust', () => {
			expect(pathsOf(chain(), userArn('dev'))).toEqual([
				{ method: 'AssumeRole', hops: ['AssumeRole>hop', 'AssumeRole>relay', 'AssumeRole>deployer', 'AttachRolePolicy>full administrator'], admin: true, conditional: false, gained: expect.any(Number) },
			]);
		});

		it('reach lists admin first, then what always holds by actions gained and hops, then the conditional; each by its shortest way that always holds', () => {
			const graph = buildPrincipalGraph(chain(), modelCatalogue(chain()));
			const reach = reachOf(graph, userArn('dev'))!;
			expect(reach.principal).toBe(userArn('dev'));
			expect(reach.admin).toBe(false);
			expect(reach.reached.map((r) => `${graph.nodes[graph.byArn.get(r.principal)!]?.name ?? r.principal} [${hopNames(graph, r.path)}]${r.admin ? ' admin' : ` +${r.gained}`}${r.conditional ? ' conditional' : ''}`)).toEqual([
				'admin [hop relay deployer full administrator] admin',
				'deployer [hop relay deployer] +1',
				'hop [hop] +0',
				'relay [hop relay] +0',
				'fast [hop fast?] +1 conditional',
			]);
		});

		it('shows the conditional path, marked conditional, when no unconditional one exists', () => {
			expect(pathsOf(chain(false), userArn('dev'))).toEqual([
				{ method: 'AssumeRole', hops: ['AssumeRole>hop', 'AssumeRole>fast', 'AttachRolePolicy>full administrator'], admin: true, conditional: true, gained: expect.any(Number) },
			]);
		});

		it('a conditional first hop does not hide an unconditional one by the same method', () => {
			const model = buildModel({
				users: [buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', [roleArn('fast'), roleArn('relay')])) })],
				roles: [buildRole('fast', { trustPolicy: mfa, inlinePolicies: attach }), buildRole('relay', { trustPolicy: accountTrust, inlinePolicies: inline(allow('sts:AssumeRole', roleArn('deployer'))) }), buildRole('deployer', { trustPolicy: accountTrust, inlinePolicies: attach })],
			});
			expect(pathsOf(model, userArn('dev'))[0]).toMatchObject({ hops: ['AssumeRole>relay', 'AssumeRole>deployer', 'AttachRolePolicy>full administrator'], conditional: false });
		});

		it('queries answer with the unconditional path too', async () => {
			const { whoCan, reachOf } = await import('../../../source/core/policy-engine/graph-query.js');
			const graph = buildPrincipalGraph(chain(), modelCatalogue(chain()));
			const dev = whoCan(graph, { action: 'iam:AttachRolePolicy', resource: roleArn('x') }).find((a) => a.principal === userArn('dev'))!;
			expect({ verdict: dev.verdict, path: dev.path.map((h) => graph.nodes[h.to]!.name) }).toEqual({ verdict: 'allowed', path: ['hop', 'relay', 'deployer'] });
			const admin = reachOf(graph, userArn('dev'))!.reached.filter((r) => r.admin);
			expect(admin.map((r) => ({ to: r.principal, hops: r.path.map((h) => graph.nodes[h.to]!.name), conditional: r.conditional }))).toEqual([
				{ to: 'admin', hops: ['hop', 'relay', 'deployer', 'full administrator'], conditional: false },
			]);
		});
	});
});

/** A path as the names of the principals it goes to, `?` marking a conditional hop. */
const hopNames = (graph: PrincipalGraph, path: { to: number; conditional: boolean }[]) => path.map((h) => `${graph.nodes[h.to]!.name}${h.conditional ? '?' : ''}`).join(' ');

/** `whoCan`'s answers as `type:name verdict [path] (via admin) by [policy#statement(sid), ? when conditional]`. */
function whoCanLines(graph: PrincipalGraph, query: { action: string; resource?: string }) {
	return whoCan(graph, query).map((a) => {
		const by = a.allowedBy.map((s) => `${s.policy.name}#${s.statementIndex}${s.sid ? `(${s.sid})` : ''}${s.condition ? '?' : ''}`).join(' ');
		return `${a.type}:${a.principal.split('/').pop()} ${a.verdict} [${hopNames(graph, a.path)}]${a.viaAdmin ? ' via admin' : ''} by [${by}]`;
	});
}

describe('queries of the graph', () => {
	const withMfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };

	it('who can, on no resource: by effective permissions, naming every identity Allow of the action; administrators and the admin node end paths', () => {
		const model = buildModel({
			users: [
				buildUser('reader', { inlinePolicies: inline(allow('s3:GetObject', 'arn:aws:s3:::logs/*', { Sid: 'Read' }), deny('s3:GetObject', 'arn:aws:s3:::logs/secret/*')) }),
				buildUser('mfa', { inlinePolicies: inline(allow('s3:GetObject', '*', withMfa)) }),
				buildUser('globber', { inlinePolicies: inline(allow('s3:Get*')) }),
				buildUser('boss', { inlinePolicies: inline(allow('*')) }),
				buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', roleArn('deployer'))) }),
				buildUser('keys', { inlinePolicies: inline(allow('iam:CreateAccessKey', userArn('mfa'))) }),
				buildUser('attacher', { inlinePolicies: inline(allow('iam:AttachUserPolicy', userArn('attacher'))) }),
				buildUser('nobody'),
			],
			roles: [buildRole('deployer', { trustPolicy: accountTrust, inlinePolicies: inline(allow('s3:GetObject')) })],
		});
		const graph = buildPrincipalGraph(model, modelCatalogue(model));
		expect(whoCanLines(graph, { action: 's3:GetObject' })).toEqual([
			'role:deployer allowed [] by [p#0]',
			'user:boss allowed [] via admin by [p#0]',
			'user:globber allowed [] by [p#0]',
			'user:mfa conditional [] by [p#0?]',
			'user:reader allowed [] by [p#0(Read)]',
			'user:attacher allowed [full administrator] via admin by []',
			'user:dev allowed [deployer] by [p#0]',
			'user:keys conditional [mfa] by [p#0?]',
		]);
		// On a resource each principal is evaluated there: the Deny on logs/secret/ leaves reader out.
		expect(whoCanLines(graph, { action: 's3:GetObject', resource: 'arn:aws:s3:::logs/secret/k' })).toEqual([
			'role:deployer allowed [] by [p#0]',
			'user:boss allowed [] via admin by [p#0]',
			'user:globber allowed [] by [p#0]',
			'user:mfa conditional [] by [p#0?]',
			'user:attacher allowed [full administrator] via admin by []',
			'user:dev allowed [deployer] by [p#0]',
			'user:keys conditional [mfa] by [p#0?]',
		]);
		// An action the catalogue does not hold is evaluated on every resource.
		expect(whoCanLines(graph, { action: 's3:GetBucketAcl' })).toEqual(['user:boss allowed [] via admin by [p#0]', 'user:globber allowed [] by [p#0]', 'user:attacher allowed [full administrator] via admin by []']);
	});

	it('who can: a way that always holds goes through a principal allowed only under a condition; a conditional hop makes the answer conditional', () => {
		const model = buildModel({
			users: [
				buildUser('reader', { inlinePolicies: inline(allow('s3:GetObject'), allow('iam:CreateAccessKey', userArn('helper'))) }),
				buildUser('mfaKeys', { inlinePolicies: inline(allow('s3:GetObject', '*', withMfa), allow('iam:CreateAccessKey', userArn('reader'))) }),
				buildUser('helper', { inlinePolicies: inline(allow('iam:CreateAccessKey', userArn('mfaKeys'))) }),
				buildUser('dev2', { inlinePolicies: inline(allow('sts:AssumeRole', roleArn('guarded'))) }),
				buildUser('dev3', { inlinePolicies: inline(allow('iam:CreateAccessKey', userArn('dev2'))) }),
			],
			roles: [buildRole('guarded', { trustPolicy: trust({ AWS: testRootArn }, withMfa.Condition), inlinePolicies: inline(allow('s3:GetObject')) })],
		});
		const graph = buildPrincipalGraph(model, modelCatalogue(model));
		expect(whoCanLines(graph, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' })).toEqual([
			'role:guarded allowed [] by [p#0]',
			'user:reader allowed [] by [p#0]',
			'user:dev2 conditional [guarded?] by [p#0]',
			'user:mfaKeys allowed [reader] by [p#0]',
			'user:dev3 conditional [dev2 guarded?] by [p#0]',
			'user:helper allowed [mfaKeys reader] by [p#0]',
		]);
		// Reach never lists the principal itself, though a path leads back to it; reader first, as it may read outright.
		expect(reachOf(graph, userArn('helper'))?.reached.map((r) => `${r.principal.split('/').pop()} [${hopNames(graph, r.path)}]`)).toEqual(['reader [mfaKeys reader]', 'mfaKeys [mfaKeys]']);
		expect(reachOf(graph, userArn('ghost'))).toBeUndefined();
	});

	it('who can: a full administrator, and the admin node, only where the SCPs and its own Deny leave the action', () => {
		const scp = buildScp('guard', doc(allow('*'), deny('s3:DeleteObject'), deny('s3:PutObject', 'arn:aws:s3:::audit/*')), [{ targetId: 'r-root', type: 'ROOT', name: 'Root' }]);
		const model = buildModel({
			organization: buildOrganization({ scps: [scp] }),
			users: [buildUser('boss', { inlinePolicies: inline(allow('*'), deny('s3:GetObject', 'arn:aws:s3:::vault/*')) }), buildUser('attacher', { inlinePolicies: inline(allow('iam:AttachUserPolicy', userArn('attacher'))) })],
		});
		const graph = buildPrincipalGraph(model, modelCatalogue(model));
		expect(graph.nodes.map((n) => n.admin)).toEqual([true, false, true]);
		const both = ['user:boss allowed [] via admin by [p#0]', 'user:attacher allowed [full administrator] via admin by []'];
		expect(whoCanLines(graph, { action: 's3:DeleteObject' })).toEqual([]);
		expect(whoCanLines(graph, { action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/k' })).toEqual([]);
		expect(whoCanLines(graph, { action: 's3:PutObject', resource: 'arn:aws:s3:::audit/k' })).toEqual([]);
		expect(whoCanLines(graph, { action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' })).toEqual(both);
		expect(whoCanLines(graph, { action: 's3:GetObject', resource: 'arn:aws:s3:::vault/k' })).toEqual([both[1]]);
		expect(whoCanLines(graph, { action: 's3:GetObject' })).toEqual(both);
	});

	it('reach orders what gains alike by the length of its way that always holds, not by when a conditional way found it', () => {
		const keysTo = (user: string) => allow('iam:CreateAccessKey', userArn(user));
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', [roleArn('m'), roleArn('p')])) }), buildUser('x'), buildUser('y')],
			roles: [
				buildRole('m', { trustPolicy: trust({ AWS: testRootArn }, withMfa.Condition), inlinePolicies: inline(keysTo('x')) }),
				buildRole('p', { trustPolicy: accountTrust, inlinePolicies: inline(allow('sts:AssumeRole', roleArn('q')), keysTo('y')) }),
				buildRole('q', { trustPolicy: accountTrust, inlinePolicies: inline(keysTo('x')) }),
			],
		});
		const graph = buildPrincipalGraph(model, modelCatalogue(model));
		// Breadth-first over every edge finds x (through m) before y; x's way that always holds is the longer.
		expect(reachOf(graph, userArn('dev'))?.reached.map((r) => `${r.principal.split('/').pop()} [${hopNames(graph, r.path)}] +${r.gained}`)).toEqual(['p [p] +1', 'q [p q] +1', 'y [p y] +0', 'x [p q x] +0', 'm [m?] +1']);
	});

	it('reach of a full administrator is nothing more', () => {
		const model = buildModel({ users: [buildUser('boss', { inlinePolicies: inline(allow('*')) }), buildUser('keys', { inlinePolicies: inline(allow('iam:CreateAccessKey')) })] });
		expect(reachOf(buildPrincipalGraph(model, modelCatalogue(model)), userArn('boss'))).toEqual({ principal: userArn('boss'), admin: true, reached: [] });
	});

	it('who can: itself, or through the shortest path to one that can, on a resource', async () => {
		const { whoCan, reachOf } = await import('../../../source/core/policy-engine/graph-query.js');
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', roleArn('deployer'))) }), buildUser('reader', { inlinePolicies: inline(allow('s3:GetObject', 'arn:aws:s3:::logs/*')) })],
			roles: [buildRole('deployer', { trustPolicy: accountTrust, inlinePolicies: inline(allow('s3:GetObject', 'arn:aws:s3:::builds/*')) })],
		});
		const graph = buildPrincipalGraph(model, modelCatalogue(model));
		const on = (resource: string) => whoCan(graph, { action: 's3:GetObject', resource }).map((a) => `${a.principal.split('/').pop()}:${a.path.map((h) => h.method).join('>')}`);
		expect(on('arn:aws:s3:::builds/app.zip')).toEqual(['deployer:', 'dev:AssumeRole']);
		expect(on('arn:aws:s3:::logs/today')).toEqual(['reader:']);
		expect(reachOf(graph, userArn('dev'))?.reached.map((r) => r.principal)).toEqual([roleArn('deployer')]);
	});
});

/** A node's edges as `method>targets`, `?` marking a conditional group, `[needs]` what it needs. */
function edgesFrom(model: AccountModel, name: string) {
	const graph = buildPrincipalGraph(model, modelCatalogue(model));
	const node = graph.nodes.find((n) => n.name === name)!;
	return graph.edges[node.index]!.map((g) => `${g.method}>${g.to.map((t) => graph.nodes[t]!.name).join(',')}${g.conditional ? '?' : ''}${g.needs ? ` [${g.needs}]` : ''}`);
}
const serviceTrust = (service: string) => doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
const lambda = 'lambda.amazonaws.com';
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

describe('the graph itself', () => {
	it('has a node per user and role but service-linked ones, then the admin node; only administrators are admin', () => {
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('s3:GetObject')) }), buildUser('root-like', { inlinePolicies: inline(allow('*')) })],
			roles: [buildRole('app'), buildRole('AWSServiceRoleForConfig', { path: '/aws-service-role/config.amazonaws.com/', inlinePolicies: inline(allow('*')) })],
		});
		const graph = buildPrincipalGraph(model, modelCatalogue(model));
		expect(graph.nodes.map((n) => [n.type, n.name, n.admin])).toEqual([
			['user', 'dev', false],
			['user', 'root-like', true],
			['role', 'app', false],
			['admin', 'full administrator', true],
		]);
		expect(graph.adminNode).toBe(3);
		expect(graph.byArn.get(roleArn('AWSServiceRoleForConfig', '/aws-service-role/config.amazonaws.com/'))).toBeUndefined();
		expect([...graph.toAdmin.distance]).toEqual([-1, 0, -1, 0]);
		expect(graph.edgeCount).toBe(0);
	});

	it('counts an administrator under the SCPs by what the SCPs leave', () => {
		const organization = buildOrganization({ scps: [buildScp('no-iam', doc(allow('*'), deny('iam:*')), [{ targetId: 'r-root', type: 'ROOT', name: 'Root' }])] });
		const users = [buildUser('ops', { inlinePolicies: inline({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) }), buildUser('dev', { inlinePolicies: inline({ Effect: 'Allow', NotAction: ['iam:*', 's3:*'], Resource: '*' }) })];
		const under = buildModel({ users, organization });
		expect(buildPrincipalGraph(under, modelCatalogue(under)).nodes.map((n) => n.admin)).toEqual([true, false, true]);
		const without = buildModel({ users });
		expect(buildPrincipalGraph(without, modelCatalogue(without)).nodes.map((n) => n.admin)).toEqual([false, false, true]);
	});

	it('gives administrators no edges and counts every target of every group', () => {
		const model = buildModel({
			users: [buildUser('admin', { inlinePolicies: inline(allow('*')) }), buildUser('keys', { inlinePolicies: inline(allow('iam:CreateAccessKey')) }), buildUser('a'), buildUser('b')],
		});
		const graph = buildPrincipalGraph(model, modelCatalogue(model));
		expect(graph.edges[0]).toEqual([]);
		expect(edgesFrom(model, 'keys')).toEqual(['CreateAccessKey>admin,a,b']);
		expect(graph.edgeCount).toBe(3);
		expect(graph.toAdmin.distance[1]).toBe(1);
		expect(graph.toAdmin.next[1]).toMatchObject({ from: 1, to: 0, method: 'CreateAccessKey', conditional: false });
		expect(graph.toAdmin.next[1]!.steps[0]!.resource).toBe(userArn('admin'));
	});

	it('the hop to a target names that target in the step decided per target', () => {
		const model = buildModel({ users: [buildUser('keys', { inlinePolicies: inline(allow('iam:CreateAccessKey')) }), buildUser('a'), buildUser('b')] });
		const graph = buildPrincipalGraph(model, modelCatalogue(model));
		const [group] = graph.edges[0]!;
		expect(group!.pivot).toBe(0);
		expect(hopOf(0, group!, 2, graph).steps[0]!.resource).toBe(userArn('b'));
		const hop = hopOf(0, group!, 2, graph);
		expect(hopOf(0, { ...group!, steps: hop.steps }, 2, graph).steps[0]).toBe(hop.steps[0]);
		expect(hopOf(0, group!, 2, graph)).not.toHaveProperty('needs');
		expect(hopOf(0, group!, 2, graph)).not.toHaveProperty('trust');
		const admin = { ...group!, pivot: -1, needs: 'a thing', trust: { named: true, conditional: false, statement: 1 } };
		expect(hopOf(0, admin, 2, graph)).toMatchObject({ steps: group!.steps, needs: 'a thing', trust: { named: true } });
	});

	it('takes group methods only for users, and never a principal as its own target', () => {
		const statements = inline(allow(['iam:AttachGroupPolicy', 'iam:AddUserToGroup', 'iam:CreateAccessKey', 'iam:UpdateAssumeRolePolicy', 'sts:AssumeRole']));
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: statements, groups: ['g'] })],
			groups: [{ name: 'g', id: 'AGPAG', arn: 'arn:aws:iam::123456789012:group/g', path: '/', createDate: '2020-01-01T00:00:00Z', inlinePolicies: [], attachedPolicies: [] }],
			roles: [buildRole('ops', { trustPolicy: accountTrust, inlinePolicies: statements })],
		});
		expect(edgesFrom(model, 'dev')).toEqual(['AttachGroupPolicy>full administrator', 'AddUserToGroup>full administrator', 'UpdateAssumeRolePolicy>ops', 'AssumeRole>ops']);
		expect(edgesFrom(model, 'ops')).toEqual(['CreateAccessKey>dev']);
	});

	it('a rewritten trust is no way in when sts:AssumeRole is denied', () => {
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('iam:UpdateAssumeRolePolicy', roleArn('locked')), allow('iam:UpdateAssumeRolePolicy', roleArn('open')), deny('sts:AssumeRole', roleArn('locked'))) })],
			roles: [buildRole('locked'), buildRole('open')],
		});
		expect(edgesFrom(model, 'dev')).toEqual(['UpdateAssumeRolePolicy>open']);
	});

	it("a rewritten trust is no way in for a role whose boundary does not allow sts:AssumeRole, as a trust naming it is not", () => {
		const boundary = buildPolicy('iam-only', { versions: [{ versionId: 'v1', isDefault: true, createDate: '2020-01-01T00:00:00Z', document: doc(allow('iam:*')) }] });
		const roles = (ciBoundary?: string) => [
			buildRole('ci', { inlinePolicies: inline(allow(['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'])), ...(ciBoundary ? { permissionsBoundary: ciBoundary } : {}) }),
			buildRole('ops', { trustPolicy: trust({ AWS: roleArn('ci') }) }),
		];
		// Held in by its boundary: neither assuming ops through its trust, nor rewriting a trust to name itself.
		expect(edgesFrom(buildModel({ roles: roles(boundary.arn), policies: [boundary] }), 'ci')).toEqual([]);
		expect(edgesFrom(buildModel({ roles: roles() }), 'ci')).toEqual(['UpdateAssumeRolePolicy>ops', 'AssumeRole>ops']);
	});

	it('a boundary that allows sts:AssumeRole, a user\'s boundary and an unread boundary leave the rewritten trust a way in (the unread one conditionally)', () => {
		const policy = (name: string, ...actions: string[]) => buildPolicy(name, { versions: [{ versionId: 'v1', isDefault: true, createDate: '2020-01-01T00:00:00Z', document: doc(allow(actions)) }] });
		const withAssume = policy('iam-and-assume', 'iam:*', 'sts:AssumeRole');
		const iamOnly = policy('iam-only', 'iam:*');
		const ci = (boundary: string) => buildRole('ci', { inlinePolicies: inline(allow(['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'])), permissionsBoundary: boundary });
		expect(edgesFrom(buildModel({ roles: [ci(withAssume.arn), buildRole('ops')], policies: [withAssume] }), 'ci')).toEqual(['UpdateAssumeRolePolicy>ops']);
		// A trust naming a user's ARN is not limited by the user's boundary (a role's is).
		const dev = buildUser('dev', { inlinePolicies: inline(allow('iam:UpdateAssumeRolePolicy')), permissionsBoundary: iamOnly.arn });
		expect(edgesFrom(buildModel({ users: [dev], roles: [buildRole('ops')], policies: [iamOnly] }), 'dev')).toEqual(['UpdateAssumeRolePolicy>ops']);
		// A boundary whose document was not read may allow it: a conditional way in, not none.
		expect(edgesFrom(buildModel({ roles: [ci(customerManagedRef('unread').arn), buildRole('ops')] }), 'ci')).toEqual(['UpdateAssumeRolePolicy>ops?']);
	});

	it('passing a role needs the pivot step allowed, and decides it on each role', () => {
		const roles = [buildRole('fn-a', { trustPolicy: serviceTrust(lambda), inlinePolicies: inline(allow('*')) }), buildRole('fn-b', { trustPolicy: serviceTrust(lambda) })];
		const dev = (...s: Raw[]) => buildModel({ users: [buildUser('dev', { inlinePolicies: inline(...s) })], roles });
		expect(edgesFrom(dev(allow(['lambda:CreateFunction', 'lambda:InvokeFunction'])), 'dev')).toEqual([]);
		expect(edgesFrom(dev(allow('iam:PassRole'), allow('s3:GetObject')), 'dev')).toEqual([]);
		expect(edgesFrom(dev(allow('iam:PassRole', roleArn('fn-b')), allow(['lambda:CreateFunction', 'lambda:InvokeFunction'])), 'dev')).toEqual(['PassRoleLambda>fn-b']);
		const graph = buildPrincipalGraph(dev(allow('iam:PassRole', roleArn('fn-b')), allow(['lambda:CreateFunction', 'lambda:InvokeFunction'])), modelCatalogue(dev()));
		const group = graph.edges[0]!.find((g) => g.method === 'PassRoleLambda')!;
		expect(group.pivot).toBe(group.spec.steps.findIndex((s) => s.action === 'iam:PassRole'));
		expect(group.steps[group.pivot]!.resource).toBe(roleArn('fn-b'));
	});

	it('reaches every role trusting the service, conditionally, when its workloads were not read', () => {
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('lambda:UpdateFunctionCode')) })],
			roles: [buildRole('fn-a', { trustPolicy: serviceTrust(lambda), inlinePolicies: inline(allow('lambda:UpdateFunctionCode')) }), buildRole('fn-b', { trustPolicy: serviceTrust(lambda) }), buildRole('web')],
		});
		expect(edgesFrom(model, 'dev')).toEqual(['UpdateFunctionCode>fn-a,fn-b? [a Lambda function that runs with the role]']);
		expect(edgesFrom(model, 'fn-a')).toEqual(['UpdateFunctionCode>fn-b? [a Lambda function that runs with the role]']);
		expect(edgesFrom(model, 'web')).toEqual([]);
	});

	it('with workloads read, reaches the roles of the functions it may update, by the best decision', () => {
		const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
		const workloads = [
			{ service: lambda, resourceArn: fn('one'), roleArn: roleArn('fn-a') },
			{ service: lambda, resourceArn: fn('one'), roleArn: roleArn('fn-a') },
			{ service: lambda, resourceArn: fn('two'), roleArn: roleArn('fn-a') },
			{ service: lambda, resourceArn: fn('three'), roleArn: roleArn('fn-b') },
			{ service: lambda, resourceArn: fn('four'), roleArn: 'arn:aws:iam::999999999999:role/elsewhere' },
			{ service: 'glue.amazonaws.com', resourceArn: 'arn:aws:glue:us-east-1:123456789012:devEndpoint/x', roleArn: roleArn('fn-b') },
		];
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('lambda:UpdateFunctionCode', fn('one'), mfa), allow('lambda:UpdateFunctionCode', [fn('two'), fn('three')])) })],
			roles: [buildRole('fn-a', { trustPolicy: serviceTrust(lambda), inlinePolicies: inline(allow('lambda:UpdateFunctionCode')) }), buildRole('fn-b', { trustPolicy: serviceTrust(lambda) })],
			roleWorkloads: { region: 'us-east-1', read: [lambda], unread: [], workloads },
		});
		const graph = buildPrincipalGraph(model, modelCatalogue(model));
		const dev = graph.edges[graph.byArn.get(userArn('dev'))!]!.filter((g) => g.method === 'UpdateFunctionCode');
		expect(dev.map((g) => [graph.nodes[g.to[0]!]!.name, g.steps[0]!.resource, g.steps[0]!.verdict, g.conditional, g.pivot])).toEqual([
			['fn-a', fn('two'), 'allowed', false, -1],
			['fn-b', fn('three'), 'allowed', false, -1],
		]);
		// A role never reaches itself through its own function.
		expect(edgesFrom(model, 'fn-a')).toEqual(['UpdateFunctionCode>fn-b']);
		const onlyMfa = buildModel({ ...model, users: [buildUser('dev', { inlinePolicies: inline(allow('lambda:UpdateFunctionCode', fn('one'), mfa)) })] });
		expect(edgesFrom(onlyMfa, 'dev')).toEqual(['UpdateFunctionCode>fn-a?']);
	});

	it('assumes a role the trust names unless denied, and one trusting the account only with an identity allow', () => {
		const named = trust({ AWS: [userArn('dev'), roleArn('ci')] });
		const model = (devStatements: Raw[], ciBoundary?: string) =>
			buildModel({
				users: [buildUser('dev', { inlinePolicies: inline(...devStatements), permissionsBoundary: buildPolicy('s3-only').arn })],
				roles: [buildRole('target', { trustPolicy: named }), buildRole('other', { trustPolicy: named }), buildRole('acct', { trustPolicy: accountTrust }), buildRole('ci', { trustPolicy: accountTrust, ...(ciBoundary ? { permissionsBoundary: ciBoundary } : {}) })],
				policies: [buildPolicy('s3-only')],
			});
		// A user's boundary does not stop a trust naming the user; it does stop an account trust.
		expect(edgesFrom(model([allow('s3:GetObject')]), 'dev')).toEqual(['AssumeRole>target', 'AssumeRole>other']);
		expect(edgesFrom(model([allow('s3:GetObject'), deny('sts:AssumeRole', roleArn('other'))]), 'dev')).toEqual(['AssumeRole>target']);
		const conditionalDeny = deny('sts:AssumeRole', roleArn('other'));
		expect(edgesFrom(model([allow('s3:GetObject'), { ...conditionalDeny, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }]), 'dev')).toEqual(['AssumeRole>target', 'AssumeRole>other?']);
		// A role's boundary does stop it, named or not.
		expect(edgesFrom(model([]), 'ci')).toEqual(['AssumeRole>target', 'AssumeRole>other']);
		expect(edgesFrom(model([], buildPolicy('s3-only').arn), 'ci')).toEqual([]);
	});

	it('builds a graph of an account with no users or roles, and keeps a later shorter way to admin', () => {
		const empty = buildModel();
		expect(buildPrincipalGraph(empty, modelCatalogue(empty)).nodes.map((n) => n.type)).toEqual(['admin']);
		// x takes q's keys (q is one hop from admin) before its own direct attach is looked at.
		const model = buildModel({ users: [buildUser('q', { inlinePolicies: inline(allow('iam:AttachUserPolicy', userArn('q'))) }), buildUser('x', { inlinePolicies: inline(allow('iam:CreateAccessKey', userArn('q')), allow('iam:AttachUserPolicy', userArn('x'))) })] });
		const graph = buildPrincipalGraph(model, modelCatalogue(model));
		expect(edgesFrom(model, 'x')).toEqual(['CreateAccessKey>q', 'AttachUserPolicy>full administrator']);
		expect([graph.toAdmin.distance[1], graph.toAdmin.next[1]!.method]).toEqual([1, 'AttachUserPolicy']);
		const stuck = buildModel({ users: [buildUser('keys', { inlinePolicies: inline(allow('iam:CreateAccessKey')) }), buildUser('a')] });
		expect([...buildPrincipalGraph(stuck, modelCatalogue(stuck)).toAdmin.distance]).toEqual([-1, -1, 0]);
	});

	it('marks a group conditional when any of its steps is, and keeps each step its own decision', () => {
		const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
		const roles = [buildRole('fn', { trustPolicy: serviceTrust(lambda), inlinePolicies: inline(allow('*')) }), buildRole('web', { inlinePolicies: inline(allow('*')) })];
		const model = buildModel({ users: [buildUser('dev', { inlinePolicies: inline(allow(['iam:PassRole', 'lambda:CreateFunction']), allow('lambda:InvokeFunction', '*', mfa), allow('iam:PutRolePolicy', '*', mfa)) })], roles });
		expect(edgesFrom(model, 'dev')).toEqual(['PutRolePolicy>full administrator?', 'PassRoleLambda>fn?']);
		const graph = buildPrincipalGraph(model, modelCatalogue(model));
		const pass = graph.edges[0]!.find((g) => g.method === 'PassRoleLambda')!;
		expect(pass.steps.map((d) => [d.action, d.verdict])).toEqual([['iam:PassRole', 'allowed'], ['lambda:CreateFunction', 'allowed'], ['lambda:InvokeFunction', 'conditional']]);
		const fnOnly = buildModel({ users: [buildUser('dev', { inlinePolicies: inline(allow(['lambda:UpdateFunctionCode'])) })], roles: [buildRole('web')] });
		expect(edgesFrom(fnOnly, 'dev')).toEqual([]);
	});

	it('no edge when the only target is the principal itself, or a role trusts itself', () => {
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow(['iam:CreateAccessKey', 'iam:AddUserToGroup'], userArn('dev'))) })],
			roles: [buildRole('loop', { trustPolicy: trust({ AWS: [roleArn('loop'), testRootArn] }), inlinePolicies: inline(allow(['sts:AssumeRole', 'iam:UpdateAssumeRolePolicy', 'iam:AddUserToGroup'], roleArn('loop'))) })],
		});
		expect(edgesFrom(model, 'dev')).toEqual([]);
		expect(edgesFrom(model, 'loop')).toEqual([]);
	});

	it('one AssumeRole edge for a role trusting both the principal and the account; an SCP stops a named trust and a rewritten one', () => {
		const both = trust({ AWS: [userArn('dev'), testRootArn] });
		const model = (organization?: Organization) => buildModel({ users: [buildUser('dev', { inlinePolicies: inline(allow(['sts:AssumeRole', 'iam:UpdateAssumeRolePolicy'])) })], roles: [buildRole('r', { trustPolicy: both })], ...(organization ? { organization } : {}) });
		expect(edgesFrom(model(), 'dev')).toEqual(['UpdateAssumeRolePolicy>r', 'AssumeRole>r']);
		const graph = buildPrincipalGraph(model(), modelCatalogue(model()));
		expect(graph.edges[0]![1]!.steps.map((d) => [d.action, d.resource])).toEqual([['sts:AssumeRole', roleArn('r')]]);
		const organization = buildOrganization({ scps: [buildScp('no-assume', doc(allow('*'), deny('sts:AssumeRole')), [{ targetId: 'r-root', type: 'ROOT', name: 'Root' }])] });
		expect(edgesFrom(model(organization), 'dev')).toEqual([]);
	});

	it('re-decides a principal’s edges from the graph’s context alike', () => {
		const model = twoHop();
		const graph = buildPrincipalGraph(model, modelCatalogue(model));
		const ctx = graphContext(graph);
		expect([ctx.adminNode, ctx.byArn]).toEqual([graph.adminNode, graph.byArn]);
		for (const n of graph.nodes) if (n.set && !n.admin) expect(edgesOf(ctx, n.set)).toEqual(graph.edges[n.index]);
	});

	it('a rewritten trust is no way in when any policy, or the boundary, denies sts:AssumeRole on the role', () => {
		const rewrite = allow('iam:UpdateAssumeRolePolicy', [roleArn('locked'), roleArn('open')]);
		const roles = [buildRole('locked'), buildRole('open')];
		// The Deny in a second inline policy, beside a policy that allows sts:AssumeRole elsewhere.
		const twoPolicies = buildModel({
			users: [buildUser('dev', { inlinePolicies: [{ name: 'rewrite', document: doc(rewrite, allow('sts:AssumeRole', roleArn('elsewhere'))) }, { name: 'guard', document: doc(deny('sts:AssumeRole', roleArn('locked'))) }] })],
			roles,
		});
		expect(edgesFrom(twoPolicies, 'dev')).toEqual(['UpdateAssumeRolePolicy>open']);
		// Allow and Deny of sts:AssumeRole in the same policy.
		const onePolicy = buildModel({ users: [buildUser('dev', { inlinePolicies: inline(rewrite, allow('sts:AssumeRole', roleArn('elsewhere')), deny('sts:AssumeRole', roleArn('locked'))) })], roles });
		expect(edgesFrom(onePolicy, 'dev')).toEqual(['UpdateAssumeRolePolicy>open']);
		const guard = buildPolicy('guard', { versions: [{ versionId: 'v1', isDefault: true, createDate: '2020-01-01T00:00:00Z', document: doc(allow('iam:*'), deny('sts:AssumeRole', roleArn('locked'))) }] });
		const bounded = buildModel({ users: [buildUser('dev', { inlinePolicies: inline(rewrite), permissionsBoundary: guard.arn })], roles, policies: [guard] });
		expect(edgesFrom(bounded, 'dev')).toEqual(['UpdateAssumeRolePolicy>open']);
	});

	it('a trust naming the principal under a condition it does not meet, beside one trusting the account, needs an identity allow', () => {
		const both = doc(
			{ Effect: 'Allow', Principal: { AWS: userArn('dev') }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform' } } },
			{ Effect: 'Allow', Principal: { AWS: testRootArn }, Action: 'sts:AssumeRole' },
		);
		const model = (...statements: Raw[]) => buildModel({ users: [buildUser('dev', { inlinePolicies: inline(allow('s3:GetObject'), ...statements) })], roles: [buildRole('r', { trustPolicy: both })] });
		expect(edgesFrom(model(), 'dev')).toEqual([]);
		expect(edgesFrom(model(allow('sts:AssumeRole', roleArn('r'))), 'dev')).toEqual(['AssumeRole>r']);
	});
});
