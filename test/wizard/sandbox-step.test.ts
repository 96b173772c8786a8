/**
 * The step machine on the real sandbox adapter: the step 5 vertical slice (deactivate stale
 * access keys, never the caller's), a failure at action 3 of 5, and a rollback that puts
 * the account back exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { createSandboxGateway, type SandboxGateway, type SandboxGatewayOptions } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import type { Action } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import type { AccountModel } from '../../source/core/model.js';
import type { PlanStep } from '../../source/core/step-plan.js';
import { stepState } from '../../source/wizard/step-machine.js';
import { fixedNow, startStep } from './machine-harness.js';

const sandboxAccount = '123456789012';
const staleDays = 90;

/** KEY_NOT_ROTATED, as the step 5 slice proposes it: deactivate each active key older than 90 days. */
const planStaleKeys: PlanStep = (model, context) => ({
	step: 5,
	findings: [],
	actions: model.users.flatMap((user) =>
		user.accessKeys
			.filter((k) => k.status === 'Active' && context.now.getTime() - Date.parse(k.createDate) > staleDays * 86_400_000)
			.map(
				(k): Action => ({
					kind: 'iam:UpdateAccessKey',
					params: { UserName: user.name, AccessKeyId: k.id, Status: 'Inactive' },
					step: 5,
					findingIds: [`KEY_NOT_ROTATED|${user.arn}|${k.id}`],
					summary: `Deactivate access key ${k.id} of user ${user.name}`,
				}),
			),
	),
	notEvaluated: [],
	excluded: [],
});

function sandbox(failOn?: SandboxGatewayOptions['failOn']): SandboxGateway {
	return createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow, failOn });
}

function withoutReadAt(model: AccountModel): Omit<AccountModel, 'readAt'> {
	const { readAt: _readAt, ...rest } = model;
	return rest;
}

const keyStatuses = (model: AccountModel) => Object.fromEntries(model.users.flatMap((u) => u.accessKeys.map((k) => [k.id, k.status])));
const keyIds = (actions: Action[]) => actions.map((a) => (a.params as { AccessKeyId: string }).AccessKeyId);

async function confirmAll(harness: ReturnType<typeof startStep>) {
	const reviewing = await harness.reach('reviewing');
	harness.actor.send({ type: 'PREVIEW' });
	// Confirming waits for the policy gate on the documents the batch writes.
	await waitFor(harness.actor, (s) => s.context.batch?.validation != null);
	harness.actor.send({ type: 'NEXT' });
	harness.actor.send({ type: 'CONFIRM', reason: 'CHG-2026-031 stale keys', typedAccountId: sandboxAccount });
	return reviewing;
}

describe('step machine on the sandbox', () => {
	it('deactivates exactly the previewed stale keys, never the caller’s, and verifies them by re-reading', async () => {
		const gateway = sandbox();
		const before = await gateway.readAccount();
		const harness = startStep(gateway, { planStep: planStaleKeys });
		const reviewing = await confirmAll(harness);

		const plan = reviewing.context.plan!;
		expect(reviewing.context.blocked).toEqual([
			expect.objectContaining({ cause: 'callers-key', action: expect.objectContaining({ params: expect.objectContaining({ AccessKeyId: before.caller.accessKeyId }) }) }),
		]);
		const batch = harness.actor.getSnapshot().context.batch!;
		expect(keyIds(batch.actions)).not.toContain(before.caller.accessKeyId);
		expect(batch.actions).toHaveLength(plan.actions.length - 1);
		expect(batch.confirmation.level).toBe('typed-account-id');

		const done = await harness.reach('done');
		expect(gateway.history().map((h) => h.action)).toEqual(batch.actions);
		const after = keyStatuses(await gateway.readAccount());
		for (const id of keyIds(batch.actions)) expect(after[id]).toBe('Inactive');
		expect(after[before.caller.accessKeyId!]).toBe('Active');
		const verification = done.context.batch!.verification!;
		expect(verification.allVerified).toBe(true);
		expect(verification.findingsGone.sort()).toEqual(batch.actions.flatMap((a) => a.findingIds).sort());
	});

	it('cancelled at the confirmation, the sandbox receives nothing', async () => {
		const gateway = sandbox();
		const harness = startStep(gateway, { planStep: planStaleKeys });
		await harness.reach('reviewing');
		harness.actor.send({ type: 'PREVIEW' });
		harness.actor.send({ type: 'NEXT' });
		harness.actor.send({ type: 'CANCEL' });
		expect(stepState(harness.actor.getSnapshot())).toBe('cancelled');
		expect(gateway.history()).toEqual([]);
	});

	it('fails at action 3 of 5, then rolling back restores the account exactly', async () => {
		const gateway = sandbox((_action, attempt) => (attempt === 3 ? new GatewayError('ServiceFailure', 'IAM could not complete the request') : undefined));
		const before = await gateway.readAccount();
		const harness = startStep(gateway, { planStep: planStaleKeys });
		await confirmAll(harness);

		const failed = await harness.reach('failed');
		const batch = failed.context.batch!;
		expect(batch.actions).toHaveLength(5);
		expect(batch.report!.applied.map((a) => a.action)).toEqual(batch.actions.slice(0, 2));
		expect(batch.report!.failed?.index).toBe(2);
		expect(batch.report!.notAttempted).toEqual(batch.actions.slice(3));
		expect(gateway.history().map((h) => h.ok)).toEqual([true, true, false]);

		const entries = harness.audit.entries;
		expect(entries.map((e) => e.type)).toEqual(['intent', 'result', 'intent', 'result', 'intent', 'result']);
		expect(entries.filter((e) => e.type === 'intent').map((e) => e.type === 'intent' && e.action)).toEqual(batch.actions.slice(0, 3));
		expect(entries[5]).toMatchObject({ type: 'result', seq: 3, ok: false, error: { code: 'ServiceFailure' } });

		harness.actor.send({ type: 'ROLLBACK' });
		const rollback = harness.actor.getSnapshot().context.rollback!;
		expect(keyIds(rollback.actions)).toEqual(keyIds(batch.actions.slice(0, 2)).reverse());
		expect(rollback.actions.every((a) => (a.params as { Status: string }).Status === 'Active')).toBe(true);
		harness.actor.send({ type: 'NEXT' });
		harness.actor.send({ type: 'CONFIRM', reason: 'CHG-2026-031 back out' });

		await harness.reach('rolledBack');
		expect(withoutReadAt(await gateway.readAccount())).toEqual(withoutReadAt(before));
		const rollbackIntents = harness.audit.entries.slice(6).filter((e) => e.type === 'intent');
		expect(rollbackIntents.map((e) => e.type === 'intent' && e.reason)).toEqual(['CHG-2026-031 back out', 'CHG-2026-031 back out']);
	});
});

