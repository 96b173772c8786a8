/**
 * Step 6's t key on the sandbox, as an operator drives it: the ARN is checked (this
 * account's, the rules' region, a topic that exists), then the alert rules are previewed
 * sending to it — no topic created, its policy merged — and e subscribes to it too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../source/app.js';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import type { ActionParams } from '../../../source/core/actions.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { wizardSteps } from '../../../source/steps/registry.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { BACKSPACE, ENTER, cleanupInk, renderInk } from '../../helpers/render-ink.js';
import { confirmWithReason } from '../../helpers/confirm-batch.js';

afterEach(cleanupInk);

const now = new Date('2026-11-27T12:00:00Z');
const chosen = 'arn:aws:sns:us-east-1:123456789012:ops-notifications';

function renderStep6() {
	const gateway = createSandboxGateway({ now: () => now });
	const planContext = { now, thresholds: defaultThresholds, excluded: [] };
	const ui = renderInk(<App gateway={gateway} audit={new MemoryAuditSink()} planContext={planContext} steps={wizardSteps} onExit={() => undefined} now={() => now} initialStep={6} />, { columns: 160, rows: 50 });
	return { gateway, ui };
}

describe('step 6 screen: t chooses the alert topic', () => {
	it('refuses a foreign or missing topic, then previews and applies the alerts on the chosen one, and e subscribes to it', { timeout: 120_000 }, async () => {
		const { gateway, ui } = renderStep6();
		const applied = () => gateway.history().filter((h) => h.ok).map((h) => h.action);
		const retype = (text: string, previous: string) => {
			for (let i = 0; i < previous.length; i++) ui.press(BACKSPACE);
			ui.type(text);
			ui.press(ENTER);
		};
		await ui.waitForText('t choose the alert topic');
		ui.press('t');
		await ui.waitForText("SNS topic ARN for the alerts (this account's, in the rules' region):");
		const foreign = 'arn:aws:sns:us-east-1:210987654321:ops-notifications';
		ui.type(foreign);
		ui.press(ENTER);
		await ui.waitForText('is not a topic of this account (aws, 123456789012): choose one of its own topics.');
		const missing = 'arn:aws:sns:us-east-1:123456789012:no-such-topic';
		retype(missing, foreign);
		await ui.waitForText(`The chosen alert topic ${missing} does not exist`);
		expect(applied()).toEqual([]);
		retype(chosen, missing);

		let frame = await ui.waitForText('Preview: ');
		expect(frame).toContain('Let EventBridge publish to topic ops-notifications (chosen) (rules of this account only), keeping its policy');
		expect(frame).toContain("Send rule iam-wizard-root-activity's events to SNS topic ops-notifications (chosen)");
		expect(frame).not.toContain('Create SNS topic');
		await confirmWithReason(ui, 'SEC-9 alerts to the ops topic');
		frame = await ui.waitForText('Done:', 60_000);
		expect(applied().map((a) => a.kind)).not.toContain('sns:CreateTopic');
		const targets = applied()
			.filter((a) => a.kind === 'events:PutTargets')
			.flatMap((a) => (a.params as ActionParams['events:PutTargets']).Targets.map((t) => t.arn));
		expect(targets.length).toBeGreaterThanOrEqual(4);
		expect(new Set(targets)).toEqual(new Set([chosen]));
		ui.press(ENTER);

		// Back on step 6: the status names the chosen topic, and e subscribes to it without creating one.
		frame = await ui.waitForText(`topic ${chosen}`);
		ui.press('e');
		await ui.waitForText('E-mail address for the alerts:');
		ui.type('ops@acme.example');
		ui.press(ENTER);
		frame = await ui.waitForText('Preview: 1 change');
		expect(frame).toContain('Subscribe ops@acme.example to the alerts (SNS topic ops-notifications (chosen))');
	});
});
