import { createHash, createPublicKey, verify } from 'node:crypto';
import { copyFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import canonicalize from 'canonicalize';
import { AuditLogBusyError } from '../../source/audit/audit-input-error.js';
import { digestOf } from '../../source/audit/canonical-record.js';
import { acquireLock, readLockOwner } from '../../source/audit/file-lock.js';
import { findInterruptedSessions } from '../../source/audit/interrupted-sessions.js';
import type { RecordBody } from '../../source/audit/log-records.js';
import { RecordChain } from '../../source/audit/record-chain.js';
import { openAuditLog, type LogFile } from '../../source/audit/signed-audit-log.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { clock, deactivateKey, hashOf, logApplied, newKey, parse, readLines, session, tempDir, writeCrashedSession, writeSession } from './log-fixtures.js';

describe('a session file', () => {
	test('a header a crashed process left half-made (.partial) is cleared when the next session opens', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const stale = join(dir, '2026-11-27T20-00-00.000Z-00000000-0000-0000-0000-000000000000.jsonl.partial');
		await writeFile(stale, '{"type":"header"');
		const file = await writeSession(dir, key, 1);
		expect(await readdir(dir)).not.toContain(basename(stale));
		expect((await verifyLogs([dir])).ok).toBe(true);
		expect(basename(file)).toMatch(/\.jsonl$/);
	});

	test('is mode 0600, named by start time, and holds a header with who, where and which key', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const file = await writeSession(dir, key, 1);
		expect((await stat(file)).mode & 0o777).toBe(0o600);
		expect(basename(file)).toMatch(/^2026-11-27T20-15-04\.000Z-[0-9a-f-]{36}\.jsonl$/);
		const header = parse((await readLines(file))[0]);
		expect(header).toMatchObject({
			type: 'header',
			format: 1,
			tool: 'iam-wizard',
			toolVersion: '0.1.0',
			account: '123456789012',
			caller: 'arn:aws:iam::123456789012:user/ops-admin',
			region: 'eu-west-1',
			mode: 'demo',
			command: 'wizard',
			signer: { publicKey: key.publicKeyPem, fingerprint: key.fingerprint },
			started: '2026-11-27T20:15:04.000Z',
			prev: null,
			prevSession: null,
		});
		// No lock or partial file is left behind once the session is sealed.
		expect(await readdir(dir)).toEqual([basename(file)]);
	});

	test('every line is the canonical record; each prev hashes the line before; each sig verifies over the record without sig', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const lines = await readLines(await writeSession(dir, key, 2));
		const publicKey = createPublicKey((parse(lines[0]) as { signer: { publicKey: string } }).signer.publicKey);
		let previous: string | null = null;
		for (const line of lines) {
			const record = JSON.parse(line) as Record<string, unknown>;
			expect(line).toBe(canonicalize(record));
			expect(record.prev).toBe(previous);
			const { sig, ...unsigned } = record;
			expect(verify(null, Buffer.from(canonicalize(unsigned)!), publicKey, Buffer.from(sig as string, 'base64'))).toBe(true);
			previous = createHash('sha256').update(line).digest('hex');
		}
		const seal = parse(lines[lines.length - 1]);
		expect(seal).toMatchObject({ type: 'seal', count: 6, lastHash: hashOf(parse(lines[4])) });
	});

	test('records what the executor sends: intent, result with inverse and state digests, attestation', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const now = clock();
		const log = await openAuditLog({ dir, key, session, now });
		const action = deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE');
		const seq = await log.intent({ time: now().toISOString(), step: 5, action, findingIds: action.findingIds, reason: 'CHG-42', previewHash: 'cd'.repeat(32) });
		expect(seq).toBe(1);
		await log.result({ seq, time: now().toISOString(), ok: false, error: { code: 'AccessDenied', message: 'not allowed', requestId: 'r-1' }, before: { Status: 'Active' } });
		await log.attestation({ time: now().toISOString(), step: 1, statement: 'Root MFA enabled in the console', findingIds: ['ROOT_NO_MFA'], reason: 'CHG-43' });
		expect(log.records).toBe(4);
		await log.close();
		expect(log.records).toBe(5);
		const records = (await readLines(log.file)).map(parse);
		expect(records.map((r) => r.type)).toEqual(['header', 'intent', 'result', 'attestation', 'seal']);
		expect(records[1]).toMatchObject({ seq: 1, step: 5, action, findingIds: action.findingIds, reason: 'CHG-42', previewHash: 'cd'.repeat(32) });
		expect(records[2]).toMatchObject({ seq: 1, ok: false, error: { code: 'AccessDenied', requestId: 'r-1' }, inverse: null, before: { Status: 'Active' } });
		expect((records[2] as { beforeDigest: string }).beforeDigest).toBe(createHash('sha256').update('{"Status":"Active"}').digest('hex'));
		expect(records[3]).toMatchObject({ statement: 'Root MFA enabled in the console', findingIds: ['ROOT_NO_MFA'] });
		expect((await verifyLogs([log.file])).ok).toBe(true);
	});

	test('refuses a result for an intent it never wrote, anything after close, and a reconciliation after an intent', async () => {
		const dir = await tempDir();
		const now = clock();
		const log = await openAuditLog({ dir, key: await newKey(), session, now });
		await expect(log.result({ seq: 7, time: now().toISOString(), ok: true })).rejects.toThrow('no open intent with seq 7');
		await logApplied(log, deactivateKey('bob', 'AKIAIOSFODNN7EXAMPL2'), now);
		await expect(log.reconcile({ file: log.file, lastHash: log.lastHash, outcome: 'unknown' })).rejects.toThrow(/before any intent/);
		await log.close();
		await log.close();
		await expect(log.attestation({ time: now().toISOString(), step: 1, statement: 'x', findingIds: [], reason: '' })).rejects.toThrow(/already sealed/);
		expect((await verifyLogs([log.file])).ok).toBe(true);
	});

	test('a result carries each state it was given with its digest, and no state nor digest it was not given', async () => {
		const dir = await tempDir();
		const now = clock();
		const log = await openAuditLog({ dir, key: await newKey(), session, now });
		const action = deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE');
		for (const states of [{ before: { Status: 'Active' as const }, after: { Status: 'Inactive' as const } }, {}]) {
			const seq = await log.intent({ time: now().toISOString(), step: 5, action, findingIds: [], reason: 'CHG-44' });
			await log.result({ seq, time: now().toISOString(), ok: true, inverse: null, ...states });
		}
		await log.close();
		const [, , both, , neither] = (await readLines(log.file)).map(parse);
		expect(both).toMatchObject({ before: { Status: 'Active' }, beforeDigest: digestOf({ Status: 'Active' }), after: { Status: 'Inactive' }, afterDigest: digestOf({ Status: 'Inactive' }) });
		expect(Object.keys(neither).filter((k) => /^(before|after)/.test(k))).toEqual([]);
	});

	test('a reconciliation names a file of its own directory as it is now, and comes before any attestation', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const crashed = await writeCrashedSession(dir, key, { applied: 1 });
		const [{ lastHash }] = await findInterruptedSessions(dir);
		const elsewhere = join(await tempDir(), basename(crashed));
		await copyFile(crashed, elsewhere);
		const now = clock();
		const log = await openAuditLog({ dir, key, session, now });
		await expect(log.reconcile({ file: elsewhere, lastHash, outcome: 'nothing-pending' })).rejects.toThrow(`${elsewhere} is not in this session's log directory`);
		await expect(log.reconcile({ file: crashed, lastHash: 'ab'.repeat(32), outcome: 'nothing-pending' })).rejects.toThrow(
			`${basename(crashed)} changed since it was found interrupted (its last hash no longer matches)`,
		);
		await log.attestation({ time: now().toISOString(), step: 1, statement: 'Root MFA enabled in the console', findingIds: [], reason: 'CHG-45' });
		await expect(log.reconcile({ file: crashed, lastHash, outcome: 'nothing-pending' })).rejects.toThrow('Reconciliation records must come before any intent or attestation in a session');
		await log.close();
		expect((await readLines(log.file)).map((l) => parse(l).type)).toEqual(['header', 'attestation', 'seal']);
	});

	test('a record asked for while the session is closing is refused, and the seal stays last', async () => {
		const dir = await tempDir();
		const now = clock();
		const log = await openAuditLog({ dir, key: await newKey(), session, now });
		const closing = log.close();
		await expect(log.attestation({ time: now().toISOString(), step: 1, statement: 'late', findingIds: [], reason: 'CHG-46' })).rejects.toThrow(/already sealed/);
		await closing;
		expect((await readLines(log.file)).map((l) => parse(l).type)).toEqual(['header', 'seal']);
		expect((await verifyLogs([dir])).ok).toBe(true);
	});

	test('the next session in the directory carries the last hash and name of the previous one', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const first = await writeSession(dir, key, 1);
		const firstLines = await readLines(first);
		const log = await openAuditLog({ dir, key, session, now: clock() });
		await log.close();
		const header = parse((await readLines(log.file))[0]) as { prev: string; prevSession: string };
		expect(header.prev).toBe(hashOf(parse(firstLines[firstLines.length - 1])));
		expect(header.prevSession).toBe(basename(first));
		// Same clock reading as the first session: the name still sorts after it.
		expect(basename(log.file) > basename(first)).toBe(true);
	});
});

