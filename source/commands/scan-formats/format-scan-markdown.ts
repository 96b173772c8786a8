/** `scan --format md`: the report as Markdown, for a ticket, a wiki page or a CI job summary. */
import type { Finding } from '../../core/finding.js';
import { severityOrder } from '../../core/finding-catalogue.js';
import type { ScanReport } from '../scan-report.js';

/** A table cell: pipes escaped, line breaks flattened. */
export function mdCell(text: string): string {
	return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function findingsTable(findings: Finding[], suppressed: boolean): string[] {
	const head = suppressed ? '| severity | ID | resource | detail | suppressed because | until |' : '| severity | ID | resource | detail | controls |';
	const rule = suppressed ? '| --- | --- | --- | --- | --- | --- |' : '| --- | --- | --- | --- | --- |';
	const rows = findings.map((f) =>
		suppressed
			? `| ${f.severity} | ${f.id} | \`${mdCell(f.resource)}\` | ${mdCell(f.detail)} | ${mdCell(f.suppressed?.reason ?? '')} | ${f.suppressed?.expires ?? '—'} |`
			: `| ${f.severity} | ${f.id} | \`${mdCell(f.resource)}\` | ${mdCell(f.detail)} | ${mdCell(f.controls.join(', ') || '—')} |`,
	);
	return [head, rule, ...rows];
}

export function formatScanMarkdown(report: ScanReport): string {
	const out: string[] = [];
	const alias = report.account.alias ? ` (${report.account.alias})` : '';
	out.push(`# iam-wizard scan of ${report.account.id}${alias}`, '');
	out.push(`iam-wizard ${report.tool.version} · ${report.source} · ${report.generatedAt}`, '');
	const active = report.findings.filter((f) => !f.suppressed);
	const suppressed = report.findings.filter((f) => f.suppressed);
	const counts = severityOrder.map((s) => [s, active.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
	out.push(`**${active.length} finding${active.length === 1 ? '' : 's'}**${counts.length ? `: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}` : ''}${suppressed.length ? `, and ${suppressed.length} suppressed` : ''}.`);
	const inv = report.inventory;
	out.push('', `Inventory: ${inv.users} users, ${inv.groups} groups, ${inv.roles} roles, ${inv.policies} customer policies, ${inv.accessKeys.total} access keys (${inv.accessKeys.byPhase.active} active, ${inv.accessKeys.byPhase.deactivated} deactivated, ${inv.accessKeys.byPhase.deleted} deleted).`);
	for (const notice of report.notices ?? []) out.push('', `> **Note:** ${notice}`);
	if (active.length > 0) out.push('', '## Findings', '', ...findingsTable(active, false));
	if (suppressed.length > 0) out.push('', '## Suppressed', '', ...findingsTable(suppressed, true));
	if (report.notEvaluated.length > 0) {
		out.push('', '## Not evaluated', '');
		for (const n of report.notEvaluated) out.push(`- **${mdCell(n.area)}**: ${n.reason}${n.findingIds.length ? ` (${n.findingIds.join(', ')})` : ''}`);
	}
	return `${out.join('\n')}\n`;
}
