/**
 * What h shows of AWS Config, and the status line's verdict count: each IAM rule with Config's
 * own verdict (once it has evaluated) next to the iam-wizard finding that checks the same, and
 * both follow the account as it is fixed.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../../source/aws/sandbox/seed.js';
import type { Action } from '../../../source/core/actions.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { configVerdictLines } from '../../../source/steps/monitoring/config-verdict-lines.js';
import { monitoringStatusLines } from '../../../source/steps/monitoring/monitoring-status.js';
import { planMonitoring } from '../../../source/steps/monitoring/plan.js';
import { executeActions } from '../../../source/wizard/executor.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { fixedNow } from '../../wizard/machine-harness.js';

const context = { now: fixedNow(), thresholds: defaultThresholds, excluded: [] };
const ruleLine = (lines: { text: string }[], name: string) => lines.map((l) => l.text).find((t) => t.includes(` ${name} ↔ `));

const cisPasswordPolicy: Action = {
	kind: 'iam:UpdateAccountPasswordPolicy',
	params: { MinimumPasswordLength: 14, PasswordReusePrevention: 24, MaxPasswordAge: 90, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true },
	step: 5,
	findingIds: [],
	summary: 'CIS password policy',
};

describe("AWS Config's verdicts next to iam-wizard's checks", () => {
	it('names every IAM rule as not deployed before step 6, each beside the finding that checks the same', async () => {
		const gateway = createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow });
		const lines = configVerdictLines(await gateway.readAccount());
		expect(lines[0]).toEqual({ text: "AWS Config's verdicts on its IAM rules in us-east-1", bold: true });
		expect(ruleLine(lines, 'root-account-mfa-enabled')).toBe('not deployed   root-account-mfa-enabled ↔ ROOT_NO_MFA');
		expect(ruleLine(lines, 'iam-password-policy')).toBe('not deployed   iam-password-policy ↔ PASSWORD_POLICY_WEAK');
		expect(lines.filter((l) => l.text.includes(' ↔ ') && !l.token?.includes('muted'))).toHaveLength(8);
		// The longest line fits an 80-column terminal.
		expect(Math.max(...lines.map((l) => l.text.length))).toBeLessThanOrEqual(80);
	});

	it("shows Config's verdict per rule once it runs, and follows the account as step 5's fixes land", async () => {
		const gateway = createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow });
		const deps = { gateway, audit: new MemoryAuditSink(), step: 6 as const, reason: 'verdicts', now: fixedNow };
		expect((await executeActions(planMonitoring(await gateway.readAccount(), context).actions, deps)).failed).toBeUndefined();
		let model = await gateway.readAccount();
		let lines = configVerdictLines(model);
		expect(ruleLine(lines, 'root-account-mfa-enabled')).toBe('NON_COMPLIANT  root-account-mfa-enabled ↔ ROOT_NO_MFA');
		expect(lines.find((l) => l.text.includes(' root-account-mfa-enabled '))?.token).toBe('status.error');
		expect(ruleLine(lines, 'iam-password-policy')).toBe('NON_COMPLIANT  iam-password-policy ↔ PASSWORD_POLICY_WEAK');
		expect(monitoringStatusLines(model)[0]).toMatch(/^Config us-east-1: recording · IAM rules 8\/8; Config says 0 compliant, 8 not \(iam-password-policy, /);

		gateway.setRootMfa('hardware');
		expect((await executeActions([cisPasswordPolicy], { ...deps, step: 5 })).failed).toBeUndefined();
		model = await gateway.readAccount();
		lines = configVerdictLines(model);
		expect(ruleLine(lines, 'root-account-mfa-enabled')).toBe('COMPLIANT      root-account-mfa-enabled ↔ ROOT_NO_MFA');
		expect(lines.find((l) => l.text.includes(' root-account-mfa-enabled '))?.token).toBeUndefined();
		expect(ruleLine(lines, 'iam-password-policy')).toBe('COMPLIANT      iam-password-policy ↔ PASSWORD_POLICY_WEAK');
		expect(monitoringStatusLines(model)[0]).toContain('; Config says 2 compliant, 6 not (');
		expect(monitoringStatusLines(model)[0]).not.toContain('root-account-mfa-enabled');
	});
});
