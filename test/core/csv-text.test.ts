import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../source/core/csv-text.js';

function cells(text: string): string[][] {
	return parse(text) as string[][];
}

describe('csvText, the one CSV writer', () => {
	it('neutralises every cell a spreadsheet would run as a formula with a leading quote', () => {
		const formulas = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tx', '\r\n=1', '\uFF1D1'];
		const [, row] = cells(csvText(formulas.map((_, i) => `c${i}`), [formulas]));
		expect(row).toEqual(formulas.map((f) => `'${f}`));
		// A lone CR is no line break: it is written as a visible escape, which no spreadsheet runs.
		expect(cells(csvText(['c'], [['\r=1']]))[1]).toEqual(['\\r=1']);
	});

	it('leaves ordinary cells as they are', () => {
		const plain = ['arn:aws:iam::1:user/x', 'a=b', 'x@y', '3', ''];
		expect(cells(csvText(['a', 'b', 'c', 'd', 'e'], [plain]))[1]).toEqual(plain);
	});

	it('quotes commas, quotes and line breaks so every record reads back whole', () => {
		const row = ['two\nlines', 'a,b', 'say "hi"', 'crlf\r\nin'];
		const text = csvText(['a', 'b', 'c', 'd'], [row, ['x', 'y', 'z', 'w']]);
		expect(cells(text)).toEqual([['a', 'b', 'c', 'd'], row, ['x', 'y', 'z', 'w']]);
		expect(text.endsWith('x,y,z,w\r\n')).toBe(true);
	});

	it('writes terminal control characters as visible escapes', () => {
		const text = csvText(['name'], [['evil\u001b[2J\u009b31m\u202e']]);
		expect(text).not.toMatch(/[\u001b\u009b\u202e]/);
		expect(cells(text)[1]).toEqual(['evil\\u001b[2J\\u009b31m\\u202e']);
	});

	it('writes numbers, booleans and missing values as text', () => {
		expect(cells(csvText(['n', 'b', 'u', 'z'], [[5, true, undefined, null]]))[1]).toEqual(['5', 'true', '', '']);
	});
});
