/**
 * `apply --plan`'s side of the policy gate (../wizard/policy-gate.ts): a plan reviewed days
 * ago was checked only locally, and AWS knows more, so before a plan changes a policy the
 * document it will write is validated again, and any ERROR or SECURITY_WARNING, or an
 * Access Analyzer that cannot answer without `--validation local`, refuses the whole plan
 * before anything is applied.
 */
import type { AwsGateway } from '../aws/gateway.js';
import type { Action } from '../core/actions.js';
import { gateRefusal, runPolicyGate, validationModes, type ValidationMode, type ValidationRan } from '../wizard/policy-gate.js';
import { refusal } from './apply-plan-file.js';
import { UsageError } from './command-io.js';

export { validationModes, validationNote, type ValidationMode, type ValidationRan } from '../wizard/policy-gate.js';

export function parseValidationMode(value: string | undefined): ValidationMode | undefined {
	if (value === undefined) return undefined;
	if ((validationModes as readonly string[]).includes(value)) return value as ValidationMode;
	throw new UsageError(`--validation "${value}" is not one of ${validationModes.join(', ')}.`);
}

export async function checkPoliciesValidate(actions: readonly Action[], gateway: AwsGateway, mode: ValidationMode = 'aws'): Promise<ValidationRan> {
	const gate = await runPolicyGate(actions, gateway, mode);
	const refused = gateRefusal(gate);
	if (refused) throw refusal(refused);
	return gate.ran;
}
