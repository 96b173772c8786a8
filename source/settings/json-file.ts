/** Small JSON files in the data folder: read with a fallback, written atomically (temp file, then rename). */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write.js';

export function readJsonFile<T>(path: string, fallback: T, isValid: (value: unknown) => value is T): T {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch {
		return fallback;
	}
	try {
		const value: unknown = JSON.parse(text);
		return isValid(value) ? value : fallback;
	} catch {
		return fallback;
	}
}

export function writeJsonFile(path: string, value: unknown): void {
	writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, createFolder: true });
}
