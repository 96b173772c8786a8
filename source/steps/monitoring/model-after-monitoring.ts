/**
 * Step 6's status after a batch, without waiting for the operator to re-read the account:
 * the model the screen was planned on, with the step-6 actions the batch (and its rollback)
 * applied folded in — recorder and channel, Config rules (no verdict until Config
 * evaluates), EventBridge rules and targets, subscriptions, Security Hub and its standards.
 * Kinds it does not model leave the model as it was. Pure.
 */
import type { Action, ActionParams } from '../../core/actions.js';
import type { AccountModel, ConfigState, EventRule, SecurityHubState } from '../../core/model.js';
import { iamEventsRegion } from '../../core/monitoring-alerts.js';

const p = <K extends Action['kind']>(action: Action, _kind: K) => action.params as ActionParams[K];

function withConfig(model: AccountModel, update: (c: ConfigState) => ConfigState): AccountModel {
	return model.config ? { ...model, config: update(model.config) } : model;
}

function withRules(model: AccountModel, update: (rules: EventRule[]) => EventRule[]): AccountModel {
	return model.eventRules ? { ...model, eventRules: update(model.eventRules) } : model;
}

function withHub(model: AccountModel, update: (hub: SecurityHubState) => SecurityHubState): AccountModel {
	return model.securityHub ? { ...model, securityHub: update(model.securityHub) } : model;
}

