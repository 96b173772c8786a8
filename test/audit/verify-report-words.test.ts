/**
 * The words `audit verify` reports, whole: the OK line that counts records, actions by outcome,
 * attestations and the signer; the notes that say what a run without anchors cannot see and
 * what naming files one by one leaves out; and the warning for each way a reconciled session
 * ended. An auditor copies these lines into evidence, so each is pinned as it reads.
 */
import { appendFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { findInterruptedSessions, reconcileInterrupted } from '../../source/audit/interrupted-sessions.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { clock, deactivateKey, hashOf, logApplied, newKey, parse, readLines, session, tempDir, writeCrashedSession, writeLines, writeSession } from './log-fixtures.js';

let dir: string;
let key: SigningKey;

beforeEach(async () => {
	dir = await tempDir();
	key = await newKey();
});

const lastHash = async (file: string) => hashOf(parse((await readLines(file)).at(-1)!)).slice(0, 12);

/** A sealed session with two applied actions, one failed, one with no result, and one attestation. */
async function mixedSession(now: () => Date): Promise<string> {
	const log = await openAuditLog({ dir, key, session, now });
	await logApplied(log, deactivateKey('ann', 'AKIAIOSFODNN7EXAMPL1'), now);
	await logApplied(log, deactivateKey('bob', 'AKIAIOSFODNN7EXAMPL2'), now);
	const failed = deactivateKey('cat', 'AKIAIOSFODNN7EXAMPL3');
	const seq = await log.intent({ time: now().toISOString(), step: 5, action: failed, findingIds: [], reason: 'CHG-7', previewHash: 'ab'.repeat(32) });
	await log.result({ seq, time: now().toISOString(), ok: false, error: { code: 'AccessDenied', message: 'denied' } });
	await log.intent({ time: now().toISOString(), step: 5, action: deactivateKey('dan', 'AKIAIOSFODNN7EXAMPL4'), findingIds: [], reason: 'CHG-7', previewHash: 'ab'.repeat(32) });
	await log.attestation({ time: now().toISOString(), step: 5, statement: 'Root MFA enabled with a hardware key', findingIds: ['ROOT_NO_MFA'], reason: 'CHG-8' });
	await log.close();
	return log.file;
}

describe('the OK line and the notes', () => {
	test('a directory: records, actions by outcome, attestations, the signer and whether it is pinned, then what anchors would add', async () => {
		await mixedSession(clock(Date.parse('2026-11-20T09:00:00Z')));
		const newest = await writeSession(dir, key, 1, clock(Date.parse('2026-11-21T09:00:00Z')));

		const report = await verifyLogs([dir]);

		expect(report.ok).toBe(true);
		expect(report.summary).toBe(
			`OK: 2 session files in ${dir}: 14 records, 5 actions (3 ok, 1 failed, 1 without result), 1 attestation, signer ${key.fingerprint} (NOT pinned), chain intact, sealed.`,
		);
		expect(report.notes).toEqual([
			'The signer is NOT pinned: each file was checked against the key its own header names; pass --pubkey with the key you were given to pin it.',
			`Without anchors, removing the newest sessions leaves no trace in the files: the newest here is ${basename(newest)} (4 records, last hash ${await lastHash(newest)}…); compare it with the anchor line apply or the wizard printed (--anchors).`,
		]);

		const pinned = await verifyLogs([dir], { pubkey: key.publicKeyPem, pubkeySource: 'the key you were given' });
		expect(pinned.summary).toContain(`signer ${key.fingerprint} (pinned), chain intact, sealed.`);
		expect(pinned.notes[0]).toBe(`Every record was checked against the key you were given, ${key.fingerprint}.`);
	});

	test('one file: its name, one action in the singular, no attestation part; and naming files one by one is said to leave removals unseen', async () => {
		const file = await writeSession(dir, key, 1, clock(Date.parse('2026-11-20T09:00:00Z')));
		const other = await tempDir();
		await writeSession(other, key, 2, clock(Date.parse('2026-11-22T09:00:00Z')));

		const one = await verifyLogs([file]);
		expect(one.summary).toBe(`OK: ${basename(file)}: 4 records, 1 action (1 ok, 0 failed), signer ${key.fingerprint} (NOT pinned), chain intact, sealed.`);
		expect(one.notes.at(-1)).toBe('Files named one by one are checked on their own; verify their log directory to also catch whole sessions removed from it.');
		expect(one.notes.some((n) => n.startsWith('Without anchors'))).toBe(false);

		// A directory and a file of another: the directory's newest is named, and the file's note still stands.
		const both = await verifyLogs([other, file]);
		expect(both.ok).toBe(true);
		expect(both.notes.filter((n) => n.startsWith('Without anchors'))).toHaveLength(1);
		expect(both.notes.at(-1)).toBe('Files named one by one are checked on their own; verify their log directory to also catch whole sessions removed from it.');
	});
	test('several of each: signers, directories and attestations are listed apart, in the plural', async () => {
		const other = await tempDir();
		const otherKey = await newKey();
		const now = clock(Date.parse('2026-11-20T09:00:00Z'));
		const log = await openAuditLog({ dir, key, session, now });
		for (const statement of ['Root MFA enabled with a hardware key', 'Root access keys deleted']) {
			await log.attestation({ time: now().toISOString(), step: 5, statement, findingIds: [], reason: 'CHG-8' });
		}
		await log.close();
		await writeSession(other, otherKey, 2, clock(Date.parse('2026-11-21T09:00:00Z')));

		const report = await verifyLogs([dir, other]);

		expect(report.ok).toBe(true);
		expect(report.summary).toBe(
			`OK: 2 session files in ${dir}, ${other}: 10 records, 2 actions (2 ok, 0 failed), 2 attestations, signer ${key.fingerprint}, ${otherKey.fingerprint} (NOT pinned), chain intact, sealed.`,
		);
	});
});

describe('the warning for a reconciled session, by how it ended', () => {
	async function reconcileAll(): Promise<string> {
		const log = await openAuditLog({ dir, key, session, now: clock(Date.parse('2026-11-28T08:00:00Z')) });
		for (const interrupted of await findInterruptedSessions(dir)) await reconcileInterrupted(log, interrupted, async () => null);
		await log.close();
		return log.file;
	}

	async function warningFor(crashed: string) {
		const bytes = (await readLines(crashed)).reduce((n, l) => n + Buffer.byteLength(`${l}\n`), 0);
		const records = (await readLines(crashed)).length;
		const hash = await lastHash(crashed);
		const reconciler = basename(await reconcileAll());
		const report = await verifyLogs([dir], { pubkey: key.publicKeyPem });
		expect(report.ok).toBe(true);
		expect(report.summary).toMatch(/, chain intact, sealed or reconciled \(1 interrupted session reconciled\)\.$/);
		return { warning: report.warnings[0], bytes, records, hash, reconciler };
	}

	test('an action announced and no result', async () => {
		const crashed = await writeCrashedSession(dir, key, { applied: 1, pending: deactivateKey('eve', 'AKIAIOSFODNN7EXAMPL5') });
		const { warning, bytes, hash, reconciler } = await warningFor(crashed);
		expect(warning).toBe(
			`WARNING: ${basename(crashed)} ended with an action announced and no result after 4 records (${bytes} bytes, last hash ${hash}…); ${reconciler} reconciled it (outcome: not-applied). ` +
				'A crash and a log cut short look the same from the files alone: check the session against its anchors (--anchors) or CloudTrail (--cloudtrail).',
		);
	});

	test('after a complete record, without a seal', async () => {
		const crashed = await writeCrashedSession(dir, key, { applied: 2 });
		const { warning, bytes, hash, reconciler } = await warningFor(crashed);
		expect(warning).toBe(
			`WARNING: ${basename(crashed)} ended after a complete record, without a seal after 5 records (${bytes} bytes, last hash ${hash}…); ${reconciler} reconciled it (outcome: nothing-pending). ` +
				'A crash and a log cut short look the same from the files alone: check the session against its anchors (--anchors) or CloudTrail (--cloudtrail).',
		);
	});

	test('in a partly written line', async () => {
		const crashed = await writeCrashedSession(dir, key, { applied: 1 });
		const lines = await readLines(crashed);
		await writeLines(crashed, lines);
		await appendFile(crashed, lines[1]!.slice(0, 40));
		const reconciler = basename(await reconcileAll());
		const report = await verifyLogs([dir], { pubkey: key.publicKeyPem });
		expect(report.ok).toBe(true);
		expect(report.warnings[0]).toContain(`WARNING: ${basename(crashed)} ended in a partly written line after 3 records (`);
		expect(report.warnings[0]).toContain(`${reconciler} reconciled it (outcome: `);
	});
});

