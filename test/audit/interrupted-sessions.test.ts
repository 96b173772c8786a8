import { execFile } from 'node:child_process';
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { GatewayError } from '../../source/core/gateway-error.js';
import { digestOf } from '../../source/audit/canonical-record.js';
import { findInterruptedSessions, reconcileInterrupted } from '../../source/audit/interrupted-sessions.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import { loadOrCreateSigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import type { RecordBody } from '../../source/audit/log-records.js';
import { RecordChain } from '../../source/audit/record-chain.js';
import { clock, deactivateKey, hashOf, logApplied, newKey, parse, readLines, session, tempDir, writeCrashedSession, writeLines, writeSession } from './log-fixtures.js';

const run = promisify(execFile);

describe('a session killed mid-call', () => {
	test('is found on the next start, reconciled first thing in the new session, and then verifies', { timeout: 60_000 }, async () => {
		const dir = await tempDir();
		const keysDir = join(await tempDir(), 'keys');
		const child = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-writer.ts'), dir, keysDir], { cwd: process.cwd() }).catch(
			(error: { signal?: string; stdout?: string }) => error,
		);
		expect((child as { signal?: string }).signal).toBe('SIGKILL');
		const crashed = (child as { stdout: string }).stdout.trim();
		// The dead process's lock is still there.
		expect(await readdir(dir)).toContain(`${basename(crashed)}.lock`);

		const before = await verifyLogs([dir]);
		expect(before.ok).toBe(false);
		expect(before.problem).toMatchObject({ kind: 'truncated', file: crashed, line: 4, recordType: 'intent' });

		const interrupted = await findInterruptedSessions(dir);
		expect(interrupted).toHaveLength(1);
		const lines = await readLines(crashed);
		expect(interrupted[0]).toMatchObject({
			file: crashed,
			records: 4,
			pending: { seq: 2, action: deactivateKey('bob', 'AKIAI44QH8DHBEXAMPLE') },
			incompleteLastLine: false,
		});

		const key = await loadOrCreateSigningKey({ keysDir });
		const log = await openAuditLog({ dir, key, session, now: clock(Date.parse('2026-11-28T08:00:00Z')) });
		const reads: unknown[] = [];
		const outcome = await reconcileInterrupted(log, interrupted[0], async (action) => {
			reads.push(action);
			return { Status: 'Inactive' };
		});
		expect(outcome).toBe('applied');
		expect(reads).toEqual([deactivateKey('bob', 'AKIAI44QH8DHBEXAMPLE')]);
		await log.close();

		const records = (await readLines(log.file)).map(parse);
		expect(records.map((r) => r.type)).toEqual(['header', 'reconciliation', 'seal']);
		expect(records[1]).toMatchObject({ file: basename(crashed), lastHash: interrupted[0].lastHash, seq: 2, outcome: 'applied', observed: { Status: 'Inactive' } });
		expect(lines).toHaveLength(4);

		const after = await verifyLogs([dir]);
		expect(after.summary).toMatch(/^OK: 2 session files/);
		expect(after.reconciled).toEqual([basename(crashed)]);
		expect(after.summary).toContain('1 interrupted session reconciled');
		// The interrupted file alone verifies too: its reconciliation is found beside it.
		expect((await verifyLogs([crashed])).ok).toBe(true);
		expect(await findInterruptedSessions(dir)).toEqual([]);
	});
});

