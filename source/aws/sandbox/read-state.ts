/**
 * What an action is about to change (or has changed), read from the state directly, never
 * from the credential report: the kinds of PriorStates get their state; every other kind
 * gets whether its target exists. Missing targets fail as the matching Get call would.
 */
import { rootCredentialsState } from './root-access.js';
import type { Action, PriorState } from '../../core/actions.js';
import { InvalidEventError, InvalidEventPatternError, testEventPattern } from '../../core/event-pattern.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { orAbsentNow } from '../absence.js';
import { getAccountPasswordPolicy } from './password-policy.js';
import { fail, findGroup, findPolicy, findRole, findUser } from './sandbox-lookup.js';
import { instanceProfileNames } from './apply-iam-workload.js';
import { putRuleProof, readMonitoringState } from './read-monitoring-state.js';
import type { SandboxState } from './sandbox-state.js';
import { workloadKeyLastUsed } from './workload-activity.js';

function inlineDocument(holder: { inlinePolicies: { name: string; document: PolicyDocument }[] }, policyName: string): PolicyDocument | null {
	const policy = holder.inlinePolicies.find((p) => p.name === policyName);
	return policy ? structuredClone(policy.document) : null;
}

function requiredInline(holder: { inlinePolicies: { name: string; document: PolicyDocument }[] }, entity: string, policyName: string, operation: string): PolicyDocument {
	return inlineDocument(holder, policyName) ?? fail('NoSuchEntity', `The ${entity} policy with name ${policyName} cannot be found.`, operation);
}

function resolveScp(state: SandboxState, ref: { PolicyId?: string; PolicyName?: string }) {
	return state.organization?.policies.find((p) => (ref.PolicyId ? p.id === ref.PolicyId : p.name === ref.PolicyName));
}

