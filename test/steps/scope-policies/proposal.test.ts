import { describe, expect, it } from 'vitest';
import type { LastAccessedReport } from '../../../source/core/last-accessed.js';
import { cidrProblem, mergeCondition, timeWindowProblem } from '../../../source/steps/scope-policies/condition-templates.js';
import { analyseScope, planScopePolicies } from '../../../source/steps/scope-policies/plan.js';
import { proposeScopedDocument } from '../../../source/steps/scope-policies/scope-proposal.js';
import { arnPatternFitsFormat } from '../../../source/core/arn-pattern.js';
import { buildModel, buildRole, buildUser, customerManagedRef, roleArn, userArn } from '../../helpers/model-builder.js';
import { allow, console, context, customerPolicy, deny, doc, theCatalogue } from './scope-fixtures.js';

const mfa = { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['true'] } };

describe('proposeScopedDocument', () => {
	it('gives chosen ARNs to the actions that take them, keeps "*"-only actions on "*", and keeps existing conditions and Deny statements', async () => {
		const catalogue = await theCatalogue();
		const original = doc(
			allow(['s3:PutObject', 's3:ListAllMyBuckets', 'iam:ListRoles'], '*', { Sid: 'Writes', Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }),
			deny('s3:DeleteBucket'),
		);
		const { document, changes, warnings } = proposeScopedDocument(catalogue, original, {
			defaultMfa: false,
			choices: { resources: { 0: ['arn:aws:s3:::reports/*', 'arn:aws:sqs:us-east-1:123456789012:queue'] }, sourceIp: ['203.0.113.0/24'] },
		});
		const region = { 'aws:RequestedRegion': ['eu-west-1'] };
		const ip = { 'aws:SourceIp': ['203.0.113.0/24'] };
		expect(document.Statement).toEqual([
			{ Sid: 'WritesAnyResource', Effect: 'Allow', Action: ['iam:ListRoles', 's3:ListAllMyBuckets'], Resource: ['*'], Condition: { StringEquals: region, IpAddress: ip } },
			{ Sid: 'Writes', Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::reports/*'], Condition: { StringEquals: region, IpAddress: ip } },
			original.Statement[1],
		]);
		expect(warnings).toEqual(['arn:aws:sqs:us-east-1:123456789012:queue is not a resource any action of statement Writes takes (s3:PutObject); left out.']);
		expect(changes[0]).toBe('statement Writes: s3:PutObject limited to arn:aws:s3:::reports/*; iam:ListRoles, s3:ListAllMyBuckets stay on "*" (they accept only "*").');
	});

	it('never scopes a statement whose actions all accept only "*"', async () => {
		const catalogue = await theCatalogue();
		const original = doc(allow(['iam:ListRoles', 'sts:GetCallerIdentity']));
		const { document, warnings } = proposeScopedDocument(catalogue, original, { defaultMfa: false, choices: { resources: { 0: ['arn:aws:iam::123456789012:role/x'] } } });
		expect(document.Statement).toEqual(original.Statement);
		expect(warnings.join(' ')).toContain('statement 1: every action accepts only Resource "*", so it is not scoped.');
	});

	it('refuses CIDRs and time windows that are not valid, and adds the ones that are', async () => {
		const catalogue = await theCatalogue();
		const { document, warnings } = proposeScopedDocument(catalogue, doc(allow('s3:GetObject', 'arn:aws:s3:::a/*')), {
			defaultMfa: false,
			choices: { sourceIp: ['10.0.0.1/8', '300.1.1.1/32', '192.0.2.0/24', '2001:db8::/32'], timeWindow: { start: '2026-12-02T00:00:00Z', end: '2026-12-01T00:00:00Z' } },
		});
		expect(document.Statement[0]!.Condition).toEqual({ IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '2001:db8::/32'] } });
		expect(warnings).toEqual([
			'10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?; not added.',
			'300.1.1.1/32 is not an IPv4 or IPv6 address range; not added.',
			'the time window ends before it starts; not added.',
		]);
		expect(cidrProblem('0.0.0.0/0')).toBe('0.0.0.0/0 is every IPv4 address: it restricts nothing');
		expect(timeWindowProblem({ start: '2026-12-01T00:00:00Z', end: '2026-12-31T00:00:00Z' })).toBeNull();
	});

	it('never replaces a condition the statement already tests', () => {
		const { condition, kept } = mergeCondition({ IpAddress: { 'aws:sourceip': ['198.51.100.0/24'] } }, { IpAddress: { 'aws:SourceIp': ['0.0.0.0/1'] }, Bool: { 'aws:SecureTransport': ['true'] } });
		expect(condition).toEqual({ IpAddress: { 'aws:sourceip': ['198.51.100.0/24'] }, Bool: { 'aws:SecureTransport': ['true'] } });
		expect(kept).toEqual(['IpAddress aws:sourceip']);
	});

	it('narrows wildcards to what last-accessed data shows used, and drops services never used', async () => {
		const catalogue = await theCatalogue();
		const usage = {
			usedActions: new Set(['lambda:updatefunctioncode', 'lambda:getfunction']),
			usedServices: new Set(['lambda', 'logs']),
			servicesWithoutDetail: new Set(['logs']),
			trackedUnused: new Set<string>(),
			sources: ['test'],
		};
		const { document } = proposeScopedDocument(catalogue, doc(allow(['lambda:*', 'logs:PutLogEvents', 'ec2:RunInstances']), { Effect: 'Allow', NotAction: ['iam:*'], Resource: ['*'] }), { defaultMfa: false, usage });
		expect(document.Statement.map((s) => s.Action)).toEqual([
			['lambda:GetFunction', 'lambda:UpdateFunctionCode', 'logs:PutLogEvents'],
			['lambda:GetFunction', 'lambda:UpdateFunctionCode', 'logs:*'],
		]);
		expect(document.Statement[1]!.NotAction).toBeUndefined();
	});

	it('an ARN pattern fits a format when some ARN fits both', () => {
		const logStream = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}';
		expect(arnPatternFitsFormat('arn:aws:logs:us-east-1:123456789012:log-group:trail:*', logStream)).toBe(true);
		expect(arnPatternFitsFormat('arn:aws:logs:us-east-1:123456789012:log-group:trail', logStream)).toBe(false);
		expect(arnPatternFitsFormat('arn:aws:s3:::reports', 'arn:${Partition}:sqs:${Region}:${Account}:${QueueName}')).toBe(false);
		expect(arnPatternFitsFormat('arn:aws:iam::123456789012:user/${aws:username}', 'arn:${Partition}:iam::${Account}:user/${UserNameWithPath}')).toBe(true);
	});
});

describe('the plan\'s proposals', () => {
	const fiveVersions = () =>
		customerPolicy(
			'helper',
			...[1, 2, 3, 4].map((n) => doc(allow(`iam:GetPolicy`, `arn:aws:iam::123456789012:policy/v${n}`))),
			doc(allow(['iam:CreatePolicyVersion', 'iam:GetPolicy'], 'arn:aws:iam::123456789012:policy/*')),
		);

	it('adds MFA to a people-only policy by default; at five versions it deletes the oldest non-default one first', async () => {
		const model = buildModel({ policies: [fiveVersions()], users: [buildUser('mia', { loginProfile: console, attachedPolicies: [customerManagedRef('helper')] })] });
		const plan = planScopePolicies(model, await context());
		expect(plan.actions.map((a) => [a.kind, a.params])).toEqual([
			['iam:DeletePolicyVersion', { PolicyArn: customerManagedRef('helper').arn, VersionId: 'v1' }],
			[
				'iam:CreatePolicyVersion',
				{ PolicyArn: customerManagedRef('helper').arn, SetAsDefault: true, PolicyDocument: doc(allow(['iam:CreatePolicyVersion', 'iam:GetPolicy'], 'arn:aws:iam::123456789012:policy/*', { Condition: mfa })) },
			],
		]);
		expect(plan.actions[0]!.summary).toContain('the oldest non-default');
		expect(plan.actions.every((a) => a.findingIds.includes(`POLICY_SENSITIVE_NO_MFA|${customerManagedRef('helper').arn}|`))).toBe(true);
	});

	it('proposes nothing for workloads without evidence, for AWS-managed policies, service-linked roles and break-glass principals', async () => {
		const inlineAdmin = { name: 'admin', document: doc(allow('*')) };
		const model = buildModel({
			users: [buildUser('root-like', { loginProfile: console, inlinePolicies: [inlineAdmin] })],
			roles: [
				buildRole('app', { inlinePolicies: [{ name: 'writes', document: doc(allow('s3:PutObject')) }] }),
				buildRole('AWSServiceRoleForX', { path: '/aws-service-role/x.amazonaws.com/', inlinePolicies: [{ name: 'slr', document: doc(allow('iam:AttachRolePolicy')) }] }),
			],
		});
		const { plan, scopes } = analyseScope(model, await context([{ arn: userArn('root-like'), reason: 'break-glass account' }]));
		expect(plan.actions).toEqual([]);
		expect(plan.excluded).toEqual([{ arn: userArn('root-like'), reason: 'break-glass account (policy admin is not changed)', findingIds: expect.arrayContaining(['POLICY_FULL_ADMIN']) }]);
		expect(Object.fromEntries(scopes.map((s) => [s.source.name, s.blocked]))).toMatchObject({
			writes: 'no evidence to scope it yet: read last-accessed data, or choose ARNs or conditions.',
		});
	});

	it('scopes a workload policy from its last-accessed report and an inline one with Put*Policy', async () => {
		const report: LastAccessedReport = {
			principalArn: roleArn('deployer'),
			generatedAt: '2026-12-01T00:00:00.000Z',
			services: [{ namespace: 'lambda', name: 'AWS Lambda', lastAuthenticated: '2026-11-30T00:00:00.000Z', actions: [{ name: 'UpdateFunctionCode', lastAccessed: '2026-11-30T00:00:00.000Z' }, { name: 'DeleteFunction' }] }],
		};
		const model = buildModel({ roles: [buildRole('deployer', { inlinePolicies: [{ name: 'deploy', document: doc(allow(['lambda:*', 'iam:PassRole'])) }] })] });
		const plan = planScopePolicies(model, await context(), { lastAccessed: { [roleArn('deployer')]: report } });
		expect(plan.actions.map((a) => [a.kind, a.params])).toEqual([['iam:PutRolePolicy', { RoleName: 'deployer', PolicyName: 'deploy', PolicyDocument: doc(allow(['lambda:UpdateFunctionCode'])) }]]);
		// The same policy without evidence for one of its principals is not narrowed: that principal may need the rest.
		const shared = buildModel({
			policies: [customerPolicy('shared', doc(allow(['lambda:*'])))],
			roles: [buildRole('deployer', { attachedPolicies: [customerManagedRef('shared')] }), buildRole('other', { attachedPolicies: [customerManagedRef('shared')] })],
		});
		expect(planScopePolicies(shared, await context(), { lastAccessed: { [roleArn('deployer')]: report } }).actions).toEqual([]);
	});

	it('checks size quotas before proposing: an inline policy that would overflow the user aggregate is not proposed', async () => {
		const many = Array.from({ length: 60 }, (_, i) => `arn:aws:iam::123456789012:user/team-${i}`);
		const model = buildModel({
			users: [buildUser('big', { loginProfile: console, inlinePolicies: [{ name: 'attach', document: doc(allow('iam:AttachUserPolicy', many)) }] })],
		});
		const { plan, scopes } = analyseScope(model, await context());
		expect(plan.actions).toEqual([]);
		expect(scopes[0]!.blocked).toMatch(/^with the scoped attach, the inline policies of a user together would be \d+ characters; the quota is 2048\.$/);
	});

	it('uses step 2\'s generated policy for the actions and the resources, and adds a time window the operator chose', async () => {
		const model = buildModel({ roles: [buildRole('etl', { inlinePolicies: [{ name: 'etl', document: doc(allow(['s3:*', 'dynamodb:*'], '*')) }] })] });
		const generated = doc(allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::raw', 'arn:aws:s3:::raw/*']));
		const window = { start: '2026-12-01T00:00:00Z', end: '2026-12-31T23:59:59Z' };
		const plan = planScopePolicies(model, await context(), { generated: { [roleArn('etl')]: generated }, choices: { [`${roleArn('etl')}#etl`]: { timeWindow: window } } });
		expect(plan.actions.map((a) => a.params)).toEqual([
			{
				RoleName: 'etl',
				PolicyName: 'etl',
				PolicyDocument: doc(
					allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::raw', 'arn:aws:s3:::raw/*'], {
						Condition: { DateGreaterThan: { 'aws:CurrentTime': [window.start] }, DateLessThan: { 'aws:CurrentTime': [window.end] } },
					}),
				),
			},
		]);
	});
});
