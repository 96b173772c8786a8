/**
 * The run machine alone — one preview → confirm → apply → verify run — with its actors
 * provided: bound to a fake gateway and an in-memory log, or replaced outright.
 */
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, waitFor } from 'xstate';
import type { Action } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import { runMachine } from '../../source/wizard/run-machine.js';
import { runActors } from '../../source/wizard/step-actors.js';
import type { ApplyActionsInput, RunInput, VerifyActionsInput } from '../../source/wizard/step-machine-types.js';
import type { VerificationReport } from '../../source/wizard/verify-actions.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import { accountId, FakeGateway } from './fake-gateway.js';
import { fixedNow } from './machine-harness.js';

const keys = ['AKIA1', 'AKIA2', 'AKIA3'];

/** The inverses a rollback applies: re-activate the keys a batch deactivated. */
const reactivations: Action[] = keys.map((id, i) => ({
	kind: 'iam:UpdateAccessKey',
	params: { UserName: `user${i + 1}`, AccessKeyId: id, Status: 'Active' },
	step: 5,
	findingIds: [`KEY_NOT_ROTATED|user${i + 1}|${id}`],
	summary: `Re-activate access key ${id} of user user${i + 1}`,
}));

function rollbackInput(actions = reactivations): RunInput {
	return { kind: 'rollback', actions, settings: { step: 5, accountId, now: fixedNow, plannedActions: [], verify: { sleep: async () => {} } } };
}

function deactivatedGateway(failOn?: (action: Action) => GatewayError | undefined) {
	return new FakeGateway({ keys: keys.map((id, i) => ({ userName: `user${i + 1}`, id, status: 'Inactive' as const })), ...(failOn ? { failOn } : {}) });
}

function startRun(machine: typeof runMachine, input: RunInput) {
	const actor = createActor(machine, { input }).start();
	return { actor, settled: () => waitFor(actor, (s) => s.status === 'done' || s.matches('failed')) };
}

