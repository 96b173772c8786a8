/**
 * IAM's service last-accessed data for step 3: GenerateServiceLastAccessedDetails with
 * ACTION_LEVEL granularity starts a job; GetServiceLastAccessedDetails is polled until it
 * completes (backing off), then read page by page.
 */
import { GenerateServiceLastAccessedDetailsCommand, GetServiceLastAccessedDetailsCommand, type GetServiceLastAccessedDetailsCommandOutput } from '@aws-sdk/client-iam';
import { GatewayError } from '../../core/gateway-error.js';
import type { LastAccessedReport, ServiceLastAccessed } from '../../core/last-accessed.js';
import type { AwsCaller } from './aws-caller.js';

export interface LastAccessedPolling {
	timeoutMs: number;
	firstPollMs: number;
	maxPollMs: number;
	/** Replaced in tests; a real timer otherwise. */
	sleep?: (ms: number) => Promise<void>;
}

export const defaultLastAccessedPolling: LastAccessedPolling = { timeoutMs: 60_000, firstPollMs: 500, maxPollMs: 5_000 };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const operation = 'iam:GetServiceLastAccessedDetails';

function iso(date: Date | undefined): string | undefined {
	return date ? new Date(date).toISOString() : undefined;
}

function toServices(page: GetServiceLastAccessedDetailsCommandOutput): ServiceLastAccessed[] {
	return (page.ServicesLastAccessed ?? []).flatMap((s): ServiceLastAccessed[] => {
		if (!s.ServiceNamespace) return [];
		const service: ServiceLastAccessed = { namespace: s.ServiceNamespace, name: s.ServiceName ?? s.ServiceNamespace };
		const last = iso(s.LastAuthenticated);
		if (last) service.lastAuthenticated = last;
		if (s.LastAuthenticatedRegion) service.region = s.LastAuthenticatedRegion;
		if (s.TrackedActionsLastAccessed) {
			service.actions = s.TrackedActionsLastAccessed.flatMap((a) => {
				if (!a.ActionName) return [];
				const when = iso(a.LastAccessedTime);
				return [{ name: a.ActionName, ...(when ? { lastAccessed: when } : {}), ...(a.LastAccessedRegion ? { region: a.LastAccessedRegion } : {}) }];
			});
		}
		return [service];
	});
}

export async function serviceLastAccessedLive(caller: AwsCaller, principalArn: string, polling: LastAccessedPolling = defaultLastAccessedPolling): Promise<LastAccessedReport> {
	const sleep = polling.sleep ?? realSleep;
	const started = await caller.send('iam', new GenerateServiceLastAccessedDetailsCommand({ Arn: principalArn, Granularity: 'ACTION_LEVEL' }));
	const jobId = started.JobId;
	if (!jobId) throw new GatewayError('InternalFailure', `IAM started no last-accessed job for ${principalArn}.`, { operation: 'iam:GenerateServiceLastAccessedDetails' });

	let waited = 0;
	let wait = polling.firstPollMs;
	let first = await caller.send('iam', new GetServiceLastAccessedDetailsCommand({ JobId: jobId }));
	while (first.JobStatus === 'IN_PROGRESS') {
		if (waited >= polling.timeoutMs) {
			throw new GatewayError('Timeout', `IAM did not finish the last-accessed report of ${principalArn} within ${Math.round(polling.timeoutMs / 1000)} s; try again later.`, { operation });
		}
		const pause = Math.min(wait, polling.timeoutMs - waited);
		await sleep(pause);
		waited += pause;
		wait = Math.min(wait * 2, polling.maxPollMs);
		first = await caller.send('iam', new GetServiceLastAccessedDetailsCommand({ JobId: jobId }));
	}
	if (first.JobStatus !== 'COMPLETED') {
		const why = first.Error?.Message ? `: ${first.Error.Message}` : '';
		throw new GatewayError('JobFailed', `IAM could not build the last-accessed report of ${principalArn}${why}.`, { operation });
	}

	const services = toServices(first);
	let marker = first.IsTruncated ? first.Marker : undefined;
	const seen = new Set<string>();
	while (marker && !seen.has(marker)) {
		seen.add(marker);
		const page = await caller.send('iam', new GetServiceLastAccessedDetailsCommand({ JobId: jobId, Marker: marker }));
		services.push(...toServices(page));
		marker = page.IsTruncated ? page.Marker : undefined;
	}
	return { principalArn, generatedAt: iso(first.JobCompletionDate) ?? new Date(0).toISOString(), services };
}
