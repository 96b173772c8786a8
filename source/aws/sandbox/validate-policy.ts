/**
 * The sandbox's ValidatePolicy: the local checks of source/core/policy-validation.ts
 * against the IAM action catalogue (Access Analyzer itself is not emulated further).
 */
import type { PolicyDocument } from '../../core/policy-document.js';
import { validatePolicyLocally } from '../../core/policy-validation.js';
import type { PolicyValidationIssue, ValidationPolicyType } from '../../core/policy-validation-types.js';
import { loadIamCatalogue } from '../iam-catalogue.js';

export async function sandboxValidatePolicy(document: PolicyDocument, policyType: ValidationPolicyType): Promise<PolicyValidationIssue[]> {
	return validatePolicyLocally(structuredClone(document), policyType, await loadIamCatalogue());
}
