import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../../source/aws/snapshot/load-snapshot.js';
import type { Action } from '../../../source/core/actions.js';
import { localFixture, awsFixture } from '../../fixtures-path.js';
import { folderWith, gatewayErrorOf, now, tempFolder } from './snapshot-test-helpers.js';

const sharedDetails = awsFixture('authorization-details.json');
const sharedReport = awsFixture('credential-report.csv');
const localFolder = localFixture('snapshot-cli');

const areas = (notEvaluated: { area: string }[]) => notEvaluated.map((entry) => entry.area);

describe('loadSnapshot of a file', () => {
	it('is a read-only gateway named after the path, with no region', async () => {
		const gateway = await loadSnapshot(sharedDetails, { now });
		expect(gateway.mode).toBe('snapshot');
		expect(gateway.description).toBe(`snapshot ${sharedDetails}`);
		expect(gateway.region).toBe('');
	});

	it('takes the account from the ARNs and names the caller as the snapshot', async () => {
		const gateway = await loadSnapshot(sharedDetails, { now });
		const caller = { account: '123456789012', arn: 'arn:aws:iam::123456789012:snapshot', userId: 'snapshot' };
		expect(await gateway.callerIdentity()).toEqual(caller);
		const model = await gateway.readAccount();
		expect(model).toMatchObject({ accountId: '123456789012', partition: 'aws', region: '', caller, readAt: '2026-12-01T12:00:00.000Z' });
	});

	it('holds the IAM of the authorization details', async () => {
		const model = await (await loadSnapshot(sharedDetails, { now })).readAccount();
		expect(model.users.map((user) => [user.name, user.groups])).toEqual([
			['carol', ['operators']],
			['report-bot', []],
		]);
		expect(model.users[0].loginProfile).toBeUndefined();
		expect(model.groups.map((group) => group.name)).toEqual(['operators']);
		expect(model.roles.map((role) => role.name)).toEqual(['etl-runner', 'partner-audit', 'web-host']);
		expect(model.policies.map((policy) => policy.name)).toEqual(['team-boundary', 'ops-wide', 'billing-export']);
	});

	it('leaves what a snapshot cannot show undefined, and says why with the findings it would have given', async () => {
		const model = await (await loadSnapshot(sharedDetails, { now })).readAccount();
		for (const field of ['credentialReport', 'passwordPolicy', 'virtualMfaDevices', 'organization', 'analyzers', 'config', 'eventRules', 'trails', 'securityHub', 'accountSummary'] as const) {
			expect(model[field], field).toBeUndefined();
		}
		expect(areas(model.notEvaluated)).toEqual([
			'credential-report',
			'managed-policy-documents',
			'password-policy',
			'virtual-mfa-devices',
			'access-analyzer',
			'organizations',
			'config',
			'eventbridge',
			'cloudtrail',
			'security-hub',
		]);
		const byArea = new Map(model.notEvaluated.map((entry) => [entry.area, entry]));
		expect(byArea.get('credential-report')?.findingIds).toEqual([
			'ROOT_ACCESS_KEY',
			'ROOT_NO_MFA',
			'ROOT_RECENTLY_USED',
			'CONSOLE_USER_NO_MFA',
			'KEY_CREATED_AT_SETUP',
			'CREDENTIAL_UNUSED',
			'MULTIPLE_ACTIVE_KEYS',
			'KEY_NOT_ROTATED',
		]);
		expect(byArea.get('credential-report')?.reason).toBe(
			'The snapshot has no credential report, so root credentials, passwords, MFA and access-key ages are not checked: save the decoded output of aws iam get-credential-report as a .csv file beside the JSON.',
		);
		expect(byArea.get('password-policy')?.findingIds).toEqual(['PASSWORD_POLICY_WEAK']);
		expect(byArea.get('virtual-mfa-devices')?.findingIds).toEqual(['ROOT_NO_HARDWARE_MFA']);
		expect(byArea.get('access-analyzer')?.findingIds).toEqual(['ANALYZER_MISSING', 'EXTERNAL_ACCESS', 'UNUSED_ACCESS', 'POLICY_VALIDATION']);
		expect(byArea.get('organizations')?.findingIds).toEqual(['MFA_NOT_ENFORCED']);
		expect(byArea.get('config')?.findingIds).toEqual(['CONFIG_RECORDER_OFF', 'CONFIG_RULE_MISSING']);
		expect(byArea.get('eventbridge')?.findingIds).toEqual([
			'ALERT_ROOT_USAGE_MISSING',
			'ALERT_IAM_CHANGES_MISSING',
			'ALERT_CONSOLE_NO_MFA_MISSING',
			'ALERT_NO_TARGET',
			'ALERT_ROOT_KEY_CREATED_MISSING',
		]);
	});

	it('names the attached AWS-managed policy whose document a filtered snapshot lacks', async () => {
		const model = await (await loadSnapshot(sharedDetails, { now })).readAccount();
		const entry = model.notEvaluated.find((e) => e.area === 'managed-policy-documents');
		expect(entry?.reason).toBe(
			'The snapshot lacks the document of 1 attached managed policy (arn:aws:iam::aws:policy/SecurityAudit), so what it allows is not checked: save get-account-authorization-details without --filter to include them.',
		);
		expect(entry?.findingIds).not.toContain('BOUNDARY_WEAK');
	});

	it('counts ages from --as-of when given', async () => {
		const asOf = new Date('2026-11-28T00:00:00Z');
		const model = await (await loadSnapshot(sharedDetails, { asOf, now })).readAccount();
		expect(model.readAt).toBe('2026-11-28T00:00:00.000Z');
	});

	it('returns a copy on every read', async () => {
		const gateway = await loadSnapshot(sharedDetails, { now });
		const first = await gateway.readAccount();
		first.users.pop();
		first.roles[0].trustPolicy.Statement = [];
		const second = await gateway.readAccount();
		expect(second.users).toHaveLength(2);
		expect(second.roles[0].trustPolicy.Statement).toHaveLength(1);
		expect(second).not.toBe(first);
		second.policies[0]!.versions[0]!.document.Statement.length = 0;
		second.caller.arn = 'changed';
		const third = await gateway.readAccount();
		expect(third.policies[0]!.versions[0]!.document.Statement.length).toBeGreaterThan(0);
		expect(third.caller.arn).not.toBe('changed');
		expect((await gateway.callerIdentity()).arn).not.toBe('changed');
		expect(third).toEqual(await gateway.readAccount());
	});

	it('reports progress when asked', async () => {
		const gateway = await loadSnapshot(sharedDetails, { now });
		const lines: string[] = [];
		await gateway.readAccount({ onProgress: (line) => lines.push(line) });
		expect(lines).toEqual([`Reading the snapshot ${sharedDetails}`]);
	});
});

