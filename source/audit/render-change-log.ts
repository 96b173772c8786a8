/**
 * The export formats: Markdown for people (status line, session table, an overview table,
 * then one section per entry), JSON for tools, CSV for spreadsheets (one row per entry,
 * the verification status in the first column of every row so no row travels without it).
 */
import { csvText } from '../core/csv-text.js';
import type { ChangeLogExport, ExportEntry } from './change-log-export.js';
import type { FieldChange } from './state-changes.js';

export type ExportFormat = 'md' | 'json' | 'csv';
export const exportFormats: readonly ExportFormat[] = ['md', 'json', 'csv'];

function cell(text: string): string {
	return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function when(iso: string): string {
	return iso.replace('T', ' ').replace(/\.\d{3}Z$|Z$/, ' UTC');
}

function changeLine(change: FieldChange): string {
	return `${change.field}: ${change.before} → ${change.after}`;
}

export function whatChanged(entry: ExportEntry): string {
	if (entry.changes.length === 0) return entry.changeNote ?? '';
	return entry.changes.map(changeLine).join('; ');
}

export function resultText(entry: ExportEntry): string {
	switch (entry.result) {
		case 'ok':
			return entry.requestId ? `ok (request ${entry.requestId})` : 'ok';
		case 'error':
			return `error ${entry.errorCode}${entry.errorMessage ? `: ${entry.errorMessage}` : ''}${entry.requestId ? ` (request ${entry.requestId})` : ''}`;
		case 'no result':
			return 'no result (interrupted)';
		default:
			return entry.result;
	}
}

function title(entry: ExportEntry): string {
	if (entry.kind === 'action') return `${entry.seq}. ${entry.summary}`;
	if (entry.kind === 'attestation') return `Attestation: ${entry.summary}`;
	return entry.summary;
}

function verdictWord(log: ChangeLogExport): string {
	if (!log.verification.ok || log.verification.cloudTrail?.ok === false) return 'FAILED';
	const n = log.verification.warnings.length;
	return n === 0 ? 'PASSED' : `PASSED WITH ${n} WARNING${n === 1 ? '' : 'S'}`;
}

export function renderMarkdown(log: ChangeLogExport): string {
	const out: string[] = [];
	const s = log.session;
	out.push(`# iam-wizard change log${s ? `: ${s.file}` : ''}`, '');
	for (const warning of log.verification.warnings) out.push(`> **${warning.replace(/^WARNING: /, 'WARNING:** ')}`, '');
	out.push(`**Verification: ${verdictWord(log)}** — ${log.verification.summary.replace(/^(OK|FAILED): /, '')}`, '');
	const { anchor, cloudTrail } = log.verification;
	if (anchor) out.push(`**Anchor (${cell(anchor.source)}): ${anchor.ok ? 'checked' : 'FAILED'}** — ${anchor.summary}`, '');
	if (cloudTrail) out.push(`**CloudTrail: ${cloudTrail.ok ? 'agrees' : 'FAILED'}** — ${cloudTrail.summary.replace(/^CloudTrail: /, '')}`, '');
	for (const note of log.verification.notes) out.push(`> ${note}`, '');
	if (!log.verification.ok) out.push('> Do not rely on the entries below: the file is not as it was written.', '');
	if (s) {
		out.push('## Session', '', '| | |', '| --- | --- |');
		const rows: [string, string][] = [
			['Account', s.account],
			['Caller', s.caller],
			['Region', s.region || '(none)'],
			['Mode', s.mode],
			['Command', s.command],
			['Started', when(s.started)],
			['Session ID', s.sessionId],
			['Tool', s.tool],
			['Signer key', s.signer],
			['Sealed', s.sealed ? 'yes' : 'no'],
		];
		for (const [k, v] of rows) out.push(`| ${k} | ${cell(v)} |`);
		out.push('');
	}
	const actions = log.entries.filter((e) => e.kind === 'action').length;
	out.push(`## Changes (${actions} action${actions === 1 ? '' : 's'})`, '');
	if (log.entries.length === 0) {
		out.push('No changes were made in this session.', '');
		return out.join('\n');
	}
	out.push('| # | When | Step | Change | Result |', '| --- | --- | --- | --- | --- |');
	for (const e of log.entries) {
		out.push(`| ${e.seq ?? ''} | ${when(e.when)} | ${e.step ?? ''} | ${cell(e.summary)} | ${cell(resultText(e))} |`);
	}
	out.push('');
	for (const e of log.entries) {
		out.push(`### ${cell(title(e))}`, '', '| | |', '| --- | --- |');
		const rows: [string, string][] = [
			['When', when(e.when)],
			['Who', `${e.who} (account ${e.account})`],
			...(e.step !== undefined ? [['Step', `${e.step} — ${e.stepTitle ?? ''}`] as [string, string]] : []),
			...(e.call ? [['AWS call', e.call] as [string, string]] : []),
			['What changed', e.changes.length === 0 ? (e.changeNote ?? '') : e.changes.map(changeLine).join('<br>')],
			['Why', e.why || '(no reason given)'],
			...(e.findingIds.length > 0 ? [['Findings', e.findingIds.join(', ')] as [string, string]] : []),
			['Result', resultText(e)],
			...(e.undo ? [['Undo', e.undo] as [string, string]] : []),
		];
		for (const [k, v] of rows) out.push(`| ${k} | ${cell(v)} |`);
		out.push('');
	}
	return out.join('\n');
}

export function renderJson(log: ChangeLogExport): string {
	return `${JSON.stringify(log, null, 2)}\n`;
}

export const csvColumns = ['verification', 'seq', 'when', 'who', 'account', 'step', 'kind', 'aws_call', 'summary', 'what_changed', 'why', 'findings', 'result', 'error_code', 'request_id', 'undo'] as const;

export function renderCsv(log: ChangeLogExport): string {
	const warned = log.verification.warnings.length > 0 ? `, WITH WARNINGS: ${log.verification.warnings.join(' ')}` : '';
	const { anchor, cloudTrail } = log.verification;
	const checks = `${anchor ? `; anchor ${anchor.source}: ${anchor.summary}` : ''}${cloudTrail ? `; ${cloudTrail.ok ? '' : 'FAILED '}${cloudTrail.summary}` : ''}`;
	const status = `${log.verification.ok ? `verified${log.verification.pinned ? ' (pinned signer)' : ' (signer not pinned)'}${warned}` : log.verification.summary}${checks}`;
	if (log.entries.length === 0) {
		const none = [status, '', log.session?.started ?? '', log.session?.caller ?? '', log.session?.account ?? '', '', 'none', '', 'No changes were made in this session', '', '', '', '', '', '', ''];
		return csvText(csvColumns, [none]);
	}
	const rows = log.entries.map((e) => [
		status,
		e.seq ?? '',
		e.when,
		e.who,
		e.account,
		e.step ?? '',
		e.kind,
		e.call ?? '',
		e.summary,
		whatChanged(e),
		e.why,
		e.findingIds.join(' '),
		e.result,
		e.errorCode ?? '',
		e.requestId ?? '',
		e.undo ?? '',
	]);
	return csvText(csvColumns, rows);
}

export function renderChangeLog(log: ChangeLogExport, format: ExportFormat): string {
	if (format === 'json') return renderJson(log);
	if (format === 'csv') return renderCsv(log);
	return renderMarkdown(log);
}
