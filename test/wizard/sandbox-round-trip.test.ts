/**
 * The executor, verifier and rollback across many action kinds on the sandbox: each
 * change is seen by a direct re-read (the expected states agree with the adapter's
 * readState), and undoing the batch restores the account.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import type { Action, ActionKind, ActionParams } from '../../source/core/actions.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import type { AccountModel } from '../../source/core/model.js';
import { executeActions, rollbackPlan } from '../../source/wizard/executor.js';
import { verifyActions } from '../../source/wizard/verify-actions.js';
import { fixedNow } from './machine-harness.js';

const account = '123456789012';
const policyArn = (name: string) => `arn:aws:iam::${account}:policy/${name}`;
const doc = (action: string, resource = '*') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: [action], Resource: [resource] }] });

function act<K extends ActionKind>(kind: K, params: ActionParams[K]): Action {
	return { kind, params, step: 3, findingIds: [`F|${kind}|${JSON.stringify(params).length}`], summary: kind } as Action;
}

function withoutReadAt(model: AccountModel): Omit<AccountModel, 'readAt'> {
	const { readAt: _readAt, ...rest } = model;
	return rest;
}

async function run(actions: Action[]) {
	const gateway = createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow });
	const before = await gateway.readAccount();
	const deps = { gateway, audit: new MemoryAuditSink(), step: 3 as const, reason: 'round trip', now: fixedNow };
	const report = await executeActions(actions, deps);
	return { gateway, before, deps, report };
}

function staleKeyOf(model: AccountModel, userName: string): string {
	return model.users.find((u) => u.name === userName)!.accessKeys.find((k) => k.status === 'Active')!.id;
}

describe('executor on the sandbox', () => {
	it('applies many kinds, verifies each by re-reading, and rolls the whole batch back exactly', async () => {
		const seed = await createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow }).readAccount();
		const actions = [
			act('iam:UpdateAccessKey', { UserName: 'dave', AccessKeyId: staleKeyOf(seed, 'dave'), Status: 'Inactive' }),
			act('iam:PutRolePermissionsBoundary', { RoleName: 'build-runner', PermissionsBoundary: policyArn('boundaries/app-boundary') }),
			act('iam:DeleteRolePermissionsBoundary', { RoleName: 'sandbox-developer' }),
			act('iam:PutUserPermissionsBoundary', { UserName: 'bob', PermissionsBoundary: policyArn('boundaries/developer-boundary') }),
			act('iam:PutUserPolicy', { UserName: 'ivan', PolicyName: 'iam-self-service', PolicyDocument: doc('iam:GetUser', `arn:aws:iam::${account}:user/ivan`) }),
			act('iam:PutRolePolicy', { RoleName: 'batch-worker', PolicyName: 'extra-read', PolicyDocument: doc('dynamodb:GetItem') }),
			act('iam:DetachUserPolicy', { UserName: 'heidi', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }),
			act('iam:CreateGroup', { GroupName: 'change-reviewers' }),
			act('iam:AddUserToGroup', { GroupName: 'change-reviewers', UserName: 'bob' }),
			act('iam:AttachGroupPolicy', { GroupName: 'change-reviewers', PolicyArn: policyArn('billing-read') }),
			act('iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14, RequireSymbols: true, PasswordReusePrevention: 24 }),
			act('iam:UpdateAssumeRolePolicy', {
				RoleName: 'jenkins-legacy',
				PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] },
			}),
			act('iam:CreatePolicy', { PolicyName: 'scoped-reader', PolicyDocument: doc('s3:GetObject', 'arn:aws:s3:::reports/*') }),
			act('organizations:CreatePolicy', {
				Name: 'deny-leave-org',
				Description: 'Members cannot leave',
				Type: 'SERVICE_CONTROL_POLICY',
				Content: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['organizations:LeaveOrganization'], Resource: ['*'] }] },
			}),
			act('organizations:AttachPolicy', { PolicyName: 'deny-leave-org', TargetId: 'ou-a1b2-k7x2m9qp' }),
			act('events:PutRule', { Name: 'iam-changes', EventPattern: JSON.stringify({ source: ['aws.iam'] }), State: 'ENABLED' }),
			act('events:PutTargets', { Rule: 'iam-changes', Targets: [{ id: 'notify', arn: `arn:aws:sns:us-east-1:${account}:security-alerts` }] }),
		];
		const { gateway, before, deps, report } = await run(actions);

		expect(report.failed).toBeUndefined();
		expect(report.applied).toHaveLength(actions.length);

		const verification = await verifyActions(report.applied, { gateway, sleep: async () => {}, attempts: 1 });
		const unverified = verification.actions.filter((a) => !a.verified).map((a) => [a.action.kind, a.observed, a.error]);
		expect(unverified).toEqual([]);
		expect(verification.actions.filter((a) => a.unverifiable)).toEqual([]);

		const undo = rollbackPlan(report);
		expect(undo.cannotUndo).toEqual([]);
		const rollback = await executeActions(undo.actions, { ...deps, reason: 'round trip rollback' });
		expect(rollback.failed).toBeUndefined();
		const rollbackVerification = await verifyActions(rollback.applied, { gateway, sleep: async () => {}, attempts: 1 });
		expect(rollbackVerification.allVerified).toBe(true);
		expect(withoutReadAt(await gateway.readAccount())).toEqual(withoutReadAt(before));
	});

	it('verifies policy versions, key deletion and monitoring set-up, and names what cannot be undone', async () => {
		const seed = await createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow }).readAccount();
		const dataLake = seed.policies.find((p) => p.name === 'data-lake-full')!;
		const nonDefault = dataLake.versions.find((v) => !v.isDefault)!.versionId;
		const erinKey = staleKeyOf(seed, 'erin');
		const actions = [
			act('iam:CreatePolicyVersion', { PolicyArn: policyArn('developer-access'), PolicyDocument: doc('ec2:Describe*'), SetAsDefault: true }),
			act('iam:DeletePolicyVersion', { PolicyArn: dataLake.arn, VersionId: nonDefault }),
			act('iam:DeleteAccessKey', { UserName: 'erin', AccessKeyId: erinKey }),
			act('sns:CreateTopic', { Name: 'iam-wizard-alerts' }),
		];
		const { gateway, report } = await run(actions);
		expect(report.failed).toBeUndefined();
		expect(report.applied[0].result.outputs?.VersionId).toBeTruthy();

		const verification = await verifyActions(report.applied, { gateway, sleep: async () => {}, attempts: 1 });
		expect(verification.actions.map((a) => [a.action.kind, a.verified])).toEqual(actions.map((a) => [a.kind, true]));

		const undo = rollbackPlan(report);
		expect(undo.cannotUndo.map((a) => a.action.kind)).toEqual(['iam:DeleteAccessKey']);
		expect(undo.actions.map((a) => a.kind)).toEqual(['sns:DeleteTopic', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion']);
		const after = await gateway.readAccount();
		const rollback = await executeActions(undo.actions, { gateway, audit: new MemoryAuditSink(), step: 3, reason: 'undo', now: fixedNow });
		expect(rollback.failed).toBeUndefined();
		const restored = await gateway.readAccount();
		expect(restored.policies.find((p) => p.name === 'developer-access')?.defaultVersionId).toBe(
			seed.policies.find((p) => p.name === 'developer-access')?.defaultVersionId,
		);
		expect(restored.users.find((u) => u.name === 'erin')?.accessKeys).toEqual(after.users.find((u) => u.name === 'erin')?.accessKeys);
	});
});
