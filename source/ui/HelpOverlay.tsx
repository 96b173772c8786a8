/**
 * The keys, straight from the bindings tables — the global one, then the open screen's and
 * prompt's own — in a window that scrolls when the terminal is short.
 */
import { Box } from 'ink';
import { Text } from './Text.js';
import { helpRows, keyLabel, type ScreenKeys } from './key-bindings.js';
import { ScrollText, type StyledLine } from './ScrollText.js';
import { strong } from './theme.js';

export function helpLines(screens: readonly ScreenKeys<string>[] = []): StyledLine[] {
	const rows = helpRows(screens);
	const width = Math.max(...rows.map((r) => r.keys.length)) + 2;
	return [
		...rows.map((row): StyledLine => (row.heading ? { text: `${row.description}:`, token: 'focus.title', bold: true } : { text: row.keys.padEnd(width) + row.description })),
		{ text: '' },
		{ text: `While a text field has focus, letters are text: ${keyLabel('cancel')} leaves it, ${keyLabel('next')} submits it.`, token: 'status.muted' as const },
		{ text: `Press ${keyLabel('help')} or ${keyLabel('cancel')} to close.`, token: 'status.muted' as const },
	];
}

export function HelpOverlay({ height, screens = [] }: { height: number; screens?: readonly ScreenKeys<string>[] }) {
	return (
		<Box flexDirection="column">
			<Text {...strong()}>Keys</Text>
			{/* One line for the title, one for the scroll position. */}
			<ScrollText lines={helpLines(screens)} height={Math.max(3, height - 2)} />
		</Box>
	);
}
