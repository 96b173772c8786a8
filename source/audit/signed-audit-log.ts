/**
 * The change log the executor writes to: one JSONL file per session, 0600, each record
 * appended and fsync'd before the call it announces is made, hash-chained and signed.
 * Opening takes a directory lock while it picks the previous session (whose last hash the
 * header carries) and claims the new file, so two sessions starting together cannot both
 * chain to the same predecessor; the file keeps its own lock until the session ends.
 */
import { randomUUID } from 'node:crypto';
import { open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Action } from '../core/actions.js';
import type { AttestationRecord, AuditSessionInfo, AuditSink, IntentRecord, ResultRecord } from '../core/audit-sink.js';
import { AuditLogBusyError, isNodeError } from './audit-input-error.js';
import { makeDirectory } from '../fs/make-directory.js';
import { digestOf } from './canonical-record.js';
import { acquireLock, lockIsLive, type HeldLock } from './file-lock.js';
import { logFormatVersion, type HeaderBody, type ReconciliationBody, type ReconciliationOutcome, type RecordBody } from './log-records.js';
import { plainJson, RecordChain } from './record-chain.js';
import type { SessionAnchor } from './session-anchor.js';
import { redactSecrets } from './redact-secrets.js';
import { listSessionFiles, readLastRecord, readSessionSummary, sessionEnding, sessionFileName, sessionFileTime } from './session-files.js';
import type { SigningKey } from './signing-key.js';

export const directoryLockName = '.iam-wizard-log.lock';

export interface OpenAuditLogOptions {
	/** The log directory (settings, or --log-dir). */
	dir: string;
	key: SigningKey;
	session: AuditSessionInfo;
	now?: () => Date;
	/** An undo session names the action it reverses. */
	undoes?: { file: string; seq: number };
	/** fsync after every record (default). Only benchmarks and bulk fixtures turn it off. */
	durable?: boolean;
	/** Wraps the session file's handle: the fault tests make its writes or fsyncs fail. */
	wrapFile?: (file: LogFile) => LogFile;
}

