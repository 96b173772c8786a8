/**
 * Step 6's screen on the sandbox, as an operator drives it: e subscribes an e-mail address to
 * the alerts (validated, previewed, pending until confirmed), c names the bucket AWS Config
 * delivers to (S3's naming rules; a bucket the account has is reused with its policy kept),
 * h shows Security Hub's IAM.* controls, and the status follows a batch without r.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../source/app.js';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import type { Action } from '../../../source/core/actions.js';
import type { PolicyDocument } from '../../../source/core/policy-document.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { wizardSteps } from '../../../source/steps/registry.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { BACKSPACE, ENTER, ESC, cleanupInk, renderInk } from '../../helpers/render-ink.js';
import { confirmWithReason } from '../../helpers/confirm-batch.js';
import { renderSandboxWizard } from '../../helpers/render-wizard.js';

afterEach(cleanupInk);

const now = new Date('2026-11-27T12:00:00Z');

function renderStep6(size = { columns: 160, rows: 50 }) {
	const gateway = createSandboxGateway({ now: () => now });
	const planContext = { now, thresholds: defaultThresholds, excluded: [] };
	const ui = renderInk(<App gateway={gateway} audit={new MemoryAuditSink()} planContext={planContext} steps={wizardSteps} onExit={() => undefined} now={() => now} initialStep={6} />, size);
	return { gateway, ui };
}

/** Opens the e-mail prompt from step 6's review. */
async function openEmailPrompt(ui: ReturnType<typeof renderStep6>['ui']) {
	await ui.waitForText('e e-mail the alerts');
	ui.press('e');
	await ui.waitForText('E-mail address for the alerts:');
}

async function confirm(ui: ReturnType<typeof renderStep6>['ui'], reason: string) {
	await confirmWithReason(ui, reason);
	return ui.waitForText('Done:', 60_000);
}

const applied = (gateway: ReturnType<typeof renderStep6>['gateway']) => gateway.history().filter((h) => h.ok).map((h) => h.action);

