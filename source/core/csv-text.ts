/**
 * The one way iam-wizard writes CSV (scan, inventory, change-log export): csv-stringify
 * quotes cells holding commas, quotes or line breaks (RFC 4180, CR LF between records) and,
 * with `escape_formulas`, prefixes `'` to a cell a spreadsheet would run as a formula
 * (starting with = + - @, a tab or CR, or their full-width forms). Control characters other
 * than line breaks and tabs are written as visible escapes first (`printable`).
 */
import { stringify } from 'csv-stringify/sync';
import { printable } from './printable.js';

export type CsvCell = string | number | boolean | null | undefined;

function cellText(value: CsvCell): string {
	if (value === null || value === undefined) return '';
	return printable(String(value), { keepLineBreaks: true });
}

/** A CSV document: the header row, then one record per row. */
export function csvText(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
	const records = [[...columns], ...rows.map((row) => row.map(cellText))];
	return stringify(records, { record_delimiter: 'windows', escape_formulas: true });
}
