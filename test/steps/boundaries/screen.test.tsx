/**
 * Step 4's screen on the sandbox: the breakage guard reads last-accessed data on request and
 * names what a selected principal would lose; boxing in the caller asks separately.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../source/app.js';
import type { SandboxArea } from '../../../source/aws/sandbox/account-model.js';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { wizardSteps } from '../../../source/steps/registry.js';
import { ENTER, ESC, SPACE, TAB, cleanupInk, renderInk } from '../../helpers/render-ink.js';

afterEach(cleanupInk);

const now = new Date('2026-11-27T12:00:00Z');

function renderStep4(unreadable: SandboxArea[] = []) {
	const gateway = createSandboxGateway({ now: () => now, unreadable });
	const planContext = { now, thresholds: defaultThresholds, excluded: [] };
	const ui = renderInk(<App gateway={gateway} audit={new MemoryAuditSink()} planContext={planContext} steps={wizardSteps} onExit={() => undefined} now={() => now} initialStep={4} />, { columns: 150, rows: 50 });
	return { gateway, ui };
}

describe('step 4 screen', () => {
	it('lists each principal that can escalate once, no full administrator, sorted by what it reaches', async () => {
		const { ui } = renderStep4();
		const frame = await ui.waitForText('Findings (');
		const rows = frame.split('\n').filter((l) => l.includes('Privilege escalation:'));
		const principals = rows.map((l) => /Privilege escalation: (\S+)/.exec(l)![1]);
		expect(principals.length).toBeGreaterThan(5);
		expect(new Set(principals).size).toBe(principals.length);
		for (const admin of ['user/alice', 'user/service/terraform', 'role/jenkins-legacy', 'role/breakglass-admin']) expect(principals).not.toContain(admin);
		// Sorted by reach: full administrator first.
		expect(rows[0]).toContain('reaches full administrator');
		// The title counts the findings the step list counts, and the rows they fold into.
		const count = Number(/4 Permission boundaries\s+(\d+) findings/.exec(frame)![1]);
		const title = /Findings \((\d+) in (\d+) rows\)/.exec(frame)!;
		expect(Number(title[1])).toBe(count);
		expect(Number(title[2])).toBeLessThan(count);
		expect(frame).toContain(`rows 1–${rows.length} of ${title[2]}`);
	});

	// EC2 instances unread: the notebook's one-hop path through an instance is "if such an instance exists".
	it('Enter on a principal opens its paths, each hop with the statements that decide it; the unconditional two-hop path comes before a shorter conditional one', async () => {
		const { gateway, ui } = renderStep4(['ec2-instances']);
		await ui.waitForText('Findings (');
		ui.press(TAB);
		const row = /› CRITICAL Privilege escalation: role\/service-role\/data-science-notebook reaches full administrator in 2 hops/;
		// Down the findings until the cursor is on the notebook role's row.
		const cursor = (f: string) => /^› (?:CRITICAL|HIGH|MEDIUM|LOW) .*$/m.exec(f)?.[0];
		await ui.waitForFrame((f) => cursor(f) !== undefined);
		for (let i = 0; i < 60 && !row.test(ui.lastFrame()); i++) {
			const at = cursor(ui.lastFrame());
			ui.press('j');
			await ui.waitForFrame((f) => cursor(f) !== at);
		}
		expect(ui.lastFrame()).toMatch(row);
		ui.press(ENTER);
		const frame = await ui.waitForText('AssumeRole → full administrator, 2 hops');
		const lines = frame.split('\n').map((l) => l.trim());
		const first = lines.indexOf('AssumeRole → full administrator, 2 hops');
		expect(lines.slice(first + 1, first + 8)).toEqual([
			'1. role data-science-notebook —AssumeRole→ role policy-rollback',
			'sts:AssumeRole on arn:aws:iam::123456789012:role/policy-rollback: allowed',
			'allowed by power-user-no-iam statement 1',
			'trust statement 1 admits its account',
			'2. role policy-rollback —SetDefaultPolicyVersion→ full administrator',
			'iam:SetDefaultPolicyVersion on any customer-managed policy (e.g. a new one): allowed',
			'allowed by rollback-policies statement 1',
		]);
		// The shorter path through an instance IAM data does not show comes after it, marked conditional.
		expect(frame.indexOf('SSMSendCommand → full administrator, 1 hop, conditional')).toBeGreaterThan(frame.indexOf('AssumeRole → full administrator, 2 hops'));
		expect(gateway.history()).toEqual([]);
	});

	it('reads last-accessed data on l and shows what the boundary would remove from the selected principals', async () => {
		const { gateway, ui } = renderStep4();
		let frame = await ui.waitForText('Breakage guard');
		expect(frame).toContain('l reads last-accessed data of the principals proposed for a boundary');
		ui.press('l');
		frame = await ui.waitForText('Read last-accessed data of');
		expect(frame).toContain('the boundary would remove 1 of 3 permissions lambda-deployer used recently: lambda:UpdateFunctionCode.');
		expect(gateway.history()).toEqual([]);
	});

	it('boxing in the caller (alice) is not selected by default and is confirmed separately', async () => {
		const { gateway, ui } = renderStep4();
		let frame = await ui.waitForText('Proposed actions:');
		expect(frame).toMatch(/\[ \] Set permissions boundary iam-wizard-developer-boundary on user alice \(lock-out risk\)/);
		ui.press('j');
		await ui.waitForFrame((f) => /› \[ \] Set permissions boundary iam-wizard-developer-boundary on user alice/.test(f));
		ui.press(SPACE);
		await ui.waitForFrame((f) => /\[x\] Set permissions boundary iam-wizard-developer-boundary on user alice/.test(f));
		ui.press('p');
		frame = await ui.waitForText('Preview:');
		// Confirming waits for the policy gate on the boundary policy the batch creates.
		await ui.waitForText("Policy validation by the sandbox's local checks");
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-7 box in everyone');
		ui.press(ENTER);
		frame = await ui.waitForText('Lock-out risk:');
		expect(frame).toContain('the principal you are signed in as');
		ui.press(ESC);
		await ui.waitForFrame((f) => !f.includes('Lock-out risk:'));
		expect(gateway.history()).toEqual([]);
	});
});

describe('step 4 screen: editing the template', () => {
	it('e edits the services; p previews the edited boundary for the selected principals and applies it', async () => {
		const { gateway, ui } = renderStep4();
		await ui.waitForText('e edit services');
		ui.press('e');
		await ui.waitForText('Services the boundary allows');
		for (let i = 0; i < 200; i++) ui.press('\u007F');
		ui.type('s3, logs, nonsense:thing');
		ui.press(ENTER);
		let frame = await ui.waitForText('Template not changed');
		expect(frame).toContain('"nonsense:thing" is not a service prefix');
		ui.press('e');
		await ui.waitForText('Services the boundary allows');
		for (let i = 0; i < 200; i++) ui.press('\u007F');
		ui.type('s3, logs');
		ui.press(ENTER);
		frame = await ui.waitForText('Edited template: 2 services.');
		expect(frame).toContain('Template: edited, 2 services (s3, logs)');
		ui.press('p');
		frame = await ui.waitForText('Preview:');
		expect(frame).toMatch(/Create permissions boundary policy iam-wizard-developer-boundary-[0-9a-f]{6}/);
		expect(frame).not.toContain('on user alice');
		await ui.waitForText("Policy validation by the sandbox's local checks");
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-9 edited boundary');
		ui.press(ENTER);
		await ui.waitForText('Type the account ID');
		ui.type('123456789012');
		ui.press(ENTER);
		await ui.waitForText('Done:');
		const created = gateway.history().filter((h) => h.action.kind === 'iam:CreatePolicy');
		expect(created).toHaveLength(1);
		expect(JSON.stringify(created[0]!.action.params)).toContain('"s3:*","logs:*"');
		const model = await gateway.readAccount();
		expect(model.roles.find((r) => r.name === 'lambda-deployer')?.permissionsBoundary).toMatch(/policy\/boundaries\/iam-wizard-developer-boundary-[0-9a-f]{6}$/);
		expect(model.users.find((u) => u.name === 'alice')?.permissionsBoundary).toBeUndefined();
	});
});

describe('step 4 screen: the notes in full', () => {
	it('! shows every note and exclusion wrapped to the terminal, where the screen cuts them; b returns', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const planContext = { now, thresholds: defaultThresholds, excluded: [] };
		const ui = renderInk(<App gateway={gateway} audit={new MemoryAuditSink()} planContext={planContext} steps={wizardSteps} onExit={() => undefined} now={() => now} initialStep={4} />, { columns: 80, rows: 24 });
		let frame = await ui.waitForText('Findings (');
		expect(frame).toMatch(/! notes \(\d+\) · /);
		ui.press('!');
		frame = await ui.waitForText('Step 4 · Permission boundaries: notes');
		// The note the screen cuts at its end, here whole, no row wider than the terminal.
		const rows = frame.split('\n');
		const start = rows.findIndex((r) => r.startsWith('Not checked: Lambda functions'));
		const note = rows.slice(start, start + 5).join(' ').replace(/\s+/g, ' ');
		expect(note).toContain('were read in us-east-1 only: 4 principals may act on such resources, so one in another region that runs with a more privileged role gives a path not reported here.');
		expect(rows.every((r) => r.length <= 80)).toBe(true);
		expect(frame).toContain('managed by IAM Identity Center: set a permissions');
		ui.press('b');
		frame = await ui.waitForText('Proposed actions:');
		expect(frame).not.toContain(': notes');
	});
});
