/**
 * Step 2, Access Analyzer and trust: ANALYZER_MISSING, the active analyzer findings
 * (EXTERNAL_ACCESS, UNUSED_ACCESS) and the locally analysed trust policies (TRUST_*).
 * Default actions: create the missing external-access analyzer, and fix each over-open
 * trust policy the default way (the screen lets the operator choose another fix). Archiving
 * findings and policy generation are chosen on the screen, never by default. Pure.
 */
import type { Action } from '../../core/actions.js';
import { makeFinding, type Finding } from '../../core/finding.js';
import type { PlanStep, StepPlan } from '../../core/step-plan.js';
import { compareFindings, excludedWithFindings } from '../inventory/plan.js';
import { createExternalAnalyzerAction } from './analyzer-actions.js';
import { analyzerMissingFinding, analyzerResultFindings } from './analyzer-findings.js';
import { trustIssuesOfRoles, type RoleTrustIssue } from './trust-analysis.js';
import { defaultTrustFix, trustFixAction } from './trust-fix.js';

export function trustFinding(issue: RoleTrustIssue): Finding {
	const who = issue.id === 'TRUST_ANY_PRINCIPAL' ? 'any AWS principal' : `account${issue.accounts.length === 1 ? '' : 's'} ${issue.accounts.join(', ')}`;
	const detail =
		issue.id === 'TRUST_ANY_PRINCIPAL'
			? `Role ${issue.role.name} may be assumed by ${who}: no condition restricts the caller.`
			: `Role ${issue.role.name} trusts ${who} with no sts:ExternalId or organization condition.`;
	return makeFinding(
		issue.id,
		issue.role.arn,
		detail,
		{ statementIndex: issue.statementIndex, ...(issue.sid ? { sid: issue.sid } : {}), principals: issue.principals, accounts: issue.accounts, trustPolicy: issue.role.trustPolicy },
		{ qualifier: issue.sid ?? `statement${issue.statementIndex + 1}` },
	);
}

export const planAccessAnalyzer: PlanStep = (model, context) => {
	const findings: Finding[] = [];
	const actions: Action[] = [];
	const plan: StepPlan = { step: 2, findings, actions, notEvaluated: [], excluded: [] };

	const missing = analyzerMissingFinding(model);
	if (missing) {
		findings.push(missing);
		actions.push(createExternalAnalyzerAction(model, [missing.fingerprint]));
	}
	const fromAnalyzer = analyzerResultFindings(model);
	findings.push(...fromAnalyzer.findings);
	plan.notEvaluated.push(...fromAnalyzer.notEvaluated);

	const excluded = new Set(context.excluded.map((e) => e.arn));
	const organizationId = model.organization?.id;
	const fixesByRole = new Map<string, Parameters<typeof trustFixAction>[0][number][]>();
	for (const issue of trustIssuesOfRoles(model.roles, model.accountId)) {
		const finding = trustFinding(issue);
		findings.push(finding);
		if (excluded.has(issue.role.arn)) continue;
		const fixes = fixesByRole.get(issue.role.arn) ?? [];
		fixes.push({ issue, fix: defaultTrustFix(issue, issue.role, model.accountId, model.partition, organizationId), fingerprint: finding.fingerprint });
		fixesByRole.set(issue.role.arn, fixes);
	}
	for (const fixes of fixesByRole.values()) actions.push(trustFixAction(fixes));
	findings.sort(compareFindings);
	plan.excluded = excludedWithFindings(
		findings.filter((f) => f.id.startsWith('TRUST_')),
		context.excluded,
	);
	return plan;
};
