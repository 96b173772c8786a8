/**
 * Editing the MFA guardrail on step 5's screen: the role patterns of people, the exemptions and
 * the target, each in a prompt, checked, evaluated again in the impact list, and previewed as
 * edited — and nothing changes in the account until a preview is confirmed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../source/app.js';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { wizardSteps } from '../../../source/steps/registry.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { BACKSPACE, ENTER, cleanupInk, renderInk } from '../../helpers/render-ink.js';

afterEach(cleanupInk);

const now = new Date('2026-11-27T12:00:00Z');

function renderGuardrail(columns = 160, rows = 140) {
	const gateway = createSandboxGateway({ now: () => now });
	const ui = renderInk(
		<App gateway={gateway} audit={new MemoryAuditSink()} planContext={{ now, thresholds: defaultThresholds, excluded: [] }} steps={wizardSteps} onExit={() => undefined} now={() => now} initialStep={5} />,
		{ columns, rows },
	);
	return { gateway, ui };
}

/** What each prompt opens with: the proposal as it stands (the default exemptions are the caller and five workloads). */
const held: Record<string, string> = {
	t: 'ou-a1b2-s4ndb0x8',
	h: '',
	x: ['user/alice', ...['ci-deploy', 'report-bot', 'monitoring-exporter', 'terraform', 'svc-ses-smtp'].map((n) => `user/service/${n}`)].map((p) => `arn:aws:iam::123456789012:${p}`).join(', '),
};

/** Opens the field's prompt, clears what it holds, types the new value and submits it. */
async function edit(ui: ReturnType<typeof renderInk>, key: string, prompt: string, value: string) {
	ui.press(key);
	const frame = await ui.waitForText(prompt);
	expect(frame).toContain(`${held[key]!.slice(-40)}▏`);
	ui.press(...Array<string>(held[key]!.length).fill(BACKSPACE));
	ui.type(value);
	ui.press(ENTER);
}

describe("editing step 5's MFA guardrail on the screen", () => {
	it('moves the target to the root: the proposal and the preview follow, with the typed confirmation a root asks for', async () => {
		const { ui, gateway } = renderGuardrail();
		await ui.waitForText('Proposed: SCP iam-wizard-require-mfa → OU sandbox (test OU) ou-a1b2-s4ndb0x8');
		await edit(ui, 't', 'Target: the root (r-…), an OU (ou-…) or an account ID', 'r-a1b2');
		const frame = await ui.waitForText('Proposed: SCP iam-wizard-require-mfa → root Root r-a1b2 · 1/5 SCPs');
		expect(frame).toContain('Edited: the impact below is evaluated again; p previews the guardrail as edited.');
		expect(frame).toContain('p preview as edited (2 changes)');
		ui.press('p');
		const preview = await ui.waitForText('Preview: 2 changes');
		expect(preview).toContain('Attach iam-wizard-require-mfa to root Root (r-a1b2)');
		expect(preview).toContain('calls organizations:AttachPolicy PolicyName=iam-wizard-require-mfa TargetId=r-a1b2');
		expect(preview).toMatch(/High blast radius, you will type the account ID: .*organization root r-a1b2/);
		// Back on the section, the edit is still there.
		ui.press('b');
		await ui.waitForText('Proposed: SCP iam-wizard-require-mfa → root Root r-a1b2');
		expect(gateway.history()).toEqual([]);
	});

	it('refuses a target the organization does not have, and keeps the prompt open to correct it', async () => {
		const { ui } = renderGuardrail();
		await ui.waitForText('Impact: ');
		await edit(ui, 't', 'Target: the root (r-…), an OU (ou-…) or an account ID', 'ou-nope-12345678');
		const frame = await ui.waitForText('"ou-nope-12345678" is not a root, OU or account of o-a1b2c3d4e5 that iam-wizard read.');
		expect(frame).toContain('Proposed: SCP iam-wizard-require-mfa → OU sandbox (test OU) ou-a1b2-s4ndb0x8');
		// The prompt stays, with what was typed, to be corrected or left with Esc.
		expect(frame).toContain('> ou-nope-12345678▏');
	});

	it('removing the workloads from the exemptions puts them in the impact list as blockers, overridden only by a separate confirmation, and d goes back to the proposal', async () => {
		const { ui, gateway } = renderGuardrail();
		await ui.waitForText('Impact: 7 sign-ins of 6 people denied until MFA · no workload · 6 exempt');
		await edit(ui, 'x', 'Exempt principal ARNs, comma-separated (break-glass, you, workloads on keys)', 'arn:aws:iam::123456789012:user/alice');
		const frame = await ui.waitForText('Impact: 12 sign-ins of 6 people denied until MFA · 5 WORKLOADS BREAK · 1 exempt');
		expect(frame).toContain('BLOCKER user ci-deploy: access key AKIA6PGND4F37TPVGETJ (last used 2026-11-27, cloudformation) — would break');
		expect(frame).toContain('exempt  user/alice: exempted by you');
		expect(frame).toContain('A workload would break: exempt it (x), move it to a role (Access keys section), or override: p, then confirm the risk on its own.');
		// The override: the preview holds the attachment, and the confirmation asks about the risk on its own.
		ui.press('p');
		const preview = await ui.waitForText('Policy validation by');
		expect(preview).toContain('Preview: 2 changes');
		expect(preview).toContain('High blast radius, you will type the account ID: Attaches service control policy iam-wizard-require-mfa to organizational unit ou-a1b2-s4ndb0x8');
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-9 override');
		ui.press(ENTER);
		const risk = await ui.waitForText('Go on despite this risk? [y/N]');
		expect(risk).toContain('Lock-out risk: The MFA guardrail denies 5 workloads that would break: ci-deploy, report-bot, monitoring-exporter, terraform, svc-ses-smtp');
		// No: nothing is applied, and the section is back with the edit.
		ui.press('n');
		await ui.waitForText('5 WORKLOADS BREAK');
		expect(gateway.history()).toEqual([]);
		ui.press('d');
		await ui.waitForText('Impact: 7 sign-ins of 6 people denied until MFA · no workload · 6 exempt');
	});

	it("adds the IAM Identity Center roles as people: they join the impact list, and the SCP's document names the pattern", async () => {
		const { ui } = renderGuardrail();
		await ui.waitForText('Impact: ');
		const pattern = 'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*';
		await edit(ui, 'h', 'Role ARN patterns of people, comma-separated (e.g. arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*)', pattern);
		const frame = await ui.waitForText(`People's roles also covered: ${pattern}`);
		expect(frame).toContain('Impact: 9 sign-ins of 8 people denied until MFA · no workload · 6 exempt');
		expect(frame).toContain('denied  role AWSReservedSSO_AdministratorAccess_4f1c2a9e7b3d6e80: role session without MFA (last used 2026-11-27)');
		ui.press('p');
		const preview = await ui.waitForText('Preview: 2 changes');
		expect(preview).toContain(pattern);
	});

	it('rejects a pattern that is not a role ARN', async () => {
		const { ui } = renderGuardrail();
		await ui.waitForText('Impact: ');
		await edit(ui, 'h', 'Role ARN patterns of people', 'AWSReservedSSO_*');
		await ui.waitForText('"AWSReservedSSO_*" is not a role ARN pattern (arn:aws:iam::ACCOUNT:role/NAME, * and ? allowed).');
	});
});
