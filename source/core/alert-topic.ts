/**
 * The alert topic the operator chose instead of iam-wizard-alerts: whether its ARN can be
 * used here, whether its policy already lets EventBridge publish, and that policy with
 * EventBridge's statement added — every statement the owner wrote kept. Pure.
 */
import { iamEventsRegion } from './monitoring-alerts.js';
import { wildcardToRegExp } from './policy-engine/wildcard.js';

const topicArnPattern = /^arn:([a-z-]+):sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256}(?:\.fifo)?)$/;

/** Why `arn` cannot be the alert topic of this account, as one sentence; undefined when it can. */
export function alertTopicArnProblem(arn: string, partition: string, accountId: string): string | undefined {
	const region = iamEventsRegion(partition);
	const match = topicArnPattern.exec(arn);
	if (!match) return `"${arn}" is not an SNS topic ARN (like arn:${partition}:sns:${region}:${accountId}:ops-alerts).`;
	const [, arnPartition, arnRegion, arnAccount, name] = match as unknown as [string, string, string, string, string];
	if (name.endsWith('.fifo')) return `${arn} is a FIFO topic: EventBridge rules send to standard topics only.`;
	if (arnPartition !== partition || arnAccount !== accountId) return `${arn} is not a topic of this account (${partition}, ${accountId}): choose one of its own topics.`;
	if (arnRegion !== region) return `${arn} is in ${arnRegion}: the alert rules live in ${region}, and EventBridge sends only to a topic in the rule's region.`;
	return undefined;
}

/** The topic's name, the last part of its ARN. */
export function topicNameOf(arn: string): string {
	return arn.slice(arn.lastIndexOf(':') + 1);
}

/** What the plan says when the chosen topic is not there. */
export function missingTopicSentence(arn: string): string {
	return `The chosen alert topic ${arn} does not exist: create it, or clear the alert topic setting (--alert-topic) to let iam-wizard create iam-wizard-alerts.`;
}

/** The note a read leaves when the chosen topic cannot be this account's alert topic: the wizard says it and goes on with iam-wizard-alerts. */
export function chosenTopicRefused(problem: string): { area: string; reason: string; findingIds: [] } {
	return { area: 'alert topic', reason: `${problem} The alerts go to iam-wizard-alerts instead.`, findingIds: [] };
}

type Statement = Record<string, unknown>;

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const lower = (value: unknown) => String(value).toLowerCase();

/** The policy's top-level object; {} for no policy, text that is not JSON, or JSON that is no object (`null`, a string). */
function policyObject(policy: string | null | undefined): Record<string, unknown> {
	if (!policy) return {};
	try {
		const parsed: unknown = JSON.parse(policy);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

function statementsOf(policy: string | null | undefined): Statement[] {
	return list(policyObject(policy).Statement).filter((s): s is Statement => typeof s === 'object' && s !== null && !Array.isArray(s));
}

function allowsEventBridgePublish(s: Statement, arn: string): boolean {
	if (s.Effect !== 'Allow' || s.NotAction !== undefined || s.NotPrincipal !== undefined || s.NotResource !== undefined) return false;
	const principal = s.Principal as { Service?: unknown } | string | undefined;
	const services = typeof principal === 'object' && principal !== null ? list(principal.Service) : [];
	if (!services.some((service) => service === 'events.amazonaws.com')) return false;
	if (!list(s.Action).some((a) => ['sns:publish', 'sns:*', '*'].includes(lower(a)))) return false;
	if (!list(s.Resource).some((r) => r === arn || r === '*')) return false;
	// A condition EventBridge's requests meet (this account's rules) keeps it working; any other is not judged here.
	const conditions = Object.values((s.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap((block) => Object.keys(block ?? {}).map(lower));
	return conditions.every((key) => key === 'aws:sourceaccount' || key === 'aws:sourcearn');
}

/** Whether the policy already lets EventBridge publish to the topic (a Deny is the business of `eventBridgePublishDeny`). */
export function topicLetsEventBridgePublish(policy: string | null | undefined, arn: string): boolean {
	return statementsOf(policy).some((s) => allowsEventBridgePublish(s, arn));
}

const matchesAny = (patterns: unknown[], value: string, caseInsensitive: boolean) => patterns.some((p) => typeof p === 'string' && wildcardToRegExp(p, caseInsensitive).test(value));

/** Whether a Deny statement's principal takes in EventBridge (everyone, or the service; NotPrincipal: unless it names it). */
function denyReachesEventBridge(s: Statement): boolean {
	const names = (p: unknown) => p === '*' || (typeof p === 'object' && p !== null && (list((p as { AWS?: unknown }).AWS).includes('*') || list((p as { Service?: unknown }).Service).includes('events.amazonaws.com')));
	if (s.NotPrincipal !== undefined) {
		const spared = typeof s.NotPrincipal === 'object' && s.NotPrincipal !== null ? list((s.NotPrincipal as { Service?: unknown }).Service) : [];
		return !spared.includes('events.amazonaws.com');
	}
	return names(s.Principal);
}

/**
 * The first Deny in the topic's policy that may stop EventBridge publishing to it (its Sid,
 * or its position), conditional or not: an Allow added beside it does not help, and the
 * alerts would never arrive. Undefined when there is none.
 */
export function eventBridgePublishDeny(policy: string | null | undefined, arn: string): string | undefined {
	const statements = statementsOf(policy);
	const at = statements.findIndex((s) => {
		if (s.Effect !== 'Deny' || !denyReachesEventBridge(s)) return false;
		const action = s.NotAction !== undefined ? !matchesAny(list(s.NotAction), 'sns:Publish', true) : matchesAny(list(s.Action), 'sns:Publish', true);
		const resource = s.NotResource !== undefined ? !matchesAny(list(s.NotResource), arn, false) : matchesAny(list(s.Resource), arn, false);
		return action && resource;
	});
	if (at < 0) return undefined;
	const sid = statements[at]!.Sid;
	return typeof sid === 'string' && sid ? `Sid ${sid}` : `statement ${at + 1}`;
}

/** What the plan says when the chosen topic's policy may deny EventBridge. */
export function deniedTopicSentence(arn: string, statement: string): string {
	return `The policy of the chosen alert topic ${arn} has a Deny (${statement}) that may stop EventBridge publishing to it, so the alerts may never arrive: iam-wizard never changes an owner's statement; review that Deny, or clear the alert topic setting (--alert-topic) to use iam-wizard-alerts.`;
}

/** The statement iam-wizard adds: EventBridge may publish, for rules of this account only. */
export function eventBridgePublishStatement(arn: string, accountId: string, sid = 'EventBridgePublish'): Statement {
	return { Sid: sid, Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: arn, Condition: { StringEquals: { 'aws:SourceAccount': accountId } } };
}

/** The topic's policy with EventBridge's statement added; every existing statement is kept as it was. */
export function withEventBridgePublish(policy: string | null | undefined, arn: string, accountId: string): string {
	const parsed = policyObject(policy);
	const statements = statementsOf(policy);
	const taken = new Set(statements.map((s) => s.Sid));
	let sid = 'EventBridgePublish';
	for (let n = 2; taken.has(sid); n++) sid = `EventBridgePublish${n}`;
	return JSON.stringify({ ...parsed, Version: parsed.Version ?? '2012-10-17', Statement: [...statements, eventBridgePublishStatement(arn, accountId, sid)] });
}
