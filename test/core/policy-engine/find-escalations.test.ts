/**
 * The targets escalation steps are tried on, and which one a finding names: the probe (a
 * principal or policy that does not exist yet) when a pattern could cover it, else the
 * account ARNs an allowing statement names or matches, policy variables resolved for the
 * principal; an outright allow is preferred to a conditional one wherever it is found.
 */
import { describe, expect, it } from 'vitest';
import type { AccountModel } from '../../../source/core/model.js';
import { normalisePolicyDocument, type PolicyDocument } from '../../../source/core/policy-document.js';
import { escalationMethods, type EscalationMethod } from '../../../source/core/policy-engine/escalation-methods.js';
import { effectivePermissions } from '../../../source/core/policy-engine/effective-permissions.js';
import { escalationTargets, findEscalations, methodMayHold, methodSteps, probeName, tryStep } from '../../../source/core/policy-engine/find-escalations.js';
import { modelCatalogue } from '../../../source/core/policy-engine/model-catalogue.js';
import { principalPolicies } from '../../../source/core/policy-engine/principal-policies.js';
import { buildGroup, buildModel, buildPolicy, buildRole, buildUser, groupArn, roleArn, testAccountId, userArn } from '../../helpers/model-builder.js';

type Raw = Record<string, unknown>;
const doc = (...statements: Raw[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource: string | string[] = '*', extra: Raw = {}): Raw => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const inline = (...statements: Raw[]) => [{ name: 'p', document: doc(...statements) }];
const mfa = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
const A = `arn:aws:iam::${testAccountId}`;
const trust = (...statements: Raw[]): PolicyDocument => doc(...statements);
const serviceRole = (name: string, service: string) => buildRole(name, { trustPolicy: trust({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }) });

function findingsOf(model: AccountModel, subject: { name: string }, type: 'user' | 'role') {
	const principal = type === 'user' ? model.users.find((u) => u.name === subject.name)! : model.roles.find((r) => r.name === subject.name)!;
	return findEscalations(principalPolicies(model, principal, type), escalationTargets(model));
}
const finding = (model: AccountModel, subject: { name: string }, type: 'user' | 'role', method: EscalationMethod) => findingsOf(model, subject, type).find((f) => f.method === method);
const spec = (method: EscalationMethod) => escalationMethods.find((m) => m.method === method)!;

describe('escalationTargets', () => {
	it('lists the account targets: no service-linked role, no AWS-managed policy, probes in the account', () => {
		const model = buildModel({
			region: 'eu-west-1',
			users: [buildUser('alice')],
			roles: [buildRole('app'), buildRole('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/' })],
			groups: [buildGroup('devs')],
			policies: [buildPolicy('mine'), buildPolicy('ReadOnlyAccess', { awsManaged: true })],
		});
		const t = escalationTargets(model);
		expect({ ...t, trustedBy: undefined }).toEqual({
			partition: 'aws',
			region: 'eu-west-1',
			account: testAccountId,
			users: [userArn('alice')],
			roles: [roleArn('app')],
			groups: new Map([['devs', groupArn('devs')]]),
			groupArns: [groupArn('devs')],
			customerPolicies: [`${A}:policy/mine`],
			trustedBy: undefined,
			probe: { user: `${A}:user/iam-wizard-probe`, role: `${A}:role/iam-wizard-probe`, group: `${A}:group/iam-wizard-probe`, policy: `${A}:policy/iam-wizard-probe` },
		});
		expect(probeName).toBe('iam-wizard-probe');
		expect(escalationTargets(buildModel({ region: '' })).region).toBe('us-east-1');
	});

	it('maps each service to the roles whose trust lets it assume them: Allow, a named service, an action (or NotAction) that covers sts:AssumeRole', () => {
		const roles = [
			serviceRole('fn', 'lambda.amazonaws.com'),
			buildRole('shared', { trustPolicy: trust({ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] }, Action: ['sts:TagSession', 'sts:AssumeRole'] }) }),
			buildRole('sts-star', { trustPolicy: trust({ Effect: 'Allow', Principal: { Service: 'glue.amazonaws.com' }, Action: 'sts:*' }) }),
			buildRole('star', { trustPolicy: trust({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: '*' }) }),
			// A wildcard in any case, and a NotAction that leaves sts:AssumeRole out, cover it too; one that names it does not.
			buildRole('assume-star', { trustPolicy: trust({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'STS:Assume*' }) }),
			buildRole('not-tag', { trustPolicy: trust({ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, NotAction: 'sts:TagSession' }) }),
			buildRole('not-assume', { trustPolicy: trust({ Effect: 'Allow', Principal: { Service: 'batch.amazonaws.com' }, NotAction: 'sts:AssumeRole' }) }),
			buildRole('denied', {
				trustPolicy: trust(
					{ Effect: 'Deny', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' },
					{ Effect: 'Allow', Principal: { AWS: `${A}:root` }, Action: 'sts:AssumeRole' },
				),
			}),
			buildRole('tag-only', { trustPolicy: trust({ Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' }, Action: 'sts:TagSession' }) }),
			buildRole('anyone', { trustPolicy: trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }) }),
			buildRole('everyone-but', { trustPolicy: trust({ Effect: 'Allow', NotPrincipal: { Service: 'datapipeline.amazonaws.com' }, Action: 'sts:AssumeRole' }) }),
			buildRole('AWSServiceRoleForX', { path: '/aws-service-role/sagemaker.amazonaws.com/', trustPolicy: trust({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }) }),
		];
		expect(escalationTargets(buildModel({ roles })).trustedBy).toEqual(
			new Map([
				['lambda.amazonaws.com', [roleArn('fn'), roleArn('shared')]],
				['ec2.amazonaws.com', [roleArn('shared')]],
				['glue.amazonaws.com', [roleArn('sts-star')]],
				['ecs-tasks.amazonaws.com', [roleArn('star')]],
				['sagemaker.amazonaws.com', [roleArn('assume-star')]],
				['states.amazonaws.com', [roleArn('not-tag')]],
			]),
		);
	});
});

describe('the target a step is found on', () => {
	it('names the probe when it is allowed outright, though existing roles are allowed too', () => {
		const subject = buildRole('subject', { inlinePolicies: inline(allow('iam:AttachRolePolicy')) });
		const hit = finding(buildModel({ roles: [subject, buildRole('app')] }), subject, 'role', 'AttachRolePolicy');
		expect(hit?.steps.map((s) => s.resource)).toEqual([`${A}:role/${probeName}`]);
		expect(hit?.probeTargets).toEqual([true]);
		expect(hit?.conditional).toBe(false);
	});

	it('keeps a probe allowed only under a condition when no existing target is allowed', () => {
		const subject = buildUser('subject', { inlinePolicies: inline(allow('iam:AttachRolePolicy', `${A}:role/*`, mfa)) });
		const hit = finding(buildModel({ users: [subject] }), subject, 'user', 'AttachRolePolicy');
		expect(hit?.steps.map((s) => s.resource)).toEqual([`${A}:role/${probeName}`]);
		expect(hit?.probeTargets).toEqual([true]);
		expect(hit?.conditional).toBe(true);
	});

	it('prefers an existing target allowed outright to a probe allowed under a condition', () => {
		const subject = buildUser('subject', { inlinePolicies: inline(allow('iam:AttachRolePolicy', `${A}:role/*`, mfa), allow('iam:AttachRolePolicy', roleArn('app'))) });
		const hit = finding(buildModel({ users: [subject], roles: [buildRole('app')] }), subject, 'user', 'AttachRolePolicy');
		expect(hit?.steps.map((s) => s.resource)).toEqual([roleArn('app')]);
		expect(hit?.probeTargets).toEqual([false]);
		expect(hit?.conditional).toBe(false);
	});

	it('tries the probe when one statement names a role and another a pattern, or one statement both', () => {
		const twoStatements = buildUser('subject', { inlinePolicies: inline(allow('iam:UpdateAssumeRolePolicy', roleArn('legacy')), allow('iam:UpdateAssumeRolePolicy', `${A}:role/*`)) });
		expect(finding(buildModel({ users: [twoStatements] }), twoStatements, 'user', 'UpdateAssumeRolePolicy')?.steps[0]?.resource).toBe(`${A}:role/${probeName}`);
		const oneStatement = buildUser('subject', { inlinePolicies: inline(allow('iam:UpdateAssumeRolePolicy', [roleArn('legacy'), `${A}:role/*`])) });
		expect(finding(buildModel({ users: [oneStatement] }), oneStatement, 'user', 'UpdateAssumeRolePolicy')?.steps[0]?.resource).toBe(`${A}:role/${probeName}`);
	});

	it('tries a step on any resource as "*", not as a probe name', () => {
		const subject = buildUser('subject', { inlinePolicies: inline(allow(['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'])) });
		const hit = finding(buildModel({ users: [subject], roles: [serviceRole('pipeline', 'datapipeline.amazonaws.com')] }), subject, 'user', 'PassRoleDataPipeline');
		const pipeline = `arn:aws:datapipeline:us-east-1:${testAccountId}:pipeline/${probeName}`;
		expect(hit?.steps.map((s) => s.resource)).toEqual([roleArn('pipeline'), '*', pipeline, pipeline]);
		expect(hit?.probeTargets).toEqual([false, true, true, true]);
	});

	it('prefers a passable role allowed outright to one listed before it that is allowed under a condition', () => {
		const subject = buildUser('subject', { inlinePolicies: inline(allow('iam:PassRole', roleArn('fn-a'), mfa), allow('iam:PassRole', roleArn('fn-b')), allow('lambda:*')) });
		const model = buildModel({ users: [subject], roles: [serviceRole('fn-a', 'lambda.amazonaws.com'), serviceRole('fn-b', 'lambda.amazonaws.com')] });
		const hit = finding(model, subject, 'user', 'PassRoleLambda');
		expect(hit?.steps[0]?.resource).toBe(roleArn('fn-b'));
		expect(hit?.conditional).toBe(false);
	});

	it('reports a method whose only passable role is allowed under a condition, as conditional', () => {
		const subject = buildUser('subject', { inlinePolicies: inline(allow('iam:PassRole', roleArn('fn-a'), mfa), allow('lambda:*')) });
		const hit = finding(buildModel({ users: [subject], roles: [serviceRole('fn-a', 'lambda.amazonaws.com')] }), subject, 'user', 'PassRoleLambda');
		expect(hit?.steps.map((s) => [s.resource, s.verdict])).toEqual([
			[roleArn('fn-a'), 'conditional'],
			[`arn:aws:lambda:us-east-1:${testAccountId}:function:${probeName}`, 'allowed'],
			[`arn:aws:lambda:us-east-1:${testAccountId}:function:${probeName}`, 'allowed'],
		]);
		expect(hit?.probeTargets).toEqual([false, true, true]);
		expect(hit?.conditional).toBe(true);
	});

	it('matches each Resource pattern against targets of its own kind', () => {
		const subject = buildUser('subject', { inlinePolicies: inline(allow('iam:AttachUserPolicy', `${A}:user/ops-*`), allow('iam:AttachRolePolicy', `${A}:role/app-*`)) });
		const model = buildModel({ users: [subject, buildUser('ops-1')], roles: [buildRole('app-api')] });
		const found = findingsOf(model, subject, 'user').map((f) => [f.method, f.steps[0]?.resource]);
		expect(found).toEqual([
			['AttachUserPolicy', userArn('ops-1')],
			['AttachRolePolicy', roleArn('app-api')],
		]);
	});

	it('looks a literal ARN up among the account targets, never trying the probe: spelt as the probe, it is no role until the account has one', () => {
		const probeRole = `${A}:role/${probeName}`;
		const literal = buildUser('subject', { inlinePolicies: inline(allow('iam:AttachRolePolicy', probeRole)) });
		expect(finding(buildModel({ users: [literal], roles: [buildRole('app')] }), literal, 'user', 'AttachRolePolicy')).toBeUndefined();
		// A Deny on a pattern allows nothing: the statements that allow still name literal ARNs alone.
		const denied = buildUser('subject', { inlinePolicies: inline(allow('iam:AttachRolePolicy', probeRole), { Effect: 'Deny', Action: 'iam:AttachRolePolicy', Resource: `${A}:role/admin-*` }) });
		expect(finding(buildModel({ users: [denied], roles: [buildRole('app')] }), denied, 'user', 'AttachRolePolicy')).toBeUndefined();
		const hit = finding(buildModel({ users: [literal], roles: [buildRole('app'), buildRole(probeName)] }), literal, 'user', 'AttachRolePolicy');
		expect(hit?.steps.map((s) => [s.resource, s.verdict])).toEqual([[probeRole, 'allowed']]);
		expect(hit?.probeTargets).toEqual([false]);
	});

	it('matches a pattern with ? but no * against the account targets', () => {
		const subject = buildUser('subject', { inlinePolicies: inline(allow('iam:AttachRolePolicy', `${A}:role/app-?`)) });
		const hit = finding(buildModel({ users: [subject], roles: [buildRole('app-10'), buildRole('app-1')] }), subject, 'user', 'AttachRolePolicy');
		expect(hit?.steps.map((s) => [s.resource, s.verdict])).toEqual([[roleArn('app-1'), 'allowed']]);
		expect(hit?.probeTargets).toEqual([false]);
	});

	it('is no group the model does not hold, for a user listed in one', () => {
		const subject = buildUser('subject', { groups: ['ghost'], inlinePolicies: inline(allow(['iam:AttachGroupPolicy', 'iam:PutGroupPolicy'])) });
		expect(findingsOf(buildModel({ users: [subject] }), subject, 'user').map((f) => f.method)).toEqual([]);
	});
});

describe('a Resource pattern over the roles a service can assume', () => {
	it('is matched against that service’s roles, not those of a service asked about before', () => {
		// PassRoleEC2 comes first in the catalogue: its PassRole step matches role/x-* against the roles EC2 may assume.
		const roles = [serviceRole('x-instance', 'ec2.amazonaws.com'), serviceRole('y-fn', 'lambda.amazonaws.com')];
		const subject = buildUser('dev', { inlinePolicies: inline(allow('iam:PassRole', `${A}:role/x-*`), allow(['lambda:CreateFunction', 'lambda:InvokeFunction'])) });
		const model = buildModel({ users: [subject], roles });
		expect(findingsOf(model, subject, 'user').map((f) => f.method)).not.toContain('PassRoleLambda');
		const withFunctionRole = buildModel({ users: [subject], roles: [...roles, serviceRole('x-fn', 'lambda.amazonaws.com')] });
		const lambda = finding(withFunctionRole, subject, 'user', 'PassRoleLambda');
		expect(lambda?.steps[0]).toMatchObject({ action: 'iam:PassRole', resource: roleArn('x-fn'), verdict: 'allowed' });
	});
});

describe('Resource patterns with policy variables', () => {
	const tagged = (tags: Record<string, string>, ...statements: Raw[]) => buildUser('subject', { tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })), inlinePolicies: inline(...statements) });

	it("resolve the principal's tags into a pattern matched against the account's roles", () => {
		const subject = tagged({ team: 'blue' }, allow('iam:UpdateAssumeRolePolicy', [`${A}:role/\${aws:PrincipalTag/missing}`, `${A}:role/\${aws:PrincipalTag/team}-*`]));
		const model = buildModel({ users: [subject], roles: [buildRole('red-api'), buildRole('blue-api')] });
		expect(finding(model, subject, 'user', 'UpdateAssumeRolePolicy')?.steps[0]?.resource).toBe(roleArn('blue-api'));
	});

	it('resolve into one user, found when the account has it and never invented when it does not', () => {
		const statement = allow('iam:CreateAccessKey', `${A}:user/\${aws:PrincipalTag/buddy}`);
		const victim = tagged({ buddy: 'victim' }, statement);
		expect(finding(buildModel({ users: [victim, buildUser('victim')] }), victim, 'user', 'CreateAccessKey')?.steps[0]?.resource).toBe(userArn('victim'));
		const ghost = tagged({ buddy: 'ghost' }, statement);
		expect(finding(buildModel({ users: [ghost, buildUser('victim')] }), ghost, 'user', 'CreateAccessKey')).toBeUndefined();
	});

	it('match a `${$}`, or a tag value holding * or ?, literally, against a role whose path holds it (a path may hold any printable character)', () => {
		const dollar = roleArn('fn', '/a$b/');
		const star = roleArn('ops', '/team-*/');
		const subject = tagged({ team: 'team-*' }, allow('iam:AttachRolePolicy', `${A}:role/a\${$}b/*`), allow('iam:PutRolePolicy', `${A}:role/\${aws:PrincipalTag/team}/*`));
		const model = buildModel({ users: [subject], roles: [buildRole('app'), buildRole('fn', { path: '/a$b/' }), buildRole('ops', { path: '/team-*/' }), buildRole('ops-x', { path: '/team-x/' })] });
		expect(findingsOf(model, subject, 'user').map((f) => [f.method, f.steps.map((s) => [s.resource, s.verdict]), f.probeTargets])).toEqual([
			['AttachRolePolicy', [[dollar, 'allowed']], [false]],
			['PutRolePolicy', [[star, 'allowed']], [false]],
		]);
	});
});

