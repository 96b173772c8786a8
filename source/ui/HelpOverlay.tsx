/** The keys, straight from the bindings table, in a window that scrolls when the terminal is short. */
import { Box, Text } from 'ink';
import { helpRows } from './key-bindings.js';
import { ScrollText, type StyledLine } from './ScrollText.js';
import { strong } from './theme.js';

export function helpLines(): StyledLine[] {
	const rows = helpRows();
	const width = Math.max(...rows.map((r) => r.keys.length)) + 2;
	return [
		...rows.map((row) => ({ text: row.keys.padEnd(width) + row.description })),
		{ text: '' },
		{ text: 'While a text field has focus, letters are text: Esc leaves it, Enter submits it.', token: 'status.muted' as const },
		{ text: 'Press ? or Esc to close.', token: 'status.muted' as const },
	];
}

export function HelpOverlay({ height }: { height: number }) {
	return (
		<Box flexDirection="column">
			<Text {...strong()}>Keys</Text>
			{/* One line for the title, one for the scroll position. */}
			<ScrollText lines={helpLines()} height={Math.max(3, height - 2)} />
		</Box>
	);
}
