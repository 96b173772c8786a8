import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../source/app.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import { ARROW_DOWN, ARROW_RIGHT, CTRL_C, ENTER, ESC, SPACE, cleanupInk, renderInk } from '../helpers/render-ink.js';
import { accountId, createFakeGateway, planContext, testSteps } from './fake-account.js';

afterEach(cleanupInk);

const noWait = { attempts: 2, delayMs: 0, sleep: async () => undefined };

function renderApp(options: { excluded?: { arn: string; reason: string }[]; initialStep?: number; rows?: number } = {}) {
	const gateway = createFakeGateway();
	const audit = new MemoryAuditSink();
	let exited = 0;
	const ui = renderInk(
		<App
			gateway={gateway}
			audit={audit}
			planContext={planContext(options.excluded)}
			steps={testSteps}
			onExit={() => {
				exited += 1;
			}}
			now={() => new Date('2026-11-27T12:00:00Z')}
			verify={noWait}
			initialStep={options.initialStep}
		/>,
		{ columns: 120, rows: options.rows ?? 40 },
	);
	return { ui, gateway, audit, exited: () => exited };
}

describe('App shell', () => {
	it('shows the account, the caller, the mode and all six steps', async () => {
		const { ui } = renderApp();
		const frame = await ui.waitForText('Findings (0)');
		const lines = frame.split('\n');
		expect(lines[0]).toBe(`iam-wizard · account ${accountId} · arn:aws:iam::${accountId}:user/admin`);
		expect(lines[1]).toBe('DEMO sandbox account, nothing leaves this machine · demo: fake account');
		expect(lines.slice(2, 8)).toEqual([
			'› 1 Inventory               0 findings · 0 selected · 0 applied',
			'  2 Access Analyzer         not opened yet',
			'  3 Scope policies          not opened yet',
			'  4 Permission boundaries   not opened yet',
			'  5 MFA and credentials     not opened yet',
			'  6 Monitoring              not opened yet',
		]);
		expect(frame).toContain("This step's checks are not built yet: nothing is proposed.");
		expect(frame).toContain('Nothing is proposed.');
	});

	it('moves between steps with the arrows and the number keys', async () => {
		const { ui } = renderApp();
		await ui.waitForText('Step 1 · Inventory');
		ui.press(ARROW_RIGHT);
		await ui.waitForText('Step 2 · Access Analyzer');
		ui.press('6');
		await ui.waitForText('Step 6 · Monitoring');
		ui.press('5');
		const frame = await ui.waitForText('Proposed actions: 3 of 3 selected');
		expect(frame).toContain('› 5 MFA and credentials     3 findings · 3 selected · 0 applied');
		expect(frame).toContain('  1 Inventory               0 findings · 0 selected · 0 applied');
	});

	it('shows the help from the bindings table, and closes it with Esc', async () => {
		const { ui } = renderApp();
		await ui.waitForText('Step 1 · Inventory');
		ui.press('?');
		const frame = await ui.waitForText('Keys');
		expect(frame).toContain('q       Quit (asks first while changes are being applied)');
		ui.press(ESC);
		await ui.waitForFrame((f) => f.includes('Step 1 · Inventory') && !f.includes('Quit (asks first'));
	});

	it('quits at once when nothing is being applied', async () => {
		const { ui, exited } = renderApp();
		await ui.waitForText('Step 1 · Inventory');
		ui.press('q');
		await expectSoon(() => expect(exited()).toBe(1));
	});

	it('says so instead of drawing a broken layout in a small terminal', async () => {
		const { ui } = renderApp({ rows: 20 });
		const frame = await ui.waitForText('needs at least 80×24');
		expect(frame).toBe('The terminal is 120×20; iam-wizard needs at least 80×24. Make the window larger.\nPress q to quit.');
	});
});

