/**
 * Undo: for each kind of action, the exact action that reverses it (kind, parameters and the
 * line the operator sees), built from the state read before applying it and what the call
 * returned; and the actions that have no inverse, for which the preview says "cannot be undone".
 */
import { describe, expect, it } from 'vitest';
import type { Action, ActionKind, ApplyResult, PriorState } from '../../source/core/actions.js';
import { createdVersionCleanup, inverseOf, irreversibleKinds, isReversible } from '../../source/core/inverse-action.js';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';

const findingIds = ['f-1', 'f-2'];

/** An applied action of step 3 (the step and findings carry over to the inverse). */
function act(kind: ActionKind, params: unknown): Action {
	return { kind, params, step: 3, findingIds, summary: 'the original action' } as Action;
}

/** The inverse, as the undo plan holds it. */
function undo(kind: ActionKind, params: unknown, summary: string): Action {
	return { kind, params, step: 3, findingIds, summary } as Action;
}

const inv = (kind: ActionKind, params: unknown, state: unknown = {}, result?: ApplyResult) =>
	inverseOf(act(kind, params), state as PriorState, result);

const doc = (sid: string) => ({ Version: '2012-10-17' as const, Statement: [{ Sid: sid, Effect: 'Allow' as const, Action: 's3:GetObject', Resource: '*' }] });
const policyArn = 'arn:aws:iam::111122223333:policy/ReadOnly';

describe('which kinds can be undone', () => {
	const irreversible: ActionKind[] = [
		'iam:GenerateCredentialReport',
		'access-analyzer:StartPolicyGeneration',
		'iam:DeleteAccessKey',
		'iam:DeleteLoginProfile',
		'organizations:DeletePolicy',
		'iam:DeletePolicy',
		'iam:DeleteRole',
		'iam:DeleteInstanceProfile',
		'iam:DeleteOpenIDConnectProvider',
		'iam:DeleteGroup',
		'access-analyzer:DeleteAnalyzer',
		'config:DeleteConfigurationRecorder',
		'config:DeleteDeliveryChannel',
		'config:DeleteConfigRule',
		'events:DeleteRule',
		'sns:DeleteTopic',
		'iam:DeleteServiceLinkedRole',
		's3:DeleteBucket',
		's3:DeleteBucketPolicy',
		'sns:Unsubscribe',
		'securityhub:DisableSecurityHub',
		'securityhub:BatchDisableStandards',
		'logs:DeleteMetricFilter',
		'cloudwatch:DeleteAlarms',
		'sts:AssumeRoot',
	];

	it.each(irreversible)('%s is irreversible and has no inverse', (kind) => {
		expect(isReversible(kind)).toBe(false);
		expect(inv(kind, { Name: 'x' }, { exists: false }, { outputs: { Name: 'x' } })).toBeNull();
	});

	it('lists exactly those kinds as irreversible', () => {
		expect([...irreversibleKinds].sort()).toEqual([...irreversible].sort());
	});

	it.each<ActionKind>(['iam:CreateGroup', 'iam:UpdateAccessKey', 'events:PutRule', 'iam:PutRolePolicy', 's3:PutBucketPolicy'])('%s is reversible', (kind) => {
		expect(isReversible(kind)).toBe(true);
	});
});

