import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, waitFor } from 'xstate';
import { GatewayError } from '../../source/core/gateway-error.js';
import { rollbackPlan } from '../../source/wizard/executor.js';
import { createStepMachine, runMachine, stepState, type ApplyActionsInput, type LoadStepInput, type LoadStepOutput } from '../../source/wizard/step-machine.js';
import { accountId, FakeGateway, fiveKeys } from './fake-gateway.js';
import type { PlanStep, StepPlan } from '../../source/core/step-plan.js';
import { defaultThresholds } from '../../source/core/settings.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import { fixedNow, planDeactivateKeys, startStep } from './machine-harness.js';

const threeKeys = () => fiveKeys().slice(0, 3);
const operatorKey = { userName: 'operator', id: 'AKIAOPERATOR', status: 'Active' as const };

describe('step machine', () => {
	it('goes load → review → preview → confirm → apply → verify → done and applies exactly the previewed actions', async () => {
		const gateway = new FakeGateway({ keys: threeKeys() });
		const { actor, audit, reach } = startStep(gateway);

		const reviewing = await reach('reviewing');
		expect(reviewing.context.plan?.actions).toHaveLength(3);
		expect(reviewing.context.selected).toEqual([0, 1, 2]);

		actor.send({ type: 'PREVIEW' });
		expect(stepState(actor.getSnapshot())).toBe('previewing');
		const previewed = actor.getSnapshot().context.batch!;
		expect(previewed.confirmation.level).toBe('yes-no');
		expect(previewed.previewHash).toMatch(/^[0-9a-f]{64}$/);

		actor.send({ type: 'NEXT' });
		expect(stepState(actor.getSnapshot())).toBe('confirming');
		actor.send({ type: 'CONFIRM', reason: 'CHG-42 rotate keys' });

		const done = await reach('done');
		expect(gateway.applyCalls).toEqual(previewed.actions);
		expect(Object.values(gateway.state.keys).map((k) => k.status)).toEqual(['Inactive', 'Inactive', 'Inactive']);
		const batch = done.context.batch!;
		expect(batch.progress.filter((p) => p.phase === 'applied').map((p) => p.index)).toEqual([0, 1, 2]);
		expect(batch.verification?.allVerified).toBe(true);
		expect(batch.verification?.findingsGone).toEqual(previewed.actions.flatMap((a) => a.findingIds));
		const intents = audit.entries.filter((e) => e.type === 'intent');
		expect(intents.map((e) => e.type === 'intent' && [e.reason, e.previewHash])).toEqual(
			Array(3).fill(['CHG-42 rotate keys', previewed.previewHash]),
		);
	});

	it('cancelled at the confirmation, sends nothing to the gateway and writes nothing to the log', async () => {
		const gateway = new FakeGateway({ keys: threeKeys() });
		const { actor, audit, reach } = startStep(gateway);
		await reach('reviewing');
		actor.send({ type: 'PREVIEW' });
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CANCEL' });
		expect(stepState(actor.getSnapshot())).toBe('cancelled');
		expect(gateway.applyCalls).toEqual([]);
		expect(audit.entries).toEqual([]);
		expect(Object.values(gateway.state.keys).every((k) => k.status === 'Active')).toBe(true);
	});

	it('blocks the caller’s own key and break-glass principals from selection, with the reason', async () => {
		const gateway = new FakeGateway({ keys: [...threeKeys(), operatorKey, { userName: 'breakglass-admin', id: 'AKIABG', status: 'Active' }] });
		const { actor, reach } = startStep(gateway, {
			excluded: [{ arn: `arn:aws:iam::${accountId}:user/breakglass-*`, reason: 'emergency access' }],
		});
		const snap = await reach('reviewing');
		const keyOf = (i: number) => (snap.context.plan!.actions[i].params as { AccessKeyId: string }).AccessKeyId;
		expect(snap.context.blocked.map((b) => [keyOf(b.index), b.cause])).toEqual([
			['AKIAOPERATOR', 'callers-key'],
			['AKIABG', 'break-glass'],
		]);
		expect(snap.context.blocked[1].reason).toContain('emergency access');
		expect(snap.context.selected.map(keyOf)).toEqual(['AKIA1', 'AKIA2', 'AKIA3']);

		const blockedIndex = snap.context.blocked[0].index;
		actor.send({ type: 'TOGGLE', index: blockedIndex });
		actor.send({ type: 'SELECT_ALL' });
		expect(actor.getSnapshot().context.selected).not.toContain(blockedIndex);
		actor.send({ type: 'TOGGLE', index: 0 });
		expect(actor.getSnapshot().context.selected.map(keyOf)).toEqual(['AKIA2', 'AKIA3']);
		actor.send({ type: 'SELECT_NONE' });
		actor.send({ type: 'PREVIEW' });
		expect(stepState(actor.getSnapshot())).toBe('reviewing');
	});

	it('asks for the typed account ID when keys of more than three users are deactivated, and refuses a wrong one', async () => {
		const gateway = new FakeGateway({ keys: fiveKeys() });
		const { actor, reach } = startStep(gateway);
		await reach('reviewing');
		actor.send({ type: 'PREVIEW' });
		expect(actor.getSnapshot().context.batch?.confirmation.level).toBe('typed-account-id');
		actor.send({ type: 'NEXT' });

		actor.send({ type: 'CONFIRM', reason: 'CHG-1' });
		expect(stepState(actor.getSnapshot())).toBe('confirming');
		actor.send({ type: 'CONFIRM', reason: 'CHG-1', typedAccountId: '999988887777' });
		expect(stepState(actor.getSnapshot())).toBe('confirming');
		expect(actor.getSnapshot().context.confirmRejection).toMatch(/account ID/);
		expect(gateway.applyCalls).toEqual([]);

		actor.send({ type: 'CONFIRM', reason: 'CHG-1', typedAccountId: accountId });
		await reach('done');
		expect(gateway.applyCalls).toHaveLength(5);
	});

	it('refuses an empty reason', async () => {
		const gateway = new FakeGateway({ keys: threeKeys() });
		const { actor, reach } = startStep(gateway);
		await reach('reviewing');
		actor.send({ type: 'PREVIEW' });
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: '   ' });
		expect(stepState(actor.getSnapshot())).toBe('confirming');
		expect(actor.getSnapshot().context.confirmRejection).toMatch(/reason/);
		expect(gateway.applyCalls).toEqual([]);
	});

	it('leaves lockout-risk actions unselected and needs the separate override to apply them', async () => {
		const gateway = new FakeGateway({ keys: threeKeys() });
		const { actor, reach } = startStep(gateway, {
			planStep: planWithRisk,
		});
		const snap = await reach('reviewing');
		expect(snap.context.lockout).toEqual({ 0: 'alice runs the deploy pipeline' });
		expect(snap.context.selected).toEqual([1, 2]);
		actor.send({ type: 'SELECT_ALL' });
		expect(actor.getSnapshot().context.selected).toEqual([1, 2]);
		actor.send({ type: 'TOGGLE', index: 0 });
		actor.send({ type: 'PREVIEW' });
		expect(actor.getSnapshot().context.batch?.confirmation.lockoutRisks).toEqual(['alice runs the deploy pipeline']);
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG-7' });
		expect(actor.getSnapshot().context.confirmRejection).toMatch(/lock you out/);
		expect(stepState(actor.getSnapshot())).toBe('confirming');
		actor.send({ type: 'CONFIRM', reason: 'CHG-7', overrideLockout: true });
		await reach('done');
		expect(gateway.applyCalls).toHaveLength(3);
	});

	it('takes a change to a group the signed-in user is in for a lockout risk, in the selection and at the confirmation', async () => {
		const gateway = new FakeGateway({ keys: threeKeys() });
		const detach = (group: string) => ({
			kind: 'iam:DetachGroupPolicy' as const,
			params: { GroupName: group, PolicyArn: 'arn:aws:iam::aws:policy/IAMFullAccess' },
			step: 5 as const,
			findingIds: [],
			summary: `Detach IAMFullAccess from group ${group}`,
		});
		const { actor, reach } = startStep(gateway, {
			planStep: (model) => {
				// The operator signed in is a member of ops.
				const operator = { ...structuredClone(model.users[0]!), name: 'operator', arn: gateway.caller.arn, groups: ['ops'], accessKeys: [] };
				model.users.push(operator);
				return { step: 5, findings: [], actions: [detach('ops'), detach('auditors')], notEvaluated: [], excluded: [] };
			},
		});
		const snap = await reach('reviewing');
		const risk = 'Changes group ops, which user operator you are signed in as is in (Detach IAMFullAccess from group ops)';
		expect(snap.context.lockout).toEqual({ 0: risk });
		expect(snap.context.selected).toEqual([1]);
		actor.send({ type: 'TOGGLE', index: 0 });
		actor.send({ type: 'PREVIEW' });
		expect(actor.getSnapshot().context.batch?.confirmation.lockoutRisks).toEqual([risk]);
	});
});

