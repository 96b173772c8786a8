/**
 * Finding 4 of issue 15: a session cut from 6 actions to 2 with its seal removed looks like
 * a crash, and the next ordinary run reconciles it. Verify and export must not then call the
 * log good without saying so: the reconciled session is a warning the auditor reads first,
 * naming what the reconciliation saw, and --strict fails on it.
 */
import { basename } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { findInterruptedSessions, reconcileInterrupted } from '../../source/audit/interrupted-sessions.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import type { CommandIo } from '../../source/commands/command-io.js';
import { runAuditExport } from '../../source/commands/audit-export.js';
import { runAuditVerify } from '../../source/commands/audit-verify.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { clock, parse, readLines, session, tempDir, writeLines, writeSession, newKey } from './log-fixtures.js';

let dir: string;
let key: SigningKey;
let cut: string;

function fakeIo(cwd: string) {
	const out: string[] = [];
	const io: CommandIo = { stdout: (t) => out.push(t), stderr: () => undefined, env: {}, cwd, isTTY: false, now: () => new Date('2026-11-28T12:00:00Z') };
	return { io, out: () => out.join('') };
}

beforeEach(async () => {
	dir = await tempDir();
	key = await newKey();
	cut = await writeSession(dir, key, 6);
	const lines = await readLines(cut);
	// header + 2 × (intent, result): the last four actions and the seal removed.
	await writeLines(cut, lines.slice(0, 5));
	// The next ordinary run finds it "interrupted" and reconciles it, as any session start does.
	const log = await openAuditLog({ dir, key, session, now: clock(Date.parse('2026-11-28T08:00:00Z')) });
	for (const interrupted of await findInterruptedSessions(dir)) await reconcileInterrupted(log, interrupted, async () => null);
	await log.close();
});

describe('a log cut short and reconciled over', () => {
	test('the reconciliation records what it saw: last hash, bytes, records and how the session ended', async () => {
		const next = (await readLines(join(dir, (await findNewest(dir))!))).map(parse);
		const cutBytes = Buffer.byteLength((await readLines(cut)).map((l) => `${l}\n`).join(''));
		expect(next[1]).toMatchObject({ type: 'reconciliation', file: basename(cut), records: 5, bytes: cutBytes, ended: 'no-seal', outcome: 'nothing-pending' });
	});

	test('verify passes only with a warning that comes first, naming the session and what was seen', async () => {
		const report = await verifyLogs([dir], { pubkey: key.publicKeyPem });
		expect(report.ok).toBe(true);
		expect(report.warnings).toHaveLength(1);
		expect(report.warnings[0]).toMatch(new RegExp(`^WARNING: ${basename(cut)} ended after a complete record, without a seal after 5 records`));
		const cli = fakeIo(dir);
		const pub = join(dir, '..', `${basename(dir)}.pub`);
		await writeFile(pub, key.publicKeyPem);
		expect(await runAuditVerify({ paths: [dir], pubkey: pub }, cli.io)).toBe(0);
		expect(cli.out().split('\n')[0]).toMatch(/^WARNING: /);
	});

	test('--strict fails on it', async () => {
		const report = await verifyLogs([dir], { pubkey: key.publicKeyPem, strict: true });
		expect(report.ok).toBe(false);
		expect(report.problem).toMatchObject({ kind: 'reconciled', file: cut, line: 5 });
		expect(await runAuditVerify({ paths: [dir], strict: true }, fakeIo(dir).io)).toBe(1);
	});

	test('export says PASSED WITH 1 WARNING and shows the warning before anything else', async () => {
		const md = fakeIo(dir);
		expect(await runAuditExport({ file: cut, format: 'md' }, md.io)).toBe(0);
		const text = md.out();
		expect(text).toContain('**Verification: PASSED WITH 1 WARNING**');
		expect(text.indexOf('WARNING:**')).toBeLessThan(text.indexOf('**Verification'));
		const csv = fakeIo(dir);
		await runAuditExport({ file: cut, format: 'csv' }, csv.io);
		expect(csv.out().split('\n')[1]).toContain('WITH WARNINGS');
		expect(await runAuditExport({ file: cut, format: 'md', strict: true }, fakeIo(dir).io)).toBe(1);
	});
});

async function findNewest(d: string): Promise<string | undefined> {
	const { readdir } = await import('node:fs/promises');
	return (await readdir(d)).filter((n) => n.endsWith('.jsonl')).sort().pop();
}
