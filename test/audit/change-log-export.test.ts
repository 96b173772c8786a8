import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Action } from '../../source/core/actions.js';
import { AuditInputError } from '../../source/audit/audit-input-error.js';
import { buildChangeLogExport, changeLogEntries, type ChangeLogExport, type ExportEntry } from '../../source/audit/change-log-export.js';
import type { LogRecord, ResultBody } from '../../source/audit/log-records.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { renderCsv, renderJson, renderMarkdown } from '../../source/audit/render-change-log.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import { clock, deactivateKey, logApplied, newKey, readLines, session, tempDir, writeLines } from './log-fixtures.js';
import { basename, dirname } from 'node:path';

const deleteKey: Action = {
	kind: 'iam:DeleteAccessKey',
	params: { UserName: 'carol', AccessKeyId: 'AKIAEXAMPLECAROL0001' },
	step: 5,
	findingIds: ['KEY_UNUSED:carol'],
	summary: 'Delete access key AKIAEXAMPLECAROL0001 of user carol',
};

const passwordPolicy: Action = {
	kind: 'iam:UpdateAccountPasswordPolicy',
	params: { MinimumPasswordLength: 14, RequireSymbols: true },
	step: 5,
	findingIds: ['PASSWORD_POLICY_WEAK'],
	summary: 'Require 14-character passwords with symbols',
};

let file: string;
let log: ChangeLogExport;

