/** One AWS Config call per `config:` action kind. */
import {
	DeleteConfigRuleCommand,
	DeleteConfigurationRecorderCommand,
	DeleteDeliveryChannelCommand,
	PutConfigRuleCommand,
	PutConfigurationRecorderCommand,
	PutDeliveryChannelCommand,
	StartConfigurationRecorderCommand,
	StopConfigurationRecorderCommand,
	type ResourceType,
} from '@aws-sdk/client-config-service';
import type { Action, ActionKind, ApplyResult } from '../../core/actions.js';
import type { AwsCaller } from './aws-caller.js';
import { applyResult, unhandledKind } from './apply-result.js';

export type ConfigKind = Extract<ActionKind, `config:${string}`>;

export function isConfigAction(action: Action): action is Action<ConfigKind> {
	return action.kind.startsWith('config:');
}

export async function applyConfigAction(caller: AwsCaller, action: Action<ConfigKind>): Promise<ApplyResult> {
	switch (action.kind) {
		case 'config:PutConfigurationRecorder': {
			const { recordingGroup, ...recorder } = action.params.ConfigurationRecorder;
			// Resource types are AWS's enum strings ("AWS::IAM::User"); the SDK types them as its enum.
			const group = recordingGroup ? { ...recordingGroup, resourceTypes: recordingGroup.resourceTypes as ResourceType[] | undefined } : undefined;
			return applyResult(await caller.send('config', new PutConfigurationRecorderCommand({ ConfigurationRecorder: { ...recorder, ...(group ? { recordingGroup: group } : {}) } })));
		}
		case 'config:DeleteConfigurationRecorder':
			return applyResult(await caller.send('config', new DeleteConfigurationRecorderCommand(action.params)));
		case 'config:PutDeliveryChannel':
			return applyResult(await caller.send('config', new PutDeliveryChannelCommand(action.params)));
		case 'config:DeleteDeliveryChannel':
			return applyResult(await caller.send('config', new DeleteDeliveryChannelCommand(action.params)));
		case 'config:StartConfigurationRecorder':
			return applyResult(await caller.send('config', new StartConfigurationRecorderCommand(action.params)));
		case 'config:StopConfigurationRecorder':
			return applyResult(await caller.send('config', new StopConfigurationRecorderCommand(action.params)));
		case 'config:PutConfigRule':
			return applyResult(await caller.send('config', new PutConfigRuleCommand(action.params)));
		case 'config:DeleteConfigRule':
			return applyResult(await caller.send('config', new DeleteConfigRuleCommand(action.params)));
		default:
			return unhandledKind(action);
	}
}
