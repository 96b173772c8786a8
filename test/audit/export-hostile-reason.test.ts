/** A --reason is the operator's free text: the export must not let it run in a spreadsheet or a terminal. */
import { parse as parseCsv } from 'csv-parse/sync';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runProgram } from '../../source/commands/program.js';
import { captureIo } from '../helpers/command-io.js';
import { buildChangeLogExport, type ChangeLogExport } from '../../source/audit/change-log-export.js';
import { renderCsv } from '../../source/audit/render-change-log.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import { clock, deactivateKey, logApplied, newKey, session, tempDir } from './log-fixtures.js';

const formulaReason = '=HYPERLINK("http://evil.example","CHG-1")';
const escapeReason = 'CHG-2 \u001b[31mred\u001b[0m\u001b[2J';

let log: ChangeLogExport;
let file: string;

beforeAll(async () => {
	const now = clock();
	const audit = await openAuditLog({ dir: await tempDir(), key: await newKey(), session, now });
	await logApplied(audit, deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE'), now, formulaReason);
	await logApplied(audit, deactivateKey('bob', 'AKIAI44QH8DHBEXAMPLE'), now, escapeReason);
	await audit.close();
	file = audit.file;
	log = await buildChangeLogExport(file);
});

describe('audit export of a hostile --reason', () => {
	test('CSV neutralises a formula in the reason', () => {
		const rows = parseCsv(renderCsv(log), { columns: true }) as Record<string, string>[];
		expect(rows[0]!.why).toBe(`'${formulaReason}`);
	});

	test('CSV writes escape sequences in the reason as visible text', () => {
		const csv = renderCsv(log);
		expect(csv).not.toContain('\u001b');
		const rows = parseCsv(csv, { columns: true }) as Record<string, string>[];
		expect(rows[1]!.why).toBe('CHG-2 \\u001b[31mred\\u001b[0m\\u001b[2J');
	});
});

describe('audit export --format md of a hostile --reason', () => {
	test('prints the escape sequences as visible text', async () => {
		const io = captureIo();
		expect(await runProgram(['audit', 'export', file, '--format', 'md'], io)).toBe(0);
		expect(io.out()).not.toContain('\u001b');
		expect(io.out()).toContain('| Why | CHG-2 \\u001b[31mred\\u001b[0m\\u001b[2J |');
	});

	test('writes none to an --output file', async () => {
		const out = join(mkdtempSync(join(tmpdir(), 'iamw-export-')), 'log.md');
		expect(await runProgram(['audit', 'export', file, '--format', 'md', '--output', out], captureIo())).toBe(0);
		const text = readFileSync(out, 'utf8');
		expect(text).not.toContain('\u001b');
		expect(text).toContain('CHG-2 \\u001b[31mred');
	});
});
