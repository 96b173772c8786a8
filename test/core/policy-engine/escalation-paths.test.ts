/**
 * The paths escalationPaths reports for one principal: which way each method goes (the first
 * of equally near ones, one that always holds before a shorter conditional one, no further
 * than the depth asked), the order the paths come in, and what each end gains.
 */
import { describe, expect, it } from 'vitest';
import type { AccountModel } from '../../../source/core/model.js';
import { normalisePolicyDocument, type PolicyDocument } from '../../../source/core/policy-document.js';
import { escalationPaths, gainBits, gainCount, gainsOver, pathToAdmin } from '../../../source/core/policy-engine/escalation-paths.js';
import { modelCatalogue } from '../../../source/core/policy-engine/model-catalogue.js';
import { buildPrincipalGraph } from '../../../source/core/policy-engine/principal-graph.js';
import { buildModel, buildRole, buildUser, roleArn, testRootArn, userArn } from '../../helpers/model-builder.js';

type Raw = Record<string, unknown>;
const doc = (...statements: Raw[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource: string | string[] = '*', extra: Raw = {}): Raw => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const inline = (...statements: Raw[]) => [{ name: 'p', document: doc(...statements) }];
const accountTrust: PolicyDocument = doc({ Effect: 'Allow', Principal: { AWS: testRootArn }, Action: 'sts:AssumeRole' });
const mfaTrust: PolicyDocument = doc({ Effect: 'Allow', Principal: { AWS: testRootArn }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
const withMfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };

function graphOf(model: AccountModel) {
	return buildPrincipalGraph(model, modelCatalogue(model));
}

/** dev's paths as method, hop targets, admin, conditional, gained. */
function pathsOf(model: AccountModel, maxDepth?: number) {
	const graph = graphOf(model);
	return escalationPaths(graph, graph.byArn.get(userArn('dev'))!, undefined, maxDepth).map((p) => ({
		method: p.method,
		hops: p.hops.map((h) => graph.nodes[h.to]!.name),
		admin: p.admin,
		conditional: p.conditional,
		gained: p.gained,
	}));
}

function bitCount(bits: ArrayLike<number>): number {
	let n = 0;
	for (let i = 0; i < bits.length; i++) for (let b = 0; b < 32; b++) if ((bits[i]! >>> b) & 1) n++;
	return n;
}

describe('escalationPaths', () => {
	it('puts paths to admin first, and of those the ones that always hold', () => {
		const model = buildModel({
			users: [
				buildUser('dev', { inlinePolicies: inline(allow('iam:CreateAccessKey', userArn('ops')), allow('iam:AttachUserPolicy', '*', withMfa), allow('sts:AssumeRole', roleArn('boss'))) }),
				buildUser('ops', { inlinePolicies: inline(allow('s3:PutObject')) }),
			],
			roles: [buildRole('boss', { trustPolicy: accountTrust, inlinePolicies: inline(allow('*')) })],
		});
		expect(pathsOf(model).map((p) => [p.method, p.admin, p.conditional])).toEqual([
			['AssumeRole', true, false],
			['AttachUserPolicy', true, true],
			['CreateAccessKey', false, false],
		]);
	});

	it('puts shorter paths first, and of paths as long the one that gains more', () => {
		const shorter = buildModel({
			users: [
				buildUser('dev', { inlinePolicies: inline(allow('iam:CreateAccessKey', userArn('ops')), allow('iam:AttachUserPolicy', userArn('dev'))) }),
				buildUser('ops', { inlinePolicies: inline(allow('iam:AttachUserPolicy', userArn('ops'))) }),
			],
		});
		expect(pathsOf(shorter).map((p) => [p.method, p.hops])).toEqual([
			['AttachUserPolicy', ['full administrator']],
			['CreateAccessKey', ['ops', 'full administrator']],
		]);
		const gaining = buildModel({
			users: [
				buildUser('dev', { inlinePolicies: inline(allow('iam:CreateAccessKey', userArn('one')), allow('iam:CreateLoginProfile', userArn('two'))) }),
				buildUser('one', { inlinePolicies: inline(allow('s3:PutObject')) }),
				buildUser('two', { inlinePolicies: inline(allow(['s3:PutObject', 's3:DeleteObject'])) }),
			],
		});
		expect(pathsOf(gaining).map((p) => [p.method, p.hops, p.gained])).toEqual([
			['CreateLoginProfile', ['two'], 2],
			['CreateAccessKey', ['one'], 1],
		]);
	});

	it('of equally near ways to admin, goes through the first', () => {
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', [roleArn('a'), roleArn('b')])) })],
			roles: ['a', 'b'].map((n) => buildRole(n, { trustPolicy: accountTrust, inlinePolicies: inline(allow('iam:AttachRolePolicy', roleArn(n))) })),
		});
		expect(pathsOf(model)).toEqual([{ method: 'AssumeRole', hops: ['a', 'full administrator'], admin: true, conditional: false, gained: expect.any(Number) }]);
	});

	it('to a principal with more: a path that always holds before a shorter conditional one, within the depth asked', () => {
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', [roleArn('quick'), roleArn('relay')])) })],
			roles: [
				buildRole('quick', { trustPolicy: mfaTrust, inlinePolicies: inline(allow('s3:PutObject')) }),
				buildRole('relay', { trustPolicy: accountTrust, inlinePolicies: inline(allow('sts:AssumeRole', roleArn('slow'))) }),
				buildRole('slow', { trustPolicy: accountTrust, inlinePolicies: inline(allow('s3:PutObject')) }),
			],
		});
		expect(pathsOf(model)).toEqual([{ method: 'AssumeRole', hops: ['relay', 'slow'], admin: false, conditional: false, gained: 1 }]);
		expect(pathsOf(model, 2)).toEqual(pathsOf(model));
		// One hop deep, only the conditional way is within reach.
		expect(pathsOf(model, 1)).toEqual([{ method: 'AssumeRole', hops: ['quick'], admin: false, conditional: true, gained: 1 }]);
	});

	it('goes no deeper than asked', () => {
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', roleArn('relay'))) })],
			roles: [
				buildRole('relay', { trustPolicy: accountTrust, inlinePolicies: inline(allow('sts:AssumeRole', roleArn('far'))) }),
				buildRole('far', { trustPolicy: accountTrust, inlinePolicies: inline(allow('s3:PutObject')) }),
			],
		});
		expect(pathsOf(model, 2).map((p) => p.hops)).toEqual([['relay', 'far']]);
		expect(pathsOf(model, 1)).toEqual([]);
	});
	it('takes the nearest way to admin of a method: an administrator met later in a group, or in a later group', () => {
		const assume = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', [roleArn('deployer'), roleArn('boss')])) })],
			roles: [
				buildRole('deployer', { trustPolicy: accountTrust, inlinePolicies: inline(allow('iam:AttachRolePolicy', roleArn('deployer'))) }),
				buildRole('boss', { trustPolicy: accountTrust, inlinePolicies: inline(allow('*')) }),
			],
		});
		expect(pathsOf(assume).map((p) => [p.method, p.hops, p.admin])).toEqual([['AssumeRole', ['boss'], true]]);
		const keys = buildModel({
			users: [
				buildUser('dev', { inlinePolicies: inline(allow('iam:CreateAccessKey')) }),
				buildUser('ops', { inlinePolicies: inline(allow('iam:AttachUserPolicy', userArn('ops'))) }),
				buildUser('boss', { inlinePolicies: inline(allow('*')) }),
			],
		});
		expect(pathsOf(keys).map((p) => [p.method, p.hops, p.admin])).toEqual([['CreateAccessKey', ['boss'], true]]);
	});

	it('reaches each principal once, by its nearest way, and never back through the principal itself', () => {
		// dev → a → b → far would be a hop longer than dev → b → far.
		const twice = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', [roleArn('a'), roleArn('b')])) })],
			roles: [
				buildRole('a', { trustPolicy: accountTrust, inlinePolicies: inline(allow('sts:AssumeRole', roleArn('b'))) }),
				buildRole('b', { trustPolicy: accountTrust, inlinePolicies: inline(allow('sts:AssumeRole', roleArn('far'))) }),
				buildRole('far', { trustPolicy: accountTrust, inlinePolicies: inline(allow('s3:PutObject')) }),
			],
		});
		expect(pathsOf(twice).map((p) => p.hops)).toEqual([['b', 'far']]);
		// The role dev may assume gains nothing and leads back to dev only: no AssumeRole path (not one on through dev's other methods).
		const back = buildModel({
			users: [
				buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', roleArn('a')), allow('iam:CreateAccessKey', userArn('nobody')), allow('iam:CreateLoginProfile', userArn('two'))) }),
				buildUser('two', { inlinePolicies: inline(allow('s3:PutObject')) }),
			],
			roles: [buildRole('a', { trustPolicy: accountTrust, inlinePolicies: inline(allow('iam:CreateAccessKey', userArn('dev'))) })],
		});
		expect(pathsOf(back).map((p) => [p.method, p.hops])).toEqual([['CreateLoginProfile', ['two']]]);
	});

	it('gives the admin node and administrators no paths', () => {
		const model = buildModel({ users: [buildUser('dev', { inlinePolicies: inline(allow('*')) })] });
		const graph = graphOf(model);
		expect(escalationPaths(graph, graph.adminNode)).toEqual([]);
		expect(escalationPaths(graph, graph.byArn.get(userArn('dev'))!)).toEqual([]);
	});
});

