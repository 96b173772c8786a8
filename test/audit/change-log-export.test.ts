import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Action } from '../../source/core/actions.js';
import { buildChangeLogExport, type ChangeLogExport } from '../../source/audit/change-log-export.js';
import { renderCsv, renderJson, renderMarkdown } from '../../source/audit/render-change-log.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import { clock, deactivateKey, logApplied, newKey, readLines, session, tempDir, writeLines } from './log-fixtures.js';
import { basename } from 'node:path';

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
