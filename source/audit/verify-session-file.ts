/**
 * Strict reading of one session file for `verify`: every line parsed, hashed and its
 * signature queued (scanFile), then the first thing wrong found and named (judgeFile).
 * How a tampering shows: a changed field breaks only that record's signature; a removed
 * record leaves the next one's `prev` pointing at a hash no longer in the file; a forged
 * insertion is skipped over by the next record's `prev`; a copy repeats an earlier hash;
 * a moved record's `prev` points at a record on the wrong side of it.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { verify, type KeyObject } from 'node:crypto';
import { canonicalForms, sha256Hex } from './canonical-record.js';
import { canonicalLineProblem, decodeLines } from './log-line-bytes.js';
import { describeRecord, parseRecordLine, type HeaderRecord, type LogRecord, type ReconciliationLogRecord } from './log-records.js';
import { headerPublicKey, type SignatureChecker, type SignatureResults } from './signature-checker.js';
import { fingerprintOf } from './signing-key.js';
import { certificateHolds } from './kms-certificate.js';
import { expectedSessionFileName } from './session-files.js';
import { tamperKindLabels, type TamperKind, type VerifyProblem } from './verify-problem.js';

export interface ScannedLine {
	line: number;
	record?: LogRecord;
	malformed?: string;
	hash?: string;
	/** Index of its signature check. */
	check?: number;
	/** The line parses, but its bytes are not exactly the canonical form of its record. */
	notCanonical?: { kind: 'duplicate-key' | 'non-canonical'; detail: string };
}

export interface ScannedFile {
	file: string;
	name: string;
	dir: string;
	lines: ScannedLine[];
	incompleteLastLine: boolean;
	/** SHA-256 of the file's bytes. */
	digest: string;
	/** The file's length in bytes. */
	bytes: number;
	header?: HeaderRecord;
	/** The key the header names (undefined when the header is missing or bad). */
	headerKey?: { key: KeyObject; fingerprint: string };
	/** The header's KMS certificate, when it has one: whether it holds, and the KMS key's fingerprint. */
	certificate?: { ok: boolean; fingerprint: string; kmsKey: string };
	/** The key records are checked against: the pinned one, else the header's. */
	expected?: { key: KeyObject; fingerprint: string };
	pinned: boolean;
}

export interface PinnedKey {
	publicKey: KeyObject;
	fingerprint: string;
}

export async function readLogText(file: string): Promise<Buffer> {
	return readFile(file);
}

export function scanFile(file: string, bytes: Buffer, checker: SignatureChecker, pinned?: PinnedKey): ScannedFile {
	const { lines: rawLines, incompleteLastLine } = decodeLines(bytes);
	const scanned: ScannedFile = { file, name: basename(file), dir: dirname(file), lines: [], incompleteLastLine, digest: sha256Hex(bytes), bytes: bytes.length, pinned: pinned !== undefined };
	for (let i = 0; i < rawLines.length; i += 1) {
		const entry: ScannedLine = { line: i + 1 };
		scanned.lines.push(entry);
		const raw = rawLines[i];
		if (raw === undefined) {
			entry.malformed = 'its bytes are not UTF-8';
			continue;
		}
		const parsed = parseRecordLine(raw);
		if (!parsed.ok) {
			entry.malformed = parsed.reason;
			continue;
		}
		let forms;
		try {
			forms = canonicalForms(parsed.record as unknown as Record<string, unknown>);
		} catch (error) {
			entry.malformed = `not canonicalisable JSON (${error instanceof Error ? error.message : String(error)})`;
			continue;
		}
		entry.record = parsed.record;
		entry.hash = sha256Hex(forms.full);
		const notCanonical = canonicalLineProblem(raw, forms.full);
		if (notCanonical) entry.notCanonical = notCanonical;
		if (i === 0 && parsed.record.type === 'header') {
			scanned.header = parsed.record;
			const key = headerPublicKey(parsed.record.signer.publicKey);
			if (key) scanned.headerKey = { key, fingerprint: fingerprintOf(key) };
			const certificate = parsed.record.signer.certificate;
			if (certificate) {
				const holds = certificateHolds(certificate, parsed.record);
				scanned.certificate = { ok: holds.ok, fingerprint: certificate.fingerprint, kmsKey: certificate.kmsKey };
			}
			// A KMS-certified session key stands for the KMS key: pinned to that key, records are checked against the session key it certified.
			const certifiedByPinned = certificate !== undefined && pinned !== undefined && certificate.fingerprint === pinned.fingerprint;
			scanned.expected = pinned && !certifiedByPinned ? { key: pinned.publicKey, fingerprint: pinned.fingerprint } : scanned.headerKey;
		}
		if (scanned.expected) entry.check = checker.add({ message: forms.unsigned, signature: parsed.record.sig, key: scanned.expected.key });
	}
	return scanned;
}

