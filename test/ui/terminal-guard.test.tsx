import { afterEach, describe, expect, it } from 'vitest';
import { Text } from 'ink';
import { checkTerminal, noTerminalMessage } from '../../source/ui/terminal-guard.js';
import { TerminalSizeGuard } from '../../source/ui/TerminalSizeGuard.js';
import { cleanupInk, renderInk } from '../helpers/render-ink.js';

afterEach(cleanupInk);

describe('checkTerminal', () => {
	it('refuses without a terminal, names scan, and exits 2', () => {
		expect(checkTerminal({ isTTY: false }, { isTTY: true })).toEqual({
			ok: false,
			exitCode: 2,
			message: 'iam-wizard needs an interactive terminal. For scripts and CI use `iam-wizard scan` (and `plan` / `apply`).',
		});
		expect(checkTerminal({ isTTY: true }, { isTTY: undefined })).toEqual({ ok: false, exitCode: 2, message: noTerminalMessage });
		expect(checkTerminal({ isTTY: true }, { isTTY: true })).toEqual({ ok: true });
	});
});

describe('TerminalSizeGuard', () => {
	it('shows a message instead of the wizard below 80×24, and the wizard once the window grows', async () => {
		const ui = renderInk(<TerminalSizeGuard>{(size) => <Text>wizard at {size.columns}×{size.rows}</Text>}</TerminalSizeGuard>, { columns: 79, rows: 30 });
		expect(await ui.waitForText('The terminal')).toBe(
			'The terminal is 79×30; iam-wizard needs at least 80×24. Make the window larger.\nPress q to quit.',
		);
		ui.stdout.resize(120, 23);
		await ui.waitForText('The terminal is 120×23;');
		ui.stdout.resize(120, 40);
		expect(await ui.waitForText('wizard at')).toBe('wizard at 120×40');
	});
});