describe('pathToAdmin', () => {
	it('follows the shortest way over every edge by default, over unconditional ones when firm, and is empty without a way', () => {
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', roleArn('fast'))) }), buildUser('idle', { inlinePolicies: inline(allow('s3:GetObject')) })],
			roles: [buildRole('fast', { trustPolicy: mfaTrust, inlinePolicies: inline(allow('iam:AttachRolePolicy', roleArn('fast'))) })],
		});
		const graph = graphOf(model);
		const names = (hops: { to: number }[]) => hops.map((h) => graph.nodes[h.to]!.name);
		const dev = graph.byArn.get(userArn('dev'))!;
		expect(names(pathToAdmin(graph, dev))).toEqual(['fast', 'full administrator']);
		expect(pathToAdmin(graph, dev)[0]!.conditional).toBe(true);
		expect(pathToAdmin(graph, dev, true)).toEqual([]);
		expect(pathToAdmin(graph, graph.byArn.get(userArn('idle'))!)).toEqual([]);
		expect(pathToAdmin(graph, graph.adminNode)).toEqual([]);
	});
});

describe('what a principal gains', () => {
	const model = buildModel({
		users: [
			buildUser('dev', { inlinePolicies: inline(allow(['s3:GetObject', 'iam:CreateAccessKey'])) }),
			buildUser('ops', { inlinePolicies: inline(allow(['s3:*', 'ec2:Describe*'])) }),
			buildUser('same', { inlinePolicies: inline(allow('s3:GetObject')) }),
		],
		roles: [buildRole('wide', { trustPolicy: accountTrust, inlinePolicies: inline(allow(['iam:*', 'sts:*', 'lambda:*'])) })],
	});
	const graph = graphOf(model);
	const own = graph.nodes[graph.byArn.get(userArn('dev'))!]!.permissions!.allowed;

	it('counts the actions each node may perform that the principal may not, the admin node by the ceiling', () => {
		for (const node of graph.nodes) {
			const gain = gainBits(graph, own, node.index);
			expect(gainCount(graph, own, node.index)).toBe(bitCount(gain));
			expect(gainsOver(graph, own, node.index)).toBe(bitCount(gain) > 0);
			const theirs = node.admin ? graph.ceiling : node.permissions!.allowed;
			for (let i = 0; i < gain.length; i++) expect(gain[i]).toBe((theirs[i]! & ~own[i]!) >>> 0);
		}
		const none = new Uint32Array(own.length);
		expect(gainCount(graph, none, graph.adminNode)).toBe(bitCount(graph.ceiling));
		expect(gainCount(graph, none, graph.adminNode)).toBeGreaterThan(20);
		expect(gainCount(graph, own, graph.byArn.get(userArn('same'))!)).toBe(0);
		expect(gainsOver(graph, own, graph.byArn.get(userArn('same'))!)).toBe(false);
		expect(gainCount(graph, own, graph.byArn.get(userArn('ops'))!)).toBeGreaterThan(1);
	});
});
