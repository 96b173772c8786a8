/**
 * The wizard needs a terminal: raw-mode keys and a redrawn screen. Without one (a pipe, CI)
 * the CLI says so and points to the commands made for scripts, instead of crashing on
 * setRawMode.
 */
export const noTerminalMessage = 'iam-wizard needs an interactive terminal. For scripts and CI use `iam-wizard scan` (and `plan` / `apply`).';

export const minimumTerminal = { columns: 80, rows: 24 } as const;

export type TerminalCheck = { ok: true } | { ok: false; message: string; exitCode: 2 };

export function checkTerminal(stdin: { isTTY?: boolean }, stdout: { isTTY?: boolean }): TerminalCheck {
	if (stdin.isTTY && stdout.isTTY) return { ok: true };
	return { ok: false, message: noTerminalMessage, exitCode: 2 };
}

/** The message shown instead of the wizard when the window is too small, or undefined. */
export function smallTerminalMessage(columns: number, rows: number): string | undefined {
	if (columns >= minimumTerminal.columns && rows >= minimumTerminal.rows) return undefined;
	return `The terminal is ${columns}×${rows}; iam-wizard needs at least ${minimumTerminal.columns}×${minimumTerminal.rows}. Make the window larger.`;
}
