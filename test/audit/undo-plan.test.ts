import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Action } from '../../source/core/actions.js';
import { AuditInputError, UndoRefusedError } from '../../source/audit/audit-input-error.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import { findUndoneActions, inverseForUndo, planUndo } from '../../source/audit/undo-plan.js';
import { readSessionSummary } from '../../source/audit/session-files.js';
import { clock, deactivateKey, logApplied, newKey, reactivate, readLines, session, tempDir, writeCrashedSession, writeLines } from './log-fixtures.js';

const deleteKey: Action = { kind: 'iam:DeleteAccessKey', params: { UserName: 'carol', AccessKeyId: 'AKIAEXAMPLECAROL0001' }, step: 5, findingIds: [], summary: 'Delete access key AKIAEXAMPLECAROL0001 of user carol' };
const putRule: Action = { kind: 'config:PutConfigRule', params: { ConfigRule: { ConfigRuleName: 'iam-root-access-key-check', Source: { Owner: 'AWS', SourceIdentifier: 'IAM_ROOT_ACCESS_KEY_CHECK' } } }, step: 6, findingIds: [], summary: 'Add Config rule iam-root-access-key-check' };

async function sessionWithEveryCase() {
	const dir = await tempDir();
	const key = await newKey();
	const now = clock();
	const log = await openAuditLog({ dir, key, session, now });
	await logApplied(log, deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE'), now); // 1: undoable
	const failed = deactivateKey('bob', 'AKIAI44QH8DHBEXAMPLE');
	let seq = await log.intent({ time: now().toISOString(), step: 5, action: failed, findingIds: [], reason: 'r' }); // 2: failed
	await log.result({ seq, time: now().toISOString(), ok: false, error: { code: 'AccessDenied', message: 'no' } });
	seq = await log.intent({ time: now().toISOString(), step: 5, action: deleteKey, findingIds: [], reason: 'r' }); // 3: irreversible
	await log.result({ seq, time: now().toISOString(), ok: true, inverse: null, before: { exists: true } });
	seq = await log.intent({ time: now().toISOString(), step: 6, action: putRule, findingIds: [], reason: 'r' }); // 4: no inverse from its state
	await log.result({ seq, time: now().toISOString(), ok: true, inverse: null, before: { exists: true } });
	await log.close();
	return { dir, key, file: log.file, records: (await readSessionSummary(log.file)).records };
}

describe('inverseForUndo', () => {
	test('returns the recorded inverse of an applied action', async () => {
		const { records, file } = await sessionWithEveryCase();
		const plan = inverseForUndo(records, 1, { file });
		expect(plan.inverse).toEqual(reactivate(deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE')));
		expect(plan).toMatchObject({ file, seq: 1, intent: { seq: 1 }, result: { seq: 1, ok: true } });
	});

	test('says why there is nothing to apply: unknown seq, failed, irreversible, no inverse recorded', async () => {
		const { records, file } = await sessionWithEveryCase();
		const name = basename(file);
		const refusal = (seq: number) => {
			try {
				inverseForUndo(records, seq, { file });
			} catch (error) {
				expect(error).toBeInstanceOf(UndoRefusedError);
				return (error as Error).message;
			}
			throw new Error('expected a refusal');
		};
		expect(refusal(9)).toBe(`There is no action 9 in ${name}; its actions are numbered 1 to 4`);
		expect(refusal(2)).toBe('Action 2 (Deactivate access key AKIAI44QH8DHBEXAMPLE of user bob) failed (AccessDenied), so there is nothing to undo');
		expect(refusal(3)).toBe('Action 3 (Delete access key AKIAEXAMPLECAROL0001 of user carol) cannot be undone: iam:DeleteAccessKey cannot be reversed');
		expect(refusal(4)).toMatch(/^Action 4 \(Add Config rule iam-root-access-key-check\) cannot be undone: no inverse was recorded/);
	});

	test('an action without a result (the session died mid-call) has no inverse to apply', async () => {
		const dir = await tempDir();
		const file = await writeCrashedSession(dir, await newKey(), { applied: 1, pending: deactivateKey('dan', 'AKIAEXAMPLEDAN000001') });
		await expect(planUndo(file, 2)).rejects.toThrow(/^Action 2 \(Deactivate access key AKIAEXAMPLEDAN000001 of user dan\) has no result: the session stopped during the call/);
		await expect(planUndo(file, 1)).resolves.toMatchObject({ seq: 1 });
	});

	test('an action a later undo session reversed is not undone twice', async () => {
		const { dir, key, file } = await sessionWithEveryCase();
		const plan = await planUndo(file, 1);
		const now = clock(Date.parse('2026-11-28T10:00:00Z'));
		const undo = await openAuditLog({ dir, key, session: { ...session, command: 'undo' }, now, undoes: { file: basename(file), seq: 1 } });
		const seq = await undo.intent({ time: now().toISOString(), step: 5, action: plan.inverse, findingIds: [], reason: `undo of ${basename(file)} seq 1` });
		await undo.result({ seq, time: now().toISOString(), ok: true, inverse: deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE'), before: { Status: 'Inactive' } });
		await undo.close();
		await expect(planUndo(file, 1)).rejects.toThrow(`Action 1 (Deactivate access key AKIAIOSFODNN7EXAMPLE of user alice) was already undone, by session ${basename(undo.file)}`);
	});

	test('a failed undo session does not count as undone', async () => {
		const { dir, key, file } = await sessionWithEveryCase();
		const plan = await planUndo(file, 1);
		const now = clock(Date.parse('2026-11-28T10:00:00Z'));
		const undo = await openAuditLog({ dir, key, session: { ...session, command: 'undo' }, now, undoes: { file: basename(file), seq: 1 } });
		const seq = await undo.intent({ time: now().toISOString(), step: 5, action: plan.inverse, findingIds: [], reason: 'undo' });
		await undo.result({ seq, time: now().toISOString(), ok: false, error: { code: 'Throttled', message: 'slow down' } });
		await undo.close();
		await expect(planUndo(file, 1)).resolves.toMatchObject({ seq: 1 });
	});
});

describe('inverseForUndo, on records given directly', () => {
	test('a log with no actions says so, and a log not named is "this log"', async () => {
		const dir = await tempDir();
		const file = await writeCrashedSession(dir, await newKey());
		const { records } = await readSessionSummary(file);
		expect(() => inverseForUndo(records, 1)).toThrow(new UndoRefusedError('There is no action 1 in this log; it records no actions'));
		expect(() => inverseForUndo(records, 1, { file })).toThrow(new UndoRefusedError(`There is no action 1 in ${basename(file)}; it records no actions`));
	});

	test('a failure recorded without an error code is still a failure', async () => {
		const { records } = await sessionWithEveryCase();
		const bare = records.map((r) => (r.type === 'result' && r.seq === 2 ? { ...r, error: undefined } : r));
		expect(() => inverseForUndo(bare, 2)).toThrow(new UndoRefusedError('Action 2 (Deactivate access key AKIAI44QH8DHBEXAMPLE of user bob) failed (error), so there is nothing to undo'));
	});

	test('without a file, the plan names "this log"; only an undo of this file and this seq refuses', async () => {
		const { records, file } = await sessionWithEveryCase();
		expect(inverseForUndo(records, 1).file).toBe('this log');
		const name = basename(file);
		const others = [
			{ file: name, seq: 2, by: 'u1.jsonl' },
			{ file: 'another.jsonl', seq: 1, by: 'u2.jsonl' },
		];
		expect(inverseForUndo(records, 1, { file, undone: others }).seq).toBe(1);
		expect(() => inverseForUndo(records, 1, { file, undone: [...others, { file: name, seq: 1, by: 'u3.jsonl' }] })).toThrow(/was already undone, by session u3\.jsonl$/);
	});
});

describe('findUndoneActions and planUndo', () => {
	async function undoSession(dir: string, key: Awaited<ReturnType<typeof newKey>>, undoes: { file: string; seq: number }, ok: boolean | undefined, at = '2026-11-28T10:00:00Z'): Promise<string> {
		const now = clock(Date.parse(at));
		const undo = await openAuditLog({ dir, key, session: { ...session, command: 'undo' }, now, undoes });
		const seq = await undo.intent({ time: now().toISOString(), step: 5, action: reactivate(deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE')), findingIds: [], reason: 'undo' });
		if (ok !== undefined) await undo.result({ seq, time: now().toISOString(), ok, inverse: null, ...(ok ? {} : { error: { code: 'Throttled', message: 'slow down' } }) });
		await undo.close();
		return undo.file;
	}

	test('finds the undo sessions of this file, in its folder and in the log folder given, each once', async () => {
		const { dir, key, file } = await sessionWithEveryCase();
		const elsewhere = await tempDir();
		expect(await findUndoneActions(file)).toEqual([]);
		// An ordinary session beside it undoes nothing.
		const now = clock(Date.parse('2026-11-28T09:00:00Z'));
		const plain = await openAuditLog({ dir, key, session, now });
		await logApplied(plain, deactivateKey('frank', 'AKIAEXAMPLEFRANK0001'), now);
		await plain.close();
		const here = await undoSession(dir, key, { file: basename(file), seq: 3 }, true);
		const there = await undoSession(elsewhere, key, { file: basename(file), seq: 1 }, true);
		// Undos of another file, an undo whose call failed and one that never got its result do not count.
		await undoSession(dir, key, { file: 'another.jsonl', seq: 4 }, true, '2026-11-28T11:00:00Z');
		await undoSession(elsewhere, key, { file: basename(file), seq: 4 }, false, '2026-11-28T11:00:00Z');
		await undoSession(elsewhere, key, { file: basename(file), seq: 2 }, undefined, '2026-11-28T12:00:00Z');
		expect(await findUndoneActions(file)).toEqual([{ file: basename(file), seq: 3, by: basename(here) }]);
		const both = await findUndoneActions(file, [elsewhere, dir]);
		expect(both).toEqual([
			{ file: basename(file), seq: 3, by: basename(here) },
			{ file: basename(file), seq: 1, by: basename(there) },
		]);
		// planUndo looks in the log folder it is given too.
		await expect(planUndo(file, 1)).resolves.toMatchObject({ seq: 1 });
		await expect(planUndo(file, 1, { logDir: elsewhere })).rejects.toThrow(`was already undone, by session ${basename(there)}`);
	});

	test('a session whose first line is not a header is passed over', async () => {
		const { dir, file } = await sessionWithEveryCase();
		await writeCrashedSession(dir, await newKey(), { start: new Date('2026-11-29T10:00:00Z') }).then(async (other) => {
			const lines = await readLines(other);
			await writeLines(other, ['{"type":"header"', ...lines.slice(1)]);
		});
		expect(await findUndoneActions(file)).toEqual([]);
	});

	test('a file that does not exist is one sentence; another failure to read it is passed on', async () => {
		const dir = await tempDir();
		await expect(planUndo(join(dir, 'gone.jsonl'), 1)).rejects.toThrow(new AuditInputError(`${join(dir, 'gone.jsonl')} does not exist`));
		const failure = await planUndo(dir, 1).catch((e: unknown) => e);
		expect(failure).not.toBeInstanceOf(AuditInputError);
		expect((failure as NodeJS.ErrnoException).code).toBe('EISDIR');
	});
});
