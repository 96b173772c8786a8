/**
 * `scan --format csv`: one row per finding, for spreadsheets, written by `csvText` (quoted
 * cells, formulas neutralised: IAM names may start with `=`, `+`, `-` or `@`).
 */
import { csvText } from '../../core/csv-text.js';
import type { ScanReport } from '../scan-report.js';

export const csvColumns = ['severity', 'id', 'step', 'resource', 'title', 'detail', 'controls', 'method', 'fingerprint', 'suppressed', 'suppression_reason', 'suppression_expires', 'evidence'] as const;

export function formatScanCsv(report: ScanReport): string {
	const rows = report.findings.map((f) =>
		[
			f.severity,
			f.id,
			String(f.step),
			f.resource,
			f.title,
			f.detail,
			f.controls.join('; '),
			f.method ?? '',
			f.fingerprint,
			f.suppressed ? 'yes' : 'no',
			f.suppressed?.reason ?? '',
			f.suppressed?.expires ?? '',
			Object.keys(f.evidence).length ? JSON.stringify(f.evidence) : '',
		],
	);
	return csvText(csvColumns, rows);
}
