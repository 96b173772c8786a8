/**
 * Step 3, scope policies. Pure: the account model, the catalogue (in the context) and
 * optional evidence gathered at the edge (Access Analyzer validation, last-accessed data,
 * step 2's generated policies, the operator's choices) in, findings and the actions that
 * apply scoped versions out.
 *
 * Without evidence from AWS the plan still runs everywhere (scan included): POLICY_VALIDATION
 * then comes from the local checks, and the notEvaluated list says Access Analyzer was not
 * asked. AWS-managed policies, policies of service-linked roles and policies that reach a
 * break-glass principal are reported and never proposed for change.
 */
import type { Action } from '../../core/actions.js';
import { excludedEntryMatches } from '../../core/break-glass.js';
import type { Finding } from '../../core/finding.js';
import type { LastAccessedReport } from '../../core/last-accessed.js';
import type { AccountModel, NotEvaluated } from '../../core/model.js';
import type { IamCatalogue } from '../../core/policy-engine/catalogue.js';
import { policyDocumentToJson, type PolicyDocument } from '../../core/policy-document.js';
import { validatePolicyLocally } from '../../core/policy-validation.js';
import { isBlockingIssue, type PolicyValidationIssue } from '../../core/policy-validation-types.js';
import type { PlanContext } from '../../core/settings.js';
import type { PlanStep, StepPlan } from '../../core/step-plan.js';
import { compareFindings } from '../inventory/plan.js';
import { applyActionsFor } from './apply-actions.js';
import { allowsOf, fullAdminFindings, notActionFindings, serviceWildcardFindings, wildcardResourceFindings } from './grant-findings.js';
import { humansBehind } from './human-principals.js';
import { sensitiveNoMfaFindings } from './mfa-findings.js';
import { isServiceLinked, policySources, type PolicySource } from './policy-sources.js';
import { proposeScopedDocument, type ScopeChoices, type ScopedProposal } from './scope-proposal.js';
import { usageEvidenceFor } from './usage-evidence.js';
import { validationFindings } from './validation-findings.js';

/** Access Analyzer's answer for one document, kept with the document it was about. */
export interface ValidationResult {
	documentJson: string;
	issues: PolicyValidationIssue[];
	/** Who answered: Access Analyzer (live), or the sandbox's local checks. */
	by: 'access-analyzer' | 'sandbox';
}

export type ValidatedBy = ValidationResult['by'] | 'local';

export interface ScopeInputs {
	/** Policy key → Access Analyzer's issues (current documents and proposals alike, matched by document). */
	validation?: Record<string, ValidationResult[]>;
	/** Principal ARN → its last-accessed report. */
	lastAccessed?: Record<string, LastAccessedReport>;
	/** Principal ARN → step 2's generated policy. */
	generated?: Record<string, PolicyDocument>;
	/** Policy key → what the operator chose. */
	choices?: Record<string, ScopeChoices>;
}

export interface PolicyScope {
	source: PolicySource;
	findings: Finding[];
	proposal?: ScopedProposal;
	/** Issues of the proposed document, and who found them. */
	proposalIssues?: { by: ValidatedBy; issues: PolicyValidationIssue[] };
	actions: Action[];
	/** Why nothing is proposed for a policy with findings. */
	blocked?: string;
}

export interface ScopeAnalysis {
	plan: StepPlan;
	scopes: PolicyScope[];
}

const grantIds = new Set(['POLICY_FULL_ADMIN', 'POLICY_SERVICE_WILDCARD', 'POLICY_WILDCARD_RESOURCE', 'POLICY_NOT_ACTION', 'POLICY_SENSITIVE_NO_MFA']);

/** The gateway's answer for this exact document, if it was asked. */
function gatewayValidation(inputs: ScopeInputs, key: string, document: PolicyDocument): ValidationResult | undefined {
	// Most policies were not sent (scan sends none): the document's JSON is built only to compare with an answer.
	const results = inputs.validation?.[key];
	if (!results || results.length === 0) return undefined;
	const json = policyDocumentToJson(document);
	return results.find((r) => r.documentJson === json);
}