export interface FileVerdict {
	scanned: ScannedFile;
	/** The first thing wrong inside the file (cross-file checks come later). */
	problem?: VerifyProblem;
	sealed: boolean;
	/** The hash of the last well-formed record. */
	lastHash?: string;
	records: number;
	intents: number;
	okResults: number;
	failedResults: number;
	attestations: number;
	reconciliations: (ReconciliationLogRecord & { line: number })[];
}

export function problemAt(scanned: ScannedFile, line: number, kind: TamperKind, detail: string, record?: LogRecord, excusable = false): VerifyProblem {
	return {
		file: scanned.file,
		line,
		...(record ? { recordType: record.type } : {}),
		kind,
		detail,
		message: `${scanned.name}: ${describeRecord(line, record)}: ${tamperKindLabels[kind]}: ${detail}`,
		...(excusable ? { excusedByReconciliation: true } : {}),
	};
}

function short(hash: string | null | undefined): string {
	return hash ? `${hash.slice(0, 12)}…` : 'none';
}

function headerSignatureHolds(scanned: ScannedFile, record: LogRecord): boolean {
	if (!scanned.headerKey) return false;
	try {
		const unsigned = canonicalForms(record as unknown as Record<string, unknown>).unsigned;
		return verify(null, Buffer.from(unsigned), scanned.headerKey.key, Buffer.from(record.sig, 'base64'));
	} catch {
		return false;
	}
}

/** How a session file's name disagrees with its header (`<started, colons as dashes>-<session>.jsonl`), if it does. */
export function nameDisagreement(name: string, header: HeaderRecord): string | undefined {
	const expected = expectedSessionFileName(header);
	if (name === expected) return undefined;
	if (!name.endsWith(`-${header.session}.jsonl`)) return `the file name does not end with its header's session id ${header.session} (expected ${expected})`;
	return `the file name's start time does not match its header's start ${header.started} (expected ${expected})`;
}

