/**
 * Step 6's alerts: for each, the EventBridge pattern iam-wizard proposes and the sample
 * events that prove a rule fires — ones it must match and one it must not. The same samples
 * judge the account's existing rules (does any enabled rule with a target fire on them?)
 * and, through TestEventPattern, each rule before and after iam-wizard creates it.
 *
 * Event shapes are CloudTrail records as EventBridge delivers them ("AWS API Call via
 * CloudTrail", "AWS Console Sign In via CloudTrail"). IAM and console sign-in events reach
 * EventBridge only in us-east-1 (IAM is a global service), so the rules live there.
 */
import type { FindingId } from './finding-catalogue.js';

export type AlertFindingId = Extract<FindingId, 'ALERT_ROOT_USAGE_MISSING' | 'ALERT_IAM_CHANGES_MISSING' | 'ALERT_ROOT_KEY_CREATED_MISSING' | 'ALERT_CONSOLE_NO_MFA_MISSING'>;

export interface SampleEvent {
	/** For people: "root ConsoleLogin". */
	name: string;
	/** The event as TestEventPattern takes it (a JSON string). */
	event: string;
}

export interface AlertDefinition {
	findingId: AlertFindingId;
	/** The rule iam-wizard creates. */
	ruleName: string;
	description: string;
	/** What it watches, for summaries: "root user activity". */
	watches: string;
	eventPattern: string;
	mustMatch: SampleEvent[];
	mustNotMatch: SampleEvent[];
	/** The CIS v5 recommendation whose metric filter watches the same events. */
	cis: string;
	/** CIS's own form: a CloudWatch Logs metric filter on the trail's log group and the Security Hub control it passes. */
	metricFilter?: { filterPattern: string; control: string };
}

/** The CIS 4.4 event names: IAM policy changes. */
export const iamPolicyChangeEventNames = [
	'DeleteGroupPolicy',
	'DeleteRolePolicy',
	'DeleteUserPolicy',
	'PutGroupPolicy',
	'PutRolePolicy',
	'PutUserPolicy',
	'CreatePolicy',
	'DeletePolicy',
	'CreatePolicyVersion',
	'DeletePolicyVersion',
	'SetDefaultPolicyVersion',
	'AttachRolePolicy',
	'DetachRolePolicy',
	'AttachUserPolicy',
	'DetachUserPolicy',
	'AttachGroupPolicy',
	'DetachGroupPolicy',
] as const;

/** Where IAM's and console sign-in events are delivered, per partition. */
export function iamEventsRegion(partition: string): string {
	if (partition === 'aws-us-gov') return 'us-gov-west-1';
	if (partition === 'aws-cn') return 'cn-north-1';
	return 'us-east-1';
}

export const alertTopicName = 'iam-wizard-alerts';

/** iam-wizard's alert topic, in the region where IAM's events arrive. */
export function alertTopicArnOf(partition: string, accountId: string): string {
	return `arn:${partition}:sns:${iamEventsRegion(partition)}:${accountId}:${alertTopicName}`;
}

const sampleTime = '2026-01-15T09:30:00Z';

interface Identity {
	type: 'Root' | 'IAMUser';
	arn: string;
	principalId: string;
	accountId: string;
	userName?: string;
}

function identities(partition: string, accountId: string): { root: Identity; alice: Identity } {
	return {
		root: { type: 'Root', arn: `arn:${partition}:iam::${accountId}:root`, principalId: accountId, accountId },
		alice: { type: 'IAMUser', arn: `arn:${partition}:iam::${accountId}:user/alice`, principalId: 'AIDAEXAMPLEALICE0001', accountId, userName: 'alice' },
	};
}

function envelope(accountId: string, region: string, detailType: string, source: string, detail: Record<string, unknown>, id: string): string {
	return JSON.stringify({ version: '0', id, 'detail-type': detailType, source, account: accountId, time: sampleTime, region, resources: [], detail });
}

function consoleLogin(accountId: string, region: string, who: Identity, mfaUsed: 'Yes' | 'No', id: string): string {
	return envelope(
		accountId,
		region,
		'AWS Console Sign In via CloudTrail',
		'aws.signin',
		{
			eventVersion: '1.08',
			userIdentity: who,
			eventTime: sampleTime,
			eventSource: 'signin.amazonaws.com',
			eventName: 'ConsoleLogin',
			awsRegion: region,
			sourceIPAddress: '203.0.113.10',
			userAgent: 'Mozilla/5.0',
			requestParameters: null,
			responseElements: { ConsoleLogin: 'Success' },
			additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: mfaUsed },
			eventType: 'AwsConsoleSignIn',
			recipientAccountId: accountId,
		},
		id,
	);
}

function iamCall(accountId: string, region: string, who: Identity, eventName: string, requestParameters: Record<string, unknown> | null, id: string): string {
	return envelope(
		accountId,
		region,
		'AWS API Call via CloudTrail',
		'aws.iam',
		{
			eventVersion: '1.08',
			userIdentity: who,
			eventTime: sampleTime,
			eventSource: 'iam.amazonaws.com',
			eventName,
			awsRegion: region,
			sourceIPAddress: '203.0.113.10',
			userAgent: 'aws-cli/2.15.0',
			requestParameters,
			responseElements: null,
			readOnly: eventName.startsWith('List') || eventName.startsWith('Get'),
			eventType: 'AwsApiCall',
			managementEvent: true,
			recipientAccountId: accountId,
		},
		id,
	);
}

