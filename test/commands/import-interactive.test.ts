/**
 * The wizard draws its screen in a shell that exports CI=true: Ink, which decides "in CI, draw
 * only at exit" when it loads, loads with the CI variables hidden, and they are back afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { importInteractive } from '../../source/commands/import-interactive.js';

describe('importInteractive', () => {
	afterEach(() => {
		delete process.env.CI;
		delete process.env.CONTINUOUS_INTEGRATION;
	});

	it("loads Ink's CI detector as outside CI while CI=true, and gives the variable back", async () => {
		process.env.CI = 'true';
		const { default: isInCi } = await importInteractive(() => import('is-in-ci'));
		expect(isInCi).toBe(false);
		expect(process.env.CI).toBe('true');
	});

	it('hides both variables while loading and restores exactly what was set, also when loading fails', async () => {
		const env: NodeJS.ProcessEnv = { CI: '1', CONTINUOUS_INTEGRATION: 'yes', HOME: '/h' };
		const seen = await importInteractive(async () => ({ ...env }), env);
		expect(seen).toEqual({ HOME: '/h' });
		expect(env).toEqual({ CI: '1', CONTINUOUS_INTEGRATION: 'yes', HOME: '/h' });

		const unset: NodeJS.ProcessEnv = { CI: 'true' };
		await expect(importInteractive(() => Promise.reject(new Error('no such module')), unset)).rejects.toThrow('no such module');
		expect(unset).toEqual({ CI: 'true' });
	});
});
