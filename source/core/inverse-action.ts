/**
 * The inverse of an applied action, built from the state it replaced and what the call
 * returned. `null` means the action cannot be undone (its preview says so).
 */
import type { Action, ActionKind, ActionParams, ApplyResult, PriorState } from './actions.js';

import { type Inverse, monitoringInverse, p, prior } from './inverse-monitoring.js';
import { plural } from './plural.js';

/** Computes the undo of `action`; `state` is what the gateway read before applying it. */
export function inverseOf(action: Action, state: PriorState, result: ApplyResult = {}): Action | null {
	const inverse = inverseParts(action, state, result);
	if (!inverse) return null;
	return {
		kind: inverse.kind,
		params: inverse.params,
		step: action.step,
		findingIds: action.findingIds,
		summary: inverse.summary,
	} as Action;
}

/** Actions that have no inverse at all, whatever the state. */
export const irreversibleKinds: ReadonlySet<ActionKind> = new Set<ActionKind>([
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
]);

/**
 * What undoing a new default policy version takes beyond its inverse: the inverse moves the
 * default back, which leaves the new version in place; deleting it too means the policy ends
 * with the versions it had, and the five-version limit does not refuse re-creating a version
 * the same batch deleted to make room. Used by the wizard's rollback and by `audit undo`.
 */
export function createdVersionCleanup(action: Action, result: ApplyResult = {}): Action[] {
	if (action.kind !== 'iam:CreatePolicyVersion') return [];
	const params = action.params as ActionParams['iam:CreatePolicyVersion'];
	const created = result.outputs?.VersionId;
	if (!params.SetAsDefault || !created) return [];
	return [
		{
			kind: 'iam:DeletePolicyVersion',
			params: { PolicyArn: params.PolicyArn, VersionId: created },
			step: action.step,
			findingIds: action.findingIds,
			summary: `Delete version ${created} of ${params.PolicyArn}, which the undone change created`,
		},
	];
}

export function isReversible(kind: ActionKind): boolean {
	return !irreversibleKinds.has(kind);
}

