/**
 * The keys, straight from the bindings tables — the global one, then the open screen's and
 * prompt's own — in a window that scrolls when the terminal is short. A description longer
 * than the terminal is wide wraps under itself, never cut: help is where a key is read in full.
 */
import { Box } from 'ink';
import wrapAnsi from 'wrap-ansi';
import { Text } from './Text.js';
import { helpRows, keyLabel, type ScreenKeys } from './key-bindings.js';
import { ScrollText, type StyledLine } from './ScrollText.js';
import { strong } from './theme.js';
import { useTerminalSize } from './use-terminal-size.js';
import { wrapLines } from './wrap-lines.js';

/** `columns`: the width to wrap to (one less than the terminal's, as the other scrolling pages); Infinity leaves lines whole. */
export function helpLines(screens: readonly ScreenKeys<string>[] = [], columns = Infinity): StyledLine[] {
	const rows = helpRows(screens);
	const width = Math.max(...rows.map((r) => r.keys.length)) + 2;
	const room = Math.max(10, columns - width);
	const keyRows = rows.flatMap((row): StyledLine[] => {
		if (row.heading) return [{ text: `${row.description}:`, token: 'focus.title', bold: true }];
		const parts = row.description.length <= room ? [row.description] : wrapAnsi(row.description, room, { hard: true, trim: true }).split('\n');
		return parts.map((part, i) => ({ text: (i === 0 ? row.keys.padEnd(width) : ' '.repeat(width)) + part }));
	});
	const closing: StyledLine[] = [
		{ text: '' },
		{ text: `While a text field has focus, letters are text: ${keyLabel('cancel')} leaves it, ${keyLabel('next')} submits it.`, token: 'status.muted' as const },
		{ text: `Press ${keyLabel('help')} or ${keyLabel('cancel')} to close.`, token: 'status.muted' as const },
	];
	return [...keyRows, ...(Number.isFinite(columns) ? wrapLines(closing, columns) : closing)];
}

export function HelpOverlay({ height, screens = [] }: { height: number; screens?: readonly ScreenKeys<string>[] }) {
	// The size hook, not stdout read at draw time: a resize re-wraps the lines at once.
	const { columns } = useTerminalSize();
	return (
		<Box flexDirection="column">
			<Text {...strong()}>Keys</Text>
			{/* One line for the title, one for the scroll position. */}
			<ScrollText lines={helpLines(screens, Math.max(20, columns - 1))} height={Math.max(3, height - 2)} />
		</Box>
	);
}
