/**
 * The wizard's first selection of a step's actions: a change that narrows the signed-in
 * principal starts unselected, and so does what only makes room for it.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import { loadIamCatalogue } from '../../source/aws/iam-catalogue.js';
import { defaultThresholds } from '../../source/core/settings.js';
import { planScopePoliciesStep } from '../../source/steps/scope-policies/plan.js';
import { selectionRules } from '../../source/wizard/step-selection.js';

const now = () => new Date('2026-11-27T20:15:03Z');
const account = '123456789012';
const policy = `arn:aws:iam::${account}:policy/contractors/contractor-iam-helper`;

async function step3As(callerArn: string) {
	const gateway = createSandboxGateway({ state: createSeedState(now()), now });
	const read = await gateway.readAccount();
	const model = { ...read, caller: { ...read.caller, arn: callerArn } };
	const plan = planScopePoliciesStep(model, { now: now(), thresholds: defaultThresholds, excluded: [], catalogue: await loadIamCatalogue() });
	return { plan, rules: selectionRules(plan, model, account, []) };
}

describe('selectionRules', () => {
	it("leaves a new default version of the caller's own policy unselected with its lock-out risk, and the deletion that only made room for it", async () => {
		const { plan, rules } = await step3As(`arn:aws:iam::${account}:user/contractors/mallory`);
		const onPolicy = plan.actions.flatMap((a, i) => ((a.params as { PolicyArn?: string }).PolicyArn === policy ? [i] : []));
		expect(onPolicy.map((i) => plan.actions[i]!.kind)).toEqual(['iam:DeletePolicyVersion', 'iam:CreatePolicyVersion']);
		const [deletion, scoping] = onPolicy as [number, number];
		expect(rules.lockout[scoping]).toBe(`Changes policy ${policy}, which user mallory you are signed in as has attached to it (${plan.actions[scoping]!.summary})`);
		// The deletion narrows nobody: no lock-out of its own, only not chosen at first.
		expect(rules.lockout[deletion]).toBeUndefined();
		expect(rules.selected).not.toContain(scoping);
		expect(rules.selected).not.toContain(deletion);
		expect(rules.selected.length).toBe(plan.actions.length - 2);
	});

	it('selects both for a caller who does not have the policy', async () => {
		const { plan, rules } = await step3As(`arn:aws:iam::${account}:user/alice`);
		expect(rules.lockout).toEqual({});
		expect(rules.selected).toEqual(plan.actions.map((_, i) => i));
	});
});
