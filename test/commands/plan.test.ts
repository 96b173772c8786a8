import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../../source/audit/signing-key.js';
import { checkPlanSignature } from '../../source/commands/plan-signature.js';
import { runProgram } from '../../source/commands/program.js';
import { appPaths } from '../../source/settings/paths.js';
import { captureIo } from '../helpers/command-io.js';
import { account, apply, makePlan, now, sandbox, workspace } from './plan-apply-kit.js';

describe('plan', () => {
	it("writes the steps' default actions with the digest of the state each depends on, signed with the change-log key", async () => {
		const { dir } = workspace();
		const gateway = sandbox();
		const { plan, run: result } = await makePlan(dir, gateway);
		expect(result.code).toBe(0);
		expect(plan.format).toBe('iam-wizard-plan');
		expect(plan.tool).toEqual({ name: 'iam-wizard', version: expect.any(String) });
		expect(plan.account).toEqual({ id: account, alias: 'acme-sandbox' });
		expect(plan.caller).toBe('arn:aws:iam::123456789012:user/alice');
		expect(plan.createdAt).toBe(now.toISOString());
		expect(plan.source).toEqual({ kind: 'demo', description: expect.stringContaining('demo') });
		expect(plan.steps).toEqual([5]);
		expect(plan.actions.length).toBeGreaterThan(3);
		for (const entry of plan.actions) {
			// A migrated workload's key (the seed's report-bot) goes because its role took over, not for a finding.
			if (!entry.action.summary.includes('its workload uses role')) expect(entry.action.findingIds.length).toBeGreaterThan(0);
			expect(entry.stateDigest).toMatch(/^[0-9a-f]{64}$/);
			if (entry.action.kind === 'iam:UpdateAccessKey') expect(entry.resource).toMatch(/^access key AKIA\w+ of user [\w-]+$/);
		}
		// Keys, then the MFA guardrail, then the password policy.
		expect([...new Set(plan.actions.map((a) => a.action.kind))]).toEqual(['iam:UpdateAccessKey', 'organizations:CreatePolicy', 'organizations:AttachPolicy', 'iam:UpdateAccountPasswordPolicy']);
		// The caller's own key is never proposed: it is held back, with the reason; so are old keys still in use, with what to do instead.
		expect(plan.heldBack.map((h) => h.reason)).toEqual([
			expect.stringContaining('the key you are signed in with'),
			expect.stringMatching(/^access key \w+ is not rotated but in use .*Rotate it instead/),
			expect.stringMatching(/^access key \w+ is not rotated but in use .*Move the workload to a role instead \(m in the access-key section, or plan --migrate ci-deploy=TRUST\)/),
			expect.stringMatching(/^access key \w+ is not rotated but in use .*SES SMTP credentials/),
		]);
		const deactivated = plan.actions.filter((a) => a.action.kind === 'iam:UpdateAccessKey').map((a) => (a.action.params as { UserName: string }).UserName);
		expect(deactivated).toEqual(['erin', 'backup-agent', 'legacy-etl', 'report-bot']);
		expect(plan.confirmation.level).toBe('typed-account-id');
		expect(plan.summary.split('\n')[0]).toBe(`${plan.actions.length} actions on account ${account}, step 5`);
		const key = await loadOrCreateSigningKey({ keysDir: appPaths().keys });
		expect(plan.signature.keyFingerprint).toBe(key.fingerprint);
		expect(checkPlanSignature(plan)).toEqual({ ok: true, fingerprint: key.fingerprint });
		// Nothing was changed.
		expect(gateway.history()).toEqual([]);
		expect(result.io.out()).toContain(`Applying it needs --confirm-account ${account}`);
	});

	it('--format md prints the plan for a review ticket', async () => {
		const { dir } = workspace();
		const { plan, run: result } = await makePlan(dir, sandbox(), { format: 'md' });
		const md = result.io.out();
		expect(md).toMatch(/^# iam-wizard plan [0-9a-f]{12}\n/);
		expect(md).toContain(`- Account: ${account} (acme-sandbox)`);
		expect(md).toContain(`1. **${plan.actions[0]!.action.summary}**`);
		expect(md).toContain('call: `iam:UpdateAccessKey UserName=');
		expect(md).toContain('| severity | ID | resource | title |');
		expect(md).toContain(`--confirm-account ${account}`);
		// What the preview shows under an action (here the MFA guardrail's) is in the ticket too.
		const noted = plan.actions.find((a) => (a.action.notes ?? []).length > 0)!;
		for (const note of noted.action.notes!) expect(md).toContain(`   - note: ${note}`);
	});

	it('--only keeps the actions addressing those finding IDs', async () => {
		const { dir } = workspace();
		const { plan } = await makePlan(dir, sandbox(), { only: 'CREDENTIAL_UNUSED' });
		expect(plan.actions.length).toBeGreaterThan(0);
		for (const entry of plan.actions) expect(entry.action.findingIds.some((f) => f.startsWith('CREDENTIAL_UNUSED|'))).toBe(true);
		const all = await makePlan(dir, sandbox(), { out: 'all.json' });
		expect(plan.actions.length).toBeLessThan(all.plan.actions.length);
	});

	it('refuses unknown step numbers and finding IDs with one sentence, exit 2, and writes nothing', async () => {
		const { dir } = workspace();
		const steps = await makePlan(dir, sandbox(), { steps: '1,7' });
		expect(steps.run.code).toBe(2);
		expect(steps.run.io.err()).toBe('iam-wizard: --steps "1,7" is not a list of step numbers: use numbers from 1 to 6, such as --steps 1,3,5.\n');
		const only = await makePlan(dir, sandbox(), { only: 'KEY_NOT_ROTATED,NO_SUCH_THING' });
		expect(only.run.code).toBe(2);
		expect(only.run.io.err()).toContain('unknown finding ID NO_SUCH_THING');
		expect(readdirSync(dir)).toEqual([]);
	});
});


describe('help', () => {
	it('documents the exit codes of plan, apply and scan --fail-on', async () => {
		const help = async (command: string) => {
			const io = captureIo();
			expect(await runProgram([command, '--help'], io)).toBe(0);
			return io.out();
		};
		expect(await help('plan')).toContain('Exit codes: 0 plan written; 2 usage error');
		const apply = await help('apply');
		expect(apply).toContain('Exit codes: 0 all applied; 1 refused, not confirmed, or stopped by a failure');
		expect(apply).toContain('--confirm-account <id>');
		const scan = await help('scan');
		expect(scan).toContain('--fail-on <severity>');
		expect(scan).toContain('With --fail-on: 1 when an unsuppressed finding is at or above it');
	});
});

describe('a plan with nothing to do', () => {
	it('is written, and applying it changes nothing and exits 0', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { plan } = await makePlan(dir, gateway, { only: 'ROOT_NO_MFA' });
		expect(plan.actions).toEqual([]);
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(0);
		expect(result.io.out()).toMatch(/^Plan [0-9a-f]{12} has no actions: nothing to apply\.\n$/);
		expect(gateway.history()).toEqual([]);
	});
});