beforeAll(async () => {
	const dir = await tempDir();
	const now = clock();
	const audit = await openAuditLog({ dir, key: await newKey(), session, now });
	await logApplied(audit, deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE'), now, 'CHG-1234 rotate stale keys');
	let seq = await audit.intent({ time: now().toISOString(), step: 5, action: passwordPolicy, findingIds: passwordPolicy.findingIds, reason: 'CHG-1235' });
	await audit.result({ seq, time: now().toISOString(), ok: true, result: { requestId: 'req-pp' }, before: { PasswordPolicy: { MinimumPasswordLength: 8, RequireSymbols: false } }, inverse: { ...passwordPolicy, kind: 'iam:UpdateAccountPasswordPolicy', params: { MinimumPasswordLength: 8, RequireSymbols: false }, summary: 'Restore the previous account password policy' } });
	seq = await audit.intent({ time: now().toISOString(), step: 5, action: deleteKey, findingIds: deleteKey.findingIds, reason: 'CHG-1236' });
	await audit.result({ seq, time: now().toISOString(), ok: true, result: { requestId: 'req-del' }, before: { exists: true }, inverse: null });
	const denied = deactivateKey('bob', 'AKIAI44QH8DHBEXAMPLE');
	seq = await audit.intent({ time: now().toISOString(), step: 5, action: denied, findingIds: denied.findingIds, reason: 'CHG-1237' });
	await audit.result({ seq, time: now().toISOString(), ok: false, error: { code: 'AccessDenied', message: 'User is not authorized to perform iam:UpdateAccessKey', requestId: 'req-denied' }, before: { Status: 'Active' } });
	await audit.attestation({ time: now().toISOString(), step: 1, statement: 'Root MFA enabled with a hardware key in the console', findingIds: ['ROOT_NO_MFA'], reason: 'CHG-1238' });
	await audit.close();
	file = audit.file;
	log = await buildChangeLogExport(file);
});

describe('the export model', () => {
	test('puts the verification status first and names who, where and which key', () => {
		expect(log.verification).toMatchObject({ ok: true, pinned: false });
		expect(log.session).toMatchObject({ account: '123456789012', caller: session.callerArn, region: 'eu-west-1', mode: 'demo', sealed: true });
	});

	test('one entry per action and attestation: when, step, what changed, why, result, undo', () => {
		expect(log.entries.map((e) => [e.kind, e.seq, e.result])).toEqual([
			['action', 1, 'ok'],
			['action', 2, 'ok'],
			['action', 3, 'ok'],
			['action', 4, 'error'],
			['attestation', undefined, 'attested'],
		]);
		const [key, policy, deleted, denied] = log.entries;
		expect(key).toMatchObject({ when: '2026-11-27T20:15:05.000Z', who: session.callerArn, account: '123456789012', step: 5, stepTitle: 'MFA and long-lived credentials', call: 'iam:UpdateAccessKey', why: 'CHG-1234 rotate stale keys', requestId: 'req-1' });
		expect(key.changes).toEqual([{ field: 'Status', before: 'Active', after: 'Inactive' }]);
		expect(key.undo).toBe(`iam-wizard audit undo ${basename(file)} --seq 1 (Re-activate access key AKIAIOSFODNN7EXAMPLE of user alice)`);
		expect(policy.changes).toEqual([
			{ field: 'PasswordPolicy.MinimumPasswordLength', before: '8', after: '14' },
			{ field: 'PasswordPolicy.RequireSymbols', before: 'false', after: 'true' },
		]);
		expect(deleted.changes).toEqual([{ field: 'exists', before: 'true', after: 'false' }]);
		expect(deleted.undo).toBe('cannot be undone');
		expect(denied).toMatchObject({ errorCode: 'AccessDenied', requestId: 'req-denied', changeNote: 'nothing: the call failed', undo: 'nothing to undo' });
	});
});

describe('rendered', () => {
	test('Markdown reads as a report: heading, status line, session table, overview, one section per change', () => {
		const md = renderMarkdown(log);
		const lines = md.split('\n');
		expect(lines[0]).toBe(`# iam-wizard change log: ${basename(file)}`);
		expect(lines[2]).toMatch(/^\*\*Verification: PASSED\*\* — .*11 records, 4 actions \(3 ok, 1 failed\), 1 attestation, signer SHA256:\S+ \(NOT pinned\), chain intact, sealed\.$/);
		expect(md).toContain('> The signer is NOT pinned');
		expect(md.indexOf('**Verification')).toBeLessThan(md.indexOf('## Session'));
		expect(md).toContain('| Caller | arn:aws:iam::123456789012:user/ops-admin |');
		expect(md).toContain('## Changes (4 actions)');
		expect(md).toContain('| 1 | 2026-11-27 20:15:05 UTC | 5 | Deactivate access key AKIAIOSFODNN7EXAMPLE of user alice | ok (request req-1) |');
		expect(md).toContain('### 1. Deactivate access key AKIAIOSFODNN7EXAMPLE of user alice');
		expect(md).toContain('| What changed | Status: Active → Inactive |');
		expect(md).toContain('| What changed | PasswordPolicy.MinimumPasswordLength: 8 → 14<br>PasswordPolicy.RequireSymbols: false → true |');
		expect(md).toContain('| Why | CHG-1234 rotate stale keys |');
		expect(md).toContain('| Who | arn:aws:iam::123456789012:user/ops-admin (account 123456789012) |');
		expect(md).toContain('| Step | 5 — MFA and long-lived credentials |');
		expect(md).toContain('| Result | error AccessDenied: User is not authorized to perform iam:UpdateAccessKey (request req-denied) |');
		expect(md).toContain('### Attestation: Root MFA enabled with a hardware key in the console');
	});

	test('CSV has one row per entry, the verification status in every row', () => {
		const rows = parseCsv(renderCsv(log), { columns: true }) as Record<string, string>[];
		expect(rows).toHaveLength(5);
		expect(new Set(rows.map((r) => r.verification))).toEqual(new Set(['verified (signer not pinned)']));
		expect(rows[0]).toMatchObject({ seq: '1', who: session.callerArn, account: '123456789012', step: '5', aws_call: 'iam:UpdateAccessKey', what_changed: 'Status: Active → Inactive', why: 'CHG-1234 rotate stale keys', result: 'ok', request_id: 'req-1' });
		expect(rows[3]).toMatchObject({ result: 'error', error_code: 'AccessDenied' });
		expect(rows[4]).toMatchObject({ kind: 'attestation', summary: 'Root MFA enabled with a hardware key in the console' });
	});

	test('JSON holds the same model', () => {
		const parsed = JSON.parse(renderJson(log)) as ChangeLogExport;
		expect(parsed.verification.ok).toBe(true);
		expect(parsed.entries[0].changes).toEqual([{ field: 'Status', before: 'Active', after: 'Inactive' }]);
		expect(parsed).toEqual(JSON.parse(JSON.stringify(log)));
	});

	test('a tampered log still exports, saying FAILED first and not to rely on it', async () => {
		const lines = await readLines(file);
		const dir = await tempDir();
		const tampered = `${dir}/${basename(file)}`;
		await writeLines(tampered, [lines[0], lines[1].replace('CHG-1234 rotate stale keys', 'CHG-0001 routine'), ...lines.slice(2)]);
		const bad = await buildChangeLogExport(tampered);
		expect(bad.verification.ok).toBe(false);
		const md = renderMarkdown(bad);
		expect(md.split('\n')[2]).toMatch(/^\*\*Verification: FAILED\*\* — .*record 2 \(line 2, intent, seq 1\): modified/);
		expect(md).toContain('Do not rely on the entries below');
		const rows = parseCsv(renderCsv(bad), { columns: true }) as Record<string, string>[];
		expect(rows[0].verification).toMatch(/^FAILED: .*modified/);
	});
});

describe('the export model of each record', () => {
	const signed = { prev: null, kid: 'SHA256:k', sig: 'sig' };
	const who = session.callerArn;
	const account = '123456789012';
	const file = '/var/log/iam-wizard/s1.jsonl';
	const header: LogRecord = {
		type: 'header', format: 1, tool: 'iam-wizard', toolVersion: '0.3.1', session: 'sess-1', account, caller: who, region: 'eu-west-1', mode: 'live', command: 'apply',
		signer: { publicKey: 'PEM', fingerprint: 'SHA256:k' }, started: '2026-11-27T20:15:03.000Z', prevSession: null, ...signed,
	};
	const time = (seq: number) => `2026-11-27T20:16:0${seq}.000Z`;
	const intent = (seq: number, action: Action, reason = `CHG-${seq}`): LogRecord => ({ type: 'intent', seq, time: time(seq), step: action.step, action, findingIds: action.findingIds, reason, ...signed });
	const result = (seq: number, body: Partial<ResultBody>): LogRecord => ({ type: 'result', seq, time: time(seq), ok: true, inverse: null, ...body, ...signed });
	const seal: LogRecord = { type: 'seal', time: time(9), count: 4, lastHash: 'a'.repeat(64), ...signed };
	const alice = deactivateKey('alice', 'AKIAEXAMPLEALICE0001');
	const report: Action = { kind: 'iam:GenerateCredentialReport', params: {}, step: 5, findingIds: [], summary: 'Generate a credential report' } as Action;
	const base = (seq: number, action: Action): ExportEntry => ({ kind: 'action', seq, when: time(seq), who, account, step: 5, stepTitle: 'MFA and long-lived credentials', call: action.kind, summary: action.summary, why: `CHG-${seq}`, findingIds: action.findingIds, changes: [], result: 'ok' });

	test('the session: who, where, which tool and key, and sealed only when a seal ends the file', () => {
		const sealed = changeLogEntries([header, seal], file);
		expect(sealed).toStrictEqual({
			session: { file: 's1.jsonl', sessionId: 'sess-1', account, caller: who, region: 'eu-west-1', mode: 'live', command: 'apply', started: '2026-11-27T20:15:03.000Z', tool: 'iam-wizard 0.3.1', signer: 'SHA256:k', sealed: true },
			entries: [],
		});
		expect(changeLogEntries([header, seal, intent(1, alice)], file).session?.sealed).toBe(false);
		expect(changeLogEntries([header], file).session?.sealed).toBe(false);
	});

	test('records without a header: no session, and an unknown caller and account on each entry', () => {
		expect(changeLogEntries([], file)).toStrictEqual({ entries: [] });
		const attestation: LogRecord = { type: 'attestation', time: time(2), step: 1, statement: 'Root MFA enabled', findingIds: [], reason: 'CHG-2', ...signed };
		const { session: none, entries } = changeLogEntries([intent(1, alice), attestation, seal], file);
		expect(none).toBeUndefined();
		expect(entries).toStrictEqual([
			{ ...base(1, alice), who: 'unknown', account: 'unknown', changeNote: 'unknown: the session stopped during the call (see any reconciliation in the next session)', result: 'no result' },
			{ kind: 'attestation', when: time(2), who: 'unknown', account: 'unknown', step: 1, stepTitle: 'Inventory', summary: 'Root MFA enabled', changes: [], changeNote: 'a manual step, confirmed by the operator', why: 'CHG-2', findingIds: [], result: 'attested' },
		]);
	});

	test('an applied action: the recorded after state wins over the computed one, the request ID, and the undo command', () => {
		const inverse = { ...alice, summary: 'Re-activate the key' };
		const { entries } = changeLogEntries([header, intent(1, alice), result(1, { before: undefined, after: { exists: true, Status: 'Inactive' }, result: { requestId: 'req-1' }, inverse })], file);
		expect(entries).toStrictEqual([
			{ ...base(1, alice), changes: [{ field: 'exists', before: '(none)', after: 'true' }, { field: 'Status', before: '(none)', after: 'Inactive' }], requestId: 'req-1', undo: 'iam-wizard audit undo s1.jsonl --seq 1 (Re-activate the key)' },
		]);
	});

	test('an applied action with nothing to show says why: the state already matched, or the call leaves none', () => {
		const records = [header, intent(1, alice), result(1, { before: { Status: 'Inactive' } }), intent(2, report), result(2, {})];
		expect(changeLogEntries(records, file).entries).toStrictEqual([
			{ ...base(1, alice), changeNote: 'no field changed (the state already matched)', undo: 'cannot be undone' },
			{ ...base(2, report), changeNote: 'not recorded (this call leaves no state to compare)', undo: 'cannot be undone' },
		]);
	});

	test('a call whose after state cannot be told shows no change, not its before state as removed', () => {
		const version: Action = { kind: 'iam:CreatePolicyVersion', params: { PolicyArn: 'arn:aws:iam::123456789012:policy/ops', PolicyDocument: { Version: '2012-10-17', Statement: [] }, SetAsDefault: false }, step: 3, findingIds: [], summary: 'Add a non-default version of ops' } as Action;
		const { entries } = changeLogEntries([header, intent(1, version), result(1, { before: { DefaultVersionId: 'v1', versionCount: 2 } })], file);
		expect(entries[0]).toMatchObject({ changes: [], changeNote: 'not recorded (this call leaves no state to compare)', result: 'ok' });
	});

	test('an action a later session undid names that session; the others keep their undo command', () => {
		const records = [header, intent(1, alice), result(1, { before: { Status: 'Active' }, inverse: alice }), intent(2, alice), result(2, { before: { Status: 'Active' }, inverse: alice })];
		const { entries } = changeLogEntries(records, file, [{ file: 's1.jsonl', seq: 2, by: 's2.jsonl' }]);
		expect(entries.map((e) => e.undo)).toEqual([`iam-wizard audit undo s1.jsonl --seq 1 (${alice.summary})`, 'undone by session s2.jsonl']);
		expect(entries[0]!.changes).toEqual([{ field: 'Status', before: 'Active', after: 'Inactive' }]);
	});

	test('a failed call: its error code, message and request ID, nothing changed, nothing to undo', () => {
		const records = [
			header,
			intent(1, alice), result(1, { ok: false, error: { code: 'AccessDenied', message: 'not authorized', requestId: 'req-e1' }, result: { requestId: 'req-other' } }),
			intent(2, alice), result(2, { ok: false, error: { code: 'Throttling', message: '' }, result: { requestId: 'req-r2' } }),
			intent(3, alice), result(3, { ok: false }),
		];
		const failed = { changes: [], changeNote: 'nothing: the call failed', result: 'error', undo: 'nothing to undo' };
		expect(changeLogEntries(records, file).entries).toStrictEqual([
			{ ...base(1, alice), ...failed, errorCode: 'AccessDenied', errorMessage: 'not authorized', requestId: 'req-e1' },
			{ ...base(2, alice), ...failed, errorCode: 'Throttling', requestId: 'req-r2' },
			{ ...base(3, alice), ...failed, errorCode: 'error' },
		]);
	});

	test('attestations carry their step title; each of the six steps is named as the wizard names it', () => {
		const titles = ['Inventory', 'Access Analyzer', 'Scope policies', 'Permission boundaries', 'MFA and long-lived credentials', 'Continuous monitoring'];
		const records = titles.map((_, i): LogRecord => ({ type: 'attestation', time: time(i), step: (i + 1) as 1, statement: `Done by hand ${i + 1}`, findingIds: [`F${i}`], reason: 'CHG-A', ...signed }));
		const { entries } = changeLogEntries([header, ...records], file);
		expect(entries.map((e) => e.stepTitle)).toEqual(titles);
		expect(entries[0]).toStrictEqual({ kind: 'attestation', when: time(0), who, account, step: 1, stepTitle: 'Inventory', summary: 'Done by hand 1', changes: [], changeNote: 'a manual step, confirmed by the operator', why: 'CHG-A', findingIds: ['F0'], result: 'attested' });
	});

	test('reconciliations: the interrupted call and what the re-read found, or that none was in flight', () => {
		const rec = { type: 'reconciliation', time: time(5), file: 's0.jsonl', lastHash: 'a'.repeat(64), fileDigest: 'b'.repeat(64), bytes: 900, records: 5, ended: 'open-intent', ...signed } as const;
		const records: LogRecord[] = [header, { ...rec, seq: 3, action: alice, outcome: 'applied' }, { ...rec, seq: 4, action: alice, outcome: 'not-applied' }, { ...rec, action: alice, outcome: 'unknown' }, { ...rec, ended: 'no-seal', outcome: 'nothing-pending' }];
		const entry = { kind: 'reconciliation', when: time(5), who, account, summary: `Reconciled the interrupted session s0.jsonl: ${alice.summary}`, changes: [], why: 'crash recovery', findingIds: alice.findingIds };
		expect(changeLogEntries(records, file).entries).toStrictEqual([
			{ ...entry, seq: 3, changeNote: 're-read after the crash: the change was applied', result: 'applied' },
			{ ...entry, seq: 4, changeNote: 're-read after the crash: the change was not applied', result: 'not-applied' },
			{ ...entry, changeNote: 're-read after the crash: the change was of unknown effect', result: 'unknown' },
			{ ...entry, summary: 'Reconciled the interrupted session s0.jsonl', changeNote: 'no call was in flight', findingIds: [], result: 'nothing-pending' },
		]);
	});
});

describe('building the export of a file', () => {
	test('the verification block is verify\'s own verdict: summary, pinning, warnings and notes', async () => {
		const report = await verifyLogs([file]);
		expect(log.verification).toStrictEqual({ ok: true, summary: report.summary, pinned: false, warnings: [], notes: report.notes });
		expect(log.verification.notes).toContain('Files named one by one are checked on their own; verify their log directory to also catch whole sessions removed from it.');
	});

	test('a folder is refused with a sentence naming the command that checks one', async () => {
		const dir = dirname(file);
		await expect(buildChangeLogExport(dir)).rejects.toThrow(new AuditInputError(`${dir} is a folder: audit export takes one session file (audit verify ${dir} checks the whole folder)`));
		await expect(buildChangeLogExport(dir)).rejects.toBeInstanceOf(AuditInputError);
	});

	test('an action an undo session in the same folder reversed is shown as undone by it', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const now = clock();
		const first = await openAuditLog({ dir, key, session, now });
		await logApplied(first, deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE'), now);
		await logApplied(first, deactivateKey('bob', 'AKIAI44QH8DHBEXAMPLE'), now);
		await first.close();
		const undo = await openAuditLog({ dir, key, session: { ...session, command: 'undo' }, now, undoes: { file: basename(first.file), seq: 2 } });
		await logApplied(undo, deactivateKey('bob', 'AKIAI44QH8DHBEXAMPLE'), now);
		await undo.close();
		const exported = await buildChangeLogExport(first.file);
		expect(exported.entries.map((e) => e.undo)).toEqual([`iam-wizard audit undo ${basename(first.file)} --seq 1 (Re-activate access key AKIAIOSFODNN7EXAMPLE of user alice)`, `undone by session ${basename(undo.file)}`]);
	});
});
