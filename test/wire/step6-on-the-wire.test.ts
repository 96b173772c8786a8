/**
 * Step 6 on the wire, on an account where nothing monitors anything yet: its plan sets up
 * AWS Config (service-linked role, recorder, bucket and its policy, delivery channel, the
 * IAM rules), the alerts (topic, its policy, EventBridge rules proven with TestEventPattern
 * before they are written, their targets) and Security Hub with the CIS standard; apply
 * makes every call through the real SDK and verifies each by re-reading; afterwards step 6
 * finds nothing left to do. Its rollback on the wire is in every-write-kind.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createLiveGateway } from '../../source/aws/live/live-gateway.js';
import { planContextFor } from '../../source/commands/scan.js';
import type { Action } from '../../source/core/actions.js';
import { readSettings } from '../../source/settings/settings-store.js';
import { stepInfo } from '../../source/steps/step-plans.js';
import { applyLive, fakeAws, now, planLive, workspace } from './wire-kit.js';

const setUp = [
	'iam:CreateServiceLinkedRole',
	'config:PutConfigurationRecorder',
	's3:CreateBucket',
	's3:PutBucketPolicy',
	'config:PutDeliveryChannel',
	'config:StartConfigurationRecorder',
	'config:PutConfigRule',
	'sns:CreateTopic',
	'sns:SetTopicAttributes',
	'events:PutRule',
	'events:PutTargets',
	'securityhub:EnableSecurityHub',
	'securityhub:BatchEnableStandards',
];

describe('step 6 on a fresh account, on the wire', () => {
	it('plans Config, the proven alerts and Security Hub; apply writes and verifies every one; nothing is left to do after', async () => {
		const { account, server } = await fakeAws();
		const { dir, logDir } = workspace();
		const { plan } = await planLive(dir, { steps: '6' });
		const actions = plan!.actions.map((a) => a.action);
		expect(new Set(actions.map((a) => a.kind))).toEqual(new Set(setUp));
		const rules = actions.filter((a): a is Action<'events:PutRule'> => a.kind === 'events:PutRule');
		expect(rules).toHaveLength(4);
		const planned = server.requests.length;

		const applied = await applyLive(dir, logDir);

		expect(applied.io.err()).toBe('');
		expect(applied.code).toBe(0);
		expect(applied.io.out()).toContain(`Applied ${actions.length} of ${actions.length} actions; re-read and verified ${actions.length}.\n`);
		// Each rule's pattern met its samples on the wire (TestEventPattern) before EventBridge stored it.
		const calls = server.requests.slice(planned);
		for (const rule of rules) {
			const written = calls.findIndex((r) => r.operation === 'events:PutRule' && r.params.Name === rule.params.Name);
			const proven = calls.slice(0, written).filter((r) => r.operation === 'events:TestEventPattern' && r.params.EventPattern === rule.params.EventPattern).map((r) => r.params.Event);
			expect(proven).toEqual(expect.arrayContaining(rule.proof!.samples.map((s) => s.event)));
		}
		// What AWS now holds: a recording recorder delivering to a bucket Config may write to, active rules, alerts with a target, the CIS standard.
		const bucket = account.state.deliveryChannels[0]!.s3BucketName as string;
		expect(account.state.recording).toEqual({ default: true });
		expect(account.state.buckets[bucket]).toContain('config.amazonaws.com');
		expect(account.state.configRules.every((r) => r.ConfigRuleState === 'ACTIVE')).toBe(true);
		expect(account.state.rules.map((r) => r.Name).sort()).toEqual(rules.map((r) => r.params.Name).sort());
		for (const rule of rules) expect(account.state.targets[rule.params.Name]).toEqual([{ Id: 'iam-wizard-alerts', Arn: 'arn:aws:sns:us-east-1:123456789012:iam-wizard-alerts' }]);
		expect(account.state.topics['arn:aws:sns:us-east-1:123456789012:iam-wizard-alerts']!.Policy).toContain('events.amazonaws.com');
		expect(account.state.standards.map((s) => s.StandardsArn)).toEqual(['arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0']);

		const model = await (await createLiveGateway({ region: 'us-east-1', maxAttempts: 1, now: () => now })).readAccount();
		const after = stepInfo(6).plan(model, planContextFor(readSettings(), now));
		expect(after.actions).toEqual([]);
		// The fresh account has no trail: step 6 reports it and does not create one.
		expect(after.findings.map((f) => f.id)).toEqual(['TRAIL_MISSING']);
	});
});
