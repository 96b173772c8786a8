/**
 * Step 3 end to end on the sandbox: scope the seed's wildcard policies with conditions,
 * validate the proposal through the gateway, apply it with the executor, roll it back,
 * and read the account to see the previous default version in force again.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { customerPolicyArn } from '../../../source/aws/sandbox/seed-policies.js';
import { seedExpectations } from '../../../source/aws/sandbox/seed-expectations.js';
import { createSeedState } from '../../../source/aws/sandbox/seed.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { analyseScope, planScopePolicies } from '../../../source/steps/scope-policies/plan.js';
import { executeActions, rollbackPlan } from '../../../source/wizard/executor.js';
import { context } from './scope-fixtures.js';

const now = () => new Date('2026-03-14T09:30:00Z');
const sandbox = () => createSandboxGateway({ state: createSeedState(now()), now });
const deps = (gateway: ReturnType<typeof sandbox>, reason: string) => ({ gateway, audit: new MemoryAuditSink(), step: 3 as const, reason, now });

describe('step 3 on the seeded sandbox', () => {
	it('finds every step-3 finding the seed plants', async () => {
		const plan = planScopePolicies(await sandbox().readAccount(), await context());
		const found = new Set(plan.findings.map((f) => `${f.id} ${f.resource}`));
		for (const expected of seedExpectations.findings.filter((f) => f.id.startsWith('POLICY_'))) {
			expect(found, expected.why).toContain(`${expected.id} ${expected.resource}`);
		}
		// wendy's AttachUserPolicy is denied outright: no MFA finding for her.
		expect([...found].filter((f) => f.startsWith('POLICY_SENSITIVE_NO_MFA') && f.includes('wendy'))).toEqual([]);
	});

	it('claims to fix exactly the findings that are gone once its proposals are applied and the account is read again', async () => {
		const gateway = sandbox();
		const before = planScopePolicies(await gateway.readAccount(), await context());
		expect(before.actions.length).toBeGreaterThan(0);
		const report = await executeActions(before.actions, deps(gateway, 'scope every proposal'));
		expect(report.failed).toBeUndefined();
		const after = new Set(planScopePolicies(await gateway.readAccount(), await context()).findings.map((f) => f.fingerprint));
		const claimed = new Set(before.actions.flatMap((a) => a.findingIds));
		// Nothing claimed stays; and peggy's policy-fixer (an MFA condition added to writes on "*") does not claim its wildcard resource.
		expect([...claimed].filter((id) => after.has(id))).toEqual([]);
		const peggy = before.actions.find((a) => a.summary.includes('policy-fixer of user peggy'))!;
		expect(peggy.findingIds.map((id) => id.split('|')[0])).toEqual(['POLICY_SENSITIVE_NO_MFA']);
		expect([...after].some((id) => id.startsWith('POLICY_WILDCARD_RESOURCE|arn:aws:iam::123456789012:user/peggy|policy-fixer'))).toBe(true);
	});

	it('scopes automation-iam-writes to chosen roles with a source-IP condition, validates, applies and rolls back', async () => {
		const gateway = sandbox();
		const before = await gateway.readAccount();
		const arn = customerPolicyArn('automation-iam-writes');
		const choices = { [arn]: { resources: { 0: ['arn:aws:iam::123456789012:role/batch-worker', 'arn:aws:iam::123456789012:user/nobody-but-typed', 'arn:aws:s3:::not-iam'] }, sourceIp: ['198.51.100.0/24'] } };
		const { scopes } = analyseScope(before, await context(), { choices });
		const scope = scopes.find((s) => s.source.key === arn)!;
		expect(scope.proposal!.warnings).toEqual(['arn:aws:s3:::not-iam is not a resource any action of statement 1 takes (iam:PutUserPolicy, iam:PutRolePolicy, iam:TagUser and 3 more); left out.']);
		const [action] = scope.actions;
		expect(action!.kind).toBe('iam:CreatePolicyVersion');
		const proposed = (action!.params as { PolicyDocument: import('../../../source/core/policy-document.js').PolicyDocument }).PolicyDocument;
		expect(proposed.Statement).toEqual([
			{
				Effect: 'Allow',
				Action: ['iam:PutUserPolicy', 'iam:PutRolePolicy', 'iam:TagUser', 'iam:TagRole', 'iam:GetUser', 'iam:GetRole'],
				Resource: ['arn:aws:iam::123456789012:role/batch-worker', 'arn:aws:iam::123456789012:user/nobody-but-typed'],
				Condition: { IpAddress: { 'aws:SourceIp': ['198.51.100.0/24'] } },
			},
		]);

		// Validation through the gateway (the sandbox's local ValidatePolicy) finds nothing blocking.
		const issues = await gateway.validatePolicy!(proposed, 'IDENTITY_POLICY');
		expect(issues.filter((i) => i.findingType === 'ERROR' || i.findingType === 'SECURITY_WARNING')).toEqual([]);

		const report = await executeActions(scope.actions, deps(gateway, 'scope automation'));
		expect(report.failed).toBeUndefined();
		const applied = (await gateway.readAccount()).policies.find((p) => p.arn === arn)!;
		expect(applied.defaultVersionId).toBe('v2');
		expect(applied.versions.find((v) => v.isDefault)!.document).toEqual(proposed);
		// The scoped version no longer raises POLICY_WILDCARD_RESOURCE.
		const after = planScopePolicies(await gateway.readAccount(), await context());
		expect(after.findings.filter((f) => f.resource === arn).map((f) => f.id)).toEqual([]);

		const undo = rollbackPlan(report);
		expect(undo.actions.map((a) => [a.kind, a.params])).toEqual([
			['iam:SetDefaultPolicyVersion', { PolicyArn: arn, VersionId: 'v1' }],
			['iam:DeletePolicyVersion', { PolicyArn: arn, VersionId: 'v2' }],
		]);
		const rollback = await executeActions(undo.actions, deps(gateway, 'undo'));
		expect(rollback.failed).toBeUndefined();
		const restored = (await gateway.readAccount()).policies.find((p) => p.arn === arn)!;
		const original = before.policies.find((p) => p.arn === arn)!;
		expect(restored.defaultVersionId).toBe(original.defaultVersionId);
		expect(restored.versions).toEqual(original.versions);
	});

	it('at five versions deletes the oldest non-default first; the rollback restores the default and re-creates the deleted document', async () => {
		const gateway = sandbox();
		const before = await gateway.readAccount();
		const arn = customerPolicyArn('contractor-iam-helper');
		const plan = planScopePolicies(before, await context());
		const actions = plan.actions.filter((a) => (a.params as { PolicyArn?: string }).PolicyArn === arn);
		expect(actions.map((a) => [a.kind, (a.params as { VersionId?: string }).VersionId])).toEqual([
			['iam:DeletePolicyVersion', 'v1'],
			['iam:CreatePolicyVersion', undefined],
		]);

		const report = await executeActions(actions, deps(gateway, 'mfa for contractors'));
		expect(report.failed).toBeUndefined();
		const changed = (await gateway.readAccount()).policies.find((p) => p.arn === arn)!;
		expect(changed.versions.map((v) => v.versionId)).toEqual(['v2', 'v3', 'v4', 'v5', 'v6']);
		expect(changed.versions.find((v) => v.isDefault)!.document.Statement[0]!.Condition).toEqual({ BoolIfExists: { 'aws:MultiFactorAuthPresent': ['true'] } });

		const undo = rollbackPlan(report);
		expect(undo.actions.map((a) => a.kind)).toEqual(['iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:CreatePolicyVersion']);
		const rollback = await executeActions(undo.actions, deps(gateway, 'undo'));
		expect(rollback.failed).toBeUndefined();
		const restored = (await gateway.readAccount()).policies.find((p) => p.arn === arn)!;
		const original = before.policies.find((p) => p.arn === arn)!;
		expect(restored.defaultVersionId).toBe('v5');
		expect(restored.versions).toHaveLength(5);
		// Every document the policy had is there again (v1's under a new version ID), and nothing else.
		const documents = (policy: typeof original) => policy.versions.map((v) => JSON.stringify(v.document)).sort();
		expect(documents(restored)).toEqual(documents(original));
	});

	it('drops what last-accessed data shows unused: lambda-deployer never used IAM, so AttachRolePolicy goes', async () => {
		const gateway = sandbox();
		const model = await gateway.readAccount();
		const role = 'arn:aws:iam::123456789012:role/lambda-deployer';
		const report = await gateway.serviceLastAccessed!(role);
		const { scopes } = analyseScope(model, await context(), { lastAccessed: { [role]: report } });
		const scope = scopes.find((s) => s.source.name === 'deploy-functions')!;
		expect(scope.proposal!.changes[0]).toBe('statement 1: removed, none of its actions was used (iam:AttachRolePolicy).');
		expect(scope.actions.map((a) => [a.kind, a.params])).toEqual([
			[
				'iam:PutRolePolicy',
				{
					RoleName: 'lambda-deployer',
					PolicyName: 'deploy-functions',
					PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:GetFunction'], Resource: ['*'] }] },
				},
			],
		]);
		const report2 = await executeActions(scope.actions, deps(gateway, 'drop unused IAM'));
		expect(report2.failed).toBeUndefined();
		const undo = await executeActions(rollbackPlan(report2).actions, deps(gateway, 'undo'));
		expect(undo.failed).toBeUndefined();
		expect((await gateway.readAccount()).roles.find((r) => r.arn === role)!.inlinePolicies).toEqual(model.roles.find((r) => r.arn === role)!.inlinePolicies);
	});
});
