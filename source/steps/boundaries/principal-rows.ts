/**
 * Step 4 lists each principal that can escalate once: its PRIVILEGE_ESCALATION findings
 * (one per first-hop method) folded into one row that says what it reaches, in how many
 * hops, and by which methods, sorted by what it reaches (full administrator first, then the
 * paths that always hold, then the shortest, then the most gained). Enter opens every path
 * with the statements of each hop.
 */
import type { Finding } from '../../core/finding.js';
import type { StyledLine } from '../../ui/ScrollText.js';
import type { PathHopEvidence, StatementEvidence } from './escalation-findings.js';
import { plural } from '../../core/plural.js';

interface Reaches {
	principal: string;
	admin: boolean;
	gained: number;
}

const reachesOf = (f: Finding) => f.evidence.reaches as Reaches;
const hopsOf = (f: Finding) => (f.evidence.hops as number | undefined) ?? 1;
const short = (arn: string) => (arn === 'admin' ? 'full administrator' : (/:(user|role)\/(?:.*\/)?([^/]+)$/.exec(arn)?.slice(1).join(' ') ?? arn));

function better(a: Finding, b: Finding): number {
	const ra = reachesOf(a);
	const rb = reachesOf(b);
	// A path that always holds before a conditional one, however much shorter that one is.
	return Number(rb.admin) - Number(ra.admin) || Number(a.evidence.conditional) - Number(b.evidence.conditional) || hopsOf(a) - hopsOf(b) || rb.gained - ra.gained;
}

/** One row per principal for its escalation findings; the other findings as they are. */
export function principalRows(findings: Finding[]): Finding[] {
	const byPrincipal = new Map<string, Finding[]>();
	const rest: Finding[] = [];
	for (const f of findings) {
		if (f.id !== 'PRIVILEGE_ESCALATION' || !f.evidence.reaches) {
			rest.push(f);
			continue;
		}
		byPrincipal.set(f.resource, [...(byPrincipal.get(f.resource) ?? []), f]);
	}
	const rows = [...byPrincipal.values()].map((group) => {
		const sorted = [...group].sort(better);
		const best = sorted[0]!;
		const r = reachesOf(best);
		const what = r.admin ? 'full administrator' : `${plural(r.gained, 'more action')} as ${short(r.principal)}`;
		const methods = [...new Set(sorted.map((f) => f.method!))];
		const conditional = sorted.every((f) => f.evidence.conditional);
		const detail = `reaches ${what} in ${plural(hopsOf(best), 'hop')}${conditional ? ' (conditional)' : ''} · ${methods.length === 1 ? 'method' : `${methods.length} methods`}: ${methods.join(', ')}`;
		return { ...best, detail, evidence: { ...best.evidence, paths: sorted } };
	});
	rows.sort((a, b) => better(a, b) || a.resource.localeCompare(b.resource));
	return [...rows, ...rest];
}

function statementText(s: StatementEvidence): string {
	return `${s.policy} ${s.sid ?? `statement ${s.statement}`}${s.via ? ` (via group ${s.via})` : ''}${s.condition ? ` if ${JSON.stringify(s.condition)}` : ''}`;
}

/** The lines Enter opens on a row: every path of the principal, hop by hop, with the statements. */
export function principalDetail(row: Finding): StyledLine[] {
	const paths = (row.evidence.paths as Finding[] | undefined) ?? [row];
	if (row.id !== 'PRIVILEGE_ESCALATION') {
		return [{ text: `${row.severity.toUpperCase()} ${row.id}: ${row.title}`, bold: true }, { text: `Resource: ${row.resource}` }, { text: row.detail }];
	}
	const lines: StyledLine[] = [{ text: `${short(row.resource)}: ${row.detail}`, bold: true }];
	for (const f of paths) {
		const r = reachesOf(f);
		lines.push({ text: '' });
		lines.push({ text: `${f.method} → ${r.admin ? 'full administrator' : `${short(r.principal)} (+${r.gained} actions)`}, ${plural(hopsOf(f), 'hop')}${f.evidence.conditional ? ', conditional' : ''}`, bold: true });
		for (const [i, hop] of ((f.evidence.pathSteps as PathHopEvidence[] | undefined) ?? []).entries()) {
			lines.push({ text: `${i + 1}. ${short(hop.principal)} —${hop.method}→ ${short(hop.to)}` });
			for (const step of hop.steps) {
				// Two lines, so an 80-column terminal still shows which statements decide the hop.
				lines.push({ text: `   ${step.action} on ${step.target}: ${step.verdict}`, token: 'status.muted' });
				lines.push({ text: `     allowed by ${step.allowedBy.length > 0 ? step.allowedBy.map(statementText).join('; ') : 'the trust policy naming it'}`, token: 'status.muted' });
			}
			if (hop.trust) lines.push({ text: `   trust statement ${hop.trust.statement}${hop.trust.sid ? ` (${hop.trust.sid})` : ''} ${hop.trust.namesPrincipal ? 'names it' : 'admits its account'}${hop.trust.condition ? ` if ${JSON.stringify(hop.trust.condition)}` : ''}`, token: 'status.muted' });
			if (hop.needs) lines.push({ text: `   only if ${hop.needs} exists (IAM data does not show it)`, token: 'status.warning' });
		}
	}
	return lines;
}
