/**
 * Reading session files without judging them, as crash recovery, the writer and verify's
 * helpers do: which files a directory holds, a file's summary (its records, whether it was
 * sealed, whether its last line was cut), its last record read from the end of a long file,
 * and the reconciliations it starts with.
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listSessionFiles, readLastRecord, readLeadingReconciliations, readSessionSummary, sessionEnding, sessionFileTime } from '../../source/audit/session-files.js';
import { loadOrCreateSigningKey } from '../../source/audit/signing-key.js';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import { openChangeLogSession } from '../../source/commands/change-log-session.js';
import { appPaths } from '../../source/settings/paths.js';
import type { StoredSettings } from '../../source/settings/settings-store.js';
import { executeActions } from '../../source/wizard/executor.js';
import { deactivateKey, newKey, parse, readLines, tempDir, writeCrashedSession, writeSession } from './log-fixtures.js';

const settings = { breakGlass: [] } as unknown as StoredSettings;


describe('listSessionFiles and sessionFileTime', () => {
	test('a folder that does not exist holds none; other files are left out; the rest come oldest first', async () => {
		const dir = await tempDir();
		expect(await listSessionFiles(join(dir, 'not-there'))).toEqual([]);
		const names = ['2026-11-28T09-00-00.000Z-0badc0de-0000-4000-8000-000000000002.jsonl', '2026-11-27T20-15-03.000Z-0badc0de-0000-4000-8000-000000000001.jsonl'];
		for (const name of [...names, 'notes.txt', 'session.jsonl']) await writeFile(join(dir, name), '');
		await mkdir(join(dir, 'archive'));
		expect(await listSessionFiles(dir)).toEqual([names[1]!, names[0]!].map((n) => join(dir, n)));
		expect(sessionFileTime(names[1]!)?.toISOString()).toBe('2026-11-27T20:15:03.000Z');
		expect(sessionFileTime('notes.txt')).toBeUndefined();
		// A path that is a file, not a folder: an error, not an empty folder.
		await expect(listSessionFiles(join(dir, 'notes.txt'))).rejects.toMatchObject({ code: 'ENOTDIR' });
	});
});

describe('readSessionSummary and sessionEnding', () => {
	test('a sealed session, a crashed one mid-call, one whose calls all ended, and one whose last line was cut', async () => {
		const key = await newKey();
		const dir = await tempDir();
		const sealed = await readSessionSummary(await writeSession(dir, key, 2));
		expect(sealed).toMatchObject({ sealed: true, incompleteLastLine: false });
		expect(sealed.records.map((r) => r.type)).toEqual(['header', 'intent', 'result', 'intent', 'result', 'seal']);

		const crashed = await readSessionSummary(await writeCrashedSession(await tempDir(), key, { applied: 1, pending: deactivateKey('erin', 'AKIAEXAMPLEERIN00001') }));
		expect(crashed).toMatchObject({ sealed: false, incompleteLastLine: false });
		expect(sessionEnding(crashed)).toBe('open-intent');
		const ended = await readSessionSummary(await writeCrashedSession(await tempDir(), key, { applied: 2 }));
		expect(sessionEnding(ended)).toBe('no-seal');

		// The last record written whole but its line feed lost: the record counts, the line is flagged.
		const file = await writeSession(await tempDir(), key, 1);
		const text = await readFile(file, 'utf8');
		await writeFile(file, text.slice(0, -1));
		const cut = await readSessionSummary(file);
		expect(cut.incompleteLastLine).toBe(true);
		expect(cut.records.map((r) => r.type)).toEqual(['header', 'intent', 'result', 'seal']);
		expect(sessionEnding(cut)).toBe('partial-line');
	});
});

describe('readLastRecord', () => {
	test('of a file longer than the tail it reads: the last whole record, and its hash, as the full read finds them', async () => {
		const key = await newKey();
		const file = await writeCrashedSession(await tempDir(), key, { applied: 1 });
		const whole = await readSessionSummary(file);
		// A cut last line longer than the 1 MiB tail: the tail holds no record, so the file is read whole.
		await appendFile(file, `{"type":"intent","reason":"${'x'.repeat(1_100_000)}`);
		const last = await readLastRecord(file);
		expect(last.record).toEqual(whole.records[whole.records.length - 1]);
		expect(last.hash).toBe(whole.lastHash);
		// A long file whose tail ends in whole records: read from the end.
		const long = await writeCrashedSession(await tempDir(), key, { applied: 1 });
		const lines = await readLines(long);
		await writeFile(long, `${lines[0]}\n${'{"junk":1}\n'.repeat(120_000)}${lines.slice(1).join('\n')}\n`);
		expect((await readLastRecord(long)).record).toEqual(parse(lines[lines.length - 1]!));
		// A file holding its header alone: the header is its last record.
		const headerOnly = join(await tempDir(), 'header.jsonl');
		await writeFile(headerOnly, `${lines[0]}\n`);
		expect((await readLastRecord(headerOnly)).record).toEqual(parse(lines[0]!));
		// A file of nothing but junk: no record.
		const junk = join(await tempDir(), 'junk.jsonl');
		await writeFile(junk, 'not a record\n');
		expect(await readLastRecord(junk)).toEqual({});
	});
});

describe('readLeadingReconciliations', () => {
	test('the reconciliations right after the header: not the header, not a malformed line, none after the first other record', async () => {
		const dir = await tempDir();
		// A session of this machine's key that a crash left mid-call; the next session in the folder reconciles it first.
		await writeCrashedSession(dir, await loadOrCreateSigningKey({ keysDir: appPaths().keys }), { applied: 1, pending: deactivateKey('erin', 'AKIAEXAMPLEERIN00001') });
		const start = new Date('2026-11-27T20:15:03Z');
		const now = () => start;
		const gateway = createSandboxGateway({ state: createSeedState(start), now });
		const { session: next } = await openChangeLogSession({ logDir: dir }, settings, gateway, 'apply', now);
		expect(await next.reconcile(dir, gateway)).toHaveLength(1);
		const key = (await gateway.readAccount()).users.find((u) => u.name === 'dave')!.accessKeys[0]!.id;
		await executeActions([deactivateKey('dave', key)], { gateway, audit: next, step: 5, reason: 'CHG-1', previewHash: 'ab'.repeat(32), now });
		await next.close();
		const file = (await listSessionFiles(dir)).find((f) => f.includes('2026-11-27T20-15-03'))!;
		const lines = await readLines(file);
		expect(lines.map((l) => parse(l).type)).toEqual(['header', 'reconciliation', 'intent', 'result', 'seal']);
		const reconciliation = parse(lines[1]!);
		expect(await readLeadingReconciliations(file)).toEqual([reconciliation]);
		// A malformed line among them is skipped; a reconciliation after an intent is not leading.
		await writeFile(file, [lines[0], 'not json', lines[1], lines[2], lines[1], ''].join('\n'));
		expect(await readLeadingReconciliations(file)).toEqual([reconciliation]);
	});
});
