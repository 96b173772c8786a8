/**
 * The machines' effects, the only places they touch the gateway and the change log: each
 * built from the step's services and handed to a machine with `provide`, so no gateway or
 * log travels in a machine's context or an actor's input. Tests provide their own.
 */
import { fromCallback, fromPromise } from 'xstate';
import type { AwsGateway } from '../aws/gateway.js';
import { executeActions, toExecutionError } from './executor.js';
import { nothingToValidate, runPolicyGate, type PolicyGate } from './policy-gate.js';
import type { ApplyActionsInput, ApplierEvent, LoadStepInput, LoadStepOutput, StepServices, ValidatePoliciesInput, VerifyActionsInput } from './step-machine-types.js';
import { verifyActions, type VerificationReport } from './verify-actions.js';

export function loadStepActor(gateway: Pick<AwsGateway, 'readAccount'>) {
	return fromPromise<LoadStepOutput, LoadStepInput>(async ({ input }) => {
		const model = input.model ?? (await gateway.readAccount());
		return { model, plan: input.planStep(model, input.planContext) };
	});
}

/** Receives ABORT (stop between actions); sends PROGRESS, then APPLY_DONE or APPLY_ERROR. */
export function applyActionsActor({ gateway, audit }: StepServices) {
	return fromCallback<{ type: 'ABORT' }, ApplyActionsInput>(({ input, sendBack, receive }) => {
		const controller = new AbortController();
		let live = true;
		const send = (event: ApplierEvent) => {
			if (live) sendBack(event);
		};
		receive((event) => {
			if (event.type === 'ABORT') controller.abort();
		});
		executeActions(input.actions, {
			gateway,
			audit,
			step: input.step,
			reason: input.reason,
			previewHash: input.previewHash,
			now: input.now,
			caller: input.caller,
			startIndex: input.startIndex,
			signal: controller.signal,
			onProgress: (event) => send({ type: 'PROGRESS', event }),
		}).then(
			(report) => send({ type: 'APPLY_DONE', report }),
			(error: unknown) => send({ type: 'APPLY_ERROR', error: toExecutionError(error) }),
		);
		return () => {
			live = false;
			controller.abort();
		};
	});
}

export function verifyActionsActor(gateway: Pick<AwsGateway, 'readState'>) {
	return fromPromise<VerificationReport, VerifyActionsInput>(({ input }) =>
		verifyActions(input.applied, {
			gateway,
			targeted: input.targeted,
			plannedActions: input.plannedActions,
			reportFindings: input.reportFindings,
			...input.options,
		}),
	);
}

/** The policy gate of `apply --plan`, on a batch's preview: a rollback restores what was there and is not gated. */
export function validatePoliciesActor(gateway: AwsGateway) {
	return fromPromise<PolicyGate, ValidatePoliciesInput>(({ input }) => (input.kind === 'rollback' ? Promise.resolve(nothingToValidate) : runPolicyGate(input.actions, gateway, input.mode)));
}

/** The run machine's actors for one step's services. */
export function runActors(services: StepServices) {
	return { applyActions: applyActionsActor(services), verifyActions: verifyActionsActor(services.gateway), validatePolicies: validatePoliciesActor(services.gateway) };
}

