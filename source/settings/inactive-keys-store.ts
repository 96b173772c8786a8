/**
 * The inactive access keys iam-wizard has seen, kept in $XDG_DATA_HOME/iam-wizard/inactive-keys.json
 * by key ID: when each was deactivated or first seen inactive, so a grace period counts from
 * a date that survives sessions. Key IDs are not secrets; no secret is ever stored here.
 */
import { join } from 'node:path';
import { updateInactiveKeys, type InactiveKeys } from '../core/inactive-keys.js';
import type { AccountModel } from '../core/model.js';
import { readJsonFile, writeJsonFile } from './json-file.js';
import { appPaths } from './paths.js';

export function inactiveKeysPath(dataDir = appPaths().data): string {
	return join(dataDir, 'inactive-keys.json');
}

function isRecords(value: unknown): value is InactiveKeys {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	return Object.values(value).every((r) => r !== null && typeof r === 'object' && typeof (r as { since?: unknown }).since === 'string' && typeof (r as { userName?: unknown }).userName === 'string');
}

export function readInactiveKeys(dataDir?: string): InactiveKeys {
	return readJsonFile(inactiveKeysPath(dataDir), {}, isRecords);
}

/** Brings the file up to date with one read of the account and returns the records. */
export function recordInactiveKeys(model: AccountModel, now: Date, options: { dataDir?: string; deactivatedByUs?: Record<string, string>; save?: boolean } = {}): InactiveKeys {
	const before = readInactiveKeys(options.dataDir);
	const after = updateInactiveKeys(before, model, now, options.deactivatedByUs);
	if (options.save !== false && JSON.stringify(after) !== JSON.stringify(before)) writeJsonFile(inactiveKeysPath(options.dataDir), after);
	return after;
}
