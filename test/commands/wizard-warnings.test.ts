/**
 * The wizard says what scan and plan say about ARNs that exclude nothing: an --exclude that
 * is not an ARN (or names another account, or nobody) is a warning under the header once the
 * account is read, not accepted without a word.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWizardCommand } from '../../source/commands/wizard-command.js';
import { readSettings } from '../../source/settings/settings-store.js';
import { captureIo } from '../helpers/command-io.js';
import { FakeStdin, FakeStdout } from '../helpers/render-ink.js';
import { drawnSince, useNodeConsole } from '../helpers/wizard-command-screen.js';

const now = new Date('2026-11-27T12:00:00Z');
useNodeConsole();

describe('the wizard with --exclude entries that exclude nothing', () => {
	it('shows the first warning under the header and counts the others, and the step list stays', async () => {
		const logDir = join(await mkdtemp(join(tmpdir(), 'wizard-warnings-')), 'logs');
		const stdin = new FakeStdin();
		const stdout = new FakeStdout(200, 40);
		const running = runWizardCommand({ demo: true, reset: true, logDir, exclude: ['bob', 'arn:aws:iam::999999999999:user/bob'] }, readSettings(), captureIo({ now }), {
			stdin: stdin as unknown as NodeJS.ReadStream,
			stdout: stdout as unknown as NodeJS.WriteStream,
		});
		const waitFor = drawnSince(stdout);
		await waitFor('Findings (');
		await waitFor('Warning: ');
		const frame = stdout.frames.findLast((f) => f.includes('Warning: '))!;
		expect(frame).toContain('Warning: --exclude "bob" is not an ARN, so it excludes nothing: user bob is arn:aws:iam::123456789012:user/bob. (and 1 more: iam-wizard scan lists them)');
		expect(frame).toContain('6 Monitoring');
		stdin.write('q');
		expect(await running).toBe(0);
	});
});
