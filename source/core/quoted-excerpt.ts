/**
 * How an error sentence quotes what it found in a file: on one line, at most `max`
 * characters, control characters and line breaks escaped (`printable`), JSON-quoted. A
 * sentence must stay one line whatever the file holds (a 10,000-character cell, a value
 * with line breaks in it).
 */
import { printable } from './printable.js';

export function quotedExcerpt(text: string, max = 40): string {
	const shown = printable(text);
	return JSON.stringify(shown.length <= max ? shown : `${shown.slice(0, max - 1)}…`).replaceAll('\\\\', '\\');
}
