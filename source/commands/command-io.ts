/**
 * What a headless command needs from the process, passed in so tests can run commands
 * in-process and read exactly what an operator would see.
 */
export interface CommandIo {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	env: NodeJS.ProcessEnv;
	cwd: string;
	/** Whether stdin and stdout are a terminal (prompts need one). */
	isTTY: boolean;
	/** Asks one question on the terminal; only called when isTTY. */
	prompt?: (question: string) => Promise<string>;
	now: () => Date;
}

/** Exit codes shared by every command. */
export const exitCodes = { ok: 0, findingsOrRefused: 1, usage: 2 } as const;

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
