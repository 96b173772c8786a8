/**
 * Verification is strict about bytes and names: a line must be exactly the canonical form
 * of its record (no spaces, no CRLF, no duplicated key), a file's name must agree with its
 * header, and a log directory holds nothing but its session files (issue 15, findings 2 and 6).
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { clock, freshSession, writeLines, writeSession } from './log-fixtures.js';

let dir: string;
let key: SigningKey;
let file: string;
let lines: string[];

beforeEach(async () => {
	({ dir, key, file, lines } = await freshSession(3));
});

async function problemAfter(edit: (lines: string[]) => string[]) {
	await writeLines(file, edit([...lines]));
	const report = await verifyLogs([dir], { pubkey: key.publicKeyPem });
	expect(report.ok).toBe(false);
	return report.problem!;
}

describe('a line must be the canonical bytes of its record', () => {
	test('a space after a colon', async () => {
		const problem = await problemAfter((l) => {
			l[2] = l[2].replace('"ok":true', '"ok": true');
			return l;
		});
		expect(problem).toMatchObject({ kind: 'non-canonical', line: 3, recordType: 'result' });
		expect(problem.message).toContain('not the canonical form');
	});

	test('a CRLF line end', async () => {
		const problem = await problemAfter((l) => {
			l[2] = `${l[2]}\r`;
			return l;
		});
		expect(problem).toMatchObject({ kind: 'non-canonical', line: 3 });
	});

	test('keys out of order', async () => {
		const problem = await problemAfter((l) => {
			const record = JSON.parse(l[1]) as Record<string, unknown>;
			const { type, ...rest } = record;
			l[1] = JSON.stringify({ type, ...rest });
			return l;
		});
		expect(problem).toMatchObject({ kind: 'non-canonical', line: 2 });
	});

	test('a duplicated key: a reader keeping the first value would see a failed action', async () => {
		const problem = await problemAfter((l) => {
			expect(l[2]).toContain('"ok":true');
			l[2] = l[2].replace('"ok":true', '"ok":false,"ok":true');
			return l;
		});
		expect(problem).toMatchObject({ kind: 'duplicate-key', line: 3, recordType: 'result' });
		expect(problem.message).toContain('"ok"');
	});

	test('bytes that are not UTF-8', async () => {
		const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));
		const at = bytes.indexOf('CHG-1234');
		bytes[at] = 0xff;
		await writeFile(file, bytes);
		const report = await verifyLogs([dir], { pubkey: key.publicKeyPem });
		expect(report.problem).toMatchObject({ kind: 'malformed', line: 2 });
		expect(report.problem!.message).toContain('UTF-8');
	});
});

describe('file names agree with headers, and a log directory holds only session files', () => {
	test('a session file renamed to another session id', async () => {
		const renamed = file.replace(/-[0-9a-f-]+\.jsonl$/, '-00000000-0000-4000-8000-000000000000.jsonl');
		await rename(file, renamed);
		const report = await verifyLogs([dir], { pubkey: key.publicKeyPem });
		expect(report.problem).toMatchObject({ kind: 'misnamed', line: 1, file: renamed });
		expect(report.problem!.message).toMatch(/session id/);
	});

	test('a session file renamed to another start time', async () => {
		const renamed = join(dir, file.split('/').pop()!.replace(/^2026-11-27T20-15-0\d/, '2026-11-27T19-00-00'));
		await rename(file, renamed);
		const report = await verifyLogs([renamed], { pubkey: key.publicKeyPem });
		expect(report.problem).toMatchObject({ kind: 'misnamed', line: 1 });
		expect(report.problem!.message).toMatch(/start/);
	});

	test('in a directory, a renamed file that still sorts in place is named, and so is the next header naming it', async () => {
		await writeSession(dir, key, 1, clock(Date.parse('2026-11-28T09:00:00Z')));
		const name = file.split('/').pop()!;
		const moved = join(dir, name.replace(/^2026-11-27T20-15-0\d\.\d{3}Z/, '2026-11-27T23-59-59.999Z'));
		await rename(file, moved);
		const report = await verifyLogs([dir], { pubkey: key.publicKeyPem });
		expect(report.problem).toMatchObject({ kind: 'misnamed', file: moved, line: 1 });
	});

	test('an unexpected .jsonl file in the directory', async () => {
		await writeFile(join(dir, 'notes.jsonl'), lines[0] + '\n');
		const report = await verifyLogs([dir], { pubkey: key.publicKeyPem });
		expect(report.problem).toMatchObject({ kind: 'unexpected-file', file: join(dir, 'notes.jsonl') });
		expect(report.problem!.message).toContain('notes.jsonl');
	});

	test('lock files of the directory and of its sessions are expected', async () => {
		await writeFile(join(dir, '.iam-wizard-log.lock'), '');
		await writeFile(`${file}.lock`, '');
		expect((await verifyLogs([dir], { pubkey: key.publicKeyPem })).ok).toBe(true);
	});
});
