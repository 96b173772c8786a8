/**
 * sns:GetTopicAttributes and ListSubscriptionsByTopic on the alert topic the operator chose,
 * with SNS's own answers: NotFound "Topic does not exist" for a topic the account lacks, which
 * the absence table turns into `exists: false` exactly as the live adapter does.
 */
import { alertTopicArnProblem, chosenTopicRefused } from '../../core/alert-topic.js';
import type { AccountModel, AlertTopic } from '../../core/model.js';
import { orAbsentNow } from '../absence.js';
import { fail } from './sandbox-lookup.js';
import type { SandboxState } from './sandbox-state.js';

const operation = 'sns:GetTopicAttributes';

/** GetTopicAttributes: the topic's attributes, or SNS's error. */
export function getTopicAttributes(state: SandboxState, arn: string): { Policy?: string } {
	if (!arn.startsWith(`arn:${state.account.partition}:sns:`)) fail('InvalidParameter', 'Invalid parameter: TopicArn', operation);
	if (arn.split(':')[4] !== state.account.id) fail('AuthorizationError', `User: ${state.caller.arn} is not authorized to perform: SNS:GetTopicAttributes on resource: ${arn}`, operation);
	const topic = state.resources.find((r) => r.type === 'AWS::SNS::Topic' && r.arn === arn) ?? fail('NotFound', 'Topic does not exist', operation);
	return topic.policy ? { Policy: JSON.stringify(topic.policy) } : {};
}

export function readAlertTopic(state: SandboxState, arn: string): AlertTopic {
	const attributes = orAbsentNow(() => getTopicAttributes(state, arn), null);
	return attributes ? { arn, exists: true, policy: attributes.Policy ?? null } : { arn, exists: false };
}

/** The model with the chosen topic read, and its subscriptions as the alerts' recipients; a topic of another account is not read, and said (the headless commands refuse it, exit 2). */
export function withChosenAlertTopic(model: AccountModel, state: SandboxState, arn: string | undefined): AccountModel {
	if (!arn || !model.eventRules) return model;
	const problem = alertTopicArnProblem(arn, model.partition, model.accountId);
	if (problem) return { ...model, notEvaluated: [...model.notEvaluated, chosenTopicRefused(problem)] };
	const topic = readAlertTopic(state, arn);
	const subscriptions = (state.monitoring?.subscriptions ?? [])
		.filter((s) => s.topicArn === arn)
		.map((s) => ({ protocol: s.protocol, endpoint: s.endpoint, pendingConfirmation: s.pendingConfirmation, ...(s.pendingConfirmation ? {} : { subscriptionArn: s.subscriptionArn }) }));
	const { alertSubscriptions: _default, ...rest } = model;
	return { ...rest, alertTopic: topic, ...(topic.exists ? { alertSubscriptions: subscriptions } : {}) };
}
