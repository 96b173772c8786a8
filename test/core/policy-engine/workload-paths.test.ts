/**
 * Escalation through a resource that runs with a role (a function, an instance): when the
 * service's workloads were read, only roles with such a resource are reached, decided on the
 * resource's own ARN; when they were not, every role trusting the service is reached "if
 * such a resource exists", and step 4 names the service and why it was not read.
 */
import { describe, expect, it } from 'vitest';
import type { AccountModel, RoleWorkloads } from '../../../source/core/model.js';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { escalationPaths } from '../../../source/core/policy-engine/escalation-paths.js';
import { modelCatalogue } from '../../../source/core/policy-engine/model-catalogue.js';
import { buildPrincipalGraph } from '../../../source/core/policy-engine/principal-graph.js';
import { analyseBoundaries } from '../../../source/steps/boundaries/boundary-analysis.js';
import { buildModel, buildRole, buildUser, roleArn, userArn } from '../../helpers/model-builder.js';

type Raw = Record<string, unknown>;
const doc = (...statements: Raw[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource: string | string[] = '*', extra: Raw = {}): Raw => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const deny = (action: string | string[], resource: string | string[] = '*'): Raw => ({ Effect: 'Deny', Action: action, Resource: resource });
const inline = (...statements: Raw[]) => [{ name: 'p', document: doc(...statements) }];
const serviceTrust = (service: string) => doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });

const lambda = 'lambda.amazonaws.com';
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** dev may update function code; two roles trust Lambda, both more privileged than dev. */
function account(devStatements: Raw[], roleWorkloads?: RoleWorkloads): AccountModel {
	return buildModel({
		region: 'us-east-1',
		users: [buildUser('dev', { inlinePolicies: inline(...devStatements) })],
		roles: [
			buildRole('orders', { trustPolicy: serviceTrust(lambda), inlinePolicies: inline(allow('*')) }),
			buildRole('reports', { trustPolicy: serviceTrust(lambda), inlinePolicies: inline(allow('s3:GetObject')) }),
		],
		...(roleWorkloads ? { roleWorkloads } : {}),
	});
}

const ordersFunction: RoleWorkloads = { region: 'us-east-1', read: [lambda], unread: [], workloads: [{ service: lambda, resourceArn: fn('orders-api'), roleArn: roleArn('orders') }] };

function paths(model: AccountModel) {
	const graph = buildPrincipalGraph(model, modelCatalogue(model));
	return escalationPaths(graph, graph.byArn.get(userArn('dev'))!).map((p) => ({
		method: p.method,
		to: p.hops.map((h) => graph.nodes[h.to]!.name),
		conditional: p.conditional,
		needs: p.needs,
		resource: p.hops[0]!.steps[0]!.resource,
	}));
}

