import { printable } from '../core/printable.js';

/**
 * What a headless command needs from the process, passed in so tests can run commands
 * in-process and read exactly what an operator would see.
 */
export interface CommandIo {
	stdout: (text: string) => void;
	/** Output already made printable (shownText), as UTF-8: written as it is. Without it, commands decode it for `stdout`. */
	stdoutBytes?: (bytes: Uint8Array) => void;
	stderr: (text: string) => void;
	env: NodeJS.ProcessEnv;
	cwd: string;
	/** Whether stdin and stdout are a terminal (prompts need one). */
	isTTY: boolean;
	/** Asks one question on the terminal; only called when isTTY. */
	prompt?: (question: string) => Promise<string>;
	now: () => Date;
}

/**
 * The rendering edge of every headless command: what it prints passes through `printable`,
 * so an ESC sequence in a snapshot's name or a --reason reaches the terminal as visible text.
 * Line breaks stay (they are the output's layout); commands print no colour of their own.
 * `stdoutBytes` passes through: what reaches it has been through shownText already.
 */
export function printableIo(io: CommandIo): CommandIo {
	return { ...io, stdout: (text) => io.stdout(shownText(text)), stderr: (text) => io.stderr(shownText(text)) };
}

/** A whole report (table, Markdown, JSON, CSV) as printed or written to --output. */
export function shownText(text: string): string {
	return printable(text, { keepLineBreaks: true });
}

/** Exit codes shared by every command. */
/** `interrupted`: the wizard left on Ctrl+C (128 + SIGINT, as a shell reports an interrupted program). */
export const exitCodes = { ok: 0, findingsOrRefused: 1, usage: 2, interrupted: 130 } as const;

/** A failure the operator caused or can fix: printed as one sentence, exit 2, no stack. */
export class UsageError extends Error {
	override name = 'UsageError';
	constructor(
		message: string,
		readonly exitCode: number = exitCodes.usage,
	) {
		super(message);
	}
}
