/**
 * One EventBridge call per `events:` action kind, on the default bus. PutTargets and
 * RemoveTargets answer 200 even when entries fail; a failed entry is an error here.
 */
import { DeleteRuleCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import type { Action, ActionKind, ApplyResult } from '../../core/actions.js';
import { GatewayError } from '../../core/gateway-error.js';
import { patternProofFailedCode, proofFailureMessage, proofHolds, runProof } from '../../core/pattern-proof.js';
import { requestIdOf, type AwsCaller } from './aws-caller.js';
import { applyResult, unhandledKind } from './apply-result.js';
import { defaultEventBus } from './read-events.js';
import { plural } from '../../core/plural.js';

export type EventsKind = Extract<ActionKind, `events:${string}`>;

export function isEventsAction(action: Action): action is Action<EventsKind> {
	return action.kind.startsWith('events:');
}

interface EntriesOutput {
	FailedEntryCount?: number;
	FailedEntries?: { TargetId?: string; ErrorCode?: string; ErrorMessage?: string }[];
}

function failIfEntriesFailed(output: EntriesOutput, operation: string, rule: string): void {
	if (!output.FailedEntryCount) return;
	const first = output.FailedEntries?.[0];
	const what = first ? ` (target ${first.TargetId ?? '?'}: ${first.ErrorCode ?? 'error'}${first.ErrorMessage ? `, ${first.ErrorMessage.replace(/\.$/, '')}` : ''})` : '';
	throw new GatewayError(first?.ErrorCode ?? 'FailedEntries', `${operation} failed for ${plural(output.FailedEntryCount, 'target')} of rule ${rule}${what}.`, {
		operation,
		requestId: requestIdOf(output),
	});
}

export async function applyEventsAction(caller: AwsCaller, action: Action<EventsKind>): Promise<ApplyResult> {
	switch (action.kind) {
		case 'events:PutRule': {
			if (action.proof) {
				const results = await runProof(action.proof, (event) => testEventPattern(caller, action.params.EventPattern, event));
				if (!proofHolds(results)) throw new GatewayError(patternProofFailedCode, proofFailureMessage(action.params.Name, results), { operation: 'events:TestEventPattern' });
			}
			const output = await caller.send('events', new PutRuleCommand({ ...action.params, EventBusName: defaultEventBus }));
			return applyResult(output, { RuleArn: output.RuleArn });
		}
		case 'events:DeleteRule':
			return applyResult(await caller.send('events', new DeleteRuleCommand({ ...action.params, EventBusName: defaultEventBus })));
		case 'events:PutTargets': {
			const { Rule, Targets } = action.params;
			const output = await caller.send(
				'events',
				new PutTargetsCommand({ Rule, EventBusName: defaultEventBus, Targets: Targets.map((target) => ({ Id: target.id, Arn: target.arn })) }),
			);
			failIfEntriesFailed(output, 'events:PutTargets', Rule);
			return applyResult(output);
		}
		case 'events:RemoveTargets': {
			const output = await caller.send('events', new RemoveTargetsCommand({ ...action.params, EventBusName: defaultEventBus }));
			failIfEntriesFailed(output, 'events:RemoveTargets', action.params.Rule);
			return applyResult(output);
		}
		default:
			return unhandledKind(action);
	}
}

/** events:TestEventPattern: whether the event (JSON) matches the pattern (JSON). */
export async function testEventPattern(caller: AwsCaller, eventPattern: string, event: string): Promise<boolean> {
	const output = await caller.send('events', new TestEventPatternCommand({ EventPattern: eventPattern, Event: event }));
	return output.Result === true;
}