describe('attachments and memberships swap with their opposite, same parameters', () => {
	const group = { GroupName: 'admins', PolicyArn: policyArn };
	const user = { UserName: 'alice', PolicyArn: policyArn };
	const role = { RoleName: 'deployer', PolicyArn: policyArn };
	const member = { GroupName: 'admins', UserName: 'alice' };
	const profile = { InstanceProfileName: 'web', RoleName: 'deployer' };
	it.each<[ActionKind, unknown, ActionKind, string]>([
		['iam:AddUserToGroup', member, 'iam:RemoveUserFromGroup', 'Remove user alice from group admins'],
		['iam:RemoveUserFromGroup', member, 'iam:AddUserToGroup', 'Add user alice to group admins'],
		['iam:AttachGroupPolicy', group, 'iam:DetachGroupPolicy', `Detach ${policyArn} from group admins`],
		['iam:DetachGroupPolicy', group, 'iam:AttachGroupPolicy', `Attach ${policyArn} to group admins`],
		['iam:AttachUserPolicy', user, 'iam:DetachUserPolicy', `Detach ${policyArn} from user alice`],
		['iam:DetachUserPolicy', user, 'iam:AttachUserPolicy', `Attach ${policyArn} to user alice`],
		['iam:AttachRolePolicy', role, 'iam:DetachRolePolicy', `Detach ${policyArn} from role deployer`],
		['iam:DetachRolePolicy', role, 'iam:AttachRolePolicy', `Attach ${policyArn} to role deployer`],
		['iam:AddRoleToInstanceProfile', profile, 'iam:RemoveRoleFromInstanceProfile', 'Remove role deployer from instance profile web'],
		['iam:RemoveRoleFromInstanceProfile', profile, 'iam:AddRoleToInstanceProfile', 'Add role deployer to instance profile web'],
		['organizations:EnablePolicyType', { RootId: 'r-ab12', PolicyType: 'SERVICE_CONTROL_POLICY' }, 'organizations:DisablePolicyType', 'Disable service control policies on r-ab12'],
		['organizations:DisablePolicyType', { RootId: 'r-ab12', PolicyType: 'SERVICE_CONTROL_POLICY' }, 'organizations:EnablePolicyType', 'Enable service control policies on r-ab12'],
		['config:StartConfigurationRecorder', { ConfigurationRecorderName: 'default' }, 'config:StopConfigurationRecorder', 'Stop configuration recorder default'],
		['config:StopConfigurationRecorder', { ConfigurationRecorderName: 'default' }, 'config:StartConfigurationRecorder', 'Start configuration recorder default'],
	])('%s → %s', (kind, params, inverseKind, summary) => {
		expect(inv(kind, params)).toStrictEqual(undo(inverseKind, params, summary));
	});

	it('names an SCP by its name when the action has one, else by its ID', () => {
		const byName = { PolicyName: 'deny-root', PolicyId: 'p-1', TargetId: 'ou-1' };
		expect(inv('organizations:AttachPolicy', byName)).toStrictEqual(undo('organizations:DetachPolicy', byName, 'Detach deny-root from ou-1'));
		expect(inv('organizations:DetachPolicy', byName)).toStrictEqual(undo('organizations:AttachPolicy', byName, 'Attach deny-root to ou-1'));
		const byId = { PolicyId: 'p-1', TargetId: 'ou-1' };
		expect(inv('organizations:AttachPolicy', byId)).toStrictEqual(undo('organizations:DetachPolicy', byId, 'Detach p-1 from ou-1'));
		expect(inv('organizations:DetachPolicy', byId)).toStrictEqual(undo('organizations:AttachPolicy', byId, 'Attach p-1 to ou-1'));
	});
});

