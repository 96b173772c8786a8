/**
 * `scan --format json`: the report as `JSON.stringify(report, null, 2)` and a line feed, shown
 * as every report is (shownText), in UTF-8. A 5,000-role account's report is 20 MB: as one
 * string it is built in parts, copied flat, searched for control characters and encoded, and
 * a single arrow in a finding makes all of it two bytes a character. Made and written a
 * few hundred findings at a time, the same bytes cost about a third less and never exist as
 * one string or one buffer.
 */
import type { ScanReport } from '../scan-report.js';
import { shownText } from '../command-io.js';

/** The report as one string, the definition the bytes below must match. */
export function formatScanJson(report: ScanReport): string {
	return `${JSON.stringify(report, null, 2)}\n`;
}

/** `Buffer.from(shownText(formatScanJson(report)))`, as --output writes it. */
export function formatScanJsonBytes(report: ScanReport): Buffer {
	const parts: Buffer[] = [];
	writeScanJson(report, (bytes) => parts.push(bytes));
	return Buffer.concat(parts);
}

const findingsKey = '\n  "findings": [';
// JSON.stringify([findings], null, 2) indents findings as deep as the report's list does;
// these are the brackets around them.
const wrapperStart = '[\n  [\n    '.length;
const wrapperEnd = '\n  ]\n]'.length;
// Findings stringified at a time: one call per finding costs more in calls, the whole list
// at once builds the large string again (anything from 32 to 1,024 measured alike).
const findingsPerPiece = 256;

/**
 * Hands `write` the bytes of `Buffer.from(shownText(formatScanJson(report)))` in order, a
 * piece of a few hundred findings at a time, each already shown: printable escapes
 * character by character, and JSON text holds no carriage return whose line feed could
 * fall in the next piece.
 */
export function writeScanJson(report: ScanReport, write: (bytes: Buffer) => void): void {
	const { findings } = report;
	const outer = JSON.stringify({ ...report, findings: [] }, null, 2);
	// A top-level key is the only one after a line feed and two spaces (strings hold no raw line feed).
	const at = outer.indexOf(`${findingsKey}]`);
	if (findings.length === 0 || at === -1) return write(shownBytes(formatScanJson(report)));
	const split = at + findingsKey.length;
	for (let i = 0; i < findings.length; i += findingsPerPiece) {
		const piece = JSON.stringify([findings.slice(i, i + findingsPerPiece)], null, 2);
		const before = i === 0 ? `${outer.slice(0, split)}\n    ` : ',\n    ';
		write(shownBytes(before + piece.slice(wrapperStart, piece.length - wrapperEnd)));
	}
	write(shownBytes(`\n  ${outer.slice(split)}\n`));
}

/** `shownText(text)` in UTF-8; encoded first, as nearly every piece is shown unchanged. */
function shownBytes(text: string): Buffer {
	const bytes = Buffer.from(text, 'utf8');
	// Rare (a name carrying a bidi override or a C1 control): the string way, escapes and all.
	return mayHoldControls(bytes) ? Buffer.from(shownText(text), 'utf8') : bytes;
}

/**
 * Whether `bytes`, JSON text in UTF-8, may hold a character `printable` escapes. JSON.stringify
 * escapes every C0 control itself; all the others (DEL, C1, U+200B–U+200F, U+2028–U+202E,
 * U+2066–U+2069, U+FEFF) are encoded starting with byte 7F, C2, E2 or EF, which indexOf finds
 * at native speed. Each E2 or EF found is decoded and tested, as the arrows (U+2192) and
 * ellipses (U+2026) of findings' text start with E2 too.
 */
function mayHoldControls(bytes: Buffer): boolean {
	if (bytes.indexOf(0x7f) !== -1) return true;
	for (let at = bytes.indexOf(0xc2); at !== -1; at = bytes.indexOf(0xc2, at + 1)) {
		if (bytes[at + 1]! <= 0x9f) return true;
	}
	for (const lead of [0xe2, 0xef]) {
		for (let at = bytes.indexOf(lead); at !== -1; at = bytes.indexOf(lead, at + 1)) {
			const char = ((lead & 0x0f) << 12) | ((bytes[at + 1]! & 0x3f) << 6) | (bytes[at + 2]! & 0x3f);
			if (isShownControl(char)) return true;
		}
	}
	return false;
}

function isShownControl(char: number): boolean {
	return (char >= 0x200b && char <= 0x200f) || (char >= 0x2028 && char <= 0x202e) || (char >= 0x2066 && char <= 0x2069) || char === 0xfeff;
}
