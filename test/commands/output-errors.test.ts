/**
 * Outputs that cannot be written are one sentence naming the path and exit 2 (not
 * "unexpected error", which --fail-on users could not tell from findings), and an output
 * pointed at the command's own input is refused before anything is written.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runProgram } from '../../source/commands/program.js';
import { awsFixture } from '../fixtures-path.js';
import { captureIo } from '../helpers/command-io.js';

function workspace(): string {
	return mkdtempSync(join(tmpdir(), 'outputs-'));
}

describe('an output that cannot be written', () => {
	test.each([
		['scan', ['scan', '--demo', '--output']],
		['inventory', ['inventory', '--demo', '--output']],
		['plan', ['plan', '--demo', '--out']],
	])('%s: a folder, or a file under a missing folder, is exit 2 with the path', async (_name, args) => {
		const dir = workspace();
		const io = captureIo({ cwd: dir });
		expect(await runProgram([...args, dir], io)).toBe(2);
		expect(io.err()).toBe(`iam-wizard: Cannot write ${dir}: it is a folder; name a file.\n`);
		const missing = captureIo({ cwd: dir });
		expect(await runProgram([...args, 'gone/out.txt'], missing)).toBe(2);
		expect(missing.err()).toBe(`iam-wizard: Cannot write ${join(dir, 'gone/out.txt')}: the folder ${join(dir, 'gone')} does not exist.\n`);
	});

	test('scan --output naming the --snapshot file is refused and the snapshot is untouched', async () => {
		const dir = workspace();
		const snapshot = join(dir, 'snap.json');
		writeFileSync(snapshot, readFileSync(awsFixture('authorization-details.json')));
		const before = readFileSync(snapshot, 'utf8');
		const io = captureIo({ cwd: dir });
		expect(await runProgram(['scan', '--snapshot', snapshot, '--output', './snap.json'], io)).toBe(2);
		expect(io.err()).toBe(`iam-wizard: Refusing to write ${snapshot}: it is the --snapshot input; name another file.\n`);
		expect(readFileSync(snapshot, 'utf8')).toBe(before);
	});

	test('apply with a log folder under /proc stops with a sentence instead of spinning', { timeout: 30_000 }, async () => {
		const dir = workspace();
		expect(await runProgram(['plan', '--demo', '--reset', '--steps', '5', '--out', 'p.json'], captureIo({ cwd: dir }))).toBe(0);
		const io = captureIo({ cwd: dir });
		const code = await runProgram(['apply', '--plan', 'p.json', '--yes', '--confirm-account', '123456789012', '--log-dir', '/proc/nope'], io);
		expect(io.err()).toContain('Cannot create the folder /proc/nope: /proc does not accept new folders.');
		expect(code).toBe(2);
	});
});
