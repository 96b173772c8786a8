/**
 * Step 6's four alerts: each proposed EventBridge pattern fires on the events its CIS
 * recommendation names and on its own proof samples, and stays quiet on the near misses;
 * the samples are CloudTrail records as EventBridge delivers them (what TestEventPattern gets);
 * and the rules, topic and region are where IAM's events arrive in each partition.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { testEventPattern } from '../../source/core/event-pattern.js';
import { alertDefinitions, alertTopicArnOf, alertTopicName, iamEventsRegion, iamPolicyChangeEventNames, type AlertDefinition } from '../../source/core/monitoring-alerts.js';

const accountId = '111122223333';
// Built inside each test, never at import: the mutation run only sees code a test runs.
let definitions: AlertDefinition[] = [];
let rootUsage: AlertDefinition;
let iamChanges: AlertDefinition;
let rootKey: AlertDefinition;
let noMfa: AlertDefinition;
beforeEach(() => {
	definitions = alertDefinitions('aws', accountId);
	const byId = (id: AlertDefinition['findingId']) => definitions.find((d) => d.findingId === id)!;
	rootUsage = byId('ALERT_ROOT_USAGE_MISSING');
	iamChanges = byId('ALERT_IAM_CHANGES_MISSING');
	rootKey = byId('ALERT_ROOT_KEY_CREATED_MISSING');
	noMfa = byId('ALERT_CONSOLE_NO_MFA_MISSING');
});

type Event = { detail: Record<string, unknown> } & Record<string, unknown>;
const parse = (event: string) => JSON.parse(event) as Event;
const fires = (definition: AlertDefinition, event: Event) => testEventPattern(definition.eventPattern, JSON.stringify(event));
/** A sample with its CloudTrail record changed. */
const withDetail = (event: string, detail: Record<string, unknown>): Event => {
	const parsed = parse(event);
	return { ...parsed, detail: { ...parsed.detail, ...detail } };
};

describe('where the alerts live', () => {
	it("delivers IAM's events in us-east-1, GovCloud's in us-gov-west-1 and China's in cn-north-1", () => {
		expect(iamEventsRegion('aws')).toBe('us-east-1');
		expect(iamEventsRegion('aws-us-gov')).toBe('us-gov-west-1');
		expect(iamEventsRegion('aws-cn')).toBe('cn-north-1');
	});

	it('names the alert topic in that region', () => {
		expect(alertTopicName).toBe('iam-wizard-alerts');
		expect(alertTopicArnOf('aws', accountId)).toBe('arn:aws:sns:us-east-1:111122223333:iam-wizard-alerts');
		expect(alertTopicArnOf('aws-us-gov', accountId)).toBe('arn:aws-us-gov:sns:us-gov-west-1:111122223333:iam-wizard-alerts');
	});
});

describe('the four alerts', () => {
	it('names each rule, what it watches, its CIS recommendation and its metric filter control', () => {
		expect(definitions.map((d) => [d.findingId, d.ruleName, d.watches, d.cis, d.metricFilter?.control, d.description])).toStrictEqual([
			['ALERT_ROOT_USAGE_MISSING', 'iam-wizard-root-activity', 'root user activity', '4.3', 'CloudWatch.1', 'iam-wizard: root user activity (API calls and console sign-ins)'],
			['ALERT_IAM_CHANGES_MISSING', 'iam-wizard-iam-policy-changes', 'IAM policy changes', '4.4', 'CloudWatch.4', 'iam-wizard: IAM policy changes (the CIS 4.4 event names)'],
			['ALERT_ROOT_KEY_CREATED_MISSING', 'iam-wizard-root-access-key-created', 'root access key creation', '4.3', undefined, 'iam-wizard: the root user created an access key'],
			[
				'ALERT_CONSOLE_NO_MFA_MISSING',
				'iam-wizard-console-sign-in-without-mfa',
				'console sign-in without MFA',
				'4.2',
				'CloudWatch.3',
				'iam-wizard: successful console sign-in by an IAM user without MFA',
			],
		]);
	});

	it("gives CIS's own metric filter patterns", () => {
		expect(rootUsage.metricFilter?.filterPattern).toBe('{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }');
		expect(noMfa.metricFilter?.filterPattern).toBe(
			'{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
		);
		expect(iamChanges.metricFilter?.filterPattern).toBe(
			'{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ' +
				'($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ' +
				'($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = SetDefaultPolicyVersion) || ' +
				'($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ' +
				'($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) }',
		);
	});

	it('names its proof samples for people', () => {
		expect(definitions.map((d) => [d.mustMatch.map((s) => s.name), d.mustNotMatch.map((s) => s.name)])).toStrictEqual([
			[['root ConsoleLogin', 'root iam:ListUsers'], ['IAM user alice ConsoleLogin']],
			[['alice iam:PutUserPolicy'], ['alice iam:ListUsers']],
			[['root iam:CreateAccessKey'], ['alice iam:CreateAccessKey']],
			[['alice ConsoleLogin without MFA'], ['alice ConsoleLogin with MFA']],
		]);
	});

	const ids: AlertDefinition['findingId'][] = ['ALERT_ROOT_USAGE_MISSING', 'ALERT_IAM_CHANGES_MISSING', 'ALERT_ROOT_KEY_CREATED_MISSING', 'ALERT_CONSOLE_NO_MFA_MISSING'];
	it.each(ids)('%s fires on every must-match sample and on no must-not-match sample', (id) => {
		const definition = definitions.find((d) => d.findingId === id)!;
		for (const sample of definition.mustMatch) expect(testEventPattern(definition.eventPattern, sample.event), sample.name).toBe(true);
		for (const sample of definition.mustNotMatch) expect(testEventPattern(definition.eventPattern, sample.event), sample.name).toBe(false);
	});
});

