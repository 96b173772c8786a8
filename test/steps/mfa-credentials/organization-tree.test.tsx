/** Step 5 shows the organization: the account's path with the SCPs on each level, and the whole OU tree when there is room. */
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { planGuardrail } from '../../../source/steps/mfa-credentials/guardrail-plan.js';
import { organizationSummaryLines } from '../../../source/steps/mfa-credentials/OrganizationSummary.js';
import { cleanupInk } from '../../helpers/render-ink.js';
import { renderSandboxWizard } from '../../helpers/render-wizard.js';

afterEach(cleanupInk);

const now = new Date('2026-11-27T12:00:00Z');
const context = { now, thresholds: defaultThresholds, excluded: [] };

function render(gateway: ReturnType<typeof createSandboxGateway>, columns: number, rows: number) {
	return renderSandboxWizard(gateway, { initialStep: 5, columns, rows, now }).ui;
}

describe("step 5's organization lines", () => {
	it('on a wide terminal: the path with each level’s SCPs, and the OU tree with the account’s branch marked', async () => {
		const ui = render(createSandboxGateway({ now: () => now }), 160, 50);
		const frame = await ui.waitForText('Impact: ');
		expect(frame).toContain('SCPs on the path: Root r-a1b2 [FullAWSAccess] › OU sandbox [FullAWSAccess] › this account [FullAWSAccess]');
		expect(frame).toContain('Root r-a1b2 [FullAWSAccess]\n');
		expect(frame).toContain('  ▸ OU sandbox ou-a1b2-s4ndb0x8 [FullAWSAccess] ← this account');
		expect(frame).toContain('  · OU workloads ou-a1b2-k7x2m9qp [FullAWSAccess]');
	});

	it('at 80x24 the path stays and the tree gives its room to the impact list', async () => {
		const ui = render(createSandboxGateway({ now: () => now }), 80, 24);
		const frame = await ui.waitForText('Impact: ');
		expect(frame).toContain('SCPs on the path: Root r-a1b2 [FullAWSAccess] › OU sandbox [FullAWSA');
		expect(frame).not.toContain('← this account');
		expect(frame).toContain('denied  user bob');
	});

	it('at 80x24, ! shows the lines the pane cuts whole, wrapped (the path, the tree, where the SCP goes), and b returns', async () => {
		const ui = render(createSandboxGateway({ now: () => now }), 80, 24);
		await ui.waitForText('Impact: ');
		ui.press('!');
		const frame = await ui.waitForText('MFA guardrail: the organization and the proposal, whole');
		const text = frame.replace(/\n {2}(?=[^ ▸·])/g, ' ');
		expect(text).toContain('SCPs on the path: Root r-a1b2 [FullAWSAccess] › OU sandbox [FullAWSAccess] › this account [FullAWSAccess]');
		expect(frame).toContain('  ▸ OU sandbox ou-a1b2-s4ndb0x8 [FullAWSAccess] ← this account');
		expect(frame.split('\n').every((row) => row.length <= 80)).toBe(true);
		// The page fits above the terminal's last row; the rest is a scroll away.
		expect(frame.replace(/\n+$/, '').split('\n').length).toBeLessThanOrEqual(23);
		ui.press('j');
		// Wrapped where the word ends: its continuation is indented two.
		await ui.waitForText('Proposed: SCP iam-wizard-require-mfa → OU sandbox (test OU) ou-a1b2-s4ndb0x8\n  · 1/5 SCPs');
		ui.press('b');
		const back = await ui.waitForText('denied  user bob');
		expect(back).not.toContain('the proposal, whole');
		expect(back).toContain('! whole lines');
	});

	it('after the guardrail is applied, the SCP shows on its level of the path and in the tree', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		for (const action of planGuardrail(await gateway.readAccount(), context).actions) await gateway.apply(action);
		const lines = organizationSummaryLines(await gateway.readAccount(), 10).map((l) => l.text);
		expect(lines).toContain('SCPs on the path: Root r-a1b2 [FullAWSAccess] › OU sandbox [FullAWSAccess, iam-wizard-require-mfa] › this account [FullAWSAccess]');
		expect(lines).toContain('  ▸ OU sandbox ou-a1b2-s4ndb0x8 [FullAWSAccess, iam-wizard-require-mfa] ← this account');
		expect(organizationSummaryLines(await gateway.readAccount(), 2)).toHaveLength(2);
	});
});
