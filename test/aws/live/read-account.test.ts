import { ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import {
	GenerateCredentialReportCommand,
	GetAccountAuthorizationDetailsCommand,
	GetCredentialReportCommand,
	ListAccessKeysCommand,
	ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import {
	DescribeOrganizationCommand,
	DescribePolicyCommand,
	ListPoliciesCommand,
	ListRootsCommand,
	ListTargetsForPolicyCommand,
} from '@aws-sdk/client-organizations';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	accountId,
	awsError,
	fakeAccessKeyId,
	fakeCredentialsInEnv,
	fixtureAuthorizationDetails,
	fixtureCredentialReportCsv,
	liveGateway,
	mocks,
	reportContent,
	reportRow,
	resetToQuietAccount,
	sentCommandNames,
	user,
} from './live-test-kit.js';

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
});

describe('readAccount: authorization details', () => {
	it('asks for every entity type in pages of 1000 and follows the Marker across three pages', async () => {
		mocks.iam
			.on(GetAccountAuthorizationDetailsCommand)
			.resolves({ UserDetailList: [user('alice')], IsTruncated: true, Marker: 'm1' })
			.on(GetAccountAuthorizationDetailsCommand, { Marker: 'm1' })
			.resolves({ UserDetailList: [user('bob')], IsTruncated: true, Marker: 'm2' })
			.on(GetAccountAuthorizationDetailsCommand, { Marker: 'm2' })
			.resolves({ UserDetailList: [user('carol')], IsTruncated: false });
		const progress: string[] = [];

		const gateway = await liveGateway();
		const model = await gateway.readAccount({ onProgress: (m) => progress.push(m) });

		const inputs = mocks.iam.commandCalls(GetAccountAuthorizationDetailsCommand).map((call) => call.args[0].input);
		expect(inputs).toEqual([
			{ Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'], MaxItems: 1000 },
			{ Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'], MaxItems: 1000, Marker: 'm1' },
			{ Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'], MaxItems: 1000, Marker: 'm2' },
		]);
		expect(model.users.map((u) => u.name)).toEqual(['alice', 'bob', 'carol']);
		expect(progress).toContain('Reading IAM authorization details (page 3)');
		expect(gateway.callCounts()['iam:GetAccountAuthorizationDetails']).toBe(3);
	});

	it('decodes URL-encoded documents and Date objects as the SDK returns them', async () => {
		mocks.iam.on(GetAccountAuthorizationDetailsCommand).resolves(fixtureAuthorizationDetails());

		const model = await (await liveGateway()).readAccount();

		const bot = model.users.find((u) => u.name === 'report-bot');
		expect(bot?.inlinePolicies[0]).toEqual({
			name: 'inline-sqs',
			document: {
				Version: '2012-10-17',
				Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-1:123456789012:reports'] }],
			},
		});
		expect(bot?.createDate).toBe('2026-11-27T19:29:08.841Z');
		const etl = model.roles.find((r) => r.name === 'etl-runner');
		expect(etl?.trustPolicy.Statement.length).toBeGreaterThan(0);
		expect(model.groups.map((g) => g.name)).toEqual(['operators']);
		expect(model.policies.length).toBe(3);
	});

	it('never makes a per-principal policy call', async () => {
		mocks.iam.on(GetAccountAuthorizationDetailsCommand).resolves(fixtureAuthorizationDetails());
		mocks.iam.on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode(fixtureCredentialReportCsv()), GeneratedTime: new Date('2026-11-27T20:00:00Z') });

		await (await liveGateway()).readAccount();

		const perPrincipal = /^(ListUsers|ListRoles|ListGroups|List(User|Role|Group)Policies|Get(User|Role|Group)Policy|ListAttached(User|Role|Group)Policies|ListGroupsForUser|ListMFADevices|GetLoginProfile|GetUser|GetRole|GetGroup|GetPolicyVersion|ListPolicies)Command$/;
		const iamCalls = mocks.iam.calls().map((call) => (call.args[0] as object).constructor.name);
		expect(iamCalls.filter((name) => perPrincipal.test(name))).toEqual([]);
		expect(iamCalls).toContain('GetAccountAuthorizationDetailsCommand');
	});
});

describe('readAccount: credential report and access keys', () => {
	it('polls GenerateCredentialReport until COMPLETE, then parses the report with its generation time', async () => {
		mocks.iam.on(GenerateCredentialReportCommand).resolvesOnce({ State: 'STARTED' }).resolvesOnce({ State: 'INPROGRESS' }).resolves({ State: 'COMPLETE' });
		mocks.iam.on(GetCredentialReportCommand).resolves({ Content: reportContent([reportRow('alice')]), GeneratedTime: new Date('2026-11-27T21:30:00Z') });

		const model = await (await liveGateway()).readAccount();

		expect(mocks.iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(3);
		expect(mocks.iam.commandCalls(GetCredentialReportCommand)).toHaveLength(1);
		expect(model.credentialReport?.generatedAt).toBe('2026-11-27T21:30:00.000Z');
		expect(model.credentialReport?.rows.map((row) => row.user)).toEqual(['<root_account>', 'alice']);
	});

	it('gives up on a report that never completes with a Timeout that names the report, and reads everything else', async () => {
		mocks.iam.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED' });
		mocks.iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [user('alice')], IsTruncated: false });

		const model = await (await liveGateway({ credentialReportTimeoutMs: 30 })).readAccount();

		expect(mocks.iam.commandCalls(GetCredentialReportCommand)).toHaveLength(0);
		expect(model.credentialReport).toBeUndefined();
		expect(model.users.map((u) => u.name)).toEqual(['alice']);
		const entry = model.notEvaluated.find((n) => n.area === 'credential-report');
		expect(entry?.reason).toBe('The IAM credential report was still STARTED after 30 ms: try again in a minute (IAM keeps a generated report for four hours).');
		expect(entry?.findingIds).toEqual(expect.arrayContaining(['ROOT_NO_MFA', 'KEY_NOT_ROTATED', 'CREDENTIAL_UNUSED', 'CONSOLE_USER_NO_MFA']));
	});

	it('lists access keys only for users whose report row shows a key, and ties each key to its report slot', async () => {
		mocks.iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [user('alice'), user('bob'), user('carol')], IsTruncated: false });
		mocks.iam.on(GetCredentialReportCommand).resolves({
			Content: reportContent([
				reportRow('alice', [null, [true, '2026-03-01T10:00:00+00:00', '2026-11-20T10:00:00+00:00']], true),
				reportRow('bob'),
				// An inactive key still fills its slot: carol has a key to list.
				reportRow('carol', [[false, '2025-06-01T08:00:00+00:00']]),
			]),
			GeneratedTime: new Date('2026-11-27T20:00:00Z'),
		});
		mocks.iam.on(ListAccessKeysCommand, { UserName: 'alice' }).resolves({
			AccessKeyMetadata: [{ UserName: 'alice', AccessKeyId: 'AKIAALICE2', Status: 'Active', CreateDate: new Date('2026-03-01T10:00:00.412Z') }],
		});
		mocks.iam.on(ListAccessKeysCommand, { UserName: 'carol' }).resolves({
			AccessKeyMetadata: [{ UserName: 'carol', AccessKeyId: 'AKIACAROL1', Status: 'Inactive', CreateDate: new Date('2025-06-01T08:00:00Z') }],
		});

		const model = await (await liveGateway()).readAccount();

		expect(mocks.iam.commandCalls(ListAccessKeysCommand).map((call) => call.args[0].input.UserName).sort()).toEqual(['alice', 'carol']);
		const alice = model.users.find((u) => u.name === 'alice');
		expect(alice?.accessKeys).toEqual([
			{
				id: 'AKIAALICE2',
				userName: 'alice',
				status: 'Active',
				createDate: '2026-03-01T10:00:00.412Z',
				slot: 2,
				lastUsed: { date: '2026-11-20T10:00:00.000Z', service: 's3', region: 'eu-west-1' },
			},
		]);
		expect(alice?.loginProfile).toEqual({ createDate: '2025-01-01T00:00:00.000Z', passwordResetRequired: false });
		expect(model.users.find((u) => u.name === 'bob')?.loginProfile).toBeNull();
		expect(model.users.find((u) => u.name === 'carol')?.accessKeys[0]).toMatchObject({ id: 'AKIACAROL1', status: 'Inactive', slot: 1 });
	});
});

