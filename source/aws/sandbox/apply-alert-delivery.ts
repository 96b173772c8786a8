/**
 * How an alert reaches people: the SNS topic's policy and subscriptions, and CIS's form of
 * the alerts, a CloudWatch Logs metric filter on the trail's log group with an alarm. An
 * e-mail subscription stays "pending confirmation" until its recipient confirms, as in AWS.
 */
import type { ActionParams } from '../../core/actions.js';
import { normalisePolicyDocument, PolicyDocumentError } from '../../core/policy-document.js';
import type { ApplyContext, Outputs } from './apply-context.js';
import { monitoringOf } from './apply-security-hub.js';
import { mintUuid } from './sandbox-ids.js';
import { fail } from './sandbox-lookup.js';
import type { SandboxResource, SandboxState } from './sandbox-state.js';

function findTopic(ctx: ApplyContext, arn: string): SandboxResource {
	return ctx.state.resources.find((r) => r.type === 'AWS::SNS::Topic' && r.arn === arn) ?? fail('NotFound', 'Topic does not exist', ctx.operation);
}

export function setTopicAttributes(ctx: ApplyContext, p: ActionParams['sns:SetTopicAttributes']): void {
	const topic = findTopic(ctx, p.TopicArn);
	if (p.AttributeName !== 'Policy') fail('InvalidParameter', `Invalid parameter: AttributeName ${String(p.AttributeName)}`, ctx.operation);
	try {
		topic.policy = normalisePolicyDocument(JSON.parse(p.AttributeValue));
	} catch (error) {
		if (error instanceof SyntaxError || error instanceof PolicyDocumentError) fail('InvalidParameter', 'Invalid parameter: Policy Error: the policy is not valid JSON', ctx.operation);
		throw error;
	}
}

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function subscribe(ctx: ApplyContext, p: ActionParams['sns:Subscribe']): Outputs {
	findTopic(ctx, p.TopicArn);
	if (p.Protocol !== 'email') fail('InvalidParameter', `Invalid parameter: Protocol ${String(p.Protocol)}`, ctx.operation);
	if (!emailPattern.test(p.Endpoint)) fail('InvalidParameter', 'Invalid parameter: Email address', ctx.operation);
	const subscriptions = monitoringOf(ctx.state).subscriptions;
	const existing = subscriptions.find((s) => s.topicArn === p.TopicArn && s.endpoint === p.Endpoint);
	if (existing) return { SubscriptionArn: existing.pendingConfirmation ? 'pending confirmation' : existing.subscriptionArn };
	const subscriptionArn = `${p.TopicArn}:${mintUuid(ctx.state, 'subscription')}`;
	subscriptions.push({ subscriptionArn, topicArn: p.TopicArn, protocol: p.Protocol, endpoint: p.Endpoint, pendingConfirmation: true });
	return { SubscriptionArn: 'pending confirmation' };
}

export function unsubscribe(ctx: ApplyContext, p: ActionParams['sns:Unsubscribe']): void {
	const monitoring = monitoringOf(ctx.state);
	if (!monitoring.subscriptions.some((s) => s.subscriptionArn === p.SubscriptionArn)) fail('NotFound', 'Subscription does not exist', ctx.operation);
	monitoring.subscriptions = monitoring.subscriptions.filter((s) => s.subscriptionArn !== p.SubscriptionArn);
}

/** Deleting a topic deletes its subscriptions. */
export function dropSubscriptionsOf(state: SandboxState, topicArn: string): void {
	if (state.monitoring) state.monitoring.subscriptions = state.monitoring.subscriptions.filter((s) => s.topicArn !== topicArn);
}

/** The log groups the sandbox has: those its trails deliver to. */
export function logGroupNames(state: SandboxState): string[] {
	return state.trails.flatMap((t) => (t.cloudWatchLogsLogGroupArn ? [t.cloudWatchLogsLogGroupArn.split(':')[6] ?? ''] : []));
}

const maxFiltersPerGroup = 100;

export function putMetricFilter(ctx: ApplyContext, p: ActionParams['logs:PutMetricFilter']): void {
	if (!logGroupNames(ctx.state).includes(p.logGroupName)) fail('ResourceNotFoundException', 'The specified log group does not exist.', ctx.operation);
	if (!p.filterPattern.trim().startsWith('{') && p.filterPattern.trim() !== '') fail('InvalidParameterException', 'Invalid metric filter pattern', ctx.operation);
	if (p.metricTransformations.length !== 1) fail('InvalidParameterException', 'A metric filter has exactly one metric transformation.', ctx.operation);
	const filters = monitoringOf(ctx.state).metricFilters;
	const existing = filters.find((f) => f.logGroupName === p.logGroupName && f.filterName === p.filterName);
	if (!existing && filters.filter((f) => f.logGroupName === p.logGroupName).length >= maxFiltersPerGroup) {
		fail('LimitExceededException', `A log group can have at most ${maxFiltersPerGroup} metric filters.`, ctx.operation);
	}
	const filter = structuredClone(p);
	if (existing) filters[filters.indexOf(existing)] = filter;
	else filters.push(filter);
}

export function deleteMetricFilter(ctx: ApplyContext, p: ActionParams['logs:DeleteMetricFilter']): void {
	const monitoring = monitoringOf(ctx.state);
	const filter = monitoring.metricFilters.find((f) => f.logGroupName === p.logGroupName && f.filterName === p.filterName);
	if (!filter) fail('ResourceNotFoundException', 'The specified metric filter does not exist.', ctx.operation);
	monitoring.metricFilters = monitoring.metricFilters.filter((f) => f !== filter);
}

export function putMetricAlarm(ctx: ApplyContext, p: ActionParams['cloudwatch:PutMetricAlarm']): void {
	for (const arn of p.AlarmActions) {
		if (!ctx.state.resources.some((r) => r.type === 'AWS::SNS::Topic' && r.arn === arn)) fail('ValidationError', `Invalid SNS topic ${arn} in AlarmActions.`, ctx.operation);
	}
	const alarms = monitoringOf(ctx.state).alarms;
	const existing = alarms.findIndex((a) => a.AlarmName === p.AlarmName);
	if (existing >= 0) alarms[existing] = structuredClone(p);
	else alarms.push(structuredClone(p));
}

export function deleteAlarms(ctx: ApplyContext, p: ActionParams['cloudwatch:DeleteAlarms']): void {
	const monitoring = monitoringOf(ctx.state);
	const missing = p.AlarmNames.filter((name) => !monitoring.alarms.some((a) => a.AlarmName === name));
	if (missing.length > 0) fail('ResourceNotFound', `Alarm ${missing.join(', ')} does not exist.`, ctx.operation);
	monitoring.alarms = monitoring.alarms.filter((a) => !p.AlarmNames.includes(a.AlarmName as string));
}
