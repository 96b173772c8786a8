/**
 * The state an Organizations, Access Analyzer, Config, EventBridge or SNS action replaces,
 * read directly from the service. See read-state-iam.ts for the IAM kinds.
 */
import { GetAnalyzerCommand, GetFindingV2Command, ListPolicyGenerationsCommand } from '@aws-sdk/client-accessanalyzer';
import {
	DescribeConfigRulesCommand,
	DescribeConfigurationRecordersCommand,
	DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service';
import { DescribeRuleCommand } from '@aws-sdk/client-eventbridge';
import { ListRootsCommand } from '@aws-sdk/client-organizations';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import pLimit from 'p-limit';
import type { Action, PriorState } from '../../core/actions.js';
import { iamEventsRegion } from '../../core/monitoring-alerts.js';
import { runProof } from '../../core/pattern-proof.js';
import type { AccessAnalyzerKind } from './apply-access-analyzer.js';
import type { ConfigKind } from './apply-config.js';
import type { EventsKind } from './apply-events.js';
import { findPolicyId, type OrganizationsKind } from './apply-organizations.js';
import type { SnsKind } from './apply-sns.js';
import { unhandledKind } from './apply-result.js';
import { readConfigRecorders } from './read-config.js';
import { testEventPattern } from './apply-events.js';
import { defaultEventBus, readRuleTargets } from './read-events.js';
import { listServiceControlPolicies, readPolicyTargets } from './read-organizations.js';
import { orAbsent } from '../absence.js';
import type { ReadStateContext } from './read-state-iam.js';

const findingReadConcurrency = 5;

/** Whether the thing `read` names exists: AWS's "not found" answer (../absence.ts) is `false`. */
async function exists(read: () => Promise<unknown>): Promise<{ exists: boolean }> {
	return { exists: await orAbsent(async () => (await read(), true), false) };
}

export async function readOrganizationsState(context: ReadStateContext, action: Action<OrganizationsKind>): Promise<PriorState> {
	const { caller } = context;
	switch (action.kind) {
		case 'organizations:EnablePolicyType':
		case 'organizations:DisablePolicyType': {
			const { RootId, PolicyType } = action.params;
			const pages = await caller.pages('organizations', (token) => new ListRootsCommand(token ? { NextToken: token } : {}), (page) => page.NextToken);
			const root = pages.flatMap((page) => page.Roots ?? []).find((r) => r.Id === RootId);
			return { exists: (root?.PolicyTypes ?? []).some((t) => t.Type === PolicyType && t.Status === 'ENABLED') };
		}
		case 'organizations:CreatePolicy': {
			const policies = await listServiceControlPolicies(caller);
			return { exists: policies.some((policy) => policy.Name === action.params.Name) };
		}
		// Listed, not taken from the action: a PolicyId names the policy whether or not it still exists.
		case 'organizations:DeletePolicy': {
			const { PolicyId, PolicyName } = action.params;
			const policies = await listServiceControlPolicies(caller);
			return { exists: policies.some((policy) => (PolicyId ? policy.Id === PolicyId : policy.Name === PolicyName)) };
		}
		case 'organizations:AttachPolicy':
		case 'organizations:DetachPolicy': {
			const id = await findPolicyId(caller, action.params);
			if (!id) return { exists: false };
			const targets = await orAbsent(() => readPolicyTargets(caller, id), []);
			return { exists: targets.some((target) => target.targetId === action.params.TargetId) };
		}
		default:
			return unhandledKind(action);
	}
}

export async function readAccessAnalyzerState(context: ReadStateContext, action: Action<AccessAnalyzerKind>): Promise<PriorState> {
	const { caller } = context;
	switch (action.kind) {
		case 'access-analyzer:CreateAnalyzer':
		case 'access-analyzer:DeleteAnalyzer':
			return exists(() => caller.send('accessAnalyzer', new GetAnalyzerCommand({ analyzerName: action.params.analyzerName })));
		case 'access-analyzer:UpdateFindings': {
			const { analyzerArn, ids } = action.params;
			const limit = pLimit(findingReadConcurrency);
			const statuses: Record<string, string> = {};
			await Promise.all(
				ids.map((id) =>
					limit(async () => {
						const finding = await orAbsent(() => caller.send('accessAnalyzer', new GetFindingV2Command({ analyzerArn, id })), null);
						if (finding?.status) statuses[id] = finding.status;
					}),
				),
			);
			return { statuses };
		}
		// "Exists" here: a generation for this principal is already running.
		case 'access-analyzer:StartPolicyGeneration': {
			const pages = await caller.pages(
				'accessAnalyzer',
				(token) => new ListPolicyGenerationsCommand({ principalArn: action.params.principalArn, ...(token ? { nextToken: token } : {}) }),
				(page) => page.nextToken,
			);
			return { exists: pages.some((page) => (page.policyGenerations ?? []).some((job) => job.status === 'IN_PROGRESS')) };
		}
		default:
			return unhandledKind(action);
	}
}

export async function readConfigServiceState(context: ReadStateContext, action: Action<ConfigKind>): Promise<PriorState> {
	const { caller } = context;
	switch (action.kind) {
		case 'config:PutConfigurationRecorder': {
			const name = action.params.ConfigurationRecorder.name;
			const recorders = await orAbsent(() => readConfigRecorders(caller, [name]), []);
			return { ConfigurationRecorder: recorders.find((r) => r.name === name) ?? null };
		}
		case 'config:DeleteConfigurationRecorder': {
			const names = [action.params.ConfigurationRecorderName];
			return exists(() => caller.send('config', new DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: names })));
		}
		case 'config:StartConfigurationRecorder':
		case 'config:StopConfigurationRecorder': {
			const name = action.params.ConfigurationRecorderName;
			const recorder = (await orAbsent(() => readConfigRecorders(caller, [name]), [])).find((r) => r.name === name);
			return { exists: recorder !== undefined, recording: recorder?.recording ?? false } as PriorState;
		}
		case 'config:PutDeliveryChannel':
		case 'config:DeleteDeliveryChannel': {
			const name = action.kind === 'config:PutDeliveryChannel' ? action.params.DeliveryChannel.name : action.params.DeliveryChannelName;
			return exists(() => caller.send('config', new DescribeDeliveryChannelsCommand({ DeliveryChannelNames: [name] })));
		}
		case 'config:PutConfigRule':
		case 'config:DeleteConfigRule': {
			const name = action.kind === 'config:PutConfigRule' ? action.params.ConfigRule.ConfigRuleName : action.params.ConfigRuleName;
			return exists(() => caller.send('config', new DescribeConfigRulesCommand({ ConfigRuleNames: [name] })));
		}
		default:
			return unhandledKind(action);
	}
}

