/**
 * The records of a signed change-log file, one JSON object per line. Every record carries
 * `prev` (SHA-256 hex of the previous record's canonical bytes, signature included; in a
 * header, the last hash of the previous session file in the same directory, or null),
 * `kid` (the fingerprint of the key that signed it) and `sig` (Ed25519 over the record's
 * canonical bytes without `sig`, base64).
 */
import type { Action, ApplyResult, PriorState, StepNumber } from '../core/actions.js';
import type { SignerCertificate } from './kms-certificate.js';

export const logFormatVersion = 1;

export interface ChainFields {
	prev: string | null;
	kid: string;
	sig: string;
}

export interface HeaderBody {
	type: 'header';
	format: number;
	tool: string;
	toolVersion: string;
	session: string;
	account: string;
	caller: string;
	region: string;
	mode: string;
	/** What opened the session: wizard, apply or undo. */
	command: string;
	/** The key the records are signed with; `certificate` when a KMS key certified it for this session. */
	signer: { publicKey: string; fingerprint: string; certificate?: SignerCertificate };
	started: string;
	/** The file name of the previous session in the same directory, or null for the first. */
	prevSession: string | null;
	/** An undo session names the action it reverses. */
	undoes?: { file: string; seq: number };
}

export interface IntentBody {
	type: 'intent';
	seq: number;
	time: string;
	step: StepNumber;
	action: Action;
	findingIds: string[];
	reason: string;
	previewHash?: string;
}

export interface ResultBody {
	type: 'result';
	seq: number;
	time: string;
	ok: boolean;
	error?: { code: string; message: string; requestId?: string };
	result?: ApplyResult;
	/** null: this action cannot be undone. */
	inverse: Action | null;
	before?: PriorState;
	after?: PriorState;
	/** SHA-256 (hex) of the canonical JSON of `before` / `after` as written. */
	beforeDigest?: string;
	afterDigest?: string;
}

export interface AttestationBody {
	type: 'attestation';
	time: string;
	step: StepNumber;
	statement: string;
	findingIds: string[];
	reason: string;
}

export type ReconciliationEnding = 'partial-line' | 'open-intent' | 'no-seal';

export type ReconciliationOutcome = 'applied' | 'not-applied' | 'unknown' | 'nothing-pending';

export interface ReconciliationBody {
	type: 'reconciliation';
	time: string;
	/** The interrupted session file (its name in this directory). */
	file: string;
	/** The hash of its last complete record. */
	lastHash: string;
	/** SHA-256 of the interrupted file's bytes when it was reconciled: nothing may change in it after. */
	fileDigest: string;
	/** The interrupted file's length in bytes, and its complete records, when it was reconciled. */
	bytes: number;
	records: number;
	/** How it ended: in a partly written line, with an intent that has no result, or after a complete record without a seal. */
	ended: ReconciliationEnding;
	/** The intent left without a result, when there was one. */
	seq?: number;
	action?: Action;
	observed?: unknown;
	observedDigest?: string;
	outcome: ReconciliationOutcome;
}

export interface SealBody {
	type: 'seal';
	time: string;
	/** Records in the file, the seal included. */
	count: number;
	/** The hash of the record before the seal. */
	lastHash: string;
}

export type RecordBody = HeaderBody | IntentBody | ResultBody | AttestationBody | ReconciliationBody | SealBody;
export type RecordType = RecordBody['type'];
export type LogRecord = RecordBody & ChainFields;
export type HeaderRecord = HeaderBody & ChainFields;
export type IntentLogRecord = IntentBody & ChainFields;
export type ResultLogRecord = ResultBody & ChainFields;
export type ReconciliationLogRecord = ReconciliationBody & ChainFields;

const hex64 = /^[0-9a-f]{64}$/;
const base64Sig = /^[A-Za-z0-9+/]{86}==$/;

