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
import { buildPrincipalGraph } from '../../../source/core/policy-engine/principal-graph.js';
import { buildModel, buildPolicy, buildRole, buildUser, roleArn, testRootArn, userArn } from '../../helpers/model-builder.js';

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
		const organization: Organization = {
			id: 'o-1',
			arn: 'arn:aws:organizations::111111111111:organization/o-1',
			featureSet: 'ALL',
			managementAccountId: '111111111111',
			callerIsManagementAccount: false,
			roots: [{ id: 'r-root', arn: 'arn:aws:organizations::111111111111:root/o-1/r-root', name: 'Root', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] }],
			scps: [
				{ id: 'p-full', arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', name: 'FullAWSAccess', awsManaged: true, document: doc(allow('*')), targets: [{ targetId: 'r-root', type: 'ROOT', name: 'Root' }] },
				{ id: 'p-deny', arn: 'arn:aws:organizations::111111111111:policy/o-1/service_control_policy/p-deny', name: 'no-assume', awsManaged: false, document: doc(deny('sts:AssumeRole'), allow('*')), targets: [{ targetId: '123456789012', type: 'ACCOUNT', name: 'workload' }] },
			],
		};
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

describe('queries of the graph', () => {
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
