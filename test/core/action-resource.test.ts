/** The names a plan records for what each action changes, and a stale-plan refusal quotes. */
import { describe, expect, it } from 'vitest';
import { actionResource } from '../../source/core/action-resource.js';
import type { Action } from '../../source/core/actions.js';

describe('actionResource', () => {
	const named = (kind: string, params: Record<string, unknown>) => actionResource({ kind, params, step: 1, findingIds: [], summary: 's' } as unknown as Action);
	const P = 'arn:aws:iam::123456789012:policy/p';
	const T = 'arn:aws:sns:us-east-1:123456789012:alerts';

	it.each([
		['an access key by its ID and user', 'iam:UpdateAccessKey', { UserName: 'dave', AccessKeyId: 'AKIA1', Status: 'Inactive' }, 'access key AKIA1 of user dave'],
		['an access key of no named user', 'iam:DeleteAccessKey', { AccessKeyId: 'AKIA1' }, 'access key AKIA1 of user ?'],
		['a policy version', 'iam:DeletePolicyVersion', { PolicyArn: P, VersionId: 'v2' }, `policy ${P} version v2`],
		["a user's inline policy", 'iam:PutUserPolicy', { UserName: 'dave', PolicyName: 'p', PolicyDocument: {} }, 'inline policy p of user dave'],
		["a role's inline policy", 'iam:DeleteRolePolicy', { RoleName: 'app', PolicyName: 'p' }, 'inline policy p of role app'],
		["a group's inline policy", 'iam:PutGroupPolicy', { GroupName: 'ops', PolicyName: 'p', PolicyDocument: {} }, 'inline policy p of group ops'],
		['a managed policy on a user', 'iam:AttachUserPolicy', { UserName: 'dave', PolicyArn: P }, `policy ${P} on user dave`],
		['a managed policy on a role', 'iam:DetachRolePolicy', { RoleName: 'app', PolicyArn: P }, `policy ${P} on role app`],
		['a managed policy on a group', 'iam:AttachGroupPolicy', { GroupName: 'ops', PolicyArn: P }, `policy ${P} on group ops`],
		['a managed policy alone', 'iam:DeletePolicy', { PolicyArn: P }, `policy ${P}`],
		['a role in an instance profile', 'iam:AddRoleToInstanceProfile', { InstanceProfileName: 'ip', RoleName: 'app' }, 'role app in instance profile ip'],
		['an instance profile', 'iam:CreateInstanceProfile', { InstanceProfileName: 'ip' }, 'instance profile ip'],
		['a user in a group', 'iam:AddUserToGroup', { UserName: 'dave', GroupName: 'ops' }, 'user dave in group ops'],
		['a user', 'iam:DeleteLoginProfile', { UserName: 'dave' }, 'user dave'],
		['a role', 'iam:PutRolePermissionsBoundary', { RoleName: 'app', PermissionsBoundary: P }, 'role app'],
		['a group', 'iam:CreateGroup', { GroupName: 'ops' }, 'group ops'],
		['an SCP by name on a target', 'organizations:AttachPolicy', { PolicyName: 'require-mfa', TargetId: 'r-abcd' }, 'require-mfa on r-abcd'],
		['an SCP by ID on a target', 'organizations:DetachPolicy', { PolicyId: 'p-1234', TargetId: 'ou-ab-12345678' }, 'p-1234 on ou-ab-12345678'],
		['an SCP named neither way', 'organizations:DetachPolicy', { TargetId: 'r-abcd' }, 'policy on r-abcd'],
		['the password policy', 'iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14 }, 'the account password policy'],
		['the password policy, deleted', 'iam:DeleteAccountPasswordPolicy', {}, 'the account password policy'],
		['a topic to be made, by its name', 'sns:CreateTopic', { Name: 'alerts' }, 'SNS topic alerts'],
		["a service-linked role to be made, by AWS's name for it", 'iam:CreateServiceLinkedRole', { AWSServiceName: 'config.amazonaws.com' }, 'service-linked role AWSServiceRoleForConfig'],
		['a service-linked role of a service step 6 does not know', 'iam:CreateServiceLinkedRole', { AWSServiceName: 'ecs.amazonaws.com' }, 'the service-linked role of ecs.amazonaws.com'],
		['an analyzer', 'access-analyzer:DeleteAnalyzer', { analyzerName: 'a1' }, 'analyzer a1'],
		['a Config recorder', 'config:StartConfigurationRecorder', { ConfigurationRecorderName: 'default' }, 'Config recorder default'],
		['a Config rule', 'config:DeleteConfigRule', { ConfigRuleName: 'iam-root-access-key-check' }, 'Config rule iam-root-access-key-check'],
		["an EventBridge rule's targets", 'events:RemoveTargets', { Rule: 'root-use', Ids: ['1'] }, 'the targets of EventBridge rule root-use'],
		['a topic', 'sns:DeleteTopic', { TopicArn: T }, `SNS topic ${T}`],
		["an analyzer's findings", 'access-analyzer:UpdateFindings', { analyzerArn: 'arn:aa', ids: ['f'], status: 'ARCHIVED' }, 'findings of analyzer arn:aa'],
		['a policy generation', 'access-analyzer:StartPolicyGeneration', { principalArn: 'arn:aws:iam::123456789012:role/app' }, 'a policy generated for arn:aws:iam::123456789012:role/app'],
		['Security Hub itself', 'securityhub:DisableSecurityHub', {}, 'Security Hub'],
		['a bucket', 's3:CreateBucket', { Bucket: 'acme-trail-logs' }, 'bucket acme-trail-logs'],
		["a bucket's policy", 's3:PutBucketPolicy', { Bucket: 'acme-trail-logs', Policy: {} }, 'the policy of bucket acme-trail-logs'],
		["a bucket's policy, deleted", 's3:DeleteBucketPolicy', { Bucket: 'acme-trail-logs' }, 'the policy of bucket acme-trail-logs'],
		['a metric filter on its log group', 'logs:PutMetricFilter', { logGroupName: 'trail', filterName: 'root-use', filterPattern: '' }, 'metric filter root-use on log group trail'],
		['an alarm', 'cloudwatch:PutMetricAlarm', { AlarmName: 'root-use' }, 'alarm root-use'],
		['alarms, deleted', 'cloudwatch:DeleteAlarms', { AlarmNames: ['root-use', 'iam-changes'] }, 'alarms root-use, iam-changes'],
		['a Config recorder, put', 'config:PutConfigurationRecorder', { ConfigurationRecorder: { name: 'default', roleARN: 'r' } }, 'Config recorder default'],
		['a Config delivery channel, put', 'config:PutDeliveryChannel', { DeliveryChannel: { name: 'default', s3BucketName: 'b' } }, 'Config delivery channel default'],
		['a Config delivery channel, deleted', 'config:DeleteDeliveryChannel', { DeliveryChannelName: 'default' }, 'Config delivery channel default'],
		['a Config rule, put', 'config:PutConfigRule', { ConfigRule: { ConfigRuleName: 'mfa-enabled-for-iam-console-access' } }, 'Config rule mfa-enabled-for-iam-console-access'],
		['an EventBridge rule', 'events:PutRule', { Name: 'root-use', EventPattern: '{}', State: 'ENABLED' }, 'EventBridge rule root-use'],
		["a topic's policy", 'sns:SetTopicAttributes', { TopicArn: T, AttributeName: 'Policy', AttributeValue: '{}' }, `the policy of SNS topic ${T}`],
		['a subscription to be made', 'sns:Subscribe', { TopicArn: T, Protocol: 'email', Endpoint: 'ops@example.com' }, `email subscription to SNS topic ${T}`],
		['a subscription', 'sns:Unsubscribe', { SubscriptionArn: `${T}:1` }, `SNS subscription ${T}:1`],
		['standards, enabled', 'securityhub:BatchEnableStandards', { StandardsSubscriptionRequests: [{ StandardsArn: 'arn:std' }] }, 'Security Hub standards arn:std'],
		['standards, disabled', 'securityhub:BatchDisableStandards', { StandardsSubscriptionArns: ['arn:sub'] }, 'Security Hub standards arn:sub'],
		['two standards, enabled', 'securityhub:BatchEnableStandards', { StandardsSubscriptionRequests: [{ StandardsArn: 'arn:a' }, { StandardsArn: 'arn:b' }] }, 'Security Hub standards arn:a, arn:b'],
		['two standards, disabled', 'securityhub:BatchDisableStandards', { StandardsSubscriptionArns: ['arn:a', 'arn:b'] }, 'Security Hub standards arn:a, arn:b'],
		['the root user of a member account', 'sts:AssumeRoot', { TargetPrincipal: '210987654321', TaskPolicyArn: { arn: 'x' } }, 'the root user of account 210987654321'],
		['an OIDC provider to be made', 'iam:CreateOpenIDConnectProvider', { Url: 'https://token.actions.githubusercontent.com', ClientIDList: [] }, 'OIDC provider https://token.actions.githubusercontent.com'],
		['an OIDC provider', 'iam:DeleteOpenIDConnectProvider', { OpenIDConnectProviderArn: 'arn:oidc' }, 'OIDC provider arn:oidc'],
		['an SCP to be made', 'organizations:CreatePolicy', { Name: 'iam-wizard-require-mfa' }, 'service control policy iam-wizard-require-mfa'],
		['an SCP deleted by ID', 'organizations:DeletePolicy', { PolicyId: 'p-1234' }, 'service control policy p-1234'],
		['the SCP policy type', 'organizations:EnablePolicyType', { RootId: 'r-abcd', PolicyType: 'SERVICE_CONTROL_POLICY' }, 'service control policies on root r-abcd'],
		['a bucket, deleted', 's3:DeleteBucket', { Bucket: 'acme-trail-logs' }, 'bucket acme-trail-logs'],
		['a single alarm, deleted', 'cloudwatch:DeleteAlarms', { AlarmNames: ['root-use'] }, 'alarm root-use'],
		['a Config recorder, deleted', 'config:DeleteConfigurationRecorder', { ConfigurationRecorderName: 'default' }, 'Config recorder default'],
		['a Config recorder, stopped', 'config:StopConfigurationRecorder', { ConfigurationRecorderName: 'default' }, 'Config recorder default'],
		['an EventBridge rule, deleted', 'events:DeleteRule', { Name: 'root-use' }, 'EventBridge rule root-use'],
		["an EventBridge rule's targets, put", 'events:PutTargets', { Rule: 'root-use', Targets: [] }, 'the targets of EventBridge rule root-use'],
		['Security Hub, enabled', 'securityhub:EnableSecurityHub', { EnableDefaultStandards: false }, 'Security Hub'],
		['an analyzer to be made', 'access-analyzer:CreateAnalyzer', { analyzerName: 'a1', type: 'ACCOUNT' }, 'analyzer a1'],
		['an SCP deleted by name', 'organizations:DeletePolicy', { PolicyName: 'iam-wizard-require-mfa', PolicyId: 'p-1' }, 'service control policy iam-wizard-require-mfa'],
		['the SCP policy type, disabled', 'organizations:DisablePolicyType', { RootId: 'r-abcd', PolicyType: 'SERVICE_CONTROL_POLICY' }, 'service control policies on root r-abcd'],
		['an action naming nothing, by its kind', 's3:DeleteBucket', {}, 's3:DeleteBucket'],
	])('names %s', (_what, kind, params, expected) => {
		expect(named(kind, params)).toBe(expected);
	});

	it('reads only string parameters, and the first of the names it knows', () => {
		expect(named('iam:UpdateAccessKey', { AccessKeyId: 1, UserName: 'dave' })).toBe('user dave');
		expect(named('iam:PutUserPolicy', { PolicyName: 'p', RoleName: 'app', GroupName: 'ops' })).toBe('inline policy p of role app');
		expect(named('iam:PutUserPolicy', { PolicyName: 'p', UserName: '', GroupName: 'ops' })).toBe('inline policy p of group ops');
		expect(named('iam:AttachRolePolicy', { PolicyArn: P, RoleName: 'app', GroupName: 'ops' })).toBe(`policy ${P} on role app`);
		expect(named('iam:DeletePolicyVersion', { PolicyArn: P, VersionId: '' })).toBe(`policy ${P}`);
		expect(named('organizations:AttachPolicy', { PolicyName: 'n', PolicyId: 'p-1', TargetId: 't' })).toBe('n on t');
		expect(named('events:PutRule', { Name: 'root-use', Rule: 'other' })).toBe('EventBridge rule root-use');
		// Hand-edited plans: a nested value of the wrong type, a list of other things, no params at all.
		expect(named('config:PutConfigRule', { ConfigRule: 'r' })).toBe('config:PutConfigRule');
		expect(named('cloudwatch:DeleteAlarms', { AlarmNames: [1, null, ''] })).toBe('cloudwatch:DeleteAlarms');
		expect(named('securityhub:BatchEnableStandards', { StandardsSubscriptionRequests: [null, { StandardsArn: 2 }] })).toBe('securityhub:BatchEnableStandards');
		expect(named('sns:Subscribe', { TopicArn: 'arn:t' })).toBe('a subscription to SNS topic arn:t');
		expect(named('logs:DeleteMetricFilter', { filterName: 'f' })).toBe('metric filter f');
		// An empty string names nothing: the next name is used, or the stand-in.
		expect(named('iam:UpdateAccessKey', { AccessKeyId: 'AKIA1', UserName: '' })).toBe('access key AKIA1 of user ?');
		expect(named('organizations:DeletePolicy', { PolicyName: '', PolicyId: 'p-1' })).toBe('service control policy p-1');
		expect(named('cloudwatch:DeleteAlarms', { AlarmNames: 'root-use' })).toBe('cloudwatch:DeleteAlarms');
		expect(named('securityhub:BatchEnableStandards', { StandardsSubscriptionRequests: { StandardsArn: 'arn:std' } })).toBe('securityhub:BatchEnableStandards');
		expect(named('securityhub:BatchDisableStandards', { StandardsSubscriptionArns: [] })).toBe('securityhub:BatchDisableStandards');
		expect(actionResource({ kind: 'iam:DeleteRole', params: null, step: 1, findingIds: [], summary: 's' } as unknown as Action)).toBe('iam:DeleteRole');
	});
});
