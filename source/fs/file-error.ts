/**
 * The one error a user-facing file failure becomes: the path, one sentence that says what
 * is wrong with it, and exit code 2. Commands print the message as it is.
 */
import { dirname } from 'node:path';

export class FileError extends Error {
	override name = 'FileError';
	readonly exitCode = 2;
	constructor(
		readonly path: string,
		message: string,
		options?: { cause?: unknown },
	) {
		super(message, options);
	}
}

export function errnoCode(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
}

/** Why `path` could not be written (or its folder made), in words, from the error Node gave. */
export function writeFailure(path: string, error: unknown, what = 'write'): FileError {
	if (error instanceof FileError) return error;
	const code = errnoCode(error);
	const reason: Record<string, string> = {
		EISDIR: 'it is a folder; name a file',
		ENOENT: `the folder ${dirname(path)} does not exist`,
		ENOTDIR: 'part of the path is a file, not a folder',
		ENOSPC: 'no space left on the device',
		EDQUOT: 'the disk quota is used up',
		EFBIG: 'the file would be too large for this file system',
		EACCES: 'permission denied',
		EPERM: 'permission denied',
		EROFS: 'the file system is read-only',
		EIO: 'the device reported an input/output error',
		EEXIST: 'something already exists there',
		ENAMETOOLONG: 'the name is too long',
		ELOOP: 'too many symbolic links',
	};
	const why = (code && reason[code]) ?? (code ? `the system said ${code}` : error instanceof Error ? error.message : String(error));
	return new FileError(path, `Cannot ${what} ${path}: ${why}.`, { cause: error });
}

/** Why `path` could not be read, in words. */
export function readFailure(path: string, error: unknown): FileError {
	if (error instanceof FileError) return error;
	const code = errnoCode(error);
	const reason: Record<string, string> = {
		ENOENT: 'it does not exist',
		EISDIR: 'it is a folder, not a file',
		ENOTDIR: 'part of the path is a file, not a folder',
		EACCES: 'permission denied',
		EPERM: 'permission denied',
		EIO: 'the device reported an input/output error',
	};
	const why = (code && reason[code]) ?? (code ? `the system said ${code}` : error instanceof Error ? error.message : String(error));
	return new FileError(path, `Cannot read ${path}: ${why}.`, { cause: error });
}
