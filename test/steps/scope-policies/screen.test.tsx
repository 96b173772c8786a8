/**
 * Step 3's screen on the sandbox, as an operator uses it: pick a wildcard policy, give it
 * ARNs and a source-IP condition, validate, preview the diff, apply, and roll back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../source/app.js';
import type { AwsGateway } from '../../../source/aws/gateway.js';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { customerPolicyArn } from '../../../source/aws/sandbox/seed-policies.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { wizardSteps } from '../../../source/steps/registry.js';
import { ENTER, SPACE, cleanupInk, renderInk } from '../../helpers/render-ink.js';
import { theCatalogue } from './scope-fixtures.js';
import { confirmWithReason } from '../../helpers/confirm-batch.js';

afterEach(cleanupInk);

const now = new Date('2026-11-27T12:00:00Z');
const noWait = { attempts: 2, delayMs: 0, sleep: async () => undefined };

async function renderStep3(gateway: AwsGateway, size = { columns: 150, rows: 50 }) {
	const audit = new MemoryAuditSink();
	const planContext = { now, thresholds: defaultThresholds, excluded: [], catalogue: await theCatalogue() };
	const ui = renderInk(<App gateway={gateway} audit={audit} planContext={planContext} steps={wizardSteps} onExit={() => undefined} now={() => now} verify={noWait} initialStep={3} />, size);
	return { ui, audit };
}

const cursorRow = (frame: string) => /^› \[[ x]\] \S (\S+) \(/m.exec(frame)?.[1];
const detailName = (frame: string) => /^(\S+) \((?:inline|customer-managed|aws-managed), /m.exec(frame)?.[1];

/** Moves the cursor down until the policy is under it and the detail pane has caught up. */
async function cursorTo(ui: Awaited<ReturnType<typeof renderStep3>>['ui'], name: string): Promise<void> {
	for (let i = 0; i < 30; i += 1) {
		const frame = await ui.waitForFrame((f) => cursorRow(f) !== undefined && cursorRow(f) === detailName(f));
		if (cursorRow(frame) === name) return;
		ui.press('j');
		await ui.waitForFrame((f) => cursorRow(f) !== cursorRow(frame));
	}
	throw new Error(`never reached ${name}`);
}