const json = (value: unknown) => JSON.stringify(value);

/** The four alerts, their patterns and their proof samples, for one account. */
export function alertDefinitions(partition: string, accountId: string): AlertDefinition[] {
	const region = iamEventsRegion(partition);
	const { root, alice } = identities(partition, accountId);
	const sample = (name: string, event: string): SampleEvent => ({ name, event });
	const aliceKey = iamCall(accountId, region, alice, 'CreateAccessKey', { userName: 'alice' }, '5d2c1a7e-0004-4b1e-9c3a-000000000004');
	return [
		{
			findingId: 'ALERT_ROOT_USAGE_MISSING',
			ruleName: 'iam-wizard-root-activity',
			description: 'iam-wizard: root user activity (API calls and console sign-ins)',
			watches: 'root user activity',
			// CIS 4.3's filter: the root user, not on behalf of an AWS service, not a service event.
			eventPattern: json({
				'detail-type': ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'],
				detail: { userIdentity: { type: ['Root'], invokedBy: [{ exists: false }] }, eventType: [{ 'anything-but': 'AwsServiceEvent' }] },
			}),
			mustMatch: [
				sample('root ConsoleLogin', consoleLogin(accountId, region, root, 'Yes', '5d2c1a7e-0001-4b1e-9c3a-000000000001')),
				sample('root iam:ListUsers', iamCall(accountId, region, root, 'ListUsers', null, '5d2c1a7e-0002-4b1e-9c3a-000000000002')),
			],
			mustNotMatch: [sample('IAM user alice ConsoleLogin', consoleLogin(accountId, region, alice, 'Yes', '5d2c1a7e-0003-4b1e-9c3a-000000000003'))],
			cis: '4.3',
			metricFilter: { filterPattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }', control: 'CloudWatch.1' },
		},
		{
			findingId: 'ALERT_IAM_CHANGES_MISSING',
			ruleName: 'iam-wizard-iam-policy-changes',
			description: 'iam-wizard: IAM policy changes (the CIS 4.4 event names)',
			watches: 'IAM policy changes',
			eventPattern: json({
				source: ['aws.iam'],
				'detail-type': ['AWS API Call via CloudTrail'],
				detail: { eventSource: ['iam.amazonaws.com'], eventName: [...iamPolicyChangeEventNames] },
			}),
			mustMatch: [
				sample(
					'alice iam:PutUserPolicy',
					iamCall(accountId, region, alice, 'PutUserPolicy', { userName: 'alice', policyName: 'inline', policyDocument: '{}' }, '5d2c1a7e-0005-4b1e-9c3a-000000000005'),
				),
			],
			mustNotMatch: [sample('alice iam:ListUsers', iamCall(accountId, region, alice, 'ListUsers', null, '5d2c1a7e-0006-4b1e-9c3a-000000000006'))],
			cis: '4.4',
			metricFilter: { filterPattern: `{ ${iamPolicyChangeEventNames.map((name) => `($.eventName = ${name})`).join(' || ')} }`, control: 'CloudWatch.4' },
		},
		{
			findingId: 'ALERT_ROOT_KEY_CREATED_MISSING',
			ruleName: 'iam-wizard-root-access-key-created',
			description: 'iam-wizard: the root user created an access key',
			watches: 'root access key creation',
			eventPattern: json({
				source: ['aws.iam'],
				'detail-type': ['AWS API Call via CloudTrail'],
				detail: { eventSource: ['iam.amazonaws.com'], eventName: ['CreateAccessKey'], userIdentity: { type: ['Root'] } },
			}),
			mustMatch: [sample('root iam:CreateAccessKey', iamCall(accountId, region, root, 'CreateAccessKey', null, '5d2c1a7e-0007-4b1e-9c3a-000000000007'))],
			mustNotMatch: [sample('alice iam:CreateAccessKey', aliceKey)],
			cis: '4.3',
		},
		{
			findingId: 'ALERT_CONSOLE_NO_MFA_MISSING',
			ruleName: 'iam-wizard-console-sign-in-without-mfa',
			description: 'iam-wizard: successful console sign-in by an IAM user without MFA',
			watches: 'console sign-in without MFA',
			// CIS 4.2's filter: a successful ConsoleLogin of an IAM user where MFAUsed is not Yes.
			eventPattern: json({
				source: ['aws.signin'],
				'detail-type': ['AWS Console Sign In via CloudTrail'],
				detail: {
					eventName: ['ConsoleLogin'],
					userIdentity: { type: ['IAMUser'] },
					additionalEventData: { MFAUsed: [{ 'anything-but': 'Yes' }] },
					responseElements: { ConsoleLogin: ['Success'] },
				},
			}),
			mustMatch: [sample('alice ConsoleLogin without MFA', consoleLogin(accountId, region, alice, 'No', '5d2c1a7e-0008-4b1e-9c3a-000000000008'))],
			mustNotMatch: [sample('alice ConsoleLogin with MFA', consoleLogin(accountId, region, alice, 'Yes', '5d2c1a7e-0009-4b1e-9c3a-000000000009'))],
			cis: '4.2',
			metricFilter: {
				filterPattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
				control: 'CloudWatch.3',
			},
		},
	];
}
