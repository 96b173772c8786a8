/**
 * An e-mail subscription to iam-wizard's alert topic: the address checked before anything
 * is proposed, the topic created with it when it does not exist yet, and the preview saying
 * what happens next — AWS sends a confirmation e-mail and delivers nothing to the address
 * until its recipient follows the link in it. Pure.
 */
import type { Action } from '../../core/actions.js';
import { missingTopicSentence } from '../../core/alert-topic.js';
import type { AccountModel } from '../../core/model.js';
import { alertTopicActions, alertTopicArn, alertTopicLabel } from './alert-checks.js';

/** Why SNS would refuse the address (or why it makes no sense here), or undefined. */
export function emailProblem(address: string, model: AccountModel): string | undefined {
	if (model.alertTopic && !model.alertTopic.exists) return missingTopicSentence(model.alertTopic.arn);
	if (address === '') return 'Type an e-mail address.';
	if (address.length > 254) return 'An e-mail address has at most 254 characters.';
	const match = /^([^@\s,;<>()[\]"]+)@([^@\s,;<>()[\]"]+)$/.exec(address);
	if (!match) return `"${address}" is not an e-mail address (one address, like security@example.com).`;
	const [, local, domain] = match as unknown as [string, string, string];
	if (local.length > 64) return 'The part before @ has at most 64 characters.';
	const labels = domain.split('.');
	if (labels.length < 2 || labels.some((l) => !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l)) || !/^[A-Za-z]{2,}$/.test(labels[labels.length - 1]!)) {
		return `"${domain}" is not a mail domain (like example.com).`;
	}
	const existing = (model.alertSubscriptions ?? []).find((s) => s.protocol === 'email' && s.endpoint.toLowerCase() === address.toLowerCase());
	if (existing) return `${existing.endpoint} is subscribed already${existing.pendingConfirmation ? ' (its confirmation is pending: the recipient follows the link in the e-mail AWS sent)' : ''}.`;
	return undefined;
}

/** The topic exists when a rule sends to it or the account's resources list it; a chosen one as SNS answered. */
export function alertTopicExists(model: AccountModel): boolean {
	if (model.alertTopic) return model.alertTopic.exists;
	const topic = alertTopicArn(model);
	return model.alertSubscriptions !== undefined || (model.eventRules ?? []).some((r) => r.targets.some((t) => t.arn === topic)) || (model.resources ?? []).some((r) => r.arn === topic);
}

export function subscriptionActions(model: AccountModel, address: string): Action[] {
	const topic = alertTopicArn(model);
	const actions: Action[] = [];
	// A chosen topic is never created; its policy is merged only when the alert rules need it.
	if (!model.alertTopic && !alertTopicExists(model)) actions.push(...alertTopicActions(model, []));
	actions.push({
		kind: 'sns:Subscribe',
		params: { TopicArn: topic, Protocol: 'email', Endpoint: address },
		step: 6,
		findingIds: [],
		summary: `Subscribe ${address} to the alerts (SNS topic ${alertTopicLabel(model)})`,
		notes: [
			`AWS first e-mails ${address} a link to confirm the subscription.`,
			'No alert reaches the address until its recipient follows that link.',
			'Until then it shows here as pending; the link expires after 3 days.',
			'The e-mail comes from no-reply@sns.amazonaws.com (check spam folders).',
		],
	});
	return actions;
}