describe('escalation through resources that run with a role', () => {
	it('a read service with a function running with a role gives an unconditional path to that role, decided on the function', () => {
		expect(paths(account([allow('lambda:UpdateFunctionCode')], ordersFunction))).toEqual([
			{ method: 'UpdateFunctionCode', to: ['orders'], conditional: false, needs: [], resource: fn('orders-api') },
		]);
	});

	it('a read service with no workload gives no path', () => {
		expect(paths(account([allow('lambda:UpdateFunctionCode')], { ...ordersFunction, workloads: [] }))).toEqual([]);
	});

	it('an unread service gives the conditional path, with what it needs, to every role trusting the service', () => {
		const unread = { region: 'us-east-1', read: [], unread: [{ service: lambda, reason: 'Access denied to lambda:ListFunctions.' }], workloads: [] };
		for (const model of [account([allow('lambda:UpdateFunctionCode')]), account([allow('lambda:UpdateFunctionCode')], unread)]) {
			const found = paths(model);
			expect(found.map((p) => p.method)).toEqual(['UpdateFunctionCode']);
			expect(found[0]).toMatchObject({ conditional: true, needs: ['a Lambda function that runs with the role'] });
		}
	});

	it('a Deny on the concrete function cuts the path; a Deny on another function does not', () => {
		expect(paths(account([allow('lambda:UpdateFunctionCode'), deny('lambda:UpdateFunctionCode', fn('orders-api'))], ordersFunction))).toEqual([]);
		expect(paths(account([allow('lambda:UpdateFunctionCode'), deny('lambda:UpdateFunctionCode', fn('billing-*'))], ordersFunction))).toHaveLength(1);
	});

	it('an Allow scoped to other functions reaches nothing; one scoped to the function reaches its role', () => {
		expect(paths(account([allow('lambda:UpdateFunctionCode', fn('reports-*'))], ordersFunction))).toEqual([]);
		expect(paths(account([allow('lambda:UpdateFunctionCode', fn('orders-*'))], ordersFunction))).toMatchObject([{ to: ['orders'], conditional: false }]);
	});

	it('an Allow under a condition makes the path conditional, still without "if such a resource exists"', () => {
		const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
		expect(paths(account([allow('lambda:UpdateFunctionCode', '*', mfa)], ordersFunction))).toMatchObject([{ to: ['orders'], conditional: true, needs: [] }]);
	});

	it('an instance reaches the role of its instance profile through SSM; an instance of no known role reaches nothing', () => {
		const ec2 = 'ec2.amazonaws.com';
		const instance = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc';
		const model = buildModel({
			users: [buildUser('dev', { inlinePolicies: inline(allow('ssm:SendCommand')) })],
			roles: [buildRole('box', { trustPolicy: serviceTrust(ec2), inlinePolicies: inline(allow('*')) }), buildRole('idle', { trustPolicy: serviceTrust(ec2), inlinePolicies: inline(allow('*')) })],
			roleWorkloads: { region: 'us-east-1', read: [ec2], unread: [], workloads: [{ service: ec2, resourceArn: instance, roleArn: roleArn('box') }, { service: ec2, resourceArn: `${instance}2`, roleArn: 'arn:aws:iam::999999999999:role/other' }] },
		});
		expect(paths(model)).toEqual([{ method: 'SSMSendCommand', to: ['box'], conditional: false, needs: [], resource: instance }]);
	});

	it('SendCommand is decided on the document it runs too: none allowed on it, no path; allowed only under a condition, a conditional path', () => {
		const ec2 = 'ec2.amazonaws.com';
		const instance = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc';
		const document = 'arn:aws:ssm:us-east-1::document/AWS-RunShellScript';
		const withDev = (...statements: Raw[]) =>
			buildModel({
				region: 'us-east-1',
				users: [buildUser('dev', { inlinePolicies: inline(...statements) })],
				roles: [buildRole('box', { trustPolicy: serviceTrust(ec2), inlinePolicies: inline(allow('*')) })],
				roleWorkloads: { region: 'us-east-1', read: [ec2], unread: [], workloads: [{ service: ec2, resourceArn: instance, roleArn: roleArn('box') }] },
			});
		expect(paths(withDev(allow('ssm:SendCommand', instance)))).toEqual([]);
		const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
		expect(paths(withDev(allow('ssm:SendCommand', instance), allow('ssm:SendCommand', document, mfa)))).toEqual([
			{ method: 'SSMSendCommand', to: ['box'], conditional: true, needs: [], resource: instance },
		]);
		expect(paths(withDev(allow('ssm:SendCommand', [instance, document])))).toMatchObject([{ to: ['box'], conditional: false }]);
	});
});

describe("step 4's note on resources", () => {
	const note = (model: AccountModel) => analyseBoundaries(model).notEvaluated.find((n) => n.area === 'escalation paths through resources');

	it('names the service that was not read and why', () => {
		const model = account([allow('lambda:UpdateFunctionCode')], {
			region: 'us-east-1',
			read: [],
			unread: [{ service: lambda, reason: 'Access denied to lambda:ListFunctions: grant lambda:ListFunctions to the caller.' }],
			workloads: [],
		});
		expect(note(model)?.reason).toBe(
			'1 escalation path goes through a resource IAM data does not show (a Lambda function that runs with the role): ' +
				'Lambda functions were not read (Access denied to lambda:ListFunctions: grant lambda:ListFunctions to the caller), so each is reported as conditional "if such a resource exists".',
		);
	});

	it('says a model without workloads holds IAM data only', () => {
		expect(note(account([allow('lambda:UpdateFunctionCode')]))?.reason).toContain('Lambda functions were not read (this read of the account holds IAM data only)');
	});

	it('when the service was read, says which region, and no path is conditional', () => {
		const found = note(account([allow('lambda:UpdateFunctionCode')], ordersFunction))!;
		expect(found.reason).toBe('Lambda functions were read in us-east-1 only: 1 principal may act on such resources, so one in another region that runs with a more privileged role gives a path not reported here.');
		expect(found.findingIds).toEqual(['PRIVILEGE_ESCALATION']);
	});
});