describe('findInterruptedSessions', () => {
	test('ignores sealed sessions and the one this process is writing', async () => {
		const dir = await tempDir();
		const key = await newKey();
		await writeSession(dir, key, 1);
		const open = await openAuditLog({ dir, key, session });
		expect(await findInterruptedSessions(dir)).toEqual([]);
		await open.close();
	});

	test('reports an unsealed session with no call in flight, and reconciling it needs no read', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const crashed = await writeCrashedSession(dir, key, { applied: 2 });
		const [found] = await findInterruptedSessions(dir);
		expect(found).toMatchObject({ file: crashed, records: 5 });
		expect(found.pending).toBeUndefined();
		const log = await openAuditLog({ dir, key, session });
		const outcome = await reconcileInterrupted(log, found, async () => {
			throw new Error('must not read');
		});
		expect(outcome).toBe('nothing-pending');
		await log.close();
		expect((await verifyLogs([dir])).ok).toBe(true);
	});

	test('judges the outcome from what the resource looks like now', async () => {
		const action = deactivateKey('carol', 'AKIAEXAMPLECAROL0001');
		const create = { kind: 'iam:CreateGroup', params: { GroupName: 'auditors' }, step: 1, findingIds: [], summary: 'Create group auditors' } as const;
		const cases: [typeof action | typeof create, () => Promise<unknown>, string][] = [
			[action, async () => ({ Status: 'Inactive' }), 'applied'],
			[action, async () => ({ Status: 'Active' }), 'not-applied'],
			[action, async () => Promise.reject(new GatewayError('Throttled', 'slow down')), 'unknown'],
			[create, async () => Promise.reject(new GatewayError('NoSuchEntity', 'no such group')), 'not-applied'],
			[create, async () => ({ exists: true }), 'applied'],
		];
		for (const [pending, read, expected] of cases) {
			const dir = await tempDir();
			const key = await newKey();
			await writeCrashedSession(dir, key, { pending: pending as never });
			const [found] = await findInterruptedSessions(dir);
			const log = await openAuditLog({ dir, key, session });
			expect(await reconcileInterrupted(log, found, read)).toBe(expected);
			await log.close();
			const reconciliation = parse((await readLines(log.file))[1]);
			expect(reconciliation).toMatchObject({ type: 'reconciliation', outcome: expected, seq: 1, action: pending });
			expect((await verifyLogs([dir])).ok).toBe(true);
		}
	});

	test('a resource read back with a lone surrogate is reconciled with U+FFFD in its place, digested as written', async () => {
		const dir = await tempDir();
		const key = await newKey();
		await writeCrashedSession(dir, key, { pending: deactivateKey('carol', 'AKIAEXAMPLECAROL0001') });
		const [found] = await findInterruptedSessions(dir);
		const log = await openAuditLog({ dir, key, session });
		expect(await reconcileInterrupted(log, found, async () => ({ Status: 'Inactive', Tags: { 'team\uDC00': 'x\uD800y' } }))).toBe('applied');
		await log.close();
		const reconciliation = parse((await readLines(log.file))[1]) as { observed: unknown; observedDigest: string };
		expect(reconciliation.observed).toEqual({ Status: 'Inactive', Tags: { 'team\uFFFD': 'x\uFFFDy' } });
		expect(reconciliation.observedDigest).toBe(digestOf(reconciliation.observed));
		expect((await verifyLogs([dir])).ok).toBe(true);
	});

	test('a reconciled file changed afterwards fails verification', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const crashed = await writeCrashedSession(dir, key, { applied: 1, pending: deactivateKey('dan', 'AKIAEXAMPLEDAN000001') });
		const [found] = await findInterruptedSessions(dir);
		const log = await openAuditLog({ dir, key, session });
		await reconcileInterrupted(log, found, async () => ({ Status: 'Active' }));
		await log.close();
		const lines = await readLines(crashed);
		// Drop the pending intent (pretend the call never was), keeping a valid chain.
		await writeLines(crashed, lines.slice(0, -1));
		const report = await verifyLogs([dir]);
		expect(report.problem).toMatchObject({ kind: 'truncated', file: crashed, line: 3 });
		expect(report.problem!.message).toMatch(/reconciled it at a different point/);
	});

	test('a half-written last line is excused only by a reconciliation of exactly those bytes', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const crashed = await writeCrashedSession(dir, key, { applied: 1 });
		await appendFile(crashed, '{"action":{"findingIds":["KEY_NOT');
		const unreconciled = await verifyLogs([dir]);
		expect(unreconciled.problem).toMatchObject({ kind: 'malformed', line: 4 });
		expect(unreconciled.problem!.message).toMatch(/partly written line, and no later session/);
		const [found] = await findInterruptedSessions(dir);
		expect(found).toMatchObject({ incompleteLastLine: true, records: 3 });
		const log = await openAuditLog({ dir, key, session });
		await reconcileInterrupted(log, found, async () => null);
		await log.close();
		expect((await verifyLogs([dir])).ok).toBe(true);
		await appendFile(crashed, '_ROTATED"]}');
		expect((await verifyLogs([dir])).ok).toBe(false);
	});

	test('a reconciliation must come before anything else in the new session', async () => {
		const dir = await tempDir();
		const key = await newKey();
		await writeCrashedSession(dir, key, { applied: 1 });
		const [found] = await findInterruptedSessions(dir);
		const now = clock();
		const log = await openAuditLog({ dir, key, session, now });
		await logApplied(log, deactivateKey('erin', 'AKIAEXAMPLEERIN00001'), now);
		await expect(reconcileInterrupted(log, found, async () => null)).rejects.toThrow(/before any intent/);
		await log.close();
	});
});

