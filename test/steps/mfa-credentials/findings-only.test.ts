/**
 * `scan` asks step 5 for findings only (context.findingsOnly): MFA_NOT_ENFORCED and the
 * notEvaluated entries must be exactly the full plan's, in its order — the keys it cannot
 * act on, and the MFA guardrail's limits (SCPs on the target, characters) — while the key
 * actions and the guardrail's impact lists are left out.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import type { AccountModel } from '../../../source/core/model.js';
import type { PlanContext } from '../../../source/core/settings.js';
import { planMfaCredentials } from '../../../source/steps/mfa-credentials/plan.js';
import { buildAccessKey, buildModel, buildReport, buildUser, daysBefore, planContext, reportRow, userArn } from '../../helpers/model-builder.js';

const now = '2026-12-01T12:00:00.000Z';

function sameAsFull(model: AccountModel, context: PlanContext) {
	const full = planMfaCredentials(model, context);
	const lean = planMfaCredentials(model, { ...context, findingsOnly: true });
	expect(lean.findings).toEqual(full.findings);
	expect(lean.notEvaluated).toEqual(full.notEvaluated);
	expect(lean.actions).toEqual([]);
	return { full, lean };
}

describe('step 5 for findings only', () => {
	it('names the keys known only from the credential report in the order of step 1, as the full plan does', () => {
		const old = { active: true, lastRotated: daysBefore(now, 200), lastUsedDate: daysBefore(now, 120) };
		const oldInUse = { active: true, lastRotated: daysBefore(now, 200), lastUsedDate: daysBefore(now, 1) };
		// zed comes first in the report, but step 1 sorts dave (CREDENTIAL_UNUSED and KEY_NOT_ROTATED) before zed (KEY_NOT_ROTATED).
		const model = buildModel({
			users: [buildUser('zed'), buildUser('dave'), buildUser('alice', { accessKeys: [buildAccessKey('alice', 'AKIAALICEOLD', { slot: 1 })] })],
			credentialReport: buildReport([reportRow('zed', { key1: oldInUse }), reportRow('dave', { key1: old }), reportRow('alice', { key1: old })]),
		});
		const { full, lean } = sameAsFull(model, planContext(now));
		expect(full.actions.some((a) => a.kind === 'iam:UpdateAccessKey')).toBe(true);
		expect(lean.notEvaluated[0]).toEqual({
			area: 'access keys without an ID',
			reason: '3 flagged keys are known only from the credential report (ListAccessKeys was not read), so they cannot be deactivated from here.',
			findingIds: ['CREDENTIAL_UNUSED', 'KEY_NOT_ROTATED'],
		});
		expect(lean.findings.map((f) => f.id)).toEqual(['MFA_NOT_ENFORCED']);
	});

	it("reports the SCP guardrail's limits: a target with five SCPs already, and an SCP over 5,120 characters", async () => {
		const at = new Date('2026-11-27T12:00:00Z');
		const model = await createSandboxGateway({ now: () => at }).readAccount();
		const context = { now: at, thresholds: planContext(at).thresholds, excluded: [] };
		const org = model.organization!;
		const full = org.scps!.find((p) => p.name === 'FullAWSAccess')!;
		const target = full.targets.find((t) => t.targetId === 'ou-a1b2-s4ndb0x8')!;
		const extra = [1, 2, 3, 4].map((n) => ({ ...full, id: `p-extra${n}`, arn: `${full.arn}-extra${n}`, name: `extra-${n}`, awsManaged: false, targets: [target] }));
		const crowded = { ...model, organization: { ...org, scps: [...org.scps!, ...extra] } };
		const { lean } = sameAsFull(crowded, context);
		expect(lean.notEvaluated).toContainEqual({ area: 'MFA guardrail', reason: 'sandbox already has 5 SCPs, the most a target can have (5): choose another target or merge SCPs.', findingIds: ['MFA_NOT_ENFORCED'] });

		// Break-glass users are exempted one ARN at a time: 200 of them make the SCP too large.
		const excluded = Array.from({ length: 200 }, (_, i) => ({ arn: userArn(`break-glass-${String(i).padStart(3, '0')}`), reason: 'break-glass' }));
		const large = sameAsFull(model, { ...context, excluded });
		expect(large.lean.notEvaluated.map((n) => n.reason)).toContainEqual(expect.stringMatching(/^The SCP is \d+ characters; AWS allows 5120/));

		const plain = sameAsFull(model, context);
		expect(plain.full.actions.map((a) => a.kind)).toContain('organizations:AttachPolicy');
		expect(plain.lean.notEvaluated).toEqual([]);
	});
});
