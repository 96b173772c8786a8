/**
 * While Ink draws the screen, anything a library writes to stderr (the AWS SDK's warning
 * about the Node.js version, process 'warning' events, console.warn/error) would land in
 * the middle of the layout. routeStderr catches those writes: they are kept in memory
 * (and appended to a debug file when given); with `debug` they are shown in the wizard
 * and written to the real stderr once the screen is restored.
 */
import { appendFileSync } from 'node:fs';
import { format } from 'node:util';

const maxLines = 500;
const lines: string[] = [];
const listeners = new Set<(line: string) => void>();

/** What was caught so far (the most recent 500 lines). */
export function capturedStderr(): readonly string[] {
	return lines;
}

/** Calls `listener` for each caught line; returns the unsubscribe. */
export function onCapturedStderr(listener: (line: string) => void): () => void {
	listeners.add(listener);
	return () => {
		listeners.delete(listener);
	};
}

export interface RouteStderrOptions {
	debug: boolean;
	/** Appended to, line by line (never holds secrets: only what libraries print). */
	debugFile?: string;
	/** The stream to take over; process.stderr unless a test passes its own. */
	stream?: NodeJS.WriteStream;
}

/** Takes over stderr until the returned function is called. */
export function routeStderr(options: RouteStderrOptions): () => void {
	const stream = options.stream ?? process.stderr;
	const originalWrite = stream.write;
	const caught: string[] = [];
	let pending = '';

	const keep = (text: string) => {
		if (options.debugFile) {
			try {
				appendFileSync(options.debugFile, text);
			} catch {
				// A debug file we cannot write must not break the wizard.
			}
		}
		pending += text;
		const parts = pending.split('\n');
		pending = parts.pop() ?? '';
		for (const line of parts) record(line);
		if (options.debug) caught.push(text);
	};

	stream.write = function write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
		const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
		keep(text);
		const done = typeof encoding === 'function' ? encoding : callback;
		if (typeof done === 'function') queueMicrotask(() => (done as (error?: Error | null) => void)(null));
		return true;
	} as typeof stream.write;

	// console.warn/error usually reach stream.write, but not when something (a test runner,
	// a logging library) has replaced the console: catch them at the source as well.
	const originalWarn = console.warn;
	const originalError = console.error;
	console.warn = (...args: unknown[]) => keep(`${format(...args)}\n`);
	console.error = (...args: unknown[]) => keep(`${format(...args)}\n`);

	return () => {
		if (pending !== '') record(pending);
		pending = '';
		stream.write = originalWrite;
		console.warn = originalWarn;
		console.error = originalError;
		if (options.debug && caught.length > 0) stream.write(caught.join(''));
	};
}

function record(line: string): void {
	lines.push(line);
	if (lines.length > maxLines) lines.splice(0, lines.length - maxLines);
	for (const listener of listeners) listener(line);
}
