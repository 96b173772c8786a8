/**
 * What an auditor reads in each export format, rendered from a model built here so every
 * field, the verification line, the warnings before it and the escaping of operator text
 * are pinned exactly (change-log-export.test.ts covers the model built from a real log).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import type { ChangeLogExport, ExportEntry, ExportSession, ExportVerification } from '../../source/audit/change-log-export.js';
import { csvColumns, exportFormats, renderChangeLog, renderCsv, renderJson, renderMarkdown, resultText, whatChanged } from '../../source/audit/render-change-log.js';

const who = 'arn:aws:iam::123456789012:user/ops-admin';
const account = '123456789012';

const passed: ExportVerification = {
	ok: true,
	summary: 'OK: s1.jsonl: 12 records, 3 actions (1 ok, 1 failed, 1 without result), signer SHA256:abc (pinned), chain intact, sealed.',
	pinned: true,
	warnings: [],
	notes: [],
};

const session: ExportSession = {
	file: 's1.jsonl',
	sessionId: '0badc0de-0000-4000-8000-000000000001',
	account,
	caller: who,
	region: 'eu-west-1',
	mode: 'live',
	command: 'apply',
	started: '2026-11-27T20:15:03.000Z',
	tool: 'iam-wizard 0.1.0',
	signer: 'SHA256:abc',
	sealed: true,
};

const applied: ExportEntry = {
	kind: 'action',
	seq: 1,
	when: '2026-11-27T20:15:05.000Z',
	who,
	account,
	step: 5,
	stepTitle: 'MFA and long-lived credentials',
	call: 'iam:UpdateAccountPasswordPolicy',
	summary: 'Require 14-character passwords',
	changes: [
		{ field: 'MinimumPasswordLength', before: '8', after: '14' },
		{ field: 'RequireSymbols', before: 'false', after: 'true' },
	],
	why: 'CHG-1',
	findingIds: ['PASSWORD_POLICY_WEAK', 'PASSWORD_NO_SYMBOLS'],
	result: 'ok',
	requestId: 'req-1',
	undo: 'iam-wizard audit undo s1.jsonl --seq 1 (Restore the previous policy)',
};

const failed: ExportEntry = {
	kind: 'action',
	seq: 2,
	when: '2026-11-27T20:15:07Z',
	who,
	account,
	step: 5,
	stepTitle: 'MFA and long-lived credentials',
	call: 'iam:DeleteAccessKey',
	summary: 'Delete access key AKIAEXAMPLEBOB000001 of user bob',
	changes: [],
	changeNote: 'nothing: the call failed',
	why: 'CHG-2',
	findingIds: [],
	result: 'error',
	errorCode: 'AccessDenied',
	errorMessage: 'not authorized',
	requestId: 'req-2',
	undo: 'nothing to undo',
};

// A step the export has no title for, and no reason given.
const interrupted: ExportEntry = {
	kind: 'action',
	seq: 3,
	when: '2026-11-27T20:15:09.000Z',
	who,
	account,
	step: 9,
	call: 'iam:DetachUserPolicy',
	summary: 'Detach AdministratorAccess from carol',
	changes: [],
	changeNote: 'unknown: the session stopped during the call',
	why: '',
	findingIds: ['ADMIN_USER:carol'],
	result: 'no result',
};

const attested: ExportEntry = {
	kind: 'attestation',
	when: '2026-11-27T20:15:11.000Z',
	who,
	account,
	step: 1,
	stepTitle: 'Inventory',
	summary: 'Root MFA enabled with a hardware key',
	changes: [],
	changeNote: 'a manual step, confirmed by the operator',
	why: 'CHG-4',
	findingIds: ['ROOT_NO_MFA'],
	result: 'attested',
};

const reconciled: ExportEntry = {
	kind: 'reconciliation',
	when: '2026-11-27T20:15:13.000Z',
	who,
	account,
	summary: 'Reconciled the interrupted session s0.jsonl',
	changes: [],
	changeNote: 'no call was in flight',
	why: 'crash recovery',
	findingIds: [],
	result: 'nothing-pending',
};

const full: ChangeLogExport = { verification: passed, session, entries: [applied, failed, interrupted, attested, reconciled] };

function withVerification(change: Partial<ExportVerification>, log: ChangeLogExport = full): ChangeLogExport {
	return { ...log, verification: { ...log.verification, ...change } };
}

function csvRows(text: string): Record<string, string>[] {
	return parseCsv(text, { columns: true }) as Record<string, string>[];
}

describe('Markdown', () => {
	test('a whole report: heading, verification line, session table, overview, one section per entry', () => {
		const sections = [
			['### 1. Require 14-character passwords', '', '| | |', '| --- | --- |', '| When | 2026-11-27 20:15:05 UTC |', `| Who | ${who} (account ${account}) |`, '| Step | 5 — MFA and long-lived credentials |', '| AWS call | iam:UpdateAccountPasswordPolicy |', '| What changed | MinimumPasswordLength: 8 → 14<br>RequireSymbols: false → true |', '| Why | CHG-1 |', '| Findings | PASSWORD_POLICY_WEAK, PASSWORD_NO_SYMBOLS |', '| Result | ok (request req-1) |', '| Undo | iam-wizard audit undo s1.jsonl --seq 1 (Restore the previous policy) |', ''],
			['### 2. Delete access key AKIAEXAMPLEBOB000001 of user bob', '', '| | |', '| --- | --- |', '| When | 2026-11-27 20:15:07 UTC |', `| Who | ${who} (account ${account}) |`, '| Step | 5 — MFA and long-lived credentials |', '| AWS call | iam:DeleteAccessKey |', '| What changed | nothing: the call failed |', '| Why | CHG-2 |', '| Result | error AccessDenied: not authorized (request req-2) |', '| Undo | nothing to undo |', ''],
			['### 3. Detach AdministratorAccess from carol', '', '| | |', '| --- | --- |', '| When | 2026-11-27 20:15:09 UTC |', `| Who | ${who} (account ${account}) |`, '| Step | 9 —  |', '| AWS call | iam:DetachUserPolicy |', '| What changed | unknown: the session stopped during the call |', '| Why | (no reason given) |', '| Findings | ADMIN_USER:carol |', '| Result | no result (interrupted) |', ''],
			['### Attestation: Root MFA enabled with a hardware key', '', '| | |', '| --- | --- |', '| When | 2026-11-27 20:15:11 UTC |', `| Who | ${who} (account ${account}) |`, '| Step | 1 — Inventory |', '| What changed | a manual step, confirmed by the operator |', '| Why | CHG-4 |', '| Findings | ROOT_NO_MFA |', '| Result | attested |', ''],
			['### Reconciled the interrupted session s0.jsonl', '', '| | |', '| --- | --- |', '| When | 2026-11-27 20:15:13 UTC |', `| Who | ${who} (account ${account}) |`, '| What changed | no call was in flight |', '| Why | crash recovery |', '| Result | nothing-pending |', ''],
		];
		expect(renderMarkdown(full)).toBe(
			[
				'# iam-wizard change log: s1.jsonl',
				'',
				'**Verification: PASSED** — s1.jsonl: 12 records, 3 actions (1 ok, 1 failed, 1 without result), signer SHA256:abc (pinned), chain intact, sealed.',
				'',
				'## Session',
				'',
				'| | |',
				'| --- | --- |',
				'| Account | 123456789012 |',
				`| Caller | ${who} |`,
				'| Region | eu-west-1 |',
				'| Mode | live |',
				'| Command | apply |',
				'| Started | 2026-11-27 20:15:03 UTC |',
				'| Session ID | 0badc0de-0000-4000-8000-000000000001 |',
				'| Tool | iam-wizard 0.1.0 |',
				'| Signer key | SHA256:abc |',
				'| Sealed | yes |',
				'',
				'## Changes (3 actions)',
				'',
				'| # | When | Step | Change | Result |',
				'| --- | --- | --- | --- | --- |',
				'| 1 | 2026-11-27 20:15:05 UTC | 5 | Require 14-character passwords | ok (request req-1) |',
				'| 2 | 2026-11-27 20:15:07 UTC | 5 | Delete access key AKIAEXAMPLEBOB000001 of user bob | error AccessDenied: not authorized (request req-2) |',
				'| 3 | 2026-11-27 20:15:09 UTC | 9 | Detach AdministratorAccess from carol | no result (interrupted) |',
				'|  | 2026-11-27 20:15:11 UTC | 1 | Root MFA enabled with a hardware key | attested |',
				'|  | 2026-11-27 20:15:13 UTC |  | Reconciled the interrupted session s0.jsonl | nothing-pending |',
				'',
				...sections.flat(),
			].join('\n'),
		);
	});

	test('no session header and no entries: a short report that says nothing was changed', () => {
		expect(renderMarkdown({ verification: passed, entries: [] })).toBe(
			['# iam-wizard change log', '', `**Verification: PASSED** — ${passed.summary.slice('OK: '.length)}`, '', '## Changes (0 actions)', '', 'No changes were made in this session.', ''].join('\n'),
		);
	});

	test('one action is counted in the singular, and attestations and reconciliations are not actions', () => {
		expect(renderMarkdown({ ...full, entries: [applied, attested, reconciled] })).toContain('\n## Changes (1 action)\n');
		expect(renderMarkdown({ ...full, entries: [attested] })).toContain('\n## Changes (0 actions)\n\n| # |');
	});

	test('an unsealed session with no region says so', () => {
		const md = renderMarkdown({ ...full, session: { ...session, region: '', sealed: false } });
		expect(md).toContain('\n| Region | (none) |\n');
		expect(md).toContain('\n| Sealed | no |\n');
	});

	test('a file that does not verify: FAILED first, the problem, and a warning not to rely on the entries', () => {
		const md = renderMarkdown(withVerification({ ok: false, summary: 'FAILED: record 2 (line 2, intent, seq 1): modified', notes: ['The signer is NOT pinned.'] }));
		const lines = md.split('\n');
		expect(lines.slice(0, 8)).toEqual([
			'# iam-wizard change log: s1.jsonl',
			'',
			'**Verification: FAILED** — record 2 (line 2, intent, seq 1): modified',
			'',
			'> The signer is NOT pinned.',
			'',
			'> Do not rely on the entries below: the file is not as it was written.',
			'',
		]);
		expect(renderMarkdown(full)).not.toContain('Do not rely');
	});

	test('reconciled sessions are warnings, each read before the verification line, counted in it', () => {
		const one = 'WARNING: s0.jsonl ended without a seal after 5 records; reconciled by s1.jsonl.';
		const two = 'WARNING: s2.jsonl ended without a seal after 3 records; reconciled by s3.jsonl.';
		expect(renderMarkdown(withVerification({ warnings: [one] })).split('\n').slice(2, 6)).toEqual([
			'> **WARNING:** s0.jsonl ended without a seal after 5 records; reconciled by s1.jsonl.',
			'',
			`**Verification: PASSED WITH 1 WARNING** — ${passed.summary.slice(4)}`,
			'',
		]);
		expect(renderMarkdown(withVerification({ warnings: [one, two] })).split('\n').slice(2, 8)).toEqual([
			'> **WARNING:** s0.jsonl ended without a seal after 5 records; reconciled by s1.jsonl.',
			'',
			'> **WARNING:** s2.jsonl ended without a seal after 3 records; reconciled by s3.jsonl.',
			'',
			`**Verification: PASSED WITH 2 WARNINGS** — ${passed.summary.slice(4)}`,
			'',
		]);
	});

	test('the anchor and CloudTrail checks follow the verification line, then the notes', () => {
		const md = renderMarkdown(
			withVerification({
				notes: ['1 anchored session present, whole and unchanged.'],
				anchor: { source: '/tickets/CHG|9.txt', ok: true, summary: 'its header and seal are the anchored ones (12 records)' },
				cloudTrail: { ok: true, summary: 'CloudTrail: s1.jsonl: 1 logged call found.', matched: 1, unlogged: [], missing: [], pending: [] },
			}),
		);
		expect(md.split('\n').slice(2, 10)).toEqual([
			`**Verification: PASSED** — ${passed.summary.slice(4)}`,
			'',
			'**Anchor (/tickets/CHG\\|9.txt): checked** — its header and seal are the anchored ones (12 records)',
			'',
			'**CloudTrail: agrees** — s1.jsonl: 1 logged call found.',
			'',
			'> 1 anchored session present, whole and unchanged.',
			'',
		]);
	});

	test('a failed anchor check or a CloudTrail disagreement reads FAILED', () => {
		const anchorFailed = renderMarkdown(withVerification({ ok: false, summary: 'FAILED: not anchored', anchor: { source: 'anchors.txt', ok: false, summary: 'not anchored' } }));
		expect(anchorFailed.split('\n').slice(2, 6)).toEqual(['**Verification: FAILED** — not anchored', '', '**Anchor (anchors.txt): FAILED** — not anchored', '']);
		// CloudTrail's check does not fail `ok` in the model: the verdict still reads FAILED.
		const trail = { ok: false, summary: 'CloudTrail: s1.jsonl: 1 write NOT IN THE LOG: iam:CreateUser.', matched: 0, unlogged: [], missing: [], pending: [] };
		const lines = renderMarkdown(withVerification({ warnings: ['WARNING: s0.jsonl reconciled'], cloudTrail: trail })).split('\n');
		expect(lines.slice(4, 8)).toEqual([`**Verification: FAILED** — ${passed.summary.slice(4)}`, '', '**CloudTrail: FAILED** — s1.jsonl: 1 write NOT IN THE LOG: iam:CreateUser.', '']);
		expect(lines).not.toContain('> Do not rely on the entries below: the file is not as it was written.');
	});

	test("operator text cannot break the tables: pipes and backslashes are escaped, line breaks become spaces", () => {
		const hostile: ExportEntry = { ...applied, summary: 'Tag a|b\\c|d\\e', changes: [{ field: 'Tags|x', before: 'a\r\nb', after: 'c\nd\ne' }], why: 'CHG-5 | fake | row\r\n| Result | ok |\nend', undo: undefined, findingIds: [] };
		const md = renderMarkdown({ ...full, session: { ...session, caller: 'x|y\\z\nw' }, entries: [hostile] });
		expect(md).toContain('\n| Caller | x\\|y\\\\z w |\n');
		expect(md).toContain('\n| 1 | 2026-11-27 20:15:05 UTC | 5 | Tag a\\|b\\\\c\\|d\\\\e | ok (request req-1) |\n');
		expect(md).toContain('\n### 1. Tag a\\|b\\\\c\\|d\\\\e\n');
		expect(md).toContain('\n| What changed | Tags\\|x: a b → c d e |\n');
		expect(md).toContain('\n| Why | CHG-5 \\| fake \\| row \\| Result \\| ok \\| end |\n');
		expect(md).not.toContain('| Undo |');
	});
});

describe('result and change texts', () => {
	test('each result as the auditor reads it', () => {
		expect(resultText(applied)).toBe('ok (request req-1)');
		expect(resultText({ ...applied, requestId: undefined })).toBe('ok');
		expect(resultText(failed)).toBe('error AccessDenied: not authorized (request req-2)');
		expect(resultText({ ...failed, errorMessage: undefined, requestId: undefined })).toBe('error AccessDenied');
		expect(resultText({ ...failed, errorMessage: undefined })).toBe('error AccessDenied (request req-2)');
		expect(resultText({ ...failed, requestId: undefined })).toBe('error AccessDenied: not authorized');
		expect(resultText(interrupted)).toBe('no result (interrupted)');
		for (const result of ['attested', 'applied', 'not-applied', 'unknown', 'nothing-pending'] as const) expect(resultText({ ...reconciled, result })).toBe(result);
	});

	test('what changed: each field on one line, else the note, else nothing', () => {
		expect(whatChanged(applied)).toBe('MinimumPasswordLength: 8 → 14; RequireSymbols: false → true');
		expect(whatChanged({ ...applied, changeNote: 'ignored when fields changed' })).toBe('MinimumPasswordLength: 8 → 14; RequireSymbols: false → true');
		expect(whatChanged(failed)).toBe('nothing: the call failed');
		expect(whatChanged({ ...failed, changeNote: undefined })).toBe('');
		expect(renderMarkdown({ ...full, entries: [{ ...failed, changeNote: undefined }] })).toContain('\n| What changed |  |\n');
	});
});

const header = 'verification,seq,when,who,account,step,kind,aws_call,summary,what_changed,why,findings,result,error_code,request_id,undo';

describe('CSV', () => {
	test('a header row, then one row per entry with every field and the verification status first', () => {
		const csv = renderCsv(full);
		expect(csv.split('\r\n')[0]).toBe(header);
		expect([...csvColumns]).toEqual(header.split(','));
		const status = 'verified (pinned signer)';
		expect(csvRows(csv)).toEqual([
			{ verification: status, seq: '1', when: '2026-11-27T20:15:05.000Z', who, account, step: '5', kind: 'action', aws_call: 'iam:UpdateAccountPasswordPolicy', summary: 'Require 14-character passwords', what_changed: 'MinimumPasswordLength: 8 → 14; RequireSymbols: false → true', why: 'CHG-1', findings: 'PASSWORD_POLICY_WEAK PASSWORD_NO_SYMBOLS', result: 'ok', error_code: '', request_id: 'req-1', undo: 'iam-wizard audit undo s1.jsonl --seq 1 (Restore the previous policy)' },
			{ verification: status, seq: '2', when: '2026-11-27T20:15:07Z', who, account, step: '5', kind: 'action', aws_call: 'iam:DeleteAccessKey', summary: 'Delete access key AKIAEXAMPLEBOB000001 of user bob', what_changed: 'nothing: the call failed', why: 'CHG-2', findings: '', result: 'error', error_code: 'AccessDenied', request_id: 'req-2', undo: 'nothing to undo' },
			{ verification: status, seq: '3', when: '2026-11-27T20:15:09.000Z', who, account, step: '9', kind: 'action', aws_call: 'iam:DetachUserPolicy', summary: 'Detach AdministratorAccess from carol', what_changed: 'unknown: the session stopped during the call', why: '', findings: 'ADMIN_USER:carol', result: 'no result', error_code: '', request_id: '', undo: '' },
			{ verification: status, seq: '', when: '2026-11-27T20:15:11.000Z', who, account, step: '1', kind: 'attestation', aws_call: '', summary: 'Root MFA enabled with a hardware key', what_changed: 'a manual step, confirmed by the operator', why: 'CHG-4', findings: 'ROOT_NO_MFA', result: 'attested', error_code: '', request_id: '', undo: '' },
			{ verification: status, seq: '', when: '2026-11-27T20:15:13.000Z', who, account, step: '', kind: 'reconciliation', aws_call: '', summary: 'Reconciled the interrupted session s0.jsonl', what_changed: 'no call was in flight', why: 'crash recovery', findings: '', result: 'nothing-pending', error_code: '', request_id: '', undo: '' },
		]);
	});

	test('no entries: one row that says so, still carrying the status and the session', () => {
		expect(renderCsv({ ...full, entries: [] })).toBe(`${header}\r\nverified (pinned signer),,2026-11-27T20:15:03.000Z,${who},${account},,none,,No changes were made in this session,,,,,,,\r\n`);
		expect(renderCsv({ verification: { ...passed, pinned: false }, entries: [] })).toBe(`${header}\r\nverified (signer not pinned),,,,,,none,,No changes were made in this session,,,,,,,\r\n`);
	});

	function status(change: Partial<ExportVerification>): string {
		return csvRows(renderCsv(withVerification(change)))[0]!.verification!;
	}

	test('the status names the pinning, the warnings, the anchor and CloudTrail checks', () => {
		expect(status({ pinned: false })).toBe('verified (signer not pinned)');
		expect(status({ warnings: ['WARNING: s0 reconciled.', 'WARNING: s2 reconciled.'] })).toBe('verified (pinned signer), WITH WARNINGS: WARNING: s0 reconciled. WARNING: s2 reconciled.');
		const anchor = { source: 's3://bucket/host-1/', ok: true, summary: 'its header and seal are the anchored ones (12 records)' };
		const agrees = { ok: true, summary: 'CloudTrail: s1.jsonl: 1 logged call found.', matched: 1, unlogged: [], missing: [], pending: [] };
		expect(status({ anchor, cloudTrail: agrees })).toBe('verified (pinned signer); anchor s3://bucket/host-1/: its header and seal are the anchored ones (12 records); CloudTrail: s1.jsonl: 1 logged call found.');
		expect(status({ cloudTrail: { ...agrees, ok: false, summary: 'CloudTrail: s1.jsonl: 1 write NOT IN THE LOG: iam:CreateUser.' } })).toBe('verified (pinned signer); FAILED CloudTrail: s1.jsonl: 1 write NOT IN THE LOG: iam:CreateUser.');
	});

	test('a file that does not verify: every row carries the problem instead of "verified"', () => {
		const rows = csvRows(renderCsv(withVerification({ ok: false, summary: 'FAILED: record 2 (line 2, intent, seq 1): modified', anchor: { source: 'anchors.txt', ok: false, summary: 'not anchored' } })));
		expect(rows.map((r) => r.verification)).toEqual(Array(5).fill('FAILED: record 2 (line 2, intent, seq 1): modified; anchor anchors.txt: not anchored'));
	});

	test('operator text cannot run as a formula or carry control characters; line breaks stay inside the quoted cell', () => {
		const hostile: ExportEntry = { ...applied, summary: '=HYPERLINK("http://evil.example","x")', why: 'CHG-6,\r\nsecond line \u001b[2J', findingIds: ['@SUM(A1)', '+1'] };
		const csv = renderCsv({ ...full, entries: [hostile] });
		expect(csv).not.toContain('\u001b');
		expect(csvRows(csv)[0]).toMatchObject({ summary: `'=HYPERLINK("http://evil.example","x")`, why: 'CHG-6,\r\nsecond line \\u001b[2J', findings: `'@SUM(A1) +1` });
	});
});

describe('JSON and the format switch', () => {
	test('JSON is the model itself, two-space indented, ending in a newline', () => {
		const log: ChangeLogExport = { verification: passed, entries: [] };
		expect(renderJson(log)).toBe(`{\n  "verification": {\n    "ok": true,\n    "summary": ${JSON.stringify(passed.summary)},\n    "pinned": true,\n    "warnings": [],\n    "notes": []\n  },\n  "entries": []\n}\n`);
		expect(JSON.parse(renderJson(full))).toEqual(JSON.parse(JSON.stringify(full)));
	});

	test('each format name picks its renderer, Markdown by default', () => {
		expect(exportFormats).toEqual(['md', 'json', 'csv']);
		expect(renderChangeLog(full, 'md')).toBe(renderMarkdown(full));
		expect(renderChangeLog(full, 'json')).toBe(renderJson(full));
		expect(renderChangeLog(full, 'csv')).toBe(renderCsv(full));
		expect(renderChangeLog(full, 'md')).toMatch(/^# iam-wizard change log: s1\.jsonl\n/);
		expect(renderChangeLog(full, 'json')).toMatch(/^\{\n {2}"verification"/);
		expect(renderChangeLog(full, 'csv')).toMatch(/^verification,seq,/);
	});
});
