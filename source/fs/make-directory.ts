/**
 * Creates a folder and its missing parents. Node's own `mkdir({ recursive: true })` never
 * returns for a path under /proc (it retries ENOENT forever): this walks down from the
 * first folder that exists and stops at the first real error.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FileError, errnoCode, writeFailure } from './file-error.js';

export function makeDirectory(path: string, mode = 0o700): void {
	const target = resolve(path);
	const missing: string[] = [];
	for (let dir = target; ; dir = dirname(dir)) {
		let isDirectory: boolean;
		try {
			isDirectory = statSync(dir).isDirectory();
		} catch (error) {
			const code = errnoCode(error);
			if (code !== 'ENOENT') throw writeFailure(target, error, 'create the folder');
			missing.push(dir);
			if (dirname(dir) === dir) break;
			continue;
		}
		if (!isDirectory) throw writeFailure(target, Object.assign(new Error('not a folder'), { code: dir === target ? 'EEXIST' : 'ENOTDIR' }), 'create the folder');
		break;
	}
	for (const dir of missing.reverse()) {
		try {
			mkdirSync(dir, { mode });
		} catch (error) {
			if (errnoCode(error) === 'EEXIST' && statSync(dir).isDirectory()) continue;
			// Its parent exists (just checked or just made): ENOENT here means it takes no new folders (/proc, /sys).
			if (errnoCode(error) === 'ENOENT') throw new FileError(target, `Cannot create the folder ${target}: ${dirname(dir)} does not accept new folders.`, { cause: error });
			throw writeFailure(target, error, 'create the folder');
		}
	}
}
