/**
 * The tests StrykerJS runs against each mutant of source/core and source/audit (`npm run
 * mutate`): the unit tests of core and the change log, the finding rules, and the plan /
 * apply / scan-gate commands. Not the Ink screens (slow; they reach core through the step
 * plans these tests cover) nor the CLI process tests (each spawns Node). A config of its
 * own, not merged with vitest.config.ts: merging would add these to its whole-suite list.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/core/**/*.test.ts', 'test/audit/**/*.test.ts', 'test/steps/**/*.test.ts', 'test/wizard/**/*.test.ts', 'test/commands/{apply,plan,scan,scan-gate}.test.ts'],
		setupFiles: ['test/setup.ts'],
		testTimeout: 60_000,
		pool: 'forks',
	},
});