/** The calls the log makes on its session file (a FileHandle has them all). */
export interface LogFile {
	write(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
	datasync(): Promise<void>;
	sync(): Promise<void>;
	truncate(length: number): Promise<void>;
	close(): Promise<void>;
}

/**
 * Writes every byte of `bytes` at `position`: one write call may write only part of a
 * buffer (a disk that fills up mid-line), and a line cut short must never pass for written.
 */
async function writeFully(file: LogFile, bytes: Buffer, position: number): Promise<void> {
	let done = 0;
	while (done < bytes.length) {
		const { bytesWritten } = await file.write(bytes, done, bytes.length - done, position + done);
		if (bytesWritten <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
		done += bytesWritten;
	}
}

export interface ReconcileInput {
	/** The interrupted session file. */
	file: string;
	/** The hash of its last complete record (from findInterruptedSessions). */
	lastHash: string;
	seq?: number;
	action?: Action;
	/** What `gateway.readState(action)` returned now (null: the resource is gone). */
	observedState?: unknown;
	outcome: ReconciliationOutcome;
}

export class SignedAuditLog implements AuditSink {
	private seq = 0;
	private count = 1;
	private readonly pending = new Set<number>();
	private wroteActivity = false;
	private closed = false;
	/** A write that failed leaves the chain ahead of the file: nothing more may be written. */
	private broken: Error | undefined;
	private queue: Promise<unknown> = Promise.resolve();
	/** Bytes of whole records in the file: where the next record goes, and where a failed one is cut back to. */
	private size: number;

	constructor(
		/** Full path of this session's file. */
		readonly file: string,
		readonly sessionId: string,
		private readonly chain: RecordChain,
		private readonly handle: LogFile,
		private readonly lock: HeldLock,
		private readonly now: () => Date,
		private readonly durable: boolean,
		/** The record hash of this session's header. */
		readonly headerHash: string,
		headerBytes: number,
	) {
		this.size = headerBytes;
	}

	/** Once sealed: the session's anchor (header and seal hashes, record count) to keep outside the machine. */
	anchor(): SessionAnchor | undefined {
		if (!this.closed || this.broken) return undefined;
		return { file: basename(this.file), headerHash: this.headerHash, sealHash: this.lastHash, records: this.count };
	}

	get lastHash(): string {
		return this.chain.lastHash as string;
	}

	/** Records written so far, the header included. */
	get records(): number {
		return this.count;
	}

	private append(body: RecordBody): Promise<void> {
		const write = this.queue.then(async () => {
			if (this.closed) throw new Error(`The change log ${basename(this.file)} is already sealed`);
			if (this.broken) throw new Error(`The change log ${basename(this.file)} could not be written earlier (${this.broken.message}); it takes no more records`);
			const bytes = Buffer.from(this.chain.append(body).line, 'utf8');
			try {
				await writeFully(this.handle, bytes, this.size);
				if (this.durable) await this.handle.datasync();
			} catch (error) {
				this.broken = error instanceof Error ? error : new Error(String(error));
				// A record written in part is cut off, so the file ends at its last whole record: an intent
				// whose result could not be written stays pending, and the next session re-reads its resource.
				await this.handle
					.truncate(this.size)
					.then(() => this.handle.datasync())
					.catch(() => undefined);
				throw new Error(`The change log ${this.file} could not be written (${this.broken.message})`, { cause: error });
			}
			this.size += bytes.length;
			this.count += 1;
		});
		this.queue = write.catch(() => undefined);
		return write;
	}

	async intent(record: Omit<IntentRecord, 'seq'>): Promise<number> {
		this.seq += 1;
		const seq = this.seq;
		this.wroteActivity = true;
		await this.append({ type: 'intent', seq, ...record });
		this.pending.add(seq);
		return seq;
	}

	async result(record: ResultRecord): Promise<void> {
		if (!this.pending.has(record.seq)) throw new Error(`The change log has no open intent with seq ${record.seq}`);
		// Digested as written: plain JSON with well-formed strings (a lone surrogate has no canonical form), redacted.
		const before = record.before === undefined ? undefined : redactSecrets(plainJson(record.before)).value;
		const after = record.after === undefined ? undefined : redactSecrets(plainJson(record.after)).value;
		await this.append({
			...record,
			type: 'result',
			inverse: record.inverse ?? null,
			...(before !== undefined ? { before, beforeDigest: digestOf(before) } : {}),
			...(after !== undefined ? { after, afterDigest: digestOf(after) } : {}),
		});
		this.pending.delete(record.seq);
	}

	async attestation(record: AttestationRecord): Promise<void> {
		this.wroteActivity = true;
		await this.append({ type: 'attestation', ...record });
	}

	/**
	 * Records what became of a session that ended mid-call. It must come before anything
	 * else in this session, and names the interrupted file exactly as it is now.
	 */
	async reconcile(input: ReconcileInput): Promise<void> {
		if (this.wroteActivity) throw new Error('Reconciliation records must come before any intent or attestation in a session');
		if (dirname(resolve(input.file)) !== dirname(resolve(this.file))) throw new Error(`${input.file} is not in this session's log directory`);
		const summary = await readSessionSummary(input.file);
		if (summary.lastHash !== input.lastHash) {
			throw new Error(`${basename(input.file)} changed since it was found interrupted (its last hash no longer matches)`);
		}
		const observed = input.observedState === undefined ? undefined : redactSecrets(plainJson(input.observedState)).value;
		const body: ReconciliationBody = {
			type: 'reconciliation',
			time: this.now().toISOString(),
			file: basename(input.file),
			lastHash: input.lastHash,
			fileDigest: summary.digest,
			bytes: summary.bytes,
			records: summary.records.length,
			ended: sessionEnding(summary),
			...(input.seq !== undefined ? { seq: input.seq } : {}),
			...(input.action !== undefined ? { action: input.action } : {}),
			...(observed !== undefined ? { observed, observedDigest: digestOf(observed) } : {}),
			outcome: input.outcome,
		};
		await this.append(body);
	}

	/** Seals the file (record count and last hash) and releases its lock. A second call does nothing. */
	async close(): Promise<void> {
		if (this.closed) return;
		try {
			// A log that could not be written stays unsealed, for the next session to reconcile.
			if (!this.broken) await this.append({ type: 'seal', time: this.now().toISOString(), count: this.count + 1, lastHash: this.lastHash });
			this.closed = true;
			await this.handle.sync();
		} finally {
			this.closed = true;
			await this.handle.close().catch(() => undefined);
			await this.lock.release();
		}
	}
}

async function syncDirectory(dir: string): Promise<void> {
	const handle = await open(dir, 'r');
	try {
		await handle.sync();
	} catch {
		// Some file systems cannot fsync a directory; the file's own fsync still holds.
	} finally {
		await handle.close();
	}
}

/** Refuses while another live session writes to this directory; clears locks left by dead ones. */
async function refuseOpenSessions(files: string[]): Promise<void> {
	for (const file of files) {
		const lockPath = `${file}.lock`;
		const holder = await lockIsLive(lockPath);
		if (holder.live) {
			const who = holder.owner ? `process ${holder.owner.pid} on ${holder.owner.host}` : 'another process';
			throw new AuditLogBusyError(
				`Another iam-wizard session (${who}) is still writing ${basename(file)} in this log directory; wait for it to end, or use a different --log-dir`,
			);
		}
		await unlink(lockPath).catch((error: unknown) => {
			if (!isNodeError(error, 'ENOENT')) throw error;
		});
	}
}

/**
 * A `.partial` file is a header that was being written when its process died, before the
 * rename that makes it a session: nothing was logged or applied under it. Sessions write
 * theirs while holding the directory lock, which the caller holds now, so any left is stale.
 */
async function removeUnfinishedHeaders(dir: string): Promise<void> {
	for (const name of await readdir(dir)) {
		if (!name.endsWith('.jsonl.partial')) continue;
		await unlink(join(dir, name)).catch((error: unknown) => {
			if (!isNodeError(error, 'ENOENT')) throw error;
		});
	}
}

export async function openAuditLog(options: OpenAuditLogOptions): Promise<SignedAuditLog> {
	const now = options.now ?? (() => new Date());
	const dir = options.dir;
	makeDirectory(dir);
	const dirLock = await acquireLock(join(dir, directoryLockName), { purpose: `log directory ${dir}`, waitMs: 10_000 });
	try {
		await removeUnfinishedHeaders(dir);
		const files = await listSessionFiles(dir);
		await refuseOpenSessions(files);
		const previous = files[files.length - 1];
		const prevHash = previous ? (await readLastRecord(previous)).hash : undefined;
		const sessionId = randomUUID();
		const started = now();
		// The name must sort after the previous session even if the clock stepped back.
		const previousTime = previous ? sessionFileTime(previous) : undefined;
		const stamp = previousTime && previousTime.getTime() >= started.getTime() ? new Date(previousTime.getTime() + 1) : started;
		const file = join(dir, sessionFileName(stamp, sessionId));
		const fileLock = await acquireLock(`${file}.lock`, { purpose: `change log ${basename(file)}` });
		let handle: LogFile | undefined;
		let opened: FileHandle | undefined;
		let temporary: string | undefined;
		try {
			const header: HeaderBody = {
				type: 'header',
				format: logFormatVersion,
				tool: 'iam-wizard',
				toolVersion: options.session.toolVersion,
				session: sessionId,
				account: options.session.accountId,
				caller: options.session.callerArn,
				region: options.session.region,
				mode: options.session.mode,
				command: options.session.command,
				signer: { publicKey: options.key.publicKeyPem, fingerprint: options.key.fingerprint, ...(options.key.certificate ? { certificate: options.key.certificate } : {}) },
				// The file name is this start time (verify checks they agree), moved 1 ms past the previous session's if the clock stepped back.
				started: stamp.toISOString(),
				prevSession: previous ? basename(previous) : null,
				...(options.undoes ? { undoes: options.undoes } : {}),
			};
			const chain = new RecordChain(options.key, prevHash ?? null);
			const { line, hash: headerHash } = chain.append(header);
			// Written whole under a temporary name and renamed, so a session file always starts with a complete header.
			temporary = `${file}.partial`;
			opened = await open(temporary, 'wx', 0o600);
			handle = options.wrapFile ? options.wrapFile(opened) : opened;
			await opened.chmod(0o600);
			const headerBytes = Buffer.from(line, 'utf8');
			await writeFully(handle, headerBytes, 0);
			await handle.sync();
			await rename(temporary, file);
			await syncDirectory(dir);
			return new SignedAuditLog(file, sessionId, chain, handle, fileLock, now, options.durable ?? true, headerHash, headerBytes.length);
		} catch (error) {
			// The handle opened, not only the wrapped one: a wrapper that throws leaves no handle of its own.
			await (handle ?? opened)?.close().catch(() => undefined);
			if (temporary) await unlink(temporary).catch(() => undefined);
			await fileLock.release();
			throw error;
		}
	} finally {
		await dirLock.release();
	}
}
