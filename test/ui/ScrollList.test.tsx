import { afterEach, describe, expect, it } from 'vitest';
import { Text } from 'ink';
import { useState } from 'react';
import { ScrollList } from '../../source/ui/ScrollList.js';
import { ARROW_DOWN, ARROW_UP, END, ENTER, HOME, KeyDispatcher, PAGE_DOWN, SPACE, cleanupInk, renderInk } from '../helpers/render-ink.js';

afterEach(cleanupInk);

const rows = Array.from({ length: 10_000 }, (_, i) => `row ${i + 1}`);

function SelectableList({ onToggled }: { onToggled?: (row: string) => void }) {
	const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
	return (
		<KeyDispatcher>
			<ScrollList
				items={rows}
				height={8}
				renderRow={(row) => row}
				isSelected={(_, i) => selected.has(i)}
				onToggle={(row, i) => {
					onToggled?.(row);
					setSelected((s) => {
						const next = new Set(s);
						if (next.has(i)) next.delete(i);
						else next.add(i);
						return next;
					});
				}}
			/>
		</KeyDispatcher>
	);
}

function lineOf(frame: string, text: string): string | undefined {
	return frame.split('\n').find((line) => line.trimEnd().endsWith(text));
}

describe('ScrollList', () => {
	it('renders only the window of a 10,000-row list', async () => {
		const ui = renderInk(<SelectableList />);
		const frame = await ui.waitForText('rows 1–8 of 10,000');
		expect(frame.split('\n')).toEqual([
			'› [ ] row 1',
			'  [ ] row 2',
			'  [ ] row 3',
			'  [ ] row 4',
			'  [ ] row 5',
			'  [ ] row 6',
			'  [ ] row 7',
			'  [ ] row 8',
			'rows 1–8 of 10,000',
		]);
	});

	it('moves the cursor and scrolls the window with the keys', async () => {
		const ui = renderInk(<SelectableList />);
		await ui.waitForText('rows 1–8');
		for (let i = 0; i < 9; i += 1) ui.press(ARROW_DOWN);
		let frame = await ui.waitForText('rows 3–10 of 10,000');
		expect(lineOf(frame, 'row 10')).toBe('› [ ] row 10');
		expect(frame).not.toContain('row 2\n');
		ui.press(END);
		frame = await ui.waitForText('rows 9,993–10,000 of 10,000');
		expect(lineOf(frame, 'row 10000')).toBe('› [ ] row 10000');
		ui.press(ARROW_UP);
		frame = await ui.waitForFrame((f) => lineOf(f, 'row 9999') === '› [ ] row 9999');
		ui.press(HOME);
		frame = await ui.waitForText('rows 1–8');
		expect(lineOf(frame, 'row 1')).toBe('› [ ] row 1');
		ui.press(PAGE_DOWN);
		frame = await ui.waitForFrame((f) => lineOf(f, 'row 8') === '› [ ] row 8');
	});

	it('reports space on the row under the cursor and shows the mark', async () => {
		const toggled: string[] = [];
		const ui = renderInk(<SelectableList onToggled={(row) => toggled.push(row)} />);
		await ui.waitForText('rows 1–8');
		ui.press(ARROW_DOWN, ARROW_DOWN);
		await ui.waitForFrame((f) => lineOf(f, 'row 3') === '› [ ] row 3');
		ui.press(SPACE);
		const frame = await ui.waitForFrame((f) => lineOf(f, 'row 3') === '› [x] row 3');
		expect(toggled).toEqual(['row 3']);
		expect(lineOf(frame, 'row 2')).toBe('  [ ] row 2');
	});

	it('opens the row the cursor is on when Enter arrives right behind the moves (a paste, a fast typist)', async () => {
		const opened: string[] = [];
		const ui = renderInk(
			<KeyDispatcher>
				<ScrollList items={rows} height={8} renderRow={(row) => row} onOpen={(row) => opened.push(row)} />
			</KeyDispatcher>,
		);
		await ui.waitForText('rows 1–8');
		ui.press(ARROW_DOWN, ARROW_DOWN, ENTER);
		await ui.waitForFrame((f) => lineOf(f, 'row 3') === '› row 3');
		expect(opened).toEqual(['row 3']);
	});

	it('says when the list is empty', async () => {
		const ui = renderInk(
			<KeyDispatcher>
				<ScrollList items={[]} height={5} renderRow={() => <Text>x</Text>} emptyText="No findings." />
			</KeyDispatcher>,
		);
		expect(await ui.waitForText('No findings.')).toBe('No findings.');
	});
});
