/**
 * The tests StrykerJS runs against each mutant of source/core and source/audit (`npm run
 * mutate`): the unit tests of core and of the change log. Each mutant runs the tests that
 * cover it, so a slow test covering much costs on thousands of mutants: left out are the
 * step, command and screen tests (seconds each; they reach core through the plans these
 * tests cover), the reference-verifier test (it runs an independent verifier program per
 * case, 17 s) and the 300-random-bit-flips test (7 s). A config of its own, not merged with
 * vitest.config.ts: merging would add these to its whole-suite list.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/core/**/*.test.ts', 'test/audit/**/*.test.ts'],
		exclude: ['test/audit/byte-flips.test.ts', 'test/audit/reference-verifier.test.ts'],
		setupFiles: ['test/setup.ts'],
		testTimeout: 60_000,
		pool: 'forks',
	},
});
