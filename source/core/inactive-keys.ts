/**
 * Keeps the record of inactive access keys up to date from one read of the account: a key
 * seen inactive for the first time starts its grace period now (or when iam-wizard's own
 * change log says it deactivated it); a recorded key found active again is marked
 * re-activated, and a recorded key that is gone is marked deleted. Pure: the caller reads
 * and writes the file.
 */
import type { AccountModel } from './model.js';
import type { InactiveKeyRecord } from './settings.js';

export type InactiveKeys = Record<string, InactiveKeyRecord>;

/** Whether the model lists every user's keys (a live read whose ListAccessKeys failed does not). */
function keysAreKnown(model: AccountModel): boolean {
	return !model.notEvaluated.some((n) => n.area === 'access-keys');
}

export function updateInactiveKeys(records: InactiveKeys, model: AccountModel, now: Date, deactivatedByUs: Record<string, string> = {}): InactiveKeys {
	const next: InactiveKeys = structuredClone(records);
	const at = now.toISOString();
	const seen = new Set<string>();
	for (const user of model.users) {
		for (const key of user.accessKeys) {
			seen.add(key.id);
			const record = next[key.id];
			if (key.status === 'Inactive') {
				const ours = deactivatedByUs[key.id];
				if (!record || record.reactivated || record.deleted) {
					next[key.id] = { userName: user.name, since: ours ?? at, source: ours ? 'iam-wizard' : 'first-seen' };
				} else if (ours && record.source === 'first-seen' && Date.parse(ours) >= Date.parse(record.since) - 86_400_000) {
					next[key.id] = { ...record, since: ours, source: 'iam-wizard' };
				}
			} else if (record && !record.reactivated && !record.deleted) {
				next[key.id] = { ...record, reactivated: at };
			}
		}
	}
	if (keysAreKnown(model)) {
		for (const [id, record] of Object.entries(next)) {
			if (!seen.has(id) && !record.deleted) next[id] = { ...record, deleted: at };
		}
	}
	return next;
}

/** Keys iam-wizard saw inactive that are gone now (deleted, by iam-wizard or anyone). */
export function deletedKeyCount(model: AccountModel, records: InactiveKeys | undefined): number {
	const present = new Set(model.users.flatMap((u) => u.accessKeys.map((k) => k.id)));
	return Object.entries(records ?? {}).filter(([id, r]) => r.deleted !== undefined && !present.has(id)).length;
}
