/**
 * The sandbox's answers to step 2's reads: analyzer findings a page at a time, trails, and
 * policy generation jobs. A job the sandbox starts is reported IN_PROGRESS for its first
 * polls (as AWS's take minutes), so the wizard's spinner and its one-job-at-a-time rule are
 * exercised; the sandbox counts polls, not time, so tests need no clock.
 */
import { awsError } from './sandbox-lookup.js';
import type { AccountModel, AnalyzerFinding } from '../../core/model.js';
import type { AnalyzerFindingsPage, ListAnalyzerFindingsOptions, PolicyGenerationJob, Trail } from '../gateway.js';
import type { SandboxPolicyGeneration, SandboxState } from './sandbox-state.js';

export const sandboxFindingsPageSize = 100;
/** Polls a new job answers IN_PROGRESS before it reports its outcome. */
export const sandboxGenerationPolls = 2;

export function toAnalyzerFinding(finding: SandboxState['analyzerFindings'][number]): AnalyzerFinding {
	return structuredClone(finding);
}

/** What readAccount adds: the ACTIVE findings of ACTIVE analyzers. */
export function withAnalyzerFindings(model: AccountModel, state: SandboxState): AccountModel {
	if (!model.analyzers) return model;
	const active = new Set(model.analyzers.filter((a) => a.status === 'ACTIVE').map((a) => a.arn));
	return { ...model, analyzerFindings: state.analyzerFindings.filter((f) => f.status === 'ACTIVE' && active.has(f.analyzerArn)).map(toAnalyzerFinding) };
}

export function listSandboxFindings(state: SandboxState, analyzerArn: string, options: ListAnalyzerFindingsOptions = {}): AnalyzerFindingsPage {
	const operation = 'access-analyzer:ListFindingsV2';
	if (!state.analyzers.some((a) => a.arn === analyzerArn)) throw awsError('ResourceNotFoundException', `Analyzer ${analyzerArn} does not exist.`, operation);
	const size = Math.min(Math.max(options.maxResults ?? sandboxFindingsPageSize, 1), 1000);
	const start = options.nextToken === undefined ? 0 : Number(options.nextToken);
	if (!Number.isInteger(start) || start < 0) throw awsError('ValidationException', 'The nextToken is not one this analyzer gave.', operation);
	const all = state.analyzerFindings.filter((f) => f.analyzerArn === analyzerArn && (!options.status || f.status === options.status));
	const findings = all.slice(start, start + size).map(toAnalyzerFinding);
	return { findings, ...(start + size < all.length ? { nextToken: String(start + size) } : {}) };
}

export function sandboxTrails(state: SandboxState): Trail[] {
	return state.trails.map((t) => ({ name: t.name, arn: t.arn, homeRegion: t.homeRegion, isMultiRegionTrail: t.isMultiRegionTrail, isLogging: t.isLogging }));
}

/** Poll counts by job ID: the sandbox's notion of a job still running. */
export class GenerationPolls {
	private readonly remaining = new Map<string, number>();

	started(jobId: string): void {
		this.remaining.set(jobId, sandboxGenerationPolls);
	}

	running(state: SandboxState): SandboxPolicyGeneration | undefined {
		return state.policyGenerations.find((g) => (this.remaining.get(g.jobId) ?? 0) > 0);
	}

	job(state: SandboxState, jobId: string, poll: boolean): PolicyGenerationJob {
		const job = state.policyGenerations.find((g) => g.jobId === jobId);
		if (!job) throw awsError('ResourceNotFoundException', `Policy generation job ${jobId} does not exist.`, 'access-analyzer:GetGeneratedPolicy');
		const left = this.remaining.get(jobId) ?? 0;
		if (poll && left > 0) this.remaining.set(jobId, left - 1);
		const base = { jobId, principalArn: job.principalArn, startedOn: job.startedOn };
		if (left > 0) return { ...base, status: 'IN_PROGRESS' };
		if (job.status === 'FAILED') return { ...base, status: 'FAILED', error: 'The trail had no events for this principal in the window.' };
		return { ...base, status: 'SUCCEEDED', completedOn: job.startedOn, policy: structuredClone(job.generatedPolicy) };
	}
}
