import { describe, expect, it } from 'vitest';
import { A, action, rejection, sandbox } from './sandbox-fixtures.js';

const allowList = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::acme-data-lake'] }] };
const contractorPolicy = `${A}:policy/contractors/contractor-iam-helper`;
const dataLake = `${A}:policy/data-lake-full`;

describe('sandbox IAM semantics', () => {
	it('refuses a sixth policy version with LimitExceeded and leaves the five in place', async () => {
		const gateway = sandbox();
		const error = await rejection(gateway.apply(action('iam:CreatePolicyVersion', { PolicyArn: contractorPolicy, PolicyDocument: allowList, SetAsDefault: true }, 3)));
		expect(error.code).toBe('LimitExceeded');
		expect(error.message).toBe('iam:CreatePolicyVersion failed with LimitExceeded: A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.');
		expect(error.operation).toBe('iam:CreatePolicyVersion');
		const policy = gateway.currentState().policies.find((p) => p.arn === contractorPolicy)!;
		expect(policy.versions.map((v) => v.versionId)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5']);
		expect(policy.defaultVersionId).toBe('v5');
	});

	it('returns the new VersionId and never reuses a deleted version number', async () => {
		const gateway = sandbox();
		await gateway.apply(action('iam:DeletePolicyVersion', { PolicyArn: contractorPolicy, VersionId: 'v1' }, 3));
		const first = await gateway.apply(action('iam:CreatePolicyVersion', { PolicyArn: contractorPolicy, PolicyDocument: allowList, SetAsDefault: false }, 3));
		expect(first.outputs).toEqual({ VersionId: 'v6' });
		await gateway.apply(action('iam:DeletePolicyVersion', { PolicyArn: contractorPolicy, VersionId: 'v6' }, 3));
		const second = await gateway.apply(action('iam:CreatePolicyVersion', { PolicyArn: contractorPolicy, PolicyDocument: allowList, SetAsDefault: true }, 3));
		expect(second.outputs).toEqual({ VersionId: 'v7' });
		expect(second.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
		const policy = gateway.currentState().policies.find((p) => p.arn === contractorPolicy)!;
		expect(policy.defaultVersionId).toBe('v7');
		expect(policy.versions.filter((v) => v.isDefault).map((v) => v.versionId)).toEqual(['v7']);
	});

	it('refuses to delete the default version with DeleteConflict', async () => {
		const error = await rejection(sandbox().apply(action('iam:DeletePolicyVersion', { PolicyArn: dataLake, VersionId: 'v3' }, 3)));
		expect(error.code).toBe('DeleteConflict');
		expect(error.message).toBe('iam:DeletePolicyVersion failed with DeleteConflict: Cannot delete the default version of a policy.');
	});

	it('answers NoSuchEntity for an unknown user, key, version and policy', async () => {
		const gateway = sandbox();
		const user = await rejection(gateway.apply(action('iam:UpdateAccessKey', { UserName: 'nobody', AccessKeyId: 'AKIAEXAMPLEEXAMPLE00', Status: 'Inactive' }, 5)));
		expect([user.code, user.message]).toEqual(['NoSuchEntity', 'iam:UpdateAccessKey failed with NoSuchEntity: The user with name nobody cannot be found.']);
		const key = await rejection(gateway.apply(action('iam:UpdateAccessKey', { UserName: 'bob', AccessKeyId: 'AKIAEXAMPLEEXAMPLE00', Status: 'Inactive' }, 5)));
		expect([key.code, key.message]).toEqual(['NoSuchEntity', 'iam:UpdateAccessKey failed with NoSuchEntity: The Access Key with id AKIAEXAMPLEEXAMPLE00 cannot be found.']);
		const version = await rejection(gateway.apply(action('iam:SetDefaultPolicyVersion', { PolicyArn: dataLake, VersionId: 'v9' }, 3)));
		expect(version.code).toBe('NoSuchEntity');
		const policy = await rejection(gateway.apply(action('iam:AttachGroupPolicy', { GroupName: 'developers', PolicyArn: `${A}:policy/missing` })));
		expect([policy.code, policy.message]).toEqual(['NoSuchEntity', `iam:AttachGroupPolicy failed with NoSuchEntity: Policy ${A}:policy/missing does not exist or is not attachable.`]);
		const detach = await rejection(gateway.apply(action('iam:DetachUserPolicy', { UserName: 'bob', PolicyArn: dataLake })));
		expect(detach.code).toBe('NoSuchEntity');
	});

	it('refuses changes to a service-linked role and to AWS-managed policies with UnmodifiableEntity', async () => {
		const gateway = sandbox();
		const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Principal: { Service: ['support.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] };
		const slr = await rejection(gateway.apply(action('iam:UpdateAssumeRolePolicy', { RoleName: 'AWSServiceRoleForSupport', PolicyDocument: trust }, 2)));
		expect(slr.code).toBe('UnmodifiableEntity');
		expect(slr.message).toContain("protected role 'AWSServiceRoleForSupport'");
		for (const kind of ['iam:PutRolePermissionsBoundary', 'iam:AttachRolePolicy'] as const) {
			const params = kind === 'iam:AttachRolePolicy' ? { RoleName: 'AWSServiceRoleForSupport', PolicyArn: dataLake } : { RoleName: 'AWSServiceRoleForSupport', PermissionsBoundary: dataLake };
			expect((await rejection(gateway.apply(action(kind, params as never, 4)))).code).toBe('UnmodifiableEntity');
		}
		const managed = await rejection(gateway.apply(action('iam:CreatePolicyVersion', { PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', PolicyDocument: allowList, SetAsDefault: true }, 3)));
		expect(managed.code).toBe('UnmodifiableEntity');
		const deleteManaged = await rejection(gateway.apply(action('iam:DeletePolicy', { PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, 4)));
		expect(deleteManaged.code).toBe('UnmodifiableEntity');
	});

	it('refuses an AWS service-role policy with PolicyNotAttachable, as an attachment or a boundary, and changes nothing', async () => {
		const gateway = sandbox();
		const before = gateway.currentState();
		const serviceRolePolicy = 'arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy';
		const calls = [
			action('iam:AttachUserPolicy', { UserName: 'bob', PolicyArn: serviceRolePolicy }),
			action('iam:AttachGroupPolicy', { GroupName: 'developers', PolicyArn: serviceRolePolicy }),
			action('iam:AttachRolePolicy', { RoleName: 'build-runner', PolicyArn: serviceRolePolicy }),
			action('iam:PutUserPermissionsBoundary', { UserName: 'bob', PermissionsBoundary: serviceRolePolicy }, 4),
			action('iam:PutRolePermissionsBoundary', { RoleName: 'build-runner', PermissionsBoundary: serviceRolePolicy }, 4),
		];
		for (const call of calls) {
			const error = await rejection(gateway.apply(call));
			expect([error.code, error.message], call.kind).toEqual(['PolicyNotAttachable', `${call.kind} failed with PolicyNotAttachable: Cannot attach a Service Role Policy to a Customer Role.`]);
		}
		expect(gateway.currentState()).toEqual(before);
	});

	it('answers NoSuchEntity, as for a missing policy, for a policy IAM reports not attachable', async () => {
		const state = sandbox().currentState();
		state.policies.find((p) => p.arn === dataLake)!.isAttachable = false;
		const gateway = sandbox({ state });
		for (const call of [action('iam:AttachRolePolicy', { RoleName: 'build-runner', PolicyArn: dataLake }), action('iam:PutUserPermissionsBoundary', { UserName: 'bob', PermissionsBoundary: dataLake }, 4)]) {
			const error = await rejection(gateway.apply(call));
			expect([error.code, error.message], call.kind).toEqual(['NoSuchEntity', `${call.kind} failed with NoSuchEntity: Policy ${dataLake} does not exist or is not attachable.`]);
		}
	});

	it('answers EntityAlreadyExists for a group, role or policy name in use (whatever the case)', async () => {
		const gateway = sandbox();
		expect((await rejection(gateway.apply(action('iam:CreateGroup', { GroupName: 'Admins' })))).message).toBe('iam:CreateGroup failed with EntityAlreadyExists: Group with name Admins already exists.');
		const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Principal: { Service: ['ec2.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] };
		expect((await rejection(gateway.apply(action('iam:CreateRole', { RoleName: 'build-runner', AssumeRolePolicyDocument: trust })))).code).toBe('EntityAlreadyExists');
		const policy = await rejection(gateway.apply(action('iam:CreatePolicy', { PolicyName: 'data-lake-full', Path: '/other/', PolicyDocument: allowList }, 4)));
		expect(policy.code).toBe('EntityAlreadyExists');
	});

	it('creates a policy and returns its ARN and ID; deletes it only when detached and single-versioned', async () => {
		const gateway = sandbox();
		const created = await gateway.apply(action('iam:CreatePolicy', { PolicyName: 'iam-wizard-boundary', Path: '/iam-wizard/', PolicyDocument: allowList, Description: 'test' }, 4));
		expect(created.outputs?.PolicyArn).toBe(`${A}:policy/iam-wizard/iam-wizard-boundary`);
		expect(created.outputs?.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
		await gateway.apply(action('iam:PutUserPermissionsBoundary', { UserName: 'peggy', PermissionsBoundary: created.outputs!.PolicyArn! }, 4));
		const inUse = await rejection(gateway.apply(action('iam:DeletePolicy', { PolicyArn: created.outputs!.PolicyArn! }, 4)));
		expect([inUse.code, inUse.message]).toEqual(['DeleteConflict', 'iam:DeletePolicy failed with DeleteConflict: Cannot delete a policy attached to entities.']);
		await gateway.apply(action('iam:DeleteUserPermissionsBoundary', { UserName: 'peggy' }, 4));
		await gateway.apply(action('iam:CreatePolicyVersion', { PolicyArn: created.outputs!.PolicyArn!, PolicyDocument: allowList, SetAsDefault: false }, 3));
		const versions = await rejection(gateway.apply(action('iam:DeletePolicy', { PolicyArn: created.outputs!.PolicyArn! }, 4)));
		expect(versions.code).toBe('DeleteConflict');
		await gateway.apply(action('iam:DeletePolicyVersion', { PolicyArn: created.outputs!.PolicyArn!, VersionId: 'v2' }, 3));
		await gateway.apply(action('iam:DeletePolicy', { PolicyArn: created.outputs!.PolicyArn! }, 4));
		expect(gateway.currentState().policies.some((p) => p.name === 'iam-wizard-boundary')).toBe(false);
		const attached = await rejection(gateway.apply(action('iam:DeletePolicy', { PolicyArn: dataLake }, 4)));
		expect(attached.code).toBe('DeleteConflict');
	});

	it('refuses to delete a group with members or policies, and deletes an empty one', async () => {
		const gateway = sandbox();
		const members = await rejection(gateway.apply(action('iam:DeleteGroup', { GroupName: 'developers' })));
		expect([members.code, members.message]).toEqual(['DeleteConflict', 'iam:DeleteGroup failed with DeleteConflict: Cannot delete entity, must remove users from group first.']);
		await gateway.apply(action('iam:DeleteGroup', { GroupName: 'contractors' }));
		expect(gateway.currentState().groups.some((g) => g.name === 'contractors')).toBe(false);
	});

	it('refuses to delete a role with instance profiles or policies', async () => {
		const gateway = sandbox();
		expect((await rejection(gateway.apply(action('iam:DeleteRole', { RoleName: 'jenkins-legacy' })))).message).toBe('iam:DeleteRole failed with DeleteConflict: Cannot delete entity, must remove roles from instance profile first.');
		expect((await rejection(gateway.apply(action('iam:DeleteRole', { RoleName: 'build-runner' })))).message).toBe('iam:DeleteRole failed with DeleteConflict: Cannot delete entity, must detach all policies first.');
		expect((await rejection(gateway.apply(action('iam:DeleteRole', { RoleName: 'AWSServiceRoleForAutoScaling' })))).code).toBe('UnmodifiableEntity');
	});

	it('rejects obviously bad documents with MalformedPolicyDocument', async () => {
		const gateway = sandbox();
		const put = (document: unknown) => gateway.apply(action('iam:PutUserPolicy', { UserName: 'bob', PolicyName: 'bad', PolicyDocument: document as never }, 3));
		expect((await rejection(put({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] }))).message).toBe('iam:PutUserPolicy failed with MalformedPolicyDocument: Each statement must have a Resource or NotResource.');
		expect((await rejection(put({ Statement: [{ Effect: 'Allow', Action: 'GetObject', Resource: '*' }] }))).code).toBe('MalformedPolicyDocument');
		expect((await rejection(put({ Statement: [{ Effect: 'Permit', Action: 's3:GetObject', Resource: '*' }] }))).code).toBe('MalformedPolicyDocument');
		expect((await rejection(put({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] }))).message).toBe('iam:PutUserPolicy failed with MalformedPolicyDocument: Policy document should not specify a principal.');
		expect((await rejection(put({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'acme-bucket' }] }))).code).toBe('MalformedPolicyDocument');
		const trust = await rejection(
			gateway.apply(action('iam:UpdateAssumeRolePolicy', { RoleName: 'build-runner', PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: [`${A}:role/does-not-exist`] }, Action: ['sts:AssumeRole'] }] } }, 2)),
		);
		expect([trust.code, trust.message]).toEqual(['MalformedPolicyDocument', `iam:UpdateAssumeRolePolicy failed with MalformedPolicyDocument: Invalid principal in policy: "AWS":"${A}:role/does-not-exist".`]);
		// IAM stores an action that does not exist; only Access Analyzer's validation objects.
		await put({ Statement: [{ Effect: 'Allow', Action: 's3:GetObjects', Resource: '*' }] });
		expect(gateway.currentState().users.find((u) => u.name === 'bob')!.inlinePolicies.map((p) => p.name)).toEqual(['bad']);
	});

	it('enforces the inline policy size quota of a user (2,048 characters in all)', async () => {
		const gateway = sandbox();
		const big = { Statement: [{ Effect: 'Allow', Action: Array.from({ length: 90 }, (_, i) => `s3:GetObjectVersion${i}`), Resource: '*' }] };
		const error = await rejection(gateway.apply(action('iam:PutUserPolicy', { UserName: 'bob', PolicyName: 'big', PolicyDocument: big as never }, 3)));
		expect(error.code).toBe('LimitExceeded');
		expect(error.message).toMatch(/^iam:PutUserPolicy failed with LimitExceeded: Cannot exceed quota for UserPolicySize: 2048/);
	});

	it('changes nothing when a call fails', async () => {
		const gateway = sandbox();
		const before = gateway.currentState();
		await rejection(gateway.apply(action('iam:DeleteGroup', { GroupName: 'developers' })));
		expect(gateway.currentState()).toEqual(before);
	});

	it('updates, deletes access keys and login profiles of the named user only', async () => {
		const gateway = sandbox();
		const state = gateway.currentState();
		const daveKey = state.users.find((u) => u.name === 'dave')!.accessKeys[0]!.id;
		const wrongUser = await rejection(gateway.apply(action('iam:DeleteAccessKey', { UserName: 'bob', AccessKeyId: daveKey }, 5)));
		expect(wrongUser.code).toBe('NoSuchEntity');
		await gateway.apply(action('iam:DeleteAccessKey', { UserName: 'dave', AccessKeyId: daveKey }, 5));
		const dave = gateway.currentState().users.find((u) => u.name === 'dave')!;
		expect(dave.accessKeys.map((k) => k.slot)).toEqual([2]);
		await gateway.apply(action('iam:DeleteLoginProfile', { UserName: 'erin' }, 5));
		const again = await rejection(gateway.apply(action('iam:DeleteLoginProfile', { UserName: 'erin' }, 5)));
		expect([again.code, again.message]).toEqual(['NoSuchEntity', 'iam:DeleteLoginProfile failed with NoSuchEntity: Login Profile for User erin cannot be found.']);
	});

	it('adds and removes group members; re-adding is accepted, removing a non-member is NoSuchEntity', async () => {
		const gateway = sandbox();
		await gateway.apply(action('iam:AddUserToGroup', { GroupName: 'admins', UserName: 'bob' }));
		await gateway.apply(action('iam:AddUserToGroup', { GroupName: 'admins', UserName: 'bob' }));
		expect(gateway.currentState().users.find((u) => u.name === 'bob')!.groups).toEqual(['developers', 'all-staff', 'admins']);
		await gateway.apply(action('iam:RemoveUserFromGroup', { GroupName: 'admins', UserName: 'bob' }));
		expect((await rejection(gateway.apply(action('iam:RemoveUserFromGroup', { GroupName: 'admins', UserName: 'bob' })))).code).toBe('NoSuchEntity');
	});

	it('resets omitted password-policy parameters to their defaults and checks ranges', async () => {
		const gateway = sandbox();
		await gateway.apply(action('iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14, PasswordReusePrevention: 24 }, 5));
		expect(gateway.currentState().passwordPolicy).toEqual({
			MinimumPasswordLength: 14,
			RequireSymbols: false,
			RequireNumbers: false,
			RequireUppercaseCharacters: false,
			RequireLowercaseCharacters: false,
			AllowUsersToChangePassword: false,
			PasswordReusePrevention: 24,
			HardExpiry: false,
		});
		expect((await rejection(gateway.apply(action('iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 200 }, 5)))).code).toBe('ValidationError');
		await gateway.apply(action('iam:DeleteAccountPasswordPolicy', {}, 5));
		expect((await rejection(gateway.apply(action('iam:DeleteAccountPasswordPolicy', {}, 5)))).code).toBe('NoSuchEntity');
	});

	it('regenerates the credential report at most every four hours', async () => {
		let now = new Date('2026-03-14T09:30:00Z');
		const gateway = sandbox({ now: () => now });
		// The seed's report was generated five hours before the seed time.
		const first = await gateway.apply(action('iam:GenerateCredentialReport', {}));
		expect(first.outputs?.State).toBe('STARTED');
		expect((await gateway.readAccount()).credentialReport?.generatedAt).toBe('2026-03-14T09:30:00.000Z');
		now = new Date('2026-03-14T12:30:00Z');
		expect((await gateway.apply(action('iam:GenerateCredentialReport', {}))).outputs?.State).toBe('COMPLETE');
		expect((await gateway.readAccount()).credentialReport?.generatedAt).toBe('2026-03-14T09:30:00.000Z');
		now = new Date('2026-03-14T13:31:00Z');
		expect((await gateway.apply(action('iam:GenerateCredentialReport', {}))).outputs?.State).toBe('STARTED');
		expect((await gateway.readAccount()).credentialReport?.generatedAt).toBe('2026-03-14T13:31:00.000Z');
	});
});
