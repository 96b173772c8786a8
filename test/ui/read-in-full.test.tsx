/**
 * At 80×24 the pages an operator opens to read something — the keys' help, a finding's
 * evidence, a step's finding detail — wrap their lines instead of cutting them at the edge
 * with "…": there is no other place on the screen to read the rest.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { HelpOverlay } from '../../source/ui/HelpOverlay.js';
import { helpRows } from '../../source/ui/key-bindings.js';
import { minimumTerminal } from '../../source/ui/terminal-guard.js';
import { cleanupInk, ENTER, KeyDispatcher, renderInk, TAB } from '../helpers/render-ink.js';
import { renderSandboxWizard, wizardNow } from '../helpers/render-wizard.js';

afterEach(cleanupInk);

/** The open page: from its first line (a severity and a finding) to the line that says how to go back. */
function page(frame: string): string[] {
	const lines = frame.split('\n');
	const first = lines.findIndex((line) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) /.test(line) || /^(role|user|group) \S+: /.test(line));
	const last = lines.findIndex((line) => line.includes('back to the findings'));
	expect(first).toBeGreaterThanOrEqual(0);
	return lines.slice(first, last);
}
const collapsed = (lines: string[]) => lines.join(' ').replace(/\s+/g, ' ');

describe('pages opened to read are wrapped, not cut, at 80×24', () => {
	it('the help shows every key description whole', async () => {
		const ui = renderInk(
			<KeyDispatcher>
				<HelpOverlay height={80} />
			</KeyDispatcher>,
			minimumTerminal,
		);
		const frame = await ui.waitForText('Press ? or Esc to close.');
		const lines = frame.split('\n');
		expect(lines.every((line) => line.length <= minimumTerminal.columns)).toBe(true);
		expect(lines.filter((line) => line.endsWith('…'))).toEqual([]);
		for (const row of helpRows().filter((r) => !r.heading && r.description !== '')) {
			expect(collapsed(lines)).toContain(row.description);
		}
	});

	it("step 1: a finding's evidence shows its detail sentence whole", async () => {
		const { ui } = renderSandboxWizard(createSandboxGateway({ now: () => wizardNow }), { initialStep: 1, ...minimumTerminal });
		await ui.waitForText('Findings (');
		ui.press(ENTER);
		const frame = await ui.waitForText('back to the findings');
		expect(page(frame).filter((line) => line.endsWith('…'))).toEqual([]);
		expect(collapsed(page(frame))).toContain('root should have no access keys.');
	});

	it("step 4: a finding's detail shows its path lines whole", async () => {
		const { ui } = renderSandboxWizard(createSandboxGateway({ now: () => wizardNow }), { initialStep: 4, ...minimumTerminal });
		await ui.waitForText('Proposed actions');
		ui.press(TAB);
		await ui.waitForFrame((frame) => /\n› +CRITICAL /.test(frame));
		ui.press(ENTER);
		const frame = await ui.waitForText('back to the findings');
		expect(frame).toContain('hop');
		expect(page(frame).filter((line) => line.endsWith('…'))).toEqual([]);
	});

	it('step 2: a finding ID longer than its column ends in …, not cut mid-word', async () => {
		const { ui } = renderSandboxWizard(createSandboxGateway({ now: () => wizardNow }), { initialStep: 2, ...minimumTerminal });
		await ui.waitForText('Findings (');
		ui.press(TAB);
		const frame = await ui.waitForText('Setup and trust findings');
		const row = frame.split('\n').find((line) => line.includes('Cross-account trust without external ID'))!;
		expect(row).toMatch(/^. TRUST_CROSS_ACCOUNT_N… MEDIUM /);
	});

	it('a preview says in full why the account ID will be typed', async () => {
		const { ui } = renderSandboxWizard(createSandboxGateway({ now: () => wizardNow }), { initialStep: 4, ...minimumTerminal });
		await ui.waitForText('Proposed actions');
		ui.press('p');
		const frame = await ui.waitForText('Policy validation by');
		expect(collapsed(frame.split('\n'))).toContain('High blast radius, you will type the account ID: Sets a permissions boundary on 23 principals');
	});
});
