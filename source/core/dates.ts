/**
 * Date arithmetic for findings. Pure: the clock is always passed in as `now`.
 *
 * Ages are counted in whole elapsed days (floored), so the number a finding's detail shows
 * is the number its threshold was compared with: a key 90 days and 20 hours old is "90 days
 * old" and is not over a 90-day limit.
 */
import type { IsoDate, ReportValue } from './model.js';

export const msPerDay = 86_400_000;

const placeholders = new Set(['N/A', 'no_information', 'not_supported']);

/** Whether a credential report value is one of AWS's placeholders rather than a value. */
export function isReportPlaceholder(value: unknown): value is 'N/A' | 'no_information' | 'not_supported' {
	return typeof value === 'string' && placeholders.has(value);
}

/** Parses an ISO-8601 date; undefined for placeholders, empty or unparsable values. */
export function parseIsoDate(value: ReportValue<IsoDate> | undefined | null): Date | undefined {
	if (value === undefined || value === null || value === '' || isReportPlaceholder(value)) return undefined;
	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : new Date(time);
}

/** Whole days elapsed from `then` to `now` (negative when `then` is in the future). */
export function daysBetween(now: Date, then: Date | IsoDate): number {
	const thenTime = typeof then === 'string' ? Date.parse(then) : then.getTime();
	return Math.floor((now.getTime() - thenTime) / msPerDay);
}

/** Whole days since a report value's date, or undefined when it holds no date. */
export function reportAgeDays(now: Date, value: ReportValue<IsoDate> | undefined): number | undefined {
	const date = parseIsoDate(value);
	return date ? daysBetween(now, date) : undefined;
}

/** The later of some dates, ignoring missing ones. */
export function latestDate(...dates: (Date | undefined)[]): Date | undefined {
	let latest: Date | undefined;
	for (const date of dates) {
		if (date && (!latest || date.getTime() > latest.getTime())) latest = date;
	}
	return latest;
}

/** `iso` plus whole days, as ISO-8601. */
export function addDays(iso: IsoDate, days: number): IsoDate {
	return new Date(Date.parse(iso) + days * msPerDay).toISOString();
}

/** The day of an ISO-8601 time, as people read it in a list: 2026-01-31. */
export function shortDate(iso: IsoDate): string {
	return iso.slice(0, 10);
}

/**
 * Whether text that starts YYYY-MM-DD names a day the calendar has: JavaScript reads
 * 2026-02-30 as 2 March, so a date is only accepted when it reads back as written.
 */
export function isCalendarDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
	if (!match) return false;
	const [, year, month, day] = match.map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