describe('tryStep and methodSteps', () => {
	it('leave a role to assume to the principal graph: no target for a trusting-role step', () => {
		const subject = buildUser('subject', { inlinePolicies: inline(allow('sts:AssumeRole')) });
		const model = buildModel({ users: [subject], roles: [buildRole('admin')] });
		expect(tryStep(spec('AssumeRole').steps[0]!, principalPolicies(model, subject, 'user'), escalationTargets(model))).toBeNull();
	});

	it('leave the skipped step to the caller, even one the principal cannot take', () => {
		const subject = buildUser('subject', { inlinePolicies: inline(allow(['lambda:CreateFunction', 'lambda:InvokeFunction'])) });
		const model = buildModel({ users: [subject], roles: [serviceRole('fn', 'lambda.amazonaws.com')] });
		const set = principalPolicies(model, subject, 'user');
		const found = methodSteps(spec('PassRoleLambda'), set, escalationTargets(model), 0);
		expect(found?.steps.map((s) => s?.verdict ?? null)).toEqual([null, 'allowed', 'allowed']);
		expect(found?.probes).toEqual([false, true, true]);
		expect(methodSteps(spec('PassRoleLambda'), set, escalationTargets(model))).toBeNull();
		const able = buildUser('able', { inlinePolicies: inline(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'])) });
		const withPass = buildModel({ users: [able], roles: [serviceRole('fn', 'lambda.amazonaws.com')] });
		const all = methodSteps(spec('PassRoleLambda'), principalPolicies(withPass, able, 'user'), escalationTargets(withPass), 0);
		expect(all?.steps.map((s) => s?.verdict ?? null)).toEqual([null, 'allowed', 'allowed']);
		expect(all?.probes).toEqual([false, true, true]);
	});
});

describe('methodMayHold', () => {
	it('rules a method out when one of its actions is outside the effective permissions, allowed or conditional; never when they are not known', () => {
		const lacking = buildUser('lacking', { inlinePolicies: inline(allow(['iam:PassRole', 'lambda:CreateFunction'])) });
		const conditional = buildUser('conditional', { inlinePolicies: inline(allow(['iam:PassRole', 'lambda:CreateFunction']), allow('lambda:InvokeFunction', '*', mfa)) });
		const model = buildModel({ users: [lacking, conditional], roles: [serviceRole('fn', 'lambda.amazonaws.com')] });
		const catalogue = modelCatalogue(model);
		const knownOf = (user: { name: string }) => {
			const set = principalPolicies(model, model.users.find((u) => u.name === user.name)!, 'user');
			return { set, known: { catalogue, permissions: effectivePermissions(set, catalogue) } };
		};
		const a = knownOf(lacking);
		expect(methodMayHold(spec('PassRoleLambda'), a.known)).toBe(false);
		expect(methodMayHold(spec('PassRoleLambda'), undefined)).toBe(true);
		const b = knownOf(conditional);
		expect(methodMayHold(spec('PassRoleLambda'), b.known)).toBe(true);
		expect(findEscalations(b.set, escalationTargets(model), b.known).map((f) => [f.method, f.conditional])).toEqual([['PassRoleLambda', true]]);
	});
});
