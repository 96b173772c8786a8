/**
 * Signs records into a chain: each gets `prev` (the hash of the record before it, or for
 * a header the previous session's last hash), `kid` and `sig`, and is written as its own
 * canonical JSON, one line. Secrets are redacted before anything is signed.
 */
import { sign, type KeyObject } from 'node:crypto';
import { canonicalForms, sha256Hex } from './canonical-record.js';
import type { LogRecord, RecordBody } from './log-records.js';
import { redactSecrets } from './redact-secrets.js';

export interface SignedLine {
	record: LogRecord;
	/** Canonical JSON and a newline: exactly what goes into the file. */
	line: string;
	/** SHA-256 (hex) of the canonical record with its signature: the next record's `prev`. */
	hash: string;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function wellFormed(text: string): string {
	return text.replace(loneSurrogate, '\uFFFD');
}

/**
 * What JSON keeps of a value (dates as strings, no undefined, no NaN), with well-formed strings:
 * values and member names alike, since a lone surrogate in either has no canonical form (a state
 * read back with one in a tag key or policy condition key could not otherwise be logged at all).
 */
export function plainJson<T>(value: T): T {
	return JSON.parse(JSON.stringify(value), (_key, v: unknown) => {
		if (typeof v === 'string') return wellFormed(v);
		if (v !== null && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).map(([name, member]) => [wellFormed(name), member]));
		return v;
	}) as T;
}

export class RecordChain {
	private prevHash: string | null;

	constructor(
		private readonly key: { privateKey: KeyObject; fingerprint: string },
		prev: string | null,
	) {
		this.prevHash = prev;
	}

	/** The hash the next record will carry as `prev`. */
	get lastHash(): string | null {
		return this.prevHash;
	}

	append(body: RecordBody): SignedLine {
		const plain = plainJson(body);
		// The header's own public key and fingerprint are random-looking base64 and no secret.
		const clean = plain.type === 'header' ? { ...redactSecrets(plain).value, signer: plain.signer } : redactSecrets(plain).value;
		const unsigned = { ...clean, prev: this.prevHash, kid: this.key.fingerprint } as Record<string, unknown>;
		const signature = sign(null, Buffer.from(canonicalForms(unsigned).unsigned), this.key.privateKey).toString('base64');
		const record = { ...unsigned, sig: signature } as unknown as LogRecord;
		const full = canonicalForms(record as unknown as Record<string, unknown>).full;
		const hash = sha256Hex(full);
		this.prevHash = hash;
		return { record, line: `${full}\n`, hash };
	}
}