export function validatedByLabel(by: ValidatedBy): string {
	return by === 'access-analyzer' ? 'by Access Analyzer' : by === 'sandbox' ? "by the sandbox's checks" : 'locally';
}

function breakGlassOf(source: PolicySource, context: PlanContext) {
	for (const principal of source.principals) {
		const entry = context.excluded.find((e) => excludedEntryMatches(e.arn, { type: principal.type, name: principal.name, arn: principal.arn }));
		if (entry) return { principal, reason: entry.reason };
	}
	return undefined;
}

/** MFA is added without being asked only where it cannot break a workload: users (BoolIfExists spares their keys) and roles people assume. */
function peopleOnly(model: AccountModel, source: PolicySource): boolean {
	return source.principals.length > 0 && source.principals.every((p) => p.type !== 'role' || humansBehind(model, p).length > 0);
}

/** The findings of what a policy grants (attached policies only: an unattached one grants nothing). */
function grantFindings(source: PolicySource, model: AccountModel, catalogue: IamCatalogue | undefined): Finding[] {
	if (source.principals.length === 0) return [];
	const allows = allowsOf(source);
	const out = [...fullAdminFindings(source, allows), ...serviceWildcardFindings(source, allows), ...notActionFindings(source, allows)];
	if (catalogue) out.push(...wildcardResourceFindings(source, catalogue, allows), ...sensitiveNoMfaFindings(source, model, catalogue));
	return out;
}

