// sts:AssumeRoot on the live adapter: what STS receives, and that the root user's keys are listed and deleted with the
// root session's credentials (an IAM client of its own), never the caller's; the credentials never reach the result.
import { DeleteAccessKeyCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { AssumeRootCommand } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '../../../source/core/actions.js';
import { accountId, awsError, fakeAccessKeyId, fakeCredentialsInEnv, liveGateway, mocks, resetToQuietAccount } from './live-test-kit.js';

const member = '210987654321';
const session = { AccessKeyId: 'ASIAROOTSESSION00001', SecretAccessKey: 'root-session-secret', SessionToken: 'root-session-token', Expiration: new Date('2026-12-07T02:15:00Z') };
const action: Action = {
	kind: 'sts:AssumeRoot',
	params: { TargetPrincipal: member, TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials' }, DurationSeconds: 900, delete: ['accessKeys'] },
	step: 5,
	findingIds: [],
	summary: 'Delete the root keys',
};

async function credentialsOf(client: unknown): Promise<{ accessKeyId: string; sessionToken?: string }> {
	return (client as IAMClient).config.credentials();
}

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
});

describe('sts:AssumeRoot on the live adapter', () => {
	it('asks STS for a root session on the target with the task policy, then lists and deletes the root keys with the session credentials', async () => {
		mocks.sts.on(AssumeRootCommand).resolves({ Credentials: session, $metadata: { requestId: 'req-root' } });
		mocks.iam.on(ListAccessKeysCommand, {}).resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIAROOTKEY000000001', Status: 'Active' }, { AccessKeyId: 'AKIAROOTKEY000000002', Status: 'Inactive' }], IsTruncated: false });
		mocks.iam.on(DeleteAccessKeyCommand).resolves({});

		const result = await (await liveGateway()).apply(action);

		expect(mocks.sts.commandCalls(AssumeRootCommand).map((c) => c.args[0].input)).toEqual([
			{ TargetPrincipal: member, TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials' }, DurationSeconds: 900 },
		]);
		const listed = mocks.iam.commandCalls(ListAccessKeysCommand);
		expect(listed.map((c) => c.args[0].input)).toEqual([{}]);
		const deletes = mocks.iam.commandCalls(DeleteAccessKeyCommand);
		expect(deletes.map((c) => c.args[0].input)).toEqual([{ AccessKeyId: 'AKIAROOTKEY000000001' }, { AccessKeyId: 'AKIAROOTKEY000000002' }]);
		for (const call of [...listed, ...deletes]) {
			const used = await credentialsOf(call.thisValue);
			expect(used).toMatchObject({ accessKeyId: session.AccessKeyId, sessionToken: session.SessionToken });
			expect(used.accessKeyId).not.toBe(fakeAccessKeyId);
		}
		expect(result).toEqual({ requestId: 'req-root', outputs: { DeletedAccessKeyIds: 'AKIAROOTKEY000000001,AKIAROOTKEY000000002' } });
		expect(JSON.stringify(result)).not.toContain(session.SecretAccessKey);
	});

	it('re-reads the root keys in a session scoped by IAMAuditRootUserCredentials', async () => {
		mocks.sts.on(AssumeRootCommand).resolves({ Credentials: session });
		mocks.iam.on(ListAccessKeysCommand, {}).resolves({ AccessKeyMetadata: [], IsTruncated: false });

		const state = await (await liveGateway()).readState(action);

		expect(state).toEqual({ accessKeys: [] });
		expect(mocks.sts.commandCalls(AssumeRootCommand)[0]!.args[0].input.TaskPolicyArn).toEqual({ arn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' });
		expect(mocks.iam.commandCalls(DeleteAccessKeyCommand)).toHaveLength(0);
	});

	it("a caller that is not the management account or IAM's delegated administrator gets AWS's AccessDenied, and nothing is deleted", async () => {
		mocks.sts.on(AssumeRootCommand).rejects(awsError('AccessDenied', `User: arn:aws:iam::${accountId}:user/admin is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::${member}:root`));

		await expect((await liveGateway()).apply(action)).rejects.toMatchObject({ code: 'AccessDenied', operation: 'sts:AssumeRoot' });
		expect(mocks.iam.commandCalls(ListAccessKeysCommand)).toHaveLength(0);
		expect(mocks.iam.commandCalls(DeleteAccessKeyCommand)).toHaveLength(0);
	});
});
