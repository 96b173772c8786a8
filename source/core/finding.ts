import type { StepNumber } from './actions.js';
import { findingCatalogue, type FindingId, type Severity } from './finding-catalogue.js';

export interface Finding {
	id: FindingId;
	severity: Severity;
	step: StepNumber;
	/** An ARN; see FINDINGS.md for what each ID names. */
	resource: string;
	title: string;
	detail: string;
	controls: string[];
	evidence: Record<string, unknown>;
	/** `ID|resource|qualifier`: stable across scans, used by suppressions, SARIF and baselines. */
	fingerprint: string;
	/** PRIVILEGE_ESCALATION: the first hop's method. */
	method?: string;
	/** PRIVILEGE_ESCALATION: the shortest path, one entry per hop (`method` is the first's). */
	path?: { principal: string; method: string; permissions: string[]; to: string }[];
	suppressed?: { reason: string; expires?: string };
}

/** Builds a finding with the catalogue's severity, step, title and controls. */
export function makeFinding(
	id: FindingId,
	resource: string,
	detail: string,
	evidence: Record<string, unknown> = {},
	options: { qualifier?: string; method?: string; path?: Finding['path'] } = {},
): Finding {
	const entry = findingCatalogue[id];
	const qualifier = options.qualifier ?? options.method ?? '';
	return {
		id,
		severity: entry.severity,
		step: entry.step,
		resource,
		title: entry.title,
		detail,
		controls: [...entry.controls],
		evidence,
		fingerprint: `${id}|${resource}|${qualifier}`,
		...(options.method ? { method: options.method } : {}),
		...(options.path ? { path: options.path } : {}),
	};
}
