/**
 * `day` writes the day of a date as toISOString does (detail sentences of step 1's findings
 * show it), built from the UTC fields for speed: the same text on every date, including
 * the edges of the four-digit years, and the same RangeError on an invalid date.
 */
import { describe, expect, it } from 'vitest';
import { day } from '../../../source/steps/inventory/report-keys.js';

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
