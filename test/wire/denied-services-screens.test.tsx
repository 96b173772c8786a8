/**
 * Degrade, never die, on the screen: the wizard on a live account where every service but
 * IAM is denied (the loopback AWS answering AccessDenied as each protocol does). Each step
 * whose findings depend on a denied service says so where the operator looks, with the
 * action to grant, instead of showing a clean step that proposes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveGateway } from '../../source/aws/live/live-gateway.js';
import { App } from '../../source/app.js';
import { defaultThresholds } from '../../source/core/settings.js';
import { wizardSteps } from '../../source/steps/registry.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import { cleanupInk, renderInk } from '../helpers/render-ink.js';
import { fakeAws, now, onlyIamAllowed } from './wire-kit.js';

afterEach(cleanupInk);

async function wizardOnStep(step: number, columns = 220) {
	await fakeAws({ deny: onlyIamAllowed });
	const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1, now: () => now });
	return renderInk(
		<App
			gateway={gateway}
			audit={new MemoryAuditSink()}
			planContext={{ now, thresholds: defaultThresholds, excluded: [] }}
			steps={wizardSteps}
			onExit={() => undefined}
			now={() => now}
			verify={{ attempts: 2, delayMs: 0, sleep: async () => undefined }}
			initialStep={step}
		/>,
		{ columns, rows: 50 },
	);
}

const grant = (action: string) => `grant ${action} to the caller (policies/scan-only.json grants every read a scan makes).`;

describe('a live account where only IAM may be read', () => {
	it('step 2 says Access Analyzer was not read and what to grant', async () => {
		const ui = await wizardOnStep(2);
		await ui.waitForText(`Access Analyzer was not read: Access denied to access-analyzer:ListAnalyzers: ${grant('access-analyzer:ListAnalyzers')}`);
	});

	it('step 4 says the organization was not read (so SCPs were not applied) and what to grant', async () => {
		const ui = await wizardOnStep(4);
		await ui.waitForText(`Not checked: The organization was not read: Access denied to organizations:DescribeOrganization: ${grant('organizations:DescribeOrganization')}`);
	});

	it("step 5's guardrail section says the organization could not be read and what to grant", async () => {
		const ui = await wizardOnStep(5);
		await ui.waitForText('The organization could not be read: the guardrail falls back to an IAM policy on a group of people.');
		expect(ui.lastFrame()).toContain(`\nAccess denied to organizations:DescribeOrganization: ${grant('organizations:DescribeOrganization')}\n`);
	});

	it("step 5's list of all changes says the organization was not read and what to grant", async () => {
		const ui = await wizardOnStep(5);
		await ui.waitForText('MFA guardrail │');
		ui.press('[');
		await ui.waitForText(`Not checked: Access denied to organizations:DescribeOrganization: ${grant('organizations:DescribeOrganization')}`);
	});

	it('step 6 says Config and EventBridge were not read and what to grant, not only "not read"', async () => {
		const ui = await wizardOnStep(6);
		await ui.waitForText('Nothing to change in this step.');
		const frame = ui.lastFrame();
		expect(frame).toContain(`Not checked: Access denied to config:DescribeConfigurationRecorders: ${grant('config:DescribeConfigurationRecorders')}`);
		expect(frame).toContain(`Not checked: Access denied to events:ListRules: ${grant('events:ListRules')}`);
	});
});
