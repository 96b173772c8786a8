/**
 * Key pinning: the first key a machine signs a change log with is kept in the settings, so
 * `audit verify` checks every later log against it rather than against whatever key a file's
 * own header names (a log re-signed with a new key would otherwise pass).
 */
import { openSettings } from './settings-store.js';

export interface PinnedSigner {
	fingerprint: string;
	publicKey: string;
	/** The settings file that holds the pin. */
	file: string;
}

export function readPinnedSigner(): PinnedSigner | undefined {
	const store = openSettings();
	const pin = store.get('pinnedSigner');
	return pin ? { ...pin, file: store.path } : undefined;
}

/**
 * Pins `key` when nothing is pinned yet. Returns the pin in force afterwards, and whether
 * this call made it.
 */
export function pinSignerIfNone(key: { fingerprint: string; publicKeyPem: string }): { pin: PinnedSigner; created: boolean } {
	const store = openSettings();
	const existing = store.get('pinnedSigner');
	if (existing) return { pin: { ...existing, file: store.path }, created: false };
	const pin = { fingerprint: key.fingerprint, publicKey: key.publicKeyPem };
	store.set('pinnedSigner', pin);
	return { pin: { ...pin, file: store.path }, created: true };
}