describe('a step screen on the fake account', () => {
	it('lists the findings, the actions and the excluded break-glass user with its reason', async () => {
		const { ui } = renderApp({ initialStep: 5, excluded: [{ arn: `arn:aws:iam::${accountId}:user/carol`, reason: 'break-glass account, sealed envelope' }] });
		const frame = await ui.waitForText('Proposed actions: 2 of 2 selected');
		expect(frame).toContain('  MEDIUM   Access key not rotated: user/alice Access key AKIAALICE00000000000 of alice is 1061 days old');
		expect(frame).toContain('› [x] Deactivate access key AKIAALICE00000000000 of alice (not rotated)');
		expect(frame).toContain('  [x] Deactivate access key AKIABOB0000000000000 of bob (not rotated)');
		expect(frame).toContain('Excluded user/carol: break-glass account, sealed envelope');
	});

	it('selects with space, previews only the selected action with its exact call', async () => {
		const { ui } = renderApp({ initialStep: 5 });
		await ui.waitForText('3 of 3 selected');
		ui.press(SPACE);
		await ui.waitForText('2 of 3 selected');
		ui.press('p');
		const frame = await ui.waitForText('Preview: 2 changes to account 123456789012. Nothing has been changed yet.');
		expect(frame).toContain('1. Deactivate access key AKIABOB0000000000000 of bob (not rotated)');
		expect(frame).toContain('   calls iam:UpdateAccessKey UserName=bob AccessKeyId=AKIABOB0000000000000 Status=Inactive');
		expect(frame).toContain('   Access key AKIABOB0000000000000 status: Active → Inactive');
		expect(frame).toContain('2. Deactivate access key AKIACAROL00000000000 of carol (not rotated)');
		expect(frame).not.toContain('of alice');
	});

	it('declining at the confirmation applies nothing', async () => {
		const { ui, gateway, audit, exited } = renderApp({ initialStep: 5 });
		await ui.waitForText('3 of 3 selected');
		ui.press('p');
		await ui.waitForText('Preview: 3 changes');
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		// Letters in the reason field are text: q does not quit, 6 does not switch steps.
		for (const letter of 'SEC-1 q6?') ui.type(letter);
		await ui.waitForText('Reason or ticket ID (written to the change log): SEC-1 q6?');
		expect(exited()).toBe(0);
		expect(ui.lastFrame()).toContain('› 5 MFA and credentials');
		ui.press(ENTER);
		await ui.waitForText('Apply 3 changes to account 123456789012? [y/N]');
		ui.type('n');
		await ui.waitForText('Cancelled: nothing was applied.');
		expect(gateway.applied).toEqual([]);
		expect(audit.entries).toEqual([]);
		expect([...gateway.keys.values()].map((k) => k.status)).toEqual(['Active', 'Active', 'Active']);
	});

	it('accepting applies exactly the previewed actions, logs each, and verifies the findings are gone', async () => {
		const { ui, gateway, audit } = renderApp({ initialStep: 5 });
		await ui.waitForText('3 of 3 selected');
		ui.press(ARROW_DOWN, SPACE);
		await ui.waitForText('2 of 3 selected');
		ui.press(ENTER);
		await ui.waitForText('Preview: 2 changes');
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-42 rotate stale keys');
		ui.press(ENTER);
		await ui.waitForText('[y/N]');
		ui.type('y');
		const frame = await ui.waitForText('Done: 2 changes applied to account 123456789012 and recorded in the change log.');
		expect(gateway.applied).toEqual([
			{ kind: 'iam:UpdateAccessKey', params: { UserName: 'alice', AccessKeyId: 'AKIAALICE00000000000', Status: 'Inactive' }, step: 5, findingIds: ['KEY_NOT_ROTATED|arn:aws:iam::123456789012:user/alice|AKIAALICE00000000000'], summary: 'Deactivate access key AKIAALICE00000000000 of alice (not rotated)' },
			{ kind: 'iam:UpdateAccessKey', params: { UserName: 'carol', AccessKeyId: 'AKIACAROL00000000000', Status: 'Inactive' }, step: 5, findingIds: ['KEY_NOT_ROTATED|arn:aws:iam::123456789012:user/carol|AKIACAROL00000000000'], summary: 'Deactivate access key AKIACAROL00000000000 of carol (not rotated)' },
		]);
		// While the wizard runs nothing is printed above its header: the header stays on the first row.
		expect(frame.split('\n')[0]).toMatch(/^iam-wizard · account /);
		expect(frame).not.toContain('✓ step 5');
		expect(frame).toContain('Gone (2): re-read and confirmed fixed');
		expect(frame).toContain('  Access key not rotated: user/alice');
		expect(frame).toContain('  Access key not rotated: user/carol');
		expect(frame).toContain("Remaining of this batch's findings (0)");
		expect(audit.entries.filter((e) => e.type === 'intent').map((e) => (e as { reason: string }).reason)).toEqual(['SEC-42 rotate stale keys', 'SEC-42 rotate stale keys']);
		expect(frame).toContain('› 5 MFA and credentials     3 findings · 2 selected · 2 applied');
		// On quitting, each applied change is printed above the last frame, for the terminal's scrollback.
		ui.press('q');
		const last = await ui.waitForText('✓ step 5 2/2');
		expect(last.split('\n').slice(0, 3)).toEqual([
			expect.stringContaining('✓ step 5 1/2 Deactivate access key AKIAALICE00000000000 of alice (not rotated)'),
			expect.stringContaining('✓ step 5 2/2 Deactivate access key AKIACAROL00000000000 of carol (not rotated)'),
			expect.stringMatching(/^iam-wizard · account /),
		]);
	});

	it('after a failure offers rollback, previews it, and restores exactly the applied keys', async () => {
		const { ui, gateway } = renderApp({ initialStep: 5 });
		gateway.failWhen = (action) => (action.params as { UserName: string }).UserName === 'carol';
		await ui.waitForText('3 of 3 selected');
		ui.press(ENTER);
		await ui.waitForText('Preview: 3 changes');
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('INC-9');
		ui.press(ENTER);
		await ui.waitForText('[y/N]');
		ui.type('y');
		let frame = await ui.waitForText('Failed: AWS refused the change (LimitExceeded). (LimitExceeded)');
		expect(frame).toContain('At change 3: Deactivate access key AKIACAROL00000000000 of carol (not rotated)');
		expect(frame).toContain('Applied before it stopped (2)');
		expect(frame).toContain('u roll back the 2 applied changes (previewed and confirmed first)');
		ui.press('u');
		frame = await ui.waitForText('Roll back: 2 changes that undo what was applied, last first.');
		expect(frame).toContain('1. Re-activate access key AKIABOB0000000000000 of user bob');
		expect(frame).toContain('   calls iam:UpdateAccessKey UserName=bob AccessKeyId=AKIABOB0000000000000 Status=Active');
		expect(frame).toContain('2. Re-activate access key AKIAALICE00000000000 of user alice');
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('INC-9 undo');
		ui.press(ENTER);
		await ui.waitForText('Roll back 2 changes to account 123456789012? [y/N]');
		ui.type('y');
		frame = await ui.waitForText('Rolled back: 2 changes undone and recorded in the change log.');
		expect(frame).toContain('2 of 2 confirmed by re-reading.');
		expect(gateway.applied.slice(3).map((a) => a.params)).toEqual([
			{ UserName: 'bob', AccessKeyId: 'AKIABOB0000000000000', Status: 'Active' },
			{ UserName: 'alice', AccessKeyId: 'AKIAALICE00000000000', Status: 'Active' },
		]);
		expect([...gateway.keys.values()].map((k) => k.status)).toEqual(['Active', 'Active', 'Active']);
		// Quitting prints what happened, in order, above the last frame.
		ui.press('q');
		frame = await ui.waitForText('✓ step 5 rollback 2/2');
		expect(frame.split('\n').slice(0, 5)).toEqual([
			expect.stringContaining('✓ step 5 1/3 Deactivate access key AKIAALICE00000000000'),
			expect.stringContaining('✓ step 5 2/3 Deactivate access key AKIABOB0000000000000'),
			expect.stringContaining('✗ step 5 3/3 Deactivate access key AKIACAROL00000000000 of carol (not rotated): AWS refused the change (LimitExceeded).'),
			expect.stringContaining('✓ step 5 rollback 1/2 Re-activate access key AKIABOB0000000000000'),
			expect.stringContaining('✓ step 5 rollback 2/2 Re-activate access key AKIAALICE00000000000'),
		]);
	});

	it('asks before quitting while a batch is being applied', async () => {
		const { ui, gateway, exited } = renderApp({ initialStep: 5 });
		let release: () => void = () => undefined;
		const held = new Promise<void>((resolve) => {
			release = resolve;
		});
		const apply = gateway.apply;
		gateway.apply = async (action) => {
			await held;
			return apply(action);
		};
		await ui.waitForText('3 of 3 selected');
		ui.press(ENTER);
		await ui.waitForText('Preview');
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('CHG-1');
		ui.press(ENTER);
		await ui.waitForText('[y/N]');
		ui.type('y');
		await ui.waitForText('Applying 1 of 3');
		ui.press('q');
		await ui.waitForText('Changes are being applied. Quit anyway?');
		expect(exited()).toBe(0);
		ui.type('y');
		await ui.waitForText('Stopping after the current change…');
		release();
		await expectSoon(() => expect(exited()).toBe(1));
		expect(gateway.applied.length).toBe(1);
	});

	it('Ctrl+C while a batch is being applied (even with the quit question open) stops after the current change, then exits', async () => {
		const { ui, gateway, exited } = renderApp({ initialStep: 5 });
		let release: () => void = () => undefined;
		const held = new Promise<void>((resolve) => {
			release = resolve;
		});
		const apply = gateway.apply;
		gateway.apply = async (action) => {
			await held;
			return apply(action);
		};
		await ui.waitForText('3 of 3 selected');
		ui.press(ENTER);
		await ui.waitForText('Preview');
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('CHG-2');
		ui.press(ENTER);
		await ui.waitForText('[y/N]');
		ui.type('y');
		await ui.waitForText('Applying 1 of 3');
		ui.press('q');
		await ui.waitForText('Changes are being applied. Quit anyway?');
		ui.press(CTRL_C);
		await ui.waitForText('Stopping after the current change…');
		expect(exited()).toBe(0);
		release();
		await expectSoon(() => expect(exited()).toBe(1));
		expect(gateway.applied.length).toBe(1);
	});
});

async function expectSoon(assertion: () => void, timeoutMs = 3000): Promise<void> {
	const started = Date.now();
	for (;;) {
		try {
			assertion();
			return;
		} catch (error) {
			if (Date.now() - started > timeoutMs) throw error;
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
	}
}
