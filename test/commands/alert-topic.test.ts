/**
 * `plan --steps 6 --alert-topic ARN` on the demo account: the alert rules send to the topic
 * the operator named, which is never created, and whose policy only gains EventBridge's
 * statement (the owner's kept) when it does not let EventBridge publish yet. A topic that
 * does not exist, or one of another account, is said in one sentence.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsFile } from '../../source/settings/settings-store.js';
import type { Action, ActionParams } from '../../source/core/actions.js';
import { runProgram } from '../../source/commands/program.js';
import { captureIo } from '../helpers/command-io.js';
import { account, makePlan, sandbox, workspace } from './plan-apply-kit.js';

const chosen = `arn:aws:sns:us-east-1:${account}:ops-notifications`;

type Statement = { Sid?: string; Principal?: unknown; Action?: unknown };

function topicPolicy(gateway: ReturnType<typeof sandbox>, arn: string): { Statement: Statement[] } {
	const state = gateway.currentState() as unknown as { resources: { arn: string; policy: { Statement: Statement[] } }[] };
	return structuredClone(state.resources.find((r) => r.arn === arn)!.policy);
}

const kinds = (actions: { action: Action }[]) => actions.map((a) => a.action.kind);
const ofKind = <K extends Action['kind']>(actions: { action: Action }[], kind: K) => actions.filter((a) => a.action.kind === kind).map((a) => a.action.params as ActionParams[K]);

describe('plan --alert-topic', () => {
	it('targets the chosen topic, creates no topic, and merges EventBridge into its policy keeping the owner statement', async () => {
		const { dir } = workspace();
		const gateway = sandbox();
		const before = topicPolicy(gateway, chosen);

		const { plan, run } = await makePlan(dir, gateway, { steps: '6', alertTopic: chosen });

		expect(run.code).toBe(0);
		expect(kinds(plan.actions)).not.toContain('sns:CreateTopic');
		expect(kinds(plan.actions)).not.toContain('sns:DeleteTopic');
		const targets = ofKind(plan.actions, 'events:PutTargets').flatMap((p) => p.Targets.map((t) => t.arn));
		expect(targets.length).toBeGreaterThanOrEqual(4);
		expect(new Set(targets)).toEqual(new Set([chosen]));
		const [policy, ...more] = ofKind(plan.actions, 'sns:SetTopicAttributes');
		expect(more).toEqual([]);
		expect(policy!.TopicArn).toBe(chosen);
		const merged = JSON.parse(policy!.AttributeValue) as { Statement: Statement[] };
		expect(merged.Statement.slice(0, before.Statement.length)).toEqual(before.Statement);
		expect(merged.Statement.slice(before.Statement.length)).toEqual([
			{ Sid: 'EventBridgePublish', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: chosen, Condition: { StringEquals: { 'aws:SourceAccount': account } } },
		]);
		// The preview names the chosen topic.
		expect(plan.actions.find((a) => a.action.kind === 'events:PutTargets')!.action.summary).toContain('SNS topic ops-notifications (chosen)');
	});

	it('takes the topic from the alertTopic setting when no flag names one', async () => {
		const { dir } = workspace();
		mkdirSync(dirname(settingsFile()), { recursive: true });
		writeFileSync(settingsFile(), JSON.stringify({ alertTopic: chosen }));
		try {
			const { plan } = await makePlan(dir, sandbox(), { steps: '6' });
			expect(kinds(plan.actions)).not.toContain('sns:CreateTopic');
			expect(new Set(ofKind(plan.actions, 'events:PutTargets').flatMap((p) => p.Targets.map((t) => t.arn)))).toEqual(new Set([chosen]));
		} finally {
			rmSync(settingsFile(), { force: true });
		}
	});

	it('proposes no policy change for a topic that already lets EventBridge publish', async () => {
		const { dir } = workspace();
		const gateway = sandbox();
		const allowing = {
			Version: '2012-10-17',
			Statement: [{ Sid: 'Events', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: ['SNS:Publish'], Resource: chosen }],
		};
		await gateway.apply({ kind: 'sns:SetTopicAttributes', params: { TopicArn: chosen, AttributeName: 'Policy', AttributeValue: JSON.stringify(allowing) }, step: 6, findingIds: [], summary: 'test setup' });

		const { plan } = await makePlan(dir, gateway, { steps: '6', alertTopic: chosen });

		expect(kinds(plan.actions)).not.toContain('sns:SetTopicAttributes');
		expect(kinds(plan.actions)).not.toContain('sns:CreateTopic');
		expect(new Set(ofKind(plan.actions, 'events:PutTargets').flatMap((p) => p.Targets.map((t) => t.arn)))).toEqual(new Set([chosen]));
	});

	it("says when the chosen topic's policy has a Deny that may stop EventBridge, and never changes that statement", async () => {
		const { dir } = workspace();
		const gateway = sandbox();
		const denying = {
			Version: '2012-10-17',
			Statement: [{ Sid: 'OnlyFromVpc', Effect: 'Deny', Principal: '*', Action: ['SNS:Publish'], Resource: [chosen], Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-1a2b3c4d'] } } }],
		};
		await gateway.apply({ kind: 'sns:SetTopicAttributes', params: { TopicArn: chosen, AttributeName: 'Policy', AttributeValue: JSON.stringify(denying) }, step: 6, findingIds: [], summary: 'test setup' });

		const { plan, run } = await makePlan(dir, gateway, { steps: '6', alertTopic: chosen });

		expect(run.code).toBe(0);
		expect(plan.notes).toContain(
			`Not evaluated: alert topic: The policy of the chosen alert topic ${chosen} has a Deny (Sid OnlyFromVpc) that may stop EventBridge publishing to it, so the alerts may never arrive: iam-wizard never changes an owner's statement; review that Deny, or clear the alert topic setting (--alert-topic) to use iam-wizard-alerts.`,
		);
		const merged = ofKind(plan.actions, 'sns:SetTopicAttributes')[0]!;
		expect(JSON.parse(merged.AttributeValue).Statement[0]).toEqual(denying.Statement[0]);
	});

	it('says in one sentence that a chosen topic does not exist, and proposes no alert rule', async () => {
		const { dir } = workspace();
		const missing = `arn:aws:sns:us-east-1:${account}:no-such-topic`;

		const { plan, run } = await makePlan(dir, sandbox(), { steps: '6', alertTopic: missing });

		expect(run.code).toBe(0);
		expect(plan.notes).toContain(
			`Not evaluated: alert topic: The chosen alert topic ${missing} does not exist: create it, or clear the alert topic setting (--alert-topic) to let iam-wizard create iam-wizard-alerts.`,
		);
		expect(kinds(plan.actions).filter((k) => k.startsWith('events:') || k.startsWith('sns:'))).toEqual([]);
	});

	it('refuses a topic of another account, or in another region, with exit 2', async () => {
		const { dir } = workspace();
		const other = await makePlan(dir, sandbox(), { steps: '6', alertTopic: 'arn:aws:sns:us-east-1:210987654321:ops-notifications' });
		expect(other.run.code).toBe(2);
		expect(other.run.io.err()).toBe(
			`iam-wizard: --alert-topic: arn:aws:sns:us-east-1:210987654321:ops-notifications is not a topic of this account (aws, ${account}): choose one of its own topics.\n`,
		);
		const region = await makePlan(dir, sandbox(), { steps: '6', alertTopic: `arn:aws:sns:eu-west-1:${account}:ops-notifications` });
		expect(region.run.code).toBe(2);
		expect(region.run.io.err()).toContain('is in eu-west-1: the alert rules live in us-east-1');
	});

	it('refuses a value that is not an SNS topic ARN on the command line, exit 2', async () => {
		const io = captureIo();
		expect(await runProgram(['plan', '--demo', '--steps', '6', '--alert-topic', 'ops-notifications'], io)).toBe(2);
		expect(io.err()).toContain('expected an SNS topic ARN, like arn:aws:sns:us-east-1:123456789012:ops-alerts.');
	});
});