describe('plan and suppressions', () => {
	it('holds back an action whose findings are all suppressed, with the reason, and keeps the rest', async () => {
		const { dir } = workspace();
		const { writeFileSync } = await import('node:fs');
		const { join } = await import('node:path');
		writeFileSync(
			join(dir, '.iam-wizard-suppressions.yaml'),
			[
				'suppressions:',
				...['KEY_NOT_ROTATED', 'CREDENTIAL_UNUSED'].flatMap((id) => [`  - id: ${id}`, '    resource: arn:aws:iam::123456789012:user/service/legacy-etl', '    reason: kept for the yearly close, SEC-77']),
				'',
			].join('\n'),
		);
		const gateway = sandbox();
		const { plan, run: result } = await makePlan(dir, gateway);
		expect(result.code).toBe(0);
		const users = plan.actions.map((a) => (a.action.params as { UserName: string }).UserName);
		expect(users).not.toContain('legacy-etl');
		expect(users).toContain('erin');
		expect(plan.heldBack).toContainEqual(
			expect.objectContaining({ summary: expect.stringContaining('legacy-etl'), reason: expect.stringContaining('its findings are suppressed (accepted: kept for the yearly close, SEC-77') }),
		);
	});
});

describe('plan for step 4', () => {
	it("carries the breakage guard: what a boundary would take from each principal's recent use", async () => {
		const { dir } = workspace();
		const { plan, run: result } = await makePlan(dir, sandbox(), { steps: '4', allowLockoutRisk: false });
		expect(result.code).toBe(0);
		const attach = plan.actions.find((a) => a.action.kind === 'iam:PutRolePermissionsBoundary' && (a.action.params as { RoleName: string }).RoleName === 'lambda-deployer');
		expect(attach?.action.notes).toContain('Breakage guard: the boundary would remove 1 of 3 permissions lambda-deployer used recently: lambda:UpdateFunctionCode.');
	});
});
