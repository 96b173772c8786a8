/** `scan --format table`: the report for people, one finding a line, most severe first. */
import { printable } from '../core/printable.js';
import type { ScanReport } from './scan-report.js';

function truncate(text: string, width: number): string {
	return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** Breaks a sentence into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else {
			line = line ? `${line} ${word}` : word;
		}
	}
	if (line) lines.push(line);
	return lines;
}

function pad(text: string, width: number): string {
	return truncate(text, width).padEnd(width);
}

function inventoryLines(inv: ScanReport['inventory']): string[] {
	const keys = inv.accessKeys;
	const root = inv.root;
	const rootUse = root.lastUsed === undefined ? 'unknown' : root.lastUsed === null ? 'never' : root.lastUsed.slice(0, 10);
	return [
		`Inventory: ${inv.users} users · ${inv.groups} groups · ${inv.roles} roles (${inv.rolesUnused} unused) · ${inv.policies} customer policies · ${inv.awsManagedPoliciesInUse} AWS-managed in use`,
		`Access keys: ${keys.total} (${keys.active} active: ${keys.byAge.under30} under 30 days, ${keys.byAge.from30to90} 30–90, ${keys.byAge.over90} over 90, ${keys.byAge.neverUsed} never used)`,
		`Access keys by phase: ${keys.byPhase.active} active, ${keys.byPhase.deactivated} deactivated, ${keys.byPhase.deleted} deleted`,
		`Console users: ${inv.consoleUsers.withMfa} with MFA, ${inv.consoleUsers.withoutMfa} without · Root: MFA ${root.mfa === undefined ? 'unknown' : root.mfa ? 'yes' : 'NO'}, access keys ${root.accessKeys ?? 'unknown'}, last used ${rootUse}`,
	];
}

export function formatScanTable(report: ScanReport, width = 100): string {
	const lines: string[] = [];
	const alias = report.account.alias ? ` (${report.account.alias})` : '';
	lines.push(`iam-wizard ${report.tool.version} — account ${report.account.id}${alias} — ${report.source} — ${report.generatedAt}`);
	lines.push(...inventoryLines(report.inventory));
	lines.push('');
	const bySeverity = new Map<string, number>();
	for (const f of report.findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
	const counts = ['critical', 'high', 'medium', 'low', 'info'].filter((s) => bySeverity.has(s)).map((s) => `${bySeverity.get(s)} ${s}`);
	lines.push(`${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}${counts.length ? `: ${counts.join(', ')}` : ''}`);
	if (report.findings.length > 0) {
		const idWidth = Math.max(...report.findings.map((f) => f.id.length));
		lines.push('');
		for (const f of report.findings) {
			const mark = f.suppressed ? `  [suppressed: ${printable(f.suppressed.reason)}]` : '';
			lines.push(`${pad(f.severity.toUpperCase(), 8)} ${pad(f.id, idWidth)}  ${printable(f.resource)}${mark}`);
			for (const line of wrap(f.detail, width - 11)) lines.push(`${' '.repeat(11)}${line}`);
		}
	}
	if (report.notEvaluated.length > 0) {
		lines.push('');
		lines.push('Not evaluated:');
		for (const n of report.notEvaluated) {
			lines.push(`  - ${n.area}: ${n.reason}${n.findingIds.length ? ` (${n.findingIds.join(', ')})` : ''}`);
		}
	}
	return `${lines.join('\n')}\n`;
}
