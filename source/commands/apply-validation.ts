/**
 * Before a plan changes a policy, the gateway validates the document it will write (Access
 * Analyzer ValidatePolicy on a live account, the same checks locally in the sandbox): a plan
 * reviewed days ago was checked only locally, and AWS knows more. Any ERROR or
 * SECURITY_WARNING refuses the whole plan before anything is applied.
 */
import type { AwsGateway } from '../aws/gateway.js';
import type { Action, ActionKind } from '../core/actions.js';
import type { PolicyDocument } from '../core/policy-document.js';
import { isBlockingIssue, type ValidationPolicyType } from '../core/policy-validation-types.js';
import { refusal } from './apply-plan-file.js';

const documentOf: Partial<Record<ActionKind, { key: string; type: ValidationPolicyType }>> = {
	'iam:CreatePolicyVersion': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'iam:CreatePolicy': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'iam:PutUserPolicy': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'iam:PutGroupPolicy': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'iam:PutRolePolicy': { key: 'PolicyDocument', type: 'IDENTITY_POLICY' },
	'organizations:CreatePolicy': { key: 'Content', type: 'SERVICE_CONTROL_POLICY' },
};

export async function checkPoliciesValidate(actions: readonly Action[], gateway: AwsGateway): Promise<void> {
	if (!gateway.validatePolicy) return;
	const problems: string[] = [];
	for (const action of actions) {
		const spec = documentOf[action.kind];
		if (!spec) continue;
		const document = (action.params as Record<string, unknown>)[spec.key] as PolicyDocument;
		const blocking = (await gateway.validatePolicy(document, spec.type)).filter(isBlockingIssue);
		if (blocking.length > 0) problems.push(`${action.summary} (${blocking.map((issue) => `${issue.findingType} ${issue.issueCode}: ${issue.detail}`).join('; ')})`);
	}
	if (problems.length > 0) {
		throw refusal(`Will not apply: policy validation found problems in ${problems.join('; and ')}. Nothing was applied.`);
	}
}
