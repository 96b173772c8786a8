/**
 * What `gateway.readState(action)` should return once `action` has taken effect, so the
 * verifier can re-read each changed resource directly (never the credential report, which
 * AWS refreshes at most every four hours) and say whether the change landed.
 *
 * Conventions shared with the adapters' readState, for kinds without their own PriorState:
 * `{ exists: boolean }` says whether the thing the action creates, attaches or enables is
 * there (a group, a membership, an attachment, an enabled SCP type); a deleted target may
 * instead make readState fail with NoSuchEntity, which the verifier passes here as `null`.
 */
import type { Action, ActionParams, ApplyResult } from './actions.js';
import { normalisePolicyDocument } from './policy-document.js';

export type StateCheck =
	/** The value at `path` equals `value` (null and undefined are the same "none"). */
	| { path: string[]; equals: unknown }
	/** The value at `path` is the same policy document, compared after normalising both. */
	| { path: string[]; document: unknown }
	/** The value at `path` is a JSON string of the same value (AWS may re-format it). */
	| { path: string[]; json: string }
	/** The list at `path` holds each of these items (compared as wholes); `whole`: the action set the list to just these (AWS may order it its own way). */
	| { path: string[]; includes: unknown[]; whole?: true };

export type ExpectedState =
	| {
			checks: StateCheck[];
			/** The action removes its target: a NoSuchEntity read (`null`) or `exists: false` also matches. */
			absent?: boolean;
	  }
	/** A request that leaves nothing to re-read (a report generation, a policy-generation job). */
	| { unverifiable: string };

function at(path: string[], equals: unknown): StateCheck {
	return { path, equals };
}

const exists: ExpectedState = { checks: [at(['exists'], true)] };
const gone: ExpectedState = { checks: [at(['exists'], false)], absent: true };

function params<K extends keyof ActionParams>(action: Action, _kind: K): ActionParams[K] {
	return action.params as ActionParams[K];
}

