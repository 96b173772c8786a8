/**
 * sts:AssumeRoot: a short-lived root session on a member account (centralized root access),
 * and the calls made in it with an IAM client built from the session's credentials — never
 * the caller's. IAM calls without a user name act on the session's user, the root user. The
 * credentials live only in that client: they are never returned, logged or written.
 */
import { DeleteAccessKeyCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { AssumeRootCommand, type Credentials } from '@aws-sdk/client-sts';
import type { Action, ActionKind, ApplyResult, PriorStates } from '../../core/actions.js';
import { GatewayError } from '../../core/gateway-error.js';
import { AwsCaller } from './aws-caller.js';
import { applyResult, unhandledKind } from './apply-result.js';

export type StsKind = Extract<ActionKind, `sts:${string}`>;

export function isStsAction(action: Action): action is Action<StsKind> {
	return action.kind.startsWith('sts:');
}

type AssumeRootParams = { TargetPrincipal: string; TaskPolicyArn: { arn: string }; DurationSeconds?: number };

/** Opens the root session and returns a caller whose IAM client signs with its credentials. */
async function rootSession(caller: AwsCaller, params: AssumeRootParams): Promise<{ root: AwsCaller; output: unknown }> {
	const output = await caller.send('sts', new AssumeRootCommand({ TargetPrincipal: params.TargetPrincipal, TaskPolicyArn: params.TaskPolicyArn, DurationSeconds: params.DurationSeconds }));
	const credentials: Credentials | undefined = output.Credentials;
	if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
		throw new GatewayError('InvalidResponse', 'sts:AssumeRoot answered without session credentials.', { operation: 'sts:AssumeRoot' });
	}
	// AssumeRoot needs a Regional STS endpoint; IAM is global, so the same region serves it.
	const region = await caller.clients.sts.config.region();
	const iam = new IAMClient({
		region,
		credentials: { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken },
		maxAttempts: 3,
		retryMode: 'adaptive',
	});
	return { root: new AwsCaller({ ...caller.clients, iam }), output };
}

async function rootAccessKeyIds(root: AwsCaller): Promise<string[]> {
	const pages = await root.pages(
		'iam',
		(marker) => new ListAccessKeysCommand(marker ? { Marker: marker } : {}),
		(page) => (page.IsTruncated ? page.Marker : undefined),
	);
	return pages.flatMap((page) => (page.AccessKeyMetadata ?? []).flatMap((k) => (k.AccessKeyId ? [k.AccessKeyId] : [])));
}

export async function applyStsAction(caller: AwsCaller, action: Action<StsKind>): Promise<ApplyResult> {
	switch (action.kind) {
		case 'sts:AssumeRoot': {
			const { root, output } = await rootSession(caller, action.params);
			const deleted: string[] = [];
			if (action.params.delete.includes('accessKeys')) {
				for (const AccessKeyId of await rootAccessKeyIds(root)) {
					await root.send('iam', new DeleteAccessKeyCommand({ AccessKeyId }));
					deleted.push(AccessKeyId);
				}
			}
			return applyResult(output, { DeletedAccessKeyIds: deleted.join(',') });
		}
		default:
			return unhandledKind(action.kind as never);
	}
}

/** The root user's credentials as a root session scoped by AWS's audit task policy sees them. */
export async function readStsState(caller: AwsCaller, action: Action<StsKind>): Promise<PriorStates['sts:AssumeRoot']> {
	const audit = action.params.TaskPolicyArn.arn.replace(/[^/]+$/, 'IAMAuditRootUserCredentials');
	const { root } = await rootSession(caller, { ...action.params, TaskPolicyArn: { arn: audit } });
	return { accessKeys: await rootAccessKeyIds(root) };
}
