/** Step 1's actions: a stale credential report regenerated; direct policies moved to a group in a safe order, applied and undone on the sandbox. */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { defaultGroupFor, groupNameProblem, movableUsers, moveToGroupActions, regenerateReportAction } from '../../../source/steps/inventory/inventory-actions.js';
import { planInventory } from '../../../source/steps/inventory/plan.js';
import { executeActions, rollbackPlan } from '../../../source/wizard/executor.js';
import { buildGroup, buildModel, buildUser, customerManagedRef, awsManagedRef } from '../../helpers/model-builder.js';

const now = new Date('2026-11-27T12:00:00Z');
const doc = normalisePolicyDocument({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

describe('regenerating the credential report', () => {
	const at = (hoursAgo: number) => buildModel({ credentialReport: { generatedAt: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString(), rows: [] } });
	it('is offered when the report is missing or older than 4 hours, not before', () => {
		expect(regenerateReportAction(buildModel(), now)?.summary).toBe('Generate a fresh credential report (there is none yet)');
		expect(regenerateReportAction(at(3.9), now)).toBeUndefined();
		expect(regenerateReportAction(at(4), now)).toBeUndefined();
		expect(regenerateReportAction(at(4.5), now)).toMatchObject({ kind: 'iam:GenerateCredentialReport', params: {}, summary: 'Generate a fresh credential report (the current one is 4 hours old)' });
	});
});

describe('moving direct policies to a group', () => {
	const user = buildUser('zed', { attachedPolicies: [awsManagedRef('ReadOnlyAccess'), customerManagedRef('billing')], inlinePolicies: [{ name: 'extra', document: doc }] });

	it('orders the batch so the user never loses a permission: group first, user last', () => {
		const model = buildModel({ users: [user] });
		const actions = moveToGroupActions(user, { name: 'zed-permissions', create: true }, model, ['fp']);
		expect(actions.map((a) => a.kind)).toEqual([
			'iam:CreateGroup',
			'iam:AttachGroupPolicy',
			'iam:AttachGroupPolicy',
			'iam:PutGroupPolicy',
			'iam:AddUserToGroup',
			'iam:DetachUserPolicy',
			'iam:DetachUserPolicy',
			'iam:DeleteUserPolicy',
		]);
		expect(actions.every((a) => a.step === 1 && a.findingIds[0] === 'fp')).toBe(true);
	});

	it('reuses an existing group, skipping what it already grants and renaming a clashing inline policy', () => {
		const group = buildGroup('readers', { attachedPolicies: [awsManagedRef('ReadOnlyAccess')], inlinePolicies: [{ name: 'extra', document: doc }] });
		const model = buildModel({ users: [user], groups: [group] });
		const actions = moveToGroupActions(user, { name: 'readers', create: false }, model, []);
		expect(actions.map((a) => `${a.kind} ${JSON.stringify(a.params).slice(0, 80)}`)).toEqual([
			'iam:AttachGroupPolicy {"GroupName":"readers","PolicyArn":"arn:aws:iam::123456789012:policy/billing"}',
			expect.stringMatching(/^iam:PutGroupPolicy \{"GroupName":"readers","PolicyName":"extra-zed"/),
			'iam:AddUserToGroup {"GroupName":"readers","UserName":"zed"}',
			expect.stringMatching(/^iam:DetachUserPolicy .*ReadOnlyAccess/),
			expect.stringMatching(/^iam:DetachUserPolicy .*billing/),
			'iam:DeleteUserPolicy {"UserName":"zed","PolicyName":"extra"}',
		]);
	});

	it('proposes a group that already grants exactly the same policies, else a new free name', () => {
		const only = buildUser('amy', { attachedPolicies: [awsManagedRef('ReadOnlyAccess')] });
		const same = buildGroup('readers', { attachedPolicies: [awsManagedRef('ReadOnlyAccess')] });
		expect(defaultGroupFor(only, buildModel({ groups: [same] }))).toEqual({ name: 'readers', create: false });
		expect(defaultGroupFor(user, buildModel({ groups: [buildGroup('zed-permissions')] }))).toEqual({ name: 'zed-permissions-2', create: true });
		expect(groupNameProblem('bad name', buildModel(), true)).toMatch(/letters/);
		expect(groupNameProblem('readers', buildModel({ groups: [same] }), true)).toMatch(/exists already/);
	});

	it('never proposes a break-glass user', () => {
		const glass = buildUser('breakglass', { attachedPolicies: [awsManagedRef('AdministratorAccess')] });
		const model = buildModel({ users: [user, glass] });
		const plan = planInventory(model, { now, thresholds: defaultThresholds, excluded: [] });
		expect(movableUsers(model, plan.findings, [{ arn: glass.arn, reason: 'emergency access' }]).map((u) => u.name)).toEqual(['zed']);
	});

	it('applies on the sandbox: the finding is gone, and the rollback restores the user exactly', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const model = await gateway.readAccount();
		const plan = planInventory(model, { now, thresholds: defaultThresholds, excluded: [] });
		const ivan = movableUsers(model, plan.findings, []).find((u) => u.name === 'ivan')!;
		expect(ivan.inlinePolicies.map((p) => p.name)).toEqual(['iam-self-service']);
		const fingerprints = plan.findings.filter((f) => f.id === 'USER_DIRECT_POLICY' && f.resource === ivan.arn).map((f) => f.fingerprint);
		const actions = moveToGroupActions(ivan, defaultGroupFor(ivan, model), model, fingerprints);
		const deps = { gateway, audit: new MemoryAuditSink(), step: 1 as const, reason: 'CHG-1', now: () => now };
		const report = await executeActions(actions, deps);
		expect(report.failed).toBeUndefined();
		const after = await gateway.readAccount();
		const moved = after.users.find((u) => u.name === 'ivan')!;
		expect(moved.inlinePolicies).toEqual([]);
		expect(moved.attachedPolicies).toEqual([]);
		expect(moved.groups).toContain('ivan-permissions');
		expect(after.groups.find((g) => g.name === 'ivan-permissions')!.inlinePolicies.map((p) => p.name)).toEqual(['iam-self-service']);
		expect(planInventory(after, { now, thresholds: defaultThresholds, excluded: [] }).findings.some((f) => f.id === 'USER_DIRECT_POLICY' && f.resource === ivan.arn)).toBe(false);

		const rollback = rollbackPlan(report);
		expect(rollback.cannotUndo).toEqual([]);
		expect((await executeActions(rollback.actions, deps)).failed).toBeUndefined();
		const restored = await gateway.readAccount();
		expect(restored.users.find((u) => u.name === 'ivan')).toEqual(model.users.find((u) => u.name === 'ivan'));
		expect(restored.groups.some((g) => g.name === 'ivan-permissions')).toBe(false);
	});
});
