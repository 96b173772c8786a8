/**
 * AWS Config for IAM: CONFIG_RECORDER_OFF when no recorder records, CONFIG_RULE_MISSING per
 * IAM managed rule not deployed; and the actions that fix them, in the order Config needs
 * (role, bucket, recorder, channel, start, rules). Pure.
 */
import type { Action } from '../../core/actions.js';
import type { FindingId } from '../../core/finding-catalogue.js';
import { makeFinding, type Finding } from '../../core/finding.js';
import { rootArn, type AccountModel } from '../../core/model.js';
import type { PlanContext } from '../../core/settings.js';
import { serviceLinkedRoleArn, serviceLinkedRoles } from '../../core/service-linked-roles.js';
import { configRuleParameters } from './config-rule-parameters.js';
import { configBucketName, deliveryBucketActions, type DeliveryBucket } from './delivery-bucket.js';

const configService = 'config.amazonaws.com';

/**
 * The IAM managed rules FINDINGS.md asks for, with the names the console gives them (parameters:
 * config-rule-parameters.ts), and the iam-wizard findings that check the same thing, so Config's
 * verdict can be read next to them.
 */
export const iamConfigRules: readonly { identifier: string; name: string; findings: readonly FindingId[] }[] = [
	{ identifier: 'IAM_PASSWORD_POLICY', name: 'iam-password-policy', findings: ['PASSWORD_POLICY_WEAK'] },
	{ identifier: 'ACCESS_KEYS_ROTATED', name: 'access-keys-rotated', findings: ['KEY_NOT_ROTATED'] },
	{ identifier: 'IAM_USER_MFA_ENABLED', name: 'iam-user-mfa-enabled', findings: ['CONSOLE_USER_NO_MFA'] },
	{ identifier: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS', name: 'mfa-enabled-for-iam-console-access', findings: ['CONSOLE_USER_NO_MFA'] },
	{ identifier: 'ROOT_ACCOUNT_MFA_ENABLED', name: 'root-account-mfa-enabled', findings: ['ROOT_NO_MFA'] },
	{ identifier: 'IAM_ROOT_ACCESS_KEY_CHECK', name: 'iam-root-access-key-check', findings: ['ROOT_ACCESS_KEY'] },
	{ identifier: 'IAM_USER_UNUSED_CREDENTIALS_CHECK', name: 'iam-user-unused-credentials-check', findings: ['CREDENTIAL_UNUSED'] },
	{ identifier: 'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS', name: 'iam-policy-no-statements-with-admin-access', findings: ['POLICY_FULL_ADMIN'] },
];

/** The IAM resource types the recorder records (AWS Config's names). */
export const iamResourceTypes = ['AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::Role', 'AWS::IAM::Policy'];

export function configFindings(model: AccountModel): Finding[] {
	const config = model.config;
	if (!config) return [];
	const account = rootArn(model.partition, model.accountId);
	const findings: Finding[] = [];
	if (!config.recorders.some((r) => r.recording)) {
		const what = config.recorders.length === 0 ? 'no configuration recorder' : `recorder ${config.recorders.map((r) => r.name).join(', ')} is stopped`;
		findings.push(makeFinding('CONFIG_RECORDER_OFF', account, `AWS Config is not recording in ${model.region}: ${what}.`, { region: model.region, recorders: config.recorders.map((r) => r.name) }, { qualifier: model.region }));
	}
	const deployed = new Set(config.rules.filter((r) => r.owner === 'AWS').map((r) => r.sourceIdentifier));
	for (const rule of iamConfigRules.filter((r) => !deployed.has(r.identifier))) {
		findings.push(makeFinding('CONFIG_RULE_MISSING', account, `The IAM managed Config rule ${rule.identifier} is not deployed in ${model.region}.`, { rule: rule.identifier, region: model.region }, { qualifier: `${model.region}|${rule.identifier}` }));
	}
	return findings;
}

function action<K extends Action['kind']>(kind: K, params: Extract<Action, { kind: K }>['params'], findingIds: string[], summary: string, notes?: string[]): Action {
	return { kind, params, step: 6, findingIds, summary, ...(notes ? { notes } : {}) } as Action;
}

/** The bucket iam-wizard proposes, reused when the account read found it the account's (a batch that stopped after CreateBucket). */
function defaultDeliveryBucket(model: AccountModel): DeliveryBucket {
	const name = configBucketName(model);
	const read = model.config?.defaultBucket;
	return read?.name === name && read.status === 'owned' ? { name, existing: { policy: read.policy } } : { name };
}

/**
 * Why the recorder cannot be given the bucket iam-wizard proposes, or undefined: S3 answered
 * 403 for it, so another account owns the name (or this identity may not read it), and
 * creating it, or a delivery channel to it, would fail.
 */
export function defaultBucketRefusal(model: AccountModel): string | undefined {
	const read = model.config?.defaultBucket;
	if (read?.status !== 'forbidden' || read.name !== configBucketName(model) || model.config!.deliveryChannels.length > 0) return undefined;
	const rules = model.config!.recorders.length === 0 ? ' Without a recorder the IAM Config rules cannot be deployed either.' : '';
	return `S3 answered 403 Forbidden for bucket ${read.name}, the one iam-wizard proposes for AWS Config's deliveries: another account owns that name, or this identity may not read it (s3:ListBucket). No recorder change is proposed; in the wizard, step 6's c names another bucket.${rules}`;
}

/** Makes the recorder record: role, bucket and policy, recorder, delivery channel, start — each only when missing. */
export function recorderActions(model: AccountModel, finding: Finding, bucketChoice?: DeliveryBucket): Action[] {
	const config = model.config!;
	const ids = [finding.fingerprint];
	const actions: Action[] = [];
	const existing = config.recorders[0];
	const name = existing?.name ?? 'default';
	if (!existing) {
		const role = serviceLinkedRoles[configService]!;
		if (!model.roles.some((r) => r.name === role.name)) {
			actions.push(action('iam:CreateServiceLinkedRole', { AWSServiceName: configService }, ids, `Create AWS Config's service-linked role ${role.name}`));
		}
		actions.push(
			action(
				'config:PutConfigurationRecorder',
				{
					ConfigurationRecorder: {
						name,
						roleARN: serviceLinkedRoleArn(model.partition, model.accountId, configService)!,
						recordingGroup: { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: [...iamResourceTypes], recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' } },
					},
				},
				ids,
				`Create configuration recorder ${name} in ${model.region}, recording ${iamResourceTypes.join(', ')}`,
				['IAM resources are global: record them in one region only, or each region bills for the same items.'],
			),
		);
	}
	if (config.deliveryChannels.length === 0) {
		const bucket = bucketChoice ?? defaultDeliveryBucket(model);
		actions.push(
			...deliveryBucketActions(model, bucket, ids),
			action('config:PutDeliveryChannel', { DeliveryChannel: { name: 'default', s3BucketName: bucket.name } }, ids, `Create delivery channel default to bucket ${bucket.name}`),
		);
	}
	actions.push(action('config:StartConfigurationRecorder', { ConfigurationRecorderName: name }, ids, `Start configuration recorder ${name}`));
	return actions;
}

/** Deploys one missing rule, its parameters following the other steps' choices. */
export function ruleAction(missing: Finding, model: AccountModel, context: Pick<PlanContext, 'thresholds'>): Action {
	const rule = iamConfigRules.find((r) => r.identifier === missing.evidence.rule)!;
	const chosen = configRuleParameters(rule.identifier, model, context);
	return action(
		'config:PutConfigRule',
		{
			ConfigRule: {
				ConfigRuleName: rule.name,
				Source: { Owner: 'AWS', SourceIdentifier: rule.identifier },
				...(chosen ? { InputParameters: JSON.stringify(chosen.parameters) } : {}),
				Description: `iam-wizard: AWS managed rule ${rule.identifier}`,
			},
		},
		[missing.fingerprint],
		`Deploy Config rule ${rule.name} (${rule.identifier})`,
		chosen ? [`Parameters: ${Object.entries(chosen.parameters).map(([k, v]) => `${k}=${v}`).join(', ')}`, `From ${chosen.source}.`] : undefined,
	);
}
