/** Step 1's screen on the sandbox: the dashboard's numbers, the findings filter and evidence, and moving a user's policies to a group. */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../source/app.js';
import { createSandboxGateway, type SandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { wizardSteps } from '../../../source/steps/registry.js';
import { BACKSPACE, ENTER, ESC, cleanupInk, renderInk } from '../../helpers/render-ink.js';
import { confirmWithReason } from '../../helpers/confirm-batch.js';

afterEach(cleanupInk);

const now = new Date('2026-11-27T12:00:00Z');
const noWait = { attempts: 2, delayMs: 0, sleep: async () => undefined };

function renderStep(gateway: SandboxGateway, step = 1, size = { columns: 150, rows: 50 }) {
	const audit = new MemoryAuditSink();
	const ui = renderInk(
		<App gateway={gateway} audit={audit} planContext={{ now, thresholds: defaultThresholds, excluded: [] }} steps={wizardSteps} onExit={() => undefined} now={() => now} verify={noWait} initialStep={step} />,
		size,
	);
	return { ui, audit };
}

describe('step 1 screen', () => {
	it('shows the dashboard lines 80 columns cut whole on !, and goes back to the same finding', async () => {
		const { ui } = renderStep(createSandboxGateway({ now: () => now }), 1, { columns: 80, rows: 24 });
		let frame = await ui.waitForText('Findings (37)');
		expect(frame).toContain('Access keys: 12 active of 14 · <30 days 2 · 30–90 days 4 · >90 days 6 · never u…');
		expect(frame).toContain('! whole lines');
		ui.press('j');
		frame = await ui.waitForFrame((f) => /^› ROOT_NO_MFA /m.test(f));
		ui.press('!');
		frame = await ui.waitForText('Step 1 · Inventory: the dashboard and notes, whole');
		expect(frame).toContain('Access keys: 12 active of 14 · <30 days 2 · 30–90 days 4 · >90 days 6 · never');
		expect(frame.replace(/\n {2}/g, ' ')).toContain('Access keys: 12 active of 14 · <30 days 2 · 30–90 days 4 · >90 days 6 · never used 2');
		// The table's keys are off while the lines are open.
		ui.press('o');
		ui.press('!');
		frame = await ui.waitForFrame((f) => /^› ROOT_NO_MFA /m.test(f));
		expect(frame).toContain('by severity');
	});

	it('shows the dashboard with the account in numbers', async () => {
		const { ui } = renderStep(createSandboxGateway({ now: () => now }));
		const frame = await ui.waitForText('Findings (37)');
		expect(frame).toContain('Users 31 · Groups 13 · Roles 31 · Policies 23 (+19 AWS-managed in use)');
		expect(frame).toContain('Access keys: 12 active of 14 · <30 days 2 · 30–90 days 4 · >90 days 6 · never used 2');
		expect(frame).toContain('Console users: 18 with MFA · 5 without MFA');
		expect(frame).toContain('Root user: NO MFA · 1 ACTIVE KEY · last used 2026-11-22');
		expect(frame).toContain('Roles unused 90+ days: 3');
		expect(frame).toMatch(/Credential report: generated \d+ hours? ago/);
		// Most severe first.
		expect(frame.indexOf('ROOT_ACCESS_KEY')).toBeLessThan(frame.indexOf('CONSOLE_USER_NO_MFA'));
		expect(frame.indexOf('CONSOLE_USER_NO_MFA')).toBeLessThan(frame.indexOf('KEY_NOT_ROTATED'));
	});

	it('filters by ID or text (letters are text in the field, Esc clears) and opens a finding with its evidence', async () => {
		const { ui } = renderStep(createSandboxGateway({ now: () => now }));
		await ui.waitForText('Findings (37)');
		ui.press('/');
		await ui.waitForText('filter: ▏');
		// q and ? would quit and open help outside the field: here they are text.
		ui.type('key_not_rotated zq?');
		let frame = await ui.waitForText('Findings (0 of 37)');
		expect(frame).toContain('No finding matches "key_not_rotated zq?".');
		ui.press(BACKSPACE, BACKSPACE, BACKSPACE, BACKSPACE);
		frame = await ui.waitForText('Findings (6 of 37)');
		expect(frame.match(/KEY_NOT_ROTATED {8}MEDIUM/g)).toHaveLength(6);
		expect(frame).not.toContain('ROOT_NO_MFA');
		ui.press(ESC);
		await ui.waitForText('Findings (37)');
		ui.press('/');
		await ui.waitForText('filter: ▏');
		ui.type('two active');
		await ui.waitForText('Findings (1 of 37)');
		ui.press(ENTER);
		await ui.waitForText('filter: two active\n');
		ui.press(ENTER);
		frame = await ui.waitForText('Evidence');
		expect(frame).toContain('LOW MULTIPLE_ACTIVE_KEYS: Two active access keys');
		expect(frame).toContain('Resource: arn:aws:iam::123456789012:user/dave');
		expect(frame).toContain('Fingerprint: MULTIPLE_ACTIVE_KEYS|arn:aws:iam::123456789012:user/dave|');
		expect(frame).toContain('Controls: CIS-5.0:1.12');
		ui.press('b');
		await ui.waitForText('Findings (1 of 37)');
	});

	it("moves a user's direct policies to a new group as one previewed batch", async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui, audit } = renderStep(gateway);
		await ui.waitForText('Findings (37)');
		ui.press('/');
		await ui.waitForText('filter: ▏');
		ui.type('direct heidi');
		await ui.waitForText('Findings (1 of 37)');
		ui.press(ENTER);
		await ui.waitForText('filter: direct heidi\n');
		ui.press('m');
		await ui.waitForText('Group for heidi (an existing group, or a new name): heidi-permissions');
		ui.press(ENTER);
		const preview = await ui.waitForText('Preview: 4 changes to account 123456789012');
		expect([...preview.matchAll(/^ {3}calls (\S+)/gm)].map((m) => m[1])).toEqual(['iam:CreateGroup', 'iam:AttachGroupPolicy', 'iam:AddUserToGroup', 'iam:DetachUserPolicy']);
		expect(preview).toContain('fixes USER_DIRECT_POLICY Policy attached directly to a user: arn:aws:iam::123456789012:user/heidi');
		await confirmWithReason(ui, 'CHG-42');
		const done = await ui.waitForText('Done: 4 changes applied');
		expect(done).toContain('Gone (1)');
		expect(gateway.history().map((h) => h.action.kind)).toEqual(['iam:CreateGroup', 'iam:AttachGroupPolicy', 'iam:AddUserToGroup', 'iam:DetachUserPolicy']);
		expect(audit.entries.filter((e) => e.type === 'intent').every((e) => e.type === 'intent' && e.reason === 'CHG-42')).toBe(true);
		ui.press('b');
		const back = await ui.waitForText('Findings (36)');
		expect(back).toContain('Groups 14');
		// The step list counts what the screen's own batch kept.
		expect(back).toMatch(/1 Inventory +36 findings · 0 selected · 4 applied/);
	});

	it('says when the cursor is not on a finding it can act on, and regenerates a stale report', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = renderStep(gateway);
		await ui.waitForText('Findings (37)');
		ui.press('m');
		await ui.waitForText("Put the cursor on a USER_DIRECT_POLICY finding to move that user's policies to a group.");
		ui.press('c');
		const preview = await ui.waitForText('Preview: 1 change');
		expect(preview).toMatch(/Generate a fresh credential report \(the current one is \d+ hours old\)/);
	});
});
