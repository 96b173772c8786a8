/**
 * Session files in a log directory: named `<UTC start>-<session id>.jsonl`, so sorting
 * the names sorts the sessions by time, and read leniently here for the writer and for
 * crash recovery (verification reads them strictly, in verify-session-file.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { canonicalForms, sha256Hex } from './canonical-record.js';
import { isNodeError } from './audit-input-error.js';
import { parseRecordLine, type LogRecord } from './log-records.js';

const sessionFilePattern = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z)-([0-9a-f][0-9a-f-]{7,})\.jsonl$/;

export function isSessionFileName(name: string): boolean {
	return sessionFilePattern.test(name);
}

/** "2026-11-27T20-15-03.123Z-<session id>.jsonl" (milliseconds keep sessions in the same second in order). */
export function sessionFileName(start: Date, sessionId: string): string {
	return `${start.toISOString().replace(/:/g, '-')}-${sessionId}.jsonl`;
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
	};
}
