/**
 * The actions step 2 builds: create an external-access or unused-access analyzer, archive
 * analyzer findings (or set them active again). Pure; names and periods come in.
 */
import type { Action } from '../../core/actions.js';
import type { AccountModel, AnalyzerFinding } from '../../core/model.js';

export const defaultExternalAnalyzerName = 'iam-wizard-external-access';
export const defaultUnusedAnalyzerName = 'iam-wizard-unused-access';
export const defaultTrackingDays = 90;

/** ORGANIZATION when the caller may create one (the management account or a delegated administrator), else ACCOUNT. */
export function externalAnalyzerType(model: AccountModel): 'ACCOUNT' | 'ORGANIZATION' {
	const org = model.organization;
	return org && (org.callerIsManagementAccount || org.callerIsDelegatedAdmin === true) ? 'ORGANIZATION' : 'ACCOUNT';
}

export function analyzerNameProblem(name: string, model?: AccountModel): string | undefined {
	if (!/^[A-Za-z][A-Za-z0-9_.-]{0,254}$/.test(name)) return 'An analyzer name starts with a letter and uses letters, digits, _ . or -';
	if (model?.analyzers?.some((a) => a.name === name)) return `An analyzer named ${name} already exists`;
	return undefined;
}

export function trackingPeriodProblem(days: number): string | undefined {
	return Number.isInteger(days) && days >= 1 && days <= 365 ? undefined : 'The tracking period is a whole number of days from 1 to 365';
}

export function createExternalAnalyzerAction(
	model: AccountModel,
	findingIds: string[],
	options: { name?: string; type?: 'ACCOUNT' | 'ORGANIZATION' } = {},
): Action<'access-analyzer:CreateAnalyzer'> {
	const type = options.type ?? externalAnalyzerType(model);
	const name = options.name ?? defaultExternalAnalyzerName;
	const zone = type === 'ORGANIZATION' ? 'the organization' : `account ${model.accountId}`;
	return {
		kind: 'access-analyzer:CreateAnalyzer',
		params: { analyzerName: name, type },
		step: 2,
		findingIds,
		summary: `Create external-access analyzer ${name} (${type}: zone of trust is ${zone})`,
	};
}

export function createUnusedAnalyzerAction(
	model: AccountModel,
	options: { name?: string; trackingDays?: number; type?: 'ACCOUNT_UNUSED_ACCESS' | 'ORGANIZATION_UNUSED_ACCESS' } = {},
): Action<'access-analyzer:CreateAnalyzer'> {
	const days = options.trackingDays ?? defaultTrackingDays;
	const type = options.type ?? (externalAnalyzerType(model) === 'ORGANIZATION' ? 'ORGANIZATION_UNUSED_ACCESS' : 'ACCOUNT_UNUSED_ACCESS');
	const name = options.name ?? defaultUnusedAnalyzerName;
	return {
		kind: 'access-analyzer:CreateAnalyzer',
		params: { analyzerName: name, type, configuration: { unusedAccess: { unusedAccessAge: days } } },
		step: 2,
		findingIds: [],
		summary: `Create unused-access analyzer ${name} (${type}, tracking period ${days} day${days === 1 ? '' : 's'})`,
	};
}

/**
 * Archives analyzer findings of one analyzer. AWS's UpdateFindings takes no reason: it is in
 * the action (so the change log keeps it) and the batch's confirmation reason.
 */
export function archiveFindingsAction(findings: readonly AnalyzerFinding[], reason: string, fingerprints: string[]): Action<'access-analyzer:UpdateFindings'> {
	const analyzerArn = findings[0]?.analyzerArn ?? '';
	const what = findings.length === 1 ? `analyzer finding on ${findings[0]!.resource}` : `${findings.length} analyzer findings`;
	return {
		kind: 'access-analyzer:UpdateFindings',
		params: { analyzerArn, ids: findings.map((f) => f.id), status: 'ARCHIVED', reason },
		step: 2,
		findingIds: fingerprints,
		summary: `Archive ${what}: ${reason}`,
	};
}

/** One archive action per analyzer (UpdateFindings takes one analyzer's IDs). */
export function archiveActions(findings: readonly AnalyzerFinding[], reason: string, fingerprintOf: (f: AnalyzerFinding) => string): Action<'access-analyzer:UpdateFindings'>[] {
	const byAnalyzer = new Map<string, AnalyzerFinding[]>();
	for (const finding of findings) {
		const list = byAnalyzer.get(finding.analyzerArn) ?? [];
		list.push(finding);
		byAnalyzer.set(finding.analyzerArn, list);
	}
	return [...byAnalyzer.values()].map((list) => archiveFindingsAction(list, reason, list.map(fingerprintOf)));
}

/** StartPolicyGeneration over the last `days` days (Access Analyzer reads at most 90). */
export function startGenerationAction(request: { principalArn: string; trailArn: string; accessRole: string; days: number }, now: Date): Action<'access-analyzer:StartPolicyGeneration'> {
	const start = new Date(now.getTime() - request.days * 86_400_000);
	const name = request.principalArn.split('/').pop();
	return {
		kind: 'access-analyzer:StartPolicyGeneration',
		params: { principalArn: request.principalArn, trailArn: request.trailArn, accessRole: request.accessRole, startTime: start.toISOString(), endTime: now.toISOString() },
		step: 2,
		findingIds: [],
		summary: `Generate a policy for ${name} from ${request.days} days of CloudTrail activity`,
	};
}
