/**
 * Step 2's findings from Access Analyzer itself: whether an external-access analyzer is
 * active in the region (ANALYZER_MISSING), and the active findings of the active analyzers
 * (EXTERNAL_ACCESS, UNUSED_ACCESS). Pure; the adapter put the analyzer findings in the model.
 */
import { makeFinding, type Finding } from '../../core/finding.js';
import { rootArn, type AccountModel, type Analyzer, type AnalyzerFinding, type NotEvaluated } from '../../core/model.js';

export const externalAccessTypes = new Set<Analyzer['type']>(['ACCOUNT', 'ORGANIZATION']);
export const unusedAccessTypes = new Set<Analyzer['type']>(['ACCOUNT_UNUSED_ACCESS', 'ORGANIZATION_UNUSED_ACCESS']);

export function activeExternalAnalyzers(model: AccountModel): Analyzer[] {
	return (model.analyzers ?? []).filter((a) => a.status === 'ACTIVE' && externalAccessTypes.has(a.type));
}

export function activeUnusedAnalyzers(model: AccountModel): Analyzer[] {
	return (model.analyzers ?? []).filter((a) => a.status === 'ACTIVE' && unusedAccessTypes.has(a.type));
}

export function analyzerMissingFinding(model: AccountModel): Finding | undefined {
	if (!model.analyzers || activeExternalAnalyzers(model).length > 0) return undefined;
	const others = model.analyzers.map((a) => `${a.name} (${a.type}, ${a.status})`);
	return makeFinding(
		'ANALYZER_MISSING',
		rootArn(model.partition, model.accountId),
		`No active external-access analyzer in ${model.region}${others.length > 0 ? `; there is only ${others.join(', ')}` : ''}.`,
		{ region: model.region, analyzers: model.analyzers.map((a) => ({ name: a.name, type: a.type, status: a.status })) },
		{ qualifier: model.region },
	);
}

export function isExternalAccess(finding: Pick<AnalyzerFinding, 'findingType'>): boolean {
	return finding.findingType === 'ExternalAccess';
}

function principalText(principal: Record<string, string> | undefined): string {
	if (!principal) return 'someone outside the zone of trust';
	return Object.entries(principal)
		.map(([type, value]) => (type === 'AWS' ? value : `${type} ${value}`))
		.join(', ');
}

const unusedWhat: Record<string, string> = {
	UnusedIAMRole: 'Role unused',
	UnusedIAMUserAccessKey: 'Access key unused',
	UnusedIAMUserPassword: 'Password unused',
	UnusedPermission: 'Permissions unused',
};

/** One line for people: what Access Analyzer found. */
export function describeAnalyzerFinding(finding: AnalyzerFinding): string {
	if (isExternalAccess(finding)) {
		const actions = finding.action?.length ? finding.action.join(', ') : 'access';
		return `${finding.isPublic ? 'Public: ' : ''}${principalText(finding.principal)} can ${actions}`;
	}
	const what = unusedWhat[finding.findingType] ?? finding.findingType;
	const detail = finding.detail ?? {};
	const parts = [detail.accessKeyId, detail.serviceNamespace ? `service ${detail.serviceNamespace}` : undefined, detail.lastAccessed ? `last used ${detail.lastAccessed.slice(0, 10)}` : 'never used'];
	return `${what} (${parts.filter(Boolean).join(', ')})`;
}

export function analyzerFindingToFinding(finding: AnalyzerFinding): Finding {
	const id = isExternalAccess(finding) ? 'EXTERNAL_ACCESS' : 'UNUSED_ACCESS';
	return makeFinding(
		id,
		finding.resource,
		describeAnalyzerFinding(finding),
		{
			analyzerArn: finding.analyzerArn,
			analyzerFindingId: finding.id,
			findingType: finding.findingType,
			resourceType: finding.resourceType,
			...(finding.principal ? { principal: finding.principal } : {}),
			...(finding.action ? { action: finding.action } : {}),
			...(finding.condition && Object.keys(finding.condition).length > 0 ? { condition: finding.condition } : {}),
			...(finding.isPublic !== undefined ? { isPublic: finding.isPublic } : {}),
			...(finding.detail ? { detail: finding.detail } : {}),
			createdAt: finding.createdAt,
		},
		{ qualifier: finding.id },
	);
}

export interface AnalyzerFindingsResult {
	findings: Finding[];
	notEvaluated: NotEvaluated[];
}

/** EXTERNAL_ACCESS and UNUSED_ACCESS from the active findings of active analyzers, with what could not be read. */
export function analyzerResultFindings(model: AccountModel): AnalyzerFindingsResult {
	if (!model.analyzers) {
		// The adapter already named the area (and why) in model.notEvaluated; do not say it twice.
		const named = model.notEvaluated.some((n) => n.area === 'access-analyzer');
		return {
			findings: [],
			notEvaluated: named ? [] : [{ area: 'access-analyzer', reason: 'Access Analyzer was not read, so analyzers and their findings are not checked.', findingIds: ['ANALYZER_MISSING', 'EXTERNAL_ACCESS', 'UNUSED_ACCESS'] }],
		};
	}
	const active = new Set([...activeExternalAnalyzers(model), ...activeUnusedAnalyzers(model)].map((a) => a.arn));
	if (active.size === 0) return { findings: [], notEvaluated: [] };
	if (!model.analyzerFindings) {
		const named = model.notEvaluated.some((n) => n.area === 'access-analyzer-findings');
		return {
			findings: [],
			notEvaluated: named
				? []
				: [{ area: 'access-analyzer-findings', reason: 'The findings of the active analyzers were not read: open step 2 in the wizard to list them.', findingIds: ['EXTERNAL_ACCESS', 'UNUSED_ACCESS'] }],
		};
	}
	const findings = model.analyzerFindings.filter((f) => f.status === 'ACTIVE' && active.has(f.analyzerArn)).map(analyzerFindingToFinding);
	return { findings, notEvaluated: [] };
}