/** The first problem inside the file, judged in file order with the signature results in hand. */
function firstProblem(scanned: ScannedFile, signatures: SignatureResults, verdict: FileVerdict): VerifyProblem | undefined {
	const { lines } = scanned;
	const seen = new Map<string, number>();
	for (const entry of lines) if (entry.hash && !seen.has(entry.hash)) seen.set(entry.hash, entry.line);
	const openIntents = new Set<number>();
	let sealLine = 0;
	for (let i = 0; i < lines.length; i += 1) {
		const entry = lines[i];
		const record = entry.record;
		if (!record) {
			const incomplete = i === lines.length - 1 && scanned.incompleteLastLine;
			const detail = incomplete ? `${entry.malformed}; the file ends in a partly written line` : (entry.malformed ?? 'unreadable');
			return problemAt(scanned, entry.line, 'malformed', detail, undefined, incomplete);
		}
		if (i === 0 && record.type !== 'header') {
			const at = lines.find((l) => l.record?.type === 'header');
			return at
				? problemAt(scanned, 1, 'reordered', `the file must start with its header, which is at line ${at.line}`, record)
				: problemAt(scanned, 1, 'deleted', 'the file does not start with a header (its first records were removed)', record);
		}
		if (i === 0) {
			const header = record as HeaderRecord;
			if (!scanned.headerKey) return problemAt(scanned, 1, 'malformed', 'the header does not hold an Ed25519 public key', record);
			if (header.signer.fingerprint !== scanned.headerKey.fingerprint || header.kid !== header.signer.fingerprint) {
				return problemAt(scanned, 1, 'modified', `the header's fingerprint ${header.signer.fingerprint} is not that of the public key it holds (${scanned.headerKey.fingerprint})`, record);
			}
			if (scanned.certificate && !scanned.certificate.ok) {
				return problemAt(scanned, 1, 'modified', `the KMS certificate of its session key does not hold (KMS key ${scanned.certificate.kmsKey}, ${scanned.certificate.fingerprint})`, record);
			}
		}
		if (sealLine > 0) return problemAt(scanned, entry.line, 'inserted', `it comes after the seal (record ${sealLine})`, record);
		const expected = scanned.expected as { fingerprint: string };
		const prevHash = i > 0 ? lines[i - 1].hash : undefined;
		if (!signatures.holds(entry.check as number)) {
			if (record.kid !== expected.fingerprint) {
				const whose = scanned.pinned ? 'the key pinned for this check' : 'the key the header names';
				const resigned = i === 0 && scanned.pinned && headerSignatureHolds(scanned, record) ? ' (the file is signed with the key its own header names: it was re-signed)' : '';
				return problemAt(scanned, entry.line, 'signed-by-another-key', `it was signed by ${record.kid}, not by ${whose} (${expected.fingerprint})${resigned}`, record);
			}
			if (i > 0 && lines[i + 1]?.record?.prev === prevHash) {
				return problemAt(scanned, entry.line, 'inserted', `it is not part of the chain (record ${entry.line + 1} follows record ${entry.line - 1} directly) and its signature does not match`, record);
			}
			return problemAt(scanned, entry.line, 'modified', 'its signature does not match its content (it was changed after it was signed)', record);
		}
		if (i > 0 && record.prev !== prevHash) {
			const copyOf = seen.get(entry.hash as string);
			if (copyOf !== undefined && copyOf < entry.line) return problemAt(scanned, entry.line, 'inserted', `it is a copy of record ${copyOf}`, record);
			const predecessor = seen.get(record.prev as string);
			if (predecessor !== undefined) {
				return problemAt(scanned, entry.line, 'reordered', `it belongs right after record ${predecessor} (its prev is that record's hash), not after record ${entry.line - 1}`, record);
			}
			return problemAt(scanned, entry.line, 'deleted', `the record before it is missing (its prev ${short(record.prev)} matches no record in this file)`, record);
		}
		if (entry.notCanonical) return problemAt(scanned, entry.line, entry.notCanonical.kind, entry.notCanonical.detail, record);
		if (i > 0 && record.type === 'header') return problemAt(scanned, entry.line, 'inserted', 'a second header in one session file', record);
		switch (record.type) {
			case 'header': {
				const misnamed = nameDisagreement(scanned.name, record);
				if (misnamed) return problemAt(scanned, entry.line, 'misnamed', misnamed, record);
				break;
			}
			case 'intent':
				verdict.intents += 1;
				openIntents.add(record.seq);
				break;
			case 'result':
				if (!openIntents.delete(record.seq)) return problemAt(scanned, entry.line, 'malformed', `a result for seq ${record.seq}, which has no open intent before it`, record);
				if (record.ok) verdict.okResults += 1;
				else verdict.failedResults += 1;
				break;
			case 'attestation':
				verdict.attestations += 1;
				break;
			case 'reconciliation':
				verdict.reconciliations.push({ ...record, line: entry.line });
				break;
			case 'seal':
				if (record.count !== entry.line || record.lastHash !== record.prev) {
					return problemAt(scanned, entry.line, 'malformed', `the seal counts ${record.count} records and last hash ${short(record.lastHash)}, but it is record ${entry.line} after ${short(record.prev)}`, record);
				}
				sealLine = entry.line;
				verdict.sealed = true;
				break;
			default:
				break;
		}
	}
	return undefined;
}

export function judgeFile(scanned: ScannedFile, signatures: SignatureResults): FileVerdict {
	const wellFormed = scanned.lines.filter((l) => l.record);
	const verdict: FileVerdict = {
		scanned,
		sealed: false,
		...(wellFormed.length > 0 ? { lastHash: wellFormed[wellFormed.length - 1].hash } : {}),
		records: scanned.lines.length,
		intents: 0,
		okResults: 0,
		failedResults: 0,
		attestations: 0,
		reconciliations: [],
	};
	if (scanned.lines.length === 0) {
		// Named by its full path: the file name alone reads badly ("null" for /dev/null).
		const empty = problemAt(scanned, 1, 'truncated', 'the file is empty');
		verdict.problem = { ...empty, message: `${scanned.file} is empty: it holds no change-log record, not even the header every iam-wizard session file starts with` };
		return verdict;
	}
	const problem = firstProblem(scanned, signatures, verdict);
	if (problem) {
		verdict.problem = problem;
		return verdict;
	}
	if (!verdict.sealed) {
		const last = scanned.lines[scanned.lines.length - 1];
		verdict.problem = problemAt(scanned, last.line, 'truncated', 'the file ends here without a seal', last.record, true);
	}
	return verdict;
}