describe('the step 5 slice with its real plan', () => {
	it('rolls back a batch that succeeded: re-activates exactly the keys it deactivated, detaches and deletes the SCP, restores the password policy', async () => {
		const { planMfaCredentials } = await import('../../source/steps/mfa-credentials/plan.js');
		const gateway = sandbox();
		const beforeModel = await gateway.readAccount();
		const before = keyStatuses(beforeModel);
		const harness = startStep(gateway, { planStep: planMfaCredentials });
		await confirmAll(harness);
		const done = await harness.reach('done');
		const deactivated = keyIds(done.context.batch!.actions.filter((a) => a.kind === 'iam:UpdateAccessKey'));
		// The unused keys only: old keys still in use (dave's, ci-deploy's, svc-ses-smtp's) are held back.
		expect(deactivated).toHaveLength(3);
		const applied = await gateway.readAccount();
		expect(applied.organization!.scps!.find((p) => p.name === 'iam-wizard-require-mfa')!.targets.map((t) => t.targetId)).toEqual(['ou-a1b2-s4ndb0x8']);
		expect(applied.passwordPolicy).toMatchObject({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 });

		harness.actor.send({ type: 'ROLLBACK' });
		expect(stepState(harness.actor.getSnapshot())).toBe('rollback.previewing');
		harness.actor.send({ type: 'BACK' });
		expect(stepState(harness.actor.getSnapshot())).toBe('done');

		harness.actor.send({ type: 'ROLLBACK' });
		const rollback = harness.actor.getSnapshot().context.rollback!;
		expect(rollback.actions.filter((a) => a.kind === 'iam:UpdateAccessKey').map((a) => a.params)).toEqual(
			[...deactivated].reverse().map((id) => expect.objectContaining({ AccessKeyId: id, Status: 'Active' })),
		);
		// Last first: the password policy, then the SCP detached before it is deleted.
		expect(rollback.actions.slice(0, 3).map((a) => a.kind)).toEqual(['iam:UpdateAccountPasswordPolicy', 'organizations:DetachPolicy', 'organizations:DeletePolicy']);
		harness.actor.send({ type: 'NEXT' });
		harness.actor.send({ type: 'CONFIRM', reason: 'CHG-2026-031 undo', typedAccountId: sandboxAccount });
		await harness.reach('rolledBack');
		const after = await gateway.readAccount();
		expect(keyStatuses(after)).toEqual(before);
		expect(after.organization!.scps!.map((p) => p.name)).toEqual(beforeModel.organization!.scps!.map((p) => p.name));
		expect(after.passwordPolicy).toEqual(beforeModel.passwordPolicy);
		const reactivated = gateway
			.history()
			.map((h) => h.action)
			.filter((a) => (a.params as { Status?: string }).Status === 'Active');
		expect(keyIds(reactivated).sort()).toEqual([...deactivated].sort());
	});
});
