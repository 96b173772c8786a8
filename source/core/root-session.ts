/**
 * Centralized root access: the root session sts:AssumeRoot opens on a member account, and the
 * calls iam-wizard makes in it. AWS scopes the session by a task policy (an AWS-managed
 * policy under policy/root-task/); the session lasts at most 900 seconds and must be asked of
 * a Regional STS endpoint. In the session, IAM calls without a user name act on the root user.
 */
import type { ActionParams, RootCredentialKind } from './actions.js';

export const rootSessionMaxSeconds = 900;

export function rootTaskPolicyArn(partition: string, task: 'IAMDeleteRootUserCredentials' | 'IAMAuditRootUserCredentials'): string {
	return `arn:${partition}:iam::aws:policy/root-task/${task}`;
}

const callsFor: Record<RootCredentialKind, string> = {
	accessKeys: "iam:ListAccessKeys (the root user's keys), then iam:DeleteAccessKey for each key listed",
};

/** Exactly the calls the action makes, in order, for the preview. */
export function rootSessionCalls(params: ActionParams['sts:AssumeRoot']): string[] {
	const task = params.TaskPolicyArn.arn.split('/').pop();
	return [
		`sts:AssumeRoot on account ${params.TargetPrincipal}, task policy ${task}, for ${params.DurationSeconds} s: a root session; its credentials are never shown or logged`,
		...params.delete.map((kind) => `as the root user: ${callsFor[kind]}`),
	];
}
