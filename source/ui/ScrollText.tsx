/** Lines of text (a preview, a diff) in a window that scrolls with the list keys. */
import { useReducer } from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import type { Command } from './key-bindings.js';
import { keyPriority } from './KeyDispatcher.js';
import { createScrollWindow, resizeScrollWindow, scrollView, visibleRange, type ScrollMove, type ScrollWindow } from './scroll-window.js';
import { muted, strong, tone, type ColourToken } from './theme.js';
import { useKeyLayer } from './use-key-layer.js';

export interface StyledLine {
	text: string;
	token?: ColourToken;
	bold?: boolean;
}

const moves: Partial<Record<Command, ScrollMove>> = { up: 'up', down: 'down', pageUp: 'pageUp', pageDown: 'pageDown', home: 'home', end: 'end' };

function reduce(state: ScrollWindow, action: { move: ScrollMove; count: number; height: number }): ScrollWindow {
	return scrollView(resizeScrollWindow(state, action.count, action.height), action.move);
}

export function ScrollText({ lines, height, isActive = true }: { lines: readonly StyledLine[]; height: number; isActive?: boolean }) {
	const [stored, dispatch] = useReducer(reduce, undefined, () => createScrollWindow(lines.length, height));
	const view = resizeScrollWindow(stored, lines.length, height);
	const { start, end } = visibleRange({ ...view, offset: Math.min(view.offset, Math.max(0, lines.length - view.height)) });

	useKeyLayer(
		({ command }) => {
			const move = command && moves[command];
			if (!move || lines.length <= height) return false;
			dispatch({ move, count: lines.length, height });
			return true;
		},
		{ isActive, priority: keyPriority.pane },
	);

	return (
		<Box flexDirection="column">
			{lines.slice(start, end).map((line, i) => (
				<Text key={start + i} wrap="truncate-end" {...(line.token ? tone(line.token, { bold: line.bold }) : line.bold ? strong() : {})}>
					{line.text === '' ? ' ' : line.text}
				</Text>
			))}
			{lines.length > height ? (
				<Text {...muted()}>
					lines {start + 1}–{end} of {lines.length} (↑↓ PgUp PgDn to scroll)
				</Text>
			) : null}
		</Box>
	);
}
