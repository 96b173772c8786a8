import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmPrompt, type ConfirmResult } from '../../source/ui/ConfirmPrompt.js';
import { keyPriority } from '../../source/ui/KeyDispatcher.js';
import { useKeyLayer } from '../../source/ui/use-key-layer.js';
import { BACKSPACE, ENTER, ESC, KeyDispatcher, cleanupInk, renderInk } from '../helpers/render-ink.js';

afterEach(cleanupInk);

/** Stands in for the shell: quits on the quit command, as the App does. */
function ShellKeys({ onQuit }: { onQuit: () => void }) {
	useKeyLayer(
		({ command }) => {
			if (command !== 'quit') return false;
			onQuit();
			return true;
		},
		{ priority: keyPriority.shell },
	);
	return null;
}

function setup(props: Partial<Parameters<typeof ConfirmPrompt>[0]> = {}) {
	const submitted: ConfirmResult[] = [];
	const events: string[] = [];
	const ui = renderInk(
		<KeyDispatcher>
			<ShellKeys onQuit={() => events.push('quit')} />
			<ConfirmPrompt
				accountId="123456789012"
				actionCount={3}
				level="yes-no"
				onSubmit={(result) => submitted.push(result)}
				onCancel={() => events.push('cancel')}
				{...props}
			/>
		</KeyDispatcher>,
	);
	return { ui, submitted, events };
}

describe('ConfirmPrompt', () => {
	it('asks for a reason first, and letters typed there are text, not commands', async () => {
		const { ui, submitted, events } = setup();
		await ui.waitForText('Reason or ticket ID (written to the change log):');
		ui.type('q');
		ui.type('p b');
		await ui.waitForText('Reason or ticket ID (written to the change log): qp b');
		expect(events).toEqual([]);
		expect(submitted).toEqual([]);
	});

	it('takes a pasted reason that ends in a line break as submitted', async () => {
		const { ui } = setup({ level: 'typed-account-id' });
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-42 stale keys\r');
		await ui.waitForText('Type the account ID 123456789012');
		expect(ui.lastFrame()).toContain('Reason or ticket ID (written to the change log): SEC-42 stale keys\n');
	});

	it('requires a reason', async () => {
		const { ui, submitted } = setup();
		await ui.waitForText('Reason or ticket ID');
		ui.press(ENTER);
		await ui.waitForText('A reason or ticket ID is required (Esc cancels).');
		expect(submitted).toEqual([]);
	});

	it('applies an ordinary batch on y, with the reason', async () => {
		const { ui, submitted } = setup({ irreversibleCount: 1 });
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-12 stale keys');
		ui.press(ENTER);
		const frame = await ui.waitForText('Apply 3 changes to account 123456789012? [y/N]');
		expect(frame).toContain('1 of these changes cannot be undone.');
		expect(frame).toContain('y applies; n, Enter or Esc cancels: nothing is applied.');
		ui.type('y');
		await expectSoon(() => expect(submitted).toEqual([{ reason: 'SEC-12 stale keys' }]));
	});

	it('says what y does for a rollback: it rolls back, it does not apply', async () => {
		const { ui, submitted } = setup({ verb: 'roll back' });
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-12 undo');
		ui.press(ENTER);
		const frame = await ui.waitForText('Roll back 3 changes to account 123456789012? [y/N]');
		expect(frame).toContain('y rolls back; n, Enter or Esc cancels: nothing is rolled back.');
		expect(frame).not.toContain('applies');
		ui.type('y');
		await expectSoon(() => expect(submitted).toEqual([{ reason: 'SEC-12 undo' }]));
	});

	it('keeps the reason prompt and its example on one line at 80 columns', async () => {
		const submitted: ConfirmResult[] = [];
		const ui = renderInk(
			<KeyDispatcher>
				<ConfirmPrompt accountId="123456789012" actionCount={3} level="yes-no" onSubmit={(r) => submitted.push(r)} onCancel={() => undefined} />
			</KeyDispatcher>,
			{ columns: 80, rows: 24 },
		);
		const frame = await ui.waitForText('Reason or ticket ID');
		const line = frame.split('\n').find((l) => l.startsWith('Reason or ticket ID'))!;
		expect(line).toMatch(/e\.g\. SEC-1234 [a-z ]+$/);
		expect(frame.split('\n')[1]).toBe('Esc cancels: nothing is applied.');
	});

	it('cancels on n, on Enter (the default is No) and on Esc', async () => {
		for (const key of ['n', ENTER, ESC]) {
			const { ui, submitted, events } = setup();
			await ui.waitForText('Reason or ticket ID');
			ui.type('INC-7');
			ui.press(ENTER);
			await ui.waitForText('[y/N]');
			ui.press(key);
			await expectSoon(() => expect(events).toEqual(['cancel']));
			expect(submitted).toEqual([]);
			cleanupInk();
		}
	});

	it('Esc leaves the reason field and cancels the prompt', async () => {
		const { ui, events } = setup();
		await ui.waitForText('Reason or ticket ID');
		ui.press(ESC);
		await expectSoon(() => expect(events).toEqual(['cancel']));
	});

	it('asks for the account ID to be typed for a high-blast-radius batch', async () => {
		const { ui, submitted } = setup({ level: 'typed-account-id', actionCount: 12, typedReasons: ['Deactivates or deletes access keys of 12 users'] });
		await ui.waitForText('Reason or ticket ID');
		ui.type('CHG-99');
		ui.press(ENTER);
		const frame = await ui.waitForText('Type the account ID 123456789012 to apply 12 changes:');
		expect(frame).toContain('Deactivates or deletes access keys of 12 users.\nType the account ID');
		ui.type('y');
		await ui.waitForText('to apply 12 changes: y');
		expect(submitted).toEqual([]);
		ui.press(BACKSPACE);
		ui.type('123456789999');
		ui.press(ENTER);
		await ui.waitForText('That is not 123456789012. Type it exactly, or press Esc to cancel.');
		expect(submitted).toEqual([]);
		for (let i = 0; i < 4; i += 1) ui.press(BACKSPACE);
		ui.type('9012');
		await ui.waitForText('to apply 12 changes: 123456789012');
		ui.press(ENTER);
		await expectSoon(() => expect(submitted).toEqual([{ reason: 'CHG-99', typedAccountId: '123456789012' }]));
	});

	it('confirms each lock-out risk separately before the batch', async () => {
		const { ui, submitted, events } = setup({ lockoutRisks: ['Deactivates the key you are signed in with.'] });
		await ui.waitForText('Reason or ticket ID');
		ui.type('INC-1');
		ui.press(ENTER);
		const frame = await ui.waitForText('Lock-out risk: Deactivates the key you are signed in with.');
		expect(frame).toContain('Go on despite this risk? [y/N]');
		expect(frame).not.toContain('Apply 3 changes');
		ui.type('y');
		await ui.waitForText('Apply 3 changes to account 123456789012? [y/N]');
		expect(submitted).toEqual([]);
		ui.type('n');
		await expectSoon(() => expect(events).toEqual(['cancel']));
		expect(submitted).toEqual([]);
	});
});

async function expectSoon(assertion: () => void, timeoutMs = 2000): Promise<void> {
	const started = Date.now();
	for (;;) {
		try {
			assertion();
			return;
		} catch (error) {
			if (Date.now() - started > timeoutMs) throw error;
			await new Promise((resolve) => setImmediate(resolve));
		}
	}
}
