/**
 * The gate every policy document passes before it is written, for `apply --plan` and the
 * wizard's preview alike: Access Analyzer's ValidatePolicy on a live account, the local
 * checks when Access Analyzer cannot answer and the operator chose local validation
 * (`--validation local`, or the preview's key), the sandbox's local checks in the demo.
 * Any ERROR or SECURITY_WARNING refuses the whole batch before anything is applied; an
 * Access Analyzer that cannot answer (denied, not in the region, an endpoint without it)
 * refuses it too, with what to do, and never falls back to the local checks on its own.
 */
import type { AwsGateway } from '../aws/gateway.js';
import { loadIamCatalogue } from '../aws/iam-catalogue.js';
import type { Action, ActionKind } from '../core/actions.js';
import { isGatewayError, type GatewayError } from '../core/gateway-error.js';
import type { PolicyDocument } from '../core/policy-document.js';
import type { IamCatalogue } from '../core/policy-engine/catalogue.js';
import { validatePolicyLocally } from '../core/policy-validation.js';
import { isBlockingIssue, type PolicyValidationIssue, type ValidationPolicyType } from '../core/policy-validation-types.js';

/** AWS's ValidatePolicy only (the default), or the local checks when Access Analyzer cannot answer. */
export const validationModes = ['aws', 'local'] as const;
export type ValidationMode = (typeof validationModes)[number];

/** Which validation ran, as the change log records it (in each intent's reason). */
export type ValidationRan = 'none' | 'access-analyzer' | 'local' | 'sandbox';

export function validationNote(ran: ValidationRan): string | undefined {
	if (ran === 'access-analyzer') return 'policies validated by access-analyzer:ValidatePolicy';
	if (ran === 'local') return 'policies validated by local checks only: Access Analyzer could not (--validation local)';
	if (ran === 'sandbox') return 'policies validated by the sandbox (local checks)';
	return undefined;
}

const documentOf: Partial<Record<ActionKind, { key: string; type: ValidationPolicyType }>> = {
	'iam:CreatePolicyVersion': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'iam:CreatePolicy': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'iam:PutUserPolicy': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'iam:PutGroupPolicy': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'iam:PutRolePolicy': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'organizations:CreatePolicy': { key: 'Content', type: 'SERVICE_CONTROL_POLICY' },
};

/** The policy documents a batch writes, with the policy type each is validated as. */
function policyWrites(actions: readonly Action[]) {
	return actions.flatMap((action) => {
		const spec = documentOf[action.kind];
		return spec ? [{ action, document: (action.params as Record<string, unknown>)[spec.key] as PolicyDocument, type: spec.type }] : [];
	});
}

export function writesPolicies(actions: readonly Action[]): boolean {
	return policyWrites(actions).length > 0;
}

export interface PolicyGate {
	ran: ValidationRan;
	/** Each policy write and what validation found in its document. */
	checked: { action: Action; issues: PolicyValidationIssue[] }[];
	/** The ERROR and SECURITY_WARNING findings, one line per action: any refuses the batch. */
	blocking: string[];
	/** Access Analyzer could not answer and local validation was not chosen: why (a clause). */
	unavailable?: string;
}

/** A batch without policy writes passes the gate without a check. */
export const nothingToValidate: PolicyGate = { ran: 'none', checked: [], blocking: [] };

/** Why Access Analyzer gave no answer, as a clause: "access denied to access-analyzer:ValidatePolicy". */
function whyNot(error: GatewayError): string {
	if (error.code === 'AccessDenied') return `access denied to ${error.operation ?? 'access-analyzer:ValidatePolicy'}`;
	const text = error.message.replace(/\.$/, '');
	return text.charAt(0).toLowerCase() + text.slice(1);
}

export async function runPolicyGate(actions: readonly Action[], gateway: AwsGateway, mode: ValidationMode = 'aws'): Promise<PolicyGate> {
	const writes = policyWrites(actions);
	if (writes.length === 0) return nothingToValidate;
	// A gateway that cannot validate (a snapshot) cannot apply either.
	if (!gateway.validatePolicy && mode !== 'local') return nothingToValidate;
	let catalogue: IamCatalogue | undefined;
	let fellBack = !gateway.validatePolicy;
	const checked: PolicyGate['checked'] = [];
	for (const { action, document, type } of writes) {
		let issues: PolicyValidationIssue[] | undefined;
		if (!fellBack) {
			try {
				issues = await gateway.validatePolicy!(document, type);
			} catch (error) {
				if (!isGatewayError(error) || error.code === 'NoCredentials' || error.code === 'ExpiredToken') throw error;
				if (mode !== 'local') return { ran: 'none', checked, blocking: [], unavailable: whyNot(error) };
				fellBack = true;
			}
		}
		if (!issues) {
			catalogue ??= await loadIamCatalogue();
			issues = validatePolicyLocally(structuredClone(document), type, catalogue);
		}
		checked.push({ action, issues });
	}
	const blocking = checked.flatMap(({ action, issues }) => {
		const found = issues.filter(isBlockingIssue);
		return found.length > 0 ? [`${action.summary} (${found.map((issue) => `${issue.findingType} ${issue.issueCode}: ${issue.detail}`).join('; ')})`] : [];
	});
	return { ran: fellBack ? 'local' : gateway.mode === 'demo' ? 'sandbox' : 'access-analyzer', checked, blocking };
}

/** How the refusal tells the operator to go on: apply's flags, or the preview's key. */
export interface RefusalWording {
	/** What writes the documents: "this plan", "this batch". */
	what: string;
	/** How to choose the local checks: "run apply with --validation local", "press l". */
	how: string;
	/** What to do after granting ValidatePolicy: "run apply again", "preview again". */
	retry: string;
}

const applyWording: RefusalWording = { what: 'this plan', how: 'run apply with --validation local', retry: 'run apply again' };

/** The sentence that refuses a batch the gate did not pass, or null when it passed. */
export function gateRefusal(gate: PolicyGate, wording: RefusalWording = applyWording): string | null {
	if (gate.unavailable) {
		return (
			`Will not apply: Access Analyzer could not validate the policy documents ${wording.what} writes (${gate.unavailable}). ` +
			`Grant access-analyzer:ValidatePolicy (policies/remediate.json has it) and ${wording.retry}, or ${wording.how} to rely on the local checks only (a subset of AWS's). Nothing was applied.`
		);
	}
	if (gate.blocking.length > 0) {
		return (
			`Will not apply: policy validation found problems in ${gate.blocking.join('; and ')}. Nothing was applied. ` +
			`Fix the statements it names (step 3 scopes a policy's actions and resources; a role proposed for a user's access key takes that user's permissions, so scope the user's policies first), then ${wording.retry}.`
		);
	}
	return null;
}
