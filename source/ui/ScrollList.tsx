/**
 * A list of any length seen through a window: only the visible rows are rendered, so a
 * keypress costs O(window) whatever the length. Moves the cursor with the list keys and
 * reports space on a row through `onToggle` and Enter through `onOpen`; selection itself
 * belongs to the caller.
 */
import { useLayoutEffect, useReducer, useRef, type ReactNode } from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import type { Command } from './key-bindings.js';
import { keyPriority } from './KeyDispatcher.js';
import { createScrollWindow, moveScrollWindow, resizeScrollWindow, visibleRange, type ScrollMove, type ScrollWindow } from './scroll-window.js';
import { muted, tone } from './theme.js';
import { useKeyLayer } from './use-key-layer.js';

export interface RowState {
	isCursor: boolean;
	isSelected: boolean;
}

export interface ScrollListProps<T> {
	items: readonly T[];
	/** Rows in the window; one more line ("rows 1–8 of 10,000") shows when the list is longer. */
	height: number;
	/** One line of content for a row (it is truncated to the width, never wrapped). */
	renderRow: (item: T, index: number, state: RowState) => ReactNode;
	/** When given, rows carry [x] / [ ] marks. */
	isSelected?: (item: T, index: number) => boolean;
	onToggle?: (item: T, index: number) => void;
	onCursorChange?: (item: T | undefined, index: number) => void;
	/** Enter on a row: called with the row under the cursor as the list knows it now (a key read before the next render included). */
	onOpen?: (item: T, index: number) => void;
	isActive?: boolean;
	emptyText?: string;
}

const moves: Partial<Record<Command, ScrollMove>> = { up: 'up', down: 'down', pageUp: 'pageUp', pageDown: 'pageDown', home: 'home', end: 'end' };

const count = (n: number) => n.toLocaleString('en-US');

export function ScrollList<T>({ items, height, renderRow, isSelected, onToggle, onCursorChange, onOpen, isActive = true, emptyText = '(none)' }: ScrollListProps<T>) {
	// The window lives in a ref so that a key read before the next render (down, then space)
	// acts on where the cursor is, not where it was last drawn.
	const windowRef = useRef<ScrollWindow | undefined>(undefined);
	const [, redraw] = useReducer((n: number) => n + 1, 0);
	windowRef.current = resizeScrollWindow(windowRef.current ?? createScrollWindow(items.length, height), items.length, height);
	const view = windowRef.current;

	useKeyLayer(
		({ command }) => {
			const move = command && moves[command];
			const current = resizeScrollWindow(windowRef.current ?? view, items.length, height);
			if (move) {
				windowRef.current = moveScrollWindow(current, move);
				redraw();
				return true;
			}
			if (command === 'toggle' && onToggle && items.length > 0) {
				onToggle(items[current.cursor] as T, current.cursor);
				return true;
			}
			if (command === 'next' && onOpen && items.length > 0) {
				onOpen(items[current.cursor] as T, current.cursor);
				return true;
			}
			return false;
		},
		{ isActive, priority: keyPriority.pane },
	);

	// Layout effect: the row under the cursor is known to the screen as soon as the list is drawn, so a key pressed at once (Enter) acts on it.
	useLayoutEffect(() => {
		onCursorChange?.(items[view.cursor], view.cursor);
	}, [view.cursor, items, onCursorChange]);

	if (items.length === 0) return <Text {...muted()}>{emptyText}</Text>;
	const { start, end } = visibleRange(view);
	const rows: ReactNode[] = [];
	for (let index = start; index < end; index += 1) {
		const item = items[index] as T;
		const isCursor = isActive && index === view.cursor;
		const selected = isSelected?.(item, index) ?? false;
		rows.push(
			<Text key={index} wrap="truncate-end">
				<Text {...(isCursor ? tone('focus.cursor', { bold: true }) : {})}>{isCursor ? '› ' : '  '}</Text>
				{isSelected ? <Text {...(selected ? tone('focus.selected') : {})}>{selected ? '[x] ' : '[ ] '}</Text> : null}
				{renderRow(item, index, { isCursor, isSelected: selected })}
			</Text>,
		);
	}
	return (
		<Box flexDirection="column">
			{rows}
			{items.length > view.height ? (
				<Text {...muted()}>
					rows {count(start + 1)}–{count(end)} of {count(items.length)}
				</Text>
			) : null}
		</Box>
	);
}
