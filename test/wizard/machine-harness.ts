/** Starts a step machine on a gateway with a planner that proposes deactivating every active key. */
import { createActor, waitFor, type InspectionEvent, type SnapshotFrom } from 'xstate';

type InspectionObserver = (event: InspectionEvent) => void;
import type { AuditSink } from '../../source/core/audit-sink.js';
import type { Action } from '../../source/core/actions.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import { defaultThresholds, type ExcludedPrincipal } from '../../source/core/settings.js';
import type { PlanStep } from '../../source/core/step-plan.js';
import type { AwsGateway } from '../../source/aws/gateway.js';
import { createStepMachine, stepState, type StepMachine } from '../../source/wizard/step-machine.js';

export type StepSnapshot = SnapshotFrom<StepMachine>;

export const fixedNow = () => new Date('2026-03-01T12:00:00Z');

/** Proposes deactivating every active key in the model, in user order. */
export const planDeactivateKeys: PlanStep = (model) => ({
	step: 5,
	findings: [],
	actions: model.users.flatMap((u) =>
		u.accessKeys
			.filter((k) => k.status === 'Active')
			.map(
				(k): Action => ({
					kind: 'iam:UpdateAccessKey',
					params: { UserName: u.name, AccessKeyId: k.id, Status: 'Inactive' },
					step: 5,
					findingIds: [`KEY_NOT_ROTATED|${u.arn}|${k.id}`],
					summary: `Deactivate access key ${k.id} of user ${u.name}`,
				}),
			),
	),
	notEvaluated: [],
	excluded: [],
});

export interface HarnessOptions {
	planStep?: PlanStep;
	excluded?: ExcludedPrincipal[];
	/** The machine to run, built from the harness's gateway and log (default: createStepMachine). */
	machine?: (services: { gateway: AwsGateway; audit: AuditSink }) => StepMachine;
	/** Sees every actor's events (their inputs among them, in `xstate.init`) and snapshots. */
	inspect?: InspectionObserver;
}

export function startStep(gateway: AwsGateway, options: HarnessOptions = {}) {
	const audit = new MemoryAuditSink();
	const machine = (options.machine ?? createStepMachine)({ gateway, audit });
	const actor = createActor(machine, {
		...(options.inspect ? { inspect: options.inspect } : {}),
		input: {
			step: 5,
			planStep: options.planStep ?? planDeactivateKeys,
			planContext: { now: fixedNow(), thresholds: defaultThresholds, excluded: options.excluded ?? [] },
			now: fixedNow,
			verify: { sleep: async () => {} },
		},
	});
	actor.start();
	/** Waits for the state a screen would draw: 'reviewing', 'confirming', 'rollback.previewing'… (see stepState). */
	const reach = (state: string) => waitFor(actor, (s) => stepState(s) === state);
	return { actor, audit, reach };
}
