/**
 * The one way iam-wizard writes an output file: the whole text into a temporary file beside
 * it, fsync'd, then renamed over the name, so a full disk or a crash leaves either the old
 * file or the new one, never a truncated mix. It refuses to write over a file the command
 * read (the --snapshot it was given). Written by hand (thirty lines) rather than with
 * `atomically`, which is only a transitive dependency here and knows nothing of inputs.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FileError, errnoCode, writeFailure } from './file-error.js';
import { makeDirectory } from './make-directory.js';

export interface AtomicWriteOptions {
	/** File mode of the new file (default 0644; secrets and state 0600). */
	mode?: number;
	/** Make the missing folders (state and settings); outputs named by the operator do not. */
	createFolder?: boolean;
	/** Files the command read: writing over one of them is refused. */
	inputs?: { path: string; what: string }[];
}

function sameFile(a: string, b: string): boolean {
	try {
		const x = statSync(a);
		const y = statSync(b);
		return x.dev === y.dev && x.ino === y.ino;
	} catch {
		return resolve(a) === resolve(b);
	}
}

function writeAll(fd: number, bytes: Buffer): void {
	for (let done = 0; done < bytes.length; ) {
		const n = writeSync(fd, bytes, done, bytes.length - done);
		if (n <= 0) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
		done += n;
	}
}

/** A device or pipe (`/dev/stdout`, a FIFO) is written to as it is: there is nothing to rename over. */
function writeInPlace(path: string, bytes: Buffer): void {
	try {
		const fd = openSync(path, 'w');
		try {
			writeAll(fd, bytes);
		} finally {
			closeSync(fd);
		}
	} catch (error) {
		throw writeFailure(path, error);
	}
}

export function writeFileAtomic(path: string, data: string | Buffer, options: AtomicWriteOptions = {}): void {
	for (const input of options.inputs ?? []) {
		if (sameFile(path, input.path)) throw new FileError(path, `Refusing to write ${path}: it is ${input.what}; name another file.`);
	}
	const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
	if (options.createFolder) makeDirectory(dirname(resolve(path)));
	let existing: Stats | undefined;
	try {
		existing = statSync(path);
	} catch (error) {
		if (errnoCode(error) !== 'ENOENT') throw writeFailure(path, error);
	}
	if (existing?.isDirectory()) throw writeFailure(path, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
	if (existing && !existing.isFile()) return writeInPlace(path, bytes);
	// A symbolic link keeps pointing where it did: the file it names is replaced.
	const target = existing ? realpathSync(path) : resolve(path);
	const dir = dirname(target);
	const mode = options.mode ?? (existing ? existing.mode & 0o777 : 0o644);
	const temporary = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	let created = false;
	try {
		const fd = openSync(temporary, 'wx', mode);
		created = true;
		try {
			writeAll(fd, bytes);
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		renameSync(temporary, target);
		created = false;
		syncFolder(dir);
	} catch (error) {
		if (created) rmSync(temporary, { force: true });
		throw writeFailure(path, error);
	}
}

function syncFolder(dir: string): void {
	try {
		const fd = openSync(dir, 'r');
		try {
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
	} catch {
		// Some file systems cannot fsync a folder; the file's own fsync still holds.
	}
}
