/** The wizard on the sandbox account, with the real step registry: the first vertical slice end to end. */
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxGateway, type SandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import type { Action } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import type { PlanStep } from '../../source/core/step-plan.js';
import { wizardSteps, type WizardStep } from '../../source/steps/registry.js';
import { notBuiltMessage } from '../../source/steps/step-screen-review.js';
import { ENTER, ESC, cleanupInk, renderInk } from '../helpers/render-ink.js';
import { renderSandboxWizard } from '../helpers/render-wizard.js';

afterEach(cleanupInk);

const now = new Date('2026-11-27T12:00:00Z');

function renderWizard(gateway: SandboxGateway, steps: readonly WizardStep[] = wizardSteps, initialStep?: number, rows = 48) {
	return renderSandboxWizard(gateway, { steps, ...(initialStep !== undefined ? { initialStep } : {}), columns: 140, rows, now });
}

async function keyStatuses(gateway: SandboxGateway): Promise<Record<string, string>> {
	const model = await gateway.readAccount();
	return Object.fromEntries(model.users.flatMap((u) => u.accessKeys.map((k) => [k.id, k.status])));
}

/** Opens step 5, confirms the whole batch with the typed account ID; returns the calls the preview listed. */
/** Step 5 opens on its guardrail section; its last section, reached with [, is the whole default plan. */
async function openAllChanges(ui: ReturnType<typeof renderInk>): Promise<void> {
	await ui.waitForText('MFA guardrail │');
	ui.press('[');
}

/** The access-key section, before the last: its p previews the key deactivations alone. */
async function openKeys(ui: ReturnType<typeof renderInk>): Promise<void> {
	await openAllChanges(ui);
	await ui.waitForText('Proposed actions:');
	ui.press('[');
	await ui.waitForText('Long-lived access keys');
}

async function confirmStep5(ui: ReturnType<typeof renderInk>, reason: string): Promise<string[]> {
	await openKeys(ui);
	ui.press('p');
	const preview = await ui.waitForText('Preview: 3 changes to account 123456789012. Nothing has been changed yet.');
	ui.press(ENTER);
	await ui.waitForText('Reason or ticket ID');
	ui.type(reason);
	ui.press(ENTER);
	// Keys of three users: not high blast radius, so y/N rather than the typed account ID.
	await ui.waitForText('Apply 3 changes to account 123456789012? [y/N]');
	ui.type('y');
	return [...preview.matchAll(/^ {3}calls (.+)$/gm)].map((m) => m[1]);
}

