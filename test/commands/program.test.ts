import { describe, expect, it } from 'vitest';
import { runProgram } from '../../source/commands/program.js';
import { toolVersion } from '../../source/tool-version.js';
import { captureIo } from '../helpers/command-io.js';

describe('command line', () => {
	it('prints help and exits 0', async () => {
		const io = captureIo();
		expect(await runProgram(['--help'], io)).toBe(0);
		expect(io.out()).toContain('Usage: iam-wizard');
		expect(io.out()).toContain('scan');
	});

	it('documents scan exit codes in its help', async () => {
		const io = captureIo();
		expect(await runProgram(['scan', '--help'], io)).toBe(0);
		expect(io.out()).toContain('Exit codes: 0 scan completed; 2 usage error');
	});

	it('prints the version and exits 0', async () => {
		const io = captureIo();
		expect(await runProgram(['--version'], io)).toBe(0);
		expect(io.out().trim()).toBe(toolVersion);
	});

	it('accepts --no-color after any command, as scripts pass it', async () => {
		for (const argv of [['scan', '--demo', '--format', 'json', '--no-color'], ['inventory', '--demo', '--no-color'], ['audit', 'verify', '--no-color', '--help']]) {
			const io = captureIo();
			expect(await runProgram(argv, io), argv.join(' ')).toBe(0);
			expect(io.err()).toBe('');
		}
	});

	it('rejects an unknown flag with usage and exit 2', async () => {
		const io = captureIo();
		expect(await runProgram(['scan', '--bogus'], io)).toBe(2);
		expect(io.err()).toContain("unknown option '--bogus'");
		expect(io.err()).toContain('(run iam-wizard scan --help for usage)');
	});

	it('after a usage error, points at the help of the command that was run', async () => {
		for (const [argv, hint] of [
			[['audit', 'export'], 'iam-wizard audit export'],
			[['audit', 'undo', 'x.jsonl'], 'iam-wizard audit undo'],
			[['apply'], 'iam-wizard apply'],
			[['--bogus'], 'iam-wizard'],
		] as const) {
			const io = captureIo();
			expect(await runProgram([...argv], io), argv.join(' ')).toBe(2);
			expect(io.err(), argv.join(' ')).toMatch(new RegExp(`\\n\\(run ${hint} --help for usage\\)\\n$`));
		}
	});

	it('takes --alert-topic only where step 6 is planned', async () => {
		for (const argv of [['audit', 'verify', 'x.jsonl', '--alert-topic', 'arn:aws:sns:us-east-1:123456789012:ops'], ['inventory', '--demo', '--alert-topic', 'arn:aws:sns:us-east-1:123456789012:ops']]) {
			const io = captureIo();
			expect(await runProgram(argv, io), argv.join(' ')).toBe(2);
			expect(io.err()).toContain("unknown option '--alert-topic'");
		}
		for (const argv of [['scan', '--help'], ['plan', '--help'], ['--help']]) {
			const io = captureIo();
			expect(await runProgram(argv, io)).toBe(0);
			expect(io.out(), argv.join(' ')).toContain('--alert-topic <arn>');
		}
	});

	it('rejects an unknown command with exit 2', async () => {
		const io = captureIo();
		expect(await runProgram(['frobnicate'], io)).toBe(2);
		expect(io.err()).toMatch(/unknown command|too many arguments/);
	});

	it('rejects an unknown format with exit 2', async () => {
		const io = captureIo();
		expect(await runProgram(['scan', '--demo', '--format', 'xml'], io)).toBe(2);
		expect(io.err()).toContain("'xml' is invalid");
	});

	it('refuses --demo with --snapshot in one sentence', async () => {
		const io = captureIo();
		expect(await runProgram(['scan', '--demo', '--snapshot', 'x.json'], io)).toBe(2);
		expect(io.err()).toBe('iam-wizard: --demo and --snapshot cannot be used together: choose one account to read.\n');
	});

	it('refuses a bad --as-of date', async () => {
		const io = captureIo();
		expect(await runProgram(['scan', '--snapshot', 'x.json', '--as-of', 'yesterday'], io)).toBe(2);
		expect(io.err()).toContain('--as-of "yesterday" is not a date');
	});

	it.each(['2026-02-30', '2026-13-01', '2025-02-29T10:00:00Z'])('refuses --as-of %s, a day the calendar does not have (not rolled over to March)', async (day) => {
		const io = captureIo();
		expect(await runProgram(['scan', '--snapshot', 'x.json', '--as-of', day], io)).toBe(2);
		expect(io.err()).toBe(`iam-wizard: --as-of "${day}" is not a date: use YYYY-MM-DD or an ISO-8601 time.\n`);
	});

	it('refuses --max-attempts that is not a number', async () => {
		const io = captureIo();
		expect(await runProgram(['scan', '--demo', '--max-attempts', 'many'], io)).toBe(2);
		expect(io.err()).toContain('expected a whole number');
	});
});

describe('the wizard without a terminal', () => {
	it('says it needs one, names the headless commands, and exits 2', async () => {
		const io = captureIo();
		expect(await runProgram(['--demo'], io)).toBe(2);
		expect(io.err()).toBe('iam-wizard needs an interactive terminal. For scripts and CI use `iam-wizard scan` (and `plan` / `apply`).\n');
		expect(io.out()).toBe('');
	});
});