describe('readAccount: identity and account-level parts', () => {
	it('names the caller with its long-lived access key and fills the account-level parts', async () => {
		mocks.iam.on(ListVirtualMFADevicesCommand).resolves({
			VirtualMFADevices: [{ SerialNumber: `arn:aws:iam::${accountId}:mfa/root`, User: { Arn: `arn:aws:iam::${accountId}:root` } as never, EnableDate: new Date('2024-01-01T00:00:00Z') }],
			IsTruncated: false,
		});
		mocks.accessAnalyzer.on(ListAnalyzersCommand).resolves({
			analyzers: [
				{ arn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/ext', name: 'ext', type: 'ACCOUNT', status: 'ACTIVE', createdAt: new Date('2025-01-01T00:00:00Z') },
				{
					arn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/unused',
					name: 'unused',
					type: 'ACCOUNT_UNUSED_ACCESS',
					status: 'ACTIVE',
					createdAt: new Date('2025-01-01T00:00:00Z'),
					configuration: { unusedAccess: { unusedAccessAge: 90 } },
				},
			],
		});
		mocks.events.on(ListRulesCommand).resolves({ Rules: [{ Name: 'root-use', Arn: 'arn:aws:events:us-east-1:123456789012:rule/root-use', State: 'ENABLED', EventPattern: '{"detail-type":["AWS Console Sign In via CloudTrail"]}' }] });
		mocks.events.on(ListTargetsByRuleCommand, { Rule: 'root-use' }).resolves({ Targets: [{ Id: 'sns', Arn: 'arn:aws:sns:us-east-1:123456789012:alerts' }] });

		const model = await (await liveGateway()).readAccount();

		expect(model.caller).toEqual({ account: accountId, arn: `arn:aws:iam::${accountId}:user/admin`, userId: 'AIDAADMIN', accessKeyId: fakeAccessKeyId });
		expect(model.readAt).toBe('2026-11-28T00:00:00.000Z');
		expect(model.passwordPolicy).toBeNull();
		expect(model.organization).toBeNull();
		expect(model.virtualMfaDevices).toEqual([{ serialNumber: `arn:aws:iam::${accountId}:mfa/root`, userArn: `arn:aws:iam::${accountId}:root`, enableDate: '2024-01-01T00:00:00.000Z' }]);
		expect(model.analyzers?.map((a) => [a.type, a.unusedAccessAge])).toEqual([
			['ACCOUNT', undefined],
			['ACCOUNT_UNUSED_ACCESS', 90],
		]);
		expect(model.eventRules?.[0].targets).toEqual([{ id: 'sns', arn: 'arn:aws:sns:us-east-1:123456789012:alerts' }]);
		expect(model.config).toEqual({ recorders: [], deliveryChannels: [], rules: [], defaultBucket: { name: `iam-wizard-config-${accountId}-us-east-1`, status: 'absent' } });
		expect(model.notEvaluated).toEqual([]);
	});

	it('reads SCPs with their content and targets in the management account', async () => {
		mocks.organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-abc', Arn: 'arn:aws:organizations::123456789012:organization/o-abc', FeatureSet: 'ALL', MasterAccountId: accountId } });
		mocks.organizations.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-1', Arn: 'arn:root', Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }] });
		mocks.organizations.on(ListPoliciesCommand).resolves({ Policies: [{ Id: 'p-mfa', Arn: 'arn:p-mfa', Name: 'require-mfa', AwsManaged: false }] });
		mocks.organizations.on(DescribePolicyCommand, { PolicyId: 'p-mfa' }).resolves({
			Policy: { Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }] }) },
		});
		mocks.organizations.on(ListTargetsForPolicyCommand, { PolicyId: 'p-mfa' }).resolves({ Targets: [{ TargetId: 'r-1', Type: 'ROOT', Name: 'Root' }] });

		const model = await (await liveGateway()).readAccount();

		expect(mocks.organizations.commandCalls(ListPoliciesCommand)[0].args[0].input).toEqual({ Filter: 'SERVICE_CONTROL_POLICY' });
		expect(model.organization?.callerIsManagementAccount).toBe(true);
		expect(model.organization?.roots[0].policyTypes).toEqual([{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }]);
		expect(model.organization?.scps?.[0]).toMatchObject({ id: 'p-mfa', name: 'require-mfa', targets: [{ targetId: 'r-1', type: 'ROOT', name: 'Root' }] });
		expect(model.organization?.scps?.[0].document.Statement[0].Condition).toEqual({ BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } });
	});
});