/** `outputs`: what the call answered (the standards' subscription ARNs, by standard ARN). */
export function monitoringModelAfterAction(model: AccountModel, action: Action, outputs: Record<string, unknown> = {}): AccountModel {
	switch (action.kind) {
		case 'config:PutConfigurationRecorder': {
			const r = p(action, 'config:PutConfigurationRecorder').ConfigurationRecorder;
			return withConfig(model, (c) => ({
				...c,
				recorders: [...c.recorders.filter((x) => x.name !== r.name), { ...(c.recorders.find((x) => x.name === r.name) ?? { recording: false }), name: r.name, roleArn: r.roleARN, ...(r.recordingGroup?.resourceTypes ? { resourceTypes: r.recordingGroup.resourceTypes } : {}) }],
			}));
		}
		case 'config:StartConfigurationRecorder':
		case 'config:StopConfigurationRecorder': {
			const name = p(action, 'config:StartConfigurationRecorder').ConfigurationRecorderName;
			const recording = action.kind === 'config:StartConfigurationRecorder';
			return withConfig(model, (c) => ({ ...c, recorders: c.recorders.map((r) => (r.name === name ? { ...r, recording } : r)) }));
		}
		case 'config:DeleteConfigurationRecorder': {
			const name = p(action, 'config:DeleteConfigurationRecorder').ConfigurationRecorderName;
			return withConfig(model, (c) => ({ ...c, recorders: c.recorders.filter((r) => r.name !== name) }));
		}
		case 'config:PutDeliveryChannel': {
			const d = p(action, 'config:PutDeliveryChannel').DeliveryChannel;
			return withConfig(model, (c) => ({ ...c, deliveryChannels: [...c.deliveryChannels.filter((x) => x.name !== d.name), { name: d.name, s3BucketName: d.s3BucketName }] }));
		}
		case 'config:DeleteDeliveryChannel': {
			const name = p(action, 'config:DeleteDeliveryChannel').DeliveryChannelName;
			return withConfig(model, (c) => ({ ...c, deliveryChannels: c.deliveryChannels.filter((d) => d.name !== name) }));
		}
		case 'config:PutConfigRule': {
			const r = p(action, 'config:PutConfigRule').ConfigRule;
			// A new or changed rule has no verdict until Config evaluates it.
			return withConfig(model, (c) => ({
				...c,
				rules: [...c.rules.filter((x) => x.name !== r.ConfigRuleName), { name: r.ConfigRuleName, owner: 'AWS', sourceIdentifier: r.Source.SourceIdentifier, state: 'ACTIVE', ...(r.InputParameters ? { inputParameters: r.InputParameters } : {}) }],
			}));
		}
		case 'config:DeleteConfigRule': {
			const name = p(action, 'config:DeleteConfigRule').ConfigRuleName;
			return withConfig(model, (c) => ({ ...c, rules: c.rules.filter((r) => r.name !== name) }));
		}
		case 'events:PutRule': {
			const x = p(action, 'events:PutRule');
			return withRules(model, (rules) => {
				const old = rules.find((r) => r.name === x.Name);
				const rule: EventRule = {
					name: x.Name,
					arn: old?.arn ?? `arn:${model.partition}:events:${iamEventsRegion(model.partition)}:${model.accountId}:rule/${x.Name}`,
					eventBusName: 'default',
					state: x.State,
					eventPattern: x.EventPattern,
					targets: old?.targets ?? [],
					...(x.Description ? { description: x.Description } : {}),
				};
				return [...rules.filter((r) => r.name !== x.Name), rule];
			});
		}
		case 'events:DeleteRule': {
			const name = p(action, 'events:DeleteRule').Name;
			return withRules(model, (rules) => rules.filter((r) => r.name !== name));
		}
		case 'events:PutTargets': {
			const x = p(action, 'events:PutTargets');
			return withRules(model, (rules) => rules.map((r) => (r.name === x.Rule ? { ...r, targets: [...r.targets.filter((t) => !x.Targets.some((n) => n.id === t.id)), ...x.Targets] } : r)));
		}
		case 'events:RemoveTargets': {
			const x = p(action, 'events:RemoveTargets');
			return withRules(model, (rules) => rules.map((r) => (r.name === x.Rule ? { ...r, targets: r.targets.filter((t) => !x.Ids.includes(t.id)) } : r)));
		}
		case 'sns:Subscribe': {
			const x = p(action, 'sns:Subscribe');
			const subscriptions = model.alertSubscriptions ?? [];
			if (subscriptions.some((s) => s.endpoint === x.Endpoint && s.protocol === x.Protocol)) return model;
			return { ...model, alertSubscriptions: [...subscriptions, { protocol: x.Protocol, endpoint: x.Endpoint, pendingConfirmation: true }] };
		}
		case 'sns:DeleteTopic':
			return { ...model, alertSubscriptions: undefined };
		case 'sns:SetTopicAttributes': {
			// The chosen topic's policy as the batch leaves it, so a second preview proposes no second merge.
			const x = p(action, 'sns:SetTopicAttributes');
			return model.alertTopic?.arn === x.TopicArn ? { ...model, alertTopic: { ...model.alertTopic, policy: x.AttributeValue } } : model;
		}
		case 'securityhub:EnableSecurityHub':
			return withHub(model, (h) => ({ ...h, enabled: true }));
		case 'securityhub:DisableSecurityHub':
			return withHub(model, () => ({ enabled: false, standards: [] }));
		case 'securityhub:BatchEnableStandards': {
			const arns = p(action, 'securityhub:BatchEnableStandards').StandardsSubscriptionRequests.map((r) => r.StandardsArn);
			// Its controls are not known until the account is read again.
			return withHub(model, (h) => ({ ...h, standards: [...h.standards.filter((s) => !arns.includes(s.standardsArn)), ...arns.map((standardsArn) => ({ standardsArn, subscriptionArn: typeof outputs[standardsArn] === 'string' ? (outputs[standardsArn] as string) : '', status: 'PENDING' }))], iamControls: undefined }) as SecurityHubState);
		}
		case 'securityhub:BatchDisableStandards': {
			const subs = p(action, 'securityhub:BatchDisableStandards').StandardsSubscriptionArns;
			return withHub(model, (h) => ({ ...h, standards: h.standards.filter((s) => !subs.includes(s.subscriptionArn)) }));
		}
		default:
			return model;
	}
}

/** The model after the applied actions, in order (a batch's, then its rollback's). */
export function monitoringModelAfter(model: AccountModel, applied: readonly { action: Action; result?: { outputs?: Record<string, unknown> } }[]): AccountModel {
	return applied.reduce((m, a) => monitoringModelAfterAction(m, a.action, a.result?.outputs ?? {}), model);
}
