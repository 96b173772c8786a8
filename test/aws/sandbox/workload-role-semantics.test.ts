import { describe, expect, it } from 'vitest';
import { inverseOf } from '../../../source/core/inverse-action.js';
import { expectedStateAfter, stateMatches } from '../../../source/core/expected-state.js';
import { action, rejection, sandbox } from './sandbox-fixtures.js';

const ec2Trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Principal: { Service: ['ec2.amazonaws.com'] }, Action: ['sts:AssumeRole'], Resource: undefined }] };

describe('sandbox instance profiles and OIDC providers', () => {
	it('holds one role per instance profile and refuses to delete a profile or role still joined', async () => {
		const gateway = sandbox();
		await gateway.apply(action('iam:CreateRole', { RoleName: 'etl-runner', AssumeRolePolicyDocument: ec2Trust, Tags: [{ Key: 'iam-wizard:migrates-user', Value: 'legacy-etl' }] }, 5));
		await gateway.apply(action('iam:CreateRole', { RoleName: 'other', AssumeRolePolicyDocument: ec2Trust }, 5));
		const created = await gateway.apply(action('iam:CreateInstanceProfile', { InstanceProfileName: 'etl-runner' }, 5));
		expect(created.outputs).toEqual({ Arn: 'arn:aws:iam::123456789012:instance-profile/etl-runner' });
		expect((await rejection(gateway.apply(action('iam:CreateInstanceProfile', { InstanceProfileName: 'etl-runner' }, 5)))).code).toBe('EntityAlreadyExists');
		const add = action('iam:AddRoleToInstanceProfile', { InstanceProfileName: 'etl-runner', RoleName: 'etl-runner' }, 5);
		await gateway.apply(add);
		expect(stateMatches(expectedStateAfter(add), await gateway.readState(add))).toBe(true);
		const second = await rejection(gateway.apply(action('iam:AddRoleToInstanceProfile', { InstanceProfileName: 'etl-runner', RoleName: 'other' }, 5)));
		expect(second.code).toBe('LimitExceeded');
		expect((await rejection(gateway.apply(action('iam:DeleteInstanceProfile', { InstanceProfileName: 'etl-runner' }, 5)))).code).toBe('DeleteConflict');
		expect((await rejection(gateway.apply(action('iam:DeleteRole', { RoleName: 'etl-runner' }, 5)))).code).toBe('DeleteConflict');
		expect((await rejection(gateway.apply(action('iam:AddRoleToInstanceProfile', { InstanceProfileName: 'nope', RoleName: 'other' }, 5)))).code).toBe('NoSuchEntity');
		expect(gateway.currentState().roles.find((r) => r.name === 'etl-runner')!.tags).toEqual([{ Key: 'iam-wizard:migrates-user', Value: 'legacy-etl' }]);
		// Inverses, in reverse order, leave nothing behind.
		const inverse = inverseOf(add, { exists: false })!;
		expect(inverse.kind).toBe('iam:RemoveRoleFromInstanceProfile');
		await gateway.apply(inverse);
		await gateway.apply(action('iam:DeleteInstanceProfile', { InstanceProfileName: 'etl-runner' }, 5));
		await gateway.apply(action('iam:DeleteRole', { RoleName: 'etl-runner' }, 5));
		expect(gateway.currentState().instanceProfiles).toEqual([]);
	});

	it('creates one OIDC provider per issuer, returns its ARN for the inverse, and deletes it', async () => {
		const gateway = sandbox();
		const create = action('iam:CreateOpenIDConnectProvider', { Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'] }, 5);
		const result = await gateway.apply(create);
		expect(result.outputs).toEqual({ OpenIDConnectProviderArn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' });
		expect((await gateway.readAccount()).openIdConnectProviders).toEqual([{ arn: result.outputs!.OpenIDConnectProviderArn, url: 'https://token.actions.githubusercontent.com' }]);
		expect((await rejection(gateway.apply(create))).code).toBe('EntityAlreadyExists');
		expect((await rejection(gateway.apply(action('iam:CreateOpenIDConnectProvider', { Url: 'http://x.example', ClientIDList: ['a'] }, 5)))).code).toBe('InvalidInput');
		const inverse = inverseOf(create, { exists: false }, result)!;
		expect(inverse.params).toEqual({ OpenIDConnectProviderArn: result.outputs!.OpenIDConnectProviderArn });
		await gateway.apply(inverse);
		expect((await rejection(gateway.apply(inverse))).code).toBe('NoSuchEntity');
	});
});
