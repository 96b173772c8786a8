/**
 * The batches composed on a step's own screen (archiving a finding, scoping a policy…) that
 * are applying now. They run on machines of their own, which the shell does not hold: it
 * counts them here so that quitting, Ctrl+C included, waits for the change in flight, as it
 * does for the steps' own batches, and the change log is closed only after its result.
 */
export interface BatchRegistry {
	/** A batch starts applying; `stop` asks it to stop after the current change. Returns what to call when it no longer applies. */
	enter(stop: () => void): () => void;
	/** Asks every batch applying to stop after its current change. */
	stopAll(): void;
	/** How many are applying. */
	count(): number;
	/** Called on every change of the count (for useSyncExternalStore). */
	subscribe(listener: () => void): () => void;
}

export function createBatchRegistry(): BatchRegistry {
	const stops = new Set<() => void>();
	const listeners = new Set<() => void>();
	const changed = () => {
		for (const listener of listeners) listener();
	};
	return {
		enter(stop) {
			// A function of its own per entry: the same stop entered twice is two batches.
			const entry = () => stop();
			stops.add(entry);
			changed();
			return () => {
				if (stops.delete(entry)) changed();
			};
		},
		stopAll() {
			for (const stop of [...stops]) stop();
		},
		count: () => stops.size,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}