describe('what was created is deleted, by the name or the ID the call returned', () => {
	it('deletes a created group, role, instance profile and analyzer by name only', () => {
		expect(inv('iam:CreateGroup', { GroupName: 'admins', Path: '/x/' })).toStrictEqual(undo('iam:DeleteGroup', { GroupName: 'admins' }, 'Delete group admins'));
		expect(inv('iam:CreateRole', { RoleName: 'deployer', AssumeRolePolicyDocument: doc('t'), Description: 'd' })).toStrictEqual(
			undo('iam:DeleteRole', { RoleName: 'deployer' }, 'Delete role deployer'),
		);
		expect(inv('iam:CreateInstanceProfile', { InstanceProfileName: 'web', Path: '/' })).toStrictEqual(
			undo('iam:DeleteInstanceProfile', { InstanceProfileName: 'web' }, 'Delete instance profile web'),
		);
		expect(inv('access-analyzer:CreateAnalyzer', { analyzerName: 'iam-wizard', type: 'ACCOUNT' })).toStrictEqual(
			undo('access-analyzer:DeleteAnalyzer', { analyzerName: 'iam-wizard' }, 'Delete analyzer iam-wizard'),
		);
	});

	it('deletes an OIDC provider and a managed policy by the ARN the call returned; without it, no inverse', () => {
		const oidcArn = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
		const oidc = { Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'] };
		expect(inv('iam:CreateOpenIDConnectProvider', oidc, {}, { outputs: { OpenIDConnectProviderArn: oidcArn } })).toStrictEqual(
			undo('iam:DeleteOpenIDConnectProvider', { OpenIDConnectProviderArn: oidcArn }, `Delete OIDC provider ${oidcArn}`),
		);
		expect(inv('iam:CreateOpenIDConnectProvider', oidc, {}, {})).toBeNull();
		const policy = { PolicyName: 'ReadOnly', PolicyDocument: doc('r') };
		expect(inv('iam:CreatePolicy', policy, {}, { outputs: { PolicyArn: policyArn } })).toStrictEqual(undo('iam:DeletePolicy', { PolicyArn: policyArn }, 'Delete policy ReadOnly'));
		expect(inverseOf(act('iam:CreatePolicy', policy), {} as PriorState)).toBeNull();
	});

	it('deletes a created SCP by the ID returned, or by its name when the call returned none', () => {
		const scp = { Name: 'deny-root', Description: 'd', Type: 'SERVICE_CONTROL_POLICY', Content: doc('s') };
		expect(inv('organizations:CreatePolicy', scp, {}, { outputs: { PolicyId: 'p-77' } })).toStrictEqual(
			undo('organizations:DeletePolicy', { PolicyId: 'p-77' }, 'Delete service control policy deny-root'),
		);
		expect(inv('organizations:CreatePolicy', scp, {}, {})).toStrictEqual(undo('organizations:DeletePolicy', { PolicyName: 'deny-root' }, 'Delete service control policy deny-root'));
	});

	it('deletes an SNS topic only when it returned an ARN and did not exist before', () => {
		const topicArn = 'arn:aws:sns:us-east-1:111122223333:iam-wizard-alerts';
		const created = { outputs: { TopicArn: topicArn } };
		expect(inv('sns:CreateTopic', { Name: 'iam-wizard-alerts' }, { exists: false }, created)).toStrictEqual(
			undo('sns:DeleteTopic', { TopicArn: topicArn }, `Delete SNS topic ${topicArn}`),
		);
		expect(inv('sns:CreateTopic', { Name: 'iam-wizard-alerts' }, { exists: true }, created)).toBeNull();
		expect(inv('sns:CreateTopic', { Name: 'iam-wizard-alerts' }, { exists: false }, {})).toBeNull();
	});
});

describe('analyzer findings', () => {
	const analyzerArn = 'arn:aws:access-analyzer:us-east-1:111122223333:analyzer/iam-wizard';
	it('sets back only the findings whose status it changed, to the other status', () => {
		const state = { statuses: { a: 'ACTIVE', b: 'ARCHIVED', d: 'RESOLVED' } };
		expect(inv('access-analyzer:UpdateFindings', { analyzerArn, ids: ['a', 'b', 'c', 'd'], status: 'ARCHIVED' }, state)).toStrictEqual(
			undo('access-analyzer:UpdateFindings', { analyzerArn, ids: ['a', 'd'], status: 'ACTIVE' }, 'Set 2 analyzer findings back to ACTIVE'),
		);
		expect(inv('access-analyzer:UpdateFindings', { analyzerArn, ids: ['a', 'b', 'c'], status: 'ACTIVE', reason: 'r' }, state)).toStrictEqual(
			undo('access-analyzer:UpdateFindings', { analyzerArn, ids: ['b'], status: 'ARCHIVED' }, 'Set 1 analyzer finding back to ARCHIVED'),
		);
	});

	it('has no inverse when no finding changed or none was read', () => {
		expect(inv('access-analyzer:UpdateFindings', { analyzerArn, ids: ['a'], status: 'ARCHIVED' }, { statuses: { a: 'ARCHIVED' } })).toBeNull();
		expect(inv('access-analyzer:UpdateFindings', { analyzerArn, ids: ['c'], status: 'ARCHIVED' }, { statuses: {} })).toBeNull();
	});
});

describe('policy documents and versions come back from the state read before', () => {
	it('restores the previous trust policy', () => {
		expect(inv('iam:UpdateAssumeRolePolicy', { RoleName: 'deployer', PolicyDocument: doc('new') }, { PolicyDocument: doc('old') })).toStrictEqual(
			undo('iam:UpdateAssumeRolePolicy', { RoleName: 'deployer', PolicyDocument: doc('old') }, 'Restore the previous trust policy of role deployer'),
		);
	});

	it('a new default version: makes the previous default the default again', () => {
		const state = { DefaultVersionId: 'v3', versionCount: 3 };
		const version = { PolicyArn: policyArn, PolicyDocument: doc('n'), SetAsDefault: true };
		expect(inv('iam:CreatePolicyVersion', version, state, { outputs: { VersionId: 'v4' } })).toStrictEqual(
			undo('iam:SetDefaultPolicyVersion', { PolicyArn: policyArn, VersionId: 'v3' }, `Make version v3 of ${policyArn} the default again`),
		);
	});

	it('a new non-default version: deletes the version created, or has no inverse without its ID', () => {
		const state = { DefaultVersionId: 'v3', versionCount: 3 };
		const version = { PolicyArn: policyArn, PolicyDocument: doc('n'), SetAsDefault: false };
		expect(inv('iam:CreatePolicyVersion', version, state, { outputs: { VersionId: 'v4' } })).toStrictEqual(
			undo('iam:DeletePolicyVersion', { PolicyArn: policyArn, VersionId: 'v4' }, `Delete version v4 of ${policyArn}`),
		);
		expect(inv('iam:CreatePolicyVersion', version, state, {})).toBeNull();
	});

	it('a changed default version: sets the previous one back', () => {
		expect(inv('iam:SetDefaultPolicyVersion', { PolicyArn: policyArn, VersionId: 'v1' }, { DefaultVersionId: 'v2' })).toStrictEqual(
			undo('iam:SetDefaultPolicyVersion', { PolicyArn: policyArn, VersionId: 'v2' }, `Make version v2 of ${policyArn} the default again`),
		);
	});

	it('a deleted version: re-created from its document as a non-default version', () => {
		expect(inv('iam:DeletePolicyVersion', { PolicyArn: policyArn, VersionId: 'v2' }, { PolicyDocument: doc('v2') })).toStrictEqual(
			undo(
				'iam:CreatePolicyVersion',
				{ PolicyArn: policyArn, PolicyDocument: doc('v2'), SetAsDefault: false },
				`Re-create the deleted version v2 of ${policyArn} (as a new non-default version)`,
			),
		);
	});
});

describe('inline policies, per owner', () => {
	const owners: [string, string, 'User' | 'Group' | 'Role', string][] = [
		['UserName', 'alice', 'User', 'user'],
		['GroupName', 'admins', 'Group', 'group'],
		['RoleName', 'deployer', 'Role', 'role'],
	];

	it.each(owners)('a replaced %s policy is put back with its previous document', (key, owner, entity, word) => {
		const kind = `iam:Put${entity}Policy` as ActionKind;
		expect(inv(kind, { [key]: owner, PolicyName: 'inline', PolicyDocument: doc('new') }, { PolicyDocument: doc('old') })).toStrictEqual(
			undo(kind, { [key]: owner, PolicyName: 'inline', PolicyDocument: doc('old') }, `Restore the previous inline policy inline of ${word} ${owner}`),
		);
	});

	it.each(owners)('a new %s policy is deleted (it did not exist before)', (key, owner, entity, word) => {
		expect(inv(`iam:Put${entity}Policy` as ActionKind, { [key]: owner, PolicyName: 'inline', PolicyDocument: doc('new') }, { PolicyDocument: null })).toStrictEqual(
			undo(`iam:Delete${entity}Policy` as ActionKind, { [key]: owner, PolicyName: 'inline' }, `Delete inline policy inline of ${word} ${owner} (it did not exist before)`),
		);
	});

	it.each(owners)('a deleted %s policy is put back from the document read before', (key, owner, entity, word) => {
		expect(inv(`iam:Delete${entity}Policy` as ActionKind, { [key]: owner, PolicyName: 'inline' }, { PolicyDocument: doc('old') })).toStrictEqual(
			undo(`iam:Put${entity}Policy` as ActionKind, { [key]: owner, PolicyName: 'inline', PolicyDocument: doc('old') }, `Restore inline policy inline of ${word} ${owner}`),
		);
	});
});

describe('permissions boundaries', () => {
	const boundary = 'arn:aws:iam::111122223333:policy/Boundary';
	it.each<ActionKind>(['iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary'])('%s: restores the previous role boundary, or removes it when there was none', (kind) => {
		const params = kind === 'iam:PutRolePermissionsBoundary' ? { RoleName: 'deployer', PermissionsBoundary: 'arn:aws:iam::aws:policy/New' } : { RoleName: 'deployer' };
		expect(inv(kind, params, { PermissionsBoundary: boundary })).toStrictEqual(
			undo('iam:PutRolePermissionsBoundary', { RoleName: 'deployer', PermissionsBoundary: boundary }, `Restore boundary ${boundary} on role deployer`),
		);
		expect(inv(kind, params, { PermissionsBoundary: null })).toStrictEqual(
			undo('iam:DeleteRolePermissionsBoundary', { RoleName: 'deployer' }, 'Remove the permissions boundary from role deployer'),
		);
	});

	it.each<ActionKind>(['iam:PutUserPermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'])('%s: restores the previous user boundary, or removes it when there was none', (kind) => {
		const params = kind === 'iam:PutUserPermissionsBoundary' ? { UserName: 'alice', PermissionsBoundary: 'arn:aws:iam::aws:policy/New' } : { UserName: 'alice' };
		expect(inv(kind, params, { PermissionsBoundary: boundary })).toStrictEqual(
			undo('iam:PutUserPermissionsBoundary', { UserName: 'alice', PermissionsBoundary: boundary }, `Restore boundary ${boundary} on user alice`),
		);
		expect(inv(kind, params, { PermissionsBoundary: null })).toStrictEqual(
			undo('iam:DeleteUserPermissionsBoundary', { UserName: 'alice' }, 'Remove the permissions boundary from user alice'),
		);
	});
});

describe('access keys and the password policy', () => {
	const key = { UserName: 'alice', AccessKeyId: 'AKIAEXAMPLE0001' };
	it('sets an access key back to the status read before, and says which way', () => {
		expect(inv('iam:UpdateAccessKey', { ...key, Status: 'Inactive' }, { Status: 'Active' })).toStrictEqual(
			undo('iam:UpdateAccessKey', { ...key, Status: 'Active' }, 'Re-activate access key AKIAEXAMPLE0001 of user alice'),
		);
		expect(inv('iam:UpdateAccessKey', { ...key, Status: 'Active' }, { Status: 'Inactive' })).toStrictEqual(
			undo('iam:UpdateAccessKey', { ...key, Status: 'Inactive' }, 'Deactivate access key AKIAEXAMPLE0001 of user alice'),
		);
	});

	it.each<ActionKind>(['iam:UpdateAccountPasswordPolicy', 'iam:DeleteAccountPasswordPolicy'])('%s: restores the previous password policy, or deletes it when there was none', (kind) => {
		const previous = { MinimumPasswordLength: 8, RequireSymbols: false };
		const params = kind === 'iam:UpdateAccountPasswordPolicy' ? { MinimumPasswordLength: 14 } : {};
		expect(inv(kind, params, { PasswordPolicy: previous })).toStrictEqual(undo('iam:UpdateAccountPasswordPolicy', previous, 'Restore the previous account password policy'));
		expect(inv(kind, params, { PasswordPolicy: null })).toStrictEqual(
			undo('iam:DeleteAccountPasswordPolicy', {}, 'Delete the account password policy (there was none before)'),
		);
	});
});

describe('AWS Config', () => {
	const recorder = { name: 'default', roleARN: 'arn:aws:iam::111122223333:role/config', recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } };
	it('deletes a recorder that did not exist', () => {
		expect(inv('config:PutConfigurationRecorder', { ConfigurationRecorder: recorder }, { ConfigurationRecorder: null })).toStrictEqual(
			undo('config:DeleteConfigurationRecorder', { ConfigurationRecorderName: 'default' }, 'Delete configuration recorder default'),
		);
	});

	it('restores a replaced recorder with its role and recording group, the types it recorded included (no role read: an empty role)', async () => {
		const before = { name: 'old', roleArn: 'arn:aws:iam::111122223333:role/old', recording: true, allSupported: false, includeGlobalResourceTypes: false, resourceTypes: ['AWS::IAM::User', 'AWS::IAM::Role'] };
		const restore = inv('config:PutConfigurationRecorder', { ConfigurationRecorder: recorder }, { ConfigurationRecorder: before });
		expect(restore).toStrictEqual(
			undo(
				'config:PutConfigurationRecorder',
				{
					ConfigurationRecorder: {
						name: 'old',
						roleARN: before.roleArn,
						recordingGroup: { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: ['AWS::IAM::User', 'AWS::IAM::Role'], recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' } },
					},
				},
				'Restore configuration recorder old',
			),
		);
		// AWS (and the sandbox) refuse a recorder of no type and not all: the restore is one it takes.
		const sandbox = createSandboxGateway();
		await expect(sandbox.apply(restore!)).resolves.toBeDefined();
		expect((await sandbox.readAccount()).config?.recorders).toEqual([expect.objectContaining({ name: 'old', allSupported: false, resourceTypes: ['AWS::IAM::User', 'AWS::IAM::Role'] })]);
		const noRole = { name: 'old', recording: false, allSupported: true, includeGlobalResourceTypes: true };
		expect(inv('config:PutConfigurationRecorder', { ConfigurationRecorder: recorder }, { ConfigurationRecorder: noRole })).toStrictEqual(
			undo(
				'config:PutConfigurationRecorder',
				{ ConfigurationRecorder: { name: 'old', roleARN: '', recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } },
				'Restore configuration recorder old',
			),
		);
	});

	it('deletes a delivery channel or rule it created; one that existed stays (no inverse)', () => {
		const channel = { DeliveryChannel: { name: 'default', s3BucketName: 'config-bucket' } };
		expect(inv('config:PutDeliveryChannel', channel, { exists: false })).toStrictEqual(
			undo('config:DeleteDeliveryChannel', { DeliveryChannelName: 'default' }, 'Delete delivery channel default'),
		);
		expect(inv('config:PutDeliveryChannel', channel, { exists: true })).toBeNull();
		const rule = { ConfigRule: { ConfigRuleName: 'iam-password-policy', Source: { Owner: 'AWS', SourceIdentifier: 'IAM_PASSWORD_POLICY' } } };
		expect(inv('config:PutConfigRule', rule, { exists: false })).toStrictEqual(
			undo('config:DeleteConfigRule', { ConfigRuleName: 'iam-password-policy' }, 'Delete Config rule iam-password-policy'),
		);
		expect(inv('config:PutConfigRule', rule, { exists: true })).toBeNull();
	});
});

describe('EventBridge', () => {
	const rule = { Name: 'iam-wizard-root-activity', EventPattern: '{"source":["aws.iam"]}', State: 'ENABLED', Description: 'new' };
	it('deletes a rule that did not exist', () => {
		expect(inv('events:PutRule', rule, { Rule: null })).toStrictEqual(undo('events:DeleteRule', { Name: rule.Name }, 'Delete EventBridge rule iam-wizard-root-activity'));
	});

	it('restores a replaced rule: its pattern, its state (DISABLED stays disabled, anything else is enabled) and description', () => {
		const restored = (params: unknown) => undo('events:PutRule', params, 'Restore EventBridge rule iam-wizard-root-activity');
		expect(inv('events:PutRule', rule, { Rule: { EventPattern: '{"source":["aws.signin"]}', State: 'DISABLED', Description: 'old' } })).toStrictEqual(
			restored({ Name: rule.Name, EventPattern: '{"source":["aws.signin"]}', State: 'DISABLED', Description: 'old' }),
		);
		expect(inv('events:PutRule', rule, { Rule: { State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' } })).toStrictEqual(
			restored({ Name: rule.Name, EventPattern: '', State: 'ENABLED', Description: undefined }),
		);
	});

	it('puts back the targets it replaced (same ID), else removes the targets it added', () => {
		const before = [
			{ id: 'alerts', arn: 'arn:aws:sns:us-east-1:111122223333:old' },
			{ id: 'other', arn: 'arn:aws:sns:us-east-1:111122223333:other' },
		];
		const added = { Rule: 'r', Targets: [{ id: 'alerts', arn: 'arn:aws:sns:us-east-1:111122223333:new' }, { id: 'second', arn: 'arn:aws:sns:us-east-1:111122223333:s' }] };
		expect(inv('events:PutTargets', added, { Targets: before })).toStrictEqual(
			undo('events:PutTargets', { Rule: 'r', Targets: [before[0]] }, 'Restore the previous targets of rule r'),
		);
		expect(inv('events:PutTargets', added, { Targets: [before[1]] })).toStrictEqual(
			undo('events:RemoveTargets', { Rule: 'r', Ids: ['alerts', 'second'] }, 'Remove the new targets of rule r'),
		);
	});
});

it('keeps the step and findings of the undone action and sets no risk, notes or proof', () => {
	const action = { ...act('iam:CreateGroup', { GroupName: 'g' }), step: 1, risk: { lockout: 'x' }, notes: ['n'] } as Action;
	expect(inverseOf(action, {} as PriorState)).toStrictEqual({ kind: 'iam:DeleteGroup', params: { GroupName: 'g' }, step: 1, findingIds, summary: 'Delete group g' });
});

describe('createdVersionCleanup', () => {
	const PolicyArn = 'arn:aws:iam::123456789012:policy/p';
	const create = (SetAsDefault: boolean): Action => ({
		kind: 'iam:CreatePolicyVersion',
		params: { PolicyArn, PolicyDocument: { Version: '2012-10-17', Statement: [] }, SetAsDefault },
		step: 3,
		findingIds: ['POLICY_SERVICE_WILDCARD'],
		summary: 'Scope p',
	});

	it('deletes the version a new default created, with the finding IDs of the change it undoes', () => {
		expect(createdVersionCleanup(create(true), { outputs: { VersionId: 'v6' } })).toEqual([
			{ kind: 'iam:DeletePolicyVersion', params: { PolicyArn, VersionId: 'v6' }, step: 3, findingIds: ['POLICY_SERVICE_WILDCARD'], summary: `Delete version v6 of ${PolicyArn}, which the undone change created` },
		]);
	});

	it('adds nothing for a non-default version (its inverse deletes it already), an unknown version ID, or another kind', () => {
		expect(createdVersionCleanup(create(false), { outputs: { VersionId: 'v6' } })).toEqual([]);
		expect(createdVersionCleanup(create(true), {})).toEqual([]);
		expect(createdVersionCleanup(create(true), { outputs: {} })).toEqual([]);
		expect(createdVersionCleanup(create(true))).toEqual([]);
		expect(createdVersionCleanup({ kind: 'iam:SetDefaultPolicyVersion', params: { PolicyArn, VersionId: 'v2' }, step: 3, findingIds: [], summary: 's' }, { outputs: { VersionId: 'v6' } })).toEqual([]);
	});
});
