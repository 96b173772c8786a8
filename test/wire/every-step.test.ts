/**
 * Every built step's plan and apply, end to end through the real SDK against the loopback
 * AWS: on a fresh account where iam-wizard has created nothing yet, and on one where every
 * service but IAM is denied (notices naming what to grant, the right exit codes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stepInfos } from '../../source/steps/step-plans.js';
import { applyLive, fakeAws, onlyIamAllowed, planLive, workspace } from './wire-kit.js';

const builtSteps = stepInfos.filter((s) => s.built).map((s) => s.number);
const policyWrites = new Set(['iam:CreatePolicy', 'iam:CreatePolicyVersion', 'iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:PutRolePolicy', 'organizations:CreatePolicy']);

/** The intents of the change log apply wrote. */
function intents(logDir: string): { action: { kind: string }; reason: string }[] {
	return readdirSync(logDir)
		.filter((f) => f.endsWith('.jsonl'))
		.flatMap((f) => readFileSync(join(logDir, f), 'utf8').trim().split('\n'))
		.map((line) => JSON.parse(line) as { type: string; action: { kind: string }; reason: string })
		.filter((record) => record.type === 'intent');
}

describe('every built step on a fresh account', () => {
	it.each(builtSteps)('step %i: plan, then apply, succeed and verify; policies are validated by Access Analyzer', async (step) => {
		const { account } = await fakeAws();
		const { dir, logDir } = workspace();

		const { run, plan } = await planLive(dir, { steps: String(step) });
		expect(run.io.err()).toBe('');
		expect(run.code).toBe(0);
		expect(account.writes).toEqual([]);
		const count = plan!.actions.length;

		const applied = await applyLive(dir, logDir);
		expect(applied.io.err()).toBe('');
		expect(applied.code).toBe(0);
		if (count === 0) {
			expect(applied.io.out()).toMatch(/has no actions: nothing to apply/);
			return;
		}
		expect(applied.io.out()).toContain(`Applied ${count} of ${count} actions; re-read and verified ${count}.\n`);
		expect(account.writes.map((w) => w.operation)).toEqual(plan!.actions.map((a) => a.action.kind));
		const logged = intents(logDir);
		expect(logged.map((i) => i.action.kind)).toEqual(plan!.actions.map((a) => a.action.kind));
		if (plan!.actions.some((a) => policyWrites.has(a.action.kind))) {
			expect(logged.every((i) => i.reason.includes('[policies validated by access-analyzer:ValidatePolicy]'))).toBe(true);
		}
	});

	it('the steps that change something are covered: at least steps 2 to 5 propose actions here', async () => {
		await fakeAws();
		const { dir } = workspace();
		const { plan } = await planLive(dir, { steps: '2,3,4,5' });
		expect(new Set(plan!.actions.map((a) => a.action.step))).toEqual(new Set([2, 3, 4, 5]));
	});
});

describe('every built step on an account where only IAM may be used', () => {
	it.each(builtSteps)('step %i: plan says what was not evaluated and what to grant; apply stops or succeeds as it should', async (step) => {
		const { account } = await fakeAws({ deny: onlyIamAllowed });
		const { dir, logDir } = workspace();

		const { run, plan } = await planLive(dir, { steps: String(step) });
		expect(run.io.err()).toBe('');
		expect(run.code).toBe(0);
		for (const note of plan!.notes.filter((n) => n.includes('Access denied'))) expect(note).toMatch(/grant [a-z0-9-]+:\w+ to the caller/);
		if (step === 2) expect(plan!.notes.join('\n')).toContain('grant access-analyzer:ListAnalyzers');
		if (step === 5) expect(plan!.notes.join('\n')).toContain('grant organizations:DescribeOrganization');

		const applied = await applyLive(dir, logDir);
		const writesPolicy = plan!.actions.some((a) => policyWrites.has(a.action.kind));
		if (writesPolicy) {
			expect(applied.code).toBe(1);
			expect(applied.io.err()).toBe(
				"iam-wizard: Will not apply: Access Analyzer could not validate the policy documents this plan writes (access denied to access-analyzer:ValidatePolicy). Grant access-analyzer:ValidatePolicy (policies/remediate.json has it) and run apply again, or run apply with --validation local to rely on the local checks only (a subset of AWS's). Nothing was applied.\n",
			);
			expect(account.writes).toEqual([]);

			const local = await applyLive(dir, logDir, { validation: 'local' });
			expect(local.io.err()).toBe('');
			expect(local.code).toBe(0);
			expect(intents(logDir).every((i) => i.reason.includes('[policies validated by local checks only: Access Analyzer could not (--validation local)]'))).toBe(true);
		} else {
			expect(applied.io.err()).toBe('');
			expect(applied.code).toBe(0);
		}
	});
});
