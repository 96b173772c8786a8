/**
 * Before a plan changes a policy, the document it will write is validated: by Access
 * Analyzer's ValidatePolicy on a live account (a plan reviewed days ago was checked only
 * locally, and AWS knows more), by the local checks when Access Analyzer cannot answer and
 * the operator chose `--validation local`, and locally in the sandbox. Any ERROR or SECURITY_WARNING refuses
 * the whole plan before anything is applied. When Access Analyzer cannot answer (denied,
 * not offered in the region, an endpoint without it) apply stops and says what to do;
 * it never falls back to the local checks on its own.
 */
import type { AwsGateway } from '../aws/gateway.js';
import { loadIamCatalogue } from '../aws/iam-catalogue.js';
import type { Action, ActionKind } from '../core/actions.js';
import type { IamCatalogue } from '../core/policy-engine/catalogue.js';
import { isGatewayError, type GatewayError } from '../core/gateway-error.js';
import type { PolicyDocument } from '../core/policy-document.js';
import { validatePolicyLocally } from '../core/policy-validation.js';
import { isBlockingIssue, type PolicyValidationIssue, type ValidationPolicyType } from '../core/policy-validation-types.js';
import { refusal } from './apply-plan-file.js';
import { UsageError } from './command-io.js';

/** `--validation`: AWS's ValidatePolicy only (the default), or the local checks when Access Analyzer cannot answer. */
export const validationModes = ['aws', 'local'] as const;
export type ValidationMode = (typeof validationModes)[number];

export function parseValidationMode(value: string | undefined): ValidationMode | undefined {
	if (value === undefined) return undefined;
	if ((validationModes as readonly string[]).includes(value)) return value as ValidationMode;
	throw new UsageError(`--validation "${value}" is not one of ${validationModes.join(', ')}.`);
}

const documentOf: Partial<Record<ActionKind, { key: string; type: ValidationPolicyType }>> = {
	'iam:CreatePolicyVersion': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'iam:CreatePolicy': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'iam:PutUserPolicy': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'iam:PutGroupPolicy': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'iam:PutRolePolicy': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'organizations:CreatePolicy': { key: 'Content', type: 'SERVICE_CONTROL_POLICY' },
};

/** Which validation ran, as the change log records it (in each intent's reason). */
export type ValidationRan = 'none' | 'access-analyzer' | 'local' | 'sandbox';

export function validationNote(ran: ValidationRan): string | undefined {
	if (ran === 'access-analyzer') return 'policies validated by access-analyzer:ValidatePolicy';
	if (ran === 'local') return 'policies validated by local checks only: Access Analyzer could not (--validation local)';
	if (ran === 'sandbox') return 'policies validated by the sandbox (local checks)';
	return undefined;
}

/** Why Access Analyzer gave no answer, as a clause: "access denied to access-analyzer:ValidatePolicy". */
function whyNot(error: GatewayError): string {
	if (error.code === 'AccessDenied') return `access denied to ${error.operation ?? 'access-analyzer:ValidatePolicy'}`;
	const text = error.message.replace(/\.$/, '');
	return text.charAt(0).toLowerCase() + text.slice(1);
}

export async function checkPoliciesValidate(actions: readonly Action[], gateway: AwsGateway, mode: ValidationMode = 'aws'): Promise<ValidationRan> {
	const writes = actions.flatMap((action) => {
		const spec = documentOf[action.kind];
		return spec ? [{ action, document: (action.params as Record<string, unknown>)[spec.key] as PolicyDocument, type: spec.type }] : [];
	});
	if (writes.length === 0) return 'none';
	// A gateway that cannot validate (a snapshot) cannot apply either.
	if (!gateway.validatePolicy && mode !== 'local') return 'none';
	let catalogue: IamCatalogue | undefined;
	let fellBack = !gateway.validatePolicy;
	const validate = async (document: PolicyDocument, type: ValidationPolicyType): Promise<PolicyValidationIssue[]> => {
		if (!fellBack) {
			try {
				return await gateway.validatePolicy!(document, type);
			} catch (error) {
				if (!isGatewayError(error) || error.code === 'NoCredentials' || error.code === 'ExpiredToken') throw error;
				if (mode !== 'local') {
					throw refusal(
						`Will not apply: Access Analyzer could not validate the policy documents this plan writes (${whyNot(error)}). ` +
							"Grant access-analyzer:ValidatePolicy (policies/remediate.json has it) and run apply again, or run apply with --validation local to rely on the local checks only (a subset of AWS's). Nothing was applied.",
					);
				}
				fellBack = true;
			}
		}
		catalogue ??= await loadIamCatalogue();
		return validatePolicyLocally(structuredClone(document), type, catalogue);
	};
	const problems: string[] = [];
	for (const { action, document, type } of writes) {
		const blocking = (await validate(document, type)).filter(isBlockingIssue);
		if (blocking.length > 0) problems.push(`${action.summary} (${blocking.map((issue) => `${issue.findingType} ${issue.issueCode}: ${issue.detail}`).join('; ')})`);
	}
	if (problems.length > 0) {
		throw refusal(`Will not apply: policy validation found problems in ${problems.join('; and ')}. Nothing was applied.`);
	}
	if (fellBack) return 'local';
	return gateway.mode === 'demo' ? 'sandbox' : 'access-analyzer';
}
