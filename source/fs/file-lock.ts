/**
 * Lock files: `open(path, 'wx')` either creates the lock or fails, on every local file
 * system. The file names its owner (pid and host), so a lock left by a process that died
 * is recognised and taken over, and a live one is refused with who holds it.
 */
import { hostname } from 'node:os';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { errnoCode } from './file-error.js';

/** A live process holds the lock: the message says who, and what to do. */
export class LockBusyError extends Error {
	override name = 'LockBusyError';
}

function isNodeError(error: unknown, code: string): boolean {
	return errnoCode(error) === code;
}

export interface LockOwner {
	pid: number;
	host: string;
	since: string;
	purpose: string;
}

export interface HeldLock {
	path: string;
	release(): Promise<void>;
}

export interface AcquireLockOptions {
	/** What the lock guards, for the busy message: "change log 2026-…jsonl". */
	purpose: string;
	/** Keep trying this long while a live owner holds it (a directory lock is held for milliseconds). */
	waitMs?: number;
	now?: () => Date;
	/** What the operator can do while it is busy (default: about change-log sessions). */
	busyHint?: string;
}

function processIsAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return isNodeError(error, 'EPERM');
	}
}

export async function readLockOwner(path: string): Promise<LockOwner | null | undefined> {
	try {
		const text = await readFile(path, 'utf8');
		const owner = JSON.parse(text) as Partial<LockOwner>;
		if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return null;
		return owner as LockOwner;
	} catch (error) {
		if (isNodeError(error, 'ENOENT')) return undefined;
		// Being written this instant, or garbage: judged by its age below.
		return null;
	}
}

/** Whether a lock file is held by a live process (a lock from another host always counts as live). */
export async function lockIsLive(path: string): Promise<{ live: boolean; owner?: LockOwner }> {
	const owner = await readLockOwner(path);
	if (owner === undefined) return { live: false };
	if (owner === null) {
		const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => Infinity);
		return { live: age < 10_000 };
	}
	if (owner.host !== hostname()) return { live: true, owner };
	return { live: processIsAlive(owner.pid), owner };
}

/** Removes a dead owner's lock without ever removing a live one that replaced it meanwhile. */
async function removeStaleLock(path: string, stale: LockOwner | undefined): Promise<void> {
	const aside = `${path}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
	try {
		await rename(path, aside);
	} catch (error) {
		if (isNodeError(error, 'ENOENT')) return;
		throw error;
	}
	const moved = await readLockOwner(aside);
	const same = stale === undefined ? moved === null : moved !== null && moved !== undefined && moved.pid === stale.pid && moved.since === stale.since;
	if (!same) {
		// Another process took the stale lock over between our read and our rename: put its lock back.
		await link(aside, path).catch(() => undefined);
	}
	await unlink(aside).catch(() => undefined);
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function acquireLock(path: string, options: AcquireLockOptions): Promise<HeldLock> {
	const deadline = Date.now() + (options.waitMs ?? 0);
	const owner: LockOwner = { pid: process.pid, host: hostname(), since: (options.now?.() ?? new Date()).toISOString(), purpose: options.purpose };
	for (let attempt = 0; ; attempt += 1) {
		try {
			const handle = await open(path, 'wx', 0o600);
			try {
				await handle.writeFile(JSON.stringify(owner));
			} finally {
				await handle.close();
			}
			let released = false;
			return {
				path,
				release: async () => {
					if (released) return;
					released = true;
					await unlink(path).catch((error: unknown) => {
						if (!isNodeError(error, 'ENOENT')) throw error;
					});
				},
			};
		} catch (error) {
			if (!isNodeError(error, 'EEXIST')) throw error;
		}
		const holder = await lockIsLive(path);
		if (!holder.live) {
			await removeStaleLock(path, holder.owner);
			continue;
		}
		if (Date.now() >= deadline) {
			const who = holder.owner ? `process ${holder.owner.pid} on ${holder.owner.host}` : 'another process';
			const hint = options.busyHint ?? 'wait for that session to end, or use a different --log-dir';
			throw new LockBusyError(`The ${options.purpose} is locked by ${who} (lock file ${path}); ${hint}`);
		}
		await sleep(Math.min(5 + attempt * 5, 50));
	}
}
