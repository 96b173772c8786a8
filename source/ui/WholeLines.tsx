/**
 * Lines a screen cuts at the terminal's edge, shown whole: wrapped to the terminal's width in
 * a scrolling window under a title, with the keys that go back (`!` opens it; b, Esc or ! close).
 */
import { Box, useStdout } from 'ink';
import { Text } from './Text.js';
import { keyLabel } from './key-bindings.js';
import { ScrollText, type StyledLine } from './ScrollText.js';
import { muted, strong } from './theme.js';
import { wrapLines } from './wrap-lines.js';

export function WholeLines({ title, lines, height, isActive, backTo }: { title: string; lines: readonly StyledLine[]; height: number; isActive: boolean; backTo: string }) {
	const { stdout } = useStdout();
	return (
		<Box flexDirection="column">
			<Text {...strong()}>{title}</Text>
			<ScrollText lines={wrapLines(lines, Math.max(20, (stdout.columns || 80) - 1))} height={Math.max(3, height - 2)} isActive={isActive} />
			<Text {...muted()}>
				{keyLabel('back')}, {keyLabel('cancel')} or {keyLabel('notes')} back to {backTo} · ↑↓ scroll
			</Text>
		</Box>
	);
}

/** Whether a key closes the whole-lines view. */
export const closesWholeLines = (command: string | undefined) => command === 'back' || command === 'cancel' || command === 'notes';