type Check = (value: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const int: Check = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const positive: Check = (v) => int(v) && (v as number) > 0;
const bool: Check = (v) => typeof v === 'boolean';
const hash: Check = (v) => typeof v === 'string' && hex64.test(v);
const step: Check = (v) => int(v) && (v as number) >= 1 && (v as number) <= 6;
const strings: Check = (v) => Array.isArray(v) && v.every(str);
const object: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const action: Check = (v) => object(v) && str((v as Action).kind) && object((v as Action).params);
const actionOrNull: Check = (v) => v === null || action(v);
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const fieldsAre = (checks: Record<string, Check>): Check => (v) => object(v) && Object.entries(checks).every(([k, check]) => check((v as Record<string, unknown>)[k]));
const undoneAction = fieldsAre({ file: str, seq: positive });
const callError = fieldsAre({ code: str, message: str, requestId: optional(str) });
const certificate: Check = (v) => object(v) && ['kmsKey', 'algorithm', 'issued', 'publicKey', 'fingerprint', 'signature'].every((k) => str((v as Record<string, unknown>)[k]));

const required: Record<RecordType, Record<string, Check>> = {
	header: {
		format: positive,
		tool: str,
		toolVersion: str,
		session: str,
		account: str,
		caller: str,
		region: str,
		mode: str,
		command: str,
		signer: (v) => object(v) && str((v as HeaderBody['signer']).publicKey) && str((v as HeaderBody['signer']).fingerprint) && optional(certificate)((v as HeaderBody['signer']).certificate),
		started: str,
		prevSession: (v) => v === null || str(v),
		undoes: optional(undoneAction),
	},
	intent: { seq: positive, time: str, step, action, findingIds: strings, reason: str, previewHash: optional(str) },
	result: { seq: positive, time: str, ok: bool, inverse: actionOrNull, error: optional(callError), beforeDigest: optional(hash), afterDigest: optional(hash) },
	attestation: { time: str, step, statement: str, findingIds: strings, reason: str },
	reconciliation: {
		time: str,
		file: str,
		lastHash: hash,
		fileDigest: hash,
		bytes: positive,
		records: positive,
		ended: (v) => v === 'partial-line' || v === 'open-intent' || v === 'no-seal',
		seq: optional(positive),
		action: optional(action),
		observedDigest: optional(hash),
		outcome: (v) => v === 'applied' || v === 'not-applied' || v === 'unknown' || v === 'nothing-pending',
	},
	seal: { time: str, count: positive, lastHash: hash },
};

export type ParsedLine = { ok: true; record: LogRecord } | { ok: false; reason: string };

/** Parses one line; says in a few words what is wrong when it is not a well-formed record. */
export function parseRecordLine(line: string): ParsedLine {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return { ok: false, reason: 'not JSON' };
	}
	if (!object(value)) return { ok: false, reason: 'not a JSON object' };
	const record = value as Record<string, unknown>;
	const type = record.type;
	if (typeof type !== 'string' || !Object.hasOwn(required, type)) return { ok: false, reason: `unknown record type ${JSON.stringify(type)}` };
	const missing: string[] = [];
	if (!(record.prev === null ? type === 'header' : hash(record.prev))) missing.push('prev');
	if (!str(record.kid)) missing.push('kid');
	if (!(typeof record.sig === 'string' && base64Sig.test(record.sig))) missing.push('sig');
	for (const [field, check] of Object.entries(required[type as RecordType])) {
		if (!check(record[field])) missing.push(field);
	}
	if (missing.length > 0) return { ok: false, reason: `${type} record with a missing or invalid ${missing.join(', ')}` };
	return { ok: true, record: record as unknown as LogRecord };
}

/** How a record reads in messages: "record 5 (line 5, intent, seq 3)". */
export function describeRecord(line: number, record?: LogRecord): string {
	if (!record) return `record ${line} (line ${line})`;
	const seq = 'seq' in record && record.seq !== undefined ? `, seq ${record.seq}` : '';
	return `record ${line} (line ${line}, ${record.type}${seq})`;
}
