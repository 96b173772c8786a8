/**
 * AWS Config, with its ordering rules: one recorder and one delivery channel per region; a
 * delivery channel and rules need a recorder; recording needs a delivery channel; the
 * channel cannot be deleted while recording. Managed rules must name a real identifier.
 * A delivery channel needs an existing bucket (NoSuchBucketException) and, when the recorder
 * uses Config's service-linked role, a bucket policy that lets config.amazonaws.com read the
 * bucket's ACL and write under AWSLogs/<account>/Config/ (InsufficientDeliveryPolicyException):
 * AWS tests both when the channel is put. Conditions in the policy are not evaluated.
 */
import type { ActionParams } from '../../core/actions.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { fieldMatches } from '../../core/policy-engine/wildcard.js';
import type { ApplyContext } from './apply-context.js';
import { lowerId, nextSequence } from './sandbox-ids.js';
import { fail } from './sandbox-lookup.js';

/** Managed rule identifiers the sandbox accepts: the IAM ones step 6 deploys and a few neighbours. */
export const knownManagedRules = new Set([
	'IAM_PASSWORD_POLICY',
	'ACCESS_KEYS_ROTATED',
	'IAM_USER_MFA_ENABLED',
	'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
	'ROOT_ACCOUNT_MFA_ENABLED',
	'ROOT_ACCOUNT_HARDWARE_MFA_ENABLED',
	'IAM_ROOT_ACCESS_KEY_CHECK',
	'IAM_USER_UNUSED_CREDENTIALS_CHECK',
	'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS',
	'IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS',
	'IAM_NO_INLINE_POLICY_CHECK',
	'IAM_USER_NO_POLICIES_CHECK',
	'IAM_USER_GROUP_MEMBERSHIP_CHECK',
	'IAM_GROUP_HAS_USERS_CHECK',
	'IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS',
	'CLOUD_TRAIL_ENABLED',
	'MULTI_REGION_CLOUD_TRAIL_ENABLED',
	'S3_BUCKET_PUBLIC_READ_PROHIBITED',
]);

/** Config's quota of rules per region and account. */
export const maxConfigRules = 1000;

function recorderNamed(ctx: ApplyContext, name: string) {
	return ctx.state.config.recorders.find((r) => r.name === name) ?? fail('NoSuchConfigurationRecorderException', `Cannot find configuration recorder ${name}.`, ctx.operation);
}

function requireRecorder(ctx: ApplyContext): void {
	if (ctx.state.config.recorders.length === 0) fail('NoAvailableConfigurationRecorderException', 'There is no configuration recorder; create one first.', ctx.operation);
}

export function putConfigurationRecorder(ctx: ApplyContext, p: ActionParams['config:PutConfigurationRecorder']): void {
	const { name, roleARN, recordingGroup } = p.ConfigurationRecorder;
	if (!name || name.length > 256) fail('ValidationException', 'The recorder name must be 1 to 256 characters.', ctx.operation);
	if (!/^arn:aws:iam::\d{12}:role\/.+/.test(roleARN)) fail('InvalidRoleException', `The role ARN ${roleARN} is not valid.`, ctx.operation);
	const recorders = ctx.state.config.recorders;
	const existing = recorders.find((r) => r.name === name);
	if (!existing && recorders.length > 0) {
		fail('MaxNumberOfConfigurationRecordersExceededException', `This region already has configuration recorder ${recorders[0]!.name}; there can be only one.`, ctx.operation);
	}
	const resourceTypes = recordingGroup?.resourceTypes ?? [];
	if (recordingGroup?.allSupported === false && resourceTypes.length === 0) fail('InvalidRecordingGroupException', 'The recording group must record all supported resource types or name some.', ctx.operation);
	if (recordingGroup?.allSupported === true && resourceTypes.length > 0) fail('InvalidRecordingGroupException', 'The recording group cannot both record all supported resource types and name some.', ctx.operation);
	const settings = {
		roleArn: roleARN,
		allSupported: recordingGroup?.allSupported ?? true,
		includeGlobalResourceTypes: recordingGroup?.includeGlobalResourceTypes ?? false,
		...(resourceTypes.length > 0 ? { resourceTypes: [...resourceTypes] } : {}),
	};
	if (existing) Object.assign(existing, settings);
	else recorders.push({ name, ...settings, recording: false });
}

export function deleteConfigurationRecorder(ctx: ApplyContext, p: ActionParams['config:DeleteConfigurationRecorder']): void {
	const recorder = recorderNamed(ctx, p.ConfigurationRecorderName);
	ctx.state.config.recorders = ctx.state.config.recorders.filter((r) => r !== recorder);
}

/** Whether an Allow statement of the bucket policy lets AWS Config's service principal make `action` on `resource`. */
function configAllowed(policy: PolicyDocument | null, action: string, resource: string): boolean {
	return (policy?.Statement ?? []).some(
		(s) =>
			s.Effect === 'Allow' &&
			(s.Principal === '*' || (s.Principal?.Service ?? []).includes('config.amazonaws.com')) &&
			(s.Action ?? []).some((a) => fieldMatches('action', a, action)) &&
			(s.Resource ?? []).some((r) => fieldMatches('arn', r, resource)),
	);
}

