/**
 * CloudTrail event history for the change log's cross-check: LookupEvents by Username over a
 * time window, every page (LookupEvents answers at most 50 events a page and 2 calls a
 * second; the SDK's adaptive retry absorbs ThrottlingException). Its errors
 * (InvalidTimeRangeException, InvalidLookupAttributesException, ...) reach the caller as
 * GatewayErrors.
 */
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { TrailEvent } from '../../core/cloudtrail-events.js';
import type { AwsCaller } from './aws-caller.js';

function errorCodeOf(json: string | undefined): string | undefined {
	if (!json) return undefined;
	try {
		const value = JSON.parse(json) as { errorCode?: unknown };
		return typeof value.errorCode === 'string' ? value.errorCode : undefined;
	} catch {
		return undefined;
	}
}

export async function lookupTrailEvents(caller: AwsCaller, query: { start: Date; end: Date; username: string }): Promise<TrailEvent[]> {
	const events: TrailEvent[] = [];
	let nextToken: string | undefined;
	do {
		const output = await caller.send(
			'cloudtrail',
			new LookupEventsCommand({
				LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: query.username }],
				StartTime: query.start,
				EndTime: query.end,
				MaxResults: 50,
				...(nextToken ? { NextToken: nextToken } : {}),
			}),
		);
		for (const e of output.Events ?? []) {
			if (!e.EventId || !e.EventName || !e.EventSource || !e.EventTime) continue;
			const errorCode = errorCodeOf(e.CloudTrailEvent);
			events.push({
				eventId: e.EventId,
				eventName: e.EventName,
				eventSource: e.EventSource,
				eventTime: e.EventTime.toISOString(),
				...(e.Username ? { username: e.Username } : {}),
				readOnly: e.ReadOnly === 'true',
				...(errorCode ? { errorCode } : {}),
			});
		}
		nextToken = output.NextToken;
	} while (nextToken);
	return events;
}
