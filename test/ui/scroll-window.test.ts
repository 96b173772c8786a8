import { describe, expect, it } from 'vitest';
import { createScrollWindow, moveScrollWindow, resizeScrollWindow, scrollView, visibleRange } from '../../source/ui/scroll-window.js';

describe('scroll window', () => {
	it('keeps the cursor inside the window as it moves', () => {
		let state = createScrollWindow(100, 10);
		for (let i = 0; i < 12; i += 1) state = moveScrollWindow(state, 'down');
		expect(state.cursor).toBe(12);
		expect(visibleRange(state)).toEqual({ start: 3, end: 13 });
		state = moveScrollWindow(state, 'home');
		expect(visibleRange(state)).toEqual({ start: 0, end: 10 });
		state = moveScrollWindow(state, 'end');
		expect(state.cursor).toBe(99);
		expect(visibleRange(state)).toEqual({ start: 90, end: 100 });
		state = moveScrollWindow(state, 'pageUp');
		expect(state.cursor).toBe(90);
	});

	it('stops at both ends', () => {
		let state = moveScrollWindow(createScrollWindow(3, 10), 'up');
		expect(state.cursor).toBe(0);
		state = moveScrollWindow(moveScrollWindow(moveScrollWindow(moveScrollWindow(state, 'down'), 'down'), 'down'), 'pageDown');
		expect(state.cursor).toBe(2);
		expect(visibleRange(state)).toEqual({ start: 0, end: 3 });
	});

	it('handles an empty list and a shrinking list', () => {
		expect(visibleRange(createScrollWindow(0, 5))).toEqual({ start: 0, end: 0 });
		const state = resizeScrollWindow(moveScrollWindow(createScrollWindow(50, 5), 'end'), 10, 5);
		expect(state.cursor).toBe(9);
		expect(visibleRange(state)).toEqual({ start: 5, end: 10 });
	});

	it('scrolls a view of text by whole pages', () => {
		let state = scrollView(createScrollWindow(30, 10), 'pageDown');
		expect(visibleRange(state)).toEqual({ start: 9, end: 19 });
		state = scrollView(state, 'end');
		expect(visibleRange(state)).toEqual({ start: 20, end: 30 });
		state = scrollView(state, 'down');
		expect(visibleRange(state)).toEqual({ start: 20, end: 30 });
	});
});
