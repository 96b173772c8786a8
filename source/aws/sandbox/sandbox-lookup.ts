/**
 * Finding things in the sandbox the way IAM does, failing with IAM's error names and
 * (shortened) messages: NoSuchEntity for what is missing, UnmodifiableEntity for what only
 * AWS may change. Every AWS answer the sandbox makes (`fail`, `awsError`) reads as the live
 * adapter words AWS's: "<call> failed with <Code>: <AWS's message>.", or for a denial the
 * live adapter's sentence.
 */
import { GatewayError } from '../../core/gateway-error.js';
import { awsAnswer } from '../aws-answer.js';
import type { Group, Role, User } from '../../core/model.js';
import type { SandboxPolicy, SandboxState } from './sandbox-state.js';

/** AWS's answer `code` with AWS's `message` to `operation`, as the live adapter makes it of AWS's (aws-answer.ts). */
export function awsError(code: string, message: string, operation: string): GatewayError {
	const answer = awsAnswer(operation, code, message);
	return new GatewayError(answer.code, answer.message, { operation });
}

export function fail(code: string, message: string, operation: string): never {
	throw awsError(code, message, operation);
}

export function findUser(state: SandboxState, name: string, operation: string): User {
	return state.users.find((u) => u.name === name) ?? fail('NoSuchEntity', `The user with name ${name} cannot be found.`, operation);
}

export function findGroup(state: SandboxState, name: string, operation: string): Group {
	return state.groups.find((g) => g.name === name) ?? fail('NoSuchEntity', `The group with name ${name} cannot be found.`, operation);
}

export function findRole(state: SandboxState, name: string, operation: string): Role {
	return state.roles.find((r) => r.name === name) ?? fail('NoSuchEntity', `The role with name ${name} cannot be found.`, operation);
}

export function findPolicy(state: SandboxState, arn: string, operation: string): SandboxPolicy {
	return state.policies.find((p) => p.arn === arn) ?? fail('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, operation);
}

/**
 * A policy AttachUserPolicy, AttachGroupPolicy, AttachRolePolicy or Put*PermissionsBoundary
 * may use. IAM's references list PolicyNotAttachable: "AWS service role policies can only be
 * attached to the service-linked role for that service" (its message: "Cannot attach a Service
 * Role Policy to a Customer Role."), and a service-linked role is UnmodifiableEntity before
 * that. A policy IAM reports IsAttachable false gets IAM's NoSuchEntity, whose message says
 * "does not exist or is not attachable".
 */
export function attachablePolicy(state: SandboxState, arn: string, operation: string): SandboxPolicy {
	const policy = findPolicy(state, arn, operation);
	if (!policy.isAttachable) fail('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, operation);
	if (policy.awsManaged && policy.path.startsWith('/aws-service-role/')) fail('PolicyNotAttachable', 'Cannot attach a Service Role Policy to a Customer Role.', operation);
	return policy;
}

export function isServiceLinkedRole(role: Role): boolean {
	return role.path.startsWith('/aws-service-role/');
}

/** IAM refuses every change to a service-linked role made by anyone but its service. */
export function modifiableRole(state: SandboxState, name: string, operation: string): Role {
	const role = findRole(state, name, operation);
	if (isServiceLinkedRole(role)) {
		fail('UnmodifiableEntity', `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS.`, operation);
	}
	return role;
}

/** AWS-managed policies belong to AWS: no new versions, no new default, no deletion. */
export function customerPolicy(state: SandboxState, arn: string, operation: string): SandboxPolicy {
	const policy = findPolicy(state, arn, operation);
	if (policy.awsManaged) fail('UnmodifiableEntity', `Policy ${arn} is managed by AWS and cannot be changed.`, operation);
	return policy;
}

/** Whether any principal uses the policy as a permissions policy or as a boundary. */
export function policyUsage(state: SandboxState, arn: string): { attachments: number; boundaries: number } {
	const principals = [...state.users, ...state.groups, ...state.roles];
	const attachments = principals.filter((p) => p.attachedPolicies.some((ref) => ref.arn === arn)).length;
	const boundaries = [...state.users, ...state.roles].filter((p) => p.permissionsBoundary === arn).length;
	return { attachments, boundaries };
}

const namePattern = /^[\w+=,.@-]+$/;

/** IAM's name rule for users, groups, roles and policies. */
export function checkName(kind: string, name: string, maxLength: number, operation: string): void {
	if (!name || name.length > maxLength || !namePattern.test(name)) {
		fail('ValidationError', `The ${kind} name "${name}" must be 1 to ${maxLength} letters, digits or + = , . @ _ - characters.`, operation);
	}
}

export function checkPath(path: string | undefined, operation: string): string {
	const value = path ?? '/';
	if (!/^\/([\x21-\x7e]+\/)?$/.test(value) || value.length > 512) {
		fail('ValidationError', `The path "${value}" must begin and end with "/".`, operation);
	}
	if (value.startsWith('/aws-service-role/') || value.startsWith('/aws-reserved/')) {
		fail('InvalidInput', `The path ${value} is reserved for AWS.`, operation);
	}
	return value;
}
