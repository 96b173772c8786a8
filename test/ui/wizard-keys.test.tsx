/**
 * The wizard's keys on the sandbox: help lists the open screen's own keys from its table;
 * Ctrl+C always quits (issue 17 item 11): Ink reports it as the input "c" with key.ctrl, and
 * screens used to match "c" without the modifier — step 1 opened the credential report
 * preview and step 2 the analyzer creation. Each case first shows what the plain key does,
 * so a Ctrl+C that did the same would be seen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../source/app.js';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { defaultThresholds } from '../../source/core/settings.js';
import { wizardSteps } from '../../source/steps/registry.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import { CTRL_C, ENTER, cleanupInk, renderInk } from '../helpers/render-ink.js';

afterEach(cleanupInk);

const now = new Date('2026-11-27T12:00:00Z');
const noWait = { attempts: 2, delayMs: 0, sleep: async () => undefined };

function renderWizard(initialStep: number) {
	const gateway = createSandboxGateway({ now: () => now });
	let exited = 0;
	const ui = renderInk(
		<App
			gateway={gateway}
			audit={new MemoryAuditSink()}
			planContext={{ now, thresholds: defaultThresholds, excluded: [] }}
			steps={wizardSteps}
			onExit={() => {
				exited += 1;
			}}
			now={() => now}
			verify={noWait}
			initialStep={initialStep}
		/>,
		{ columns: 150, rows: 50 },
	);
	return { ui, gateway, exited: () => exited };
}

/** The frames drawn after `from`, joined: what the operator saw since then. */
function framesSince(ui: ReturnType<typeof renderInk>, from: number): string {
	return ui.stdout.frames.slice(from).join('\n');
}

describe('Ctrl+C', () => {
	it('on step 1 quits, where c regenerates the credential report', async () => {
		const plain = renderWizard(1);
		await plain.ui.waitForText('Findings (37)');
		plain.ui.press('c');
		await plain.ui.waitForText('Generate a fresh credential report');
		expect(plain.exited()).toBe(0);

		const { ui, exited } = renderWizard(1);
		await ui.waitForText('Findings (37)');
		const from = ui.stdout.frames.length;
		ui.press(CTRL_C);
		await expectSoon(() => expect(exited()).toBe(1));
		expect(framesSince(ui, from)).not.toContain('Generate a fresh credential report');
	});

	it('on step 2 quits, where c opens the analyzer creation', async () => {
		const plain = renderWizard(2);
		await plain.ui.waitForText('analyzer findings by resource 7');
		plain.ui.press('c');
		await plain.ui.waitForText('External-access analyzer: zone of trust');
		expect(plain.exited()).toBe(0);

		const { ui, exited } = renderWizard(2);
		await ui.waitForText('analyzer findings by resource 7');
		const from = ui.stdout.frames.length;
		ui.press(CTRL_C);
		await expectSoon(() => expect(exited()).toBe(1));
		expect(framesSince(ui, from)).not.toContain('External-access analyzer: zone of trust');
	});

	it('Ctrl+L on step 2 is not l (policy generation)', async () => {
		const { ui, exited } = renderWizard(2);
		await ui.waitForText('analyzer findings by resource 7');
		const from = ui.stdout.frames.length;
		ui.press('\u000C', 'x');
		// x opens the archive question for the row under the cursor (after Ctrl+L, which did nothing): the key after it was still read by the list.
		await ui.waitForText('Archive this finding: why');
		expect(framesSince(ui, from)).not.toContain('Generate a policy');
		expect(exited()).toBe(0);
	});

	it('quits from a text field, where letters are text', async () => {
		const { ui, exited } = renderWizard(1);
		await ui.waitForText('Findings (37)');
		ui.press('/');
		await ui.waitForText('filter: ▏');
		ui.type('q');
		await ui.waitForText('filter: q▏');
		expect(exited()).toBe(0);
		ui.press(CTRL_C);
		await expectSoon(() => expect(exited()).toBe(1));
	});

	it('quits from the confirmation prompt and applies nothing', async () => {
		const { ui, gateway, exited } = renderWizard(5);
		const before = JSON.stringify(await gateway.readAccount());
		// Step 5 opens on its guardrail section; [ reaches its last, the whole default plan.
		await ui.waitForText('MFA guardrail │');
		ui.press('[');
		await ui.waitForText('Proposed actions: 6 of 6 selected');
		ui.press('p');
		await ui.waitForText('Preview: 6 changes');
		// Confirming waits for the policy gate on the guardrail SCP the batch writes.
		await ui.waitForText("Policy validation by the sandbox's local checks");
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('CHG-1');
		ui.press(CTRL_C);
		await expectSoon(() => expect(exited()).toBe(1));
		expect(JSON.stringify(await gateway.readAccount())).toBe(before);
	});
});

describe('the help overlay', () => {
	it("lists the global keys and step 3's own, from the tables", async () => {
		const { ui } = renderWizard(3);
		await ui.waitForText('Step 3 · Scope policies');
		await ui.waitForText('policies ·');
		ui.press('?');
		const frame = await ui.waitForText('Step 3 · Scope policies:');
		for (const line of [
			'Ctrl+C  Quit now, from any screen or text field',
			'q       Quit (asks first while changes are being applied)',
			"l       Read last-accessed data of the policy's principals",
			'e       Choose resource ARNs for a statement on Resource "*"',
			'm       Require MFA in the proposal, or stop requiring it (a toggle)',
			'i       Restrict the proposal to source IP ranges',
			't       Restrict the proposal to a time window',
			'v       Validate the proposal through the gateway',
			"x       Clear this policy's choices",
		]) {
			expect(frame).toContain(line);
		}
	});

	it("lists step 1's keys and its findings table's", async () => {
		const { ui } = renderWizard(1);
		await ui.waitForText('Findings (37)');
		ui.press('?');
		const frame = await ui.waitForText('Step 1 · Inventory:');
		expect(frame).toContain('m       Move the direct policies of the user under the cursor to a group');
		expect(frame).toContain('c       Regenerate the credential report');
		expect(frame).toContain('Findings table:');
		expect(frame).toContain('/       Filter the findings by ID or text');
	});

	it("lists the preview's own key when opened from a preview", async () => {
		const { ui } = renderWizard(5);
		await ui.waitForText('MFA guardrail │');
		ui.press('[');
		await ui.waitForText('Proposed actions:');
		ui.press('p');
		await ui.waitForText('Preview:');
		ui.press('?');
		const frame = await ui.waitForText('Preview:\n');
		expect(frame).toContain("l       When Access Analyzer cannot validate the batch's policy documents: rely on the local checks only");
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
