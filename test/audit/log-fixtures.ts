/** Helpers for the change-log tests: a temp log directory, keys, sessions with actions, and line surgery. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Action } from '../../source/core/actions.js';
import type { AuditSessionInfo } from '../../source/core/audit-sink.js';
import { canonicalForms, sha256Hex } from '../../source/audit/canonical-record.js';
import { logFormatVersion, type LogRecord, type RecordBody } from '../../source/audit/log-records.js';
import { RecordChain } from '../../source/audit/record-chain.js';
import { sessionFileName } from '../../source/audit/session-files.js';
import { openAuditLog, type SignedAuditLog } from '../../source/audit/signed-audit-log.js';
import { loadOrCreateSigningKey, type SigningKey } from '../../source/audit/signing-key.js';

export async function tempDir(prefix = 'audit-'): Promise<string> {
	return mkdtemp(join(tmpdir(), prefix));
}

export async function newKey(): Promise<SigningKey> {
	return loadOrCreateSigningKey({ keysDir: join(await tempDir('keys-'), 'keys') });
}

export const session: AuditSessionInfo = {
	toolVersion: '0.1.0',
	accountId: '123456789012',
	callerArn: 'arn:aws:iam::123456789012:user/ops-admin',
	region: 'eu-west-1',
	mode: 'demo',
	command: 'wizard',
};

export function deactivateKey(user: string, keyId: string): Action {
	return {
		kind: 'iam:UpdateAccessKey',
		params: { UserName: user, AccessKeyId: keyId, Status: 'Inactive' },
		step: 5,
		findingIds: [`KEY_NOT_ROTATED:${user}`],
		summary: `Deactivate access key ${keyId} of user ${user}`,
	};
}

export function reactivate(action: Action): Action {
	const params = action.params as { UserName: string; AccessKeyId: string };
	return { ...action, params: { ...params, Status: 'Active' }, summary: `Re-activate access key ${params.AccessKeyId} of user ${params.UserName}` } as Action;
}

/** A clock that moves one second per reading. */
export function clock(start = Date.parse('2026-11-27T20:15:03Z')): () => Date {
	let t = start;
	return () => new Date((t += 1000));
}

/** Applies one action as the executor does: intent, then an ok result with its inverse. */
export async function logApplied(log: SignedAuditLog, action: Action, now: () => Date, reason = 'CHG-1234 quarterly key hygiene'): Promise<number> {
	const seq = await log.intent({ time: now().toISOString(), step: action.step, action, findingIds: action.findingIds, reason, previewHash: 'ab'.repeat(32) });
	await log.result({ seq, time: now().toISOString(), ok: true, result: { requestId: `req-${seq}` }, inverse: reactivate(action), before: { Status: 'Active' } });
	return seq;
}

/** A sealed session with `actions` key deactivations: 2 + 2 × actions records. */
export async function writeSession(dir: string, key: SigningKey, actions = 3, now = clock()): Promise<string> {
	const log = await openAuditLog({ dir, key, session, now });
	for (let i = 0; i < actions; i += 1) await logApplied(log, deactivateKey(`user${i}`, `AKIAIOSFODNN7EXAMPL${i % 10}`), now);
	await log.close();
	return log.file;
}

/** A fresh folder and signing key with a sealed session of `actions` key deactivations in it, and the session's lines: what each tampering test edits. */
export async function freshSession(actions = 3): Promise<{ dir: string; key: SigningKey; file: string; lines: string[] }> {
	const dir = await tempDir();
	const key = await newKey();
	const file = await writeSession(dir, key, actions);
	return { dir, key, file, lines: await readLines(file) };
}

/**
 * An unsealed session written directly (as a crashed process leaves it, without a lock):
 * header, `reconciliations`, `applied` intent/result pairs, then one intent with no result when `pending`.
 */
export async function writeCrashedSession(
	dir: string,
	key: SigningKey,
	options: { prev?: string | null; applied?: number; pending?: Action; start?: Date; reconciliations?: RecordBody[] } = {},
): Promise<string> {
	const start = options.start ?? new Date('2026-11-27T10:00:00Z');
	const id = '0badc0de-0000-4000-8000-000000000001';
	const chain = new RecordChain(key, options.prev ?? null);
	const lines: string[] = [];
	const push = (body: RecordBody) => lines.push(chain.append(body).line);
	push({
		type: 'header', format: logFormatVersion, tool: 'iam-wizard', toolVersion: '0.1.0', session: id, account: session.accountId, caller: session.callerArn,
		region: session.region, mode: session.mode, command: 'apply', signer: { publicKey: key.publicKeyPem, fingerprint: key.fingerprint },
		started: start.toISOString(), prevSession: null,
	});
	for (const body of options.reconciliations ?? []) push(body);
	let seq = 0;
	for (let i = 0; i < (options.applied ?? 0); i += 1) {
		seq += 1;
		const action = deactivateKey(`crash${i}`, `AKIACRASHEXAMPLE000${i}`);
		push({ type: 'intent', seq, time: start.toISOString(), step: 5, action, findingIds: action.findingIds, reason: 'CHG-9' });
		push({ type: 'result', seq, time: start.toISOString(), ok: true, inverse: reactivate(action), before: { Status: 'Active' } });
	}
	if (options.pending) {
		seq += 1;
		push({ type: 'intent', seq, time: start.toISOString(), step: options.pending.step, action: options.pending, findingIds: options.pending.findingIds, reason: 'CHG-9' });
	}
	const file = join(dir, sessionFileName(start, id));
	await writeFile(file, lines.join(''), { mode: 0o600 });
	return file;
}

export async function readLines(file: string): Promise<string[]> {
	const text = await readFile(file, 'utf8');
	return text.split('\n').slice(0, -1);
}

export async function writeLines(file: string, lines: string[]): Promise<void> {
	await writeFile(file, lines.map((l) => `${l}\n`).join(''));
}

export function parse(line: string): LogRecord {
	return JSON.parse(line) as LogRecord;
}

export function hashOf(record: LogRecord): string {
	return sha256Hex(canonicalForms(record as unknown as Record<string, unknown>).full);
}

/**
 * Re-signs records from index `from` on with `key`, relinking the chain from the record
 * before. From 0, the header is rewritten to name the new key (a whole-file forgery).
 */
export function resign(lines: string[], key: SigningKey, from = 0): string[] {
	const records = lines.map(parse);
	const chain = new RecordChain(key, from === 0 ? records[0].prev : hashOf(records[from - 1]));
	const out = lines.slice(0, from);
	for (let i = from; i < records.length; i += 1) {
		const { prev: _prev, kid: _kid, sig: _sig, ...body } = records[i];
		let next: RecordBody = body as RecordBody;
		if (next.type === 'header') next = { ...next, signer: { publicKey: key.publicKeyPem, fingerprint: key.fingerprint } };
		if (next.type === 'seal') next = { ...next, lastHash: chain.lastHash as string };
		out.push(chain.append(next).line.trimEnd());
	}
	return out;
}

/** A deterministic PRNG (mulberry32), so random tests repeat exactly. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
