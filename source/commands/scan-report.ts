/**
 * The `scan` report: the JSON that scripts rely on (shape fixed by issue 2 and FINDINGS.md),
 * built from the account model and the plans of the six steps.
 */
import type { Finding } from '../core/finding.js';
import { severityRank } from '../core/finding-catalogue.js';
import type { AccountModel, NotEvaluated } from '../core/model.js';
import type { PlanContext } from '../core/settings.js';
import type { StepPlan } from '../core/step-plan.js';
import { summariseInventory, type InventorySummary } from '../steps/inventory/inventory-summary.js';
import { stepInfos } from '../steps/step-plans.js';
import { toolName, toolVersion } from '../tool-version.js';

export interface ScanReport {
	tool: { name: string; version: string };
	account: { id: string; alias?: string };
	generatedAt: string;
	source: 'live' | 'demo' | 'snapshot';
	inventory: InventorySummary;
	findings: Finding[];
	notEvaluated: NotEvaluated[];
	/** Things the operator should know about the report itself (an expired suppression); absent when none. */
	notices?: string[];
}

export function sortFindings(findings: Finding[]): Finding[] {
	return [...findings].sort(
		(a, b) => severityRank(a.severity) - severityRank(b.severity) || a.step - b.step || a.id.localeCompare(b.id) || a.resource.localeCompare(b.resource) || a.fingerprint.localeCompare(b.fingerprint),
	);
}

export function planAllSteps(model: AccountModel, context: PlanContext): StepPlan[] {
	return stepInfos.map((info) => info.plan(model, context));
}

export function buildScanReport(model: AccountModel, plans: StepPlan[], source: ScanReport['source'], context: PlanContext): ScanReport {
	const summary = summariseInventory(model, context.now, context.thresholds, context.inactiveKeys);
	return {
		tool: { name: toolName, version: toolVersion },
		account: { id: model.accountId, ...(model.alias ? { alias: model.alias } : {}) },
		generatedAt: context.now.toISOString(),
		source,
		inventory: summary,
		findings: sortFindings(plans.flatMap((plan) => plan.findings)),
		notEvaluated: [...model.notEvaluated, ...plans.flatMap((plan) => plan.notEvaluated)],
	};
}
