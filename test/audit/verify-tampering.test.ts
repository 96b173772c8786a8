import { rm } from 'node:fs/promises';
import { beforeEach, describe, expect, test } from 'vitest';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { clock, freshSession, hashOf, newKey, parse, readLines, resign, tempDir, writeLines, writeSession } from './log-fixtures.js';

let dir: string;
let key: SigningKey;
let file: string;
let lines: string[];

beforeEach(async () => {
	// header, 5 × (intent, result), seal: 12 records.
	({ dir, key, file, lines } = await freshSession(5));
});

async function problemAfter(edit: (lines: string[]) => string[], options: Parameters<typeof verifyLogs>[1] = {}) {
	await writeLines(file, edit([...lines]));
	const report = await verifyLogs([file], options);
	expect(report.ok).toBe(false);
	return report.problem!;
}

describe('a log as written', () => {
	test('verifies, with a one-line summary that says the signer is not pinned', async () => {
		const report = await verifyLogs([file]);
		expect(report.ok).toBe(true);
		expect(lines).toHaveLength(12);
		expect(report.summary).toMatch(/^OK: .*: 12 records, 5 actions \(5 ok, 0 failed\), signer SHA256:\S+ \(NOT pinned\), chain intact, sealed\.$/);
		expect(report.summary).toContain(key.fingerprint);
		expect(report.notes.join(' ')).toMatch(/NOT pinned/);
	});

	test('verifies against the pinned key and says so', async () => {
		const report = await verifyLogs([file], { pubkey: key.publicKeyPem });
		expect(report.ok).toBe(true);
		expect(report.summary).toContain('(pinned)');
		expect(report.notes).toEqual(['Files named one by one are checked on their own; verify their log directory to also catch whole sessions removed from it.']);
		const notes = (await verifyLogs([dir], { pubkey: key.publicKeyPem })).notes;
		expect(notes).toHaveLength(1);
		expect(notes[0]).toMatch(/^Without anchors, removing the newest sessions leaves no trace in the files: the newest here is /);
	});
});

