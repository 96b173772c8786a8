/** The change log's locks: a lock another live session holds is an AuditLogBusyError (an operator-fixable refusal); other failures stay as they are. */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AuditInputError, AuditLogBusyError, isNodeError, UndoRefusedError } from '../../source/audit/audit-input-error.js';
import { acquireLock } from '../../source/audit/file-lock.js';
import { LockBusyError } from '../../source/fs/file-lock.js';
import { tempDir } from './log-fixtures.js';

describe('acquireLock', () => {
	test('a lock held by a live process is refused as AuditLogBusyError, with the message and cause of the busy lock', async () => {
		const path = join(await tempDir(), 'x.lock');
		const held = await acquireLock(path, { purpose: 'change log x.jsonl' });
		expect(held.path).toBe(path);
		const refusal = (await acquireLock(path, { purpose: 'change log x.jsonl' }).catch((e: unknown) => e)) as AuditLogBusyError;
		expect(refusal).toBeInstanceOf(AuditLogBusyError);
		expect(refusal).toBeInstanceOf(AuditInputError);
		expect(refusal.name).toBe('AuditLogBusyError');
		expect(refusal.cause).toBeInstanceOf(LockBusyError);
		expect(refusal.message).toBe((refusal.cause as Error).message);
		expect(refusal.message).toMatch(/^The change log x\.jsonl is locked by process \d+ on .+ \(lock file .*x\.lock\); wait for that session to end, or use a different --log-dir$/);
		await held.release();
		await (await acquireLock(path, { purpose: 'change log x.jsonl' })).release();
	});

	test('any other failure is passed on as it is', async () => {
		const path = join(await tempDir(), 'missing-folder', 'x.lock');
		const failure = (await acquireLock(path, { purpose: 'change log' }).catch((e: unknown) => e)) as NodeJS.ErrnoException;
		expect(failure).not.toBeInstanceOf(AuditInputError);
		expect(failure.code).toBe('ENOENT');
	});
});

describe('the audit errors', () => {
	test('each names itself, and the busy and undo refusals are audit input errors', () => {
		expect(new AuditInputError('m')).toMatchObject({ name: 'AuditInputError', message: 'm' });
		expect(new AuditLogBusyError('m').name).toBe('AuditLogBusyError');
		expect(new UndoRefusedError('m').name).toBe('UndoRefusedError');
		expect(new UndoRefusedError('m')).toBeInstanceOf(AuditInputError);
	});

	test('isNodeError matches the code of an error-like object only', () => {
		expect(isNodeError(Object.assign(new Error('x'), { code: 'ENOENT' }), 'ENOENT')).toBe(true);
		expect(isNodeError({ code: 'ENOENT' }, 'ENOENT')).toBe(true);
		expect(isNodeError(Object.assign(new Error('x'), { code: 'EEXIST' }), 'ENOENT')).toBe(false);
		expect(isNodeError(new Error('ENOENT'), 'ENOENT')).toBe(false);
		expect(isNodeError(null, 'ENOENT')).toBe(false);
		expect(isNodeError(undefined, 'ENOENT')).toBe(false);
		expect(isNodeError('ENOENT', 'ENOENT')).toBe(false);
	});
});
