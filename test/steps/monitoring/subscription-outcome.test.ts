/**
 * What step 6's outcome says of each e-mail subscription a batch made: pending until its link
 * is followed, or confirmed. A line each up to three, then how many more, cut with the rest
 * of the outcome to the rows it has; ! shows them all.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../../source/core/actions.js';
import { allSectionLines, fitSections } from '../../../source/ui/outcome-sections.js';
import type { AppliedAction } from '../../../source/wizard/executor.js';
import { subscriptionSections } from '../../../source/steps/monitoring/subscription-outcome.js';

const topic = 'arn:aws:sns:us-east-1:123456789012:iam-wizard-alerts';

function subscribed(address: string, confirmed: boolean): AppliedAction {
	const action: Action = { kind: 'sns:Subscribe', params: { TopicArn: topic, Protocol: 'email', Endpoint: address }, step: 6, findingIds: [], summary: `Subscribe ${address} to the alerts` };
	return { action, before: { exists: false } as never, result: { outputs: { SubscriptionArn: confirmed ? `${topic}:${address.length}` : 'pending confirmation' } }, inverse: null };
}

const topicCreated: AppliedAction = { action: { kind: 'sns:CreateTopic', params: { Name: 'iam-wizard-alerts' }, step: 6, findingIds: [], summary: 'Create SNS topic iam-wizard-alerts' } as Action, before: { exists: false } as never, result: { outputs: { TopicArn: topic } }, inverse: null };

const five = [topicCreated, subscribed('a@acme.example', false), subscribed('b@acme.example', true), subscribed('c@acme.example', false), subscribed('d@acme.example', false), subscribed('e@acme.example', true)];

describe('step 6 outcome: the e-mail subscriptions a batch made', () => {
	it('takes a line a subscription up to three, then counts the rest, even with rows to spare', () => {
		const { lines, cut } = fitSections(subscriptionSections(five), 20);
		expect(lines.map((l) => l.text)).toEqual([
			'a@acme.example: PENDING until the link AWS e-mailed it is followed',
			'b@acme.example: subscribed and confirmed',
			'c@acme.example: PENDING until the link AWS e-mailed it is followed',
			' …2 more e-mail subscriptions · ! shows all',
		]);
		expect(lines.map((l) => l.token)).toEqual(['status.warning', 'status.ok', 'status.warning', 'status.muted']);
		expect(cut).toBe(true);
	});

	it('gives up lines to the rows the outcome has left, and ! shows every subscription', () => {
		const sections = subscriptionSections(five);
		expect(fitSections(sections, 2).lines.map((l) => l.text)).toEqual(['a@acme.example: PENDING until the link AWS e-mailed it is followed', ' …4 more e-mail subscriptions · ! shows all']);
		expect(allSectionLines(sections).map((l) => l.text.split(':')[0])).toEqual(['a@acme.example', 'b@acme.example', 'c@acme.example', 'd@acme.example', 'e@acme.example']);
	});

	it('one subscription is one line, none is no section', () => {
		expect(fitSections(subscriptionSections([topicCreated, subscribed('security@acme.example', false)]), 20)).toEqual({ lines: [{ text: 'security@acme.example: PENDING until the link AWS e-mailed it is followed', token: 'status.warning' }], cut: false });
		expect(subscriptionSections([topicCreated])).toEqual([]);
	});
});