describe('run machine', () => {
	it('applies a confirmed rollback through its provided actors: the gateway receives exactly the previewed actions, the log each intent and result', async () => {
		const gateway = deactivatedGateway();
		const audit = new MemoryAuditSink();
		const { actor, settled } = startRun(runMachine.provide({ actors: runActors({ gateway, audit }) }), rollbackInput());
		expect(actor.getSnapshot().value).toBe('previewing');
		const previewHash = actor.getSnapshot().context.run.previewHash;

		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: ' ' });
		expect(actor.getSnapshot().context.confirmRejection).toMatch(/reason/);
		expect(gateway.applyCalls).toEqual([]);
		actor.send({ type: 'CONFIRM', reason: ' CHG-9 undo ' });

		const done = await settled();
		expect(done.status).toBe('done');
		expect(done.output?.outcome).toBe('verified');
		expect(gateway.applyCalls).toEqual(reactivations);
		expect(Object.values(gateway.state.keys).map((k) => k.status)).toEqual(['Active', 'Active', 'Active']);
		expect(audit.entries.map((e) => e.type)).toEqual(['intent', 'result', 'intent', 'result', 'intent', 'result']);
		const intents = audit.entries.flatMap((e) => (e.type === 'intent' ? [[e.action, e.reason, e.previewHash]] : []));
		expect(intents).toEqual(reactivations.map((a) => [a, 'CHG-9 undo', previewHash]));
		expect(audit.entries.every((e) => e.type !== 'result' || e.ok)).toBe(true);
		// A rollback brings its findings back: none are reported gone.
		expect(done.output?.run.verification).toMatchObject({ allVerified: true, findingsGone: [] });
	});

	it('stops a rollback at the action that fails, reports it, and applies and logs nothing after it', async () => {
		const gateway = deactivatedGateway((action) =>
			(action.params as { AccessKeyId: string }).AccessKeyId === 'AKIA2' ? new GatewayError('LimitExceeded', 'Too many active keys for user2', { requestId: 'req-42' }) : undefined,
		);
		const audit = new MemoryAuditSink();
		const verified: VerifyActionsInput[] = [];
		const machine = runMachine.provide({
			actors: {
				applyActions: runActors({ gateway, audit }).applyActions,
				verifyActions: fromPromise<VerificationReport, VerifyActionsInput>(async ({ input }) => {
					verified.push(input);
					return { actions: [], findingsGone: [], findingsRemaining: [], findingsUnconfirmed: [], allVerified: true };
				}),
			},
		});
		const { actor, settled } = startRun(machine, rollbackInput());
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG-10' });

		const failed = await settled();
		expect(failed.value).toBe('failed');
		expect(failed.context.error).toEqual({ code: 'LimitExceeded', message: 'Too many active keys for user2', requestId: 'req-42' });
		expect(gateway.applyCalls).toEqual(reactivations.slice(0, 2));
		expect(gateway.state.keys.AKIA3.status).toBe('Inactive');
		const report = failed.context.run.report!;
		expect(report.applied.map((a) => a.action)).toEqual([reactivations[0]]);
		expect(report.failed).toMatchObject({ index: 1, action: reactivations[1] });
		expect(report.notAttempted).toEqual([reactivations[2]]);
		expect(failed.context.run.progress.map((p) => `${p.index} ${p.phase}`)).toEqual(['0 applied', '1 failed']);
		// The log holds the first change, and the failed attempt as an intent with a failed result; nothing of the third.
		expect(audit.entries.map((e) => (e.type === 'result' ? `result ${e.ok}` : e.type))).toEqual(['intent', 'result true', 'intent', 'result false']);
		expect(audit.entries.some((e) => e.type === 'intent' && e.action === reactivations[2])).toBe(false);

		// A rollback cannot be rolled back; skipping keeps what it did and ends it, unverified.
		actor.send({ type: 'ROLLBACK' });
		expect(actor.getSnapshot().value).toBe('failed');
		actor.send({ type: 'SKIP' });
		const ended = actor.getSnapshot();
		expect(ended.status).toBe('done');
		expect(ended.output).toMatchObject({ outcome: 'skipped', error: { code: 'LimitExceeded' } });
		expect(verified).toEqual([]);
	});

	it('retries a failed run from the action that failed, numbering on from it', async () => {
		let failures = 1;
		const gateway = deactivatedGateway((action) =>
			(action.params as { AccessKeyId: string }).AccessKeyId === 'AKIA2' && failures-- > 0 ? new GatewayError('Throttling', 'Rate exceeded') : undefined,
		);
		const audit = new MemoryAuditSink();
		const { actor, settled } = startRun(runMachine.provide({ actors: runActors({ gateway, audit }) }), rollbackInput());
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG-11' });
		await settled();
		actor.send({ type: 'RETRY' });
		const done = await waitFor(actor, (s) => s.status === 'done');
		expect(done.output?.outcome).toBe('verified');
		expect(done.output?.error).toBeNull();
		expect(gateway.applyCalls).toEqual([reactivations[0], reactivations[1], reactivations[1], reactivations[2]]);
		expect(done.output?.run.report?.applied.map((a) => a.action)).toEqual(reactivations);
		expect(done.output?.run.progress.map((p) => `${p.index} ${p.phase}`)).toEqual(['0 applied', '1 failed', '1 applied', '2 applied']);
	});

	it('hands its applier only plain values (no gateway, no log), and ends as back or cancelled without applying', async () => {
		const inputs: ApplyActionsInput[] = [];
		const machine = runMachine.provide({
			actors: {
				applyActions: fromCallback<{ type: 'ABORT' }, ApplyActionsInput>(({ input, sendBack }) => {
					inputs.push(input);
					sendBack({ type: 'APPLY_DONE', report: { applied: [], notAttempted: [] } });
				}),
			},
		});
		const back = startRun(machine, rollbackInput()).actor;
		back.send({ type: 'BACK' });
		expect(back.getSnapshot().output?.outcome).toBe('back');
		const cancelled = startRun(machine, rollbackInput()).actor;
		cancelled.send({ type: 'NEXT' });
		cancelled.send({ type: 'CANCEL' });
		expect(cancelled.getSnapshot().output?.outcome).toBe('cancelled');
		expect(inputs).toEqual([]);

		const { actor } = startRun(machine, rollbackInput(reactivations.slice(0, 1)));
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG-12' });
		expect(inputs).toHaveLength(1);
		expect(Object.keys(inputs[0]).sort()).toEqual(['actions', 'caller', 'now', 'previewHash', 'reason', 'startIndex', 'step']);
		expect(inputs[0]).toMatchObject({ actions: reactivations.slice(0, 1), reason: 'CHG-12', startIndex: 0, step: 5 });
	});
});
