/**
 * The sessions of a log directory form one chain (each header's `prev` is the last hash of
 * the session before it): a session that claims to be the first, one that chains to a
 * session other than the one before it, and an earlier session rewritten (even by the key
 * holder) after a later one began are each named at the later session's header.
 */
import { copyFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { clock, newKey, parse, readLines, resign, tempDir, writeLines, writeSession } from './log-fixtures.js';

let dir: string;
let key: SigningKey;
let first: string;

beforeEach(async () => {
	dir = await tempDir();
	key = await newKey();
	first = await writeSession(dir, key, 1, clock(Date.parse('2026-11-27T09:00:00Z')));
});

describe('a log directory’s chain of sessions', () => {
	test('a session that claims to be the first, placed after another, is an insertion', async () => {
		const elsewhere = await writeSession(await tempDir(), key, 1, clock(Date.parse('2026-11-28T09:00:00Z')));
		const inserted = join(dir, basename(elsewhere));
		await copyFile(elsewhere, inserted);
		const report = await verifyLogs([dir]);
		expect(report.problem).toMatchObject({ kind: 'inserted', line: 1, file: inserted });
		expect(report.problem?.message).toContain(`claims to be the first in the directory, but ${basename(first)} comes before it`);
	});

	test('a session that chains to one other than the file before it is reordered', async () => {
		const second = await writeSession(dir, key, 1, clock(Date.parse('2026-11-28T09:00:00Z')));
		const third = await writeSession(dir, key, 1, clock(Date.parse('2026-11-29T09:00:00Z')));
		// The second session's file renamed to sort last: the third now follows the first.
		const moved = join(dirname(second), basename(second).replace(/^2026-11-28/, '2026-11-30'));
		await rename(second, moved);
		const report = await verifyLogs([dir]);
		expect(report.problem).toMatchObject({ kind: 'reordered', line: 1, file: third });
		expect(report.problem?.message).toContain(`its header chains to ${basename(moved)}, not to ${basename(first)} before it`);
	});

	test('an earlier session rewritten and re-signed by the key holder after a later one began is modified', async () => {
		const second = await writeSession(dir, key, 1, clock(Date.parse('2026-11-28T09:00:00Z')));
		const lines = await readLines(first);
		// The result's recorded prior state changed, and every record from there re-signed and re-chained: the file alone verifies.
		const edited = [...lines.slice(0, 2), lines[2]!.replace('"before":{"Status":"Active"}', '"before":{"Status":"Inactive"}'), ...lines.slice(3)];
		expect(edited[2]).not.toBe(lines[2]);
		await writeLines(first, resign(edited, key, 2));
		expect((await verifyLogs([first])).ok).toBe(true);

		const report = await verifyLogs([dir]);
		expect(report.problem).toMatchObject({ kind: 'modified', line: 1, file: second });
		expect(report.problem?.message).toContain(`its header chains to ${basename(first)}`);
		expect(report.problem?.message).toContain('it was changed after this session began');
		expect(parse((await readLines(second))[0]!).prev).not.toBeNull();
	});
});
