import { describe, expect, it } from 'vitest';
import type { Action } from '../../../source/core/actions.js';
import { inverseOf } from '../../../source/core/inverse-action.js';
import type { SandboxState } from '../../../source/aws/sandbox/sandbox-state.js';
import { A, action, rejection, sandbox } from './sandbox-fixtures.js';

/** The state without the ID counter, which every successful call advances. */
/** The account without the ID counter and CloudTrail's event history, which an undo adds to rather than rewinds. */
function comparable(state: SandboxState): Omit<SandboxState, 'sequence' | 'cloudTrailEvents'> {
	const { sequence: _sequence, cloudTrailEvents: _events, ...rest } = state;
	return rest;
}

/**
 * Applies `change`, checks the read-back shows it, applies the inverse built from the state
 * read before, and returns what is needed to check the account is as it was.
 */
async function roundTrip(change: Action) {
	const gateway = sandbox();
	const stateBefore = gateway.currentState();
	const before = await gateway.readState(change);
	const result = await gateway.apply(change);
	const after = await gateway.readState(change);
	const inverse = inverseOf(change, before, result);
	expect(inverse, 'an inverse').not.toBeNull();
	await gateway.apply(inverse!);
	const restored = await gateway.readState(change);
	return { gateway, stateBefore, before, after, restored, inverse: inverse!, result };
}

const doc = (actions: string[], resource = '*') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: actions, Resource: [resource] }] });

