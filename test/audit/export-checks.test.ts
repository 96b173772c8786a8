/**
 * `audit export --anchors` and `--cloudtrail`: the export carries the same comparisons as
 * `audit verify` — the session against its anchor (a file of anchor lines, or the Object Lock
 * bucket) and against CloudTrail's event history — in its verification block, first thing an
 * auditor reads, and exits 1 when either does not hold.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ChangeLogExport } from '../../source/audit/change-log-export.js';
import { anchorLine } from '../../source/audit/session-anchor.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import { createSandboxGateway, type SandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import type { Action } from '../../source/core/actions.js';
import { runAuditExport } from '../../source/commands/audit-export.js';
import { openChangeLogSession } from '../../source/commands/change-log-session.js';
import { openAnchorBucket, parseS3Anchors } from '../../source/commands/s3-anchors.js';
import type { StoredSettings } from '../../source/settings/settings-store.js';
import { executeActions } from '../../source/wizard/executor.js';
import { captureIo } from '../helpers/command-io.js';
import { clock, deactivateKey, logApplied, newKey, readLines, resign, session, tempDir, writeLines } from './log-fixtures.js';

const url = 's3://iam-wizard-anchors-123456789012/host-1';

async function anchoredSessions(gateway: SandboxGateway, count: number, anchored = count): Promise<{ dir: string; files: string[]; lines: string[] }> {
	const dir = await tempDir();
	const key = await newKey();
	const now = clock(Date.parse('2026-12-06T09:00:00Z'));
	const lines: string[] = [];
	for (let n = 0; n < count; n += 1) {
		const log = await openAuditLog({ dir, key, session, now });
		for (let i = 0; i < 3; i += 1) await logApplied(log, deactivateKey(`u${i}`, `AKIAIOSFODNN7EXAMPL${i}`), now);
		await log.close();
		const anchor = log.anchor()!;
		lines.push(anchorLine(anchor));
		if (n < anchored) await (await openAnchorBucket(gateway, parseS3Anchors(url))).write(anchor, anchorLine(anchor), now());
	}
	return { dir, files: (await readdir(dir)).sort().map((f) => join(dir, f)), lines };
}

async function exported(options: Omit<Parameters<typeof runAuditExport>[0], 'format'>): Promise<{ code: number; log: ChangeLogExport; md: string }> {
	const json = captureIo();
	const code = await runAuditExport({ ...options, format: 'json' }, json);
	const md = captureIo();
	expect(await runAuditExport({ ...options, format: 'md' }, md)).toBe(code);
	return { code, log: JSON.parse(json.out()) as ChangeLogExport, md: md.out() };
}

describe('audit export --anchors', () => {
	test('a session whose header and seal are the anchored ones: said under the verification line, exit 0', async () => {
		const gateway = createSandboxGateway();
		const { dir, files, lines } = await anchoredSessions(gateway, 2);
		const ticket = join(dir, '..', 'ticket.txt');
		await writeFile(ticket, `CHG-9\n${lines.join('\n')}\n`);
		const fromFile = await exported({ file: files[1]!, anchors: ticket });
		expect(fromFile.code).toBe(0);
		expect(fromFile.log.verification.anchor).toEqual({ source: ticket, ok: true, summary: 'its header and seal are the anchored ones (8 records)' });
		expect(fromFile.md).toContain(`**Anchor (${ticket}): checked** — its header and seal are the anchored ones (8 records)`);
		const fromBucket = await exported({ file: files[0]!, anchors: url, gateway });
		expect(fromBucket.code).toBe(0);
		expect(fromBucket.log.verification.anchor).toEqual({ source: `${url}/`, ok: true, summary: 'its header and seal are the anchored ones (8 records)' });
	});

	test('a session cut and re-signed with another key (it verifies on its own): FAILED against its anchor', async () => {
		const gateway = createSandboxGateway();
		const { files } = await anchoredSessions(gateway, 1);
		const lines = await readLines(files[0]!);
		// Two actions kept, resealed with a key of the attacker's: the file alone still verifies (the signer is not pinned).
		const kept = [...lines.slice(0, 5), lines[lines.length - 1]!.replace(/"count":\d+/, '"count":6')];
		await writeLines(files[0]!, resign(kept, await newKey()));
		expect((await exported({ file: files[0]! })).code).toBe(0);
		const { code, log, md } = await exported({ file: files[0]!, anchors: url, gateway });
		expect(code).toBe(1);
		expect(log.verification.ok).toBe(false);
		expect(log.verification.anchor).toMatchObject({ ok: false, summary: expect.stringMatching(/record 1 \(line 1, header\): modified: its header is not the anchored one/) });
		expect(md).toMatch(/\*\*Verification: FAILED\*\*/);
	});

	test('a session with no anchor in the bucket, after sessions that kept one: FAILED, not anchored', async () => {
		const gateway = createSandboxGateway();
		const { files } = await anchoredSessions(gateway, 2, 1);
		const { code, log } = await exported({ file: files[1]!, anchors: url, gateway });
		expect(code).toBe(1);
		expect(log.verification.anchor).toMatchObject({ ok: false, summary: expect.stringMatching(/not anchored: it has no anchor in s3:\/\/iam-wizard-anchors-123456789012\/host-1\/, where every session since/) });
	});
});

