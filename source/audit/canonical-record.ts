/**
 * RFC 8785 canonical bytes of a log record, in the two forms the chain needs: without
 * `sig` (what the signature covers) and with it (what the next record's `prev` hashes).
 * Both come from one pass: the top level is serialised member by member, exactly as the
 * `canonicalize` package does (keys sorted by UTF-16 code units, undefined members left
 * out), so the second form costs one string join instead of a second canonicalisation.
 */
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

export interface CanonicalForms {
	/** Canonical JSON of the record without its `sig` member: the signed bytes. */
	unsigned: string;
	/** Canonical JSON of the whole record: hashed into the next record's `prev`. */
	full: string;
}

/** Canonical JSON of any value (throws on NaN, Infinity, lone surrogates, cycles). */
export function canonicalJson(value: unknown): string {
	const text = canonicalize(value);
	if (text === undefined) throw new Error('This value has no JSON form');
	return text;
}

export function canonicalForms(record: Record<string, unknown>): CanonicalForms {
	const unsigned: string[] = [];
	const full: string[] = [];
	for (const key of Object.keys(record).sort()) {
		const value = record[key];
		if (value === undefined || typeof value === 'symbol') continue;
		const member = `${canonicalJson(key)}:${canonicalJson(value)}`;
		full.push(member);
		if (key !== 'sig') unsigned.push(member);
	}
	return { unsigned: `{${unsigned.join(',')}}`, full: `{${full.join(',')}}` };
}

export function sha256Hex(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}

/** The SHA-256 (hex) of a value's canonical JSON: the digest of a state before or after a change. */
export function digestOf(value: unknown): string {
	return sha256Hex(canonicalJson(value));
}
