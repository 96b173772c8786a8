/**
 * AWS Config in the region: recorders with their recording status, delivery channels and
 * rules (paginated). Four calls plus one per extra page of rules.
 */
import {
	DescribeConfigRulesCommand,
	DescribeConfigurationRecordersCommand,
	DescribeConfigurationRecorderStatusCommand,
	DescribeDeliveryChannelsCommand,
	type ConfigurationRecorder as SdkRecorder,
	type ConfigurationRecorderStatus,
} from '@aws-sdk/client-config-service';
import type { ConfigRecorder, ConfigRule, ConfigState } from '../../core/model.js';
import type { AwsCaller } from './aws-caller.js';

export function toConfigRecorder(recorder: SdkRecorder, status: ConfigurationRecorderStatus | undefined): ConfigRecorder {
	const out: ConfigRecorder = { name: recorder.name ?? 'default', recording: status?.recording ?? false };
	if (recorder.roleARN) out.roleArn = recorder.roleARN;
	if (recorder.recordingGroup?.allSupported !== undefined) out.allSupported = recorder.recordingGroup.allSupported;
	if (recorder.recordingGroup?.includeGlobalResourceTypes !== undefined) {
		out.includeGlobalResourceTypes = recorder.recordingGroup.includeGlobalResourceTypes;
	}
	if (recorder.recordingGroup?.resourceTypes?.length) out.resourceTypes = [...recorder.recordingGroup.resourceTypes];
	if (status?.lastStatus) out.lastStatus = status.lastStatus;
	return out;
}

export async function readConfigRecorders(caller: AwsCaller, names?: string[]): Promise<ConfigRecorder[]> {
	const input = names ? { ConfigurationRecorderNames: names } : {};
	const recorders = await caller.send('config', new DescribeConfigurationRecordersCommand(input));
	const statuses = await caller.send('config', new DescribeConfigurationRecorderStatusCommand(input));
	const statusOf = new Map((statuses.ConfigurationRecordersStatus ?? []).map((s) => [s.name, s]));
	return (recorders.ConfigurationRecorders ?? []).map((recorder) => toConfigRecorder(recorder, statusOf.get(recorder.name)));
}

async function readConfigRules(caller: AwsCaller): Promise<ConfigRule[]> {
	const pages = await caller.pages(
		'config',
		(token) => new DescribeConfigRulesCommand(token ? { NextToken: token } : {}),
		(page) => page.NextToken,
	);
	return pages.flatMap((page) =>
		(page.ConfigRules ?? []).map((rule) => {
			const out: ConfigRule = {
				name: rule.ConfigRuleName ?? '',
				owner: (rule.Source?.Owner ?? 'AWS') as ConfigRule['owner'],
				state: rule.ConfigRuleState ?? 'ACTIVE',
			};
			if (rule.ConfigRuleArn) out.arn = rule.ConfigRuleArn;
			if (rule.Source?.SourceIdentifier) out.sourceIdentifier = rule.Source.SourceIdentifier;
			if (rule.InputParameters) out.inputParameters = rule.InputParameters;
			return out;
		}),
	);
}

/** Recorders first: where Config is not offered, one failed call says so instead of four. */
export async function readConfigState(caller: AwsCaller): Promise<ConfigState> {
	const recorders = await readConfigRecorders(caller);
	const [channels, rules] = await Promise.all([caller.send('config', new DescribeDeliveryChannelsCommand({})), readConfigRules(caller)]);
	return {
		recorders,
		deliveryChannels: (channels.DeliveryChannels ?? []).map((channel) => {
			const out: ConfigState['deliveryChannels'][number] = { name: channel.name ?? 'default' };
			if (channel.s3BucketName) out.s3BucketName = channel.s3BucketName;
			if (channel.snsTopicARN) out.snsTopicArn = channel.snsTopicARN;
			return out;
		}),
		rules,
	};
}
