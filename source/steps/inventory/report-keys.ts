/**
 * Ties the credential report's access-key columns to the keys the adapter listed, so key
 * findings can name the key (`evidence.accessKeyId`, the fingerprint qualifier) and not only
 * its slot. The report stays the source of truth for what the findings say.
 */
import { latestDate, parseIsoDate } from '../../core/dates.js';
import type { AccessKey, AccountModel, CredentialReportKey, CredentialReportRow, User } from '../../core/model.js';

/** The report and ListAccessKeys round key creation times differently; a few seconds apart is one key. */
const sameKeyToleranceMs = 2_000;

export interface ReportKeyView {
	row: CredentialReportRow;
	key: CredentialReportKey;
	slot: 1 | 2;
	/** The listed key in this slot, when one can be tied to it. */
	known?: AccessKey;
	/** The key ID when known, else `key1` / `key2`: the fingerprint qualifier of key findings. */
	qualifier: string;
	/** "Access key 2 (AKIA…)" or "Access key 2", for detail sentences. */
	label: string;
	createdAt?: Date;
	/** The later of the report's last use and the listed key's last use (the report may be hours old). */
	lastUsedAt?: Date;
	/** Raw values for `evidence`. */
	evidence: Record<string, unknown>;
}

interface UserIndex {
	/** The list's length when indexed: a list grown or cut since (a test's model built in steps) is indexed again. */
	size: number;
	byArn: Map<string, User>;
	byName: Map<string, User>;
}

/** Users by ARN and by name, the first of each as find() gives; per users list, so every report row is a lookup, not a scan. */
const userIndexes = new WeakMap<readonly User[], UserIndex>();

function userIndex(users: readonly User[]): UserIndex {
	let index = userIndexes.get(users);
	if (index?.size === users.length) return index;
	index = { size: users.length, byArn: new Map(), byName: new Map() };
	for (const user of users) {
		if (!index.byArn.has(user.arn)) index.byArn.set(user.arn, user);
		if (!index.byName.has(user.name)) index.byName.set(user.name, user);
	}
	userIndexes.set(users, index);
	return index;
}

/** The model's user a report row describes (by ARN, else by name). */
export function userOfRow(model: AccountModel, row: CredentialReportRow): User | undefined {
	const index = userIndex(model.users);
	return index.byArn.get(row.arn) ?? index.byName.get(row.user);
}

/** Whether a report slot holds a key at all (an empty slot has no rotation date). */
export function slotHasKey(key: CredentialReportKey): boolean {
	return key.active || parseIsoDate(key.lastRotated) !== undefined;
}

/**
 * Matches listed keys to report slots: by their `slot` when the adapter set it; otherwise by
 * creation time against the slot's `last_rotated` (which is the key's creation time), and
 * when times do not line up exactly but the counts agree, by order of creation.
 */
export function matchKnownKeys(row: CredentialReportRow, known: readonly AccessKey[]): Map<1 | 2, AccessKey> {
	const matched = new Map<1 | 2, AccessKey>();
	for (const key of known) {
		if (key.slot !== undefined && !matched.has(key.slot)) matched.set(key.slot, key);
	}
	const openSlots = row.keys
		.filter((key) => !matched.has(key.slot) && parseIsoDate(key.lastRotated) !== undefined)
		.sort((a, b) => parseIsoDate(a.lastRotated)!.getTime() - parseIsoDate(b.lastRotated)!.getTime());
	let unslotted = known
		.filter((key) => key.slot === undefined && !Number.isNaN(Date.parse(key.createDate)))
		.sort((a, b) => Date.parse(a.createDate) - Date.parse(b.createDate));

	const stillOpen: CredentialReportKey[] = [];
	for (const slot of openSlots) {
		const rotated = parseIsoDate(slot.lastRotated)!.getTime();
		let best: AccessKey | undefined;
		for (const key of unslotted) {
			const distance = Math.abs(Date.parse(key.createDate) - rotated);
			if (distance <= sameKeyToleranceMs && (!best || distance < Math.abs(Date.parse(best.createDate) - rotated))) best = key;
		}
		if (best) {
			matched.set(slot.slot, best);
			unslotted = unslotted.filter((key) => key !== best);
		} else {
			stillOpen.push(slot);
		}
	}
	if (stillOpen.length > 0 && stillOpen.length === unslotted.length) {
		stillOpen.forEach((slot, index) => matched.set(slot.slot, unslotted[index]));
	}
	return matched;
}

/** The report's keys of one row that exist (empty slots left out), each tied to its listed key when possible. */
export function reportKeysOfRow(model: AccountModel, row: CredentialReportRow): ReportKeyView[] {
	const user = row.isRoot ? undefined : userOfRow(model, row);
	const known = matchKnownKeys(row, user?.accessKeys ?? []);
	return row.keys.filter(slotHasKey).map((key) => {
		const knownKey = known.get(key.slot);
		const reportLastUsed = parseIsoDate(key.lastUsedDate);
		const knownLastUsed = parseIsoDate(knownKey?.lastUsed?.date);
		return {
			row,
			key,
			slot: key.slot,
			known: knownKey,
			qualifier: knownKey?.id ?? `key${key.slot}`,
			label: `Access key ${key.slot}${knownKey ? ` (${knownKey.id})` : ''}`,
			createdAt: parseIsoDate(key.lastRotated),
			lastUsedAt: latestDate(reportLastUsed, knownLastUsed),
			evidence: {
				user: row.user,
				accessKeySlot: key.slot,
				...(knownKey ? { accessKeyId: knownKey.id } : {}),
				active: key.active,
				lastRotated: key.lastRotated,
				lastUsedDate: key.lastUsedDate,
				lastUsedService: key.lastUsedService,
				lastUsedRegion: key.lastUsedRegion,
				...(knownLastUsed ? { knownLastUsedDate: knownKey?.lastUsed?.date } : {}),
			},
		};
	});
}

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * "2026-11-20" for detail sentences: toISOString's day, from the UTC fields (about six times
 * faster, which counts with a finding per role on a large account); years outside
 * 1000–9999 and invalid dates take toISOString's own form (±YYYYYY, or its RangeError).
 */
export function day(date: Date): string {
	const year = date.getUTCFullYear();
	if (!(year >= 1000 && year <= 9999)) return date.toISOString().slice(0, 10);
	return `${year}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
}

/** "1 day" / "131 days". */
export function days(count: number): string {
	return `${count} ${count === 1 ? 'day' : 'days'}`;
}

/** "today" / "3 days ago". */
export function ago(count: number): string {
	return count <= 0 ? 'today' : `${days(count)} ago`;
}
