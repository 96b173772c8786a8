/**
 * Step 5's screen on the sandbox: one section at a time, [ and ] move between them, and the
 * access-key section previews its own batch without touching the account.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../source/app.js';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { MemoryAuditSink } from '../../../source/core/memory-audit-sink.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { wizardSteps } from '../../../source/steps/registry.js';
import { cleanupInk, renderInk } from '../../helpers/render-ink.js';

afterEach(cleanupInk);

const now = new Date('2026-11-27T12:00:00Z');

function renderStep5(options: { columns?: number; rows?: number } = {}) {
	const gateway = createSandboxGateway({ now: () => now });
	const audit = new MemoryAuditSink();
	const planContext = { now, thresholds: defaultThresholds, excluded: [] };
	const ui = renderInk(<App gateway={gateway} audit={audit} planContext={planContext} steps={wizardSteps} onExit={() => undefined} now={() => now} initialStep={5} />, {
		columns: options.columns ?? 120,
		rows: options.rows ?? 40,
	});
	return { gateway, ui, audit };
}

describe('step 5 screen', () => {
	it('opens on the guardrail section and moves through every section with ] and back with [', async () => {
		const { ui, gateway } = renderStep5();
		let frame = await ui.waitForText('MFA guardrail │ Password policy │ Root user │ Access keys │ All changes');
		expect(frame).toContain('Organization o-a1b2c3d4e5');
		ui.press(']');
		await ui.waitForText('Account password policy');
		ui.press(']');
		await ui.waitForText('Root user\n');
		ui.press(']');
		frame = await ui.waitForText('Long-lived access keys');
		expect(frame).toContain('Deactivate access key AKIAXMMTJ6LVW7CZ7ODJ of dave');
		ui.press(']');
		await ui.waitForText('Proposed actions:');
		ui.press(']');
		await ui.waitForText('Organization o-a1b2c3d4e5');
		ui.press('[');
		await ui.waitForText('Proposed actions:');
		expect(gateway.history()).toEqual([]);
	});

	it('the access-key section previews its deactivations as a batch of their own', async () => {
		const { ui, gateway } = renderStep5();
		await ui.waitForText('MFA guardrail │');
		ui.press('[', '[');
		await ui.waitForText('Long-lived access keys');
		ui.press('p');
		const preview = await ui.waitForText('Preview:');
		expect(preview).toContain('calls iam:UpdateAccessKey UserName=dave AccessKeyId=AKIAXMMTJ6LVW7CZ7ODJ Status=Inactive');
		expect(gateway.history()).toEqual([]);
	});
});
