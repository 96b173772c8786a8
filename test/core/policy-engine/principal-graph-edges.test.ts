/**
 * The principal graph's edges where the mutation run found them unchecked: which function's
 * decision a workload edge keeps, account trust under a conditional allow, SCPs that do not
 * allow sts:AssumeRole, and hops that keep each step's own resource.
 */
import { describe, expect, it } from 'vitest';
import type { AccountModel, Organization } from '../../../source/core/model.js';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { modelCatalogue } from '../../../source/core/policy-engine/model-catalogue.js';
import { buildPrincipalGraph, hopOf } from '../../../source/core/policy-engine/principal-graph.js';
import { buildModel, buildOrganization, buildRole, buildScp, buildUser, roleArn, testRootArn, userArn } from '../../helpers/model-builder.js';

type Raw = Record<string, unknown>;
const doc = (...statements: Raw[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource: string | string[] = '*', extra: Raw = {}): Raw => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const inline = (...statements: Raw[]) => [{ name: 'p', document: doc(...statements) }];
const lambda = 'lambda.amazonaws.com';
const serviceTrust = doc({ Effect: 'Allow', Principal: { Service: lambda }, Action: 'sts:AssumeRole' });
const accountTrust = doc({ Effect: 'Allow', Principal: { AWS: testRootArn }, Action: 'sts:AssumeRole' });
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };

function edges(model: AccountModel, name: string) {
	const graph = buildPrincipalGraph(model, modelCatalogue(model));
	const node = graph.nodes.find((n) => n.name === name)!;
	return { graph, groups: graph.edges[node.index]!, list: graph.edges[node.index]!.map((g) => `${g.method}>${g.to.map((t) => graph.nodes[t]!.name).join(',')}${g.conditional ? '?' : ''}`) };
}

function scpOnly(...statements: Raw[]): Organization {
	return buildOrganization({ scps: [buildScp('only', doc(...statements), [{ targetId: 'r-root', type: 'ROOT', name: 'Root' }])] });
}

describe('principal graph edges', () => {
	it('a workload edge keeps the first function that allows it, or the first conditional one when none does', () => {
		const order: [string, string][] = [['one', 'fn-a'], ['two', 'fn-a'], ['three', 'fn-b'], ['seven', 'fn-c'], ['eight', 'fn-c'], ['five', 'fn-d'], ['six', 'fn-d']];
		const update = 'lambda:UpdateFunctionCode';
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow(update, [fn('one'), fn('seven')], mfa), allow(update, [fn('two'), fn('three')]), allow(update, fn('eight'), mfa), allow(update, fn('five')), allow(update, fn('six'))) })],
			roles: ['fn-a', 'fn-b', 'fn-c', 'fn-d'].map((n) => buildRole(n, { trustPolicy: serviceTrust })),
			roleWorkloads: { region: 'us-east-1', read: [lambda], unread: [], workloads: order.map(([f, r]) => ({ service: lambda, resourceArn: fn(f), roleArn: roleArn(r) })) },
		});
		const { graph, groups } = edges(model, 'dev');
		expect(groups.map((g) => [graph.nodes[g.to[0]!]!.name, g.steps[0]!.resource.split(':').pop(), g.conditional])).toEqual([
			['fn-a', 'two', false],
			['fn-c', 'seven', true],
			['fn-b', 'three', false],
			['fn-d', 'five', false],
		]);
	});

	it('assuming a role that trusts the account under an identity allow that needs MFA is conditional', () => {
		const model = buildModel({ users: [buildUser('dev', { inlinePolicies: inline(allow('sts:AssumeRole', '*', mfa)) })], roles: [buildRole('r', { trustPolicy: accountTrust })] });
		expect(edges(model, 'dev').list).toEqual(['AssumeRole>r?']);
	});

	it('an SCP that does not allow sts:AssumeRole stops both a named trust and a rewritten one', () => {
		const named = doc({ Effect: 'Allow', Principal: { AWS: userArn('dev') }, Action: 'sts:AssumeRole' });
		const model = (organization?: Organization) =>
			buildModel({ users: [buildUser('dev', { inlinePolicies: inline(allow(['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'])) })], roles: [buildRole('r', { trustPolicy: named })], ...(organization ? { organization } : {}) });
		expect(edges(model(), 'dev').list).toEqual(['UpdateAssumeRolePolicy>r', 'AssumeRole>r']);
		expect(edges(model(scpOnly(allow(['iam:*', 's3:*']))), 'dev').list).toEqual([]);
	});

	it('a Deny of sts:AssumeRole stops only the methods that assume', () => {
		const model = buildModel({ users: [buildUser('dev', { inlinePolicies: inline(allow('iam:CreateAccessKey'), { Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }) }), buildUser('ops')] });
		expect(edges(model, 'dev').list).toEqual(['CreateAccessKey>ops']);
	});

	it('the hop through a passed role names the role in its PassRole step only', () => {
		const model = buildModel({ users: [buildUser('dev', { inlinePolicies: inline(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'])) })], roles: [buildRole('a', { trustPolicy: serviceTrust }), buildRole('b', { trustPolicy: serviceTrust })] });
		const { graph, groups } = edges(model, 'dev');
		const pass = groups.find((g) => g.method === 'PassRoleLambda')!;
		const hop = hopOf(0, pass, graph.byArn.get(roleArn('b'))!, graph);
		expect(hop.steps[0]!.resource).toBe(roleArn('b'));
		expect(hop.steps.slice(1).map((d) => d.resource)).toEqual(pass.steps.slice(1).map((d) => d.resource));
		expect(hop.steps.slice(1).every((d) => d.resource !== roleArn('b'))).toBe(true);
	});

	it('a Deny of sts:AssumeRole on one role stops rewriting that trust only, not the other roles alike', () => {
		const roles = ['locked', 'open', 'other'].map((n) => buildRole(n, { trustPolicy: serviceTrust }));
		const deny = { Effect: 'Deny', Action: 'sts:AssumeRole', Resource: roleArn('locked') };
		const model = buildModel({ users: [buildUser('dev', { inlinePolicies: inline(allow('iam:UpdateAssumeRolePolicy'), deny) })], roles });
		expect(edges(model, 'dev').list).toEqual(['UpdateAssumeRolePolicy>open,other']);
		// Whichever role comes first: the Deny on the first one no longer hides the rest.
		const reversed = buildModel({ users: [buildUser('dev', { inlinePolicies: inline(allow('iam:UpdateAssumeRolePolicy'), { ...deny, Resource: roleArn('other') }) })], roles });
		expect(edges(reversed, 'dev').list).toEqual(['UpdateAssumeRolePolicy>locked,open']);
	});
});
