/**
 * Applies one action to a sandbox state in place, with AWS's semantics, and returns what
 * AWS would return. Every action kind is handled; the `never` check makes a new kind in
 * core/actions.ts a compile error here until the sandbox implements it.
 */
import type { Action } from '../../core/actions.js';
import { GatewayError } from '../../core/gateway-error.js';
import { createAnalyzer, deleteAnalyzer, startPolicyGeneration, updateFindings } from './apply-access-analyzer.js';
import type { ApplyContext, Outputs } from './apply-context.js';
import {
	deleteConfigRule,
	deleteConfigurationRecorder,
	deleteDeliveryChannel,
	putConfigRule,
	putConfigurationRecorder,
	putDeliveryChannel,
	startConfigurationRecorder,
	stopConfigurationRecorder,
} from './apply-config.js';
import { createTopic, deleteRule, deleteTopic, putRule, putTargets, removeTargets } from './apply-events-sns.js';
import { deleteAccountPasswordPolicy, generateCredentialReport, updateAccountPasswordPolicy } from './apply-iam-account.js';
import { attachPolicy, deleteInlinePolicy, detachPolicy, putInlinePolicy } from './apply-iam-attachments.js';
import { createPolicy, createPolicyVersion, deletePolicy, deletePolicyVersion, setDefaultPolicyVersion } from './apply-iam-policies.js';
import {
	addUserToGroup,
	createGroup,
	createRole,
	deleteAccessKey,
	deleteGroup,
	deleteLoginProfile,
	deletePermissionsBoundary,
	deleteRole,
	putPermissionsBoundary,
	removeUserFromGroup,
	updateAccessKey,
	updateAssumeRolePolicy,
} from './apply-iam-principals.js';
import {
	addRoleToInstanceProfile,
	createInstanceProfile,
	createOpenIdConnectProvider,
	deleteInstanceProfile,
	deleteOpenIdConnectProvider,
	removeRoleFromInstanceProfile,
} from './apply-iam-workload.js';
import { deleteAlarms, deleteMetricFilter, putMetricAlarm, putMetricFilter, setTopicAttributes, subscribe, unsubscribe } from './apply-alert-delivery.js';
import { createBucket, createServiceLinkedRole, deleteBucket, deleteBucketPolicy, deleteServiceLinkedRole, putBucketPolicy } from './apply-recorder-prereqs.js';
import { batchDisableStandards, batchEnableStandards, disableSecurityHub, enableSecurityHub } from './apply-security-hub.js';
import { assumeRootAndDelete } from './root-access.js';
import { attachScp, createScp, deleteScp, detachScp, disablePolicyType, enablePolicyType } from './apply-organizations.js';

