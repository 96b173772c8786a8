import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capturedStderr, onCapturedStderr, routeStderr } from '../../source/ui/quiet-stderr.js';

let reached: string[];
let original: typeof process.stderr.write;

beforeEach(() => {
	reached = [];
	original = process.stderr.write;
	// Stands in for the terminal: whatever gets here would break Ink's layout.
	process.stderr.write = ((chunk: string) => {
		reached.push(String(chunk));
		return true;
	}) as typeof process.stderr.write;
});

afterEach(() => {
	process.stderr.write = original;
});

function nextCaught(text: string): Promise<void> {
	return new Promise((resolve) => {
		const stop = onCapturedStderr((line) => {
			if (!line.includes(text)) return;
			stop();
			resolve();
		});
	});
}

describe('routeStderr', () => {
	it('keeps library warnings off the terminal while the wizard runs', async () => {
		const restore = routeStderr({ debug: false });
		const warned = nextCaught('NodeVersionWarning');
		process.emitWarning('The AWS SDK for JavaScript (v3) will no longer support Node.js 18', 'NodeVersionWarning');
		await warned;
		console.warn('a library says hello');
		console.error('and complains');
		restore();
		expect(reached).toEqual([]);
		expect(capturedStderr().some((line) => line.includes('a library says hello'))).toBe(true);
		expect(capturedStderr().some((line) => line.includes('and complains'))).toBe(true);
	});

	it('with --debug, writes what it caught to the terminal once restored, and to the debug file', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'quiet-')), 'debug.log');
		const restore = routeStderr({ debug: true, debugFile: file });
		console.warn('deprecated thing');
		expect(reached).toEqual([]);
		restore();
		expect(reached.join('')).toBe('deprecated thing\n');
		expect(readFileSync(file, 'utf8')).toBe('deprecated thing\n');
	});

	it('gives the terminal back', () => {
		const warn = console.warn;
		const restore = routeStderr({ debug: false });
		process.stderr.write('during\n');
		restore();
		process.stderr.write('after\n');
		expect(reached).toEqual(['after\n']);
		expect(console.warn).toBe(warn);
	});
});
