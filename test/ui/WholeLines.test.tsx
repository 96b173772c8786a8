/** The whole-lines view wraps to the terminal's width as it is now: a resize re-wraps the lines. */
import { afterEach, expect, it } from 'vitest';
import { WholeLines } from '../../source/ui/WholeLines.js';
import { KeyDispatcher, cleanupInk, renderInk } from '../helpers/render-ink.js';

afterEach(cleanupInk);

const line = 'aws sts assume-root --target-principal 123456789012 --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials';

it('wraps the lines to the width, and again after the terminal is resized', async () => {
	const ui = renderInk(
		<KeyDispatcher>
			<WholeLines title="Commands" lines={[{ text: line }]} height={12} isActive backTo="the checklist" />
		</KeyDispatcher>,
		{ columns: 160, rows: 30 },
	);
	await ui.waitForText('Commands');
	expect(ui.lastFrame().split('\n')).toContain(line);
	ui.stdout.resize(60, 30);
	// Not cut at the edge (Ink's … on a line wider than the terminal): wrapped whole.
	const frame = await ui.waitForFrame((f) => !f.split('\n').includes(line) && !f.includes('…'));
	const rows = frame.split('\n').slice(1, -1).filter((r) => r.trim() !== '');
	expect(rows.length).toBeGreaterThan(2);
	expect(rows.every((r) => r.length <= 59)).toBe(true);
	expect(rows.join('').replaceAll(' ', '')).toBe(line.replaceAll(' ', ''));
});