describe('audit export --cloudtrail', () => {
	const start = new Date('2026-11-27T20:15:03Z');
	const settings = { breakGlass: [] } as unknown as StoredSettings;

	async function loggedBatch(): Promise<{ gateway: SandboxGateway; file: string }> {
		const now = () => start;
		const gateway = createSandboxGateway({ state: createSeedState(start), now });
		const dir = join(await tempDir(), 'logs');
		const { session: log } = await openChangeLogSession({ logDir: dir }, settings, gateway, 'apply', now);
		const policy: Action = { kind: 'iam:UpdateAccountPasswordPolicy', params: { MinimumPasswordLength: 14 }, step: 5, findingIds: [], summary: 'Require 14 characters' } as Action;
		const report = await executeActions([policy], { gateway, audit: log, step: 5, reason: 'CHG-CT', previewHash: 'ab'.repeat(32), now });
		expect(report.failed).toBeUndefined();
		await log.close();
		return { gateway, file: (await log.file())! };
	}

	test('a session CloudTrail agrees with: the comparison is in the export, exit 0', async () => {
		const { gateway, file } = await loggedBatch();
		const io = captureIo({ now: new Date(start.getTime() + 3_600_000) });
		expect(await runAuditExport({ file, format: 'json', cloudtrail: true, gateway }, io)).toBe(0);
		const log = JSON.parse(io.out()) as ChangeLogExport;
		expect(log.verification.cloudTrail).toMatchObject({ ok: true, matched: 1, unlogged: [], missing: [] });
		expect(log.verification.cloudTrail!.summary).toMatch(/^CloudTrail: \S+\.jsonl: 1 logged call found\.$/);
	});

	test('a write the caller made outside the log: FAILED in every format, exit 1', async () => {
		const { gateway, file } = await loggedBatch();
		await gateway.apply({ kind: 'iam:UpdateAccountPasswordPolicy', params: { MinimumPasswordLength: 8 }, step: 5, findingIds: [], summary: 'Weaken' } as Action);
		const at = new Date(start.getTime() + 3_600_000);
		const json = captureIo({ now: at });
		expect(await runAuditExport({ file, format: 'json', cloudtrail: true, gateway }, json)).toBe(1);
		const log = JSON.parse(json.out()) as ChangeLogExport;
		expect(log.verification.cloudTrail).toMatchObject({ ok: false, matched: 1, unlogged: [{ eventName: 'UpdateAccountPasswordPolicy' }] });
		const md = captureIo({ now: at });
		expect(await runAuditExport({ file, format: 'md', cloudtrail: true, gateway }, md)).toBe(1);
		expect(md.out()).toContain('**Verification: FAILED**');
		expect(md.out()).toMatch(/\*\*CloudTrail: FAILED\*\* — \S+\.jsonl: 1 logged call found; 1 write NOT IN THE LOG: iam:UpdateAccountPasswordPolicy/);
		const csv = captureIo({ now: at });
		expect(await runAuditExport({ file, format: 'csv', cloudtrail: true, gateway }, csv)).toBe(1);
		expect(csv.out().split('\n')[1]).toContain('FAILED CloudTrail:');
	});
});
