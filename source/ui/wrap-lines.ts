/**
 * Styled lines wrapped to a width, for a scrolling window that counts rows: each row keeps
 * its line's style, and a continuation row is indented two more than the line it continues.
 * wrap-ansi (Ink's own wrapper) decides where words break.
 */
import wrapAnsi from 'wrap-ansi';
import type { StyledLine } from './ScrollText.js';

export function wrapLines(lines: readonly StyledLine[], width: number): StyledLine[] {
	const out: StyledLine[] = [];
	for (const line of lines) {
		if (line.text.length <= width) {
			out.push(line);
			continue;
		}
		const indent = /^ */.exec(line.text)![0];
		const rows = wrapAnsi(line.text.slice(indent.length), Math.max(10, width - indent.length - 2), { hard: true, trim: true }).split('\n');
		rows.forEach((row, i) => out.push({ ...line, text: `${indent}${i > 0 ? '  ' : ''}${row}` }));
	}
	return out;
}
