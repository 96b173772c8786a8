/**
 * A cursor over a list of `count` rows seen through a window of `height` rows. Pure and
 * O(1) per move, so a keypress costs the same on 10 rows as on 10,000: only the rows in
 * the window are ever rendered.
 */
export interface ScrollWindow {
	count: number;
	height: number;
	cursor: number;
	/** Index of the first visible row. */
	offset: number;
}

export type ScrollMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end';

export function createScrollWindow(count: number, height: number, cursor = 0): ScrollWindow {
	return settle({ count, height: Math.max(1, height), cursor, offset: 0 });
}

export function moveScrollWindow(state: ScrollWindow, move: ScrollMove): ScrollWindow {
	const page = Math.max(1, state.height - 1);
	switch (move) {
		case 'up':
			return settle({ ...state, cursor: state.cursor - 1 });
		case 'down':
			return settle({ ...state, cursor: state.cursor + 1 });
		case 'pageUp':
			return settle({ ...state, cursor: state.cursor - page, offset: state.offset - page });
		case 'pageDown':
			return settle({ ...state, cursor: state.cursor + page, offset: state.offset + page });
		case 'home':
			return settle({ ...state, cursor: 0, offset: 0 });
		case 'end':
			return settle({ ...state, cursor: state.count - 1, offset: state.count - state.height });
	}
}

/** Moves the view, not a cursor (for text: a preview, a diff); the cursor follows the top row. */
export function scrollView(state: ScrollWindow, move: ScrollMove): ScrollWindow {
	const page = Math.max(1, state.height - 1);
	const maxOffset = Math.max(0, state.count - state.height);
	const offsets: Record<ScrollMove, number> = {
		up: state.offset - 1,
		down: state.offset + 1,
		pageUp: state.offset - page,
		pageDown: state.offset + page,
		home: 0,
		end: maxOffset,
	};
	const offset = clamp(offsets[move], 0, maxOffset);
	return { ...state, offset, cursor: offset };
}

/** The list or the window changed size: keep the cursor on a row and in view. */
export function resizeScrollWindow(state: ScrollWindow, count: number, height: number): ScrollWindow {
	if (state.count === count && state.height === height) return state;
	return settle({ ...state, count, height: Math.max(1, height) });
}

/** [start, end) of the rows to render. */
export function visibleRange(state: ScrollWindow): { start: number; end: number } {
	return { start: state.offset, end: Math.min(state.count, state.offset + state.height) };
}

function settle(state: ScrollWindow): ScrollWindow {
	const { count, height } = state;
	if (count === 0) return { ...state, cursor: 0, offset: 0 };
	const cursor = clamp(state.cursor, 0, count - 1);
	let offset = clamp(state.offset, 0, Math.max(0, count - height));
	if (cursor < offset) offset = cursor;
	if (cursor >= offset + height) offset = cursor - height + 1;
	return { ...state, cursor, offset };
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}