describe('step 6 screen: e-mail subscription to the alerts', () => {
	it('checks the address, previews the topic and the Subscribe with what the confirmation e-mail means, and shows it pending', async () => {
		const { gateway, ui } = renderStep6();
		await openEmailPrompt(ui);
		ui.type('security@acme');
		ui.press(ENTER);
		await ui.waitForText('"acme" is not a mail domain (like example.com).');
		ui.type('.example');
		ui.press(ENTER);
		let frame = await ui.waitForText('Preview: 3 changes');
		expect(frame).toContain('Create SNS topic iam-wizard-alerts in us-east-1 for the alerts');
		expect(frame).toContain('Subscribe security@acme.example to the alerts (SNS topic iam-wizard-alerts)');
		expect(frame).toContain('AWS first e-mails security@acme.example a link to confirm the subscription.');
		expect(frame).toContain('No alert reaches the address until its recipient follows that link.');
		expect(applied(gateway)).toEqual([]);
		frame = await confirm(ui, 'SEC-1 alerts to the security mailbox');
		expect(frame).toContain('security@acme.example: PENDING until the link AWS e-mailed it is followed');
		expect(applied(gateway).map((a) => a.kind)).toEqual(['sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:Subscribe']);
		expect(applied(gateway)[2]!.params).toEqual({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:iam-wizard-alerts', Protocol: 'email', Endpoint: 'security@acme.example' });
		ui.press(ENTER);
		// Back on step 6, re-read: the status names the subscriber and that it is still pending.
		frame = await ui.waitForText('e-mail: security@acme.example PENDING confirmation');
		// The same address again is refused before anything is proposed.
		ui.press('e');
		await ui.waitForText('E-mail address for the alerts:');
		ui.type('Security@acme.example');
		ui.press(ENTER);
		await ui.waitForText('security@acme.example is subscribed already (its confirmation is pending');
	});
});

describe('step 6 screen: an e-mail subscription’s outcome at 80×24', () => {
	// Its line was drawn above the batch's screen in one row kept for it, whatever the number of subscriptions.
	it('says the address is pending under the Done title, within the rows the screen has', async () => {
		const { ui } = renderStep6({ columns: 80, rows: 24 });
		await openEmailPrompt(ui);
		ui.type('security@acme.example');
		ui.press(ENTER);
		await ui.waitForText('Preview: 3 changes');
		const frame = await confirm(ui, 'SEC-1 alerts to the security mailbox');
		const lines = frame.replace(/\n+$/, '').split('\n');
		expect(lines.length).toBeLessThanOrEqual(23);
		expect(lines[0]).toMatch(/^iam-wizard · account 123456789012/);
		expect(lines.at(-1)).toContain('q quit');
		const done = lines.findIndex((l) => l.startsWith('Done: 3 changes applied'));
		expect(done).toBeGreaterThan(0);
		expect(lines[done + 1]).toBe('security@acme.example: PENDING until the link AWS e-mailed it is followed');
		expect(lines.filter((l) => l.includes('security@acme.example: PENDING'))).toHaveLength(1);
	});
});

describe('step 6 screen: the bucket AWS Config delivers to', () => {
	it('refuses a name S3 would refuse, and reuses a bucket the account has, keeping its policy', async () => {
		const { gateway, ui } = renderStep6();
		await ui.waitForText("c name Config's bucket");
		ui.press('c');
		let frame = await ui.waitForText("S3 bucket for AWS Config's deliveries:");
		expect(frame).toContain('iam-wizard-config-123456789012-us-east-1');
		ui.type('Acme_Config');
		ui.press(ENTER);
		await ui.waitForText('A bucket name has only lowercase letters, digits, dots (.) and hyphens (-).');
		for (let i = 0; i < 'Acme_Config'.length; i++) ui.press(BACKSPACE);
		ui.type('acme-data-lake');
		ui.press(ENTER);
		frame = await ui.waitForText('Preview: ');
		expect(frame).not.toContain('Create S3 bucket');
		expect(frame).toContain("Add AWS Config's statements to the policy of existing bucket acme-data-lake (this account only)");
		frame = await confirm(ui, 'SEC-2 config to the data lake bucket');
		expect(applied(gateway).map((a) => a.kind)).toEqual(['iam:CreateServiceLinkedRole', 'config:PutConfigurationRecorder', 's3:PutBucketPolicy', 'config:PutDeliveryChannel', 'config:StartConfigurationRecorder']);
		const probe = { kind: 's3:PutBucketPolicy', params: { Bucket: 'acme-data-lake', Policy: { Version: '2012-10-17', Statement: [] } }, step: 6, findingIds: [], summary: '' } as Action;
		const { Policy } = (await gateway.readState(probe)) as { Policy: PolicyDocument };
		expect(Policy.Statement.map((s) => s.Sid)).toEqual(['DenyInsecureTransport', 'AWSConfigBucketPermissionsCheck', 'AWSConfigBucketExistenceCheck', 'AWSConfigBucketDelivery']);
		ui.press(ENTER);
		await ui.waitForText('Config us-east-1: recording');
	});

	it('Enter alone takes the proposed name and creates the bucket', async () => {
		const { ui } = renderStep6();
		await ui.waitForText("c name Config's bucket");
		ui.press('c');
		await ui.waitForText("S3 bucket for AWS Config's deliveries:");
		ui.press(ENTER);
		const frame = await ui.waitForText('Preview: ');
		expect(frame).toContain("Create S3 bucket iam-wizard-config-123456789012-us-east-1 for AWS Config's deliveries");
		expect(frame).toContain('Let AWS Config write to bucket iam-wizard-config-123456789012-us-east-1 (this account only)');
	});
});

describe('step 6 screen: status', () => {
	it('at 80x24 starts with the step title, then the status, then its findings and proposed actions', async () => {
		const { ui } = renderStep6({ columns: 80, rows: 24 });
		const frame = await ui.waitForText('Proposed actions:');
		const lines = frame.split('\n');
		const at = (text: string) => lines.findIndex((l) => l.includes(text));
		expect(at('Step 6 · Monitoring')).toBeGreaterThanOrEqual(0);
		expect(at('Step 6 · Monitoring')).toBeLessThan(at('Config us-east-1: NOT recording'));
		expect(at('Config us-east-1: NOT recording')).toBeLessThan(at('Findings (15)'));
		expect(frame).toMatch(/MEDIUM +No alert on/);
		expect(frame).toContain("Create AWS Config's service-linked role AWSServiceRoleForConfig");
	});

	it('h shows Security Hub; after the plan is applied the status shows the new state without r, and again after the rollback', { timeout: 120_000 }, async () => {
		const { ui } = renderStep6();
		let frame = await ui.waitForText('h Security Hub, Config verdicts');
		expect(frame).toContain('Config us-east-1: NOT recording · IAM rules 0/8');
		expect(frame).toContain('Alerts 0/4 fire');
		ui.press('h');
		frame = await ui.waitForText('Security Hub is not enabled in us-east-1');
		expect(frame).toContain("AWS Config's verdicts on its IAM rules in us-east-1");
		expect(frame).toContain('not deployed   iam-password-policy ↔ PASSWORD_POLICY_WEAK');
		ui.press(ESC);
		await ui.waitForText('h Security Hub, Config verdicts');
		ui.press('p');
		await ui.waitForText('Preview: ');
		frame = await confirm(ui, 'SEC-3 monitoring');
		expect(frame).toContain('Config us-east-1: recording · IAM rules 8/8, no verdict yet');
		expect(frame).toContain('Alerts 4/4 fire');
		expect(frame).toContain('Security Hub on, CIS PENDING, IAM controls not read yet');
		// The findings gone share a title and the subject "account": each line says which rule or alert it was.
		expect(frame).toContain('IAM Config rule missing: account · The IAM managed Config rule ACCESS_KEYS_ROTATED is not deployed');
		ui.press('u');
		await ui.waitForFrame((f) => /Roll back: \d+ changes/.test(f));
		await confirmWithReason(ui, 'SEC-3 undo');
		frame = await ui.waitForFrame((f) => /Rolled back: \d+ changes undone/.test(f), 60_000);
		expect(frame).toContain('Config us-east-1: NOT recording · IAM rules 0/8');
		expect(frame).toContain('Security Hub off');
	});
});

describe('step 6 screen: the step list after its plan is applied', () => {
	it('counts the findings again once the batch is verified, and once it is rolled back, with its outcome still on screen and without r', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = renderSandboxWizard(gateway, { initialStep: 6, columns: 140, rows: 40 });
		const step6 = (f: string) => /^› 6 Monitoring +(.+)$/m.exec(f)?.[1];
		let frame = await ui.waitForText('Proposed actions: 26 of 26 selected');
		expect(step6(frame)).toBe('15 findings · 26 selected · 0 applied');
		ui.press('p');
		await ui.waitForText('Preview: 26 changes');
		await confirmWithReason(ui, 'SEC-5 monitoring');
		await ui.waitForText('Done: 26 changes applied');
		// The account is read again and step 6's checks run on it: nothing left to find or to select.
		frame = await ui.waitForFrame((f) => step6(f) === '0 findings · 0 selected · 26 applied');
		expect(frame).toContain('Done: 26 changes applied');
		expect(frame).toContain('Gone (15): re-read and confirmed fixed');
		ui.press('u');
		await ui.waitForFrame((f) => /Roll back: \d+ changes/.test(f));
		await confirmWithReason(ui, 'SEC-5 undo');
		await ui.waitForFrame((f) => /Rolled back: \d+ changes undone/.test(f));
		// Read again: the findings the rollback brought back are counted, the rollback's outcome still on screen, and the undone changes no longer.
		frame = await ui.waitForFrame((f) => step6(f)?.startsWith('15 findings · 26 selected') === true);
		expect(frame).toMatch(/Rolled back: \d+ changes undone/);
		expect(step6(frame)).toMatch(/^15 findings · 26 selected · 0 applied\b/);
	});

	it('goes on counting the applied changes after r re-reads the account', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = renderSandboxWizard(gateway, { initialStep: 6, columns: 140, rows: 40 });
		const step6 = (f: string) => /^› 6 Monitoring +(.+)$/m.exec(f)?.[1];
		await ui.waitForText('Proposed actions: 26 of 26 selected');
		ui.press('p');
		await ui.waitForText('Preview: 26 changes');
		await confirmWithReason(ui, 'SEC-6 monitoring');
		await ui.waitForFrame((f) => step6(f) === '0 findings · 0 selected · 26 applied');
		ui.press('r');
		// The account keeps the 26 changes: back on the findings, the step list still says so.
		const frame = await ui.waitForFrame((f) => f.includes('Findings (0)') || f.includes('Proposed actions'));
		expect(frame).not.toContain('Done: 26 changes applied');
		expect(step6(frame)).toBe('0 findings · 0 selected · 26 applied');
	});
});

describe('step 6 screen: what each finding is about', () => {
	it('names the account, not the root user, for account-wide findings, and the root user for ROOT_* ones', async () => {
		const { ui } = renderStep6();
		const frame = await ui.waitForText('AWS Config not recording:');
		expect(frame).toContain('AWS Config not recording: account AWS Config is not recording');
		expect(frame).toContain('No alert on root use: account No enabled EventBridge rule');
		expect(frame).not.toMatch(/not recording: root|No alert on root use: root/);
		ui.press('p');
		const preview = await ui.waitForText('Preview: 26 changes');
		expect(preview).toContain('fixes CONFIG_RECORDER_OFF AWS Config not recording: account 123456789012');
		ui.press('b');
		await ui.waitForText('Proposed actions:');
		ui.press('1');
		const inventory = await ui.waitForText('Root user has an active access key:');
		expect(inventory).toContain('Root user has an active access key: root');
	});
});