describe('the wizard on the sandbox', () => {
	it('reaches all six steps; the ones not built yet say so', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = renderWizard(gateway);
		const header = await ui.waitForText('Findings (');
		expect(header.split('\n')[0]).toBe('iam-wizard · account 123456789012 (acme-sandbox) · arn:aws:iam::123456789012:user/alice');
		for (const step of wizardSteps.slice(1)) {
			ui.press(String(step.number));
			const frame = await ui.waitForFrame((f) => f.includes(`Step ${step.number} · ${step.title}`) && (f.includes('Findings (') || f.includes('MFA guardrail │')));
			expect(frame.includes(notBuiltMessage)).toBe(!step.built);
		}
		expect(gateway.history()).toEqual([]);
	});

	it('step 5 shows the caller key and old keys still in use excluded, and declining the confirmation applies nothing', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const before = await keyStatuses(gateway);
		const { ui, audit } = renderWizard(gateway, wizardSteps, 5);
		await openAllChanges(ui);
		const review = await ui.waitForText('Proposed actions: 6 of 6 selected');
		expect(review).toContain('Excluded user/alice: access key AKIAKKMQZICYWMNDB4NZ is the key you are signed in with: iam-wizard never deactivates it');
		expect(review).not.toContain('Deactivate access key AKIAKKMQZICYWMNDB4NZ');
		// dave's old key is in daily use: held back with the advice to rotate it, never deactivated by default.
		expect(review).toContain('Excluded user/dave: access key AKIAXMMTJ6LVW7CZ7ODJ is not rotated but in use (last used 2026-11-26)');
		ui.press('[');
		await ui.waitForText('Long-lived access keys');
		ui.press('p');
		const preview = await ui.waitForText('Preview: 3 changes');
		expect(preview).toContain('   calls iam:UpdateAccessKey UserName=erin AccessKeyId=AKIAAYEIJMTAOOAO3T2O Status=Inactive');
		expect(preview).toContain('   Access key AKIAAYEIJMTAOOAO3T2O status: Active → Inactive');
		expect(preview).not.toContain('UserName=dave');
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-7');
		ui.press(ENTER);
		await ui.waitForText('Apply 3 changes to account 123456789012? [y/N]');
		ui.press(ESC);
		await ui.waitForText('Cancelled: nothing was applied.');
		expect(gateway.history()).toEqual([]);
		expect(audit.entries).toEqual([]);
		expect(await keyStatuses(gateway)).toEqual(before);
	});

	it('step 5 applies exactly the previewed deactivations and verifies the findings are gone', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		// Tall enough for the whole preview on one screen.
		const { ui } = renderWizard(gateway, wizardSteps, 5, 80);
		const previewed = await confirmStep5(ui, 'SEC-8 stale keys');
		const done = await ui.waitForText('Done: 3 changes applied to account 123456789012 and recorded in the change log.');
		const received = gateway.history().map((h) => h.action as Action);
		expect(received.map((a) => `${a.kind} UserName=${(a.params as { UserName: string }).UserName} AccessKeyId=${(a.params as { AccessKeyId: string }).AccessKeyId} Status=Inactive`)).toEqual(previewed);
		expect(previewed).toHaveLength(3);
		expect(gateway.history().every((h) => h.ok)).toBe(true);
		expect(done).toMatch(/Gone \(\d+\): re-read and confirmed fixed/);
		expect(done).toContain("Remaining of this batch's findings (0)");
		const statuses = await keyStatuses(gateway);
		for (const action of received) expect(statuses[(action.params as { AccessKeyId: string }).AccessKeyId]).toBe('Inactive');
		expect(statuses.AKIAKKMQZICYWMNDB4NZ).toBe('Active');
	});

	it('after a batch that succeeded, u rolls it back: exactly those keys are re-activated', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const before = await keyStatuses(gateway);
		const { ui } = renderWizard(gateway, wizardSteps, 5, 80);
		await confirmStep5(ui, 'SEC-10 stale keys');
		const done = await ui.waitForText('Done: 3 changes applied');
		expect(done).toContain('u roll back these 3 changes (previewed and confirmed first)');
		const deactivated = gateway.history().map((h) => (h.action.params as { AccessKeyId: string }).AccessKeyId);
		ui.press('u');
		const preview = await ui.waitForText('Roll back: 3 changes that undo what was applied, last first.');
		expect(preview).toContain('1. Re-activate access key AKIA3ZZIK6LA5B4ETCEI of user legacy-etl');
		// Previewed against the account as the batch left it, and it brings the finding back.
		expect(preview).toContain('Access key AKIA3ZZIK6LA5B4ETCEI status: Inactive → Active');
		expect(preview).toMatch(/reopens KEY_NOT_ROTATED Access key not rotated: .*legacy-etl/);
		expect(preview).not.toMatch(/^ +fixes /m);
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-10 undo');
		ui.press(ENTER);
		// Re-activating keys is not high blast radius: y/N, not the typed account ID.
		await ui.waitForText('Roll back 3 changes to account 123456789012? [y/N]');
		ui.type('y');
		await ui.waitForText('Rolled back: 3 changes undone and recorded in the change log.');
		expect(await keyStatuses(gateway)).toEqual(before);
		const reactivated = gateway.history().slice(3).map((h) => h.action.params as { AccessKeyId: string; Status: string });
		expect(reactivated.map((p) => p.Status)).toEqual(Array(3).fill('Active'));
		expect(reactivated.map((p) => p.AccessKeyId).sort()).toEqual([...deactivated].sort());
	});

	it('a failure at action 3 of 3 offers rollback, which restores the sandbox keys to their prior state', async () => {
		const gateway = createSandboxGateway({
			now: () => now,
			failOn: (_action, attempt) => (attempt === 3 ? new GatewayError('Throttling', 'AWS is throttling requests; try again in a minute.') : undefined),
		});
		const before = await keyStatuses(gateway);
		const { ui } = renderWizard(gateway, wizardSteps, 5);
		await confirmStep5(ui, 'SEC-9');
		let frame = await ui.waitForText('Failed: AWS is throttling requests; try again in a minute. (Throttling)');
		expect(frame).toContain('Applied before it stopped (2)');
		expect(await keyStatuses(gateway)).not.toEqual(before);
		ui.press('u');
		frame = await ui.waitForText('Roll back: 2 changes that undo what was applied, last first.');
		expect(frame).toContain('1. Re-activate access key AKIAMAXPLO5YL7G6LQUJ of user backup-agent');
		expect(frame).toContain('2. Re-activate access key AKIAAYEIJMTAOOAO3T2O of user erin');
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-9 undo');
		ui.press(ENTER);
		await ui.waitForText('Roll back 2 changes to account 123456789012? [y/N]');
		ui.type('y');
		await ui.waitForText('Rolled back: 2 changes undone and recorded in the change log.');
		expect(await keyStatuses(gateway)).toEqual(before);
	});

	it('previews a policy change as a unified diff against the sandbox document', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const policyArn = 'arn:aws:iam::123456789012:policy/legacy-full-admin';
		const scope: PlanStep = () => ({
			step: 3,
			findings: [],
			actions: [
				{
					kind: 'iam:CreatePolicyVersion',
					params: { PolicyArn: policyArn, PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::reports/*'] }] }, SetAsDefault: true },
					step: 3,
					findingIds: [],
					summary: 'Scope legacy-full-admin to reading reports',
				},
			],
			notEvaluated: [],
			excluded: [],
		});
		// The generic screen's preview, with a stand-in plan (step 3's own screen composes its batches).
		const steps = wizardSteps.map((s) => (s.number === 3 ? { ...s, planStep: scope, built: true, Screen: undefined } : s));
		const { ui } = renderWizard(gateway, steps, 3);
		await ui.waitForText('Proposed actions: 1 of 1 selected');
		ui.press('p');
		const frame = await ui.waitForText('+++');
		expect(frame).toContain(`   --- ${policyArn} (now)`);
		expect(frame).toContain(`   +++ ${policyArn} (after)`);
		expect(frame).toMatch(/^ {3}-\s+"Action": "\*",?$|^ {3}- +"\*",?$/m);
		expect(frame).toMatch(/^ {3}\+ +"s3:GetObject"$/m);
		expect(frame).toContain('   Can be undone: the state it replaces is recorded first.');
	});
});
