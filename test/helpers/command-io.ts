import type { CommandIo } from '../../source/commands/command-io.js';

export interface CapturedIo extends CommandIo {
	out: () => string;
	err: () => string;
}

/** A CommandIo that records what a command printed, for assertions on what the operator sees. */
export function captureIo(options: { now?: Date; isTTY?: boolean; answers?: string[]; cwd?: string } = {}): CapturedIo {
	let out = '';
	let err = '';
	const answers = [...(options.answers ?? [])];
	return {
		stdout: (text) => void (out += text),
		stderr: (text) => void (err += text),
		env: process.env,
		cwd: options.cwd ?? process.cwd(),
		isTTY: options.isTTY ?? false,
		prompt: async () => answers.shift() ?? '',
		now: () => options.now ?? new Date('2026-11-27T12:00:00Z'),
		out: () => out,
		err: () => err,
	};
}
