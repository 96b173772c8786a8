/**
 * `iam-wizard demo-clock`: the demo account's clock, moved forward so an operator sees the
 * later phases of a key's retirement without waiting weeks. The days reach the next --demo
 * command (a grace period ends), and --reset starts the clock again.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../source/core/actions.js';
import type { PlanFile } from '../../source/core/plan-file.js';
import { runProgram } from '../../source/commands/program.js';
import { captureIo } from '../helpers/command-io.js';

const now = new Date('2026-11-27T12:00:00Z');

function deletions(dir: string, file: string): string[] {
	const plan = JSON.parse(readFileSync(join(dir, file), 'utf8')) as PlanFile;
	return plan.actions.filter((a) => a.action.kind === 'iam:DeleteAccessKey').map((a) => (a.action as Action<'iam:DeleteAccessKey'>).params.AccessKeyId);
}

describe('demo-clock', () => {
	it('moves the demo forward: keys first seen inactive become deletable after the grace period, and --reset starts the clock again', { timeout: 60_000 }, async () => {
		const dir = mkdtempSync(join(tmpdir(), 'demo-clock-'));
		const io = () => captureIo({ now, cwd: dir });
		expect(await runProgram(['plan', '--demo', '--reset', '--steps', '5', '--out', 'first.json'], io())).toBe(0);
		expect(deletions(dir, 'first.json')).toEqual([]);

		const shown = io();
		expect(await runProgram(['demo-clock'], shown)).toBe(0);
		expect(shown.out()).toBe("The demo account's clock reads 2026-11-27T12:00:00.000Z (0 days ahead of this machine's; iam-wizard --demo --reset starts it again).\n");

		const moved = io();
		expect(await runProgram(['demo-clock', '--advance', '31'], moved)).toBe(0);
		expect(moved.out()).toBe("The demo account's clock reads 2026-12-28T12:00:00.000Z (31 days ahead of this machine's; iam-wizard --demo --reset starts it again).\n");
		expect(await runProgram(['plan', '--demo', '--steps', '5', '--out', 'later.json'], io())).toBe(0);
		expect(deletions(dir, 'later.json')).toHaveLength(2);

		const bad = io();
		expect(await runProgram(['demo-clock', '--advance', '0'], bad)).toBe(2);
		expect(bad.err()).toContain('--advance "0" is not a whole number of days from 1 to 3650.');

		expect(await runProgram(['plan', '--demo', '--reset', '--steps', '5', '--out', 'reset.json'], io())).toBe(0);
		const after = io();
		expect(await runProgram(['demo-clock'], after)).toBe(0);
		expect(after.out()).toContain('(0 days ahead of');
	});
});
