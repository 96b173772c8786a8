/** The live gateway's CloudTrail LookupEvents for the change log's cross-check, on a mocked client. */
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { isGatewayError } from '../../../source/core/gateway-error.js';
import { awsError, fakeCredentialsInEnv, liveGateway, resetToQuietAccount } from './live-test-kit.js';

const cloudtrail = mockClient(CloudTrailClient);

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
	cloudtrail.reset();
});
afterAll(() => cloudtrail.restore());

describe('live CloudTrail event history', () => {
	it('looks up by Username over the window, reads every page, and keeps read-only and error codes', async () => {
		const start = new Date('2026-11-27T20:00:00Z');
		const end = new Date('2026-11-27T21:00:00Z');
		cloudtrail
			.on(LookupEventsCommand)
			.resolvesOnce({ Events: [{ EventId: 'e1', EventName: 'UpdateAccessKey', EventSource: 'iam.amazonaws.com', EventTime: new Date('2026-11-27T20:10:00Z'), Username: 'ops', ReadOnly: 'false', CloudTrailEvent: '{"errorCode":"NoSuchEntityException"}' }], NextToken: 't2' })
			.resolvesOnce({ Events: [{ EventId: 'e2', EventName: 'GetUser', EventSource: 'iam.amazonaws.com', EventTime: new Date('2026-11-27T20:20:00Z'), Username: 'ops', ReadOnly: 'true' }, { EventName: 'broken' }] });
		const events = await (await liveGateway()).lookupEvents!({ start, end, username: 'ops' });
		expect(events).toEqual([
			{ eventId: 'e1', eventName: 'UpdateAccessKey', eventSource: 'iam.amazonaws.com', eventTime: '2026-11-27T20:10:00.000Z', username: 'ops', readOnly: false, errorCode: 'NoSuchEntityException' },
			{ eventId: 'e2', eventName: 'GetUser', eventSource: 'iam.amazonaws.com', eventTime: '2026-11-27T20:20:00.000Z', username: 'ops', readOnly: true },
		]);
		const calls = cloudtrail.commandCalls(LookupEventsCommand).map((c) => c.args[0].input);
		expect(calls[0]).toEqual({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'ops' }], StartTime: start, EndTime: end, MaxResults: 50 });
		expect(calls[1]).toMatchObject({ NextToken: 't2' });
	});

	it("CloudTrail's errors reach the caller with CloudTrail's code", async () => {
		cloudtrail.on(LookupEventsCommand).rejects(awsError('InvalidTimeRangeException', 'Start time must be before end time.'));
		const error = await (await liveGateway()).lookupEvents!({ start: new Date(), end: new Date(), username: 'ops' }).catch((e: unknown) => e);
		expect(isGatewayError(error) && error.code).toBe('InvalidTimeRangeException');
	});
});