export function applyToState(ctx: ApplyContext, action: Action): Outputs | void {
	switch (action.kind) {
		case 'iam:GenerateCredentialReport':
			return generateCredentialReport(ctx);
		case 'iam:CreateGroup':
			return createGroup(ctx, action.params);
		case 'iam:DeleteGroup':
			return deleteGroup(ctx, action.params);
		case 'iam:AddUserToGroup':
			return addUserToGroup(ctx, action.params);
		case 'iam:RemoveUserFromGroup':
			return removeUserFromGroup(ctx, action.params);
		case 'iam:AttachGroupPolicy':
			return attachPolicy(ctx, 'Group', action.params.GroupName, action.params.PolicyArn);
		case 'iam:DetachGroupPolicy':
			return detachPolicy(ctx, 'Group', action.params.GroupName, action.params.PolicyArn);
		case 'iam:AttachUserPolicy':
			return attachPolicy(ctx, 'User', action.params.UserName, action.params.PolicyArn);
		case 'iam:DetachUserPolicy':
			return detachPolicy(ctx, 'User', action.params.UserName, action.params.PolicyArn);
		case 'iam:AttachRolePolicy':
			return attachPolicy(ctx, 'Role', action.params.RoleName, action.params.PolicyArn);
		case 'iam:DetachRolePolicy':
			return detachPolicy(ctx, 'Role', action.params.RoleName, action.params.PolicyArn);
		case 'iam:CreateRole':
			return createRole(ctx, action.params);
		case 'iam:DeleteRole':
			return deleteRole(ctx, action.params);
		case 'access-analyzer:CreateAnalyzer':
			return createAnalyzer(ctx, action.params);
		case 'access-analyzer:DeleteAnalyzer':
			return deleteAnalyzer(ctx, action.params);
		case 'access-analyzer:UpdateFindings':
			return updateFindings(ctx, action.params);
		case 'access-analyzer:StartPolicyGeneration':
			return startPolicyGeneration(ctx, action.params);
		case 'iam:UpdateAssumeRolePolicy':
			return updateAssumeRolePolicy(ctx, action.params);
		case 'iam:CreatePolicyVersion':
			return createPolicyVersion(ctx, action.params);
		case 'iam:SetDefaultPolicyVersion':
			return setDefaultPolicyVersion(ctx, action.params);
		case 'iam:DeletePolicyVersion':
			return deletePolicyVersion(ctx, action.params);
		case 'iam:PutUserPolicy':
			return putInlinePolicy(ctx, 'User', action.params.UserName, action.params.PolicyName, action.params.PolicyDocument);
		case 'iam:PutGroupPolicy':
			return putInlinePolicy(ctx, 'Group', action.params.GroupName, action.params.PolicyName, action.params.PolicyDocument);
		case 'iam:PutRolePolicy':
			return putInlinePolicy(ctx, 'Role', action.params.RoleName, action.params.PolicyName, action.params.PolicyDocument);
		case 'iam:DeleteUserPolicy':
			return deleteInlinePolicy(ctx, 'User', action.params.UserName, action.params.PolicyName);
		case 'iam:DeleteGroupPolicy':
			return deleteInlinePolicy(ctx, 'Group', action.params.GroupName, action.params.PolicyName);
		case 'iam:DeleteRolePolicy':
			return deleteInlinePolicy(ctx, 'Role', action.params.RoleName, action.params.PolicyName);
		case 'iam:CreatePolicy':
			return createPolicy(ctx, action.params);
		case 'iam:DeletePolicy':
			return deletePolicy(ctx, action.params);
		case 'iam:PutRolePermissionsBoundary':
			return putPermissionsBoundary(ctx, 'Role', action.params.RoleName, action.params.PermissionsBoundary);
		case 'iam:DeleteRolePermissionsBoundary':
			return deletePermissionsBoundary(ctx, 'Role', action.params.RoleName);
		case 'iam:PutUserPermissionsBoundary':
			return putPermissionsBoundary(ctx, 'User', action.params.UserName, action.params.PermissionsBoundary);
		case 'iam:DeleteUserPermissionsBoundary':
			return deletePermissionsBoundary(ctx, 'User', action.params.UserName);
		case 'organizations:EnablePolicyType':
			return enablePolicyType(ctx, action.params);
		case 'organizations:DisablePolicyType':
			return disablePolicyType(ctx, action.params);
		case 'organizations:CreatePolicy':
			return createScp(ctx, action.params);
		case 'organizations:DeletePolicy':
			return deleteScp(ctx, action.params);
		case 'organizations:AttachPolicy':
			return attachScp(ctx, action.params);
		case 'organizations:DetachPolicy':
			return detachScp(ctx, action.params);
		case 'iam:UpdateAccessKey':
			return updateAccessKey(ctx, action.params);
		case 'iam:DeleteAccessKey':
			return deleteAccessKey(ctx, action.params);
		case 'iam:DeleteLoginProfile':
			return deleteLoginProfile(ctx, action.params);
		case 'iam:UpdateAccountPasswordPolicy':
			return updateAccountPasswordPolicy(ctx, action.params);
		case 'iam:DeleteAccountPasswordPolicy':
			return deleteAccountPasswordPolicy(ctx);
		case 'iam:CreateInstanceProfile':
			return createInstanceProfile(ctx, action.params);
		case 'iam:DeleteInstanceProfile':
			return deleteInstanceProfile(ctx, action.params);
		case 'iam:AddRoleToInstanceProfile':
			return addRoleToInstanceProfile(ctx, action.params);
		case 'iam:RemoveRoleFromInstanceProfile':
			return removeRoleFromInstanceProfile(ctx, action.params);
		case 'iam:CreateOpenIDConnectProvider':
			return createOpenIdConnectProvider(ctx, action.params);
		case 'iam:DeleteOpenIDConnectProvider':
			return deleteOpenIdConnectProvider(ctx, action.params);
		case 'sts:AssumeRoot':
			return assumeRootAndDelete(ctx, action.params);
		case 'config:PutConfigurationRecorder':
			return putConfigurationRecorder(ctx, action.params);
		case 'config:DeleteConfigurationRecorder':
			return deleteConfigurationRecorder(ctx, action.params);
		case 'config:PutDeliveryChannel':
			return putDeliveryChannel(ctx, action.params);
		case 'config:DeleteDeliveryChannel':
			return deleteDeliveryChannel(ctx, action.params);
		case 'config:StartConfigurationRecorder':
			return startConfigurationRecorder(ctx, action.params);
		case 'config:StopConfigurationRecorder':
			return stopConfigurationRecorder(ctx, action.params);
		case 'config:PutConfigRule':
			return putConfigRule(ctx, action.params);
		case 'config:DeleteConfigRule':
			return deleteConfigRule(ctx, action.params);
		case 'events:PutRule':
			return putRule(ctx, action.params, action.proof);
		case 'events:DeleteRule':
			return deleteRule(ctx, action.params);
		case 'events:PutTargets':
			return putTargets(ctx, action.params);
		case 'events:RemoveTargets':
			return removeTargets(ctx, action.params);
		case 'sns:CreateTopic':
			return createTopic(ctx, action.params);
		case 'sns:DeleteTopic':
			return deleteTopic(ctx, action.params);
		case 'iam:CreateServiceLinkedRole':
			return createServiceLinkedRole(ctx, action.params);
		case 'iam:DeleteServiceLinkedRole':
			return deleteServiceLinkedRole(ctx, action.params);
		case 's3:CreateBucket':
			return createBucket(ctx, action.params);
		case 's3:DeleteBucket':
			return deleteBucket(ctx, action.params);
		case 's3:PutBucketPolicy':
			return putBucketPolicy(ctx, action.params);
		case 's3:DeleteBucketPolicy':
			return deleteBucketPolicy(ctx, action.params);
		case 'sns:SetTopicAttributes':
			return setTopicAttributes(ctx, action.params);
		case 'sns:Subscribe':
			return subscribe(ctx, action.params);
		case 'sns:Unsubscribe':
			return unsubscribe(ctx, action.params);
		case 'securityhub:EnableSecurityHub':
			return enableSecurityHub(ctx, action.params);
		case 'securityhub:DisableSecurityHub':
			return disableSecurityHub(ctx);
		case 'securityhub:BatchEnableStandards':
			return batchEnableStandards(ctx, action.params);
		case 'securityhub:BatchDisableStandards':
			return batchDisableStandards(ctx, action.params);
		case 'logs:PutMetricFilter':
			return putMetricFilter(ctx, action.params);
		case 'logs:DeleteMetricFilter':
			return deleteMetricFilter(ctx, action.params);
		case 'cloudwatch:PutMetricAlarm':
			return putMetricAlarm(ctx, action.params);
		case 'cloudwatch:DeleteAlarms':
			return deleteAlarms(ctx, action.params);
		default: {
			const unknown: never = action;
			throw new GatewayError('InvalidAction', `The sandbox does not know the action ${String((unknown as Action).kind)}.`);
		}
	}
}
