import { DeleteGroupCommand, GetAccountAuthorizationDetailsCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import { toGatewayError } from '../../../source/aws/live/errors.js';
import { awsError, fakeCredentialsInEnv, liveGateway, mocks, resetToQuietAccount } from './live-test-kit.js';

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
});

/** What the SDK throws when no provider in the chain has credentials. */
function noCredentials(): Error {
	const error = new Error('Could not load credentials from any providers');
	error.name = 'CredentialsProviderError';
	return error;
}

async function scanFailure(): Promise<unknown> {
	return (await liveGateway()).readAccount().then(
		() => {
			throw new Error('the scan should have failed');
		},
		(error: unknown) => error,
	);
}

describe('errors: each failure is one sentence with its own code', () => {
	it('no credentials', async () => {
		mocks.sts.on(GetCallerIdentityCommand).rejects(noCredentials());
		expect(await scanFailure()).toMatchObject({
			code: 'NoCredentials',
			message: 'No AWS credentials were found: set AWS_PROFILE or pass --profile, or run `aws sso login`.',
		});
	});

	it('an expired session token', async () => {
		mocks.sts.on(GetCallerIdentityCommand).rejects(awsError('ExpiredToken', 'The security token included in the request is expired'));
		expect(await scanFailure()).toMatchObject({
			code: 'ExpiredToken',
			message: 'The AWS credentials have expired: refresh them (for SSO, run `aws sso login`) and try again.',
			operation: 'sts:GetCallerIdentity',
		});
	});

	it('an expired SSO session reported by the credential provider', () => {
		const error = new Error('The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login.');
		error.name = 'CredentialsProviderError';
		expect(toGatewayError(error, 'sts:GetCallerIdentity')).toMatchObject({ code: 'ExpiredToken', message: 'The AWS session has expired: run `aws sso login` (or refresh the credentials) and try again.' });
	});

	it('access denied names the action and the policy that grants it', async () => {
		mocks.iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('AccessDenied', 'User is not authorized'));
		expect(await scanFailure()).toMatchObject({
			code: 'AccessDenied',
			message: 'Access denied to iam:GetAccountAuthorizationDetails: grant iam:GetAccountAuthorizationDetails to the caller (policies/scan-only.json grants every read a scan makes).',
		});
		expect(toGatewayError(awsError('AccessDeniedException', 'no'), 'organizations:AttachPolicy').message).toBe(
			'Access denied to organizations:AttachPolicy: grant organizations:AttachPolicy to the caller to make this change (policies/remediate.json grants every change iam-wizard makes).',
		);
		expect(toGatewayError(awsError('UnauthorizedOperation', 'no'), 'iam:ListRoles').code).toBe('AccessDenied');
	});

	it('throttling that outlasted the retries says how many attempts were made', async () => {
		mocks.iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('Throttling', 'Rate exceeded', { attempts: 3 }));
		expect(await scanFailure()).toMatchObject({
			code: 'Throttled',
			message: 'AWS kept throttling iam:GetAccountAuthorizationDetails after 3 attempts: wait a minute and try again.',
		});
		expect(toGatewayError(awsError('TooManyRequestsException', 'slow down', { attempts: 5 }), 'organizations:ListPolicies').code).toBe('Throttled');
		expect(toGatewayError(awsError('ThrottlingException', 'slow down'), 'access-analyzer:ListAnalyzers').code).toBe('Throttled');
	});

	it('an unreachable endpoint names it', async () => {
		const error = Object.assign(new Error('getaddrinfo ENOTFOUND iam.example.test'), { code: 'ENOTFOUND', hostname: 'iam.example.test', $metadata: { attempts: 1 } });
		mocks.iam.on(GetAccountAuthorizationDetailsCommand).rejects(error);
		expect(await scanFailure()).toMatchObject({
			code: 'EndpointUnreachable',
			message: 'Could not reach iam.example.test for iam:GetAccountAuthorizationDetails (ENOTFOUND): check the network, the region and AWS_ENDPOINT_URL.',
		});
		const timeout = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
		expect(toGatewayError(timeout, 'sts:GetCallerIdentity').code).toBe('EndpointUnreachable');
	});

	it('an HTML page instead of an AWS answer', async () => {
		const html = Object.assign(new SyntaxError('Unexpected token \'<\', "<!DOCTYPE "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), {
			$metadata: { httpStatusCode: 404 },
			$response: { statusCode: 404 },
		});
		mocks.iam.on(GetAccountAuthorizationDetailsCommand).rejects(html);
		expect(await scanFailure()).toMatchObject({
			code: 'NotAws',
			message: 'The endpoint answered with something that is not an AWS response (an HTML page?): check AWS_ENDPOINT_URL or a proxy.',
		});
		expect(toGatewayError(new Error("Expected closing tag 'hr' (opened in line 5, col 1) instead of closing tag 'body'.:6:1"), 'iam:GetRole').code).toBe('NotAws');
	});

	it('AWS service errors keep their name as the code, with the request ID', () => {
		const error = toGatewayError(awsError('NoSuchEntity', 'The role with name ghost cannot be found.', { requestId: 'abc-123' }), 'iam:GetRole');
		expect(error).toMatchObject({ code: 'NoSuchEntity', message: 'iam:GetRole failed with NoSuchEntity: The role with name ghost cannot be found.', requestId: 'abc-123', operation: 'iam:GetRole' });
		// How many requests the SDK made: more than one, and an "already exists" may be its own first attempt's change.
		expect(toGatewayError(awsError('EntityAlreadyExists', 'Role with name app already exists.', { attempts: 2 }), 'iam:CreateRole').attempts).toBe(2);
		for (const name of ['EntityAlreadyExists', 'LimitExceeded', 'DeleteConflict', 'UnmodifiableEntity']) {
			expect(toGatewayError(awsError(name, 'x'), 'iam:CreatePolicy').code).toBe(name);
		}
	});

	it('a call that fails in apply also becomes a GatewayError with AWS\'s code', async () => {
		mocks.iam.on(DeleteGroupCommand).rejects(awsError('DeleteConflict', 'Cannot delete entity, must remove users from group first.', { requestId: 'del-1' }));
		const gateway = await liveGateway();
		await expect(gateway.apply({ kind: 'iam:DeleteGroup', params: { GroupName: 'ops' }, step: 1, findingIds: [], summary: 'Delete group ops' })).rejects.toMatchObject({
			name: 'GatewayError',
			code: 'DeleteConflict',
			message: 'iam:DeleteGroup failed with DeleteConflict: Cannot delete entity, must remove users from group first.',
			requestId: 'del-1',
		});
	});
});
