/**
 * `scan --format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * - One rule per catalogue entry (stable `ruleIndex`), with the help text and the CIS /
 *   Security Hub controls as tags and properties, and GitHub's `security-severity`.
 * - Each result names the finding's ARN in `logicalLocations`, and, because GitHub rejects
 *   results without a repository-relative file, a `physicalLocation` whose URI is made from
 *   the ARN: `iam/<account>/<service>/<resource path>`, for example
 *   `iam/123456789012/iam/user/dev/alice` or `iam/123456789012/iam/root`. No such file
 *   exists; the path is stable, so GitHub tracks one alert per resource across scans.
 * - `partialFingerprints.iamWizardFingerprint/v1` is the finding's fingerprint, so an alert
 *   keeps its identity (and its dismissal) when the detail text changes.
 * - A suppressed finding stays in, with `suppressions: [{kind: 'external'}]` and its reason.
 */
import { findingCatalogue, findingIds, type Severity } from '../../core/finding-catalogue.js';
import type { Finding } from '../../core/finding.js';
import type { ScanReport } from '../scan-report.js';

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';
export const fingerprintKey = 'iamWizardFingerprint/v1';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub maps security-severity to critical (9.0+), high (7.0–8.9), medium (4.0–6.9), low (0.1–3.9). */
const securitySeverity: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

/** `arn:aws:iam::123456789012:user/dev/alice` → `iam/123456789012/iam/user/dev/alice`. */
export function artifactUriFor(arn: string, accountId: string): string {
	const parts = arn.split(':');
	if (parts.length < 6 || parts[0] !== 'arn') return `iam/${accountId}/other/${encodeSegment(arn)}`;
	const [, , service = 'unknown', region = '', account = '', ...rest] = parts;
	const path = rest.join(':').split(/[/:]/).filter(Boolean).map(encodeSegment);
	return ['iam', account || accountId, service, ...(region ? [region] : []), ...path].join('/');
}

function encodeSegment(text: string): string {
	return encodeURIComponent(text).replace(/%40/g, '@').replace(/%2B/g, '+').replace(/%3D/g, '=').replace(/%2C/g, ',');
}

function ruleName(id: string): string {
	return id
		.toLowerCase()
		.split('_')
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join('');
}

function rules() {
	return findingIds.map((id) => {
		const entry = findingCatalogue[id];
		const controls = [...entry.controls];
		const helpText = `${entry.help}${controls.length ? ` Controls: ${controls.join(', ')}.` : ''} Remediated in step ${entry.step} of the iam-wizard.`;
		return {
			id,
			name: ruleName(id),
			shortDescription: { text: entry.title },
			fullDescription: { text: entry.help },
			help: {
				text: helpText,
				markdown: `**${entry.title}** (${entry.severity})\n\n${entry.help}\n\n${controls.length ? `Controls: ${controls.map((c) => `\`${c}\``).join(', ')}\n\n` : ''}Remediate in step ${entry.step} of \`iam-wizard\`, or with \`iam-wizard plan --steps ${entry.step} --only ${id}\`.`,
			},
			defaultConfiguration: { level: levels[entry.severity] },
			properties: {
				tags: ['security', 'aws', 'iam', ...controls],
				precision: 'high',
				'problem.severity': levels[entry.severity] === 'note' ? 'recommendation' : levels[entry.severity],
				'security-severity': securitySeverity[entry.severity],
				severity: entry.severity,
				step: entry.step,
				controls,
			},
		};
	});
}

function result(finding: Finding, accountId: string, ruleIndex: Map<string, number>) {
	return {
		ruleId: finding.id,
		ruleIndex: ruleIndex.get(finding.id) ?? -1,
		level: levels[finding.severity],
		message: { text: `${finding.title}: ${finding.detail}` },
		locations: [
			{
				physicalLocation: { artifactLocation: { uri: artifactUriFor(finding.resource, accountId) }, region: { startLine: 1 } },
				logicalLocations: [{ fullyQualifiedName: finding.resource, kind: 'resource' }],
			},
		],
		partialFingerprints: { [fingerprintKey]: finding.fingerprint },
		...(finding.suppressed
			? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${finding.suppressed.reason}${finding.suppressed.expires ? ` (until ${finding.suppressed.expires})` : ''}` }] }
			: {}),
		properties: {
			severity: finding.severity,
			step: finding.step,
			fingerprint: finding.fingerprint,
			controls: finding.controls,
			...(finding.method ? { method: finding.method } : {}),
			evidence: finding.evidence,
		},
	};
}

export function formatScanSarif(report: ScanReport): string {
	const ruleList = rules();
	const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));
	const notifications = [
		...report.notEvaluated.map((n) => ({ level: 'warning', message: { text: `Not evaluated: ${n.area}: ${n.reason}${n.findingIds.length ? ` (${n.findingIds.join(', ')})` : ''}` } })),
		...(report.notices ?? []).map((text) => ({ level: 'warning', message: { text } })),
	];
	const log = {
		$schema: sarifSchemaUri,
		version: '2.1.0',
		runs: [
			{
				tool: { driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, rules: ruleList } },
				automationDetails: { id: `iam-wizard/${report.account.id}/` },
				invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
				properties: { account: report.account, source: report.source },
				results: report.findings.map((f) => result(f, report.account.id, ruleIndex)),
			},
		],
	};
	return `${JSON.stringify(log, null, 2)}\n`;
}
