/**
 * The change log's locks: the file-system locks of source/fs, with a busy lock reported as
 * AuditLogBusyError (an operator-fixable refusal, like the other audit input errors).
 */
import { AuditLogBusyError } from './audit-input-error.js';
import { acquireLock as acquireFileLock, LockBusyError, type AcquireLockOptions, type HeldLock } from '../fs/file-lock.js';

export { lockIsLive, readLockOwner, type AcquireLockOptions, type HeldLock, type LockOwner } from '../fs/file-lock.js';

export async function acquireLock(path: string, options: AcquireLockOptions): Promise<HeldLock> {
	try {
		return await acquireFileLock(path, options);
	} catch (error) {
		if (error instanceof LockBusyError) throw new AuditLogBusyError(error.message, { cause: error });
		throw error;
	}
}
