/** Renders its children only in a terminal of at least 80×24; otherwise says how big it must be. */
import type { ReactNode } from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import { keyLabel } from './key-bindings.js';
import { smallTerminalMessage } from './terminal-guard.js';
import { tone } from './theme.js';
import { useTerminalSize, type TerminalSize } from './use-terminal-size.js';

export function TerminalSizeGuard({ children }: { children: (size: TerminalSize) => ReactNode }) {
	const size = useTerminalSize();
	const message = smallTerminalMessage(size.columns, size.rows);
	if (message) {
		return (
			<Box flexDirection="column">
				<Text {...tone('status.warning')}>{message}</Text>
				<Text>Press {keyLabel('quit')} to quit.</Text>
			</Box>
		);
	}
	return <>{children(size)}</>;
}