describe('loadSnapshot of a folder with a credential report', () => {
	function sharedFolder(): string {
		const folder = folderWith([
			[sharedDetails, 'authorization-details.json'],
			[sharedReport, 'report.csv'],
		]);
		utimesSync(join(folder, 'report.csv'), new Date('2026-11-28T06:00:00Z'), new Date('2026-11-28T06:00:00Z'));
		return folder;
	}

	it('reads the report, dated by the file, and no longer lists it as not evaluated', async () => {
		const model = await (await loadSnapshot(sharedFolder(), { now })).readAccount();
		expect(model.credentialReport?.generatedAt).toBe('2026-11-28T06:00:00.000Z');
		expect(model.credentialReport?.rows.map((row) => row.user)).toEqual(['<root_account>', 'carol', 'report-bot']);
		expect(areas(model.notEvaluated)).not.toContain('credential-report');
	});

	it('dates the report and the model by --as-of when given', async () => {
		const asOf = new Date('2026-11-29T00:00:00Z');
		const model = await (await loadSnapshot(sharedFolder(), { asOf, now })).readAccount();
		expect(model.credentialReport?.generatedAt).toBe('2026-11-29T00:00:00.000Z');
		expect(model.readAt).toBe('2026-11-29T00:00:00.000Z');
	});

	it('sets console passwords from the report and leaves keys and MFA devices to it', async () => {
		const model = await (await loadSnapshot(sharedFolder(), { now })).readAccount();
		const [carol, bot] = model.users;
		expect(carol.loginProfile).toEqual({ createDate: '2026-11-27T19:29:08.000Z', passwordResetRequired: false });
		expect(carol.passwordLastUsed).toBeUndefined();
		expect(bot.loginProfile).toBeNull();
		expect(bot.accessKeys).toEqual([]);
		expect(bot.mfaDevices).toEqual([]);
	});
});

