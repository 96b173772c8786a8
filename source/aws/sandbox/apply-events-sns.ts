/**
 * EventBridge rules and targets on the default bus, and SNS topics. PutRule creates or
 * replaces (keeping targets); a rule with targets cannot be deleted; at most five targets;
 * CreateTopic is idempotent and returns the existing topic's ARN. DeleteRule and DeleteTopic
 * are idempotent as their API references say: deleting what is not there succeeds (a
 * rollback or a retry whose first answer was lost must not fail on it).
 */
import type { ActionParams, PatternProof } from '../../core/actions.js';
import { InvalidEventPatternError, parseEventPattern, testEventPattern } from '../../core/event-pattern.js';
import { patternProofFailedCode, proofFailureMessage, proofHolds } from '../../core/pattern-proof.js';
import type { EventRule } from '../../core/model.js';
import type { ApplyContext, Outputs } from './apply-context.js';
import { dropSubscriptionsOf } from './apply-alert-delivery.js';
import { fail } from './sandbox-lookup.js';
import { snsTopicResource } from './seed-org-monitoring.js';

const maxTargets = 5;

/** Validates a pattern as EventBridge does, failing with its InvalidEventPatternException. */
export function sandboxPattern(ctx: ApplyContext, pattern: string): void {
	try {
		parseEventPattern(pattern);
	} catch (error) {
		if (error instanceof InvalidEventPatternError) fail('InvalidEventPatternException', error.message, ctx.operation);
		throw error;
	}
}

function findRule(ctx: ApplyContext, name: string): EventRule {
	return ctx.state.eventRules.find((r) => r.name === name) ?? fail('ResourceNotFoundException', `Rule ${name} does not exist on EventBus default.`, ctx.operation);
}

export function putRule(ctx: ApplyContext, p: ActionParams['events:PutRule'], proof?: PatternProof): Outputs {
	if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(p.Name)) fail('ValidationException', `The rule name "${p.Name}" must be 1 to 64 letters, digits or . - _ characters.`, ctx.operation);
	sandboxPattern(ctx, p.EventPattern);
	if (proof) {
		// iam-wizard's own guard, as the live gateway runs it: TestEventPattern before PutRule.
		const results = proof.samples.map((sample) => ({ name: sample.name, expect: sample.expect, matched: testEventPattern(p.EventPattern, sample.event) }));
		if (!proofHolds(results)) fail(patternProofFailedCode, proofFailureMessage(p.Name, results), ctx.operation);
	}
	if (p.State !== 'ENABLED' && p.State !== 'DISABLED') fail('ValidationException', `State must be ENABLED or DISABLED, not ${String(p.State)}.`, ctx.operation);
	const existing = ctx.state.eventRules.find((r) => r.name === p.Name);
	const rule: EventRule = existing ?? {
		name: p.Name,
		arn: `arn:aws:events:${ctx.state.account.region}:${ctx.state.account.id}:rule/${p.Name}`,
		eventBusName: 'default',
		state: p.State,
		targets: [],
	};
	rule.eventPattern = p.EventPattern;
	rule.state = p.State;
	if (p.Description === undefined) delete rule.description;
	else rule.description = p.Description;
	if (!existing) ctx.state.eventRules.push(rule);
	return { RuleArn: rule.arn };
}

export function deleteRule(ctx: ApplyContext, p: ActionParams['events:DeleteRule']): void {
	const rule = ctx.state.eventRules.find((r) => r.name === p.Name);
	if (!rule) return;
	if (rule.targets.length > 0) fail('ValidationException', "Rule can't be deleted since it has targets; remove them first.", ctx.operation);
	ctx.state.eventRules = ctx.state.eventRules.filter((r) => r !== rule);
}

export function putTargets(ctx: ApplyContext, p: ActionParams['events:PutTargets']): Outputs {
	const rule = findRule(ctx, p.Rule);
	for (const target of p.Targets) {
		if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(target.id)) fail('ValidationException', `Target ID "${target.id}" must be 1 to 64 letters, digits or . - _ characters.`, ctx.operation);
		if (!target.arn?.startsWith('arn:')) fail('ValidationException', `Target ${target.id} needs an ARN.`, ctx.operation);
	}
	const kept = rule.targets.filter((t) => !p.Targets.some((n) => n.id === t.id));
	const next = [...kept, ...p.Targets.map((t) => ({ id: t.id, arn: t.arn }))];
	if (next.length > maxTargets) fail('LimitExceededException', `A rule can have at most ${maxTargets} targets.`, ctx.operation);
	rule.targets = next;
	return { FailedEntryCount: '0' };
}

export function removeTargets(ctx: ApplyContext, p: ActionParams['events:RemoveTargets']): Outputs {
	const rule = findRule(ctx, p.Rule);
	rule.targets = rule.targets.filter((t) => !p.Ids.includes(t.id));
	return { FailedEntryCount: '0' };
}

export function createTopic(ctx: ApplyContext, p: ActionParams['sns:CreateTopic']): Outputs {
	if (!/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(p.Name)) fail('InvalidParameter', `Invalid parameter: Topic Name "${p.Name}".`, ctx.operation);
	const topic = snsTopicResource(p.Name);
	if (!ctx.state.resources.some((r) => r.arn === topic.arn)) ctx.state.resources.push(topic);
	return { TopicArn: topic.arn };
}

export function deleteTopic(ctx: ApplyContext, p: ActionParams['sns:DeleteTopic']): void {
	const topic = ctx.state.resources.find((r) => r.type === 'AWS::SNS::Topic' && r.arn === p.TopicArn);
	if (!topic) return;
	ctx.state.resources = ctx.state.resources.filter((r) => r !== topic);
	dropSubscriptionsOf(ctx.state, topic.arn);
}
