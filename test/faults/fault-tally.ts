/**
 * Counts the faults the fault suites inject, how many the product survived (the test's
 * assertions held) and how many applied actions the log lost; printed at the end of a run
 * when FAULT_TALLY is set (`FAULT_TALLY=1 npx vitest run test/faults`).
 */
const counts = new Map<string, { injected: number; survived: number; lost: number }>();

export const faultTally = {
	record(kind: string, injected: boolean, lost: number): void {
		const c = counts.get(kind) ?? { injected: 0, survived: 0, lost: 0 };
		if (injected) {
			c.injected += 1;
			if (lost === 0) c.survived += 1;
		}
		c.lost += lost;
		counts.set(kind, c);
	},
	summary(): string {
		return [...counts].map(([kind, c]) => `${kind}: ${c.injected} injected, ${c.survived} survived, ${c.lost} records lost`).join('\n');
	},
};

if (process.env.FAULT_TALLY) {
	process.on('exit', () => process.stderr.write(`\nfault tally\n${faultTally.summary()}\n`));
}
