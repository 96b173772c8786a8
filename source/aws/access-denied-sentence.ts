/**
 * What iam-wizard says when AWS denies a call: the call, the IAM action to grant, and which
 * shipped policy grants it. The live adapter says it for an AccessDenied answer; the sandbox
 * for an area a test makes unreadable, so the demo and a live account say the same thing.
 */
import { iamActionOf } from './iam-action-of.js';

/** Read operations are covered by policies/scan-only.json; writes need the apply permissions. */
function isReadOperation(operation: string): boolean {
	const action = operation.slice(operation.indexOf(':') + 1);
	return /^(Get|List|Describe|Generate|BatchGet)/.test(action);
}

/** "Access denied to config:DescribeConfigurationRecorders: grant config:DescribeConfigurationRecorders to the caller (…)." */
export function accessDeniedSentence(operation: string): string {
	const action = iamActionOf(operation);
	const hint = isReadOperation(operation)
		? `grant ${action} to the caller (policies/scan-only.json grants every read a scan makes)`
		: `grant ${action} to the caller to make this change (policies/remediate.json grants every change iam-wizard makes)`;
	return `Access denied to ${operation}: ${hint}.`;
}
