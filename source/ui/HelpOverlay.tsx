/** The keys, straight from the bindings table. */
import { Box, Text } from 'ink';
import { helpRows } from './key-bindings.js';
import { muted, strong } from './theme.js';

export function HelpOverlay() {
	const rows = helpRows();
	const width = Math.max(...rows.map((r) => r.keys.length)) + 2;
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text {...strong()}>Keys</Text>
			{rows.map((row) => (
				<Text key={row.keys} wrap="truncate-end">
					{row.keys.padEnd(width)}
					{row.description}
				</Text>
			))}
			<Text {...muted()}>While a text field has focus, letters are text: Esc leaves it, Enter submits it.</Text>
			<Text {...muted()}>Press ? or Esc to close.</Text>
		</Box>
	);
}
