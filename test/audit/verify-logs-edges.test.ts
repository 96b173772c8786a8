/**
 * What `audit verify` says at the edges of a log directory, each in the words the auditor
 * reads: the files a directory may hold besides sessions, paths given relative, a header
 * naming the wrong previous session, a session missing from the middle, a reconciliation that
 * saw a different end than the file has, --strict's sentence, and anchors that disagree with
 * a session that otherwise verifies.
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { findInterruptedSessions, reconcileInterrupted, type InterruptedSession } from '../../source/audit/interrupted-sessions.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import type { SessionAnchor } from '../../source/audit/session-anchor.js';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { AuditInputError } from '../../source/audit/audit-input-error.js';
import type { RecordBody } from '../../source/audit/log-records.js';
import { clock, deactivateKey, hashOf, logApplied, newKey, parse, readLines, resign, session, tempDir, writeCrashedSession, writeLines, writeSession } from './log-fixtures.js';

let dir: string;
let key: SigningKey;

beforeEach(async () => {
	dir = await tempDir();
	key = await newKey();
});

const day = (d: number) => clock(Date.parse(`2026-11-${String(d).padStart(2, '0')}T09:00:00Z`));

describe('what a log directory may hold besides session files', () => {
	let name: string;
	beforeEach(async () => {
		name = basename(await writeSession(dir, key, 1, day(20)));
	});

	test("a session's lock and a half-made header of a session name pass", async () => {
		await writeFile(join(dir, `${name}.lock`), '');
		await writeFile(join(dir, `${name.replace('2026-11-20', '2026-11-21')}.partial`), '');
		const report = await verifyLogs([dir]);
		expect(report.summary).toMatch(/^OK: /);
	});

	test.each([
		['a lock of no session in the directory', (n: string) => `${n.replace('2026-11-20', '2026-11-19')}.lock`],
		['a lock with more after it', (n: string) => `${n}.lock.old`],
		['a partial with more after it', (n: string) => `${n}.partial.tmp`],
		['a partial of a name that is not a session file', () => 'notes.jsonl.partial'],
		['a copy beside the session', (n: string) => `copy-${n}`],
	])('%s is an unexpected file', async (_what, stranger) => {
		const file = stranger(name);
		await writeFile(join(dir, file), 'x');
		const report = await verifyLogs([dir]);
		expect(report.ok).toBe(false);
		expect(report.problem).toMatchObject({ kind: 'unexpected-file', file: join(dir, file), line: 0 });
		expect(report.summary).toBe(`FAILED: ${file}: unexpected file: ${file} is in the log directory ${dir} but is not a session file named <start>-<session id>.jsonl (nor a lock of one); a log directory holds only session files`);
	});

	test('of several unexpected files, the first by name is the one reported', async () => {
		await writeFile(join(dir, 'zz.txt'), 'x');
		await writeFile(join(dir, 'aa.txt'), 'x');
		expect((await verifyLogs([dir])).problem?.file).toBe(join(dir, 'aa.txt'));
	});
});

describe('paths as the operator types them', () => {
	test('a relative directory is reported by absolute file names, and naming it twice checks it once', async () => {
		const file = await writeSession(dir, key, 1, day(20));
		const rel = relative(process.cwd(), dir);
		const report = await verifyLogs([rel, dir]);
		expect(report.files).toEqual([file]);
		expect(report.summary).toMatch(/^OK: \S+\.jsonl: 4 records, 1 action \(1 ok, 0 failed\)/);
	});

	test('a --pubkey that is not a key is named as the --pubkey file', async () => {
		const file = await writeSession(dir, key, 1, day(20));
		await expect(verifyLogs([file], { pubkey: 'not a key' })).rejects.toThrow(/The --pubkey file/);
	});

	test('no path, a path that does not exist, and a folder without sessions are each refused in a sentence', async () => {
		await expect(verifyLogs([])).rejects.toThrow(new AuditInputError('Name at least one change-log file or directory to verify'));
		await expect(verifyLogs([join(dir, 'gone')])).rejects.toThrow(new AuditInputError(`${join(dir, 'gone')} does not exist`));
		await expect(verifyLogs([dir])).rejects.toThrow(new AuditInputError(`${dir} holds no iam-wizard session files`));
	});

	test('files named one by one are each checked, the last too; records and actions are summed, signers taken from headers only', async () => {
		const first = await writeSession(dir, key, 1, day(20));
		const second = await writeSession(dir, key, 2, day(21));
		const both = await verifyLogs([first, second]);
		expect(both).toMatchObject({ ok: true, records: 10, actions: 3, signers: [key.fingerprint], pinned: false });
		expect(both.summary).toMatch(/, chain intact, sealed\.$/);
		expect(await verifyLogs([first, second], { pubkey: key.publicKeyPem })).toMatchObject({ ok: true, pinned: true });
		// The second file with its header gone: still checked, and no signer comes of it.
		await writeLines(second, (await readLines(second)).slice(1));
		const headless = await verifyLogs([first, second]);
		expect(headless).toMatchObject({ ok: false, problem: { file: second, line: 1 }, signers: [key.fingerprint] });
	});

	test('a path under a file is reported as not existing', async () => {
		const file = await writeSession(dir, key, 1, day(20));
		await expect(verifyLogs([join(file, 'child')])).rejects.toThrow(`${join(file, 'child')} does not exist`);
	});
});

describe("the chain between a directory's sessions", () => {
	let first: string;
	let second: string;
	let third: string;
	beforeEach(async () => {
		first = await writeSession(dir, key, 1, day(20));
		second = await writeSession(dir, key, 1, day(21));
		third = await writeSession(dir, key, 1, day(22));
	});

	test('a header with the right previous hash but another previous session name is misnamed', async () => {
		const lines = await readLines(second);
		const header = parse(lines[0]!) as unknown as Record<string, unknown>;
		expect(header.prevSession).toBe(basename(first));
		await writeLines(second, resign([lines[0]!.replace(basename(first), 'renamed.jsonl'), ...lines.slice(1)], key, 0));
		const report = await verifyLogs([dir]);
		expect(report.problem).toMatchObject({ kind: 'misnamed', line: 1, file: second });
		expect(report.problem?.detail).toBe(`its header names the previous session renamed.jsonl, but the file before it is ${basename(first)}`);
	});

	test('a session without its header in a directory is a problem there, not a crash', async () => {
		await writeLines(second, (await readLines(second)).slice(1));
		const report = await verifyLogs([dir]);
		expect(report.problem).toMatchObject({ file: second, line: 1 });
	});

	test('a header naming a previous session where there is none, or none where there is one, is misnamed', async () => {
		const edit = async (file: string, from: string, to: string) => {
			const lines = await readLines(file);
			await writeLines(file, resign([lines[0]!.replace(from, to), ...lines.slice(1)], key, 0));
		};
		await edit(first, '"prevSession":null', '"prevSession":"ghost.jsonl"');
		expect((await verifyLogs([dir])).problem?.detail).toBe('its header names the previous session ghost.jsonl, but the file before it is none');
		await edit(first, '"prevSession":"ghost.jsonl"', '"prevSession":null');
		await edit(second, `"prevSession":"${basename(first)}"`, '"prevSession":null');
		expect((await verifyLogs([dir])).problem?.detail).toBe(`its header names the previous session none, but the file before it is ${basename(first)}`);
	});

	test('the first session chaining to a later one is reordered, chaining to nothing before it', async () => {
		const thirdLines = await readLines(third);
		const lines = await readLines(first);
		const last = hashOf(parse(thirdLines.at(-1)!));
		await writeLines(first, resign([lines[0]!.replace('"prev":null', `"prev":"${last}"`), ...lines.slice(1)], key, 0));
		const report = await verifyLogs([dir]);
		expect(report.problem).toMatchObject({ kind: 'reordered', line: 1, file: first });
		expect(report.problem?.detail).toBe(`its header chains to ${basename(third)}, not to nothing before it (session files renamed or out of order)`);
	});

	test('a session missing before one that is also modified further down: the missing session is named first, and no note about the newest session', async () => {
		await rm(second);
		const lines = await readLines(third);
		await writeLines(third, [lines[0]!, lines[1]!.replace('CHG-1234', 'CHG-9999'), ...lines.slice(2)]);
		const report = await verifyLogs([dir]);
		expect(report.problem).toMatchObject({ kind: 'session-missing', line: 1, file: third });
		expect(report.notes.filter((n) => n.startsWith('Without anchors'))).toEqual([]);
	});

	test('a header edited without the key is named for its broken signature before the previous session it misnames', async () => {
		const lines = await readLines(second);
		await writeLines(second, [lines[0]!.replace(`"prevSession":"${basename(first)}"`, '"prevSession":"renamed.jsonl"'), ...lines.slice(1)]);
		expect((await verifyLogs([dir])).problem).toMatchObject({ kind: 'modified', line: 1, file: second });
	});

	test('a session removed from the middle is named before the session that chains to it', async () => {
		const lastOfSecond = parse((await readLines(second)).at(-1)!);
		await rm(second);
		const report = await verifyLogs([dir]);
		const hash = (parse((await readLines(third))[0]!) as unknown as { prev: string }).prev;
		expect(hash).not.toBe(lastOfSecond.prev);
		expect(report.problem).toMatchObject({ kind: 'session-missing', line: 1, file: third });
		expect(report.summary).toBe(
			`FAILED: ${basename(third)}: session missing before ${basename(third)}: its header chains to ${basename(second)} (last hash ${hash.slice(0, 12)}…), which is not in this directory`,
		);
	});

	test('a session missing before a header that names no previous session is called an earlier session', async () => {
		await rm(second);
		const lines = await readLines(third);
		await writeLines(third, resign([lines[0]!.replace(`"prevSession":"${basename(second)}"`, '"prevSession":null'), ...lines.slice(1)], key, 0));
		const hash = (parse(lines[0]!) as unknown as { prev: string }).prev;
		expect((await verifyLogs([dir])).problem?.detail).toBe(`its header chains to an earlier session (last hash ${hash.slice(0, 12)}…), which is not in this directory`);
	});

	test('an earlier session that now ends elsewhere is modified, with both hashes in the sentence', async () => {
		const lines = await readLines(second);
		// The seal re-made over a changed record: the second session verifies alone but ends at another hash.
		const edited = [lines[0]!, lines[1]!.replace('CHG-1234', 'CHG-9999'), ...lines.slice(2)];
		await writeLines(second, resign(edited, key, 1));
		expect((await verifyLogs([second])).ok).toBe(true);
		const report = await verifyLogs([dir]);
		const claimed = (parse((await readLines(third))[0]!) as unknown as { prev: string }).prev;
		expect(report.problem).toMatchObject({ kind: 'modified', file: third });
		expect(report.problem?.detail).toMatch(new RegExp(`at last hash ${claimed.slice(0, 12)}…, but that file now ends at [0-9a-f]{12}…`));
		expect(report.problem?.detail).not.toContain(`now ends at ${claimed.slice(0, 12)}`);
	});
});

/** A session cut after two actions (seal gone) and reconciled by the next run. */
async function cutAndReconciled(): Promise<{ cut: string; next: string }> {
	const cut = await writeSession(dir, key, 4, day(20));
	await writeLines(cut, (await readLines(cut)).slice(0, 5));
	const log = await openAuditLog({ dir, key, session, now: day(21) });
	for (const interrupted of await findInterruptedSessions(dir)) await reconcileInterrupted(log, interrupted, async () => null);
	await logApplied(log, deactivateKey('zed', 'AKIAIOSFODNN7EXAMPLZ'), day(21));
	await log.close();
	return { cut, next: log.file };
}

