import { describe, expect, it } from 'vitest';
import { isMidApply, statusOfStep, stepStatusOf, withStepStatus } from '../../source/wizard/session.js';
import type { Action } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import { FakeGateway, fiveKeys } from './fake-gateway.js';
import { startStep } from './machine-harness.js';

describe('session statuses', () => {
	it('follows a step from review to applied, and says when something is mid-apply', async () => {
		const gateway = new FakeGateway({ keys: fiveKeys().slice(0, 2) });
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const apply = gateway.apply.bind(gateway);
		gateway.apply = async (action) => {
			await held;
			return apply(action);
		};
		const { actor, reach } = startStep(gateway);
		let statuses = {};
		expect(statusOfStep(statuses, 5).phase).toBe('not-visited');

		statuses = withStepStatus(statuses, stepStatusOf(await reach('reviewing')));
		expect(statusOfStep(statuses, 5)).toEqual({ step: 5, phase: 'reviewing', findings: 0, selected: 2, applied: 0 });
		expect(isMidApply(statuses)).toBe(false);

		actor.send({ type: 'PREVIEW' });
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG' });
		statuses = withStepStatus(statuses, stepStatusOf(actor.getSnapshot()));
		expect(isMidApply(statuses)).toBe(true);

		release();
		statuses = withStepStatus(statuses, stepStatusOf(await reach('done')));
		expect(statusOfStep(statuses, 5)).toMatchObject({ phase: 'applied', applied: 2 });
		expect(isMidApply(statuses)).toBe(false);
	});

	/** Applies the three keys' deactivation on a fresh step and waits for its outcome. */
	const applyThree = async (failOn?: { rule?: (action: Action) => GatewayError | undefined }) => {
		const gateway = new FakeGateway({ keys: fiveKeys().slice(0, 3), failOn: (action) => failOn?.rule?.(action) });
		const { actor, reach } = startStep(gateway);
		await reach('reviewing');
		actor.send({ type: 'PREVIEW' });
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG-1' });
		await reach('done');
		return { actor, reach, gateway };
	};

	it('counts the changes a batch applied across r: the account still has them once the re-read clears the batch', async () => {
		const { actor, reach } = await applyThree();
		expect(stepStatusOf(actor.getSnapshot())).toMatchObject({ phase: 'applied', applied: 3 });
		actor.send({ type: 'RELOAD' });
		const reviewing = await reach('reviewing');
		expect(reviewing.context.batch).toBeNull();
		expect(stepStatusOf(reviewing)).toMatchObject({ phase: 'reviewing', selected: 0, applied: 3 });
		// A second re-read counts them once, not twice.
		actor.send({ type: 'RELOAD' });
		expect(stepStatusOf(await reach('reviewing')).applied).toBe(3);
	});

	it('stops counting the changes a rollback undid, before r and after it', async () => {
		const { actor, reach, gateway } = await applyThree();
		actor.send({ type: 'ROLLBACK' });
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG-1 undo' });
		const rolledBack = await reach('rolledBack');
		expect(Object.values(gateway.state.keys).map((k) => k.status)).toEqual(['Active', 'Active', 'Active']);
		expect(stepStatusOf(rolledBack)).toMatchObject({ phase: 'rolled back', applied: 0 });
		actor.send({ type: 'RELOAD' });
		expect(stepStatusOf(await reach('reviewing'))).toMatchObject({ phase: 'reviewing', selected: 3, applied: 0 });
	});

	it('counts what a rollback that stopped part-way left applied', async () => {
		const failOn: { rule?: (action: Action) => GatewayError | undefined } = {};
		const { actor, reach } = await applyThree(failOn);
		// The rollback undoes the newest change first (AKIA3), then fails on AKIA2.
		failOn.rule = (a) => ((a.params as { AccessKeyId: string }).AccessKeyId === 'AKIA2' ? new GatewayError('Throttled', 'Slow down') : undefined);
		actor.send({ type: 'ROLLBACK' });
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG-1 undo' });
		const failed = await reach('rollback.failed');
		expect(stepStatusOf(failed)).toMatchObject({ phase: 'failed', applied: 2 });
		actor.send({ type: 'SKIP' });
		const done = await reach('done');
		expect(stepStatusOf(done).applied).toBe(2);
		actor.send({ type: 'RELOAD' });
		expect(stepStatusOf(await reach('reviewing')).applied).toBe(2);
	});
});
