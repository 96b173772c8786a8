/**
 * The sandbox's CloudTrail event history: each successful write leaves one management event
 * (event source and name of the call, the caller's Username), and LookupEvents filters them by
 * Username and time as CloudTrail does (StartTime inclusive, EndTime inclusive; an end before
 * the start is InvalidTimeRangeException).
 */
import { eventOfAction, trailUsername, type TrailEvent } from '../../core/cloudtrail-events.js';
import { awsError } from './sandbox-lookup.js';
import type { SandboxState } from './sandbox-state.js';

const readOnlyKinds = new Set(['iam:GenerateCredentialReport']);

export function sandboxTrailEvent(state: SandboxState, kind: string, requestId: string, at: Date): TrailEvent {
	const { eventSource, eventName } = eventOfAction(kind);
	return { eventId: requestId, eventName, eventSource, eventTime: at.toISOString(), username: trailUsername(state.caller.arn), readOnly: readOnlyKinds.has(kind) };
}

export function sandboxLookupEvents(state: SandboxState, query: { start: Date; end: Date; username: string }): TrailEvent[] {
	if (query.end.getTime() < query.start.getTime()) {
		throw awsError('InvalidTimeRangeException', 'The start time of the CloudTrail lookup is after its end time.', 'cloudtrail:LookupEvents');
	}
	return (state.cloudTrailEvents ?? [])
		.filter((e) => e.username === query.username)
		.filter((e) => {
			const t = Date.parse(e.eventTime);
			return t >= query.start.getTime() && t <= query.end.getTime();
		})
		.map((e) => ({ ...e }));
}
