/**
 * Policy generation jobs: one job's state and, once it succeeded, its policy
 * (GetGeneratedPolicy), and the recent jobs (ListPolicyGenerations) to tell whether one is
 * running, since Access Analyzer runs one at a time.
 */
import { GetGeneratedPolicyCommand, ListPolicyGenerationsCommand } from '@aws-sdk/client-accessanalyzer';
import { normalisePolicyDocument } from '../../core/policy-document.js';
import type { PolicyGenerationJob, PolicyGenerationStatus } from '../gateway.js';
import type { AwsCaller } from './aws-caller.js';

const statuses = new Set<string>(['IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'CANCELED']);
const statusOf = (value: string | undefined): PolicyGenerationStatus => (value && statuses.has(value) ? (value as PolicyGenerationStatus) : 'IN_PROGRESS');
const iso = (date: Date | undefined) => (date ? { value: new Date(date).toISOString() } : undefined);

export async function readPolicyGeneration(caller: AwsCaller, jobId: string): Promise<PolicyGenerationJob> {
	const output = await caller.send('accessAnalyzer', new GetGeneratedPolicyCommand({ jobId, includeResourcePlaceholders: true, includeServiceLevelTemplate: false }));
	const details = output.jobDetails;
	const status = statusOf(details?.status);
	const job: PolicyGenerationJob = { jobId, status };
	const principalArn = output.generatedPolicyResult?.properties?.principalArn;
	if (principalArn) job.principalArn = principalArn;
	const started = iso(details?.startedOn);
	if (started) job.startedOn = started.value;
	const completed = iso(details?.completedOn);
	if (completed) job.completedOn = completed.value;
	if (details?.jobError) job.error = `${details.jobError.code ?? 'Error'}: ${details.jobError.message ?? 'the job failed'}`;
	const text = output.generatedPolicyResult?.generatedPolicies?.[0]?.policy;
	if (status === 'SUCCEEDED' && text) {
		// More than one document comes back only past the size limit; the first holds the bulk.
		job.policy = normalisePolicyDocument(text);
	}
	return job;
}

export async function readPolicyGenerations(caller: AwsCaller): Promise<PolicyGenerationJob[]> {
	const output = await caller.send('accessAnalyzer', new ListPolicyGenerationsCommand({ maxResults: 50 }));
	return (output.policyGenerations ?? []).flatMap((g): PolicyGenerationJob[] => {
		if (!g.jobId) return [];
		const job: PolicyGenerationJob = { jobId: g.jobId, status: statusOf(g.status) };
		if (g.principalArn) job.principalArn = g.principalArn;
		const started = iso(g.startedOn);
		if (started) job.startedOn = started.value;
		const completed = iso(g.completedOn);
		if (completed) job.completedOn = completed.value;
		return [job];
	});
}