describe('step machine after a failure', () => {
	const failThird = () =>
		new FakeGateway({
			keys: fiveKeys(),
			failOn: (a) =>
				(a.params as { AccessKeyId: string }).AccessKeyId === 'AKIA3' && (a.params as { Status: string }).Status === 'Inactive'
					? new GatewayError('LimitExceeded', 'Too many changes at once', { requestId: 'req-fail' })
					: undefined,
		});

	async function failAtThird(gateway: FakeGateway) {
		const harness = startStep(gateway);
		await harness.reach('reviewing');
		harness.actor.send({ type: 'PREVIEW' });
		harness.actor.send({ type: 'NEXT' });
		harness.actor.send({ type: 'CONFIRM', reason: 'CHG-9', typedAccountId: accountId });
		const failed = await harness.reach('failed');
		return { ...harness, failed };
	}

	it('stops at action 3 of 5, with 1–2 applied and offered for rollback, and logs nothing for 4–5', async () => {
		const gateway = failThird();
		const { failed, audit } = await failAtThird(gateway);
		const report = failed.context.batch!.report!;
		expect(report.applied.map((a) => (a.action.params as { AccessKeyId: string }).AccessKeyId)).toEqual(['AKIA1', 'AKIA2']);
		expect(report.failed).toMatchObject({ index: 2, error: { code: 'LimitExceeded', requestId: 'req-fail' } });
		expect(report.notAttempted.map((a) => (a.params as { AccessKeyId: string }).AccessKeyId)).toEqual(['AKIA4', 'AKIA5']);
		expect(failed.context.error?.code).toBe('LimitExceeded');
		expect(gateway.applyCalls).toHaveLength(3);

		expect(rollbackPlan(report).actions.map((a) => [a.kind, (a.params as { AccessKeyId: string; Status: string }).AccessKeyId, (a.params as { Status: string }).Status])).toEqual([
			['iam:UpdateAccessKey', 'AKIA2', 'Active'],
			['iam:UpdateAccessKey', 'AKIA1', 'Active'],
		]);

		expect(audit.entries.map((e) => [e.type, e.type === 'intent' ? (e.action.params as { AccessKeyId: string }).AccessKeyId : e.type === 'result' ? e.ok : null])).toEqual([
			['intent', 'AKIA1'],
			['result', true],
			['intent', 'AKIA2'],
			['result', true],
			['intent', 'AKIA3'],
			['result', false],
		]);
		const lastResult = audit.entries[5];
		expect(lastResult.type === 'result' && lastResult.error).toEqual({ code: 'LimitExceeded', message: 'Too many changes at once', requestId: 'req-fail' });
	});

	it('rolls back the applied prefix after its own preview and confirmation, restoring the prior state', async () => {
		const gateway = failThird();
		const before = gateway.snapshot();
		const { actor, reach } = await failAtThird(gateway);

		actor.send({ type: 'ROLLBACK' });
		expect(stepState(actor.getSnapshot())).toBe('rollback.previewing');
		const rollback = actor.getSnapshot().context.rollback!;
		expect(rollback.actions.map((a) => (a.params as { AccessKeyId: string }).AccessKeyId)).toEqual(['AKIA2', 'AKIA1']);
		expect(rollback.cannotUndo).toEqual([]);
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: '' });
		expect(stepState(actor.getSnapshot())).toBe('rollback.confirming');
		actor.send({ type: 'CONFIRM', reason: 'CHG-9 rollback' });

		const rolledBack = await reach('rolledBack');
		expect(gateway.state).toEqual(before);
		expect(rolledBack.context.rollback?.verification?.allVerified).toBe(true);
		// Undoing a change brings its finding back: none is reported gone.
		expect(rolledBack.context.rollback?.verification?.findingsGone).toEqual([]);
		expect(gateway.applyCalls.slice(3)).toEqual(rollback.actions);
	});

	it('retries from the failed action and reports one merged batch', async () => {
		let failures = 1;
		const gateway = new FakeGateway({
			keys: fiveKeys(),
			failOn: (a) => ((a.params as { AccessKeyId: string }).AccessKeyId === 'AKIA3' && failures-- > 0 ? new GatewayError('Throttled', 'Slow down') : undefined),
		});
		const { actor, reach } = await failAtThird(gateway);
		actor.send({ type: 'RETRY' });
		const done = await reach('done');
		const batch = done.context.batch!;
		expect(batch.report?.applied).toHaveLength(5);
		expect(batch.report?.failed).toBeUndefined();
		expect(batch.progress.filter((p) => p.phase === 'applied').map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
		expect(Object.values(gateway.state.keys).every((k) => k.status === 'Inactive')).toBe(true);
	});

	it('skips the rest: verifies what was applied, and the unapplied actions’ findings remain', async () => {
		const gateway = failThird();
		const { actor, reach } = await failAtThird(gateway);
		actor.send({ type: 'SKIP' });
		const done = await reach('done');
		const verification = done.context.batch!.verification!;
		expect(verification.actions.map((a) => a.verified)).toEqual([true, true]);
		expect(verification.findingsGone).toHaveLength(2);
		expect(verification.findingsRemaining).toHaveLength(3);
		expect(gateway.applyCalls).toHaveLength(3);
	});
});