/** The state `readState(action)` should show after `action` was applied and returned `result`. */
export function expectedStateAfter(action: Action, result: ApplyResult = {}): ExpectedState {
	switch (action.kind) {
		case 'iam:GenerateCredentialReport':
			return { unverifiable: 'a credential report request leaves no state to re-read' };
		case 'access-analyzer:StartPolicyGeneration':
			return { unverifiable: 'policy generation runs as a job; its result is read in step 2' };
		case 'config:StartConfigurationRecorder':
			return { checks: [at(['recording'], true)] };
		case 'config:StopConfigurationRecorder':
			return { checks: [at(['recording'], false)] };
		case 'iam:UpdateAccessKey':
			return { checks: [at(['Status'], params(action, 'iam:UpdateAccessKey').Status)] };
		case 'iam:PutRolePermissionsBoundary':
		case 'iam:PutUserPermissionsBoundary':
			return { checks: [at(['PermissionsBoundary'], (action.params as { PermissionsBoundary: string }).PermissionsBoundary)] };
		case 'iam:DeleteRolePermissionsBoundary':
		case 'iam:DeleteUserPermissionsBoundary':
			return { checks: [at(['PermissionsBoundary'], null)] };
		case 'iam:CreatePolicyVersion': {
			const x = params(action, 'iam:CreatePolicyVersion');
			if (!x.SetAsDefault) return { unverifiable: 'a non-default policy version leaves the default unchanged' };
			const versionId = result.outputs?.VersionId;
			if (!versionId) return { unverifiable: 'AWS did not return the new version ID' };
			return { checks: [at(['DefaultVersionId'], versionId)] };
		}
		case 'iam:SetDefaultPolicyVersion':
			return { checks: [at(['DefaultVersionId'], params(action, 'iam:SetDefaultPolicyVersion').VersionId)] };
		case 'iam:DeletePolicyVersion':
			return { checks: [at(['PolicyDocument'], null)], absent: true };
		case 'iam:UpdateAssumeRolePolicy':
			return { checks: [{ path: ['PolicyDocument'], document: params(action, 'iam:UpdateAssumeRolePolicy').PolicyDocument }] };
		case 'iam:PutUserPolicy':
		case 'iam:PutGroupPolicy':
		case 'iam:PutRolePolicy':
			return { checks: [{ path: ['PolicyDocument'], document: (action.params as { PolicyDocument: unknown }).PolicyDocument }] };
		case 'iam:DeleteUserPolicy':
		case 'iam:DeleteGroupPolicy':
		case 'iam:DeleteRolePolicy':
			return { checks: [at(['PolicyDocument'], null)], absent: true };
		case 'iam:UpdateAccountPasswordPolicy': {
			const policy = params(action, 'iam:UpdateAccountPasswordPolicy');
			// AWS fills in defaults for fields the call leaves out; only what we set is checked.
			const checks = Object.entries(policy)
				.filter(([, value]) => value !== undefined)
				.map(([key, value]) => at(['PasswordPolicy', key], value));
			return { checks };
		}
		case 'iam:DeleteAccountPasswordPolicy':
			return { checks: [at(['PasswordPolicy'], null)], absent: true };
		case 'access-analyzer:UpdateFindings': {
			const x = params(action, 'access-analyzer:UpdateFindings');
			return { checks: x.ids.map((id) => at(['statuses', id], x.status)) };
		}
		case 'config:PutConfigurationRecorder': {
			const r = params(action, 'config:PutConfigurationRecorder').ConfigurationRecorder;
			const checks = [at(['ConfigurationRecorder', 'name'], r.name), at(['ConfigurationRecorder', 'roleArn'], r.roleARN)];
			if (r.recordingGroup?.allSupported !== undefined) checks.push(at(['ConfigurationRecorder', 'allSupported'], r.recordingGroup.allSupported));
			if (r.recordingGroup?.includeGlobalResourceTypes !== undefined) {
				checks.push(at(['ConfigurationRecorder', 'includeGlobalResourceTypes'], r.recordingGroup.includeGlobalResourceTypes));
			}
			// The types it must record, in whatever order AWS lists them.
			if (r.recordingGroup?.resourceTypes?.length) checks.push({ path: ['ConfigurationRecorder', 'resourceTypes'], includes: r.recordingGroup.resourceTypes, whole: true });
			return { checks };
		}
		case 'events:PutRule': {
			const x = params(action, 'events:PutRule');
			const checks: StateCheck[] = [at(['Rule', 'State'], x.State), { path: ['Rule', 'EventPattern'], json: x.EventPattern }];
			if (x.Description !== undefined) checks.push(at(['Rule', 'Description'], x.Description));
			// The stored rule must answer TestEventPattern as its proof says: fire on what it must catch, not on the rest.
			if (action.proof) checks.push({ path: ['Proof'], includes: action.proof.samples.map((sample) => ({ name: sample.name, expect: sample.expect, matched: sample.expect })) });
			return { checks };
		}
		case 'events:PutTargets': {
			const x = params(action, 'events:PutTargets');
			return { checks: [{ path: ['Targets'], includes: x.Targets }] };
		}
		case 's3:PutBucketPolicy':
			return { checks: [{ path: ['Policy'], document: params(action, 's3:PutBucketPolicy').Policy }] };
		case 's3:DeleteBucketPolicy':
			return { checks: [at(['exists'], false)], absent: true };
		case 'sns:SetTopicAttributes':
			// SNS may store the policy re-formatted; compare it as a policy document.
			return { checks: [{ path: ['Policy'], document: params(action, 'sns:SetTopicAttributes').AttributeValue }] };
		case 'securityhub:BatchEnableStandards':
			return { checks: [{ path: ['enabled'], includes: params(action, 'securityhub:BatchEnableStandards').StandardsSubscriptionRequests.map((r) => r.StandardsArn) }] };
		case 'logs:PutMetricFilter': {
			const x = params(action, 'logs:PutMetricFilter');
			return { checks: [at(['filter', 'filterPattern'], x.filterPattern), at(['filter', 'metricTransformations'], x.metricTransformations)] };
		}
		case 'cloudwatch:PutMetricAlarm': {
			const { AlarmName: _name, ...alarm } = params(action, 'cloudwatch:PutMetricAlarm');
			return { checks: Object.entries(alarm).map(([key, value]) => at(['alarm', key], value)) };
		}
		case 'sns:Subscribe':
			// A subscription waits for the recipient to confirm; readState says whether it is listed (pending or confirmed).
			return exists;
		case 'iam:CreateGroup':
		case 'iam:AddUserToGroup':
		case 'iam:AttachGroupPolicy':
		case 'iam:AttachUserPolicy':
		case 'iam:AttachRolePolicy':
		case 'iam:CreateRole':
		case 'iam:CreateInstanceProfile':
		case 'iam:AddRoleToInstanceProfile':
		case 'iam:CreateOpenIDConnectProvider':
		case 'access-analyzer:CreateAnalyzer':
		case 'iam:CreatePolicy':
		case 'organizations:EnablePolicyType':
		case 'organizations:CreatePolicy':
		case 'organizations:AttachPolicy':
		case 'config:PutDeliveryChannel':
		case 'config:PutConfigRule':
		case 'sns:CreateTopic':
		case 'iam:CreateServiceLinkedRole':
		case 's3:CreateBucket':
		case 'securityhub:EnableSecurityHub':
			return exists;
		case 'iam:DeleteGroup':
		case 'iam:RemoveUserFromGroup':
		case 'iam:DetachGroupPolicy':
		case 'iam:DetachUserPolicy':
		case 'iam:DetachRolePolicy':
		case 'iam:DeleteRole':
		case 'iam:DeleteInstanceProfile':
		case 'iam:RemoveRoleFromInstanceProfile':
		case 'iam:DeleteOpenIDConnectProvider':
		case 'access-analyzer:DeleteAnalyzer':
		case 'iam:DeletePolicy':
		case 'organizations:DisablePolicyType':
		case 'organizations:DeletePolicy':
		case 'organizations:DetachPolicy':
		case 'iam:DeleteAccessKey':
		case 'iam:DeleteLoginProfile':
		case 'config:DeleteConfigurationRecorder':
		case 'config:DeleteDeliveryChannel':
		case 'config:DeleteConfigRule':
		case 'events:DeleteRule':
		case 'events:RemoveTargets':
		case 'sns:DeleteTopic':
		case 'iam:DeleteServiceLinkedRole':
		case 's3:DeleteBucket':
		case 'sns:Unsubscribe':
		case 'securityhub:DisableSecurityHub':
		case 'logs:DeleteMetricFilter':
		case 'cloudwatch:DeleteAlarms':
			return gone;
		case 'securityhub:BatchDisableStandards':
			return { checks: [{ path: ['enabled'], includes: [] }] };
		case 'sts:AssumeRoot':
			// Re-read in a new root session: the credentials it deleted are gone.
			return { checks: params(action, 'sts:AssumeRoot').delete.map((kind) => at([kind], [])) };
		default: {
			const unknownKind: never = action;
			return { unverifiable: `no verification is defined for ${(unknownKind as Action).kind}` };
		}
	}
}

