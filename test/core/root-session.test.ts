/** The root session of centralized root access, as the preview lists its calls. */
import { expect, it } from 'vitest';
import { rootSessionCalls, rootSessionMaxSeconds, rootTaskPolicyArn } from '../../source/core/root-session.js';

it('names the task policy under root-task/ in the partition, and a session of at most 900 s', () => {
	expect(rootTaskPolicyArn('aws', 'IAMDeleteRootUserCredentials')).toBe('arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials');
	expect(rootTaskPolicyArn('aws-cn', 'IAMAuditRootUserCredentials')).toBe('arn:aws-cn:iam::aws:policy/root-task/IAMAuditRootUserCredentials');
	expect(rootSessionMaxSeconds).toBe(900);
});

it('lists exactly the calls the action makes, in order', () => {
	const params = { TargetPrincipal: '100200300400', TaskPolicyArn: { arn: rootTaskPolicyArn('aws', 'IAMDeleteRootUserCredentials') }, DurationSeconds: 900, delete: ['accessKeys' as const] };
	expect(rootSessionCalls(params)).toEqual([
		'sts:AssumeRoot on account 100200300400, task policy IAMDeleteRootUserCredentials, for 900 s: a root session; its credentials are never shown or logged',
		"as the root user: iam:ListAccessKeys (the root user's keys), then iam:DeleteAccessKey for each key listed",
	]);
	expect(rootSessionCalls({ ...params, DurationSeconds: 300, delete: [] })).toEqual([
		'sts:AssumeRoot on account 100200300400, task policy IAMDeleteRootUserCredentials, for 300 s: a root session; its credentials are never shown or logged',
	]);
});
