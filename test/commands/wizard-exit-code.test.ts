/**
 * How the wizard command ends, as a shell sees it: q is a normal end (0); Ctrl+C is an
 * interruption and exits 130, as a program stopped by SIGINT does, so a script that runs the
 * wizard can tell an operator who finished from one who broke off. Either way the footer's
 * line is ended, so the shell's prompt starts on a line of its own.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWizardCommand } from '../../source/commands/wizard-command.js';
import { readSettings } from '../../source/settings/settings-store.js';
import { captureIo } from '../helpers/command-io.js';
import { CTRL_C, FakeStdin, FakeStdout } from '../helpers/render-ink.js';
import { drawnSince, useNodeConsole } from '../helpers/wizard-command-screen.js';

const now = new Date('2026-11-27T12:00:00Z');
useNodeConsole();

async function wizard() {
	const logDir = join(await mkdtemp(join(tmpdir(), 'wizard-exit-')), 'logs');
	const stdin = new FakeStdin();
	const stdout = new FakeStdout(120, 40);
	const io = captureIo({ now });
	const running = runWizardCommand({ demo: true, reset: true, logDir }, readSettings(), io, {
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
	});
	await drawnSince(stdout)('Findings (');
	return { stdin, stdout, running };
}

describe("the wizard command's exit code", () => {
	it('is 130 after Ctrl+C', async () => {
		const { stdin, running } = await wizard();
		stdin.write(CTRL_C);
		expect(await running).toBe(130);
	});

	it('is 0 after q', async () => {
		const { stdin, stdout, running } = await wizard();
		stdin.write('q');
		expect(await running).toBe(0);
		// The footer's line is ended: the shell's prompt does not start beside "q quit".
		expect(stdout.frames.at(-1)).toBe('\n');
		const footer = stdout.frames.findLastIndex((f) => f.includes('q quit'));
		expect(stdout.frames.slice(footer + 1).join('').replace(/\u001b\[[?0-9;]*[a-zA-Z]/g, '')).toBe('\n');
	});
});