/** Reads the state `action` would replace. */
export function readSandboxState(state: SandboxState, action: Action, now: Date = new Date(state.seededAt)): PriorState {
	const op = action.kind;
	const exists = (value: boolean): PriorState => ({ exists: value }) as PriorState;
	switch (action.kind) {
		case 'iam:UpdateAccessKey': {
			const user = findUser(state, action.params.UserName, op);
			const key = user.accessKeys.find((k) => k.id === action.params.AccessKeyId) ?? fail('NoSuchEntity', `The Access Key with id ${action.params.AccessKeyId} cannot be found.`, op);
			return { Status: key.status } as PriorState;
		}
		case 'iam:UpdateAssumeRolePolicy':
			return { PolicyDocument: structuredClone(findRole(state, action.params.RoleName, op).trustPolicy) } as PriorState;
		case 'iam:CreatePolicyVersion': {
			const policy = findPolicy(state, action.params.PolicyArn, op);
			return { DefaultVersionId: policy.defaultVersionId, versionCount: policy.versions.length } as PriorState;
		}
		case 'iam:SetDefaultPolicyVersion':
			return { DefaultVersionId: findPolicy(state, action.params.PolicyArn, op).defaultVersionId } as PriorState;
		case 'iam:DeletePolicyVersion': {
			const policy = findPolicy(state, action.params.PolicyArn, op);
			const version = policy.versions.find((v) => v.versionId === action.params.VersionId) ?? fail('NoSuchEntity', `Policy ${policy.arn} version ${action.params.VersionId} does not exist.`, op);
			return { PolicyDocument: structuredClone(version.document) } as PriorState;
		}
		case 'iam:PutUserPolicy':
			return { PolicyDocument: inlineDocument(findUser(state, action.params.UserName, op), action.params.PolicyName) } as PriorState;
		case 'iam:PutGroupPolicy':
			return { PolicyDocument: inlineDocument(findGroup(state, action.params.GroupName, op), action.params.PolicyName) } as PriorState;
		case 'iam:PutRolePolicy': {
			// As GetRolePolicy answers for a role made earlier in the same batch: nothing there yet.
			const role = state.roles.find((r) => r.name === action.params.RoleName);
			return { PolicyDocument: role ? inlineDocument(role, action.params.PolicyName) : null } as PriorState;
		}
		case 'iam:DeleteUserPolicy':
			return { PolicyDocument: requiredInline(findUser(state, action.params.UserName, op), 'user', action.params.PolicyName, op) } as PriorState;
		case 'iam:DeleteGroupPolicy':
			return { PolicyDocument: requiredInline(findGroup(state, action.params.GroupName, op), 'group', action.params.PolicyName, op) } as PriorState;
		case 'iam:DeleteRolePolicy':
			return { PolicyDocument: requiredInline(findRole(state, action.params.RoleName, op), 'role', action.params.PolicyName, op) } as PriorState;
		case 'iam:PutRolePermissionsBoundary':
		case 'iam:DeleteRolePermissionsBoundary':
			return { PermissionsBoundary: findRole(state, action.params.RoleName, op).permissionsBoundary ?? null } as PriorState;
		case 'iam:PutUserPermissionsBoundary':
		case 'iam:DeleteUserPermissionsBoundary':
			return { PermissionsBoundary: findUser(state, action.params.UserName, op).permissionsBoundary ?? null } as PriorState;
		case 'iam:UpdateAccountPasswordPolicy':
		case 'iam:DeleteAccountPasswordPolicy':
			return { PasswordPolicy: orAbsentNow(() => getAccountPasswordPolicy(state), null) } as PriorState;
		case 'access-analyzer:UpdateFindings': {
			const statuses: Record<string, string> = {};
			for (const id of action.params.ids) {
				const finding = state.analyzerFindings.find((f) => f.id === id && f.analyzerArn === action.params.analyzerArn);
				if (finding) statuses[id] = finding.status;
			}
			return { statuses } as PriorState;
		}
		case 'config:PutConfigurationRecorder': {
			const recorder = state.config.recorders.find((r) => r.name === action.params.ConfigurationRecorder.name);
			return { ConfigurationRecorder: recorder ? structuredClone(recorder) : null } as PriorState;
		}
		case 'events:PutRule': {
			const rule = state.eventRules.find((r) => r.name === action.params.Name);
			const proof = putRuleProof(action, rule?.eventPattern);
			return {
				Rule: rule ? { EventPattern: rule.eventPattern, State: rule.state, ...(rule.description !== undefined ? { Description: rule.description } : {}) } : null,
				...(proof ? { Proof: proof } : {}),
			} as PriorState;
		}
		case 'events:PutTargets': {
			// A rule the batch creates first has no targets yet, as the live adapter reads it.
			const rule = state.eventRules.find((r) => r.name === action.params.Rule);
			return { Targets: structuredClone(rule?.targets ?? []) } as PriorState;
		}
		// The rest: whether the thing the action names exists (for creations: existed before).
		case 'iam:GenerateCredentialReport':
			return exists(state.credentialReportGeneratedAt !== null);
		case 'iam:CreateGroup':
		case 'iam:DeleteGroup':
			return exists(state.groups.some((g) => g.name === action.params.GroupName));
		case 'iam:AddUserToGroup':
		case 'iam:RemoveUserFromGroup':
			return exists(state.users.some((u) => u.name === action.params.UserName && u.groups.includes(action.params.GroupName)));
		case 'iam:AttachGroupPolicy':
		case 'iam:DetachGroupPolicy':
			return exists(state.groups.some((g) => g.name === action.params.GroupName && g.attachedPolicies.some((p) => p.arn === action.params.PolicyArn)));
		case 'iam:AttachUserPolicy':
		case 'iam:DetachUserPolicy':
			return exists(state.users.some((u) => u.name === action.params.UserName && u.attachedPolicies.some((p) => p.arn === action.params.PolicyArn)));
		case 'iam:AttachRolePolicy':
		case 'iam:DetachRolePolicy':
			return exists(state.roles.some((r) => r.name === action.params.RoleName && r.attachedPolicies.some((p) => p.arn === action.params.PolicyArn)));
		case 'iam:CreateRole':
		case 'iam:DeleteRole':
			return exists(state.roles.some((r) => r.name === action.params.RoleName));
		case 'access-analyzer:CreateAnalyzer':
		case 'access-analyzer:DeleteAnalyzer':
			return exists(state.analyzers.some((a) => a.name === action.params.analyzerName));
		case 'access-analyzer:StartPolicyGeneration':
			return exists(state.policyGenerations.some((g) => g.principalArn === action.params.principalArn));
		// As the live adapter: GetPolicy on the ARN the policy will have; NoSuchEntity (not created yet) is "absent".
		case 'iam:CreatePolicy': {
			const arn = `arn:${state.account.partition}:iam::${state.account.id}:policy${action.params.Path ?? '/'}${action.params.PolicyName}`;
			return exists(orAbsentNow(() => (findPolicy(state, arn, 'iam:GetPolicy'), true), false));
		}
		case 'iam:DeletePolicy':
			return exists(state.policies.some((p) => p.arn === action.params.PolicyArn));
		case 'organizations:EnablePolicyType':
		case 'organizations:DisablePolicyType':
			return exists(state.organization?.roots.some((r) => r.id === action.params.RootId && r.policyTypes.some((t) => t.type === action.params.PolicyType)) ?? false);
		case 'organizations:CreatePolicy':
			return exists(state.organization?.policies.some((p) => p.name === action.params.Name) ?? false);
		case 'organizations:DeletePolicy':
			return exists(resolveScp(state, action.params) !== undefined);
		case 'organizations:AttachPolicy':
		case 'organizations:DetachPolicy':
			return exists(resolveScp(state, action.params)?.targetIds.includes(action.params.TargetId) ?? false);
		case 'iam:DeleteAccessKey': {
			// Status and last use too: a plan to delete a key is stale once the key was used or re-activated.
			const user = state.users.find((u) => u.name === action.params.UserName);
			const key = user?.accessKeys.find((k) => k.id === action.params.AccessKeyId);
			if (!user || !key) return exists(false);
			return { exists: true, Status: key.status, LastUsedDate: workloadKeyLastUsed(state, user, key, now)?.date ?? null } as PriorState;
		}
		case 'iam:CreateInstanceProfile':
		case 'iam:DeleteInstanceProfile':
			return exists(instanceProfileNames(state).includes(action.params.InstanceProfileName));
		case 'iam:AddRoleToInstanceProfile':
		case 'iam:RemoveRoleFromInstanceProfile':
			return exists(state.roles.some((r) => r.name === action.params.RoleName && r.instanceProfiles.includes(action.params.InstanceProfileName)));
		case 'iam:CreateOpenIDConnectProvider': {
			const host = action.params.Url.replace(/^https:\/\//, '').replace(/\/$/, '');
			return exists((state.oidcProviders ?? []).some((p) => p.arn.endsWith(`:oidc-provider/${host}`)));
		}
		case 'iam:DeleteOpenIDConnectProvider':
			return exists((state.oidcProviders ?? []).some((p) => p.arn === action.params.OpenIDConnectProviderArn));
		case 'sts:AssumeRoot':
			return rootCredentialsState(state, action.params) as PriorState;
		case 'iam:DeleteLoginProfile':
			return exists(Boolean(state.users.find((u) => u.name === action.params.UserName)?.loginProfile));
		case 'config:DeleteConfigurationRecorder':
			return exists(state.config.recorders.some((r) => r.name === action.params.ConfigurationRecorderName));
		case 'config:PutDeliveryChannel':
			return exists(state.config.deliveryChannels.some((c) => c.name === action.params.DeliveryChannel.name));
		case 'config:DeleteDeliveryChannel':
			return exists(state.config.deliveryChannels.some((c) => c.name === action.params.DeliveryChannelName));
		case 'config:StartConfigurationRecorder':
		case 'config:StopConfigurationRecorder': {
			const recorder = state.config.recorders.find((r) => r.name === action.params.ConfigurationRecorderName);
			return { exists: recorder !== undefined, recording: recorder?.recording ?? false } as PriorState;
		}
		case 'config:PutConfigRule':
			return exists(state.config.rules.some((r) => r.name === action.params.ConfigRule.ConfigRuleName));
		case 'config:DeleteConfigRule':
			return exists(state.config.rules.some((r) => r.name === action.params.ConfigRuleName));
		case 'events:DeleteRule':
			return exists(state.eventRules.some((r) => r.name === action.params.Name));
		case 'events:RemoveTargets':
			return exists(state.eventRules.some((r) => r.name === action.params.Rule && r.targets.some((t) => action.params.Ids.includes(t.id))));
		case 'sns:CreateTopic':
			return exists(state.resources.some((r) => r.type === 'AWS::SNS::Topic' && r.name === action.params.Name));
		case 'sns:DeleteTopic':
			return exists(state.resources.some((r) => r.arn === action.params.TopicArn));
		case 'iam:CreateServiceLinkedRole':
		case 'iam:DeleteServiceLinkedRole':
		case 's3:CreateBucket':
		case 's3:DeleteBucket':
		case 's3:PutBucketPolicy':
		case 's3:DeleteBucketPolicy':
		case 'sns:SetTopicAttributes':
		case 'sns:Subscribe':
		case 'sns:Unsubscribe':
		case 'securityhub:EnableSecurityHub':
		case 'securityhub:DisableSecurityHub':
		case 'securityhub:BatchEnableStandards':
		case 'securityhub:BatchDisableStandards':
		case 'logs:PutMetricFilter':
		case 'logs:DeleteMetricFilter':
		case 'cloudwatch:PutMetricAlarm':
		case 'cloudwatch:DeleteAlarms':
			return readMonitoringState(state, action);
		default: {
			const unknown: never = action;
			return fail('InvalidAction', `The sandbox does not know the action ${String((unknown as Action).kind)}.`, 'readState');
		}
	}
}

/** events:TestEventPattern, with EventBridge's errors for a bad pattern or event. */
export function sandboxTestEventPattern(eventPattern: string, event: string): boolean {
	try {
		return testEventPattern(eventPattern, event);
	} catch (error) {
		if (error instanceof InvalidEventPatternError) fail('InvalidEventPatternException', error.message, 'events:TestEventPattern');
		if (error instanceof InvalidEventError) fail('ValidationException', error.message, 'events:TestEventPattern');
		throw error;
	}
}
