/** What h shows once Security Hub and the CIS standard are on: each IAM.* control next to iam-wizard's check. */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../../source/aws/sandbox/seed.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { planMonitoring } from '../../../source/steps/monitoring/plan.js';
import { findingsOfControl, securityHubLines } from '../../../source/steps/monitoring/security-hub-lines.js';
import { executeActions } from '../../../source/wizard/executor.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { fixedNow } from '../../wizard/machine-harness.js';

describe('Security Hub lines', () => {
	it('list the IAM.* controls of the enabled standards with their status and the iam-wizard finding that checks the same', async () => {
		const gateway = createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow });
		const plan = planMonitoring(await gateway.readAccount(), { now: fixedNow(), thresholds: defaultThresholds, excluded: [] });
		const hub = plan.actions.filter((a) => a.kind.startsWith('securityhub:'));
		expect((await executeActions(hub, { gateway, audit: new MemoryAuditSink(), step: 6, reason: 'hub', now: fixedNow })).failed).toBeUndefined();
		const text = securityHubLines(await gateway.readAccount()).map((l) => l.text);
		expect(text[0]).toBe('Security Hub in us-east-1: on');
		expect(text).toContain('IAM.* controls of the enabled standards: 13 enabled, 0 not');
		expect(text).toContain('IAM.5   ENABLED  iam-wizard: CONSOLE_USER_NO_MFA (step 1)');
		expect(text).toContain('IAM.15  ENABLED  iam-wizard: PASSWORD_POLICY_WEAK (step 1)');
		expect(text.filter((l) => /^IAM\.\d+ /.test(l)).map((l) => l.split(' ')[0])).toEqual(['IAM.2', 'IAM.3', 'IAM.4', 'IAM.5', 'IAM.6', 'IAM.9', 'IAM.15', 'IAM.16', 'IAM.18', 'IAM.22', 'IAM.26', 'IAM.27', 'IAM.28']);
	});

	it('maps a control to every finding that names it', () => {
		expect(findingsOfControl('IAM.16')).toEqual(['PASSWORD_POLICY_WEAK']);
		expect(findingsOfControl('IAM.99')).toEqual([]);
	});
});
