/**
 * Inputs iam-wizard keeps or reads that are not what they should be: one sentence naming the
 * path, exit 2 (never "unexpected error", exit 1).
 */
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { maxSnapshotBytes } from '../../source/aws/snapshot/read-snapshot-files.js';
import { runProgram } from '../../source/commands/program.js';
import { appPaths } from '../../source/settings/paths.js';
import { captureIo } from '../helpers/command-io.js';

describe('the keys folder is a file', () => {
	test.each([
		['audit pubkey', ['audit', 'pubkey']],
		['plan', ['plan', '--demo', '--out', join(mkdtempSync(join(tmpdir(), 'keys-')), 'plan.json')]],
	])('%s says so, naming the path, exit 2', async (_name, argv) => {
		const keys = appPaths().keys;
		mkdirSync(appPaths().config, { recursive: true });
		writeFileSync(keys, 'not a folder');
		try {
			const io = captureIo();
			expect(await runProgram(argv, io)).toBe(2);
			expect(io.err()).toBe(`iam-wizard: Cannot read the signing key in ${keys}: part of that path is a file, not a folder; move the file away, or pass --signing-key FILE.\n`);
		} finally {
			rmSync(keys);
		}
	});
});

describe('a snapshot over the size limit', () => {
	test('is refused before it is read, with its size and the limit', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'huge-')), 'authorization-details.json');
		// A sparse file: the size is on record, no disk is used.
		const fd = openSync(file, 'w');
		ftruncateSync(fd, maxSnapshotBytes + 5 * 1024 * 1024);
		closeSync(fd);
		const io = captureIo();
		expect(await runProgram(['scan', '--snapshot', file], io)).toBe(2);
		expect(io.err()).toBe(`iam-wizard: ${file} is 261 MiB, more than the 256 MiB a snapshot may be: it is not IAM authorization details\n`);
	});
});
