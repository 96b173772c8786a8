/**
 * One IAM call per IAM action kind. Policy documents travel as objects in actions and as
 * JSON strings on the wire. The switch is exhaustive: a new `iam:` kind in core/actions.ts
 * does not compile until it is handled here.
 */
import {
	AddRoleToInstanceProfileCommand,
	AddUserToGroupCommand,
	AttachGroupPolicyCommand,
	AttachRolePolicyCommand,
	AttachUserPolicyCommand,
	CreateGroupCommand,
	CreateInstanceProfileCommand,
	CreateOpenIDConnectProviderCommand,
	CreatePolicyCommand,
	CreatePolicyVersionCommand,
	CreateRoleCommand,
	DeleteAccessKeyCommand,
	DeleteAccountPasswordPolicyCommand,
	DeleteGroupCommand,
	DeleteGroupPolicyCommand,
	DeleteInstanceProfileCommand,
	DeleteOpenIDConnectProviderCommand,
	DeleteLoginProfileCommand,
	DeletePolicyCommand,
	DeletePolicyVersionCommand,
	DeleteRoleCommand,
	DeleteRolePermissionsBoundaryCommand,
	DeleteRolePolicyCommand,
	DeleteUserPermissionsBoundaryCommand,
	DeleteUserPolicyCommand,
	DetachGroupPolicyCommand,
	DetachRolePolicyCommand,
	DetachUserPolicyCommand,
	GenerateCredentialReportCommand,
	PutGroupPolicyCommand,
	PutRolePermissionsBoundaryCommand,
	PutRolePolicyCommand,
	PutUserPermissionsBoundaryCommand,
	PutUserPolicyCommand,
	RemoveRoleFromInstanceProfileCommand,
	RemoveUserFromGroupCommand,
	SetDefaultPolicyVersionCommand,
	UpdateAccessKeyCommand,
	UpdateAccountPasswordPolicyCommand,
	UpdateAssumeRolePolicyCommand,
	CreateServiceLinkedRoleCommand,
	DeleteServiceLinkedRoleCommand,
} from '@aws-sdk/client-iam';
import type { Action, ActionKind, ApplyResult } from '../../core/actions.js';
import { policyDocumentToJson } from '../../core/policy-document.js';
import type { AwsCaller, SdkCommand } from './aws-caller.js';
import { applyResult, unhandledKind } from './apply-result.js';

export type IamKind = Extract<ActionKind, `iam:${string}`>;

export function isIamAction(action: Action): action is Action<IamKind> {
	return action.kind.startsWith('iam:');
}

async function call<Output extends object>(
	caller: AwsCaller,
	command: SdkCommand<Output>,
	outputs?: (output: Output) => Record<string, string | undefined>,
): Promise<ApplyResult> {
	const output = await caller.send('iam', command);
	return applyResult(output, outputs ? outputs(output) : {});
}