describe('readAccount: partial read permissions', () => {
	it('returns everything else when Organizations is denied, and says MFA enforcement was not evaluated', async () => {
		mocks.iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [user('alice')], IsTruncated: false });
		mocks.organizations.on(DescribeOrganizationCommand).rejects(awsError('AccessDeniedException', 'You don’t have permissions to access this resource.'));

		const model = await (await liveGateway()).readAccount();

		expect(model.users.map((u) => u.name)).toEqual(['alice']);
		expect(model.organization).toBeUndefined();
		expect(model.analyzers).toEqual([]);
		expect(model.notEvaluated).toEqual([
			{
				area: 'organizations',
				reason: 'Access denied to organizations:DescribeOrganization: grant organizations:DescribeOrganization to the caller (policies/scan-only.json grants every read a scan makes).',
				findingIds: ['MFA_NOT_ENFORCED'],
			},
		]);
	});

	it('keeps the organization but not its SCPs in a member account that may not list them', async () => {
		mocks.organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-abc', Arn: 'arn:org', FeatureSet: 'ALL', MasterAccountId: '999999999999' } });
		mocks.organizations.on(ListRootsCommand).rejects(awsError('AccessDeniedException', 'You don’t have permissions to access this resource.'));
		mocks.organizations.on(ListPoliciesCommand).rejects(awsError('AccessDeniedException', 'You don’t have permissions to access this resource.'));

		const model = await (await liveGateway()).readAccount();

		expect(model.organization).toMatchObject({ id: 'o-abc', callerIsManagementAccount: false, managementAccountId: '999999999999' });
		expect(model.organization?.scps).toBeUndefined();
		expect(model.notEvaluated).toHaveLength(1);
		expect(model.notEvaluated[0].area).toBe('organizations');
		expect(model.notEvaluated[0].reason).toMatch(/^Service control policies could not be read: only the management account or a delegated administrator can list them \(access denied to organizations:List(Roots|Policies)\)\.$/);
	});

	it('names Config, Access Analyzer and EventBridge with their findings when their endpoints fail', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 4566, $metadata: { attempts: 3 } });
		mocks.config.reset();
		mocks.config.rejects(refused);
		mocks.accessAnalyzer.on(ListAnalyzersCommand).rejects(awsError('UnrecognizedClientException', 'The security token included in the request is invalid.'));
		mocks.events.on(ListRulesCommand).rejects(Object.assign(new SyntaxError('Unexpected token \'<\', "<html><bod"... is not valid JSON'), { $response: {} }));

		const model = await (await liveGateway()).readAccount();

		const byArea = Object.fromEntries(model.notEvaluated.map((n) => [n.area, n]));
		expect(byArea.config).toEqual({
			area: 'config',
			reason: 'Could not reach 127.0.0.1:4566 for config:DescribeConfigurationRecorders (ECONNREFUSED): check the network, the region and AWS_ENDPOINT_URL.',
			findingIds: ['CONFIG_RECORDER_OFF', 'CONFIG_RULE_MISSING'],
		});
		expect(byArea['access-analyzer'].findingIds).toEqual(['ANALYZER_MISSING', 'EXTERNAL_ACCESS', 'UNUSED_ACCESS']);
		expect(byArea.events.reason).toBe('The endpoint answered with something that is not an AWS response (an HTML page?): check AWS_ENDPOINT_URL or a proxy.');
		expect(byArea.events.findingIds).toEqual(['ALERT_ROOT_USAGE_MISSING', 'ALERT_IAM_CHANGES_MISSING', 'ALERT_CONSOLE_NO_MFA_MISSING', 'ALERT_NO_TARGET', 'ALERT_ROOT_KEY_CREATED_MISSING']);
		expect(model.config).toBeUndefined();
		expect(model.credentialReport).toBeDefined();
	});

	it('fails the whole scan when the authorization details are denied', async () => {
		mocks.iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('AccessDenied', 'User: arn:aws:iam::123456789012:user/admin is not authorized to perform: iam:GetAccountAuthorizationDetails'));

		await expect((await liveGateway()).readAccount()).rejects.toMatchObject({
			name: 'GatewayError',
			code: 'AccessDenied',
			message: 'Access denied to iam:GetAccountAuthorizationDetails: grant iam:GetAccountAuthorizationDetails to the caller (policies/scan-only.json grants every read a scan makes).',
			operation: 'iam:GetAccountAuthorizationDetails',
			requestId: 'req-1',
		});
	});

	it('writes one debug line per call, naming the operation and never a parameter or secret', async () => {
		mocks.iam.on(GetAccountAuthorizationDetailsCommand).resolves({ ...fixtureAuthorizationDetails(), $metadata: { requestId: 'gaad-req', attempts: 2 } });
		const lines: string[] = [];

		await (await liveGateway({ debug: (line) => lines.push(line) })).readAccount();

		expect(lines.find((line) => line.startsWith('iam:GetAccountAuthorizationDetails'))).toMatch(/^iam:GetAccountAuthorizationDetails ok in \d+ ms \(2 attempts\) request gaad-req$/);
		expect(lines.find((line) => line.startsWith('iam:GetAccountPasswordPolicy'))).toMatch(/^iam:GetAccountPasswordPolicy failed in \d+ ms: NoSuchEntity request req-1$/);
		expect(lines).toHaveLength(sentCommandNames().length);
		const all = lines.join('\n');
		expect(all).not.toContain('fake-secret-for-tests');
		expect(all).not.toContain('sqs:SendMessage');
		expect(all).not.toContain('MaxItems');
	});

	it('makes about twenty-five account-level calls for a quiet account', async () => {
		await (await liveGateway()).readAccount();

		expect(sentCommandNames().sort()).toEqual(
			[
				'DescribeConfigRulesCommand',
				'DescribeConfigurationRecorderStatusCommand',
				'DescribeConfigurationRecordersCommand',
				'DescribeDeliveryChannelsCommand',
				'DescribeHubCommand',
				'DescribeOrganizationCommand',
				'DescribeTrailsCommand',
				'GenerateCredentialReportCommand',
				'GetAccountAuthorizationDetailsCommand',
				'GetAccountPasswordPolicyCommand',
				'GetAccountSummaryCommand',
				'GetCallerIdentityCommand',
				'GetCredentialReportCommand',
				'HeadBucketCommand',
				'ListAccountAliasesCommand',
				'ListAnalyzersCommand',
				'ListOpenIDConnectProvidersCommand',
				'ListRulesCommand',
				'ListVirtualMFADevicesCommand',
				// The workloads that run with a role, one call each when there are none (a project list would add BatchGetProjects).
				'ListFunctionsCommand',
				'DescribeInstancesCommand',
				'DescribeStacksCommand',
				'ListProjectsCommand',
			].sort(),
		);
	});
});
