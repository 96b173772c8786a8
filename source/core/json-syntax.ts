/**
 * Why JSON.parse refused a text, as an operator can act on it: the reason and the line and
 * column to open in an editor. V8's own message quotes part of the file ("Unexpected token
 * 'x', \"…\n…\" is not valid JSON"), which can span lines and show anything: it is cut to
 * the reason.
 */

function lineAndColumn(text: string, position: number): string {
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	const column = position - before.lastIndexOf('\n');
	return `line ${line}, column ${column}`;
}

export interface JsonSyntaxProblem {
	/** "Unexpected token 'x' at line 2, column 7". */
	text: string;
	/** The parse stopped at the end of the text: a truncated file. */
	atEnd: boolean;
}

export function jsonSyntaxProblem(body: string, error: unknown): JsonSyntaxProblem {
	const raw = error instanceof Error ? error.message : String(error);
	const end = body.trimEnd().length;
	// "… in JSON at position 8", and "Unexpected non-whitespace character after JSON at position 6" (text after a whole value).
	const atPosition = /^(.*?)(?: in JSON)? at position (\d+)/.exec(raw);
	const reason = atPosition?.[1] ?? /^Unexpected token '.'/su.exec(raw)?.[0] ?? raw.split(/, (?:"|\.\.\.)|\n/)[0] ?? raw;
	const position = atPosition ? Number(atPosition[2]) : /end of JSON input/.test(raw) ? end : undefined;
	const where = position === undefined ? '' : ` at ${lineAndColumn(body, position)}`;
	return { text: `${reason.replace(/\s*\n\s*/g, ' ')}${where}`, atEnd: position !== undefined && position >= end };
}
