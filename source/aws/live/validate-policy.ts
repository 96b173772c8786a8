/**
 * Access Analyzer's ValidatePolicy for step 3: the findings for a policy document, every
 * page of them, as plain data. The document is sent as the JSON iam-wizard would apply.
 */
import { ValidatePolicyCommand, type ValidatePolicyFinding } from '@aws-sdk/client-accessanalyzer';
import { policyDocumentToJson, type PolicyDocument } from '../../core/policy-document.js';
import type { PolicyValidationIssue, ValidationFindingType, ValidationPolicyType } from '../../core/policy-validation-types.js';
import type { AwsCaller } from './aws-caller.js';

const findingTypes = new Set<string>(['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION']);

type PathElement = { index?: number; key?: string; value?: string; substring?: unknown };

/** The statement a finding points at: the index right after a "Statement" path element. */
function statementIndexOf(finding: ValidatePolicyFinding): number | undefined {
	for (const location of finding.locations ?? []) {
		const path = (location.path ?? []) as PathElement[];
		const at = path.findIndex((p) => p.value === 'Statement' || p.key === 'Statement');
		const next = at >= 0 ? path[at + 1] : undefined;
		if (next && typeof next.index === 'number') return next.index;
		// A single statement given as an object has no index.
		if (at >= 0) return 0;
	}
	return undefined;
}

function toIssue(finding: ValidatePolicyFinding): PolicyValidationIssue {
	const type = finding.findingType && findingTypes.has(finding.findingType) ? (finding.findingType as ValidationFindingType) : 'WARNING';
	const issue: PolicyValidationIssue = {
		findingType: type,
		issueCode: finding.issueCode ?? 'UNKNOWN',
		detail: (finding.findingDetails ?? finding.issueCode ?? 'Access Analyzer reported an issue.').trim(),
	};
	const index = statementIndexOf(finding);
	if (index !== undefined) issue.statementIndex = index;
	if (finding.learnMoreLink) issue.learnMoreLink = finding.learnMoreLink;
	return issue;
}

export async function validatePolicyLive(caller: AwsCaller, document: PolicyDocument, policyType: ValidationPolicyType): Promise<PolicyValidationIssue[]> {
	const policyDocument = policyDocumentToJson(document);
	const pages = await caller.pages(
		'accessAnalyzer',
		(token) => new ValidatePolicyCommand({ policyDocument, policyType, ...(token ? { nextToken: token } : {}) }),
		(page) => page.nextToken,
	);
	return pages.flatMap((page) => (page.findings ?? []).map(toIssue));
}