function inverseParts(action: Action, state: PriorState, result: ApplyResult): Inverse {
	switch (action.kind) {
		case 'iam:CreateGroup': {
			const { GroupName } = p(action, 'iam:CreateGroup');
			return { kind: 'iam:DeleteGroup', params: { GroupName }, summary: `Delete group ${GroupName}` };
		}
		case 'iam:AddUserToGroup': {
			const x = p(action, 'iam:AddUserToGroup');
			return { kind: 'iam:RemoveUserFromGroup', params: x, summary: `Remove user ${x.UserName} from group ${x.GroupName}` };
		}
		case 'iam:RemoveUserFromGroup': {
			const x = p(action, 'iam:RemoveUserFromGroup');
			return { kind: 'iam:AddUserToGroup', params: x, summary: `Add user ${x.UserName} to group ${x.GroupName}` };
		}
		case 'iam:AttachGroupPolicy': {
			const x = p(action, 'iam:AttachGroupPolicy');
			return { kind: 'iam:DetachGroupPolicy', params: x, summary: `Detach ${x.PolicyArn} from group ${x.GroupName}` };
		}
		case 'iam:DetachGroupPolicy': {
			const x = p(action, 'iam:DetachGroupPolicy');
			return { kind: 'iam:AttachGroupPolicy', params: x, summary: `Attach ${x.PolicyArn} to group ${x.GroupName}` };
		}
		case 'iam:AttachUserPolicy': {
			const x = p(action, 'iam:AttachUserPolicy');
			return { kind: 'iam:DetachUserPolicy', params: x, summary: `Detach ${x.PolicyArn} from user ${x.UserName}` };
		}
		case 'iam:DetachUserPolicy': {
			const x = p(action, 'iam:DetachUserPolicy');
			return { kind: 'iam:AttachUserPolicy', params: x, summary: `Attach ${x.PolicyArn} to user ${x.UserName}` };
		}
		case 'iam:AttachRolePolicy': {
			const x = p(action, 'iam:AttachRolePolicy');
			return { kind: 'iam:DetachRolePolicy', params: x, summary: `Detach ${x.PolicyArn} from role ${x.RoleName}` };
		}
		case 'iam:DetachRolePolicy': {
			const x = p(action, 'iam:DetachRolePolicy');
			return { kind: 'iam:AttachRolePolicy', params: x, summary: `Attach ${x.PolicyArn} to role ${x.RoleName}` };
		}
		case 'iam:CreateRole': {
			const { RoleName } = p(action, 'iam:CreateRole');
			return { kind: 'iam:DeleteRole', params: { RoleName }, summary: `Delete role ${RoleName}` };
		}
		case 'iam:CreateInstanceProfile': {
			const { InstanceProfileName } = p(action, 'iam:CreateInstanceProfile');
			return { kind: 'iam:DeleteInstanceProfile', params: { InstanceProfileName }, summary: `Delete instance profile ${InstanceProfileName}` };
		}
		case 'iam:AddRoleToInstanceProfile': {
			const x = p(action, 'iam:AddRoleToInstanceProfile');
			return { kind: 'iam:RemoveRoleFromInstanceProfile', params: x, summary: `Remove role ${x.RoleName} from instance profile ${x.InstanceProfileName}` };
		}
		case 'iam:RemoveRoleFromInstanceProfile': {
			const x = p(action, 'iam:RemoveRoleFromInstanceProfile');
			return { kind: 'iam:AddRoleToInstanceProfile', params: x, summary: `Add role ${x.RoleName} to instance profile ${x.InstanceProfileName}` };
		}
		case 'iam:CreateOpenIDConnectProvider': {
			const arn = result.outputs?.OpenIDConnectProviderArn;
			return arn ? { kind: 'iam:DeleteOpenIDConnectProvider', params: { OpenIDConnectProviderArn: arn }, summary: `Delete OIDC provider ${arn}` } : null;
		}
		case 'access-analyzer:CreateAnalyzer': {
			const { analyzerName } = p(action, 'access-analyzer:CreateAnalyzer');
			return { kind: 'access-analyzer:DeleteAnalyzer', params: { analyzerName }, summary: `Delete analyzer ${analyzerName}` };
		}
		case 'access-analyzer:UpdateFindings': {
			const x = p(action, 'access-analyzer:UpdateFindings');
			const before = prior<'access-analyzer:UpdateFindings'>(state).statuses;
			const ids = x.ids.filter((id) => before[id] !== undefined && before[id] !== x.status);
			if (ids.length === 0) return null;
			const status = x.status === 'ARCHIVED' ? 'ACTIVE' : 'ARCHIVED';
			return {
				kind: 'access-analyzer:UpdateFindings',
				params: { analyzerArn: x.analyzerArn, ids, status },
				summary: `Set ${plural(ids.length, 'analyzer finding')} back to ${status}`,
			};
		}
		case 'iam:UpdateAssumeRolePolicy': {
			const x = p(action, 'iam:UpdateAssumeRolePolicy');
			const before = prior<'iam:UpdateAssumeRolePolicy'>(state);
			return {
				kind: 'iam:UpdateAssumeRolePolicy',
				params: { RoleName: x.RoleName, PolicyDocument: before.PolicyDocument },
				summary: `Restore the previous trust policy of role ${x.RoleName}`,
			};
		}
		case 'iam:CreatePolicyVersion': {
			const x = p(action, 'iam:CreatePolicyVersion');
			const before = prior<'iam:CreatePolicyVersion'>(state);
			if (!x.SetAsDefault) {
				const created = result.outputs?.VersionId;
				return created
					? { kind: 'iam:DeletePolicyVersion', params: { PolicyArn: x.PolicyArn, VersionId: created }, summary: `Delete version ${created} of ${x.PolicyArn}` }
					: null;
			}
			return {
				kind: 'iam:SetDefaultPolicyVersion',
				params: { PolicyArn: x.PolicyArn, VersionId: before.DefaultVersionId },
				summary: `Make version ${before.DefaultVersionId} of ${x.PolicyArn} the default again`,
			};
		}
		case 'iam:SetDefaultPolicyVersion': {
			const x = p(action, 'iam:SetDefaultPolicyVersion');
			const before = prior<'iam:SetDefaultPolicyVersion'>(state);
			return {
				kind: 'iam:SetDefaultPolicyVersion',
				params: { PolicyArn: x.PolicyArn, VersionId: before.DefaultVersionId },
				summary: `Make version ${before.DefaultVersionId} of ${x.PolicyArn} the default again`,
			};
		}
		case 'iam:DeletePolicyVersion': {
			const x = p(action, 'iam:DeletePolicyVersion');
			const before = prior<'iam:DeletePolicyVersion'>(state);
			return {
				kind: 'iam:CreatePolicyVersion',
				params: { PolicyArn: x.PolicyArn, PolicyDocument: before.PolicyDocument, SetAsDefault: false },
				summary: `Re-create the deleted version ${x.VersionId} of ${x.PolicyArn} (as a new non-default version)`,
			};
		}
		case 'iam:PutUserPolicy':
		case 'iam:PutGroupPolicy':
		case 'iam:PutRolePolicy':
			return inversePutInline(action, prior<'iam:PutUserPolicy'>(state).PolicyDocument);
		case 'iam:DeleteUserPolicy':
		case 'iam:DeleteGroupPolicy':
		case 'iam:DeleteRolePolicy':
			return inverseDeleteInline(action, prior<'iam:DeleteUserPolicy'>(state).PolicyDocument);
		case 'iam:CreatePolicy': {
			const x = p(action, 'iam:CreatePolicy');
			const arn = result.outputs?.PolicyArn;
			if (!arn) return null;
			return { kind: 'iam:DeletePolicy', params: { PolicyArn: arn }, summary: `Delete policy ${x.PolicyName}` };
		}
		case 'iam:PutRolePermissionsBoundary':
		case 'iam:DeleteRolePermissionsBoundary': {
			const { RoleName } = action.params as { RoleName: string };
			const before = prior<'iam:PutRolePermissionsBoundary'>(state).PermissionsBoundary;
			return before
				? { kind: 'iam:PutRolePermissionsBoundary', params: { RoleName, PermissionsBoundary: before }, summary: `Restore boundary ${before} on role ${RoleName}` }
				: { kind: 'iam:DeleteRolePermissionsBoundary', params: { RoleName }, summary: `Remove the permissions boundary from role ${RoleName}` };
		}
		case 'iam:PutUserPermissionsBoundary':
		case 'iam:DeleteUserPermissionsBoundary': {
			const { UserName } = action.params as { UserName: string };
			const before = prior<'iam:PutUserPermissionsBoundary'>(state).PermissionsBoundary;
			return before
				? { kind: 'iam:PutUserPermissionsBoundary', params: { UserName, PermissionsBoundary: before }, summary: `Restore boundary ${before} on user ${UserName}` }
				: { kind: 'iam:DeleteUserPermissionsBoundary', params: { UserName }, summary: `Remove the permissions boundary from user ${UserName}` };
		}
		case 'organizations:EnablePolicyType': {
			const x = p(action, 'organizations:EnablePolicyType');
			return { kind: 'organizations:DisablePolicyType', params: x, summary: `Disable service control policies on ${x.RootId}` };
		}
		case 'organizations:DisablePolicyType': {
			const x = p(action, 'organizations:DisablePolicyType');
			return { kind: 'organizations:EnablePolicyType', params: x, summary: `Enable service control policies on ${x.RootId}` };
		}
		case 'organizations:CreatePolicy': {
			const x = p(action, 'organizations:CreatePolicy');
			const id = result.outputs?.PolicyId;
			return {
				kind: 'organizations:DeletePolicy',
				params: id ? { PolicyId: id } : { PolicyName: x.Name },
				summary: `Delete service control policy ${x.Name}`,
			};
		}
		case 'organizations:AttachPolicy': {
			const x = p(action, 'organizations:AttachPolicy');
			return { kind: 'organizations:DetachPolicy', params: x, summary: `Detach ${x.PolicyName ?? x.PolicyId} from ${x.TargetId}` };
		}
		case 'organizations:DetachPolicy': {
			const x = p(action, 'organizations:DetachPolicy');
			return { kind: 'organizations:AttachPolicy', params: x, summary: `Attach ${x.PolicyName ?? x.PolicyId} to ${x.TargetId}` };
		}
		case 'iam:UpdateAccessKey': {
			const x = p(action, 'iam:UpdateAccessKey');
			const before = prior<'iam:UpdateAccessKey'>(state).Status;
			return {
				kind: 'iam:UpdateAccessKey',
				params: { ...x, Status: before },
				summary: `${before === 'Active' ? 'Re-activate' : 'Deactivate'} access key ${x.AccessKeyId} of user ${x.UserName}`,
			};
		}
		case 'iam:UpdateAccountPasswordPolicy':
		case 'iam:DeleteAccountPasswordPolicy': {
			const before = prior<'iam:UpdateAccountPasswordPolicy'>(state).PasswordPolicy;
			return before
				? { kind: 'iam:UpdateAccountPasswordPolicy', params: before, summary: 'Restore the previous account password policy' }
				: { kind: 'iam:DeleteAccountPasswordPolicy', params: {}, summary: 'Delete the account password policy (there was none before)' };
		}
		case 'config:PutConfigurationRecorder': {
			const x = p(action, 'config:PutConfigurationRecorder');
			const before = prior<'config:PutConfigurationRecorder'>(state).ConfigurationRecorder;
			if (!before) {
				return {
					kind: 'config:DeleteConfigurationRecorder',
					params: { ConfigurationRecorderName: x.ConfigurationRecorder.name },
					summary: `Delete configuration recorder ${x.ConfigurationRecorder.name}`,
				};
			}
			return {
				kind: 'config:PutConfigurationRecorder',
				params: {
					ConfigurationRecorder: {
						name: before.name,
						roleARN: before.roleArn ?? '',
						// The types it recorded too: without them a recorder of some types is refused (InvalidRecordingGroupException).
						recordingGroup: {
							allSupported: before.allSupported,
							includeGlobalResourceTypes: before.includeGlobalResourceTypes,
							...(before.resourceTypes?.length ? { resourceTypes: [...before.resourceTypes], recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' as const } } : {}),
						},
					},
				},
				summary: `Restore configuration recorder ${before.name}`,
			};
		}
		case 'config:PutDeliveryChannel': {
			const x = p(action, 'config:PutDeliveryChannel');
			if ((state as { exists?: boolean }).exists) return null;
			return { kind: 'config:DeleteDeliveryChannel', params: { DeliveryChannelName: x.DeliveryChannel.name }, summary: `Delete delivery channel ${x.DeliveryChannel.name}` };
		}
		case 'config:StartConfigurationRecorder': {
			const x = p(action, 'config:StartConfigurationRecorder');
			return { kind: 'config:StopConfigurationRecorder', params: x, summary: `Stop configuration recorder ${x.ConfigurationRecorderName}` };
		}
		case 'config:StopConfigurationRecorder': {
			const x = p(action, 'config:StopConfigurationRecorder');
			return { kind: 'config:StartConfigurationRecorder', params: x, summary: `Start configuration recorder ${x.ConfigurationRecorderName}` };
		}
		case 'config:PutConfigRule': {
			const x = p(action, 'config:PutConfigRule');
			if ((state as { exists?: boolean }).exists) return null;
			return { kind: 'config:DeleteConfigRule', params: { ConfigRuleName: x.ConfigRule.ConfigRuleName }, summary: `Delete Config rule ${x.ConfigRule.ConfigRuleName}` };
		}
		case 'events:PutRule': {
			const x = p(action, 'events:PutRule');
			const before = prior<'events:PutRule'>(state).Rule;
			if (!before) return { kind: 'events:DeleteRule', params: { Name: x.Name }, summary: `Delete EventBridge rule ${x.Name}` };
			return {
				kind: 'events:PutRule',
				params: { Name: x.Name, EventPattern: before.EventPattern ?? '', State: before.State === 'DISABLED' ? 'DISABLED' : 'ENABLED', Description: before.Description },
				summary: `Restore EventBridge rule ${x.Name}`,
			};
		}
		case 'events:PutTargets': {
			const x = p(action, 'events:PutTargets');
			const before = prior<'events:PutTargets'>(state).Targets;
			const replaced = before.filter((t) => x.Targets.some((n) => n.id === t.id));
			if (replaced.length > 0) {
				return { kind: 'events:PutTargets', params: { Rule: x.Rule, Targets: replaced }, summary: `Restore the previous targets of rule ${x.Rule}` };
			}
			return { kind: 'events:RemoveTargets', params: { Rule: x.Rule, Ids: x.Targets.map((t) => t.id) }, summary: `Remove the new targets of rule ${x.Rule}` };
		}
		case 'sns:CreateTopic': {
			const arn = result.outputs?.TopicArn;
			if (!arn || (state as { exists?: boolean }).exists) return null;
			return { kind: 'sns:DeleteTopic', params: { TopicArn: arn }, summary: `Delete SNS topic ${arn}` };
		}
		default:
			return monitoringInverse(action, state, result);
	}
}

function inversePutInline(action: Action, before: unknown): Inverse {
	const params = action.params as Record<string, unknown>;
	const ownerKey = (['UserName', 'GroupName', 'RoleName'] as const).find((k) => k in params)!;
	const owner = params[ownerKey] as string;
	const policyName = params.PolicyName as string;
	const entity = ownerKey.replace('Name', '') as 'User' | 'Group' | 'Role';
	if (before) {
		return {
			kind: `iam:Put${entity}Policy` as ActionKind,
			params: { [ownerKey]: owner, PolicyName: policyName, PolicyDocument: before },
			summary: `Restore the previous inline policy ${policyName} of ${entity.toLowerCase()} ${owner}`,
		};
	}
	return {
		kind: `iam:Delete${entity}Policy` as ActionKind,
		params: { [ownerKey]: owner, PolicyName: policyName },
		summary: `Delete inline policy ${policyName} of ${entity.toLowerCase()} ${owner} (it did not exist before)`,
	};
}

function inverseDeleteInline(action: Action, before: unknown): Inverse {
	const params = action.params as Record<string, unknown>;
	const ownerKey = (['UserName', 'GroupName', 'RoleName'] as const).find((k) => k in params)!;
	const entity = ownerKey.replace('Name', '') as 'User' | 'Group' | 'Role';
	return {
		kind: `iam:Put${entity}Policy` as ActionKind,
		params: { [ownerKey]: params[ownerKey], PolicyName: params.PolicyName, PolicyDocument: before },
		summary: `Restore inline policy ${String(params.PolicyName)} of ${entity.toLowerCase()} ${String(params[ownerKey])}`,
	};
}
