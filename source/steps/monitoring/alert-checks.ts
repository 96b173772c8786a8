/**
 * The alerts of step 6. An alert exists when an enabled rule with a target fires on every
 * sample event of its kind (judged with the same matcher the sandbox's TestEventPattern
 * uses); a rule that would fire but is disabled or has no target is ALERT_NO_TARGET and is
 * repaired (target added, enabled) rather than duplicated. New rules go to the partition's
 * IAM-events region with an SNS topic whose policy lets EventBridge publish. Pure.
 */
import type { Action, PatternProof } from '../../core/actions.js';
import { eventPatternMatches, parseEventPattern } from '../../core/event-pattern.js';
import { makeFinding, type Finding } from '../../core/finding.js';
import { rootArn, type AccountModel, type EventRule } from '../../core/model.js';
import { alertDefinitions, alertTopicArnOf, alertTopicName, iamEventsRegion, type AlertDefinition } from '../../core/monitoring-alerts.js';
import { proofHolds, proofLines } from '../../core/pattern-proof.js';
import { missingTopicSentence, topicLetsEventBridgePublish, topicNameOf, withEventBridgePublish } from '../../core/alert-topic.js';

export const alertTargetId = 'iam-wizard-alerts';

function firesOn(rule: EventRule, event: string): boolean {
	if (!rule.eventPattern) return false;
	try {
		return eventPatternMatches(parseEventPattern(rule.eventPattern), JSON.parse(event));
	} catch {
		return false;
	}
}

function covers(rule: EventRule, alert: AlertDefinition): boolean {
	return alert.mustMatch.every((sample) => firesOn(rule, sample.event));
}

const works = (rule: EventRule) => rule.state === 'ENABLED' && rule.targets.length > 0;

export interface AlertStatus {
	alert: AlertDefinition;
	/** Enabled rules with a target that fire on every sample. */
	working: EventRule[];
	/** Rules that would fire but are disabled or have no target. */
	incomplete: EventRule[];
}

export function alertStatuses(model: AccountModel): AlertStatus[] {
	const rules = model.eventRules ?? [];
	return alertDefinitions(model.partition, model.accountId).map((alert) => {
		const matching = rules.filter((rule) => covers(rule, alert));
		return { alert, working: matching.filter(works), incomplete: matching.filter((r) => !works(r)) };
	});
}

export function alertFindings(model: AccountModel, statuses: AlertStatus[]): Finding[] {
	if (!model.eventRules) return [];
	const account = rootArn(model.partition, model.accountId);
	const region = iamEventsRegion(model.partition);
	const findings: Finding[] = [];
	const reported = new Set<string>();
	for (const { alert, working, incomplete } of statuses) {
		if (working.length === 0) {
			findings.push(
				makeFinding(alert.findingId, account, `No enabled EventBridge rule with a target in ${region} fires on ${alert.watches} (${alert.mustMatch.map((s) => s.name).join(', ')}).`, { region, samples: alert.mustMatch.map((s) => s.name) }, { qualifier: region }),
			);
		}
		for (const rule of incomplete.filter((r) => !reported.has(r.arn))) {
			reported.add(rule.arn);
			const why = [rule.state !== 'ENABLED' ? 'is disabled' : '', rule.targets.length === 0 ? 'has no target' : ''].filter(Boolean).join(' and ');
			findings.push(makeFinding('ALERT_NO_TARGET', rule.arn, `Rule ${rule.name} would fire on ${alert.watches} but ${why}.`, { rule: rule.name, state: rule.state, targets: rule.targets.length }));
		}
	}
	return findings;
}

/** The topic the alerts go to: the one the operator chose, else iam-wizard-alerts. */
export function alertTopicArn(model: AccountModel): string {
	return model.alertTopic?.arn ?? alertTopicArnOf(model.partition, model.accountId);
}

/** The alert topic's name for summaries: "iam-wizard-alerts", or the chosen one's "ops-alerts (chosen)". */
export function alertTopicLabel(model: AccountModel): string {
	return model.alertTopic ? `${topicNameOf(model.alertTopic.arn)} (chosen)` : alertTopicName;
}

/** The topic policy iam-wizard gives the topic it creates: the account keeps its default rights, EventBridge may publish for rules of this account. */
export function alertTopicPolicy(model: AccountModel): string {
	const topic = alertTopicArn(model);
	return JSON.stringify({
		Version: '2012-10-17',
		Statement: [
			{
				Sid: 'AccountOwnerDefault',
				Effect: 'Allow',
				Principal: { AWS: '*' },
				Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
				Resource: topic,
				Condition: { StringEquals: { 'AWS:SourceOwner': model.accountId } },
			},
			{ Sid: 'EventBridgePublish', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: topic, Condition: { StringEquals: { 'aws:SourceAccount': model.accountId } } },
		],
	});
}

export function proofOf(alert: AlertDefinition): PatternProof {
	return {
		samples: [...alert.mustMatch.map((s) => ({ ...s, expect: true })), ...alert.mustNotMatch.map((s) => ({ ...s, expect: false }))],
	};
}

/** The proof run locally with the sandbox's matcher, for the preview; the gateway runs TestEventPattern itself. */
function localProof(pattern: string, proof: PatternProof) {
	const parsed = parseEventPattern(pattern);
	return proof.samples.map((s) => ({ name: s.name, expect: s.expect, matched: eventPatternMatches(parsed, JSON.parse(s.event)) }));
}

function regionNote(model: AccountModel): string {
	return `Created in ${iamEventsRegion(model.partition)}, whatever region is selected: IAM and console sign-in events reach EventBridge only there.`;
}

function cisNote(alert: AlertDefinition): string {
	const control = alert.metricFilter ? ` / Security Hub ${alert.metricFilter.control}` : '';
	return `An EventBridge rule alerts in real time but does not pass CIS ${alert.cis}${control}: those check a metric filter and alarm on the trail's log group.`;
}

