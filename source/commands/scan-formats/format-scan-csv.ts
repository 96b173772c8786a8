/**
 * `scan --format csv`: one row per finding, for spreadsheets. Cells that a spreadsheet
 * would run as a formula (IAM names may start with `=`, `+`, `-` or `@`) get a leading `'`.
 */
import { stringify } from 'csv-stringify/sync';
import type { ScanReport } from '../scan-report.js';

export const csvColumns = ['severity', 'id', 'step', 'resource', 'title', 'detail', 'controls', 'method', 'fingerprint', 'suppressed', 'suppression_reason', 'suppression_expires', 'evidence'] as const;

/** Neutralises spreadsheet formulas (CSV injection): a cell starting with = + - @ tab or CR is prefixed with '. */
export function safeCell(text: string): string {
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

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
		].map(safeCell),
	);
	return stringify([[...csvColumns], ...rows], { record_delimiter: 'windows' });
}
