import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isCalendarDate, isReportPlaceholder, latestDate, parseIsoDate, reportAgeDays, shortDate } from '../../source/core/dates.js';

const now = new Date('2026-12-01T12:00:00.000Z');

describe('parseIsoDate', () => {
	it('reads ISO dates with offsets, as the credential report writes them', () => {
		expect(parseIsoDate('2026-11-20T08:12:41+00:00')?.toISOString()).toBe('2026-11-20T08:12:41.000Z');
		expect(parseIsoDate('2026-11-20T10:12:41+02:00')?.toISOString()).toBe('2026-11-20T08:12:41.000Z');
	});

	it("gives undefined for AWS's placeholders, empty and unparsable values", () => {
		for (const value of ['N/A', 'no_information', 'not_supported', '', 'yesterday', undefined, null]) {
			expect(parseIsoDate(value)).toBeUndefined();
		}
	});
});

describe('daysBetween', () => {
	it('counts whole elapsed days, floored', () => {
		expect(daysBetween(now, '2026-11-30T12:00:00.000Z')).toBe(1);
		expect(daysBetween(now, '2026-11-30T12:00:00.001Z')).toBe(0);
		expect(daysBetween(now, new Date('2026-09-02T12:00:00.000Z'))).toBe(90);
		// A Date keeps its milliseconds (its text form would not).
		expect(daysBetween(now, new Date('2026-11-30T12:00:00.001Z'))).toBe(0);
	});

	it('is negative for dates after now', () => {
		expect(daysBetween(now, '2026-12-03T12:00:00.000Z')).toBe(-2);
	});
});

describe('report helpers', () => {
	it('tells placeholders from values', () => {
		expect(isReportPlaceholder('N/A')).toBe(true);
		expect(isReportPlaceholder('no_information')).toBe(true);
		expect(isReportPlaceholder('not_supported')).toBe(true);
		expect(isReportPlaceholder('2026-11-20T08:12:41+00:00')).toBe(false);
		expect(isReportPlaceholder(true)).toBe(false);
	});

	it('ages report values, undefined for placeholders', () => {
		expect(reportAgeDays(now, '2026-11-01T12:00:00+00:00')).toBe(30);
		expect(reportAgeDays(now, 'N/A')).toBeUndefined();
	});

	it('picks the latest date, ignoring missing ones', () => {
		const a = new Date('2026-01-01T00:00:00Z');
		const b = new Date('2026-02-01T00:00:00Z');
		expect(latestDate(undefined, b, a)).toBe(b);
		expect(latestDate(a, undefined, b)).toBe(b);
		// Of two equal times, the first given.
		const again = new Date(a.getTime());
		expect(latestDate(a, again)).toBe(a);
		expect(latestDate(undefined)).toBeUndefined();
	});
});

describe('calendar days', () => {
	it('accepts only days the calendar has, leap days by the Gregorian rule', () => {
		for (const day of ['2026-12-31', '2026-01-01', '2024-02-29', '2000-02-29', '2026-04-30T10:00:00Z']) expect(isCalendarDate(day), day).toBe(true);
		// Years 0000–0099 (Date.UTC reads them as 1900–1999) do not read back as written: refused.
		for (const day of ['0050-01-01', '2025-02-29', '2100-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', 'on 2026-01-01', 'next week', '']) {
			expect(isCalendarDate(day), day).toBe(false);
		}
	});

	it('adds whole days across month and year ends, and shows the day part', () => {
		expect(addDays('2026-12-31T12:00:00.000Z', 1)).toBe('2027-01-01T12:00:00.000Z');
		expect(addDays('2026-12-01T12:00:00.000Z', 30)).toBe('2026-12-31T12:00:00.000Z');
		expect(addDays('2026-03-01T00:00:00.000Z', -1)).toBe('2026-02-28T00:00:00.000Z');
		expect(shortDate('2026-01-31T23:59:59.000Z')).toBe('2026-01-31');
	});
});