describe('step 3 screen', () => {
	it('scopes automation-iam-writes with chosen ARNs and a source-IP condition, applies it, and rolls it back', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const arn = customerPolicyArn('automation-iam-writes');
		const { ui, audit } = await renderStep3(gateway);
		let frame = await ui.waitForText('Findings (');
		expect(frame).toMatch(/Findings \(\d+\) in \d+ policies · 6 with a change ready · 0 selected/);
		await cursorTo(ui, 'automation-iam-writes');
		frame = await ui.waitForText('No change proposed: no evidence to scope it yet');

		ui.press('e');
		frame = await ui.waitForText('ARNs for statement 1 (iam:PutUserPolicy');
		// Known IAM principals are offered by number.
		expect(frame).toMatch(/^\d+\. arn:aws:iam::123456789012:(user|group|role)\//m);
		ui.type('arn:aws:iam::123456789012:role/batch-worker, arn:aws:iam::123456789012:user/service/*');
		ui.press(ENTER);
		await ui.waitForText('statement 1: 2 ARNs');
		ui.press('i');
		await ui.waitForText('Source IP ranges');
		ui.type('198.51.100.7/24');
		ui.press(ENTER);
		frame = await ui.waitForText('host bits set');
		expect(frame).toContain('! 198.51.100.7/24 has host bits set; did you mean 198.51.100.0/24?; not added.');
		ui.press('i');
		await ui.waitForText('Source IP ranges');
		ui.type('198.51.100.0/24');
		ui.press(ENTER);
		frame = await ui.waitForText('+ statement 1: source IP (198.51.100.0/24) condition added.');
		expect(frame).toContain('Validated locally (v asks the gateway): no errors or security warnings · 1 action: CreatePolicyVersion');

		ui.press('v');
		frame = await ui.waitForText("The sandbox's checks: no errors or security warnings");
		expect(frame).toContain("Validated by the sandbox's checks: no errors or security warnings");

		ui.press('p');
		frame = await ui.waitForText('+++');
		expect(frame).toContain('Preview: 1 change to account 123456789012. Nothing has been changed yet.');
		expect(frame).toMatch(/^ {3}\+ +"arn:aws:iam::123456789012:role\/batch-worker",$/m);
		expect(frame).toMatch(/^ {3}\+ +"198\.51\.100\.0\/24"$/m);
		expect(frame).toMatch(/^ {3}- +"\*"$/m);
		expect(gateway.history()).toEqual([]);
		// Confirming waits for the policy gate on the scoped document.
		await ui.waitForText("Policy validation by the sandbox's local checks");
		await confirmWithReason(ui, 'SEC-42 scope automation');
		const done = await ui.waitForText('Done: 1 change applied');
		expect(done).toContain('u roll back this change (previewed and confirmed first)');

		let policy = (await gateway.readAccount()).policies.find((p) => p.arn === arn)!;
		expect(policy.defaultVersionId).toBe('v2');
		expect(policy.versions.find((v) => v.isDefault)!.document.Statement[0]!.Condition).toEqual({ IpAddress: { 'aws:SourceIp': ['198.51.100.0/24'] } });
		expect(audit.entries.filter((e) => e.type === 'intent').map((e) => [(e as { action: { kind: string } }).action.kind, (e as { reason: string }).reason])).toEqual([['iam:CreatePolicyVersion', 'SEC-42 scope automation [policies validated by the sandbox (local checks)]']]);

		ui.press('u');
		await ui.waitForText('Roll back: 2 changes');
		await confirmWithReason(ui, 'undo SEC-42');
		await ui.waitForText('Rolled back: 2 changes undone');
		policy = (await gateway.readAccount()).policies.find((p) => p.arn === arn)!;
		expect(policy.defaultVersionId).toBe('v1');
		expect(policy.versions.map((v) => v.versionId)).toEqual(['v1']);
		expect(gateway.history().map((h) => [h.action.kind, h.ok])).toEqual([
			['iam:CreatePolicyVersion', true],
			['iam:SetDefaultPolicyVersion', true],
			['iam:DeletePolicyVersion', true],
		]);
	});

	it('counts the policies selected on the screen in the step list too, and keeps them when the operator leaves the step and comes back', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = await renderStep3(gateway);
		const selectedOnScreen = (f: string) => /· (\d+) selected · ✓ ready/.exec(f)?.[1];
		const selectedInList = (f: string) => /^› 3 Scope policies +\d+ findings · (\d+) selected/m.exec(f)?.[1];
		let frame = await ui.waitForFrame((f) => selectedOnScreen(f) !== undefined && selectedInList(f) !== undefined);
		expect([selectedOnScreen(frame), selectedInList(frame)]).toEqual(['0', '0']);
		await cursorTo(ui, 'policy-fixer');
		ui.press(SPACE);
		frame = await ui.waitForFrame((f) => selectedOnScreen(f) === '1');
		expect(selectedInList(frame)).toBe('1');
		expect(frame).toMatch(/^› \[x\] ✓ policy-fixer \(inline\)/m);

		ui.press('4');
		await ui.waitForText('Step 4 · ');
		ui.press('3');
		frame = await ui.waitForFrame((f) => selectedOnScreen(f) !== undefined);
		expect([selectedOnScreen(frame), selectedInList(frame)]).toEqual(['1', '1']);
		expect(frame).toMatch(/^. \[x\] ✓ policy-fixer \(inline\)/m);
	});

	it('counts the findings a batch removed in the step list as soon as its verification shows them gone', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = await renderStep3(gateway);
		const findingsInList = (f: string) => Number(/^› 3 Scope policies +(\d+) findings/m.exec(f)?.[1]);
		const before = findingsInList(await ui.waitForFrame((f) => /^› 3 Scope policies +\d+ findings/m.test(f) && f.includes('Findings (')));
		await cursorTo(ui, 'policy-fixer');
		ui.press('p');
		await ui.waitForText('+++');
		await ui.waitForText("Policy validation by the sandbox's local checks");
		await confirmWithReason(ui, 'SEC-43 MFA on policy-fixer');
		let frame = await ui.waitForText('Done: 1 change applied');
		expect(frame).toMatch(/Gone/);
		// Still on the batch's outcome: the step list has re-read the account without the operator going back.
		frame = await ui.waitForFrame((f) => f.includes('Done: 1 change applied') && /^› 3 Scope policies +\d+ findings · \d+ selected · 1 applied/m.test(f) && findingsInList(f) < before);
		expect(findingsInList(frame)).toBe(before - 1);
	});

	it('shows its cut lines whole on !: the notes and the detail of the policy under the cursor, and goes back to the same policy', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = await renderStep3(gateway);
		const note = 'Not checked: Access Analyzer ValidatePolicy was not run: POLICY_VALIDATION comes from local checks (unknown actions, mismatched resources, PassRole on *, size), a subset of its checks.';
		let frame = await ui.waitForText('Not checked: ');
		// 150 columns cut the note.
		expect(frame).not.toContain('a subset of its checks.');
		expect(frame).toContain('! whole lines');
		await cursorTo(ui, 'oncall-group-tweaks');
		ui.press('!');
		frame = await ui.waitForText('Step 3 · Scope policies: notes and oncall-group-tweaks, whole');
		const unwrapped = frame.replace(/\n {2}/g, ' ');
		expect(unwrapped).toContain(note);
		expect(unwrapped).toMatch(/^oncall-group-tweaks \(inline, attached to group \S+\)$/m);
		expect(unwrapped).toMatch(/^Validated locally \(v asks the gateway\): no errors or security warnings · 1 action: PutGroupPolicy$/m);
		expect(frame).not.toMatch(/^› \[/m);
		ui.press('!');
		frame = await ui.waitForFrame((f) => f.includes('Step 3 · Scope policies\n'));
		expect(cursorRow(frame)).toBe('oncall-group-tweaks');
	});

	it('gives the list the rows the detail does not need: 7 rows at 80×24 (the step list on two lines), 19 at 140×40, and the ARN prompt fits 80×24', async () => {
		const lineCount = (frame: string) => frame.replace(/\n+$/, '').split('\n').length;
		let { ui } = await renderStep3(createSandboxGateway({ now: () => now }), { columns: 80, rows: 24 });
		let frame = await ui.waitForFrame((f) => /^policy-fixer \(inline/m.test(f));
		expect(frame).toContain('rows 1–7 of 23');
		expect(lineCount(frame)).toBeLessThanOrEqual(24);
		ui.press('e');
		frame = await ui.waitForText('ARNs for statement 1');
		expect(lineCount(frame)).toBeLessThanOrEqual(24);
		expect(frame.split('\n')[0]).toMatch(/^iam-wizard · account 123456789012/);
		expect(frame).toContain('1. arn:aws:iam::123456789012:user/alice');
		expect(frame).toMatch(/…\d+ more known; type any ARN/);
		cleanupInk();

		({ ui } = await renderStep3(createSandboxGateway({ now: () => now }), { columns: 140, rows: 40 }));
		frame = await ui.waitForFrame((f) => /^policy-fixer \(inline/m.test(f));
		expect(frame).toContain('rows 1–19 of 23');
		// Every row but the last, which Ink leaves for the cursor: no empty rows under the detail.
		expect(lineCount(frame)).toBe(39);
	});

	it('says why nothing is proposed for an AWS-managed policy, and applies nothing on p', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = await renderStep3(gateway);
		await ui.waitForText('Findings (');
		await cursorTo(ui, 'AdministratorAccess');
		await ui.waitForText('No change proposed: AWS-managed: AWS alone can change it');
		ui.press('p');
		await ui.waitForText('Nothing to apply for AdministratorAccess: AWS-managed');
		expect(gateway.history()).toEqual([]);
	});

	it("previews the operator's own policy with the deletion that makes room, and asks about the lock-out on its own before applying", async () => {
		const base = createSandboxGateway({ now: () => now });
		const caller = { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/contractors/mallory', userId: 'AIDAMALLORY' };
		const gateway: AwsGateway = { ...base, callerIdentity: async () => caller, readAccount: async (o) => ({ ...(await base.readAccount(o)), caller }) };
		const policy = customerPolicyArn('contractor-iam-helper');
		const { ui } = await renderStep3(gateway);
		await ui.waitForText('Findings (');
		await cursorTo(ui, 'contractor-iam-helper');
		ui.press('p');
		// Read as one text: the lock-out line wraps at the terminal's edge.
		// Confirming waits for the policy check.
		let frame = (await ui.waitForFrame((f) => f.includes('Lock-out risk') && f.includes('Policy validation by'))).replace(/\s*\n\s*/g, ' ');
		// Both actions are in the batch: the new version alone would be a sixth.
		expect(frame).toMatch(/1\. Delete version v1 .* of contractor-iam-helper/);
		expect(frame).toContain('2. Make a scoped version of contractor-iam-helper the default');
		expect(frame).toContain(`Lock-out risk, asked about on its own before anything is applied: Changes policy ${policy}, which user mallory you are signed in as has attached to it`);
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('CHG-7');
		ui.press(ENTER);
		frame = await ui.waitForText('Go on despite this risk? [y/N]');
		expect(frame).toContain(`Lock-out risk: Changes policy ${policy}`);
		ui.press('n');
		await ui.waitForFrame((f) => !f.includes('Go on despite this risk'));
		expect(base.history()).toEqual([]);
	});

	it('reads last-accessed data on l and proposes dropping what was never used', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = await renderStep3(gateway);
		await ui.waitForText('Findings (');
		await cursorTo(ui, 'deploy-functions');
		await ui.waitForText('No change proposed: no evidence to scope it yet');
		ui.press('l');
		const frame = await ui.waitForText('Read last-accessed data of 1 principal.');
		expect(frame).toContain('+ statement 1: removed, none of its actions was used (iam:AttachRolePolicy).');
		expect(frame).toContain('1 action: PutRolePolicy');
		expect(gateway.history()).toEqual([]);
	});

	it('validates a locally checked proposal through the gateway before the preview, and does not preview one it rejects', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui } = await renderStep3(gateway);
		let frame = await ui.waitForText('Findings (');
		await cursorTo(ui, 'policy-fixer');
		frame = await ui.waitForText('Validated locally (v asks the gateway)');
		ui.press('p');
		frame = await ui.waitForText('+++');
		// The summary says who validated it (cut at the frame's width).
		expect(frame.replace(/\n {2,}/g, ' ')).toContain("1. Replace inline policy policy-fixer of user peggy with a scoped version (POLICY_SENSITIVE_NO_MFA; validated by the sandbox's checks)");

		cleanupInk();
		const refusing: AwsGateway = Object.assign(Object.create(gateway) as AwsGateway, {
			validatePolicy: async () => [{ findingType: 'SECURITY_WARNING' as const, issueCode: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', detail: 'stand-in answer' }],
		});
		const second = await renderStep3(refusing);
		await second.ui.waitForText('Findings (');
		await cursorTo(second.ui, 'policy-fixer');
		second.ui.press('p');
		frame = await second.ui.waitForText('Not previewed:');
		expect(frame).toContain('Not previewed: policy-fixer: the scoped version fails validation: PASS_ROLE_WITH_STAR_IN_RESOURCE: stand-in answer');
		expect(gateway.history()).toEqual([]);
	});
});
