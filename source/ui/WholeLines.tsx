/**
 * Lines a screen cuts at the terminal's edge, shown whole: wrapped to the terminal's width in
 * a scrolling window under a title, with the keys that go back (`!` opens it; b, Esc or ! close).
 */
import { useState } from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import { keyLabel } from './key-bindings.js';
import { ScrollText, type StyledLine } from './ScrollText.js';
import { muted, strong } from './theme.js';
import { useKeyLayer } from './use-key-layer.js';
import { useTerminalSize } from './use-terminal-size.js';
import { wrapLines } from './wrap-lines.js';

export function WholeLines({ title, lines, height, isActive, backTo }: { title: string; lines: readonly StyledLine[]; height: number; isActive: boolean; backTo: string }) {
	// The size hook, not stdout read at draw time: a resize re-wraps the lines at once.
	const { columns } = useTerminalSize();
	return (
		<Box flexDirection="column">
			<Text {...strong()}>{title}</Text>
			{/* The title, the lines, their "lines x–y of n" line and the keys back fill `height`. */}
			<ScrollText lines={wrapLines(lines, Math.max(20, columns - 1))} height={Math.max(3, height - 3)} isActive={isActive} />
			<Text {...muted()}>
				{keyLabel('back')}, {keyLabel('cancel')} or {keyLabel('notes')} back to {backTo} · ↑↓ scroll
			</Text>
		</Box>
	);
}

/** Whether a key closes the whole-lines view. */
const closesWholeLines = (command: string | undefined) => command === 'back' || command === 'cancel' || command === 'notes';

/**
 * Whether a screen shows its whole lines: ! opens them (when there are any), b, Esc or ! close
 * them. Its layer sits just above the screen's own (`priority`), which the screen turns off
 * while they are open, so every other key goes on to the layers below as before.
 */
export function useWholeLines({ isActive, available = true, priority }: { isActive: boolean; available?: boolean; priority: number }): boolean {
	const [whole, setWhole] = useState(false);
	useKeyLayer(
		({ command }) => {
			if (whole) {
				if (!closesWholeLines(command)) return false;
				setWhole(false);
				return true;
			}
			if (command !== 'notes' || !available) return false;
			setWhole(true);
			return true;
		},
		{ isActive, priority: priority + 1 },
	);
	return whole;
}
