/** Small JSON files in the data folder: read with a fallback, written atomically (temp file, then rename). */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

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
	mkdirSync(dirname(path), { recursive: true });
	const temp = `${path}.${process.pid}.tmp`;
	writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
	renameSync(temp, path);
}
