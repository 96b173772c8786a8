/**
 * The one output writer: a full disk mid-write leaves the old file whole and no temporary
 * behind; inputs are never overwritten; every failure is one sentence naming the path.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';

const fault = vi.hoisted(() => ({ writeBudget: Number.POSITIVE_INFINITY }));
vi.mock('node:fs', async (importOriginal) => {
	const real = await importOriginal<typeof import('node:fs')>();
	return {
		...real,
		// A disk that takes `writeBudget` more bytes: a write is cut short, the next fails.
		writeSync: (fd: number, buffer: Buffer, offset: number, length: number) => {
			if (fault.writeBudget <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
			const take = Math.min(length, fault.writeBudget);
			fault.writeBudget -= take;
			return real.writeSync(fd, buffer, offset, take);
		},
	};
});

const { writeFileAtomic } = await import('../../source/fs/atomic-write.js');
const { FileError } = await import('../../source/fs/file-error.js');
const { makeDirectory } = await import('../../source/fs/make-directory.js');

function folder(): string {
	return mkdtempSync(join(tmpdir(), 'atomic-'));
}

afterEach(() => {
	fault.writeBudget = Number.POSITIVE_INFINITY;
});

describe('writeFileAtomic', () => {
	test('a disk that fills mid-write leaves the existing file as it was and no temporary file', () => {
		const dir = folder();
		const path = join(dir, 'report.json');
		writeFileSync(path, 'the old report\n');
		fault.writeBudget = 10;
		expect(() => writeFileAtomic(path, 'x'.repeat(5000))).toThrow(`Cannot write ${path}: no space left on the device.`);
		expect(readFileSync(path, 'utf8')).toBe('the old report\n');
		expect(readdirSync(dir)).toEqual(['report.json']);
	});

	test('a new file on a full disk is not left behind at all (no 0-byte plan)', () => {
		const dir = folder();
		fault.writeBudget = 0;
		expect(() => writeFileAtomic(join(dir, 'plan.json'), '{}')).toThrow(FileError);
		expect(readdirSync(dir)).toEqual([]);
	});

	test('writes the whole text and keeps the mode of the file it replaces', () => {
		const dir = folder();
		const path = join(dir, 'a.txt');
		writeFileSync(path, 'old', { mode: 0o600 });
		writeFileAtomic(path, 'new text');
		expect(readFileSync(path, 'utf8')).toBe('new text');
		expect(readdirSync(dir)).toEqual(['a.txt']);
	});

	test('refuses to write over an input, by identity not by spelling', () => {
		const dir = folder();
		const snapshot = join(dir, 'snap.json');
		writeFileSync(snapshot, '{"UserDetailList":[]}');
		expect(() => writeFileAtomic(join(dir, '.', 'snap.json'), 'report', { inputs: [{ path: snapshot, what: 'the --snapshot input' }] })).toThrow(
			`Refusing to write ${join(dir, 'snap.json')}: it is the --snapshot input; name another file.`,
		);
		expect(readFileSync(snapshot, 'utf8')).toBe('{"UserDetailList":[]}');
	});

	test('a folder, a missing folder and a device that is full each get their own sentence', () => {
		const dir = folder();
		expect(() => writeFileAtomic(dir, 'x')).toThrow(`Cannot write ${dir}: it is a folder; name a file.`);
		expect(() => writeFileAtomic(join(dir, 'nope', 'x.csv'), 'x')).toThrow(`Cannot write ${join(dir, 'nope', 'x.csv')}: the folder ${join(dir, 'nope')} does not exist.`);
		if (existsSync('/dev/full')) expect(() => writeFileAtomic('/dev/full', 'x')).toThrow('Cannot write /dev/full: no space left on the device.');
	});
});

describe('makeDirectory', () => {
	test.runIf(existsSync('/proc/self'))('returns with a sentence for a folder under /proc (Node\'s recursive mkdir never returns)', () => {
		expect(() => makeDirectory('/proc/nope/logs')).toThrow('Cannot create the folder /proc/nope/logs: /proc does not accept new folders.');
	});

	test('makes missing parents, and says so when a parent is a file', () => {
		const dir = folder();
		makeDirectory(join(dir, 'a', 'b', 'c'));
		expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
		writeFileSync(join(dir, 'file'), '');
		expect(() => makeDirectory(join(dir, 'file', 'keys'))).toThrow(`Cannot create the folder ${join(dir, 'file', 'keys')}: part of the path is a file, not a folder.`);
	});
});