describe('apply, read back, undo: the sandbox returns to the exact prior state', () => {
	it('UpdateAccessKey', async () => {
		const keyId = sandbox().currentState().users.find((u) => u.name === 'erin')!.accessKeys[0]!.id;
		const run = await roundTrip(action('iam:UpdateAccessKey', { UserName: 'erin', AccessKeyId: keyId, Status: 'Inactive' }, 5));
		expect(run.before).toEqual({ Status: 'Active' });
		expect(run.after).toEqual({ Status: 'Inactive' });
		expect(run.restored).toEqual(run.before);
		expect(comparable(run.gateway.currentState())).toEqual(comparable(run.stateBefore));
	});

	it('CreatePolicyVersion set as default: the previous version is the default again', async () => {
		const arn = `${A}:policy/data-lake-full`;
		const run = await roundTrip(action('iam:CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: doc(['s3:GetObject'], 'arn:aws:s3:::acme-data-lake/*'), SetAsDefault: true }, 3));
		expect(run.before).toEqual({ DefaultVersionId: 'v3', versionCount: 3 });
		expect(run.result.outputs).toEqual({ VersionId: 'v4' });
		expect(run.after).toEqual({ DefaultVersionId: 'v4', versionCount: 4 });
		expect(run.inverse.kind).toBe('iam:SetDefaultPolicyVersion');
		// As in AWS, undo restores the default; the new version stays until deleted.
		expect(run.restored).toEqual({ DefaultVersionId: 'v3', versionCount: 4 });
		const policy = (s: SandboxState) => s.policies.find((p) => p.arn === arn)!;
		const defaultDocument = (s: SandboxState) => policy(s).versions.find((v) => v.isDefault)!.document;
		expect(defaultDocument(run.gateway.currentState())).toEqual(defaultDocument(run.stateBefore));
	});

	it('CreatePolicyVersion not as default: undo deletes it again', async () => {
		const arn = `${A}:policy/data-lake-full`;
		const run = await roundTrip(action('iam:CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: doc(['s3:GetObject']), SetAsDefault: false }, 3));
		expect(run.inverse).toMatchObject({ kind: 'iam:DeletePolicyVersion', params: { PolicyArn: arn, VersionId: 'v4' } });
		const { policies: after, ...restAfter } = comparable(run.gateway.currentState());
		const { policies: before, ...restBefore } = comparable(run.stateBefore);
		expect(restAfter).toEqual(restBefore);
		// Only the version counter moved: AWS never reuses v4.
		expect(after.map(({ nextVersion: _n, ...p }) => p)).toEqual(before.map(({ nextVersion: _n, ...p }) => p));
	});

	it('DeletePolicyVersion: reading a deleted version is NoSuchEntity; undo re-creates its document as a new non-default version', async () => {
		const arn = `${A}:policy/data-lake-full`;
		const gateway = sandbox();
		const stateBefore = gateway.currentState();
		const change = action('iam:DeletePolicyVersion', { PolicyArn: arn, VersionId: 'v1' }, 3);
		const before = await gateway.readState(change);
		expect(before).toEqual({ PolicyDocument: stateBefore.policies.find((p) => p.arn === arn)!.versions[0]!.document });
		const result = await gateway.apply(change);
		expect((await rejection(gateway.readState(change))).code).toBe('NoSuchEntity');
		await gateway.apply(inverseOf(change, before, result)!);
		const versions = gateway.currentState().policies.find((p) => p.arn === arn)!.versions;
		expect(versions.map((v) => [v.versionId, v.isDefault])).toEqual([
			['v2', false],
			['v3', true],
			['v4', false],
		]);
		expect(versions[2]!.document).toEqual((before as { PolicyDocument: unknown }).PolicyDocument);
	});

	it('PutRolePermissionsBoundary on a role without one, and replacing one', async () => {
		const boundary = `${A}:policy/boundaries/app-boundary`;
		const fresh = await roundTrip(action('iam:PutRolePermissionsBoundary', { RoleName: 'lambda-deployer', PermissionsBoundary: boundary }, 4));
		expect([fresh.before, fresh.after, fresh.restored]).toEqual([{ PermissionsBoundary: null }, { PermissionsBoundary: boundary }, { PermissionsBoundary: null }]);
		expect(comparable(fresh.gateway.currentState())).toEqual(comparable(fresh.stateBefore));

		const replace = await roundTrip(action('iam:PutRolePermissionsBoundary', { RoleName: 'sandbox-developer', PermissionsBoundary: boundary }, 4));
		expect(replace.before).toEqual({ PermissionsBoundary: `${A}:policy/boundaries/developer-boundary` });
		expect(replace.restored).toEqual(replace.before);
		expect(comparable(replace.gateway.currentState())).toEqual(comparable(replace.stateBefore));
	});

	it('PutUserPermissionsBoundary', async () => {
		const run = await roundTrip(action('iam:PutUserPermissionsBoundary', { UserName: 'peggy', PermissionsBoundary: `${A}:policy/boundaries/app-boundary` }, 4));
		expect(comparable(run.gateway.currentState())).toEqual(comparable(run.stateBefore));
	});

	it('UpdateAssumeRolePolicy', async () => {
		const trust = {
			Version: '2012-10-17',
			Statement: [{ Effect: 'Allow' as const, Principal: { AWS: ['arn:aws:iam::444455556666:root'] }, Action: ['sts:AssumeRole'], Condition: { StringEquals: { 'sts:ExternalId': ['vendor-1234'] } } }],
		};
		const run = await roundTrip(action('iam:UpdateAssumeRolePolicy', { RoleName: 'vendor-monitoring', PolicyDocument: trust }, 2));
		expect(run.after).toEqual({ PolicyDocument: trust });
		expect(run.restored).toEqual(run.before);
		expect(comparable(run.gateway.currentState())).toEqual(comparable(run.stateBefore));
	});

	it('UpdateAccountPasswordPolicy, from the weak policy and from none', async () => {
		const strong = { MinimumPasswordLength: 14, PasswordReusePrevention: 24, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, MaxPasswordAge: 90 };
		const run = await roundTrip(action('iam:UpdateAccountPasswordPolicy', strong, 5));
		expect(run.after).toEqual({ PasswordPolicy: { ...strong, HardExpiry: false } });
		expect(run.restored).toEqual(run.before);
		expect(comparable(run.gateway.currentState())).toEqual(comparable(run.stateBefore));

		const gateway = sandbox();
		await gateway.apply(action('iam:DeleteAccountPasswordPolicy', {}, 5));
		const change = action('iam:UpdateAccountPasswordPolicy', strong, 5);
		const before = await gateway.readState(change);
		expect(before).toEqual({ PasswordPolicy: null });
		const inverse = inverseOf(change, before, await gateway.apply(change))!;
		expect(inverse.kind).toBe('iam:DeleteAccountPasswordPolicy');
		await gateway.apply(inverse);
		expect(gateway.currentState().passwordPolicy).toBeNull();
	});

	it.each([
		['iam:PutUserPolicy', { UserName: 'peggy', PolicyName: 'policy-fixer' }],
		['iam:PutUserPolicy', { UserName: 'bob', PolicyName: 'new-inline' }],
		['iam:PutGroupPolicy', { GroupName: 'oncall', PolicyName: 'oncall-group-tweaks' }],
		['iam:PutGroupPolicy', { GroupName: 'developers', PolicyName: 'new-inline' }],
		['iam:PutRolePolicy', { RoleName: 'lambda-deployer', PolicyName: 'deploy-functions' }],
		['iam:PutRolePolicy', { RoleName: 'build-runner', PolicyName: 'new-inline' }],
	] as const)('%s %o (replaced or new)', async (kind, target) => {
		const document = doc(['iam:ListUsers']);
		const run = await roundTrip(action(kind, { ...target, PolicyDocument: document } as never, 3));
		expect(run.after).toEqual({ PolicyDocument: document });
		expect(run.restored).toEqual(run.before);
		expect(run.inverse.kind).toBe(run.before && (run.before as { PolicyDocument: unknown }).PolicyDocument ? kind : kind.replace('Put', 'Delete'));
		expect(comparable(run.gateway.currentState())).toEqual(comparable(run.stateBefore));
	});

	it('AttachGroupPolicy and AddUserToGroup', async () => {
		const attach = await roundTrip(action('iam:AttachGroupPolicy', { GroupName: 'developers', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
		expect([attach.before, attach.after, attach.restored]).toEqual([{ exists: false }, { exists: true }, { exists: false }]);
		expect(comparable(attach.gateway.currentState())).toEqual(comparable(attach.stateBefore));
		const member = await roundTrip(action('iam:AddUserToGroup', { GroupName: 'admins', UserName: 'heidi' }));
		expect(comparable(member.gateway.currentState())).toEqual(comparable(member.stateBefore));
	});

	it('CreateGroup', async () => {
		const run = await roundTrip(action('iam:CreateGroup', { GroupName: 'iam-wizard-humans' }));
		expect([run.before, run.after, run.restored]).toEqual([{ exists: false }, { exists: true }, { exists: false }]);
		expect(comparable(run.gateway.currentState())).toEqual(comparable(run.stateBefore));
	});

	it('events:PutRule, new and replacing the draft rule; events:PutTargets', async () => {
		const pattern = JSON.stringify({ detail: { userIdentity: { type: ['Root'] } } });
		const created = await roundTrip(action('events:PutRule', { Name: 'root-activity', EventPattern: pattern, State: 'ENABLED' }, 6));
		expect(created.before).toEqual({ Rule: null });
		expect(created.after).toEqual({ Rule: { EventPattern: pattern, State: 'ENABLED' } });
		expect(comparable(created.gateway.currentState())).toEqual(comparable(created.stateBefore));

		const replaced = await roundTrip(action('events:PutRule', { Name: 'iam-changes-draft', EventPattern: pattern, State: 'ENABLED', Description: 'finished' }, 6));
		expect(replaced.restored).toEqual(replaced.before);
		expect(comparable(replaced.gateway.currentState())).toEqual(comparable(replaced.stateBefore));

		const targets = await roundTrip(action('events:PutTargets', { Rule: 'iam-changes-draft', Targets: [{ id: 'ops', arn: `arn:aws:sns:us-east-1:123456789012:ops-notifications` }] }, 6));
		expect(targets.after).toEqual({ Targets: [{ id: 'ops', arn: 'arn:aws:sns:us-east-1:123456789012:ops-notifications' }] });
		expect(comparable(targets.gateway.currentState())).toEqual(comparable(targets.stateBefore));
	});

	it('organizations:CreatePolicy and AttachPolicy', async () => {
		const gateway = sandbox();
		const stateBefore = gateway.currentState();
		const scp = { Version: '2012-10-17', Statement: [{ Effect: 'Deny' as const, Action: ['*'], Resource: ['*'], Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } } }] };
		const create = action('organizations:CreatePolicy', { Name: 'deny-without-mfa', Description: 'MFA', Type: 'SERVICE_CONTROL_POLICY', Content: scp }, 5);
		const createResult = await gateway.apply(create);
		expect(createResult.outputs?.PolicyId).toMatch(/^p-[a-z0-9]{8}$/);
		const attach = action('organizations:AttachPolicy', { PolicyName: 'deny-without-mfa', TargetId: 'ou-a1b2-k7x2m9qp' }, 5);
		const attachBefore = await gateway.readState(attach);
		const attachResult = await gateway.apply(attach);
		expect(await gateway.readState(attach)).toEqual({ exists: true });
		await gateway.apply(inverseOf(attach, attachBefore, attachResult)!);
		await gateway.apply(inverseOf(create, await gateway.readState(create), createResult)!);
		expect(comparable(gateway.currentState())).toEqual(comparable(stateBefore));
	});

	it('config:PutConfigurationRecorder, new and replacing', async () => {
		const put = (roleARN: string) =>
			action('config:PutConfigurationRecorder', { ConfigurationRecorder: { name: 'default', roleARN, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }, 6);
		const created = await roundTrip(put(`${A}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`));
		expect(created.before).toEqual({ ConfigurationRecorder: null });
		expect(comparable(created.gateway.currentState())).toEqual(comparable(created.stateBefore));

		const gateway = sandbox();
		await gateway.apply(put(`${A}:role/config-recorder`));
		const stateBefore = gateway.currentState();
		const change = put(`${A}:role/other-recorder`);
		const before = await gateway.readState(change);
		await gateway.apply(inverseOf(change, before, await gateway.apply(change))!);
		expect(comparable(gateway.currentState())).toEqual(comparable(stateBefore));
	});

	it('access-analyzer:CreateAnalyzer and UpdateFindings', async () => {
		const run = await roundTrip(action('access-analyzer:CreateAnalyzer', { analyzerName: 'external-access', type: 'ACCOUNT' }, 2));
		expect(run.result.outputs).toEqual({ arn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/external-access' });
		expect(comparable(run.gateway.currentState())).toEqual(comparable(run.stateBefore));

		const gateway = sandbox();
		const stateBefore = gateway.currentState();
		const finding = stateBefore.analyzerFindings[0]!;
		const change = action('access-analyzer:UpdateFindings', { analyzerArn: finding.analyzerArn, ids: [finding.id], status: 'ARCHIVED' }, 2);
		const before = await gateway.readState(change);
		expect(before).toEqual({ statuses: { [finding.id]: 'ACTIVE' } });
		await gateway.apply(inverseOf(change, before, await gateway.apply(change))!);
		const after = gateway.currentState().analyzerFindings[0]!;
		expect({ ...after, updatedAt: finding.updatedAt }).toEqual(finding);
	});

	it('sns:CreateTopic: undone when new, not when the topic was there already', async () => {
		const created = await roundTrip(action('sns:CreateTopic', { Name: 'iam-wizard-alerts' }, 6));
		expect([created.before, created.after, created.restored]).toEqual([{ exists: false }, { exists: true }, { exists: false }]);
		expect(comparable(created.gateway.currentState())).toEqual(comparable(created.stateBefore));
		const gateway = sandbox();
		const existing = action('sns:CreateTopic', { Name: 'ops-notifications' }, 6);
		const before = await gateway.readState(existing);
		expect(before).toEqual({ exists: true });
		expect(inverseOf(existing, before, await gateway.apply(existing))).toBeNull();
	});

	it('config:PutDeliveryChannel and PutConfigRule: undone when new', async () => {
		const gateway = sandbox();
		await gateway.apply(action('config:PutConfigurationRecorder', { ConfigurationRecorder: { name: 'default', roleARN: `${A}:role/config-recorder` } }, 6));
		const stateBefore = gateway.currentState();
		const changes = [
			action('config:PutDeliveryChannel', { DeliveryChannel: { name: 'default', s3BucketName: 'acme-audit-logs-123456789012' } }, 6),
			action('config:PutConfigRule', { ConfigRule: { ConfigRuleName: 'root-mfa', Source: { Owner: 'AWS', SourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED' } } }, 6),
		];
		const inverses = [];
		for (const change of changes) {
			const before = await gateway.readState(change);
			expect(before).toEqual({ exists: false });
			inverses.unshift(inverseOf(change, before, await gateway.apply(change))!);
			expect(await gateway.readState(change)).toEqual({ exists: true });
		}
		for (const inverse of inverses) await gateway.apply(inverse);
		expect(comparable(gateway.currentState())).toEqual(comparable(stateBefore));
	});
});