describe('root user activity (CIS 4.3)', () => {
	it('fires on root API calls and sign-ins, not on those AWS makes on its behalf or service events', () => {
		const [login, listUsers] = rootUsage.mustMatch.map((s) => s.event) as [string, string];
		expect(fires(rootUsage, withDetail(listUsers, { eventName: 'DeleteTrail' }))).toBe(true);
		expect(fires(rootUsage, withDetail(listUsers, { userIdentity: { ...parse(listUsers).detail.userIdentity as object, invokedBy: 'config.amazonaws.com' } }))).toBe(false);
		expect(fires(rootUsage, withDetail(listUsers, { eventType: 'AwsServiceEvent' }))).toBe(false);
		expect(fires(rootUsage, withDetail(login, { userIdentity: { type: 'AssumedRole' } }))).toBe(false);
		expect(fires(rootUsage, { ...parse(listUsers), 'detail-type': 'AWS Service Event via CloudTrail' })).toBe(false);
	});
});

describe('IAM policy changes (CIS 4.4)', () => {
	const put = () => iamChanges.mustMatch[0]!.event;
	it('watches exactly the CIS 4.4 event names', () => {
		expect([...iamPolicyChangeEventNames]).toStrictEqual([
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
		]);
	});

	it.each([...iamPolicyChangeEventNames])('fires on %s', (eventName) => {
		expect(fires(iamChanges, withDetail(put(), { eventName }))).toBe(true);
	});

	it('stays quiet on other IAM calls and on the same name from another service', () => {
		expect(fires(iamChanges, withDetail(put(), { eventName: 'CreateUser' }))).toBe(false);
		expect(fires(iamChanges, { ...withDetail(put(), { eventSource: 'organizations.amazonaws.com' }), source: 'aws.organizations' })).toBe(false);
		expect(fires(iamChanges, withDetail(put(), { eventSource: 'sso.amazonaws.com' }))).toBe(false);
	});
});

describe('root access key creation and console sign-in without MFA', () => {
	it('fires on the root user creating an access key, not on another root call', () => {
		expect(fires(rootKey, withDetail(rootKey.mustMatch[0]!.event, { eventName: 'DeleteAccessKey' }))).toBe(false);
	});

	it('fires on a successful IAM-user sign-in without MFA only', () => {
		const login = noMfa.mustMatch[0]!.event;
		expect(fires(noMfa, withDetail(login, { responseElements: { ConsoleLogin: 'Failure' } }))).toBe(false);
		expect(fires(noMfa, withDetail(login, { userIdentity: { type: 'Root' } }))).toBe(false);
		expect(fires(noMfa, withDetail(login, { eventName: 'CheckMfa' }))).toBe(false);
		expect(fires(noMfa, { ...parse(login), source: 'aws.iam' })).toBe(false);
	});
});