describe('a reconciled session', () => {
	test('passes only while the reconciliation saw exactly the end the file has', async () => {
		const { cut } = await cutAndReconciled();
		const report = await verifyLogs([dir], { pubkey: key.publicKeyPem });
		expect(report.ok).toBe(true);
		expect(report.reconciled).toEqual([basename(cut)]);
		expect(report.summary).toContain('sealed or reconciled (1 interrupted session reconciled)');
	});

	test.each([
		['another last hash', (r: Record<string, unknown>) => ({ ...r, lastHash: 'ab'.repeat(32) })],
		['another file digest', (r: Record<string, unknown>) => ({ ...r, fileDigest: 'cd'.repeat(32) })],
		['another size', (r: Record<string, unknown>) => ({ ...r, bytes: (r.bytes as number) + 1 })],
		['another record count', (r: Record<string, unknown>) => ({ ...r, records: (r.records as number) - 1 })],
	])("a reconciliation that saw %s fails, naming where it reconciled", async (_what, change: (r: Record<string, unknown>) => Record<string, unknown>) => {
		const { cut, next } = await cutAndReconciled();
		const lines = await readLines(next);
		const { prev: _p, kid: _k, sig: _s, ...record } = parse(lines[1]!) as unknown as Record<string, unknown>;
		const changed = change(record);
		await writeLines(next, resign([lines[0]!, JSON.stringify(changed), ...lines.slice(2)], key, 1));
		const report = await verifyLogs([dir]);
		expect(report.ok).toBe(false);
		expect(report.problem?.file).toBe(cut);
		expect(report.problem?.detail).toContain(`; ${basename(next)} reconciled it at a different point (last hash ${String(changed.lastHash).slice(0, 12)}…), so records were added or removed after the crash`);
	});

	test('named on its own, it is judged against the later sessions of its directory', async () => {
		const { cut } = await cutAndReconciled();
		const report = await verifyLogs([cut]);
		expect(report.ok).toBe(true);
		expect(report.warnings[0]).toMatch(new RegExp(`^WARNING: ${basename(cut)} ended after a complete record, without a seal after 5 records`));
	});

	test('named on its own, a reconciliation counts only if its session verifies up to it', async () => {
		const { cut, next } = await cutAndReconciled();
		const lines = await readLines(next);
		// Edited without the key: the reconciliation itself no longer verifies.
		await writeLines(next, [lines[0]!, lines[1]!.replace('"outcome":"nothing-pending"', '"outcome":"applied"'), ...lines.slice(2)]);
		const forged = await verifyLogs([cut]);
		expect(forged.ok).toBe(false);
		expect(forged.problem?.detail).toContain(', and no later session in this directory reconciled it');
		// A record after the reconciliation edited instead: the reconciliation still stands for the cut file.
		await writeLines(next, [lines[0]!, lines[1]!, lines[2]!.replace('CHG-1234', 'CHG-9999'), ...lines.slice(3)]);
		expect((await verifyLogs([cut])).ok).toBe(true);
	});

	/** Sessions on each of `days`, each cut after its first action, then a session the next day reconciling those `which` picks. */
	async function cutSessions(days: number[], which: (found: InterruptedSession[]) => InterruptedSession[]): Promise<string[]> {
		const cut: string[] = [];
		for (const d of days) {
			const file = await writeSession(dir, key, 2, day(d));
			await writeLines(file, (await readLines(file)).slice(0, 3));
			cut.push(file);
		}
		const log = await openAuditLog({ dir, key, session, now: day(days.at(-1)! + 1) });
		for (const interrupted of which(await findInterruptedSessions(dir))) await reconcileInterrupted(log, interrupted, async () => null);
		await log.close();
		return cut;
	}

	test('two interrupted sessions reconciled are counted in the plural', async () => {
		await cutSessions([19, 20], (found) => found);
		const report = await verifyLogs([dir]);
		expect(report.reconciled).toHaveLength(2);
		expect(report.summary).toMatch(/, chain intact, sealed or reconciled \(2 interrupted sessions reconciled\)\.$/);
	});

	test('a reconciliation of another interrupted session does not count for this one', async () => {
		const [unreconciled] = await cutSessions([19, 20], (found) => found.slice(1));
		const report = await verifyLogs([unreconciled!]);
		expect(report.ok).toBe(false);
		expect(report.problem?.detail).toContain(', and no later session in this directory reconciled it');
	});

	test('an earlier session reconciling it does not count', async () => {
		const { cut, next } = await cutAndReconciled();
		const { prev: _prev, kid: _kid, sig: _sig, ...reconciliation } = parse((await readLines(next))[1]!);
		// The same reconciliation in a session that sorts before the cut one, named and signed as a session should be.
		await writeCrashedSession(dir, key, { start: new Date('2026-11-19T09:00:00Z'), reconciliations: [reconciliation as RecordBody] });
		await rm(next);
		const report = await verifyLogs([cut]);
		expect(report.ok).toBe(false);
		expect(report.problem?.detail).toContain(', and no later session in this directory reconciled it');
	});

	test("--strict fails on it with the warning's words about the session", async () => {
		const { cut } = await cutAndReconciled();
		const report = await verifyLogs([dir], { strict: true });
		expect(report.problem).toMatchObject({ kind: 'reconciled', file: cut });
		expect(report.problem?.detail).toMatch(/^it ended after a complete record, without a seal after 5 records \(\d+ bytes, last hash [0-9a-f]{12}…\); /);
		expect(report.problem?.detail).toMatch(/ \(--strict fails on a reconciled session\)$/);
	});
});

