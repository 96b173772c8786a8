/**
 * The record of inactive keys: when a key first seen inactive turns out to be one iam-wizard
 * deactivated, its grace period counts from the change log's date (if that deactivation can
 * explain the sighting); a read that could not list keys deletes nothing from the record.
 */
import { describe, expect, it } from 'vitest';
import { deletedKeyCount, updateInactiveKeys, type InactiveKeys } from '../../source/core/inactive-keys.js';
import { buildAccessKey, buildModel, buildUser, daysBefore } from '../helpers/model-builder.js';

const now = '2026-12-01T12:00:00.000Z';
const firstSeen = '2026-11-20T12:00:00.000Z';
const inactive = buildModel({ users: [buildUser('etl', { accessKeys: [buildAccessKey('etl', 'AKIAETL', { status: 'Inactive' })] })] });
const seen: InactiveKeys = { AKIAETL: { userName: 'etl', since: firstSeen, source: 'first-seen' } };

describe('updateInactiveKeys', () => {
	it('dates a key first seen inactive from iam-wizard’s own deactivation, up to a day before the sighting', () => {
		const hoursBefore = daysBefore(firstSeen, 0, 2 * 3600_000);
		expect(updateInactiveKeys(seen, inactive, new Date(now), { AKIAETL: hoursBefore }).AKIAETL).toEqual({ userName: 'etl', since: hoursBefore, source: 'iam-wizard' });
		const dayBefore = daysBefore(firstSeen, 1);
		expect(updateInactiveKeys(seen, inactive, new Date(now), { AKIAETL: dayBefore }).AKIAETL).toEqual({ userName: 'etl', since: dayBefore, source: 'iam-wizard' });
		// After the sighting too (the log of a session that ran alongside the scan).
		const after = daysBefore(firstSeen, -1);
		expect(updateInactiveKeys(seen, inactive, new Date(now), { AKIAETL: after }).AKIAETL).toMatchObject({ since: after, source: 'iam-wizard' });
	});

	it('keeps the first sighting when iam-wizard’s deactivation is more than a day older than it', () => {
		const older = daysBefore(firstSeen, 1, 1000);
		expect(updateInactiveKeys(seen, inactive, new Date(now), { AKIAETL: older }).AKIAETL).toEqual(seen.AKIAETL);
	});

	it('never moves a date that already came from iam-wizard’s log', () => {
		const ours: InactiveKeys = { AKIAETL: { userName: 'etl', since: firstSeen, source: 'iam-wizard' } };
		expect(updateInactiveKeys(ours, inactive, new Date(now), { AKIAETL: daysBefore(firstSeen, -2) }).AKIAETL).toEqual(ours.AKIAETL);
	});

	it('marks nothing deleted when the read could not list access keys', () => {
		const unlisted = buildModel({ users: [], notEvaluated: [{ area: 'access-keys', reason: 'ListAccessKeys was denied', findingIds: [] }] });
		const next = updateInactiveKeys(seen, unlisted, new Date(now));
		expect(next).toEqual(seen);
		expect(deletedKeyCount(unlisted, next)).toBe(0);
		const listed = buildModel({ users: [] });
		expect(updateInactiveKeys(seen, listed, new Date(now)).AKIAETL?.deleted).toBe(now);
		expect(deletedKeyCount(listed, updateInactiveKeys(seen, listed, new Date(now)))).toBe(1);
	});
});

describe('updateInactiveKeys, key by key', () => {
	const active = buildModel({ users: [buildUser('etl', { accessKeys: [buildAccessKey('etl', 'AKIAETL', { status: 'Active' })] })] });

	it('starts the record of a key first seen inactive now, or at iam-wizard’s own deactivation', () => {
		expect(updateInactiveKeys({}, inactive, new Date(now))).toEqual({ AKIAETL: { userName: 'etl', since: now, source: 'first-seen' } });
		expect(updateInactiveKeys({}, inactive, new Date(now), { AKIAETL: firstSeen })).toEqual({ AKIAETL: { userName: 'etl', since: firstSeen, source: 'iam-wizard' } });
	});

	it('starts afresh a key seen inactive again after it was re-activated or deleted', () => {
		for (const ended of [{ reactivated: '2026-11-25T00:00:00.000Z' }, { deleted: '2026-11-25T00:00:00.000Z' }]) {
			const records: InactiveKeys = { AKIAETL: { ...seen.AKIAETL!, ...ended } };
			expect(updateInactiveKeys(records, inactive, new Date(now))).toEqual({ AKIAETL: { userName: 'etl', since: now, source: 'first-seen' } });
		}
	});

	it('marks a recorded key found active re-activated, once; a key never recorded stays out of the record', () => {
		const next = updateInactiveKeys(seen, active, new Date(now));
		expect(next).toEqual({ AKIAETL: { ...seen.AKIAETL, reactivated: now } });
		expect(updateInactiveKeys(next, active, new Date('2026-12-05T00:00:00.000Z'))).toEqual(next);
		const deleted: InactiveKeys = { AKIAETL: { ...seen.AKIAETL!, deleted: '2026-11-25T00:00:00.000Z' } };
		expect(updateInactiveKeys(deleted, active, new Date(now))).toEqual(deleted);
		expect(updateInactiveKeys({}, active, new Date(now))).toEqual({});
	});

	it('leaves the records it was given as they were', () => {
		const records = structuredClone(seen);
		updateInactiveKeys(records, active, new Date(now));
		updateInactiveKeys(records, buildModel({ users: [] }), new Date(now));
		expect(records).toEqual(seen);
	});

	it('marks a key gone when the read listed keys, whatever else it could not read', () => {
		const partial = buildModel({ users: [], notEvaluated: [{ area: 'organizations', reason: 'denied', findingIds: [] }] });
		expect(updateInactiveKeys(seen, partial, new Date(now)).AKIAETL?.deleted).toBe(now);
	});
});

describe('deletedKeyCount', () => {
	it('counts the recorded keys marked deleted that are not in the account, none without records', () => {
		const records: InactiveKeys = {
			AKIAGONE: { userName: 'etl', since: firstSeen, source: 'first-seen', deleted: now },
			AKIAETL: { userName: 'etl', since: firstSeen, source: 'first-seen', deleted: now },
			AKIAKEPT: { userName: 'etl', since: firstSeen, source: 'first-seen' },
		};
		expect(deletedKeyCount(inactive, records)).toBe(1);
		expect(deletedKeyCount(buildModel({ users: [] }), records)).toBe(2);
		expect(deletedKeyCount(inactive, undefined)).toBe(0);
	});
});
