/**
 * Faults under the change log, injected through `openAuditLog({ wrapFile })`: a disk that
 * fills up after a number of bytes (writes come back short, then fail with ENOSPC, as on a
 * full tmpfs), and an fsync that fails from its Nth call on.
 */
import type { LogFile } from '../../source/audit/signed-audit-log.js';
import type { CrashSwitch } from '../../source/aws/sandbox/sandbox-faults.js';

export interface LogFileFaults {
	/** Bytes the disk still takes; a write beyond them is cut short, the next fails. */
	spaceLeft?: number;
	/** The first datasync/sync call (1-based) that fails with EIO; it and every later one fail. */
	failSyncFrom?: number;
	/** Shared with the sandbox: once the process is dead nothing more reaches the file, not even a truncate. */
	crash?: CrashSwitch;
	/** The process dies right after this many records (the header included) are written. */
	dieAfterWrites?: number;
}

export interface FaultyLogFile {
	wrap: (file: LogFile) => LogFile;
	/** Faults that fired (short writes, ENOSPC, failed fsyncs). */
	readonly fired: number;
}

function errno(code: string, message: string): NodeJS.ErrnoException {
	return Object.assign(new Error(`${code}: ${message}`), { code });
}

export function faultyLogFile(faults: LogFileFaults): FaultyLogFile {
	let left = faults.spaceLeft ?? Number.POSITIVE_INFINITY;
	let syncs = 0;
	let fired = 0;
	let writes = 0;
	const dead = () => faults.crash?.dead === true;
	const sync = async (real: () => Promise<void>) => {
		if (dead()) throw errno('EIO', 'the process has died');
		syncs += 1;
		if (faults.failSyncFrom !== undefined && syncs >= faults.failSyncFrom) {
			fired += 1;
			throw errno('EIO', 'i/o error, fsync');
		}
		await real();
	};
	return {
		get fired() {
			return fired;
		},
		wrap: (file) => ({
			async write(buffer, offset, length, position) {
				if (dead()) throw errno('EIO', 'the process has died');
				if (left <= 0) {
					fired += 1;
					throw errno('ENOSPC', 'no space left on device, write');
				}
				const take = Math.min(length, left);
				if (take < length) fired += 1;
				left -= take;
				const written = await file.write(buffer, offset, take, position);
				writes += 1;
				if (faults.crash && faults.dieAfterWrites !== undefined && writes >= faults.dieAfterWrites) {
					fired += 1;
					faults.crash.dead = true;
				}
				return written;
			},
			datasync: () => sync(() => file.datasync()),
			sync: () => sync(() => file.sync()),
			async truncate(length) {
				if (dead()) throw errno('EIO', 'the process has died');
				await file.truncate(length);
			},
			close: () => file.close(),
		}),
	};
}
