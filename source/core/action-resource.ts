/**
 * What a person would call the thing an action changes, from its parameters: the name a plan
 * records beside each action and a stale-plan refusal quotes ("bucket acme-trail-logs changed
 * since the plan was made"). Only string parameters are read; a value of another type is as
 * good as absent, so a hand-edited plan never makes this throw.
 */
import type { Action } from './actions.js';
import { serviceLinkedRoles } from './service-linked-roles.js';

type Read = (key: string) => string | undefined;

function reader(value: unknown): Read {
	const p = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
	return (key) => (typeof p[key] === 'string' && p[key] !== '' ? (p[key] as string) : undefined);
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);

/** The kinds outside IAM (and IAM's OIDC providers), each named as its console names it. */
function namedByKind(action: Action, s: Read): string | undefined {
	const p = action.params as Record<string, unknown>;
	const or = (name: string | undefined, what: string) => (name ? `${what} ${name}` : undefined);
	switch (action.kind) {
		case 's3:CreateBucket':
		case 's3:DeleteBucket':
			return or(s('Bucket'), 'bucket');
		case 's3:PutBucketPolicy':
		case 's3:DeleteBucketPolicy':
			return s('Bucket') ? `the policy of bucket ${s('Bucket')}` : undefined;
		case 'logs:PutMetricFilter':
		case 'logs:DeleteMetricFilter':
			return s('filterName') ? `metric filter ${s('filterName')}${s('logGroupName') ? ` on log group ${s('logGroupName')}` : ''}` : undefined;
		case 'cloudwatch:PutMetricAlarm':
			return or(s('AlarmName'), 'alarm');
		case 'cloudwatch:DeleteAlarms': {
			const names = strings(p.AlarmNames);
			return names.length > 0 ? `${names.length === 1 ? 'alarm' : 'alarms'} ${names.join(', ')}` : undefined;
		}
		case 'config:PutConfigurationRecorder':
			return or(reader(p.ConfigurationRecorder)('name'), 'Config recorder');
		case 'config:DeleteConfigurationRecorder':
		case 'config:StartConfigurationRecorder':
		case 'config:StopConfigurationRecorder':
			return or(s('ConfigurationRecorderName'), 'Config recorder');
		case 'config:PutDeliveryChannel':
			return or(reader(p.DeliveryChannel)('name'), 'Config delivery channel');
		case 'config:DeleteDeliveryChannel':
			return or(s('DeliveryChannelName'), 'Config delivery channel');
		case 'config:PutConfigRule':
			return or(reader(p.ConfigRule)('ConfigRuleName'), 'Config rule');
		case 'config:DeleteConfigRule':
			return or(s('ConfigRuleName'), 'Config rule');
		case 'events:PutRule':
		case 'events:DeleteRule':
			return or(s('Name'), 'EventBridge rule');
		case 'events:PutTargets':
		case 'events:RemoveTargets':
			return s('Rule') ? `the targets of EventBridge rule ${s('Rule')}` : undefined;
		case 'sns:CreateTopic':
			return or(s('Name'), 'SNS topic');
		case 'sns:DeleteTopic':
			return or(s('TopicArn'), 'SNS topic');
		case 'sns:SetTopicAttributes':
			return s('TopicArn') ? `the policy of SNS topic ${s('TopicArn')}` : undefined;
		case 'sns:Subscribe':
			return s('TopicArn') ? `${s('Protocol') ?? 'a'} subscription to SNS topic ${s('TopicArn')}` : undefined;
		case 'sns:Unsubscribe':
			return or(s('SubscriptionArn'), 'SNS subscription');
		case 'securityhub:EnableSecurityHub':
		case 'securityhub:DisableSecurityHub':
			return 'Security Hub';
		case 'securityhub:BatchEnableStandards': {
			const arns = Array.isArray(p.StandardsSubscriptionRequests) ? p.StandardsSubscriptionRequests.map((r) => reader(r)('StandardsArn')).filter((a): a is string => a !== undefined) : [];
			return arns.length > 0 ? `Security Hub standards ${arns.join(', ')}` : undefined;
		}
		case 'securityhub:BatchDisableStandards': {
			const arns = strings(p.StandardsSubscriptionArns);
			return arns.length > 0 ? `Security Hub standards ${arns.join(', ')}` : undefined;
		}
		case 'access-analyzer:CreateAnalyzer':
		case 'access-analyzer:DeleteAnalyzer':
			return or(s('analyzerName'), 'analyzer');
		case 'access-analyzer:UpdateFindings':
			return s('analyzerArn') ? `findings of analyzer ${s('analyzerArn')}` : undefined;
		case 'access-analyzer:StartPolicyGeneration':
			return s('principalArn') ? `a policy generated for ${s('principalArn')}` : undefined;
		case 'sts:AssumeRoot':
			return s('TargetPrincipal') ? `the root user of account ${s('TargetPrincipal')}` : undefined;
		case 'iam:CreateOpenIDConnectProvider':
			return or(s('Url'), 'OIDC provider');
		case 'iam:DeleteOpenIDConnectProvider':
			return or(s('OpenIDConnectProviderArn'), 'OIDC provider');
		case 'organizations:CreatePolicy':
			return or(s('Name'), 'service control policy');
		case 'iam:CreateServiceLinkedRole': {
			const service = s('AWSServiceName');
			if (!service) return undefined;
			return Object.hasOwn(serviceLinkedRoles, service) ? `service-linked role ${serviceLinkedRoles[service]!.name}` : `the service-linked role of ${service}`;
		}
		case 'organizations:DeletePolicy':
			return or(s('PolicyName') ?? s('PolicyId'), 'service control policy');
		case 'organizations:EnablePolicyType':
		case 'organizations:DisablePolicyType':
			return s('RootId') ? `service control policies on root ${s('RootId')}` : undefined;
		default:
			return undefined;
	}
}

/** What a person would call the thing an action changes, from its parameters; the action's kind when nothing names it. */
export function actionResource(action: Action): string {
	const s = reader(action.params);
	const byKind = namedByKind(action, s);
	if (byKind) return byKind;
	if (s('AccessKeyId')) return `access key ${s('AccessKeyId')} of user ${s('UserName') ?? '?'}`;
	if (s('PolicyArn') && s('VersionId')) return `policy ${s('PolicyArn')} version ${s('VersionId')}`;
	if (s('PolicyName') && (s('UserName') || s('RoleName') || s('GroupName'))) {
		const owner = s('UserName') ? `user ${s('UserName')}` : s('RoleName') ? `role ${s('RoleName')}` : `group ${s('GroupName')}`;
		return `inline policy ${s('PolicyName')} of ${owner}`;
	}
	if (s('PolicyArn')) {
		const on = s('UserName') ? ` on user ${s('UserName')}` : s('RoleName') ? ` on role ${s('RoleName')}` : s('GroupName') ? ` on group ${s('GroupName')}` : '';
		return `policy ${s('PolicyArn')}${on}`;
	}
	if (s('InstanceProfileName')) return `${s('RoleName') ? `role ${s('RoleName')} in ` : ''}instance profile ${s('InstanceProfileName')}`;
	if (s('UserName')) return `user ${s('UserName')}${s('GroupName') ? ` in group ${s('GroupName')}` : ''}`;
	if (s('RoleName')) return `role ${s('RoleName')}`;
	if (s('GroupName')) return `group ${s('GroupName')}`;
	if (s('TargetId')) return `${s('PolicyName') ?? s('PolicyId') ?? 'policy'} on ${s('TargetId')}`;
	if (action.kind.includes('PasswordPolicy')) return 'the account password policy';
	return action.kind;
}