describe('findInterruptedSessions, from the files alone', () => {
	const start = (minute: number) => new Date(`2026-11-27T10:${String(minute).padStart(2, '0')}:00Z`);

	test('a folder of sealed sessions, or of none, has no interrupted session', async () => {
		const dir = await tempDir();
		expect(await findInterruptedSessions(dir)).toEqual([]);
		const key = await newKey();
		await writeSession(dir, key, 1, clock(Date.parse('2026-11-27T08:00:00Z')));
		await writeSession(dir, key, 1, clock(Date.parse('2026-11-27T09:00:00Z')));
		expect(await findInterruptedSessions(dir)).toEqual([]);
	});

	test('a session file with no complete record (empty, or one partial line) is not an interrupted session', async () => {
		const dir = await tempDir();
		await writeFile(join(dir, '2026-11-27T09-00-00.000Z-00000000-0000-4000-8000-000000000001.jsonl'), '');
		await writeFile(join(dir, '2026-11-27T09-01-00.000Z-00000000-0000-4000-8000-000000000002.jsonl'), '{"type":"head');
		expect(await findInterruptedSessions(dir)).toEqual([]);
	});

	test('what it tells of each: its name, last hash, records, session id, the intent left open, whether the last line is whole', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const headerOnly = await writeCrashedSession(dir, key, { start: start(0) });
		const answered = await writeCrashedSession(dir, key, { start: start(1), applied: 2 });
		const pending = deactivateKey('dan', 'AKIAEXAMPLEDAN000001');
		const open = await writeCrashedSession(dir, key, { start: start(2), applied: 1, pending });
		const found = await findInterruptedSessions(dir);
		const last = async (file: string) => hashOf(parse((await readLines(file)).at(-1)!));
		const id = '0badc0de-0000-4000-8000-000000000001';
		expect(found).toEqual([
			{ file: headerOnly, name: basename(headerOnly), lastHash: await last(headerOnly), records: 1, sessionId: id, incompleteLastLine: false },
			{ file: answered, name: basename(answered), lastHash: await last(answered), records: 5, sessionId: id, incompleteLastLine: false },
			{ file: open, name: basename(open), lastHash: await last(open), records: 4, sessionId: id, pending: { seq: 2, time: start(2).toISOString(), action: pending }, incompleteLastLine: false },
		]);
	});

	test('a file whose header line is damaged has no session id, and still names its open intent', async () => {
		const dir = await tempDir();
		const pending = deactivateKey('dan', 'AKIAEXAMPLEDAN000001');
		const file = await writeCrashedSession(dir, await newKey(), { applied: 1, pending });
		const lines = await readLines(file);
		await writeLines(file, ['{"type":"header"', ...lines.slice(1)]);
		const [found] = await findInterruptedSessions(dir);
		expect(found).not.toHaveProperty('sessionId');
		expect(found).toMatchObject({ records: 3, pending: { seq: 2, action: pending } });
	});

	test('only a later session reconciles: a reconciliation naming the file in an earlier session does not count', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const crashed = await writeCrashedSession(dir, key, { start: start(5), applied: 1 });
		const lastHash = hashOf(parse((await readLines(crashed)).at(-1)!));
		const bytes = (await readFile(crashed)).length;
		const reconciliation = { type: 'reconciliation', time: start(0).toISOString(), file: basename(crashed), lastHash, fileDigest: 'ab'.repeat(32), bytes, records: 3, ended: 'no-seal', outcome: 'nothing-pending' } as RecordBody;
		// An earlier (sealed) session that claims to have reconciled the later one.
		const earlier = await writeCrashedSession(dir, key, { start: start(0), reconciliations: [reconciliation] });
		const earlierLines = await readLines(earlier);
		const chain = new RecordChain(key, hashOf(parse(earlierLines.at(-1)!)));
		await writeLines(earlier, [...earlierLines, chain.append({ type: 'seal', time: start(0).toISOString(), count: 3, lastHash: chain.lastHash as string }).line.trimEnd()]);
		expect((await findInterruptedSessions(dir)).map((s) => s.file)).toEqual([crashed]);
		// The same reconciliation in a later session does (that session, left unsealed here, is then the interrupted one).
		const later = await writeCrashedSession(dir, key, { start: start(9), reconciliations: [reconciliation] });
		expect((await findInterruptedSessions(dir)).map((s) => s.file)).toEqual([later]);
	});
});
