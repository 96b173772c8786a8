/** `audit verify` and `audit export` given what is not a session file: one sentence naming the path, the right exit code. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runProgram } from '../../source/commands/program.js';
import { captureIo } from '../helpers/command-io.js';
import { newKey, tempDir, writeSession } from './log-fixtures.js';

async function run(argv: string[], cwd?: string) {
	const io = captureIo(cwd ? { cwd } : {});
	const code = await runProgram(argv, io);
	return { code, out: io.out(), err: io.err() };
}

describe('audit verify of an empty file', () => {
	test('/dev/null: a sentence naming the path, not "FAILED: null"', async () => {
		const { code, out } = await run(['audit', 'verify', '/dev/null']);
		expect(code).toBe(1);
		expect(out.split('\n')[0]).toBe('FAILED: /dev/null is empty: it holds no change-log record, not even the header every iam-wizard session file starts with');
	});

	test('an emptied session file, by its full path', async () => {
		const dir = await tempDir();
		const file = join(dir, 'empty.jsonl');
		writeFileSync(file, '');
		const { code, out } = await run(['audit', 'verify', file]);
		expect(code).toBe(1);
		expect(out.split('\n')[0]).toBe(`FAILED: ${file} is empty: it holds no change-log record, not even the header every iam-wizard session file starts with`);
	});
});

describe('audit export of a folder', () => {
	test('with no session files: exit 2 naming the folder', async () => {
		const dir = await tempDir();
		const { code, out, err } = await run(['audit', 'export', dir]);
		expect(code).toBe(2);
		expect(out).toBe('');
		expect(err).toBe(`iam-wizard: ${dir} holds no iam-wizard session files.\n`);
	});

	test('holding session files: exit 2 naming the folder and what export takes', async () => {
		const dir = await tempDir();
		await writeSession(dir, await newKey(), 1);
		const { code, out, err } = await run(['audit', 'export', dir]);
		expect(out).toBe('');
		expect(err).toBe(`iam-wizard: ${dir} is a folder: audit export takes one session file (audit verify ${dir} checks the whole folder).\n`);
		expect(code).toBe(2);
	});
});
