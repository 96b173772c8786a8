/**
 * The wizard's preview runs the policy gate `apply --plan` runs: the documents a batch writes
 * are validated before it can be confirmed (Access Analyzer on a live account, the sandbox's
 * local checks in the demo), the preview shows what validation found, an ERROR or
 * SECURITY_WARNING refuses the batch, and an Access Analyzer that cannot answer refuses it
 * until the operator presses l for the local checks only; the change log names the
 * validation that ran.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import type { AwsGateway } from '../../source/aws/gateway.js';
import type { Action } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import type { PlanStep } from '../../source/core/step-plan.js';
import { defaultThresholds } from '../../source/core/settings.js';
import { validationLine } from '../../source/steps/preview-validation.js';
import { StepScreen } from '../../source/steps/step-screen.js';
import { wizardSteps } from '../../source/steps/registry.js';
import { createStepActor } from '../../source/wizard/step-machine.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import { ENTER, KeyDispatcher, cleanupInk, renderInk } from '../helpers/render-ink.js';
import { fixedNow, startStep } from './machine-harness.js';
import { confirmWithReason } from '../helpers/confirm-batch.js';

afterEach(() => cleanupInk());

/** Proposes one inline policy for user bob with the given actions. */
function planPolicy(actions: string[]): PlanStep {
	return () => ({
		step: 3,
		findings: [],
		actions: [
			{
				kind: 'iam:PutUserPolicy',
				params: { UserName: 'bob', PolicyName: 'scoped', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: ['*'] }] } },
				step: 3,
				findingIds: ['SCOPE|bob'],
				summary: 'Replace the inline policy scoped of user bob',
			} as Action,
		],
		notEvaluated: [],
		excluded: [],
	});
}

function sandbox() {
	return createSandboxGateway({ state: createSeedState(fixedNow()), now: fixedNow });
}

/** A live account whose caller may not use Access Analyzer (the sandbox stands in for the rest). */
function withoutAccessAnalyzer(gateway: AwsGateway): AwsGateway {
	return {
		...gateway,
		mode: 'live',
		validatePolicy: async () => {
			throw new GatewayError('AccessDenied', 'User is not authorized to perform: access-analyzer:ValidatePolicy', { operation: 'access-analyzer:ValidatePolicy' });
		},
	};
}

const intentReasons = (audit: MemoryAuditSink) => audit.entries.flatMap((e) => (e.type === 'intent' ? [(e as { reason: string }).reason] : []));

describe("the wizard's preview runs apply's policy gate", () => {
	it('refuses a batch whose policy has an ERROR, showing the finding, and applies nothing', async () => {
		const gateway = sandbox();
		const { actor, reach } = startStep(gateway, { planStep: planPolicy(['s3:GetObject', 's3:NotAnAction']) });
		await reach('reviewing');

		actor.send({ type: 'PREVIEW' });
		const previewed = await waitFor(actor, (s) => s.context.batch?.validation != null);
		actor.send({ type: 'NEXT' });

		expect(previewed.context.batch!.validation!.blocking).toEqual([expect.stringMatching(/^Replace the inline policy scoped of user bob \(ERROR INVALID_ACTION: The action s3:NotAnAction/)]);
		expect(actor.getSnapshot().context.runState).toBe('previewing');
		expect(validationLine(previewed.context.batch!.validation)).toEqual({
			text: expect.stringMatching(/^Will not apply: policy validation found problems in Replace the inline policy scoped of user bob \(ERROR INVALID_ACTION: .*\)\. Nothing was applied\. Fix the statements it names \(step 3 scopes .*\), then preview again\.$/),
			tone: 'status.error',
		});
		expect(gateway.history()).toEqual([]);
	});

	it('validates with the sandbox in the demo and names it in the change log', async () => {
		const gateway = sandbox();
		const { actor, audit, reach } = startStep(gateway, { planStep: planPolicy(['s3:GetObject']) });
		await reach('reviewing');

		actor.send({ type: 'PREVIEW' });
		await waitFor(actor, (s) => s.context.batch?.validation != null);
		actor.send({ type: 'NEXT' });
		actor.send({ type: 'CONFIRM', reason: 'CHG-7' });
		await reach('done');

		expect(gateway.history().map((h) => h.action.kind)).toEqual(['iam:PutUserPolicy']);
		expect(intentReasons(audit)).toEqual(['CHG-7 [policies validated by the sandbox (local checks)]']);
	});

	it('through the screen: Access Analyzer denied refuses Enter; l relies on the local checks, and the log says so', async () => {
		const gateway = withoutAccessAnalyzer(sandbox());
		const audit = new MemoryAuditSink();
		const actor = createStepActor(
			{ gateway, audit },
			{
				step: 3,
				planStep: planPolicy(['s3:GetObject']),
				planContext: { now: fixedNow(), thresholds: defaultThresholds, excluded: [] },
				now: fixedNow,
				verify: { sleep: async () => {} },
			},
		);
		actor.start();
		const ui = renderInk(
			<KeyDispatcher>
				<StepScreen step={wizardSteps[2]!} actor={actor} height={30} isActive readOnly={false} log={() => {}} />
			</KeyDispatcher>,
			{ columns: 120, rows: 40 },
		);
		await ui.waitForText('Proposed actions');

		ui.press('p');
		const refused = (await ui.waitForText('Access Analyzer could not validate')).replace(/\s+/g, ' ');
		expect(refused).toContain(
			"Will not apply: Access Analyzer could not validate the policy documents this batch writes (access denied to access-analyzer:ValidatePolicy). Grant access-analyzer:ValidatePolicy (policies/remediate.json has it) and preview again, or press l to rely on the local checks only (a subset of AWS's). Nothing was applied.",
		);
		expect(refused).toContain('l local checks only');
		expect(refused).not.toContain('Enter confirm');
		ui.press(ENTER);
		expect(actor.getSnapshot().context.runState).toBe('previewing');

		ui.press('l');
		const local = await ui.waitForText('Policy validation by local checks only (Access Analyzer could not): 1 document, no error or');
		expect(local).toContain('Enter confirm');
		await confirmWithReason(ui, 'CHG-8');
		await waitFor(actor, (s) => s.value === 'done');

		expect(intentReasons(audit)).toEqual(['CHG-8 [policies validated by local checks only: Access Analyzer could not (--validation local)]']);
		actor.stop();
	});
});
