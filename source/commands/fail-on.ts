/**
 * `scan --fail-on SEVERITY [--baseline PREVIOUS.json]`: the CI gate. Exit 1 when an
 * unsuppressed finding is at or above the severity (and, with a baseline, its fingerprint
 * is not in the previous scan); 0 otherwise.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { isNodeError } from '../audit/audit-input-error.js';
import type { Finding } from '../core/finding.js';
import { jsonSyntaxProblem } from '../core/json-syntax.js';
import { severityOrder, severityRank, type Severity } from '../core/finding-catalogue.js';
import { UsageError } from './command-io.js';

export function parseSeverity(value: string): Severity {
	const severity = value.toLowerCase();
	if (!(severityOrder as readonly string[]).includes(severity)) {
		throw new UsageError(`--fail-on "${value}" is not a severity: use one of ${severityOrder.join(', ')}.`);
	}
	return severity as Severity;
}

export interface Baseline {
	file: string;
	fingerprints: Set<string>;
}

/** Reads the fingerprints of a previous `scan --format json` report. */
export function readBaseline(path: string, cwd: string): Baseline {
	const file = resolve(cwd, path);
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if (isNodeError(error, 'ENOENT')) throw new UsageError(`The baseline ${file} does not exist.`);
		throw new UsageError(`Could not read the baseline ${file}: ${(error as Error).message}.`);
	}
	let report: unknown;
	try {
		report = JSON.parse(text);
	} catch (error) {
		throw new UsageError(`The baseline ${basename(file)} is not JSON (${jsonSyntaxProblem(text, error).text}): pass the output of a previous \`iam-wizard scan --format json\`.`);
	}
	const findings = (report as { findings?: unknown } | null)?.findings;
	if (!Array.isArray(findings) || findings.some((f) => typeof (f as { fingerprint?: unknown } | null)?.fingerprint !== 'string')) {
		throw new UsageError(`The baseline ${basename(file)} is not a scan report: it has no findings with fingerprints; pass the output of a previous \`iam-wizard scan --format json\`.`);
	}
	return { file, fingerprints: new Set(findings.map((f) => (f as { fingerprint: string }).fingerprint)) };
}

/** The findings that fail the gate: unsuppressed, at or above the threshold, and new when there is a baseline. */
export function failingFindings(findings: Finding[], threshold: Severity, baseline?: Baseline): Finding[] {
	return findings.filter((f) => !f.suppressed && severityRank(f.severity) <= severityRank(threshold) && !baseline?.fingerprints.has(f.fingerprint));
}

/** One line for the CI log, then the failing findings. */
export function failOnSummary(failing: Finding[], threshold: Severity, baseline?: Baseline): string {
	const scope = baseline ? ` not in the baseline ${basename(baseline.file)}` : '';
	if (failing.length === 0) return `--fail-on ${threshold}: no unsuppressed findings at or above ${threshold}${scope}.\n`;
	const head = `--fail-on ${threshold}: ${failing.length} unsuppressed finding${failing.length === 1 ? '' : 's'} at or above ${threshold}${scope}:`;
	const lines = failing.slice(0, 20).map((f) => `  ${f.severity.toUpperCase()} ${f.id} ${f.resource}`);
	if (failing.length > 20) lines.push(`  … and ${failing.length - 20} more`);
	return `${[head, ...lines].join('\n')}\n`;
}
