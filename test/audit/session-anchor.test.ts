/** The anchor line of docs/change-log-format.md section 9: written by apply and the wizard, read back from any text. */
import { describe, expect, it, test } from 'vitest';
import { anchorLine, parseAnchors, type SessionAnchor } from '../../source/audit/session-anchor.js';

const header = '2b38453044b239eae653d2dc565309f39a58d7d28eeabceb54630f917b07db7a';
const seal = 'e0ae44d6d793f2ac162836e1618742ca8ee337a6f09c65b8bafe5061cbba3acb';
const anchor: SessionAnchor = { file: '2026-11-27T20-15-03.123Z-6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b.jsonl', headerHash: header, sealHash: seal, records: 3 };
const line = `iam-wizard anchor: ${anchor.file} header ${header} seal ${seal} records 3`;

describe('anchorLine', () => {
	test('is the line the format page gives', () => {
		expect(anchorLine(anchor)).toBe(line);
	});
});

describe('parseAnchors', () => {
	test('reads every anchor line in a text, in order, wherever it sits on its line', () => {
		const second = { ...anchor, file: '2026-11-28T09-00-00.000Z-0f8fad5b-d9cb-469f-a165-70867728950e.jsonl', records: 12 };
		const text = `Change ticket CHG-42\nApplied. ${line}\nnoise\n> ${anchorLine(second)} (pasted)\n`;
		expect(parseAnchors(text)).toEqual([anchor, second]);
		expect(parseAnchors(`${line}${anchorLine(second)}`)).toEqual([anchor, second]);
	});

	test('a text without anchors has none, and the same text read twice gives the same anchors', () => {
		expect(parseAnchors('no anchors here')).toEqual([]);
		expect(parseAnchors('')).toEqual([]);
		const text = `${line}\n`;
		expect(parseAnchors(text)).toEqual(parseAnchors(text));
	});

	it.each([
		['a file that is not .jsonl', line.replace('.jsonl', '.json')],
		['a header hash in capitals', line.replace(header, header.toUpperCase())],
		['a header hash one digit short', line.replace(header, header.slice(1))],
		['a seal hash that is not hex', line.replace(seal, `${seal.slice(1)}g`)],
		['no record count', line.replace(' records 3', ' records ')],
		['another tool', line.replace('iam-wizard anchor', 'iam-wizard anchors')],
	])('a line with %s is not an anchor', (_, text) => {
		expect(parseAnchors(text)).toEqual([]);
	});

	test('the record count is a number', () => {
		expect(parseAnchors(line.replace('records 3', 'records 120'))[0]!.records).toBe(120);
	});
});