describe('each kind of tampering is caught and named', () => {
	test('a modified field', async () => {
		const problem = await problemAfter((l) => {
			l[3] = l[3].replace('CHG-1234 quarterly key hygiene', 'CHG-9999 approved by nobody');
			return l;
		});
		expect(problem).toMatchObject({ kind: 'modified', line: 4, recordType: 'intent' });
		expect(problem.message).toContain('record 4 (line 4, intent, seq 2): modified');
	});

	test('a modified field in the middle of a result (the before state)', async () => {
		const problem = await problemAfter((l) => {
			l[6] = l[6].replace('"before":{"Status":"Active"}', '"before":{"Status":"Inactive"}');
			return l;
		});
		expect(problem).toMatchObject({ kind: 'modified', line: 7, recordType: 'result' });
	});

	test('a deleted record', async () => {
		const problem = await problemAfter((l) => [...l.slice(0, 4), ...l.slice(5)]);
		expect(problem).toMatchObject({ kind: 'deleted', line: 5 });
		expect(problem.message).toMatch(/record 5 \(line 5, intent, seq 3\): deleted: the record before it is missing/);
	});

	test('a deleted header', async () => {
		const problem = await problemAfter((l) => l.slice(1));
		expect(problem).toMatchObject({ kind: 'deleted', line: 1 });
	});

	test('an inserted record (forged: not signed by the key)', async () => {
		const forged = parse(lines[3]);
		const fake = { ...forged, reason: 'CHG-0000 inserted later', seq: 9 };
		const problem = await problemAfter((l) => [...l.slice(0, 4), JSON.stringify(fake), ...l.slice(4)]);
		expect(problem).toMatchObject({ kind: 'inserted', line: 5 });
		expect(problem.message).toContain('record 5 (line 5, intent, seq 9): inserted');
	});

	test('an inserted record (a copy of a genuine one)', async () => {
		const problem = await problemAfter((l) => [...l.slice(0, 6), l[2], ...l.slice(6)]);
		expect(problem).toMatchObject({ kind: 'inserted', line: 7 });
		expect(problem.message).toContain('a copy of record 3');
	});

	test('a record appended after the seal', async () => {
		const other = await readLines(await writeSession(await tempDir(), key, 1));
		const problem = await problemAfter((l) => [...l, other[1]]);
		expect(problem).toMatchObject({ kind: 'inserted', line: 13 });
		expect(problem.message).toContain('after the seal (record 12)');
	});

	test('reordered records', async () => {
		const problem = await problemAfter((l) => [...l.slice(0, 3), l[4], l[3], ...l.slice(5)]);
		expect(problem).toMatchObject({ kind: 'reordered', line: 4, recordType: 'result' });
		expect(problem.message).toContain('record 4 (line 4, result, seq 2): reordered: it belongs right after record 5');
	});

	test('truncated: the seal removed', async () => {
		const problem = await problemAfter((l) => l.slice(0, -1));
		expect(problem).toMatchObject({ kind: 'truncated', line: 11, recordType: 'result' });
		expect(problem.message).toMatch(/record 11 \(line 11, result, seq 5\): truncated: the file ends here without a seal, and no later session/);
	});

	test('truncated: the last records and the seal removed', async () => {
		const problem = await problemAfter((l) => l.slice(0, 6));
		expect(problem).toMatchObject({ kind: 'truncated', line: 6 });
	});

	test('re-signed with another key: passes unpinned (and says so), fails pinned', async () => {
		const forger = await newKey();
		await writeLines(file, resign(lines, forger));
		const unpinned = await verifyLogs([file]);
		expect(unpinned.ok).toBe(true);
		expect(unpinned.summary).toContain(forger.fingerprint);
		expect(unpinned.notes.join(' ')).toMatch(/NOT pinned/);

		const pinned = await verifyLogs([file], { pubkey: key.publicKeyPem });
		expect(pinned.ok).toBe(false);
		expect(pinned.problem).toMatchObject({ kind: 'signed-by-another-key', line: 1, recordType: 'header' });
		expect(pinned.problem!.message).toContain(`signed by ${forger.fingerprint}, not by the key pinned for this check (${key.fingerprint})`);
		expect(pinned.problem!.message).toContain('re-signed');
	});

	test('one record signed by a different key than the header names', async () => {
		const other = await newKey();
		const problem = await problemAfter((l) => resign(l, other, 5));
		expect(problem).toMatchObject({ kind: 'signed-by-another-key', line: 6, recordType: 'intent' });
		expect(problem.message).toContain(`signed by ${other.fingerprint}, not by the key the header names (${key.fingerprint})`);
	});

	test('a malformed line (not JSON)', async () => {
		const problem = await problemAfter((l) => {
			l[2] = l[2].slice(0, 40);
			return l;
		});
		expect(problem).toMatchObject({ kind: 'malformed', line: 3 });
		expect(problem.message).toContain('record 3 (line 3): malformed line: not JSON');
	});

	test('a malformed line (a required field missing)', async () => {
		const problem = await problemAfter((l) => {
			const { sig: _sig, ...rest } = parse(l[4]);
			l[4] = JSON.stringify(rest);
			return l;
		});
		expect(problem).toMatchObject({ kind: 'malformed', line: 5 });
		expect(problem.message).toContain('missing or invalid sig');
	});

	test('signature checks on worker threads name the same first problem', async () => {
		const edit = (l: string[]) => {
			l[7] = l[7].replace('user3', 'mallory');
			return l;
		};
		const threaded = await problemAfter(edit, { threads: 2 });
		const inline = await problemAfter(edit, { threads: 0 });
		expect(threaded).toEqual(inline);
		expect(threaded).toMatchObject({ kind: 'modified', line: 8 });
	});
});

describe('a log directory is one chain of sessions', () => {
	test('three sessions verify together, each header chained to the one before', async () => {
		const now = clock(Date.parse('2026-11-28T09:00:00Z'));
		const second = await writeSession(dir, key, 1, now);
		const third = await writeSession(dir, key, 2, now);
		expect(parse((await readLines(second))[0]).prev).toBe(hashOf(parse(lines[lines.length - 1])));
		const report = await verifyLogs([dir]);
		expect(report.ok).toBe(true);
		expect(report.summary).toMatch(/^OK: 3 session files in .*: 22 records, 8 actions/);
		expect(third).not.toBe(second);
	});

	test('a whole session file removed from the middle', async () => {
		const now = clock(Date.parse('2026-11-28T09:00:00Z'));
		const second = await writeSession(dir, key, 1, now);
		const third = await writeSession(dir, key, 1, now);
		await rm(second);
		const report = await verifyLogs([dir]);
		expect(report.ok).toBe(false);
		expect(report.problem).toMatchObject({ kind: 'session-missing', line: 1, file: third });
		const name = third.split('/').pop()!;
		expect(report.problem!.message).toContain(`session missing before ${name}`);
		expect(report.problem!.message).toContain(second.split('/').pop()!);
	});

	test('the first session file removed', async () => {
		const now = clock(Date.parse('2026-11-28T09:00:00Z'));
		const second = await writeSession(dir, key, 1, now);
		await rm(file);
		const report = await verifyLogs([dir]);
		expect(report.problem).toMatchObject({ kind: 'session-missing', file: second });
	});

	test('an earlier session truncated after a later one began', async () => {
		const now = clock(Date.parse('2026-11-28T09:00:00Z'));
		await writeSession(dir, key, 1, now);
		await writeLines(file, lines.slice(0, -1));
		const report = await verifyLogs([dir]);
		expect(report.problem).toMatchObject({ kind: 'truncated', file, line: 11 });
	});
});