function planWithRisk(...args: Parameters<PlanStep>): StepPlan {
	const plan = planDeactivateKeys(...args);
	return { ...plan, actions: plan.actions.map((a, i) => (i === 0 ? { ...a, risk: { lockout: 'alice runs the deploy pipeline' } } : a)) };
}

describe('step machine: the step planned again after a batch', () => {
	/** Counts the account reads of a gateway. */
	const counted = (gateway: FakeGateway) => {
		let reads = 0;
		const read = gateway.readAccount.bind(gateway);
		gateway.readAccount = () => {
			reads += 1;
			return read();
		};
		return () => reads;
	};
	const start = (gateway: FakeGateway, replanAfterBatch?: boolean) => {
		const actor = createActor(createStepMachine({ gateway, audit: new MemoryAuditSink() }), {
			input: { step: 5, planStep: planDeactivateKeys, planContext: { now: fixedNow(), thresholds: defaultThresholds, excluded: [] }, now: fixedNow, verify: { sleep: async () => {} }, ...(replanAfterBatch === undefined ? {} : { replanAfterBatch }) },
		});
		actor.start();
		return actor;
	};
	const applyAll = async (actor: ReturnType<typeof start>) => {
		await waitFor(actor, (s) => stepState(s) === 'reviewing');
		actor.send({ type: 'PREVIEW' });
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG-7' });
		return waitFor(actor, (s) => stepState(s) === 'done');
	};

	it('once verified, reads the account again and plans on it, staying on the outcome with the plan it applied; RELOAD drops it', async () => {
		const gateway = new FakeGateway({ keys: threeKeys() });
		const reads = counted(gateway);
		const actor = start(gateway);
		await applyAll(actor);
		const replanned = await waitFor(actor, (s) => s.context.replanned !== null);
		expect(stepState(replanned)).toBe('done');
		expect(reads()).toBe(2);
		// Every key deactivated: nothing left to propose; the outcome keeps the plan it was applied from.
		expect(replanned.context.replanned?.plan.actions).toEqual([]);
		expect(replanned.context.replanned?.selected).toEqual([]);
		expect(replanned.context.plan?.actions).toHaveLength(3);
		expect(replanned.context.replanned?.model.users.flatMap((u) => u.accessKeys.map((k) => k.status))).toEqual(['Inactive', 'Inactive', 'Inactive']);
		actor.send({ type: 'RELOAD' });
		const reviewing = await waitFor(actor, (s) => stepState(s) === 'reviewing');
		expect(reviewing.context.replanned).toBeNull();
		expect(reads()).toBe(3);
	});

	it('once rolled back, reads the account again: the findings the rollback brought back are proposed again', async () => {
		const gateway = new FakeGateway({ keys: threeKeys() });
		const actor = start(gateway);
		await applyAll(actor);
		await waitFor(actor, (s) => s.context.replanned !== null);
		actor.send({ type: 'ROLLBACK' });
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG-7 undo' });
		const rolledBack = await waitFor(actor, (s) => stepState(s) === 'rolledBack' && s.context.replanned?.plan.actions.length === 3);
		expect(rolledBack.context.replanned?.selected).toEqual([0, 1, 2]);
	});

	it('a batch run on a machine of its own (replanAfterBatch false) does not read the account again: its step does', async () => {
		const gateway = new FakeGateway({ keys: threeKeys() });
		const reads = counted(gateway);
		const actor = start(gateway, false);
		await applyAll(actor);
		// The outcome's re-plan ends having run the checks on the model held, without a read.
		const replan = actor.getSnapshot().children.replan!;
		await waitFor(replan, (s) => s.status === 'done');
		expect(reads()).toBe(1);
		expect(actor.getSnapshot().context.replanned).toBeNull();
	});
});

