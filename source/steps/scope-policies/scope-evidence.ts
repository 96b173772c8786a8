/**
 * Evidence the step-3 screen asks the gateway for on the operator's request: last-accessed
 * reports of a policy's principals, and validation of a proposed document (Access Analyzer
 * live, local checks on the sandbox). Results are plain data merged into ScopeInputs, so
 * the pure plan stays the one place that decides what is proposed.
 */
import type { AwsGateway } from '../../aws/gateway.js';
import type { LastAccessedReport } from '../../core/last-accessed.js';
import { policyDocumentToJson, type PolicyDocument } from '../../core/policy-document.js';
import type { ScopeInputs, ValidationResult } from './plan.js';
import type { PolicyPrincipal } from './policy-sources.js';

export async function readLastAccessed(gateway: AwsGateway, principals: readonly PolicyPrincipal[]): Promise<Record<string, LastAccessedReport>> {
	if (!gateway.serviceLastAccessed) throw new Error('This source cannot read last-accessed data (a snapshot has none).');
	const out: Record<string, LastAccessedReport> = {};
	// One job at a time: IAM throttles GenerateServiceLastAccessedDetails per account.
	for (const principal of principals) out[principal.arn] = await gateway.serviceLastAccessed(principal.arn);
	return out;
}

export async function validateDocument(gateway: AwsGateway, document: PolicyDocument): Promise<ValidationResult> {
	if (!gateway.validatePolicy) throw new Error('This source cannot validate policies (a snapshot is read-only).');
	const issues = await gateway.validatePolicy(document, 'IDENTITY_POLICY');
	return { documentJson: policyDocumentToJson(document), issues, by: gateway.mode === 'live' ? 'access-analyzer' : 'sandbox' };
}

export function withLastAccessed(inputs: ScopeInputs, reports: Record<string, LastAccessedReport>): ScopeInputs {
	return { ...inputs, lastAccessed: { ...inputs.lastAccessed, ...reports } };
}

export function withValidation(inputs: ScopeInputs, key: string, result: ValidationResult): ScopeInputs {
	const others = (inputs.validation?.[key] ?? []).filter((r) => r.documentJson !== result.documentJson);
	return { ...inputs, validation: { ...inputs.validation, [key]: [...others, result] } };
}
