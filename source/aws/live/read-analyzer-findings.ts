/**
 * Access Analyzer findings for step 2: one page at a time for the screen (ListFindingsV2,
 * which answers for external- and unused-access analyzers alike), and, for readAccount, the
 * ACTIVE findings of the active analyzers up to a bound, so a scan of an account with tens
 * of thousands of findings finishes and says it stopped.
 */
import { ListFindingsCommand, ListFindingsV2Command, type FindingSummary, type FindingSummaryV2 } from '@aws-sdk/client-accessanalyzer';
import type { Analyzer, AnalyzerFinding, NotEvaluated } from '../../core/model.js';
import type { AnalyzerFindingsPage, ListAnalyzerFindingsOptions } from '../gateway.js';
import type { AwsCaller } from './aws-caller.js';

/** Pages read per analyzer by readAccount (100 findings a page). */
export const maxFindingPagesPerAnalyzer = 20;

const statuses = new Set(['ACTIVE', 'ARCHIVED', 'RESOLVED']);

const iso = (date: Date | undefined) => (date ? new Date(date).toISOString() : '');

export function toAnalyzerFinding(analyzerArn: string, summary: FindingSummaryV2): AnalyzerFinding | undefined {
	if (!summary.id || !summary.resource) return undefined;
	return {
		id: summary.id,
		analyzerArn,
		findingType: summary.findingType ?? 'ExternalAccess',
		resource: summary.resource,
		resourceType: summary.resourceType ?? '',
		status: (summary.status && statuses.has(summary.status) ? summary.status : 'ACTIVE') as AnalyzerFinding['status'],
		createdAt: iso(summary.createdAt),
		updatedAt: iso(summary.updatedAt),
	};
}

/** An external-access finding as ListFindings gives it: with the principal, actions and conditions. */
export function toExternalFinding(analyzerArn: string, summary: FindingSummary): AnalyzerFinding | undefined {
	const base = toAnalyzerFinding(analyzerArn, { ...summary, findingType: 'ExternalAccess' } as FindingSummaryV2);
	if (!base) return undefined;
	return {
		...base,
		...(summary.principal ? { principal: summary.principal } : {}),
		...(summary.action ? { action: summary.action } : {}),
		...(summary.condition && Object.keys(summary.condition).length > 0 ? { condition: summary.condition } : {}),
		...(summary.isPublic !== undefined ? { isPublic: summary.isPublic } : {}),
	};
}

export async function listAnalyzerFindingsPage(caller: AwsCaller, analyzerArn: string, options: ListAnalyzerFindingsOptions = {}): Promise<AnalyzerFindingsPage> {
	if (options.external) {
		// ListFindings answers for external-access analyzers only, and tells who gets in with what.
		const output = await caller.send(
			'accessAnalyzer',
			new ListFindingsCommand({
				analyzerArn,
				maxResults: Math.min(Math.max(options.maxResults ?? 100, 1), 100),
				...(options.nextToken ? { nextToken: options.nextToken } : {}),
				...(options.status ? { filter: { status: { eq: [options.status] } } } : {}),
			}),
		);
		const findings = (output?.findings ?? []).flatMap((summary) => toExternalFinding(analyzerArn, summary) ?? []);
		return { findings, ...(output?.nextToken ? { nextToken: output.nextToken } : {}) };
	}
	const output = await caller.send(
		'accessAnalyzer',
		new ListFindingsV2Command({
			analyzerArn,
			maxResults: Math.min(Math.max(options.maxResults ?? 100, 1), 100),
			...(options.nextToken ? { nextToken: options.nextToken } : {}),
			...(options.status ? { filter: { status: { eq: [options.status] } } } : {}),
		}),
	);
	const findings = (output?.findings ?? []).flatMap((summary) => toAnalyzerFinding(analyzerArn, summary) ?? []);
	return { findings, ...(output?.nextToken ? { nextToken: output.nextToken } : {}) };
}

export interface ActiveFindingsRead {
	findings: AnalyzerFinding[];
	/** Set when an analyzer had more than the bound: the scan says it stopped. */
	truncated?: NotEvaluated;
}

export async function readActiveAnalyzerFindings(caller: AwsCaller, analyzers: readonly Analyzer[], maxPages = maxFindingPagesPerAnalyzer): Promise<ActiveFindingsRead> {
	const findings: AnalyzerFinding[] = [];
	const cut: string[] = [];
	for (const analyzer of analyzers.filter((a) => a.status === 'ACTIVE')) {
		let token: string | undefined;
		let pages = 0;
		do {
			const external = analyzer.type === 'ACCOUNT' || analyzer.type === 'ORGANIZATION';
			const page = await listAnalyzerFindingsPage(caller, analyzer.arn, { status: 'ACTIVE', external, ...(token ? { nextToken: token } : {}) });
			findings.push(...page.findings);
			token = page.nextToken;
			pages += 1;
		} while (token && pages < maxPages);
		if (token) cut.push(analyzer.name);
	}
	if (cut.length === 0) return { findings };
	return {
		findings,
		truncated: {
			area: 'access-analyzer-findings',
			reason: `Analyzer ${cut.join(', ')} has more than ${maxPages * 100} active findings; only the first ${maxPages * 100} are reported: triage the rest in the wizard's step 2.`,
			findingIds: ['EXTERNAL_ACCESS', 'UNUSED_ACCESS'],
		},
	};
}