/** AWS's test writes when a channel is put: the bucket must exist and, for the service-linked role, its policy must let Config in. */
function checkDeliveryBucket(ctx: ApplyContext, bucketName: string): void {
	const { state, operation } = ctx;
	const bucket = state.resources.find((r) => r.type === 'AWS::S3::Bucket' && r.name === bucketName);
	if (!bucket) fail('NoSuchBucketException', `Cannot find a S3 bucket with an appropriate bucket policy: ${bucketName}.`, operation);
	const usesServiceLinkedRole = state.config.recorders.some((r) => r.roleArn?.includes(':role/aws-service-role/config.amazonaws.com/'));
	if (!usesServiceLinkedRole) return;
	const bucketArn = `arn:${state.account.partition}:s3:::${bucketName}`;
	if (!configAllowed(bucket.policy, 's3:GetBucketAcl', bucketArn)) {
		fail('InsufficientDeliveryPolicyException', `Insufficient delivery policy to s3 bucket: ${bucketName}, unable to get s3 bucket acl.`, operation);
	}
	if (!configAllowed(bucket.policy, 's3:PutObject', `${bucketArn}/AWSLogs/${state.account.id}/Config/ConfigWritabilityCheckFile`)) {
		fail('InsufficientDeliveryPolicyException', `Insufficient delivery policy to s3 bucket: ${bucketName}, unable to write to bucket, provided s3 key prefix is 'null'.`, operation);
	}
}

export function putDeliveryChannel(ctx: ApplyContext, p: ActionParams['config:PutDeliveryChannel']): void {
	requireRecorder(ctx);
	const { name, s3BucketName, snsTopicARN } = p.DeliveryChannel;
	if (!name) fail('InvalidDeliveryChannelNameException', 'The delivery channel needs a name.', ctx.operation);
	checkDeliveryBucket(ctx, s3BucketName);
	if (snsTopicARN && !ctx.state.resources.some((r) => r.type === 'AWS::SNS::Topic' && r.arn === snsTopicARN)) {
		fail('InvalidSNSTopicARNException', `The SNS topic ${snsTopicARN} does not exist.`, ctx.operation);
	}
	const channels = ctx.state.config.deliveryChannels;
	const existing = channels.find((c) => c.name === name);
	if (!existing && channels.length > 0) fail('MaxNumberOfDeliveryChannelsExceededException', `This region already has delivery channel ${channels[0]!.name}; there can be only one.`, ctx.operation);
	const channel = { name, s3BucketName, ...(snsTopicARN ? { snsTopicArn: snsTopicARN } : {}) };
	if (existing) channels[channels.indexOf(existing)] = channel;
	else channels.push(channel);
}

export function deleteDeliveryChannel(ctx: ApplyContext, p: ActionParams['config:DeleteDeliveryChannel']): void {
	const channel = ctx.state.config.deliveryChannels.find((c) => c.name === p.DeliveryChannelName) ?? fail('NoSuchDeliveryChannelException', `Cannot find delivery channel ${p.DeliveryChannelName}.`, ctx.operation);
	if (ctx.state.config.recorders.some((r) => r.recording)) {
		fail('LastDeliveryChannelDeleteFailedException', 'The delivery channel cannot be deleted while the configuration recorder is running; stop it first.', ctx.operation);
	}
	ctx.state.config.deliveryChannels = ctx.state.config.deliveryChannels.filter((c) => c !== channel);
}

export function startConfigurationRecorder(ctx: ApplyContext, p: ActionParams['config:StartConfigurationRecorder']): void {
	const recorder = recorderNamed(ctx, p.ConfigurationRecorderName);
	if (ctx.state.config.deliveryChannels.length === 0) fail('NoAvailableDeliveryChannelException', 'There is no delivery channel; create one before starting the recorder.', ctx.operation);
	recorder.recording = true;
	recorder.lastStatus = 'SUCCESS';
}

export function stopConfigurationRecorder(ctx: ApplyContext, p: ActionParams['config:StopConfigurationRecorder']): void {
	recorderNamed(ctx, p.ConfigurationRecorderName).recording = false;
}

export function putConfigRule(ctx: ApplyContext, p: ActionParams['config:PutConfigRule']): void {
	requireRecorder(ctx);
	const { ConfigRuleName: name, Source, InputParameters } = p.ConfigRule;
	if (!name || name.length > 128) fail('InvalidParameterValueException', 'The rule name must be 1 to 128 characters.', ctx.operation);
	if (Source.Owner !== 'AWS' || !knownManagedRules.has(Source.SourceIdentifier)) {
		fail('InvalidParameterValueException', `The sourceIdentifier ${Source.SourceIdentifier} is not an AWS managed rule.`, ctx.operation);
	}
	if (InputParameters !== undefined) {
		try {
			JSON.parse(InputParameters);
		} catch {
			fail('InvalidParameterValueException', 'InputParameters must be a JSON object.', ctx.operation);
		}
	}
	const rules = ctx.state.config.rules;
	const existing = rules.find((r) => r.name === name);
	if (existing) {
		existing.sourceIdentifier = Source.SourceIdentifier;
		if (InputParameters === undefined) delete existing.inputParameters;
		else existing.inputParameters = InputParameters;
		return;
	}
	if (rules.length >= maxConfigRules) fail('MaxNumberOfConfigRulesExceededException', `This region already has ${maxConfigRules} Config rules, the most an account may have.`, ctx.operation);
	const arn = `arn:aws:config:${ctx.state.account.region}:${ctx.state.account.id}:config-rule/config-rule-${lowerId(`rule:${nextSequence(ctx.state)}`, 6)}`;
	rules.push({ name, arn, owner: 'AWS', sourceIdentifier: Source.SourceIdentifier, state: 'ACTIVE', ...(InputParameters !== undefined ? { inputParameters: InputParameters } : {}) });
}

export function deleteConfigRule(ctx: ApplyContext, p: ActionParams['config:DeleteConfigRule']): void {
	const rule = ctx.state.config.rules.find((r) => r.name === p.ConfigRuleName) ?? fail('NoSuchConfigRuleException', `Cannot find Config rule ${p.ConfigRuleName}.`, ctx.operation);
	ctx.state.config.rules = ctx.state.config.rules.filter((r) => r !== rule);
}
