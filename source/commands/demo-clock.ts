/**
 * The demo account's clock: the wall clock plus the days `iam-wizard demo-clock --advance`
 * has added (kept in the demo account file, cleared by --reset). It lets an operator see the
 * later phases of a key's retirement — a workload using its new role, a grace period ending —
 * without waiting weeks. Only the demo has it; a live account's clock is AWS's.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openSandboxStore, sandboxFileName } from '../aws/sandbox/sandbox-store.js';
import { appPaths } from '../settings/paths.js';
import { exitCodes, UsageError, type CommandIo } from './command-io.js';

const msPerDay = 86_400_000;

/** The days the saved demo account runs ahead; 0 when there is none yet. */
export function demoClockOffsetDays(dataDir = appPaths().data, now = new Date()): number {
	if (!existsSync(join(dataDir, sandboxFileName))) return 0;
	return openSandboxStore(dataDir).load(now).clockOffsetDays ?? 0;
}

/** `io` whose clock is the demo account's, for a command run with --demo (without --reset, which starts the clock again). */
export function withDemoClock(io: CommandIo, options: { demo?: boolean; reset?: boolean }): CommandIo {
	if (!options.demo || options.reset) return io;
	const offset = demoClockOffsetDays(appPaths().data, io.now()) * msPerDay;
	return offset === 0 ? io : { ...io, now: () => new Date(io.now().getTime() + offset) };
}

export interface DemoClockOptions {
	advance?: string;
}

export async function runDemoClock(options: DemoClockOptions, io: CommandIo): Promise<number> {
	const store = openSandboxStore(appPaths().data);
	const state = store.load(io.now());
	if (options.advance !== undefined) {
		const days = Number(options.advance);
		if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError(`--advance "${options.advance}" is not a whole number of days from 1 to 3650.`);
		state.clockOffsetDays = (state.clockOffsetDays ?? 0) + days;
		store.save(state);
	}
	const offset = state.clockOffsetDays ?? 0;
	const now = new Date(io.now().getTime() + offset * msPerDay);
	io.stdout(`The demo account's clock reads ${now.toISOString()} (${offset} day${offset === 1 ? '' : 's'} ahead of this machine's; iam-wizard --demo --reset starts it again).\n`);
	return exitCodes.ok;
}