/**
 * Whether what readState returned (`null` when it failed with NoSuchEntity) shows the
 * expected state.
 */
export function stateMatches(expected: ExpectedState, observed: unknown): boolean {
	if ('unverifiable' in expected) return true;
	if (observed === null || observed === undefined) return expected.absent === true;
	if (expected.absent && (observed as { exists?: unknown }).exists === false) return true;
	return expected.checks.every((check) => checkHolds(check, valueAt(observed, check.path)));
}

function valueAt(value: unknown, path: string[]): unknown {
	let current = value;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

function checkHolds(check: StateCheck, actual: unknown): boolean {
	if ('equals' in check) return sameValue(check.equals, actual);
	if ('document' in check) {
		if (isNone(check.document) || isNone(actual)) return isNone(check.document) && isNone(actual);
		try {
			return sameValue(normalisePolicyDocument(check.document), normalisePolicyDocument(actual));
		} catch {
			return false;
		}
	}
	if ('json' in check) return typeof actual === 'string' && sameValue(parseJson(check.json), parseJson(actual));
	if (!Array.isArray(actual)) return false;
	return check.includes.every((item) => actual.some((candidate) => sameValue(item, candidate)));
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function isNone(value: unknown): boolean {
	return value === null || value === undefined;
}

/** Deep equality that ignores key order and treats null, undefined and a missing key alike. */
export function sameValue(a: unknown, b: unknown): boolean {
	if (isNone(a) || isNone(b)) return isNone(a) && isNone(b);
	if (typeof a !== 'object' || typeof b !== 'object') return a === b;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a)) {
		const bs = b as unknown[];
		return a.length === bs.length && a.every((item, i) => sameValue(item, bs[i]));
	}
	const ao = a as Record<string, unknown>;
	const bo = b as Record<string, unknown>;
	const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
	for (const key of keys) {
		if (!sameValue(ao[key], bo[key])) return false;
	}
	return true;
}