export interface AlertPlan {
	actions: Action[];
	/** Alerts whose pattern failed its own samples: never proposed. */
	refused: AlertDefinition[];
	/** Why no alert is proposed at all (the chosen topic does not exist). */
	topicProblem?: string;
}

/**
 * What the topic needs before rules send to it: iam-wizard's own is created with its policy;
 * a chosen one is never created, and its policy changes only when it does not let EventBridge
 * publish yet — to the policy it has plus EventBridge's statement.
 */
export function alertTopicActions(model: AccountModel, findingIds: string[]): Action[] {
	const topic = alertTopicArn(model);
	const label = alertTopicLabel(model);
	const chosen = model.alertTopic;
	if (chosen) {
		if (!chosen.exists || topicLetsEventBridgePublish(chosen.policy, topic)) return [];
		return [
			{
				kind: 'sns:SetTopicAttributes',
				params: { TopicArn: topic, AttributeName: 'Policy', AttributeValue: withEventBridgePublish(chosen.policy, topic, model.accountId) },
				step: 6,
				findingIds,
				summary: `Let EventBridge publish to topic ${label} (rules of this account only), keeping its policy's other statements`,
				notes: [`Topic ${topic} was chosen for the alerts: iam-wizard adds one statement to its policy and never deletes the topic; rollback restores the policy it had.`],
			},
		];
	}
	return [
		{ kind: 'sns:CreateTopic', params: { Name: alertTopicName }, step: 6, findingIds, summary: `Create SNS topic ${alertTopicName} in ${iamEventsRegion(model.partition)} for the alerts` },
		{
			kind: 'sns:SetTopicAttributes',
			params: { TopicArn: topic, AttributeName: 'Policy', AttributeValue: alertTopicPolicy(model) },
			step: 6,
			findingIds,
			summary: `Let EventBridge publish to topic ${alertTopicName} (rules of this account only)`,
		},
	];
}

/** Topic, policy, then per alert either a repair of an incomplete rule or a new rule and its target. */
export function alertActions(model: AccountModel, statuses: AlertStatus[], findings: Finding[]): AlertPlan {
	const topic = alertTopicArn(model);
	const label = alertTopicLabel(model);
	if (model.alertTopic && !model.alertTopic.exists) {
		return statuses.some((s) => s.working.length === 0) ? { actions: [], refused: [], topicProblem: missingTopicSentence(model.alertTopic.arn) } : { actions: [], refused: [] };
	}
	const fingerprintsOf = (id: string, resource?: string) => findings.filter((f) => f.id === id && (resource === undefined || f.resource === resource)).map((f) => f.fingerprint);
	const actions: Action[] = [];
	const refused: AlertDefinition[] = [];
	const repaired = new Set<string>();
	for (const { alert, working, incomplete } of statuses) {
		if (working.length > 0) continue;
		const ids = [...fingerprintsOf(alert.findingId)];
		const proof = proofOf(alert);
		const toRepair = incomplete.find((r) => r.eventPattern && proofHolds(localProof(r.eventPattern, proof)));
		if (toRepair) {
			if (repaired.has(toRepair.name)) continue;
			repaired.add(toRepair.name);
			const fixIds = [...ids, ...fingerprintsOf('ALERT_NO_TARGET', toRepair.arn)];
			const results = localProof(toRepair.eventPattern!, proof);
			if (toRepair.targets.length === 0) {
				actions.push({ kind: 'events:PutTargets', params: { Rule: toRepair.name, Targets: [{ id: alertTargetId, arn: topic }] }, step: 6, findingIds: fixIds, summary: `Send rule ${toRepair.name}'s events to SNS topic ${label}` });
			}
			if (toRepair.state !== 'ENABLED') {
				actions.push({
					kind: 'events:PutRule',
					params: { Name: toRepair.name, EventPattern: toRepair.eventPattern!, State: 'ENABLED', ...(toRepair.description ? { Description: toRepair.description } : {}) },
					step: 6,
					findingIds: fixIds,
					summary: `Enable rule ${toRepair.name} (${alert.watches}), pattern unchanged`,
					proof,
					notes: [...proofLines(results).map((l) => `TestEventPattern (local check) ${l}`), cisNote(alert)],
				});
			}
			continue;
		}
		const results = localProof(alert.eventPattern, proof);
		if (!proofHolds(results)) {
			refused.push(alert);
			continue;
		}
		actions.push(
			{
				kind: 'events:PutRule',
				params: { Name: alert.ruleName, EventPattern: alert.eventPattern, State: 'ENABLED', Description: alert.description },
				step: 6,
				findingIds: ids,
				summary: `Create EventBridge rule ${alert.ruleName} on ${alert.watches}`,
				proof,
				notes: [...proofLines(results).map((l) => `TestEventPattern (local check) ${l}`), regionNote(model), cisNote(alert)],
			},
			{ kind: 'events:PutTargets', params: { Rule: alert.ruleName, Targets: [{ id: alertTargetId, arn: topic }] }, step: 6, findingIds: ids, summary: `Send rule ${alert.ruleName}'s events to SNS topic ${label}` },
		);
	}
	if (actions.length === 0) return { actions, refused };
	const allIds = [...new Set(actions.flatMap((a) => a.findingIds))];
	const topicActions = alertTopicActions(model, allIds);
	const policy = topicActions.find((a) => a.kind === 'sns:SetTopicAttributes');
	if (policy) policy.notes = [...(policy.notes ?? []), 'Subscribe people to the topic to receive the alerts; an e-mail subscription stays pending until its recipient confirms.'];
	return { actions: [...topicActions, ...actions], refused };
}