describe('step machine actors', () => {
	it('shows a load failure and loads again on RELOAD (actors swapped with provide)', async () => {
		const gateway = new FakeGateway({ keys: threeKeys() });
		let loads = 0;
		const machine = (services: Parameters<typeof createStepMachine>[0]) =>
			createStepMachine(services).provide({
				actors: {
					loadStep: fromPromise<LoadStepOutput, LoadStepInput>(async ({ input }) => {
						loads += 1;
						if (loads === 1) throw new GatewayError('ExpiredToken', 'Your session has expired; sign in again');
						const model = await gateway.readAccount();
						return { model, plan: input.planStep(model, input.planContext) };
					}),
				},
			});
		const { actor, reach } = startStep(gateway, { machine });
		const failed = await reach('loadFailed');
		expect(failed.context.error?.message).toBe('Your session has expired; sign in again');
		actor.send({ type: 'RELOAD' });
		const reviewing = await reach('reviewing');
		expect(reviewing.context.plan?.actions).toHaveLength(3);
	});

	it('hands applyActions exactly the confirmed batch, reason and preview hash', async () => {
		const gateway = new FakeGateway({ keys: threeKeys() });
		const inputs: ApplyActionsInput[] = [];
		const machine = (services: Parameters<typeof createStepMachine>[0]) =>
			createStepMachine(services).provide({
				actors: {
					run: runMachine.provide({
						actors: {
							applyActions: fromCallback<{ type: 'ABORT' }, ApplyActionsInput>(({ input, sendBack }) => {
								inputs.push(input);
								sendBack({ type: 'APPLY_DONE', report: { applied: [], notAttempted: [] } });
							}),
						},
					}),
				},
			});
		const { actor, reach } = startStep(gateway, { machine });
		await reach('reviewing');
		actor.send({ type: 'TOGGLE', index: 1 });
		actor.send({ type: 'PREVIEW' });
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: '  CHG-3  ' });
		await reach('done');
		const batch = actor.getSnapshot().context.batch!;
		expect(inputs).toHaveLength(1);
		expect(inputs[0].actions).toEqual([batch.actions[0], batch.actions[1]]);
		expect(inputs[0].actions.map((a) => (a.params as { AccessKeyId: string }).AccessKeyId)).toEqual(['AKIA1', 'AKIA3']);
		expect(inputs[0].reason).toBe('CHG-3');
		expect(inputs[0].previewHash).toBe(batch.previewHash);
		expect(gateway.applyCalls).toEqual([]);
	});

	it('CANCEL while applying stops between actions and offers rollback of what went through', async () => {
		const gateway = new FakeGateway({ keys: threeKeys() });
		let release!: () => void;
		const secondCall = new Promise<void>((resolve) => (release = resolve));
		const apply = gateway.apply.bind(gateway);
		let reachedSecond!: () => void;
		const atSecond = new Promise<void>((resolve) => (reachedSecond = resolve));
		gateway.apply = async (action) => {
			if (gateway.applyCalls.length === 1) {
				reachedSecond();
				await secondCall;
			}
			return apply(action);
		};
		const { actor, reach } = startStep(gateway);
		await reach('reviewing');
		actor.send({ type: 'PREVIEW' });
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG-5' });
		await atSecond;
		const inFlight = actor.getSnapshot().context.batch!;
		expect(inFlight.current).toMatchObject({ index: 1, total: 3, phase: 'applying' });
		expect(inFlight.progress.map((p) => `${p.index} ${p.phase}`)).toEqual(['0 applied']);
		actor.send({ type: 'CANCEL' });
		release();
		const failed = await reach('failed');
		expect(failed.context.error?.code).toBe('Stopped');
		expect(failed.context.batch?.report?.applied).toHaveLength(2);
		expect(failed.context.batch?.report?.notAttempted).toHaveLength(1);
		expect(gateway.applyCalls).toHaveLength(2);
		actor.send({ type: 'ROLLBACK' });
		expect(actor.getSnapshot().context.rollback?.actions).toHaveLength(2);
	});

	it('holds no gateway or change log in any context, actor input or event, from load to a rollback: only its provided actors reach them', async () => {
		const gateway = new FakeGateway({
			keys: threeKeys(),
			failOn: (a) => ((a.params as { AccessKeyId: string }).AccessKeyId === 'AKIA3' && (a.params as { Status: string }).Status === 'Inactive' ? new GatewayError('LimitExceeded', 'Too many changes at once') : undefined),
		});
		/** Every object reachable from every event any actor of the machine received (its input arrives in `xstate.init`) and every snapshot it took. */
		const reachable = new Set<unknown>();
		const walk = (value: unknown) => {
			if (value === null || typeof value !== 'object' || reachable.has(value)) return;
			reachable.add(value);
			for (const child of Object.values(value)) walk(child);
		};
		const inits = new Set<string>();
		const { actor, audit, reach } = startStep(gateway, {
			inspect: (event) => {
				if (event.type === '@xstate.event') {
					if (event.event.type === 'xstate.init') inits.add(event.actorRef.sessionId);
					walk(event.event);
				}
				if (event.type === '@xstate.snapshot') walk(event.snapshot);
			},
		});
		const reviewing = await reach('reviewing');
		// The walk reaches what the context and the inputs hold.
		expect(reachable.has(reviewing.context.plan)).toBe(true);
		expect(reachable.has(reviewing.context.planContext)).toBe(true);
		expect(Object.keys(reviewing.context)).not.toContain('gateway');
		expect(Object.keys(reviewing.context)).not.toContain('audit');
		actor.send({ type: 'PREVIEW' });
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG-9' });
		await reach('failed');
		actor.send({ type: 'ROLLBACK' });
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG-9 undo' });
		await reach('rolledBack');

		// It did reach AWS and the log, through its actors.
		expect(gateway.applyCalls).toHaveLength(5);
		expect(audit.entries.some((e) => e.type === 'intent')).toBe(true);
		// The step, its load, both runs, their policy gates, applies and verifications all started.
		expect(inits.size).toBeGreaterThanOrEqual(9);
		expect(reachable.has(gateway)).toBe(false);
		expect(reachable.has(audit)).toBe(false);
	});

	it('takes no gateway or change log in its input (a type error): they are its services', () => {
		const audit = new MemoryAuditSink();
		const gateway = new FakeGateway({ keys: threeKeys() });
		const actor = createActor(createStepMachine({ gateway, audit }), {
			input: {
				step: 5,
				// @ts-expect-error The gateway is bound by createStepMachine(services), never passed as input.
				gateway,
				planStep: planDeactivateKeys,
				planContext: { now: fixedNow(), thresholds: defaultThresholds, excluded: [] },
				now: fixedNow,
			},
		});
		actor.start();
		expect(Object.keys(actor.getSnapshot().context)).not.toContain('gateway');
		actor.stop();
	});
});