describe('the proof samples are CloudTrail records as EventBridge delivers them', () => {
	it('each has its own event ID, the account, us-east-1 and the sample time', () => {
		const all = definitions.flatMap((d) => [...d.mustMatch, ...d.mustNotMatch]).map((s) => parse(s.event));
		const ids = all.map((e) => e.id as string);
		expect(new Set(ids).size).toBe(all.length);
		for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		for (const event of all) expect([event.account, event.region, event.time, event.version]).toStrictEqual([accountId, 'us-east-1', '2026-01-15T09:30:00Z', '0']);
	});

	it('a console sign-in: the root user with MFA', () => {
		expect(parse(rootUsage.mustMatch[0]!.event)).toStrictEqual({
			version: '0',
			id: '5d2c1a7e-0001-4b1e-9c3a-000000000001',
			'detail-type': 'AWS Console Sign In via CloudTrail',
			source: 'aws.signin',
			account: accountId,
			time: '2026-01-15T09:30:00Z',
			region: 'us-east-1',
			resources: [],
			detail: {
				eventVersion: '1.08',
				userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root', principalId: accountId, accountId },
				eventTime: '2026-01-15T09:30:00Z',
				eventSource: 'signin.amazonaws.com',
				eventName: 'ConsoleLogin',
				awsRegion: 'us-east-1',
				sourceIPAddress: '203.0.113.10',
				userAgent: 'Mozilla/5.0',
				requestParameters: null,
				responseElements: { ConsoleLogin: 'Success' },
				additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: 'Yes' },
				eventType: 'AwsConsoleSignIn',
				recipientAccountId: accountId,
			},
		});
	});

	it('an API call: alice putting an inline policy (a write)', () => {
		expect(parse(iamChanges.mustMatch[0]!.event)).toStrictEqual({
			version: '0',
			id: '5d2c1a7e-0005-4b1e-9c3a-000000000005',
			'detail-type': 'AWS API Call via CloudTrail',
			source: 'aws.iam',
			account: accountId,
			time: '2026-01-15T09:30:00Z',
			region: 'us-east-1',
			resources: [],
			detail: {
				eventVersion: '1.08',
				userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', principalId: 'AIDAEXAMPLEALICE0001', accountId, userName: 'alice' },
				eventTime: '2026-01-15T09:30:00Z',
				eventSource: 'iam.amazonaws.com',
				eventName: 'PutUserPolicy',
				awsRegion: 'us-east-1',
				sourceIPAddress: '203.0.113.10',
				userAgent: 'aws-cli/2.15.0',
				requestParameters: { userName: 'alice', policyName: 'inline', policyDocument: '{}' },
				responseElements: null,
				readOnly: false,
				eventType: 'AwsApiCall',
				managementEvent: true,
				recipientAccountId: accountId,
			},
		});
	});

	it('each near miss is the matching sign-in with only the deciding field changed', () => {
		const without = (event: string, ...keys: string[]) => {
			const { id: _id, detail } = parse(event);
			return Object.fromEntries(Object.entries(detail).filter(([key]) => !keys.includes(key)));
		};
		// Root activity: the same sign-in (with MFA) by alice instead of the root user.
		expect(without(rootUsage.mustNotMatch[0]!.event, 'userIdentity')).toStrictEqual(without(rootUsage.mustMatch[0]!.event, 'userIdentity'));
		// No MFA: alice's same sign-in, with MFA.
		const withMfa = parse(noMfa.mustNotMatch[0]!.event).detail;
		expect(without(noMfa.mustMatch[0]!.event, 'additionalEventData')).toStrictEqual(without(noMfa.mustNotMatch[0]!.event, 'additionalEventData'));
		expect(withMfa.additionalEventData).toStrictEqual({ LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: 'Yes' });
	});

	it('marks List and Get calls read-only, other calls not', () => {
		const readOnly = (event: string) => parse(event).detail.readOnly;
		expect(readOnly(rootUsage.mustMatch[1]!.event)).toBe(true);
		expect(readOnly(iamChanges.mustNotMatch[0]!.event)).toBe(true);
		expect(readOnly(rootKey.mustMatch[0]!.event)).toBe(false);
		expect(readOnly(rootKey.mustNotMatch[0]!.event)).toBe(false);
	});

	it('sign-ins say whether MFA was used; the key samples name who created the key', () => {
		const detail = (event: string) => parse(event).detail;
		expect((detail(noMfa.mustMatch[0]!.event).additionalEventData as { MFAUsed: string }).MFAUsed).toBe('No');
		expect((detail(noMfa.mustNotMatch[0]!.event).additionalEventData as { MFAUsed: string }).MFAUsed).toBe('Yes');
		expect(detail(rootKey.mustNotMatch[0]!.event)).toMatchObject({ eventName: 'CreateAccessKey', requestParameters: { userName: 'alice' }, userIdentity: { userName: 'alice' } });
		expect(detail(rootKey.mustMatch[0]!.event)).toMatchObject({ eventName: 'CreateAccessKey', requestParameters: null, userIdentity: { type: 'Root' } });
	});

	it('in another partition, samples carry its ARNs and region and still prove the patterns', () => {
		const china = alertDefinitions('aws-cn', accountId);
		const login = parse(china[0]!.mustMatch[0]!.event);
		expect([login.region, (login.detail as { awsRegion: string }).awsRegion]).toStrictEqual(['cn-north-1', 'cn-north-1']);
		expect((login.detail.userIdentity as { arn: string }).arn).toBe('arn:aws-cn:iam::111122223333:root');
		for (const d of china) {
			for (const s of d.mustMatch) expect(testEventPattern(d.eventPattern, s.event)).toBe(true);
			for (const s of d.mustNotMatch) expect(testEventPattern(d.eventPattern, s.event)).toBe(false);
		}
	});
});