export async function applyIamAction(caller: AwsCaller, action: Action<IamKind>): Promise<ApplyResult> {
	switch (action.kind) {
		case 'iam:GenerateCredentialReport':
			return call(caller, new GenerateCredentialReportCommand({}), (o) => ({ State: o.State }));
		case 'iam:CreateGroup':
			return call(caller, new CreateGroupCommand(action.params), (o) => ({ GroupArn: o.Group?.Arn }));
		case 'iam:DeleteGroup':
			return call(caller, new DeleteGroupCommand(action.params));
		case 'iam:AddUserToGroup':
			return call(caller, new AddUserToGroupCommand(action.params));
		case 'iam:RemoveUserFromGroup':
			return call(caller, new RemoveUserFromGroupCommand(action.params));
		case 'iam:AttachGroupPolicy':
			return call(caller, new AttachGroupPolicyCommand(action.params));
		case 'iam:DetachGroupPolicy':
			return call(caller, new DetachGroupPolicyCommand(action.params));
		case 'iam:AttachUserPolicy':
			return call(caller, new AttachUserPolicyCommand(action.params));
		case 'iam:DetachUserPolicy':
			return call(caller, new DetachUserPolicyCommand(action.params));
		case 'iam:AttachRolePolicy':
			return call(caller, new AttachRolePolicyCommand(action.params));
		case 'iam:DetachRolePolicy':
			return call(caller, new DetachRolePolicyCommand(action.params));
		case 'iam:CreateRole': {
			const { AssumeRolePolicyDocument, ...rest } = action.params;
			return call(caller, new CreateRoleCommand({ ...rest, AssumeRolePolicyDocument: policyDocumentToJson(AssumeRolePolicyDocument) }), (o) => ({
				RoleArn: o.Role?.Arn,
			}));
		}
		case 'iam:DeleteRole':
			return call(caller, new DeleteRoleCommand(action.params));
		case 'iam:CreateServiceLinkedRole':
			return call(caller, new CreateServiceLinkedRoleCommand(action.params), (o) => ({ RoleName: o.Role?.RoleName, Arn: o.Role?.Arn }));
		case 'iam:DeleteServiceLinkedRole':
			return call(caller, new DeleteServiceLinkedRoleCommand(action.params), (o) => ({ DeletionTaskId: o.DeletionTaskId }));
		case 'iam:UpdateAssumeRolePolicy':
			return call(caller, new UpdateAssumeRolePolicyCommand({ RoleName: action.params.RoleName, PolicyDocument: policyDocumentToJson(action.params.PolicyDocument) }));
		case 'iam:CreatePolicyVersion': {
			const { PolicyArn, PolicyDocument, SetAsDefault } = action.params;
			return call(caller, new CreatePolicyVersionCommand({ PolicyArn, PolicyDocument: policyDocumentToJson(PolicyDocument), SetAsDefault }), (o) => ({
				VersionId: o.PolicyVersion?.VersionId,
			}));
		}
		case 'iam:SetDefaultPolicyVersion':
			return call(caller, new SetDefaultPolicyVersionCommand(action.params));
		case 'iam:DeletePolicyVersion':
			return call(caller, new DeletePolicyVersionCommand(action.params));
		case 'iam:PutUserPolicy':
			return call(caller, new PutUserPolicyCommand({ ...action.params, PolicyDocument: policyDocumentToJson(action.params.PolicyDocument) }));
		case 'iam:PutGroupPolicy':
			return call(caller, new PutGroupPolicyCommand({ ...action.params, PolicyDocument: policyDocumentToJson(action.params.PolicyDocument) }));
		case 'iam:PutRolePolicy':
			return call(caller, new PutRolePolicyCommand({ ...action.params, PolicyDocument: policyDocumentToJson(action.params.PolicyDocument) }));
		case 'iam:DeleteUserPolicy':
			return call(caller, new DeleteUserPolicyCommand(action.params));
		case 'iam:DeleteGroupPolicy':
			return call(caller, new DeleteGroupPolicyCommand(action.params));
		case 'iam:DeleteRolePolicy':
			return call(caller, new DeleteRolePolicyCommand(action.params));
		case 'iam:CreatePolicy':
			return call(caller, new CreatePolicyCommand({ ...action.params, PolicyDocument: policyDocumentToJson(action.params.PolicyDocument) }), (o) => ({
				PolicyArn: o.Policy?.Arn,
				PolicyId: o.Policy?.PolicyId,
			}));
		case 'iam:DeletePolicy':
			return call(caller, new DeletePolicyCommand(action.params));
		case 'iam:PutRolePermissionsBoundary':
			return call(caller, new PutRolePermissionsBoundaryCommand(action.params));
		case 'iam:DeleteRolePermissionsBoundary':
			return call(caller, new DeleteRolePermissionsBoundaryCommand(action.params));
		case 'iam:PutUserPermissionsBoundary':
			return call(caller, new PutUserPermissionsBoundaryCommand(action.params));
		case 'iam:DeleteUserPermissionsBoundary':
			return call(caller, new DeleteUserPermissionsBoundaryCommand(action.params));
		case 'iam:UpdateAccessKey':
			return call(caller, new UpdateAccessKeyCommand(action.params));
		case 'iam:DeleteAccessKey':
			return call(caller, new DeleteAccessKeyCommand(action.params));
		case 'iam:DeleteLoginProfile':
			return call(caller, new DeleteLoginProfileCommand(action.params));
		case 'iam:UpdateAccountPasswordPolicy':
			return call(caller, new UpdateAccountPasswordPolicyCommand(action.params));
		case 'iam:DeleteAccountPasswordPolicy':
			return call(caller, new DeleteAccountPasswordPolicyCommand({}));
		case 'iam:CreateInstanceProfile':
			return call(caller, new CreateInstanceProfileCommand(action.params), (o) => ({ Arn: o.InstanceProfile?.Arn }));
		case 'iam:DeleteInstanceProfile':
			return call(caller, new DeleteInstanceProfileCommand(action.params));
		case 'iam:AddRoleToInstanceProfile':
			return call(caller, new AddRoleToInstanceProfileCommand(action.params));
		case 'iam:RemoveRoleFromInstanceProfile':
			return call(caller, new RemoveRoleFromInstanceProfileCommand(action.params));
		case 'iam:CreateOpenIDConnectProvider':
			return call(caller, new CreateOpenIDConnectProviderCommand(action.params), (o) => ({ OpenIDConnectProviderArn: o.OpenIDConnectProviderArn }));
		case 'iam:DeleteOpenIDConnectProvider':
			return call(caller, new DeleteOpenIDConnectProviderCommand(action.params));
		default:
			return unhandledKind(action);
	}
}
