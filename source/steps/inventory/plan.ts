/**
 * Step 1, inventory and credentials: every finding of FINDINGS.md's step-1 table, computed
 * from the account model alone. Pure: the clock and thresholds come in the context.
 */
import type { Finding } from '../../core/finding.js';
import { severityRank } from '../../core/finding-catalogue.js';
import type { FindingId } from '../../core/finding-catalogue.js';
import type { ExcludedPrincipal } from '../../core/settings.js';
import type { PlanStep, StepPlan } from '../../core/step-plan.js';
import { accessKeyFindings } from './access-key-findings.js';
import { consoleCredentialFindings } from './console-credential-findings.js';
import { passwordPolicyFindings } from './password-policy-findings.js';
import { policyAttachmentFindings } from './policy-attachment-findings.js';
import { roleFindings } from './role-findings.js';
import { rootFindings } from './root-findings.js';

/** Findings about the account as a whole; their resource is the root ARN but they are not about the root principal. */
const accountWide = new Set<FindingId>(['PASSWORD_POLICY_WEAK', 'SUPPORT_ROLE_MISSING']);

export function compareFindings(a: Finding, b: Finding): number {
	return (
		severityRank(a.severity) - severityRank(b.severity) ||
		compareText(a.resource, b.resource) ||
		compareText(a.id, b.id) ||
		compareText(a.fingerprint, b.fingerprint)
	);
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Break-glass principals keep their findings (findings are facts), but no action may target
 * them: the plan lists each one that has findings, with the IDs it would have been acted on for.
 */
export function excludedWithFindings(findings: readonly Finding[], excluded: readonly ExcludedPrincipal[]): StepPlan['excluded'] {
	return excluded.flatMap((principal) => {
		const ids = [...new Set(findings.filter((f) => f.resource === principal.arn && !accountWide.has(f.id)).map((f) => f.id))];
		return ids.length > 0 ? [{ ...principal, findingIds: ids }] : [];
	});
}

export const planInventory: PlanStep = (model, context) => {
	const findings = [
		...rootFindings(model, context),
		...passwordPolicyFindings(model),
		...consoleCredentialFindings(model, context),
		...accessKeyFindings(model, context),
		...policyAttachmentFindings(model),
		...roleFindings(model, context),
	].sort(compareFindings);
	return {
		step: 1,
		findings,
		actions: [],
		notEvaluated: [],
		excluded: excludedWithFindings(findings, context.excluded),
	};
};
