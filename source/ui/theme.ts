/**
 * Semantic colour tokens: components ask for `status.warning`, never for "yellow", so one
 * switch turns every colour off. Colour is off when NO_COLOR is set (https://no-color.org)
 * or the CLI passes `--no-color`; then `tone()` returns no props at all, so not a single
 * colour escape reaches the terminal (emphasis such as bold goes the same way, so a
 * NO_COLOR screen is plain text).
 */
export const palette = {
	'status.ok': 'green',
	'status.warning': 'yellow',
	'status.error': 'red',
	'status.info': 'cyan',
	'status.muted': 'gray',
	'mode.live': 'yellow',
	'mode.demo': 'cyan',
	'mode.snapshot': 'blue',
	'diff.added': 'green',
	'diff.removed': 'red',
	'diff.hunk': 'cyan',
	'diff.header': 'gray',
	'severity.critical': 'redBright',
	'severity.high': 'red',
	'severity.medium': 'yellow',
	'severity.low': 'blue',
	'severity.info': 'gray',
	'focus.cursor': 'cyan',
	'focus.selected': 'green',
	'focus.title': 'magenta',
} as const;

export type ColourToken = keyof typeof palette;

/** Ink <Text> props for a token; empty when colour is off. */
export interface ToneProps {
	color?: string;
	bold?: boolean;
	dimColor?: boolean;
}

let enabled = colourWanted({ env: process.env, argv: process.argv });

/** Whether the environment or flags allow colour: NO_COLOR (any non-empty value) or --no-color turn it off. */
export function colourWanted(options: { env: NodeJS.ProcessEnv; argv?: readonly string[]; noColorFlag?: boolean }): boolean {
	if (options.noColorFlag) return false;
	if (options.argv?.includes('--no-color')) return false;
	const noColor = options.env.NO_COLOR;
	return noColor === undefined || noColor === '';
}

/** The CLI calls this once after parsing flags; tests call it to check both ways. */
export function setColourEnabled(value: boolean): void {
	enabled = value;
}

/** Props that colour a <Text> with a token (and optionally make it bold). */
export function tone(token: ColourToken, options: { bold?: boolean } = {}): ToneProps {
	if (!enabled) return {};
	return options.bold ? { color: palette[token], bold: true } : { color: palette[token] };
}

/** Bold, only when styling is on. */
export function strong(): ToneProps {
	return enabled ? { bold: true } : {};
}

/** Dimmed secondary text, only when styling is on. */
export function muted(): ToneProps {
	return enabled ? { dimColor: true } : {};
}
