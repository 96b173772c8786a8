/**
 * EventBridge rules on the default bus with their targets: one paginated ListRules, then
 * ListTargetsByRule per rule with bounded concurrency.
 */
import { ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import pLimit from 'p-limit';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { orAbsent } from '../absence.js';
import type { AlertTopic } from '../../core/model.js';
import type { AlertSubscription, EventRule, EventTarget } from '../../core/model.js';
import type { AwsCaller } from './aws-caller.js';

export const defaultEventBus = 'default';

export async function readRuleTargets(caller: AwsCaller, rule: string): Promise<EventTarget[]> {
	const pages = await caller.pages(
		'events',
		(token) => new ListTargetsByRuleCommand({ Rule: rule, EventBusName: defaultEventBus, ...(token ? { NextToken: token } : {}) }),
		(page) => page.NextToken,
	);
	return pages.flatMap((page) => (page.Targets ?? []).flatMap((t) => (t.Id && t.Arn ? [{ id: t.Id, arn: t.Arn }] : [])));
}

export async function readEventRules(caller: AwsCaller, concurrency: number): Promise<EventRule[]> {
	const pages = await caller.pages(
		'events',
		(token) => new ListRulesCommand({ EventBusName: defaultEventBus, ...(token ? { NextToken: token } : {}) }),
		(page) => page.NextToken,
	);
	const rules = pages.flatMap((page) => page.Rules ?? []).filter((rule) => rule.Name);
	const limit = pLimit(concurrency);
	return Promise.all(
		rules.map((rule) =>
			limit(async () => {
				const out: EventRule = {
					name: rule.Name as string,
					arn: rule.Arn ?? '',
					eventBusName: rule.EventBusName ?? defaultEventBus,
					state: rule.State ?? 'ENABLED',
					targets: await readRuleTargets(caller, rule.Name as string),
				};
				if (rule.Description) out.description = rule.Description;
				if (rule.EventPattern) out.eventPattern = rule.EventPattern;
				return out;
			}),
		),
	);
}

/** The subscriptions of iam-wizard's alert topic (ListSubscriptionsByTopic, paginated); an e-mail one is "PendingConfirmation" until confirmed. */
export async function readAlertSubscriptions(caller: AwsCaller, topicArn: string): Promise<AlertSubscription[]> {
	const pages = await caller.pages('sns', (token) => new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, ...(token ? { NextToken: token } : {}) }), (page) => page.NextToken);
	return pages
		.flatMap((page) => page.Subscriptions ?? [])
		.map((s) => {
			const pending = !s.SubscriptionArn?.startsWith('arn:');
			return { protocol: s.Protocol ?? '', endpoint: s.Endpoint ?? '', pendingConfirmation: pending, ...(pending ? {} : { subscriptionArn: s.SubscriptionArn! }) };
		});
}

/** The alert topic the operator chose (GetTopicAttributes): NotFound is `exists: false`, a model value. */
export async function readAlertTopic(caller: AwsCaller, arn: string): Promise<AlertTopic> {
	const output = await orAbsent(() => caller.send('sns', new GetTopicAttributesCommand({ TopicArn: arn })), null);
	return output ? { arn, exists: true, policy: output.Attributes?.Policy ?? null } : { arn, exists: false };
}
