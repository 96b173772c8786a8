/**
 * Merges what a policy's principals used into one UsageEvidence: last-accessed reports
 * (GenerateServiceLastAccessedDetails) and step 2's generated policies. Usage narrows a
 * shared policy only when every principal it is attached to has evidence: one principal
 * without it could still need what the others did not use.
 */
import { usedFromReport, type LastAccessedReport } from '../../core/last-accessed.js';
import { expandActionPattern, type IamCatalogue } from '../../core/policy-engine/catalogue.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import type { PolicySource } from './policy-sources.js';
import type { UsageEvidence } from './scope-proposal.js';

export interface UsageInputs {
	lastAccessed?: Record<string, LastAccessedReport>;
	/** Step 2's generated policies, by principal ARN. */
	generated?: Record<string, PolicyDocument>;
}

export function usageEvidenceFor(catalogue: IamCatalogue, source: PolicySource, inputs: UsageInputs): UsageEvidence | undefined {
	if (source.principals.length === 0) return undefined;
	const evidence: UsageEvidence = { usedActions: new Set(), usedServices: new Set(), servicesWithoutDetail: new Set(), trackedUnused: new Set(), sources: [] };
	const unusedCandidates: string[] = [];
	for (const principal of source.principals) {
		const report = inputs.lastAccessed?.[principal.arn];
		const generated = inputs.generated?.[principal.arn];
		if (!report && !generated) return undefined;
		if (report) {
			const used = usedFromReport(report);
			for (const a of used.actions) evidence.usedActions.add(a.toLowerCase());
			for (const s of used.servicesWithoutDetail) evidence.servicesWithoutDetail.add(s.toLowerCase());
			for (const service of report.services) {
				if (service.lastAuthenticated) evidence.usedServices.add(service.namespace.toLowerCase());
				for (const action of service.actions ?? []) if (!action.lastAccessed) unusedCandidates.push(`${service.namespace}:${action.name}`.toLowerCase());
			}
			evidence.sources.push(`last-accessed data of ${principal.type} ${principal.name}`);
		}
		if (generated) {
			const byAction = (evidence.resourcesByAction ??= new Map());
			for (const statement of generated.Statement) {
				if (statement.Effect !== 'Allow') continue;
				const specific = (statement.Resource ?? []).filter((r) => r !== '*');
				for (const pattern of statement.Action ?? []) {
					for (const action of expandActionPattern(catalogue, pattern)) {
						const key = action.toLowerCase();
						evidence.usedActions.add(key);
						evidence.usedServices.add(action.split(':')[0]!.toLowerCase());
						if (specific.length > 0) byAction.set(key, new Set([...(byAction.get(key) ?? []), ...specific]));
					}
				}
			}
			evidence.sources.push(`the policy generated from CloudTrail for ${principal.type} ${principal.name}`);
		}
	}
	for (const action of unusedCandidates) if (!evidence.usedActions.has(action)) evidence.trackedUnused.add(action);
	// Resources only from generated policies of every principal: a principal known only by its
	// last-accessed data may use the same actions on other resources.
	if (!source.principals.every((p) => inputs.generated?.[p.arn])) delete evidence.resourcesByAction;
	return evidence;
}
