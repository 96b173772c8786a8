/**
 * Session files in a log directory: named `<UTC start>-<session id>.jsonl`, so sorting
 * the names sorts the sessions by time, and read leniently here for the writer and for
 * crash recovery (verification reads them strictly, in verify-session-file.ts).
 */
import { createReadStream } from 'node:fs';
import { open, readdir, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { basename, join } from 'node:path';
import { canonicalForms, sha256Hex } from './canonical-record.js';
import { isNodeError } from './audit-input-error.js';
import { parseRecordLine, type LogRecord, type ReconciliationEnding, type ReconciliationLogRecord } from './log-records.js';

const sessionFilePattern = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z)-([0-9a-f][0-9a-f-]{7,})\.jsonl$/;

export function isSessionFileName(name: string): boolean {
	return sessionFilePattern.test(name);
}

/** "2026-11-27T20-15-03.123Z-<session id>.jsonl" (milliseconds keep sessions in the same second in order). */
export function sessionFileName(start: Date, sessionId: string): string {
	return `${start.toISOString().replace(/:/g, '-')}-${sessionId}.jsonl`;
}

/** The name a session file must have, from its header: its start with colons as dashes, then its session id. */
export function expectedSessionFileName(header: { started: string; session: string }): string {
	return `${header.started.replace(/:/g, '-')}-${header.session}.jsonl`;
}

/** The start time a session file's name encodes. */
export function sessionFileTime(name: string): Date | undefined {
	const stamp = sessionFilePattern.exec(basename(name))?.[1];
	if (!stamp) return undefined;
	return new Date(stamp.replace(/T(\d{2})-(\d{2})-(\d{2})/, 'T$1:$2:$3'));
}

/** Full paths of the session files in `dir`, oldest first; none when the directory does not exist. */
export async function listSessionFiles(dir: string): Promise<string[]> {
	let names: string[];
	try {
		names = await readdir(dir);
	} catch (error) {
		if (isNodeError(error, 'ENOENT')) return [];
		throw error;
	}
	return names.filter(isSessionFileName).sort().map((name) => join(dir, name));
}

export function recordHash(record: LogRecord): string {
	return sha256Hex(canonicalForms(record as unknown as Record<string, unknown>).full);
}

export interface SessionFileSummary {
	file: string;
	name: string;
	/** The well-formed records, in file order (malformed lines skipped). */
	records: LogRecord[];
	/** The hash of the last well-formed record; undefined for a file without one. */
	lastHash?: string;
	sealed: boolean;
	/** The file does not end with a newline (a crash while a line was being written). */
	incompleteLastLine: boolean;
	/** SHA-256 of the file's bytes. */
	digest: string;
	/** The file's length in bytes. */
	bytes: number;
}

/** How an unsealed session file ended, as a reconciliation records it. */
export function sessionEnding(summary: SessionFileSummary): ReconciliationEnding {
	if (summary.incompleteLastLine) return 'partial-line';
	const open = new Set<number>();
	for (const record of summary.records) {
		if (record.type === 'intent') open.add(record.seq);
		else if (record.type === 'result') open.delete(record.seq);
	}
	return open.size > 0 ? 'open-intent' : 'no-seal';
}

/** Reads a session file without judging it: what crash recovery and the writer need. */
export async function readSessionSummary(file: string): Promise<SessionFileSummary> {
	const bytes = await readFile(file);
	const text = bytes.toString('utf8');
	const lines = text.split('\n');
	const incompleteLastLine = lines[lines.length - 1] !== '';
	if (!incompleteLastLine) lines.pop();
	const records: LogRecord[] = [];
	for (const line of lines) {
		const parsed = parseRecordLine(line);
		if (parsed.ok) records.push(parsed.record);
	}
	const last = records[records.length - 1];
	return {
		file,
		name: basename(file),
		records,
		...(last ? { lastHash: recordHash(last) } : {}),
		sealed: last?.type === 'seal',
		incompleteLastLine,
		digest: sha256Hex(bytes),
		bytes: bytes.length,
	};
}

const tailBytes = 1 << 20;

/**
 * The last well-formed record of a session file and its hash, reading only the end of the
 * file when that holds one (what opening a session and crash discovery need of a long log).
 */
export async function readLastRecord(file: string): Promise<{ record?: LogRecord; hash?: string }> {
	const handle = await open(file, 'r');
	let text: string;
	let whole: boolean;
	try {
		const { size } = await handle.stat();
		const length = Math.min(size, tailBytes);
		const buffer = Buffer.alloc(length);
		await handle.read(buffer, 0, length, size - length);
		whole = length === size;
		text = buffer.toString('utf8');
	} finally {
		await handle.close();
	}
	const lines = text.split('\n');
	// A tail that starts mid-file starts mid-line: its first piece is not a record.
	for (let i = lines.length - 1; i >= (whole ? 0 : 1); i -= 1) {
		const parsed = parseRecordLine(lines[i]);
		if (parsed.ok) return { record: parsed.record, hash: recordHash(parsed.record) };
	}
	if (whole) return {};
	const summary = await readSessionSummary(file);
	const record = summary.records[summary.records.length - 1];
	return record ? { record, hash: summary.lastHash } : {};
}

/** The reconciliation records a session file starts with (they come right after its header). */
export async function readLeadingReconciliations(file: string): Promise<ReconciliationLogRecord[]> {
	const stream = createReadStream(file, { encoding: 'utf8' });
	const lines = createInterface({ input: stream, crlfDelay: Infinity });
	const found: ReconciliationLogRecord[] = [];
	try {
		for await (const line of lines) {
			const parsed = parseRecordLine(line);
			if (!parsed.ok) continue;
			if (parsed.record.type === 'reconciliation') found.push(parsed.record);
			else if (parsed.record.type !== 'header') break;
		}
	} finally {
		lines.close();
		stream.destroy();
	}
	return found;
}
