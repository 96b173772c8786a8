import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../source/core/gateway-error.js';
import { A, action, rejection, sandbox, seedTime } from './sandbox-fixtures.js';

describe('the sandbox gateway', () => {
	it('says what it is: demo mode, the Acme sandbox, us-east-1, alice with her key', async () => {
		const gateway = sandbox();
		expect([gateway.mode, gateway.description, gateway.region]).toEqual(['demo', 'demo: Acme sandbox (123456789012)', 'us-east-1']);
		const caller = await gateway.callerIdentity();
		expect(caller).toMatchObject({ account: '123456789012', arn: `${A}:user/alice` });
		const alice = gateway.currentState().users.find((u) => u.name === 'alice')!;
		expect(caller.accessKeyId).toBe(alice.accessKeys[0]!.id);
		expect(caller.userId).toBe(alice.id);
	});

	it('reads a full account model', async () => {
		const progress: string[] = [];
		const model = await sandbox().readAccount({ onProgress: (line) => progress.push(line) });
		expect(progress.length).toBeGreaterThan(0);
		expect(model).toMatchObject({ accountId: '123456789012', alias: 'acme-sandbox', partition: 'aws', region: 'us-east-1', readAt: seedTime.toISOString() });
		// A member account may not ask IAM whether centralized root access is on: the one thing not evaluated.
		expect(model.notEvaluated).toEqual([{ area: 'root-access', reason: expect.stringContaining('AccountNotManagementOrDelegatedAdministratorException'), findingIds: [] }]);
		expect(model.organization!.rootAccess).toBeUndefined();
		expect(model.passwordPolicy).toMatchObject({ MinimumPasswordLength: 8 });
		expect(model.passwordPolicy?.PasswordReusePrevention).toBeUndefined();
		expect(model.analyzers!.map((a) => a.type)).toEqual(['ACCOUNT_UNUSED_ACCESS']);
		expect(model.config).toEqual({ recorders: [], deliveryChannels: [], rules: [], defaultBucket: { name: 'iam-wizard-config-123456789012-us-east-1', status: 'absent' } });
		expect(model.eventRules!.find((r) => r.name === 'iam-changes-draft')).toMatchObject({ state: 'DISABLED', targets: [] });
		// A member account in the sandbox OU, delegated to administer the organization's policies.
		expect(model.organization).toMatchObject({ id: 'o-a1b2c3d4e5', managementAccountId: '100200300400', callerIsManagementAccount: false, callerIsDelegatedAdmin: true, accountParents: ['ou-a1b2-s4ndb0x8'], roots: [{ id: 'r-a1b2', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] }] });
		expect(model.organization!.organizationalUnits!.map((o) => o.name)).toEqual(['workloads', 'sandbox']);
		expect(model.organization!.scps!.map((p) => [p.name, p.targets.map((t) => t.type)])).toEqual([
			['FullAWSAccess', ['ROOT', 'ORGANIZATIONAL_UNIT', 'ORGANIZATIONAL_UNIT', 'ACCOUNT', 'ACCOUNT', 'ACCOUNT', 'ACCOUNT']],
			['RequireMFA', []],
		]);
		expect(model.accountSummary).toMatchObject({ Users: 31, Roles: 31, AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 });
		expect(model.virtualMfaDevices!.find((d) => d.userArn === `${A}:user/alice`)).toMatchObject({ serialNumber: `${A}:mfa/alice` });
		expect(model.virtualMfaDevices!.some((d) => d.userArn === undefined)).toBe(true);
		const keyed = model.users.filter((u) => u.accessKeys.length > 0);
		expect(keyed.every((u) => u.accessKeys.every((k) => k.slot === 1 || k.slot === 2))).toBe(true);
	});

	it('lists AWS-managed policies in use with all their counts, and customer policies with all their versions', async () => {
		const model = await sandbox().readAccount();
		const admin = model.policies.find((p) => p.name === 'AdministratorAccess')!;
		expect(admin).toMatchObject({ awsManaged: true, arn: 'arn:aws:iam::aws:policy/AdministratorAccess', attachmentCount: 4, defaultVersionId: 'v1' });
		expect(model.policies.some((p) => p.name === 'IAMFullAccess')).toBe(false);
		const boundary = model.policies.find((p) => p.name === 'developer-boundary')!;
		expect([boundary.attachmentCount, boundary.permissionsBoundaryUsageCount]).toEqual([0, 2]);
		const contractor = model.policies.find((p) => p.name === 'contractor-iam-helper')!;
		expect(contractor.versions.map((v) => `${v.versionId}${v.isDefault ? '*' : ''}`)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5*']);
		expect(model.policies.every((p) => !('nextVersion' in p))).toBe(true);
	});

	it('hands out deep copies: changing a returned model or state does not change the sandbox', async () => {
		const gateway = sandbox();
		const model = await gateway.readAccount();
		model.users.find((u) => u.name === 'bob')!.groups.push('admins');
		model.policies.find((p) => p.name === 'data-lake-full')!.versions[0]!.document.Statement[0]!.Action!.push('iam:*');
		model.credentialReport!.rows[0]!.mfaActive = true;
		model.caller.arn = 'changed';
		gateway.currentState().roles.length = 0;
		const again = await gateway.readAccount();
		expect(again.users.find((u) => u.name === 'bob')!.groups).toEqual(['developers', 'all-staff']);
		expect(again.policies.find((p) => p.name === 'data-lake-full')!.versions[0]!.document.Statement[0]!.Action).toEqual(['s3:GetObject', 's3:ListBucket']);
		expect(again.credentialReport!.rows[0]!.mfaActive).toBe(false);
		expect((await gateway.callerIdentity()).arn).toBe(`${A}:user/alice`);
		expect(again.roles).toHaveLength(31);
	});

	it('does not keep a reference to the documents an action carries', async () => {
		const gateway = sandbox();
		const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: ['s3:GetObject'], Resource: ['*'] }] };
		await gateway.apply(action('iam:PutUserPolicy', { UserName: 'bob', PolicyName: 'p', PolicyDocument: document }, 3));
		document.Statement[0]!.Action.push('iam:*');
		const state = await gateway.readState(action('iam:PutUserPolicy', { UserName: 'bob', PolicyName: 'p', PolicyDocument: document }, 3));
		expect(state).toEqual({ PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }] } });
	});

	it('says what the live adapter says when an injected fault outlasts the retries: throttling, and access denied naming the call', async () => {
		const passwords = action('iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14 }, 5);
		const throttled = await rejection(sandbox({ faults: { throttleEvery: 1, maxAttempts: 3 } }).apply(passwords));
		expect(throttled).toMatchObject({ code: 'Throttled', message: 'AWS kept throttling iam:UpdateAccountPasswordPolicy after 3 attempts: wait a minute and try again.', attempts: 3 });
		const denied = await rejection(sandbox({ faults: { failCall: { kind: 'iam:UpdateAccountPasswordPolicy', error: 'AccessDenied' } } }).apply(passwords));
		expect(denied).toMatchObject({
			code: 'AccessDenied',
			message: 'Access denied to iam:UpdateAccountPasswordPolicy: grant iam:UpdateAccountPasswordPolicy to the caller to make this change (policies/remediate.json grants every change iam-wizard makes).',
		});
	});

	it('fails the action the failOn hook picks, changes nothing for it, and records every call', async () => {
		const gateway = sandbox({ failOn: (_action, attempt) => (attempt === 3 ? new GatewayError('Throttled', 'Rate exceeded.') : undefined) });
		const groups = ['g1', 'g2', 'g3', 'g4', 'g5'];
		const outcomes: string[] = [];
		for (const name of groups) {
			try {
				await gateway.apply(action('iam:CreateGroup', { GroupName: name }));
				outcomes.push('ok');
			} catch (error) {
				outcomes.push((error as GatewayError).code);
			}
		}
		expect(outcomes).toEqual(['ok', 'ok', 'Throttled', 'ok', 'ok']);
		expect(gateway.currentState().groups.map((g) => g.name).filter((n) => groups.includes(n))).toEqual(['g1', 'g2', 'g4', 'g5']);
		const history = gateway.history();
		expect(history.map((h) => [h.attempt, (h.action.params as { GroupName: string }).GroupName, h.ok])).toEqual([
			[1, 'g1', true],
			[2, 'g2', true],
			[3, 'g3', false],
			[4, 'g4', true],
			[5, 'g5', true],
		]);
		expect(history[2]!.error).toEqual({ code: 'Throttled', message: 'Rate exceeded.' });
		expect(history[0]!.result?.outputs?.Arn).toBe(`${A}:group/g1`);
	});

	it('gives AWS errors the operation and a request ID', async () => {
		const error = await rejection(sandbox().apply(action('iam:DeleteGroup', { GroupName: 'nope' })));
		expect(error).toBeInstanceOf(GatewayError);
		expect(error.operation).toBe('iam:DeleteGroup');
		expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('refuses a kind it does not know, as a GatewayError', async () => {
		const error = await rejection(sandbox().apply({ kind: 'iam:DeleteUser', params: {}, step: 1, findingIds: [], summary: '' } as never));
		expect(error.code).toBe('InvalidAction');
	});

	it('reports unreadable areas as not evaluated, as the live adapter does when calls are denied', async () => {
		const model = await sandbox({ unreadable: ['organizations', 'config'] }).readAccount();
		expect(model.organization).toBeUndefined();
		expect(model.config).toBeUndefined();
		expect(model.eventRules).toBeDefined();
		// In the live adapter's words for a denied call: the call, and what to grant.
		expect(model.notEvaluated.map((n) => [n.area, n.findingIds, n.reason])).toEqual([
			['organizations', ['MFA_NOT_ENFORCED'], 'Access denied to organizations:DescribeOrganization: grant organizations:DescribeOrganization to the caller (policies/scan-only.json grants every read a scan makes).'],
			['config', ['CONFIG_RECORDER_OFF', 'CONFIG_RULE_MISSING'], 'Access denied to config:DescribeConfigurationRecorders: grant config:DescribeConfigurationRecorders to the caller (policies/scan-only.json grants every read a scan makes).'],
		]);
	});

	it('gives root a virtual MFA device on request (sandbox only), listed as a virtual device of root', async () => {
		const gateway = sandbox();
		gateway.setRootMfa('virtual');
		const model = await gateway.readAccount();
		expect(model.credentialReport!.rows[0]!.mfaActive).toBe(true);
		expect(model.virtualMfaDevices!.filter((d) => d.userArn === `${A}:root`).map((d) => d.serialNumber)).toEqual([`${A}:mfa/root-account-mfa-device`]);
		expect(model.accountSummary!.AccountMFAEnabled).toBe(1);
		gateway.setRootMfa('hardware');
		const hardware = await gateway.readAccount();
		expect(hardware.credentialReport!.rows[0]!.mfaActive).toBe(true);
		expect(hardware.virtualMfaDevices!.some((d) => d.userArn === `${A}:root`)).toBe(false);
	});

	it('never stores or hands out a secret', async () => {
		const gateway = sandbox();
		const text = JSON.stringify([gateway.currentState(), await gateway.readAccount()]);
		expect(text).not.toMatch(/"(secretAccessKey|secret|password|sessionToken)"\s*:/i);
		// A secret access key is 40 characters of mixed-case base64 with digits.
		const secretLike = (text.match(/"[A-Za-z0-9/+]{40}"/g) ?? []).filter((s) => /\d/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s));
		expect(secretLike).toEqual([]);
	});
});
