/**
 * The chosen alert topic through the live adapter against the loopback AWS: plan reads it
 * with sns:GetTopicAttributes (granted by policies/scan-only.json), SNS's NotFound becomes
 * the plan's one sentence, and apply merges EventBridge into the topic's policy on the wire,
 * the owner's statement kept, without creating a topic.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iamActionOf } from '../../source/aws/iam-action-of.js';
import { applyLive, fakeAws, planLive, workspace } from './wire-kit.js';

const accountId = '123456789012';
const chosen = `arn:aws:sns:us-east-1:${accountId}:ops-alerts`;
const owner = { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'SNS:*', Resource: chosen };
const scanOnly = new Set((JSON.parse(readFileSync(new URL('../../policies/scan-only.json', import.meta.url), 'utf8')) as { Statement: { Action: string[] }[] }).Statement.flatMap((s) => s.Action));

describe('--alert-topic on the wire', () => {
	it('reads the topic with scan-only rights, and apply merges its policy without creating a topic', async () => {
		const { account, server } = await fakeAws();
		account.state.topics[chosen] = { TopicArn: chosen, Owner: accountId, DisplayName: '', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [owner] }), SubscriptionsConfirmed: '0', SubscriptionsPending: '0' };
		const { dir, logDir } = workspace();

		const { run, plan } = await planLive(dir, { steps: '6', alertTopic: chosen });

		expect(run.code).toBe(0);
		const reads = [...new Set(server.requests.map((r) => r.operation))].filter((o) => o.startsWith('sns:'));
		expect(reads).toContain('sns:GetTopicAttributes');
		expect(reads.map(iamActionOf).filter((a) => !scanOnly.has(a))).toEqual([]);
		expect(plan!.actions.map((a) => a.action.kind)).not.toContain('sns:CreateTopic');

		const applied = await applyLive(dir, logDir);

		expect(applied.code).toBe(0);
		expect(account.writes.map((w) => w.operation)).not.toContain('sns:CreateTopic');
		const policy = JSON.parse(String((account.state.topics[chosen] as { Policy: string }).Policy)) as { Statement: { Sid: string; Principal: unknown }[] };
		expect(policy.Statement[0]).toEqual(owner);
		expect(policy.Statement[1]).toMatchObject({ Sid: 'EventBridgePublish', Principal: { Service: 'events.amazonaws.com' } });
	});

	it("turns SNS's NotFound for the chosen topic into the plan's one sentence", async () => {
		await fakeAws();
		const { dir } = workspace();
		const missing = `arn:aws:sns:us-east-1:${accountId}:gone`;

		const { run, plan } = await planLive(dir, { steps: '6', alertTopic: missing });

		expect(run.code).toBe(0);
		expect(plan!.notes).toContain(`Not evaluated: alert topic: The chosen alert topic ${missing} does not exist: create it, or clear the alert topic setting (--alert-topic) to let iam-wizard create iam-wizard-alerts.`);
		expect(plan!.actions.map((a) => a.action.kind).filter((k) => k.startsWith('sns:') || k.startsWith('events:'))).toEqual([]);
	});
});
