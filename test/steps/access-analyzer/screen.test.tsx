/** Step 2's screen on the sandbox: triage (archive with a reason, mark), a trust fix, analyzer creation and policy generation. */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../source/app.js';
import { createSandboxGateway, type SandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import type { Action } from '../../../source/core/actions.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { readGeneratedPolicies } from '../../../source/settings/generated-policies.js';
import { readRemediationMarks } from '../../../source/settings/remediation-marks.js';
import { wizardSteps } from '../../../source/steps/registry.js';
import { ARROW_DOWN, ARROW_RIGHT, CTRL_C, ENTER, TAB, cleanupInk, renderInk } from '../../helpers/render-ink.js';
import { confirmWithReason } from '../../helpers/confirm-batch.js';

afterEach(cleanupInk);

const now = new Date('2026-11-27T12:00:00Z');
const noWait = { attempts: 2, delayMs: 0, sleep: async () => undefined };
const trailArn = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events';

function renderStep2(gateway: SandboxGateway, size = { columns: 150, rows: 50 }) {
	const audit = new MemoryAuditSink();
	const ui = renderInk(
		<App gateway={gateway} audit={audit} planContext={{ now, thresholds: defaultThresholds, excluded: [] }} steps={wizardSteps} onExit={() => undefined} now={() => now} verify={noWait} initialStep={2} />,
		size,
	);
	return { ui, audit };
}

async function confirm(ui: ReturnType<typeof renderInk>, reason: string) {
	await confirmWithReason(ui, reason);
	return ui.waitForText('Done:');
}

describe('step 2 screen', () => {
	it('offers Enter details only on a finding row, where Enter opens it; a resource row does not promise it', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = renderStep2(gateway);
		// The cursor starts on the first resource, role/breakglass-admin.
		let frame = await ui.waitForText('d defer to step 3/5 (1 finding on role/breakglass-admin)');
		expect(frame).toMatch(/^› role\/breakglass-admin /m);
		expect(frame).not.toContain('Enter details');
		ui.press(ARROW_DOWN);
		frame = await ui.waitForText('Enter details · x archive');
		ui.press(ENTER);
		frame = await ui.waitForText('back to the findings');
		expect(frame).toContain('Resource: arn:aws:iam::123456789012:role/breakglass-admin');
	});

	it('shows the lines 80 columns cut whole on !, and goes back to the same row', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = renderStep2(gateway, { columns: 80, rows: 24 });
		let frame = await ui.waitForFrame((f) => f.includes('! whole lines') && /^› role\/breakglass-admin /m.test(f));
		expect(frame).toContain('Analyzers: unused-access (ACCOUNT_UNUSED_ACCESS, 90 days, ACTIVE) · no external…');
		ui.press(ARROW_DOWN);
		frame = await ui.waitForFrame((f) => /^› {3}UNUSED {3}Role unused/m.test(f));
		ui.press('!');
		frame = await ui.waitForText('Step 2 · Access Analyzer: notes, whole');
		expect(frame.replace(/\n {2}/g, ' ')).toContain('Analyzers: unused-access (ACCOUNT_UNUSED_ACCESS, 90 days, ACTIVE) · no external-access analyzer: c creates one');
		expect(frame).toContain('Findings (10) · analyzer findings by resource 7 · setup and trust 3');
		// The triage keys are off while the lines are open.
		ui.press('x');
		ui.press('!');
		frame = await ui.waitForText('Step 2 · Access Analyzer\n');
		expect(frame).toMatch(/^› {3}UNUSED {3}Role unused/m);
		expect(frame).not.toContain('Archive this finding');
	});

	it('lists analyzer findings grouped by resource and archives one with a reason through UpdateFindings', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui, audit } = renderStep2(gateway);
		const frame = await ui.waitForText('analyzer findings by resource 7');
		expect(frame).toContain('Analyzers: unused-access (ACCOUNT_UNUSED_ACCESS, 90 days, ACTIVE) · no external-access analyzer: c creates one');
		expect(frame).toContain('user/erin AWS::IAM::User · 2 findings');
		expect(frame).toMatch(/user\/erin AWS::IAM::User · 2 findings\n\s+UNUSED {3}Access key unused \(AKIA\w+, last used 2026-06-20\)\n\s+UNUSED {3}Password unused \(last used 2026-05-01\)/);
		// The cursor starts on the first resource, role/breakglass-admin; its finding is the row below.
		ui.press(ARROW_DOWN);
		await ui.waitForText('d defer to step 3/5 (1 finding on role/breakglass-admin)');
		ui.press('x');
		await ui.waitForText('Archive this finding: why (written to the change log)?');
		ui.type('break-glass role, kept idle on purpose (SEC-5)');
		ui.press(ENTER);
		const preview = await ui.waitForText('Preview: 1 change');
		expect(preview).toContain('Archive analyzer finding on arn:aws:iam::123456789012:role/breakglass-admin: break-glass role, kept idle on purpose (SEC-5)');
		const done = await confirm(ui, 'SEC-5');
		expect(done).toContain('Gone (1)');
		const call = gateway.history().at(-1)!;
		expect(call.ok).toBe(true);
		expect(call.action.kind).toBe('access-analyzer:UpdateFindings');
		const params = call.action.params as { ids: string[]; status: string; reason: string };
		expect(params.status).toBe('ARCHIVED');
		expect(params.reason).toBe('break-glass role, kept idle on purpose (SEC-5)');
		expect(gateway.analyzerFindings().find((f) => f.id === params.ids[0])!.status).toBe('ARCHIVED');
		expect(audit.entries.some((e) => e.type === 'result' && e.ok && (e.inverse as Action | null)?.kind === 'access-analyzer:UpdateFindings')).toBe(true);
		ui.press('b');
		await ui.waitForText('analyzer findings by resource 6');
	});

	it('opens the finding under the cursor when Enter follows a move at once (a fast typist)', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = renderStep2(gateway);
		await ui.waitForText('analyzer findings by resource 7');
		// The cursor starts on role/breakglass-admin's resource row; Enter comes before the next render.
		ui.press(ARROW_DOWN, ENTER);
		const frame = await ui.waitForText('back to the findings');
		expect(frame).toContain('breakglass-admin');
		expect(frame).not.toContain('analyzer findings by resource 7');
	});

	it('marks a finding for step 5, kept where the later step reads it', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = renderStep2(gateway);
		await ui.waitForText('analyzer findings by resource 7');
		for (let i = 0; i < 8; i += 1) ui.press(ARROW_DOWN);
		await ui.waitForText('(2 findings on user/erin)');
		ui.press('d');
		await ui.waitForText('Mark 2 findings for remediation in:');
		ui.press('5');
		const frame = await ui.waitForText('Marked 2 findings for step 5');
		expect(frame).toContain('→ step 5');
		expect(frame).toContain('1 Inventory');
		const marks = readRemediationMarks().filter((m) => m.resource === 'arn:aws:iam::123456789012:user/erin');
		expect(marks.map((m) => m.step)).toEqual([5, 5]);
		expect(gateway.history()).toEqual([]);
	});

	it('creates the external-access analyzer, then fixes an over-open trust policy', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = renderStep2(gateway);
		await ui.waitForText('analyzer findings by resource 7');
		ui.press('c');
		await ui.waitForText('a ACCOUNT: this account 123456789012 · o ORGANIZATION o-a1b2c3d4e5');
		ui.press('a');
		const preview = await ui.waitForText('Preview: 1 change');
		expect(preview).toContain('Create external-access analyzer iam-wizard-external-access (ACCOUNT: zone of trust is account 123456789012)');
		await confirm(ui, 'SEC-6');
		ui.press('b');
		await ui.waitForText('iam-wizard-external-access (ACCOUNT, ACTIVE)');
		await ui.waitForFrame((f) => /analyzer findings by resource (\d+)/.exec(f)?.[1] !== '7' && !f.includes('loading page'));
		ui.press(TAB);
		await ui.waitForText('f fix trust of role/legacy-cross-account-access');
		ui.press('f');
		await ui.waitForText('Fix the trust policy of role legacy-cross-account-access:');
		ui.press('n');
		await ui.waitForText('Principal ARN to trust:');
		ui.type('arn:aws:iam::123456789012:role/automation-runner');
		ui.press(ENTER);
		const fix = await ui.waitForText('Preview: 1 change');
		expect(fix).toContain('Fix the trust policy of role legacy-cross-account-access: trust only arn:aws:iam::123456789012:role/automation-runner');
		expect(fix).toContain('+          "arn:aws:iam::123456789012:role/automation-runner"');
		const done = await confirm(ui, 'SEC-7');
		expect(done).toContain('Role trusts any principal');
		const role = (await gateway.readAccount()).roles.find((r) => r.name === 'legacy-cross-account-access')!;
		expect(role.trustPolicy.Statement[0]!.Principal).toEqual({ AWS: ['arn:aws:iam::123456789012:role/automation-runner'] });
	});

	it('generates a policy for a role: spinner while the job runs, then the policy, kept for step 3', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = renderStep2(gateway);
		await ui.waitForText('analyzer findings by resource 7');
		ui.press('l');
		await ui.waitForText('Enter chooses role ');
		// lambda-deployer is the tenth role that is not service-linked.
		for (let i = 0; i < 9; i += 1) ui.press(ARROW_DOWN);
		await ui.waitForText('Enter chooses role lambda-deployer');
		ui.press(ENTER);
		await ui.waitForText('Enter chooses trail management-events');
		ui.press(ENTER);
		await ui.waitForText('Days of activity to read (1–90): 90');
		ui.press(ENTER);
		await ui.waitForText('Role Access Analyzer reads the trail with:');
		ui.press(ENTER);
		const preview = await ui.waitForText('Preview: 1 change');
		expect(preview).toContain('Generate a policy for lambda-deployer from 90 days of CloudTrail activity');
		await confirm(ui, 'SEC-8');
		ui.press('b');
		await ui.waitForText('Generating a policy for lambda-deployer from CloudTrail');
		const result = await ui.waitForText('kept as the proposed scope for step 3', 10_000);
		expect(result).toContain('"lambda:UpdateFunctionCode"');
		const saved = readGeneratedPolicies().find((e) => e.principalArn === 'arn:aws:iam::123456789012:role/lambda-deployer');
		expect(saved?.trailArn).toBe(trailArn);
		expect(saved?.window).toEqual({ start: '2026-08-29T12:00:00.000Z', end: '2026-11-27T12:00:00.000Z' });
		expect(result).toContain(saved!.jobId);
	});

	it('says so when a generation job is already running, and follows it on request', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		await gateway.apply({
			kind: 'access-analyzer:StartPolicyGeneration',
			params: { principalArn: 'arn:aws:iam::123456789012:role/build-runner', trailArn, accessRole: 'arn:aws:iam::123456789012:role/x', startTime: '2026-10-01T00:00:00Z', endTime: '2026-11-27T00:00:00Z' },
			step: 2,
			findingIds: [],
			summary: 'started elsewhere',
		});
		const { ui } = renderStep2(gateway);
		await ui.waitForText('analyzer findings by resource 7');
		ui.press('l');
		await ui.waitForText('Enter chooses role ');
		ui.press(ENTER);
		await ui.waitForText('Enter chooses trail management-events');
		ui.press(ENTER);
		await ui.waitForText('Days of activity to read');
		ui.press(ENTER);
		await ui.waitForText('Role Access Analyzer reads the trail with:');
		ui.press(ENTER);
		const notice = await ui.waitForText('is already running');
		expect(notice.replace(/\n/g, ' ')).toContain('for arn:aws:iam::123456789012:role/build-runner: Access Analyzer runs one at a time. w follows it');
		expect(gateway.history()).toHaveLength(1);
		ui.press('w');
		const result = await ui.waitForText('kept as the proposed scope for step 3', 10_000);
		expect(result).toContain('arn:aws:iam::123456789012:role/build-runner');
	});

	it('previews the changes the plan proposes (the analyzer, the default trust fixes) through the step itself', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = renderStep2(gateway);
		await ui.waitForText('p preview the 3 proposed changes');
		ui.press('p');
		const preview = await ui.waitForText('Preview: 3 changes');
		expect([...preview.matchAll(/^ {3}calls (\S+)/gm)].map((m) => m[1])).toEqual(['access-analyzer:CreateAnalyzer', 'iam:UpdateAssumeRolePolicy', 'iam:UpdateAssumeRolePolicy']);
		ui.press('b');
		await ui.waitForText('p preview the 3 proposed changes');
		expect(gateway.history()).toEqual([]);
	});

	/** The whole wizard on step 2, archiving one finding with its change held in flight until `release`. */
	async function archiveHeld(reason: string) {
		const sandbox = createSandboxGateway({ now: () => now });
		let release: () => void = () => undefined;
		const held = new Promise<void>((resolve) => (release = resolve));
		const gateway = Object.assign(Object.create(sandbox) as SandboxGateway, { apply: async (action: Action) => (await held, sandbox.apply(action)) });
		const audit = new MemoryAuditSink();
		let exits = 0;
		const ui = renderInk(
			<App gateway={gateway} audit={audit} planContext={{ now, thresholds: defaultThresholds, excluded: [] }} steps={wizardSteps} onExit={() => (exits += 1)} now={() => now} verify={noWait} initialStep={2} />,
			{ columns: 150, rows: 50 },
		);
		await ui.waitForText('analyzer findings by resource 7');
		ui.press(ARROW_DOWN);
		await ui.waitForText('(1 finding on role/breakglass-admin)');
		ui.press('x');
		await ui.waitForText('Archive this finding');
		ui.type('kept idle on purpose');
		ui.press(ENTER);
		await ui.waitForText('Preview: 1 change');
		await confirmWithReason(ui, reason);
		await ui.waitForText('Applying 1 of 1');
		return { ui, sandbox, audit, release, exits: () => exits };
	}

	it('does not quit in the middle of a batch composed on the screen', async () => {
		const { ui, sandbox, release, exits } = await archiveHeld('SEC-11');
		ui.press('q');
		await ui.waitForText('Changes are being applied: Esc stops after the current change; quit once it has stopped.');
		expect(exits()).toBe(0);
		// Nor does it move to another step, which would stop the batch's machine while the change goes on.
		ui.press(ARROW_RIGHT);
		await ui.waitForText("move to another step once it has stopped.");
		expect(ui.lastFrame()).toMatch(/^› 2 Access Analyzer/m);
		ui.press('4');
		release();
		// The batch ran to its end on step 2's screen, the keys pressed meanwhile left unheeded.
		expect(await ui.waitForText('Done: 1 change applied')).toMatch(/^› 2 Access Analyzer/m);
		expect(sandbox.history().map((h) => h.action.kind)).toEqual(['access-analyzer:UpdateFindings']);
	});

	it('on Ctrl+C in the middle of a batch composed on the screen, stops after the current change and records it before the wizard exits', async () => {
		const { ui, sandbox, audit, release, exits } = await archiveHeld('SEC-12');
		ui.press(CTRL_C);
		await ui.waitForText('Stopping after the current change…');
		// The shell waits for the change in flight: exiting now would close the change log before its result is written.
		expect(exits()).toBe(0);
		release();
		await expect.poll(exits).toBe(1);
		expect(sandbox.history().map((h) => h.action.kind)).toEqual(['access-analyzer:UpdateFindings']);
		expect(audit.entries.flatMap((e) => (e.type === 'result' ? [e.ok] : []))).toEqual([true]);
	});

	it('opens an analyzer finding to show what Access Analyzer reported', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = renderStep2(gateway);
		await ui.waitForText('analyzer findings by resource 7');
		ui.press(ARROW_DOWN, ARROW_DOWN, ARROW_DOWN);
		await ui.waitForText('(1 finding on role/jenkins-legacy)');
		ui.press(ENTER);
		const frame = await ui.waitForText('Evidence');
		expect(frame).toContain('MEDIUM UNUSED_ACCESS: Unused access');
		expect(frame).toContain('Resource: arn:aws:iam::123456789012:role/jenkins-legacy');
		expect(frame).toContain('"findingType": "UnusedIAMRole"');
		expect(frame).toContain('"analyzerArn": "arn:aws:access-analyzer:us-east-1:123456789012:analyzer/unused-access"');
		ui.press('b');
		await ui.waitForText('analyzer findings by resource 7');
	});
});
