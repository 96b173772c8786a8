/**
 * Text from an account, a snapshot or an operator's --reason is shown in a terminal, a
 * Markdown export and a spreadsheet: a name carrying ESC[2J would clear the operator's
 * screen, a C1 CSI or a bidi override would disguise what is shown. Every rendering edge
 * passes such text through `printable`, which writes each control character as a visible
 * escape (`\u001b`, `\u202e`) and leaves everything else as it is. Where a line break is
 * part of the layout (a multi-line Ink text, a quoted CSV cell, a whole report) it is kept;
 * elsewhere it is escaped like the rest. The escapes are JSON's, so a JSON document passed
 * through whole stays valid and reads back the same strings (JSON.stringify leaves C1
 * controls and bidi characters raw).
 */

export interface PrintableOptions {
	/** Keep line feeds (and CR LF pairs) and tabs: the caller's layout depends on them. */
	keepLineBreaks?: boolean;
}

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// C0 controls, DEL, C1 controls; the Unicode line/paragraph separators; bidi embeddings,
// overrides and isolates (Trojan Source); the BOM and zero-width joiners inside text.
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/g;

// The same without line feed and tab, for text whose line breaks are kept: a report of
// thousands of lines is then one regex scan, not one callback per line.
const controlsBesideLayout = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/g;

function escaped(ch: string): string {
	return named[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every control character written as a visible escape. */
export function printable(text: string, options: PrintableOptions = {}): string {
	if (!options.keepLineBreaks) return text.replace(controls, escaped);
	// A report of many megabytes is rarely changed: tested first, it is not copied.
	controlsBesideLayout.lastIndex = 0;
	if (!controlsBesideLayout.test(text)) return text;
	controlsBesideLayout.lastIndex = 0;
	return text.replace(controlsBesideLayout, (ch, offset: number, whole: string) => (ch === '\r' && whole[offset + 1] === '\n' ? ch : escaped(ch)));
}

/** True when `text` would be changed by `printable`: a value worth a warning when it arrives. */
export function hasControlCharacters(text: string): boolean {
	controls.lastIndex = 0;
	const found = controls.test(text);
	controls.lastIndex = 0;
	return found;
}
