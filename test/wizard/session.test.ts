import { describe, expect, it } from 'vitest';
import { isMidApply, statusOfStep, stepStatusOf, withStepStatus } from '../../source/wizard/session.js';
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
});
