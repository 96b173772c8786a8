/**
 * The byte rules of a log line that JSON parsing alone does not enforce: a file is UTF-8
 * (no byte-order mark), and a line is exactly the canonical JSON of its record, which
 * rules out whitespace, CR, escapes where none are needed and a key written twice (a
 * parser keeps one of the two values, and parsers disagree about which).
 */

export interface DecodedLines {
	/** Each line's text, or undefined when its bytes are not UTF-8. */
	lines: (string | undefined)[];
	/** The file does not end with a newline (a crash while a line was being written). */
	incompleteLastLine: boolean;
}

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function splitText(text: string): DecodedLines {
	const lines: (string | undefined)[] = text.split('\n');
	const incompleteLastLine = lines[lines.length - 1] !== '';
	if (!incompleteLastLine) lines.pop();
	return { lines, incompleteLastLine };
}

/** Splits a file into lines at LF, decoding each strictly. */
export function decodeLines(bytes: Uint8Array): DecodedLines {
	try {
		return splitText(fatal.decode(bytes));
	} catch {
		// Some line is not UTF-8: find which, line by line.
	}
	const lines: (string | undefined)[] = [];
	let start = 0;
	for (;;) {
		const end = bytes.indexOf(10, start);
		const slice = bytes.subarray(start, end < 0 ? bytes.length : end);
		if (end < 0 && slice.length === 0) return { lines, incompleteLastLine: false };
		try {
			lines.push(fatal.decode(slice));
		} catch {
			lines.push(undefined);
		}
		if (end < 0) return { lines, incompleteLastLine: true };
		start = end + 1;
	}
}

/** The first key that appears twice in one object of a JSON text (the text must be valid JSON). */
export function duplicateKeyIn(json: string): string | undefined {
	const stack: { keys?: Set<string>; expectKey: boolean }[] = [];
	for (let i = 0; i < json.length; i += 1) {
		const c = json[i];
		if (c === '"') {
			let j = i + 1;
			while (json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
			const top = stack[stack.length - 1];
			if (top?.keys && top.expectKey) {
				const key = JSON.parse(json.slice(i, j + 1)) as string;
				if (top.keys.has(key)) return key;
				top.keys.add(key);
				top.expectKey = false;
			}
			i = j;
		} else if (c === '{') stack.push({ keys: new Set(), expectKey: true });
		else if (c === '[') stack.push({ expectKey: false });
		else if (c === '}' || c === ']') stack.pop();
		else if (c === ',' && stack[stack.length - 1]?.keys) stack[stack.length - 1].expectKey = true;
	}
	return undefined;
}

/** Why a parsed line is not the canonical text of its record; undefined when it is. */
export function canonicalLineProblem(line: string, canonical: string): { kind: 'duplicate-key' | 'non-canonical'; detail: string } | undefined {
	if (line === canonical) return undefined;
	const key = duplicateKeyIn(line);
	if (key !== undefined) return { kind: 'duplicate-key', detail: `the key ${JSON.stringify(key)} appears twice in one object (readers disagree about which value counts)` };
	let at = 0;
	while (at < line.length && line[at] === canonical[at]) at += 1;
	const seen = JSON.stringify(line.slice(at, at + 12));
	const wanted = JSON.stringify(canonical.slice(at, at + 12));
	return { kind: 'non-canonical', detail: `its bytes are not the canonical form of its record (from character ${at + 1}: ${seen} where the canonical form has ${wanted})` };
}
