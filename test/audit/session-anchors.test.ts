/**
 * Finding 3 of issue 15: deleting the newest session file passed verification, even with
 * --pubkey, and the next session then chained over the gap. The files alone cannot show it;
 * anchors kept outside the machine (the line apply and the wizard print last) do, and verify
 * without anchors says what it cannot see.
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { anchorLine, parseAnchors, type SessionAnchor } from '../../source/audit/session-anchor.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { runAuditVerify } from '../../source/commands/audit-verify.js';
import type { CommandIo } from '../../source/commands/command-io.js';
import { clock, deactivateKey, logApplied, newKey, readLines, session, tempDir, writeLines } from './log-fixtures.js';

let dir: string;
let key: SigningKey;
let anchors: SessionAnchor[];
let files: string[];
const now = clock(Date.parse('2026-11-28T09:00:00Z'));

async function anchoredSession(actions: number): Promise<SessionAnchor> {
	const log = await openAuditLog({ dir, key, session, now });
	for (let i = 0; i < actions; i += 1) await logApplied(log, deactivateKey(`u${i}`, `AKIAIOSFODNN7EXAMPL${i}`), now);
	expect(log.anchor()).toBeUndefined();
	await log.close();
	return log.anchor()!;
}

beforeEach(async () => {
	dir = await tempDir();
	key = await newKey();
	anchors = [await anchoredSession(1), await anchoredSession(3), await anchoredSession(2)];
	files = (await readdir(dir)).sort();
});

describe('session anchors', () => {
	test('an anchor line names the file, its header and seal hashes and its record count, and reads back', () => {
		const line = anchorLine(anchors[2]);
		expect(line).toMatch(/^iam-wizard anchor: \S+\.jsonl header [0-9a-f]{64} seal [0-9a-f]{64} records 6$/);
		expect(parseAnchors(`ticket CHG-1\n${line}\nmore text`)).toEqual([anchors[2]]);
	});

	test('the newest session deleted: passes without anchors (with a note saying what cannot be seen), fails against them', async () => {
		await rm(join(dir, files[2]));
		const blind = await verifyLogs([dir], { pubkey: key.publicKeyPem });
		expect(blind.ok).toBe(true);
		expect(blind.notes.join(' ')).toContain(`the newest here is ${files[1]}`);
		const report = await verifyLogs([dir], { pubkey: key.publicKeyPem, anchors });
		expect(report.problem).toMatchObject({ kind: 'session-missing', file: join(dir, files[2]) });
		expect(report.problem!.message).toContain(`anchored session ${files[2]}`);
	});

	test('the newest session cut and resealed by nobody: named truncated against its anchor', async () => {
		const lines = await readLines(join(dir, files[2]));
		await writeLines(join(dir, files[2]), lines.slice(0, 3));
		const report = await verifyLogs([dir], { pubkey: key.publicKeyPem, anchors });
		expect(report.ok).toBe(false);
		expect(report.problem!.kind).toBe('truncated');
	});

	test('the CLI reads anchors from any text holding the lines, and says all anchored sessions are whole', async () => {
		const ticket = join(await tempDir(), 'ticket.txt');
		await writeFile(ticket, `Change CHG-7\n${anchors.map(anchorLine).join('\n')}\n`);
		const out: string[] = [];
		const io: CommandIo = { stdout: (t) => out.push(t), stderr: () => undefined, env: {}, cwd: '/', isTTY: false, now };
		expect(await runAuditVerify({ paths: [dir], anchors: ticket }, io)).toBe(0);
		expect(out.join('')).toContain('3 anchored sessions present, whole and unchanged.');
		await rm(join(dir, files[2]));
		expect(await runAuditVerify({ paths: [dir], anchors: ticket }, io)).toBe(1);
	});
});