export async function readEventsState(context: ReadStateContext, action: Action<EventsKind>): Promise<PriorState> {
	const { caller } = context;
	switch (action.kind) {
		case 'events:PutRule': {
			const rule = await orAbsent(() => caller.send('events', new DescribeRuleCommand({ Name: action.params.Name, EventBusName: defaultEventBus })), null);
			// The proof runs against the stored pattern, or before the rule exists the one it will get.
			const pattern = rule ? rule.EventPattern : action.params.EventPattern;
			const proof = action.proof && pattern ? { Proof: await runProof(action.proof, (event) => testEventPattern(caller, pattern, event)) } : {};
			if (!rule) return { Rule: null, ...proof };
			return {
				Rule: {
					State: rule.State ?? 'ENABLED',
					...(rule.EventPattern ? { EventPattern: rule.EventPattern } : {}),
					...(rule.Description ? { Description: rule.Description } : {}),
				},
				...proof,
			};
		}
		case 'events:DeleteRule':
			return exists(() => caller.send('events', new DescribeRuleCommand({ Name: action.params.Name, EventBusName: defaultEventBus })));
		case 'events:PutTargets':
			return { Targets: await orAbsent(() => readRuleTargets(caller, action.params.Rule), []) };
		case 'events:RemoveTargets': {
			const targets = await orAbsent(() => readRuleTargets(caller, action.params.Rule), []);
			return { exists: targets.some((target) => action.params.Ids.includes(target.id)) };
		}
		default:
			return unhandledKind(action);
	}
}

export async function readSnsState(context: ReadStateContext, action: Action<SnsKind>): Promise<PriorState> {
	const { caller } = context;
	switch (action.kind) {
		case 'sns:CreateTopic': {
			const { accountId, partition } = await context.account();
			const TopicArn = `arn:${partition}:sns:${iamEventsRegion(partition)}:${accountId}:${action.params.Name}`;
			return exists(() => caller.send('sns', new GetTopicAttributesCommand({ TopicArn })));
		}
		case 'sns:DeleteTopic':
			return exists(() => caller.send('sns', new GetTopicAttributesCommand({ TopicArn: action.params.TopicArn })));
		case 'sns:SetTopicAttributes': {
			const attributes = await orAbsent(() => caller.send('sns', new GetTopicAttributesCommand({ TopicArn: action.params.TopicArn })), null);
			return { Policy: attributes?.Attributes?.Policy ?? null };
		}
		case 'sns:Subscribe':
		case 'sns:Unsubscribe': {
			const topic = action.kind === 'sns:Subscribe' ? action.params.TopicArn : action.params.SubscriptionArn.split(':').slice(0, 6).join(':');
			const pages = await orAbsent(
				() => caller.pages('sns', (token) => new ListSubscriptionsByTopicCommand({ TopicArn: topic, ...(token ? { NextToken: token } : {}) }), (page) => page.NextToken),
				[],
			);
			const subscriptions = pages.flatMap((page) => page.Subscriptions ?? []);
			if (action.kind === 'sns:Subscribe') return { exists: subscriptions.some((s) => s.Protocol === action.params.Protocol && s.Endpoint === action.params.Endpoint) };
			return { exists: subscriptions.some((s) => s.SubscriptionArn === action.params.SubscriptionArn) };
		}
		default:
			return unhandledKind(action);
	}
}