describe('loadSnapshot of a hand-written folder in CLI form', () => {
	it('finds the details and the report among other files, and reads every field', async () => {
		const model = await (await loadSnapshot(localFolder, { now })).readAccount();
		expect(model.accountId).toBe('210987654321');
		const [alice, bot] = model.users;
		expect(alice).toMatchObject({
			permissionsBoundary: 'arn:aws:iam::210987654321:policy/dev-boundary',
			tags: [{ Key: 'team', Value: 'platform' }],
			loginProfile: { createDate: '2024-03-02T09:00:00.000Z', passwordResetRequired: false },
			passwordLastUsed: '2026-09-15T07:45:00.000Z',
		});
		expect(bot.createDate).toBe('2024-05-10T16:30:00.000Z');
		expect(bot.inlinePolicies[0].document.Statement).toEqual([
			{ Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:InitiateLayerUpload'], Resource: ['arn:aws:ecr:eu-west-1:210987654321:repository/app'] },
		]);
		expect(bot.loginProfile).toBeNull();

		const role = model.roles[0];
		expect(role.lastUsed).toEqual({ date: '2026-10-01T07:00:00.000Z', region: 'eu-west-1' });
		expect(role.trustPolicy.Statement[0].Principal).toEqual({ AWS: ['arn:aws:iam::210987654321:root', '111122223333'] });
		expect(role.trustPolicy.Statement[0].Condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': ['true'] } });

		const admin = model.policies.find((policy) => policy.name === 'AdministratorAccess');
		expect(admin?.awsManaged).toBe(true);
		expect(model.policies.find((policy) => policy.name === 'dev-boundary')).toMatchObject({
			awsManaged: false,
			permissionsBoundaryUsageCount: 1,
			description: 'Caps what developers can do',
		});
		expect(model.credentialReport?.rows[0]).toMatchObject({ isRoot: true, keys: [{ slot: 1, active: true, lastUsedService: 's3' }, { slot: 2 }] });
		// Unfiltered output carries the AWS-managed documents, so nothing is missing.
		expect(areas(model.notEvaluated)).not.toContain('managed-policy-documents');
		expect(areas(model.notEvaluated)).not.toContain('credential-report');
	});
});

describe('loadSnapshot of SDK-shaped JSON', () => {
	it('reads URL-encoded documents and a list of pages', async () => {
		const details = JSON.parse(readFileSync(sharedDetails, 'utf8')) as {
			UserDetailList: { UserPolicyList: { PolicyDocument: unknown }[] }[];
			RoleDetailList: { AssumeRolePolicyDocument: unknown }[];
		};
		for (const user of details.UserDetailList) {
			for (const policy of user.UserPolicyList) policy.PolicyDocument = encodeURIComponent(JSON.stringify(policy.PolicyDocument));
		}
		for (const role of details.RoleDetailList) role.AssumeRolePolicyDocument = encodeURIComponent(JSON.stringify(role.AssumeRolePolicyDocument));
		const { UserDetailList, ...rest } = details;
		const file = join(tempFolder(), 'pages.json');
		writeFileSync(file, JSON.stringify([{ UserDetailList, IsTruncated: true, Marker: 'm' }, { ...rest, IsTruncated: false }]));

		const model = await (await loadSnapshot(file, { now })).readAccount();
		expect(model.users[1].inlinePolicies[0].document.Statement[0].Action).toEqual(['sqs:SendMessage']);
		expect(model.roles[1].trustPolicy.Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': ['example-external-id'] } });
		expect(model.policies).toHaveLength(3);
	});
});

describe('the snapshot gateway is read-only', () => {
	const action: Action = {
		kind: 'iam:UpdateAccessKey',
		params: { UserName: 'report-bot', AccessKeyId: 'AKIAEXAMPLE', Status: 'Inactive' },
		step: 5,
		findingIds: ['KEY_NOT_ROTATED'],
		summary: 'Deactivate access key AKIAEXAMPLE of user report-bot',
	};
	const message = 'This is a snapshot: it is read-only, so nothing can be applied. Run against a live account to make changes.';

	it('refuses to apply an action', async () => {
		const error = await gatewayErrorOf((await loadSnapshot(sharedDetails, { now })).apply(action));
		expect(error.code).toBe('ReadOnly');
		expect(error.message).toBe(message);
		expect(error.operation).toBe('iam:UpdateAccessKey');
	});

	it('refuses to read the state an action would change', async () => {
		const error = await gatewayErrorOf((await loadSnapshot(sharedDetails, { now })).readState(action));
		expect(error.code).toBe('ReadOnly');
		expect(error.message).toBe(message);
	});
});