/**
 * Wraps the session file: each write takes at most `chunk` bytes, none at all past `room` bytes
 * (a full disk that answers 0 instead of ENOSPC), and every call is named in `calls`.
 */
function watchedFile(options: { chunk?: number; room?: number; failWrap?: Error } = {}) {
	const calls: string[] = [];
	const wrap = (file: LogFile): LogFile => {
		if (options.failWrap) throw options.failWrap;
		return {
			write: async (buffer, offset, length, position) => {
				calls.push('write');
				const take = Math.max(0, Math.min(length, options.chunk ?? length, (options.room ?? Number.POSITIVE_INFINITY) - position));
				return take === 0 ? { bytesWritten: 0 } : file.write(buffer, offset, take, position);
			},
			datasync: async () => {
				calls.push('datasync');
				await file.datasync();
			},
			sync: async () => {
				calls.push('sync');
				await file.sync();
			},
			truncate: async (length) => {
				calls.push(`truncate ${length}`);
				await file.truncate(length);
			},
			close: () => file.close(),
		};
	};
	return { calls, wrap, options };
}

describe('writing the session file', () => {
	test('a header that cannot be written fails with its own error, before any file is opened, and leaves no lock', async () => {
		const dir = await tempDir();
		const now = clock();
		// A value no JSON holds: the header's canonical form cannot be made.
		await expect(openAuditLog({ dir, key: await newKey(), session: { ...session, toolVersion: 1n as never }, now })).rejects.toThrow(/BigInt/);
		expect(await readdir(dir)).toEqual([]);
		const log = await openAuditLog({ dir, key: await newKey(), session, now });
		await log.close();
		expect((await verifyLogs([dir])).ok).toBe(true);
	});

	test('a file wrapper that throws leaves no open handle, no partial file and no lock: the next session opens', async () => {
		const dir = await tempDir();
		const now = clock();
		let opened: LogFile | undefined;
		const failing = openAuditLog({
			dir,
			key: await newKey(),
			session,
			now,
			wrapFile: (file) => {
				opened = file;
				throw new Error('wrapper failed');
			},
		});
		await expect(failing).rejects.toThrow('wrapper failed');
		expect((opened as unknown as { fd: number }).fd).toBe(-1);
		expect(await readdir(dir)).not.toContainEqual(expect.stringMatching(/\.partial$|\.lock$/));
		const log = await openAuditLog({ dir, key: await newKey(), session, now });
		await log.close();
		expect((await verifyLogs([dir])).ok).toBe(true);
	});

	test('a write that takes only part of a line is carried on where it stopped, and the log verifies', async () => {
		const dir = await tempDir();
		const now = clock();
		const file = watchedFile({ chunk: 7 });
		const log = await openAuditLog({ dir, key: await newKey(), session, now, wrapFile: file.wrap });
		await logApplied(log, deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE'), now);
		await log.close();
		expect(file.calls.filter((c) => c === 'write').length).toBeGreaterThan((await stat(log.file)).size / 7);
		expect((await readLines(log.file)).map((l) => parse(l).type)).toEqual(['header', 'intent', 'result', 'seal']);
		expect((await verifyLogs([dir])).ok).toBe(true);
	});

	test('each record is on disk (datasync) before the next call, unless durable is off; the header and the seal are synced whole', async () => {
		for (const durable of [true, false]) {
			const now = clock();
			const file = watchedFile();
			const log = await openAuditLog({ dir: await tempDir(), key: await newKey(), session, now, durable, wrapFile: file.wrap });
			await logApplied(log, deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE'), now);
			await log.close();
			const perRecord = durable ? ['write', 'datasync'] : ['write'];
			expect(file.calls).toEqual(['write', 'sync', ...perRecord, ...perRecord, ...perRecord, 'sync']);
		}
	});

	test('a disk that takes no more bytes: the line begun is cut off and synced, nothing more is taken, and the session ends unsealed', async () => {
		const dir = await tempDir();
		const now = clock();
		const file = watchedFile();
		const log = await openAuditLog({ dir, key: await newKey(), session, now, wrapFile: file.wrap });
		const header = await readFile(log.file, 'utf8');
		file.options.room = header.length + 10;
		const action = deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE');
		const failed = log.intent({ time: now().toISOString(), step: 5, action, findingIds: [], reason: 'CHG-47' });
		await expect(failed).rejects.toThrow(`The change log ${log.file} could not be written (ENOSPC: no space left on device, write)`);
		await expect(failed.catch((error: Error) => error.cause)).resolves.toMatchObject({ code: 'ENOSPC' });
		expect(file.calls.slice(-4)).toEqual(['write', 'write', `truncate ${header.length}`, 'datasync']);
		await expect(log.attestation({ time: now().toISOString(), step: 1, statement: 'x', findingIds: [], reason: 'CHG-48' })).rejects.toThrow(
			`The change log ${basename(log.file)} could not be written earlier (ENOSPC: no space left on device, write); it takes no more records`,
		);
		await log.close();
		expect(await readFile(log.file, 'utf8')).toBe(header);
		expect(log.anchor()).toBeUndefined();
	});

	test('a session whose header cannot be written, or whose file cannot be wrapped, leaves nothing behind and fails with its own error', async () => {
		const dir = await tempDir();
		const key = await newKey();
		await expect(openAuditLog({ dir, key, session, wrapFile: watchedFile({ room: 0 }).wrap })).rejects.toMatchObject({ code: 'ENOSPC', message: 'ENOSPC: no space left on device, write' });
		const refused = new Error('the wrapper refused');
		await expect(openAuditLog({ dir, key, session, wrapFile: watchedFile({ failWrap: refused }).wrap })).rejects.toBe(refused);
		expect(await readdir(dir)).toEqual([]);
		await writeSession(dir, key, 1);
		expect((await verifyLogs([dir])).ok).toBe(true);
	});
});

describe('records as the chain writes them', () => {
	test('a lone surrogate, in a value or a member name, is written as U+FFFD, a surrogate pair is kept, and the log verifies', async () => {
		const dir = await tempDir();
		const now = clock();
		const log = await openAuditLog({ dir, key: await newKey(), session, now });
		const action = deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE');
		const seq = await log.intent({ time: now().toISOString(), step: 5, action, findingIds: [], reason: 'a\uD800b c\uDC00 \u{1F600} end\uDBFF' });
		// A state read back with a lone surrogate in a tag key: before the fix its result could not be logged at all.
		await log.result({ seq, time: now().toISOString(), ok: true, inverse: null, before: { Tags: { 'team\uDC00': 'x\uD800' } } as never });
		await log.close();
		const [, intent, result] = (await readLines(log.file)).map(parse);
		expect(intent).toMatchObject({ reason: 'a\uFFFDb c\uFFFD \u{1F600} end\uFFFD' });
		expect(result).toMatchObject({ before: { Tags: { 'team\uFFFD': 'x\uFFFD' } } });
		expect((await verifyLogs([dir])).ok).toBe(true);
	});

	test('re-signing the records of a session with its key gives its lines again, and each record returned is exactly its line', async () => {
		const key = await newKey();
		const lines = await readLines(await writeSession(await tempDir(), key, 1));
		const chain = new RecordChain(key, null);
		for (const line of lines) {
			const { prev: _prev, kid: _kid, sig: _sig, ...body } = parse(line);
			const signed = chain.append(body as RecordBody);
			expect(signed.line).toBe(`${line}\n`);
			expect(signed.record).toStrictEqual(parse(line));
			expect(signed.hash).toBe(hashOf(parse(line)));
			expect(chain.lastHash).toBe(signed.hash);
		}
	});
});

test('a session after a long one (over 1 MB) still chains to its last hash', async () => {
	const dir = await tempDir();
	const key = await newKey();
	const now = clock();
	const long = await openAuditLog({ dir, key, session, now, durable: false });
	for (let i = 0; i < 1200; i += 1) await logApplied(long, deactivateKey(`user${i}`, 'AKIAIOSFODNN7EXAMPLE'), now);
	await long.close();
	expect((await stat(long.file)).size).toBeGreaterThan(1 << 20);
	const next = await openAuditLog({ dir, key, session, now });
	await next.close();
	const lines = await readLines(long.file);
	expect(parse((await readLines(next.file))[0]).prev).toBe(hashOf(parse(lines[lines.length - 1])));
	expect((await verifyLogs([dir])).ok).toBe(true);
});

describe('locks', () => {
	test('a second writer on the same file is refused while the session is open', async () => {
		const dir = await tempDir();
		const log = await openAuditLog({ dir, key: await newKey(), session, now: clock() });
		await expect(acquireLock(`${log.file}.lock`, { purpose: 'change log' })).rejects.toThrow(AuditLogBusyError);
		await expect(acquireLock(`${log.file}.lock`, { purpose: 'change log' })).rejects.toThrow(new RegExp(`locked by process ${process.pid}`));
		// What an operator finds in the lock file: who holds it, and for what.
		expect(await readLockOwner(`${log.file}.lock`)).toMatchObject({ pid: process.pid, purpose: `change log ${basename(log.file)}` });
		await log.close();
		const after = await acquireLock(`${log.file}.lock`, { purpose: 'change log' });
		await after.release();
	});

	test('a second session in the same directory is refused while the first is open', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const log = await openAuditLog({ dir, key, session, now: clock() });
		await expect(openAuditLog({ dir, key, session })).rejects.toThrow(
			new RegExp(`Another iam-wizard session \\(process ${process.pid} on .+\\) is still writing ${basename(log.file).replace(/\./g, '\\.')}`),
		);
		await log.close();
		const next = await openAuditLog({ dir, key, session });
		await next.close();
		expect((await verifyLogs([dir])).ok).toBe(true);
	});

	test('a lock whose owner cannot be read counts as held while it is fresh, by another process', async () => {
		const dir = await tempDir();
		const key = await newKey();
		const file = await writeSession(dir, key, 1);
		await writeFile(`${file}.lock`, '{"pid":');
		await expect(openAuditLog({ dir, key, session })).rejects.toThrow(`Another iam-wizard session (another process) is still writing ${basename(file)} in this log directory`);
	});

	test('two sessions starting together cannot both chain to the same previous session', async () => {
		const dir = await tempDir();
		const key = await newKey();
		await writeSession(dir, key, 1);
		const opened = await Promise.allSettled([openAuditLog({ dir, key, session }), openAuditLog({ dir, key, session })]);
		const winners = opened.filter((o) => o.status === 'fulfilled');
		const losers = opened.filter((o) => o.status === 'rejected');
		expect(winners).toHaveLength(1);
		expect((losers[0] as PromiseRejectedResult).reason).toBeInstanceOf(AuditLogBusyError);
		// It waited for the directory lock, then found the winner's session open: not a bare lock error.
		expect(((losers[0] as PromiseRejectedResult).reason as Error).message).toMatch(/^Another iam-wizard session \(process \d+ on .+\) is still writing /);
		await (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof openAuditLog>>>).value.close();
		expect((await verifyLogs([dir])).ok).toBe(true);
	});
});
