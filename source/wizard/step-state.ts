import type { StepMachineContext } from './step-machine-types.js';

/**
 * The state a screen draws: 'loading', 'reviewing', 'done'…, the batch run's own state
 * ('previewing', 'confirming', 'applying', 'verifying', 'failed'), or the rollback's
 * prefixed ('rollback.confirming').
 */
export function stepState(snapshot: { value: unknown; context: Pick<StepMachineContext, 'runState'> }): string {
	const run = snapshot.context.runState ?? 'previewing';
	if (snapshot.value === 'batch') return run;
	if (snapshot.value === 'rollback') return `rollback.${run}`;
	return String(snapshot.value);
}
