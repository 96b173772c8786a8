/**
 * What policy validation reports, in the shape of Access Analyzer's ValidatePolicy: the
 * live gateway passes its findings through; the sandbox (and the plan, without AWS)
 * computes a subset of them locally with `validatePolicyLocally`.
 */

/** ValidatePolicy's finding types; POLICY_VALIDATION is raised for ERROR and SECURITY_WARNING. */
export type ValidationFindingType = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

export type ValidationPolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY' | 'SERVICE_CONTROL_POLICY';

export interface PolicyValidationIssue {
	findingType: ValidationFindingType;
	/** Access Analyzer's issue code ("INVALID_ACTION", "PASS_ROLE_WITH_STAR_IN_RESOURCE"). */
	issueCode: string;
	/** One sentence for the operator. */
	detail: string;
	/** 0-based index of the statement the issue is in, when it is in one. */
	statementIndex?: number;
	learnMoreLink?: string;
}

/** Whether an issue is serious enough for POLICY_VALIDATION (and to block an apply). */
export function isBlockingIssue(issue: PolicyValidationIssue): boolean {
	return issue.findingType === 'ERROR' || issue.findingType === 'SECURITY_WARNING';
}
