/**
 * Step 5's screen on the sandbox: one section at a time, [ and ] move between them, and the
 * access-key section previews its own batch without touching the account.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../source/app.js';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import type { SandboxState } from '../../../source/aws/sandbox/sandbox-state.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { wizardSteps } from '../../../source/steps/registry.js';
import { END, ENTER, ESC, cleanupInk, renderInk } from '../../helpers/render-ink.js';
import { confirmWithReason } from '../../helpers/confirm-batch.js';

afterEach(cleanupInk);

const now = new Date('2026-11-27T12:00:00Z');

function renderStep5(options: { columns?: number; rows?: number; state?: SandboxState } = {}) {
	const gateway = createSandboxGateway({ now: () => now, ...(options.state ? { state: options.state } : {}) });
	const audit = new MemoryAuditSink();
	const planContext = { now, thresholds: defaultThresholds, excluded: [] };
	const ui = renderInk(<App gateway={gateway} audit={audit} planContext={planContext} steps={wizardSteps} onExit={() => undefined} now={() => now} initialStep={5} />, {
		columns: options.columns ?? 120,
		rows: options.rows ?? 40,
	});
	return { gateway, ui, audit };
}

describe('step 5 screen', () => {
	it('names its section keys at 80 columns too, the long title shortened so the bar fits', async () => {
		const { ui } = renderStep5({ columns: 80 });
		const frame = await ui.waitForText('Org o-a1b2c3d4e5');
		expect(frame.split('\n')).toContain('MFA guardrail │ Passwords │ Root user │ Access keys │ All changes  [ ] sections');
	});

	it('opens on the guardrail section and moves through every section with ] and back with [', async () => {
		const { ui, gateway } = renderStep5();
		let frame = await ui.waitForText('MFA guardrail │ Password policy │ Root user │ Access keys │ All changes  [ ] sections');
		expect(frame).toContain('Org o-a1b2c3d4e5');
		ui.press(']');
		await ui.waitForText('Account password policy');
		ui.press(']');
		await ui.waitForText('Root user: do these in the console');
		ui.press(']');
		frame = await ui.waitForText('Long-lived access keys');
		expect(frame).toMatch(/report-bot +3 deactivate the key/);
		ui.press(']');
		await ui.waitForText('Proposed actions:');
		ui.press(']');
		await ui.waitForText('Org o-a1b2c3d4e5');
		ui.press('[');
		await ui.waitForText('Proposed actions:');
		expect(gateway.history()).toEqual([]);
	});

	it("a section's batch counts in the step list as soon as it is applied, and no longer once rolled back", async () => {
		const { ui } = renderStep5();
		await ui.waitForText('MFA guardrail │');
		ui.press(']');
		await ui.waitForText('Account password policy');
		ui.press('p');
		await ui.waitForText('Preview: 1 change');
		await confirmWithReason(ui, 'SEC-14');
		await ui.waitForText('Done: 1 change applied');
		// The step re-reads once the batch is verified: the fixed password policy is no longer counted.
		const done = await ui.waitForFrame((f) => f.includes('Done: 1 change applied') && !f.includes('loading…'));
		expect(done).toContain('› 5 MFA and credentials     10 findings · 5 selected · 1 applied');
		ui.press('u');
		await ui.waitForText('Roll back: 1 change');
		await confirmWithReason(ui, 'SEC-14 undo');
		await ui.waitForText('Rolled back');
		const rolledBack = await ui.waitForFrame((f) => f.includes('Rolled back') && !f.includes('loading…'));
		expect(rolledBack).toContain('› 5 MFA and credentials     11 findings · 6 selected · 0 applied');
	});

	it('the access-key section previews its deactivations as a batch of their own', async () => {
		const { ui, gateway } = renderStep5();
		await ui.waitForText('MFA guardrail │');
		ui.press('[', '[');
		expect(await ui.waitForText('Long-lived access keys')).toContain('p preview 3 deactivations, 0 deletions');
		ui.press('p');
		const preview = await ui.waitForText('Preview:');
		expect(preview).toContain('Preview: 3 changes');
		expect(preview).toContain('calls iam:UpdateAccessKey UserName=erin AccessKeyId=AKIAAYEIJMTAOOAO3T2O Status=Inactive');
		// dave's old key is in daily use: never in the default batch.
		expect(preview).not.toContain('UserName=dave');
		expect(gateway.history()).toEqual([]);
	});

	it('the guardrail section shows the organization, the impact and what the seed SCP would have denied, and p previews the SCP on the test OU', async () => {
		const { ui, gateway } = renderStep5({ columns: 160, rows: 50 });
		const frame = await ui.waitForText('Impact: ');
		expect(frame).toContain('Org o-a1b2c3d4e5 · this account is a member (management 100200300400) · SCPs enabled');
		expect(frame).toContain('Proposed: SCP iam-wizard-require-mfa → OU sandbox (test OU) ou-a1b2-s4ndb0x8 · 1/5 SCPs');
		expect(frame).toContain('Impact: 7 sign-ins of 6 people denied until MFA · no workload · 6 exempt');
		expect(frame).toMatch(/Seed's RequireMFA as written: denies 23 workloads, 18 roles \(/);
		expect(frame).toContain('denied  user bob: console without MFA (last sign-in 2026-11-25)');
		ui.press('p');
		const preview = await ui.waitForText('Preview: 2 changes');
		expect(preview).toContain('calls organizations:CreatePolicy Name=iam-wizard-require-mfa');
		expect(gateway.history()).toEqual([]);
	});

	it('once the SCP is on the path the guardrail section says so and offers no edit of a proposal that is not there', async () => {
		const setup = createSandboxGateway({ now: () => now });
		const { planGuardrail } = await import('../../../source/steps/mfa-credentials/guardrail-plan.js');
		for (const action of planGuardrail(await setup.readAccount(), { now, thresholds: defaultThresholds, excluded: [] }).actions) await setup.apply(action);
		const { ui } = renderStep5({ state: setup.currentState() });
		const frame = await ui.waitForText("MFA is already enforced by a service control policy on the account's path.");
		expect(frame).toContain('Nothing to apply here.');
		expect(frame).not.toMatch(/h role patterns|x exemptions|t target/);
		ui.press('x');
		ui.press('t');
		await ui.waitForFrame((f) => f.includes('Nothing to apply here.'));
		expect(ui.lastFrame()).not.toContain('Exempt principal ARNs');
		expect(ui.lastFrame()).not.toContain('Target: the root');
	});

	it('the root section records an attestation in the change log for the item under the cursor', async () => {
		const { ui, audit } = renderStep5();
		await ui.waitForText('MFA guardrail │');
		ui.press(']', ']');
		const frame = await ui.waitForText('Root user: do these in the console');
		expect(frame).toContain("✗ Delete the root user's access keys");
		ui.press('c');
		// Recorded, then the account is re-read (the item turns done only when AWS shows it): the section goes while the
		// account is read, and comes back still saying it was recorded.
		await ui.waitForFrame(() => audit.entries.length > 0);
		await ui.waitForFrame((f) => !f.includes('Root user: do these in the console'));
		const reread = await ui.waitForText('Root user: do these in the console');
		expect(reread).toContain("✗ Delete the root user's access keys");
		expect(reread).toContain('Recorded in the change log; ✓ only once the account shows it done.');
		expect(audit.entries).toEqual([expect.objectContaining({ type: 'attestation', step: 5, statement: expect.stringContaining("Delete the root user's access keys"), findingIds: [expect.stringMatching(/^ROOT_ACCESS_KEY\|/)] })]);
	});

	it('the root section of the demo (a member account) names who can use centralized root access and shows the CLI commands to run there, at 80×24', async () => {
		const { ui } = renderStep5({ columns: 80, rows: 24 });
		await ui.waitForText('MFA guardrail │');
		ui.press(']', ']');
		const frame = await ui.waitForText('Root user: do these in the console');
		// The whole screen fits the terminal, the step's title first, and the checklist keeps its rows.
		expect(frame.split('\n').length).toBeLessThanOrEqual(24);
		expect(frame).toContain('Step 5 · MFA and credentials');
		expect(frame).toContain("✗ Delete the root user's access keys");
		expect(frame).toContain('✗ Enable MFA on the root user');
		expect(frame).toContain('✗ Protect root with a hardware or FIDO security key');
		expect(frame.replace(/\s+/g, ' ')).toContain("Whether o-a1b2c3d4e5 has centralized root access, only the management account 100200300400 or IAM's delegated administrator can tell.");
		expect(frame).toMatch(/…\d+ more lines: ! shows the commands in full/);
		// ! opens the commands whole, to copy.
		ui.press('!');
		const whole = (await ui.waitForText('Root user: centralized root access, whole')).replace(/\s+/g, ' ');
		expect(whole).toContain('aws sts assume-root --region us-east-1 --target-principal 123456789012 --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials --duration-seconds 900');
		ui.press(END);
		const end = (await ui.waitForText('aws iam delete-access-key')).replace(/\s+/g, ' ');
		expect(end).toContain('aws iam delete-access-key --access-key-id <each AccessKeyId listed>');
		ui.press(ESC);
		await ui.waitForText('Root user: do these in the console');
	});

	it('the root section shows the commands whole under the checklist when the terminal has room', async () => {
		const { ui } = renderStep5({ columns: 160, rows: 50 });
		await ui.waitForText('MFA guardrail │');
		ui.press(']', ']');
		const flat = (await ui.waitForText('Root user: do these in the console')).replace(/\s+/g, ' ');
		expect(flat).toContain('aws sts assume-root --region us-east-1 --target-principal 123456789012 --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials --duration-seconds 900');
		expect(flat).toContain('aws iam list-access-keys');
		expect(flat).toContain('aws iam delete-access-key --access-key-id <each AccessKeyId listed>');
		expect(flat).not.toContain('shows the commands in full');
		expect(flat).not.toContain('do these by API');
	});

	it("as IAM's delegated administrator the root section previews sts:AssumeRoot with its calls, and applying it (typed account ID, then the lock-out question) deletes the root key", async () => {
		const state = createSandboxGateway({ now: () => now }).currentState();
		state.organization!.rootAccess!.delegatedAdministrator = state.account.id;
		const { ui, gateway } = renderStep5({ state });
		await ui.waitForText('MFA guardrail │');
		ui.press(']', ']');
		const frame = await ui.waitForText('Root user: do these in the console');
		expect(frame.replace(/\s+/g, ' ')).toContain('this account may use it: p previews sts:AssumeRoot');
		expect(frame).not.toContain('aws sts assume-root');
		ui.press('p');
		const preview = (await ui.waitForText('task policy IAMDeleteRootUserCredentials')).replace(/\s+/g, ' ');
		expect(preview).toContain("Delete the root user's access keys of account 123456789012 in a root session");
		expect(preview).toContain('iam:DeleteAccessKey for each key listed');
		expect(preview).toContain('Cannot be undone');
		expect(gateway.currentState().root.accessKeys).toHaveLength(1);
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-11 root keys');
		ui.press(ENTER);
		const risk = await ui.waitForText('Go on despite this risk? [y/N]');
		expect(risk.replace(/\s+/g, ' ')).toContain("Lock-out risk: Deletes the root user's access keys of account 123456789012 for good");
		ui.press('y');
		await ui.waitForText('Type the account ID 123456789012');
		ui.type('123456789012');
		ui.press(ENTER);
		await ui.waitForFrame(() => gateway.currentState().root.accessKeys.length === 0);
		expect(gateway.history().map((h) => h.action.kind)).toEqual(['sts:AssumeRoot']);
	});
});