describe('anchors against a session that verifies on its own', () => {
	async function anchored(): Promise<{ file: string; anchor: SessionAnchor }> {
		const log = await openAuditLog({ dir, key, session, now: day(20) });
		for (let i = 0; i < 4; i += 1) await logApplied(log, deactivateKey(`a${i}`, `AKIAIOSFODNN7EXAMPL${i}`), day(20));
		await log.close();
		return { file: log.file, anchor: log.anchor()! };
	}

	test('one anchor is said in the singular; an anchored session missing among files named one by one is named by its own name', async () => {
		const { file, anchor } = await anchored();
		expect((await verifyLogs([dir], { anchors: [anchor] })).notes).toContain('1 anchored session present, whole and unchanged.');
		const other = await writeSession(await tempDir(), key, 1, day(22));
		const report = await verifyLogs([other], { anchors: [anchor] });
		expect(report.problem).toMatchObject({ kind: 'session-missing', line: 0, file: basename(file) });
		expect(report.problem?.detail).toBe(`the anchored session ${basename(file)} (${anchor.records} records, seal ${anchor.sealHash.slice(0, 12)}…) is not in the log: it was removed`);
	});

	test('a header other than the anchored one is modified at line 1', async () => {
		const { file, anchor } = await anchored();
		const report = await verifyLogs([dir], { anchors: [{ ...anchor, headerHash: 'ef'.repeat(32) }] });
		expect(report.problem).toMatchObject({ kind: 'modified', line: 1, file });
		expect(report.problem?.detail).toBe(`its header is not the anchored one (anchored ${'ef'.repeat(6)}…)`);
	});

	test('a seal other than the anchored one is modified at the anchored record', async () => {
		const { file, anchor } = await anchored();
		const report = await verifyLogs([dir], { anchors: [{ ...anchor, sealHash: '12'.repeat(32) }] });
		expect(report.problem).toMatchObject({ kind: 'modified', line: anchor.records, file });
		expect(report.problem?.detail).toBe(`record ${anchor.records} is not the anchored seal ${'12'.repeat(6)}…`);
	});

	test('cut, reconciled over, and so passing alone: truncated against its anchor', async () => {
		const { file, anchor } = await anchored();
		await writeLines(file, (await readLines(file)).slice(0, 5));
		const log = await openAuditLog({ dir, key, session, now: day(21) });
		for (const interrupted of await findInterruptedSessions(dir)) await reconcileInterrupted(log, interrupted, async () => null);
		await log.close();
		expect((await verifyLogs([dir])).ok).toBe(true);
		const report = await verifyLogs([dir], { anchors: [anchor] });
		expect(report.problem).toMatchObject({ kind: 'truncated', line: 5, file });
		expect(report.problem?.detail).toBe(`the session was anchored with ${anchor.records} records ending in seal ${anchor.sealHash.slice(0, 12)}…, and 5 remain`);
	});

	test('where every session keeps an anchor, a sealed one after the first anchored without one is unanchored; one before it is not', async () => {
		const a = await writeSession(dir, key, 1, day(20));
		const b = await writeSession(dir, key, 1, day(21));
		const c = await writeSession(dir, key, 1, day(22));
		const d = await writeSession(dir, key, 1, day(23));
		const anchorOf = async (f: string): Promise<SessionAnchor> => {
			const lines = (await readLines(f)).map(parse);
			const hash = (await import('./log-fixtures.js')).hashOf;
			return { file: basename(f), headerHash: hash(lines[0]!), sealHash: hash(lines.at(-1)!), records: lines.length };
		};
		const anchors = [await anchorOf(b), await anchorOf(d)];
		const report = await verifyLogs([dir], { anchors, anchoredEverySessionIn: 's3://bucket/logs' });
		expect(report.problem).toMatchObject({ kind: 'unanchored', line: 1, file: c });
		// Files named newest first: the first anchored session is still the earliest by name.
		expect((await verifyLogs([d, c, b, a], { anchors, anchoredEverySessionIn: 's3://bucket/logs' })).problem).toMatchObject({ kind: 'unanchored', file: c });
		expect(report.problem?.detail).toBe(`it has no anchor in s3://bucket/logs, where every session since ${basename(b)} kept one as it ended: it was written by a run without --anchors s3://bucket/logs, or by someone else`);
		expect(basename(a) < basename(b)).toBe(true);
		const fine = await verifyLogs([dir], { anchors: [...anchors, await anchorOf(c)], anchoredEverySessionIn: 's3://bucket/logs' });
		expect(fine.ok).toBe(true);
		expect(fine.notes).toContain('3 anchored sessions present, whole and unchanged.');
		expect((await readdir(dir)).length).toBe(4);
	});
});
