/** One SNS call per `sns:` action kind. */
import { CreateTopicCommand, DeleteTopicCommand, SetTopicAttributesCommand, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import type { Action, ActionKind, ApplyResult } from '../../core/actions.js';
import type { AwsCaller } from './aws-caller.js';
import { applyResult, unhandledKind } from './apply-result.js';

export type SnsKind = Extract<ActionKind, `sns:${string}`>;

export function isSnsAction(action: Action): action is Action<SnsKind> {
	return action.kind.startsWith('sns:');
}

export async function applySnsAction(caller: AwsCaller, action: Action<SnsKind>): Promise<ApplyResult> {
	switch (action.kind) {
		case 'sns:CreateTopic': {
			const output = await caller.send('sns', new CreateTopicCommand(action.params));
			return applyResult(output, { TopicArn: output.TopicArn });
		}
		case 'sns:DeleteTopic':
			return applyResult(await caller.send('sns', new DeleteTopicCommand(action.params)));
		case 'sns:SetTopicAttributes':
			return applyResult(await caller.send('sns', new SetTopicAttributesCommand(action.params)));
		case 'sns:Subscribe': {
			// ReturnSubscriptionArn: the ARN even while the e-mail waits for confirmation, so it can be unsubscribed.
			const output = await caller.send('sns', new SubscribeCommand({ ...action.params, ReturnSubscriptionArn: true }));
			return applyResult(output, { SubscriptionArn: output.SubscriptionArn });
		}
		case 'sns:Unsubscribe':
			return applyResult(await caller.send('sns', new UnsubscribeCommand(action.params)));
		default:
			return unhandledKind(action);
	}
}
