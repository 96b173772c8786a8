/**
 * Identifiers in AWS's shapes (AIDA…, AKIA…, p-…, UUIDs), derived from a hash so that a
 * seed made twice, or the same actions applied to the same state, give the same IDs.
 */
import { createHash } from 'node:crypto';
import type { SandboxState } from './sandbox-state.js';

const upperAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const lowerAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

function digest(key: string): Buffer {
	return createHash('sha256').update(key).digest();
}

function fromAlphabet(key: string, alphabet: string, length: number): string {
	const bytes = digest(key);
	let out = '';
	for (let i = 0; out.length < length; i += 1) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
	return out;
}

/** An IAM-style unique ID: `AIDA` + 17 characters for users, `AKIA` + 16 for access keys. */
export function iamId(prefix: 'AIDA' | 'AROA' | 'AGPA' | 'ANPA' | 'AKIA', key: string): string {
	return prefix + fromAlphabet(`${prefix}:${key}`, upperAlphabet, prefix === 'AKIA' ? 16 : 17);
}

/** Lower-case letters and digits, as in Organizations' `p-…` and `ou-…` IDs. */
export function lowerId(key: string, length: number): string {
	return fromAlphabet(key, lowerAlphabet, length);
}

/** A UUID-shaped string (request IDs, analyzer finding IDs, policy generation job IDs). */
export function uuidFor(key: string): string {
	const hex = digest(key).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The next sequence number of the state; everything minted after seeding goes through it. */
export function nextSequence(state: SandboxState): number {
	state.sequence += 1;
	return state.sequence;
}

export function mintIamId(state: SandboxState, prefix: 'AIDA' | 'AROA' | 'AGPA' | 'ANPA' | 'AKIA'): string {
	return iamId(prefix, `${state.account.id}#${nextSequence(state)}`);
}

export function mintUuid(state: SandboxState, purpose: string): string {
	return uuidFor(`${purpose}:${state.account.id}#${nextSequence(state)}`);
}