export function analyseScope(model: AccountModel, context: PlanContext, inputs: ScopeInputs = {}): ScopeAnalysis {
	const catalogue = context.catalogue;
	const sources = policySources(model);
	const notEvaluated: NotEvaluated[] = [];
	const plan: StepPlan = { step: 3, findings: [], actions: [], notEvaluated, excluded: [] };
	const scopes: PolicyScope[] = [];
	let localValidation = false;

	for (const source of sources) {
		const findings: Finding[] = grantFindings(source, model, catalogue);
		if (source.kind !== 'aws-managed') {
			const fromGateway = gatewayValidation(inputs, source.key, source.document);
			if (fromGateway) findings.push(...validationFindings(source, fromGateway.issues, fromGateway.by));
			else if (catalogue) {
				localValidation = true;
				findings.push(...validationFindings(source, validatePolicyLocally(source.document, 'IDENTITY_POLICY', catalogue, { blockingOnly: true }), 'local'));
			}
		}
		const choices = inputs.choices?.[source.key];
		if (findings.length === 0 && !choices) continue;
		const scope: PolicyScope = { source, findings, actions: [] };
		scopes.push(scope);
		plan.findings.push(...findings);
		if (context.findingsOnly) continue;
		if (!catalogue || (!findings.some((f) => grantIds.has(f.id)) && !choices)) continue;

		if (source.kind === 'aws-managed') {
			scope.blocked = 'AWS-managed: AWS alone can change it; detach it or replace it with a scoped customer policy.';
			continue;
		}
		if (source.owner && isServiceLinked(source.owner)) {
			scope.blocked = 'the policy of a service-linked role belongs to its service (UnmodifiableEntity).';
			continue;
		}
		const breakGlass = breakGlassOf(source, context);
		if (breakGlass) {
			scope.blocked = `reaches break-glass ${breakGlass.principal.type} ${breakGlass.principal.name}: ${breakGlass.reason}`;
			plan.excluded.push({ arn: breakGlass.principal.arn, reason: `${breakGlass.reason} (policy ${source.name} is not changed)`, findingIds: [...new Set(findings.map((f) => f.id))] });
			continue;
		}
		const usage = usageEvidenceFor(catalogue, source, inputs);
		const defaultMfa = findings.some((f) => f.id === 'POLICY_SENSITIVE_NO_MFA') && peopleOnly(model, source);
		if (!usage && !choices && !defaultMfa) {
			scope.blocked = 'no evidence to scope it yet: read last-accessed data, or choose ARNs or conditions.';
			continue;
		}
		const proposal = proposeScopedDocument(catalogue, source.document, { usage, choices, defaultMfa });
		scope.proposal = proposal;
		if (proposal.changes.length === 0) {
			scope.blocked = usage ? 'the evidence supports no narrower version.' : 'no evidence to scope it yet: read last-accessed data, or choose ARNs or conditions.';
			continue;
		}
		if (proposal.document.Statement.length === 0) {
			scope.blocked = `none of its actions was used (${usage?.sources.join('; ')}): consider detaching it instead.`;
			continue;
		}
		const fromGateway = gatewayValidation(inputs, source.key, proposal.document);
		scope.proposalIssues = fromGateway ? { by: fromGateway.by, issues: fromGateway.issues } : { by: 'local', issues: validatePolicyLocally(proposal.document, 'IDENTITY_POLICY', catalogue) };
		const blocking = scope.proposalIssues.issues.filter(isBlockingIssue);
		if (blocking.length > 0) {
			scope.blocked = `the scoped version fails validation: ${blocking.map((i) => `${i.issueCode}: ${i.detail}`).join(' ')}`;
			continue;
		}
		// What the scoped version fixes: the findings it would no longer have (an MFA condition added to a
		// write on "*" fixes POLICY_SENSITIVE_NO_MFA, not POLICY_WILDCARD_RESOURCE), so "fixed" is never claimed for one that stays.
		const scoped = { ...source, document: proposal.document };
		const stays = new Set([...grantFindings(scoped, model, catalogue), ...validationFindings(scoped, scope.proposalIssues.issues, scope.proposalIssues.by)].map((f) => f.fingerprint));
		// None fixed can still be worth it (an unused action dropped narrows what the policy grants): it then claims none.
		const fixes = findings.filter((f) => !stays.has(f.fingerprint));
		const why = [...new Set(fixes.filter((f) => grantIds.has(f.id)).map((f) => f.id))].join(', ') || [...new Set(fixes.map((f) => f.id))].join(', ') || (usage ? 'unused actions dropped' : 'operator choices');
		const applied = applyActionsFor(model, source, proposal.document, fixes.map((f) => f.fingerprint), `${why}; validated ${validatedByLabel(scope.proposalIssues.by)}`);
		if (!applied.ok) {
			scope.blocked = applied.reason;
			continue;
		}
		scope.actions = applied.actions;
		plan.actions.push(...applied.actions);
	}

	plan.findings.sort(compareFindings);
	if (!catalogue) {
		notEvaluated.push({
			area: 'IAM action catalogue',
			reason: 'The IAM action catalogue was not loaded, so wildcard resources, sensitive actions, validation and scoped versions were not worked out.',
			findingIds: ['POLICY_WILDCARD_RESOURCE', 'POLICY_SENSITIVE_NO_MFA', 'POLICY_VALIDATION'],
		});
	}
	if (localValidation) {
		notEvaluated.push({
			area: 'access-analyzer:ValidatePolicy',
			reason: 'Access Analyzer ValidatePolicy was not run: POLICY_VALIDATION comes from local checks (unknown actions, mismatched resources, PassRole on *, size), a subset of its checks.',
			findingIds: ['POLICY_VALIDATION'],
		});
	}
	if (catalogue && !inputs.lastAccessed && !inputs.generated) {
		notEvaluated.push({
			area: 'last-accessed data',
			reason: 'No last-accessed data was read, so unused actions are not removed from proposals (the wizard reads it on request).',
			findingIds: [],
		});
	}
	return { plan, scopes };
}

export function planScopePolicies(model: AccountModel, context: PlanContext, inputs: ScopeInputs = {}): StepPlan {
	return analyseScope(model, context, inputs).plan;
}

export const planScopePoliciesStep: PlanStep = (model, context) => planScopePolicies(model, context);
