/**
 * POLICY_VALIDATION: ERROR and SECURITY_WARNING issues of a customer policy (managed or
 * inline), one finding per issue code, the code in `detail`. The issues come from Access
 * Analyzer when the edge could call it, else from the local checks.
 */
import type { Finding } from '../../core/finding.js';
import { isBlockingIssue, type PolicyValidationIssue } from '../../core/policy-validation-types.js';
import { findingsFor } from './finding-target.js';
import type { PolicySource } from './policy-sources.js';

export function validationFindings(source: PolicySource, issues: readonly PolicyValidationIssue[], by: 'access-analyzer' | 'sandbox' | 'local'): Finding[] {
	if (source.kind === 'aws-managed') return [];
	const byCode = new Map<string, PolicyValidationIssue[]>();
	for (const issue of issues) {
		if (!isBlockingIssue(issue)) continue;
		const list = byCode.get(issue.issueCode);
		if (list) list.push(issue);
		else byCode.set(issue.issueCode, [issue]);
	}
	// Most policies have none: no list to sort.
	if (byCode.size === 0) return [];
	return [...byCode.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.flatMap(([code, list]) =>
			findingsFor(source, {
				id: 'POLICY_VALIDATION',
				detail: `${code} (${list[0]!.findingType}) in ${source.name}: ${list.map((i) => i.detail).join(' ')}`,
				evidence: { issueCode: code, findingType: list[0]!.findingType, validatedBy: by, issues: list },
				qualifier: code,
			}),
		);
}
