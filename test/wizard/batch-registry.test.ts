/** The count of screen-composed batches applying now, which the shell waits for before it quits. */
import { describe, expect, it, vi } from 'vitest';
import { createBatchRegistry } from '../../source/wizard/batch-registry.js';

describe('the batch registry', () => {
	it('counts each batch entered until it leaves, once, and tells its listeners of every change', () => {
		const registry = createBatchRegistry();
		const listener = vi.fn();
		const unsubscribe = registry.subscribe(listener);
		const stop = vi.fn();
		const leaveA = registry.enter(stop);
		const leaveB = registry.enter(stop);
		expect(registry.count()).toBe(2);
		leaveA();
		leaveA();
		expect(registry.count()).toBe(1);
		expect(listener).toHaveBeenCalledTimes(3);
		unsubscribe();
		leaveB();
		expect(registry.count()).toBe(0);
		expect(listener).toHaveBeenCalledTimes(3);
	});

	it('asks every batch applying to stop, and none that has left', () => {
		const registry = createBatchRegistry();
		const [first, second, gone] = [vi.fn(), vi.fn(), vi.fn()];
		registry.enter(first);
		registry.enter(second);
		registry.enter(gone)();
		registry.stopAll();
		expect([first.mock.calls.length, second.mock.calls.length, gone.mock.calls.length]).toEqual([1, 1, 0]);
	});
});
