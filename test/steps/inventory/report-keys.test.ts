/**
 * `userOfRow` ties a credential report row to the model's user: by ARN, else by name (a
 * report of an older read may name a user whose path changed), the first of each; a model
 * with other users answers with its own. `day` writes the day of a date as toISOString does (detail sentences of step 1's findings
 * show it), built from the UTC fields for speed: the same text on every date, including
 * the edges of the four-digit years, and the same RangeError on an invalid date.
 */
import { describe, expect, it } from 'vitest';
import { day, userOfRow } from '../../../source/steps/inventory/report-keys.js';
import { buildModel, buildUser, reportRow, userArn } from '../../helpers/model-builder.js';

describe('userOfRow', () => {
	it('finds the user by ARN first, then by name, the first of each; another model answers with its own users', () => {
		const moved = { ...buildUser('dana'), arn: userArn('dana').replace(':user/', ':user/people/') };
		const twin = { ...buildUser('erin'), id: 'AIDATWIN' };
		const model = buildModel({ users: [buildUser('alice'), moved, buildUser('erin'), twin, { ...buildUser('frank'), name: 'alice' }] });
		expect(userOfRow(model, reportRow('alice'))).toBe(model.users[0]);
		expect(userOfRow(model, { ...reportRow('renamed'), arn: userArn('alice') })).toBe(model.users[0]);
		expect(userOfRow(model, reportRow('dana'))).toBe(moved);
		expect(userOfRow(model, reportRow('erin'))!.id).not.toBe('AIDATWIN');
		expect(userOfRow(model, reportRow('zoe'))).toBeUndefined();
		const other = buildModel({ users: [{ ...buildUser('alice'), id: 'AIDAOTHER' }] });
		expect(userOfRow(other, reportRow('alice'))!.id).toBe('AIDAOTHER');
		expect(userOfRow(model, reportRow('alice'))).toBe(model.users[0]);
		// A list grown after a lookup (a model built in steps) is looked up as it is now.
		model.users.push(buildUser('zoe'));
		expect(userOfRow(model, reportRow('zoe'))).toBe(model.users[5]);
	});
});

describe('day', () => {
	it('is the day toISOString gives, padded, in UTC, at the edges of the four-digit years and beyond', () => {
		const times = [
			Date.UTC(2026, 10, 20, 23, 59, 59, 999),
			Date.UTC(2026, 0, 1, 0, 0, 0, 0),
			Date.UTC(2024, 1, 29, 12),
			Date.parse('2025-01-01T00:30:00+02:00'),
			Date.UTC(1000, 0, 1),
			Date.UTC(999, 11, 31),
			Date.UTC(9999, 11, 31, 23, 59),
			Date.UTC(10000, 0, 1),
			Date.UTC(-1, 5, 1),
			0,
		];
		for (const time of times) expect(day(new Date(time)), String(time)).toBe(new Date(time).toISOString().slice(0, 10));
		expect(day(new Date(Date.UTC(2026, 2, 5)))).toBe('2026-03-05');
		expect(day(new Date(Date.UTC(999, 11, 31)))).toBe('0999-12-31');
	});

	it('throws on an invalid date, as toISOString does', () => {
		expect(() => day(new Date(Number.NaN))).toThrow(RangeError);
	});
});
