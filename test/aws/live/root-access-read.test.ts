// The live read of centralized root access (iam:ListOrganizationsFeatures) and what each of AWS's answers becomes in the model.
import { ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, ListParentsCommand, ListPoliciesCommand, ListRootsCommand } from '@aws-sdk/client-organizations';
import { beforeEach, describe, expect, it } from 'vitest';
import { accountId, awsError, fakeCredentialsInEnv, liveGateway, mocks, resetToQuietAccount } from './live-test-kit.js';

const management = '999999999999';

function inOrganization(masterAccountId: string): void {
	mocks.organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-abc1234567', Arn: 'arn:org', FeatureSet: 'ALL', MasterAccountId: masterAccountId } });
	// The SCP reads are not what these tests are about: an empty organization.
	mocks.organizations.on(ListRootsCommand).resolves({ Roots: [] });
	mocks.organizations.on(ListPoliciesCommand).resolves({ Policies: [] });
	mocks.organizations.on(ListParentsCommand).resolves({ Parents: [{ Id: 'r-ab12', Type: 'ROOT' }] });
}

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
});

describe('readAccount: centralized root access', () => {
	it('the management account reads the enabled features and may assume root', async () => {
		inOrganization(accountId);
		mocks.iam.on(ListOrganizationsFeaturesCommand).resolves({ OrganizationId: 'o-abc1234567', EnabledFeatures: ['RootCredentialsManagement'] });
		const model = await (await liveGateway()).readAccount();
		expect(mocks.iam.commandCalls(ListOrganizationsFeaturesCommand)).toHaveLength(1);
		expect(model.organization!.rootAccess).toEqual({ enabledFeatures: ['RootCredentialsManagement'], callerMayAssumeRoot: true });
		expect(model.notEvaluated.filter((n) => n.area === 'root-access')).toEqual([]);
	});

	it("a member account that may not ask: unknown, and notEvaluated names the management account", async () => {
		inOrganization(management);
		mocks.iam
			.on(ListOrganizationsFeaturesCommand)
			.rejects(awsError('AccountNotManagementOrDelegatedAdministratorException', 'The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.'));
		const model = await (await liveGateway()).readAccount();
		expect(model.organization!.rootAccess).toBeUndefined();
		expect(model.notEvaluated.filter((n) => n.area === 'root-access')).toEqual([
			{
				area: 'root-access',
				reason: `Whether centralized root access is enabled could not be read (AccountNotManagementOrDelegatedAdministratorException): only the management account ${management} or IAM's delegated administrator may ask (iam:ListOrganizationsFeatures).`,
				findingIds: [],
			},
		]);
	});

	it('access denied is unknown too, not a failed scan', async () => {
		inOrganization(management);
		mocks.iam.on(ListOrganizationsFeaturesCommand).rejects(awsError('AccessDenied', 'User: arn:aws:iam::123456789012:user/admin is not authorized to perform: iam:ListOrganizationsFeatures'));
		const model = await (await liveGateway()).readAccount();
		expect(model.organization!.rootAccess).toBeUndefined();
		expect(model.notEvaluated.map((n) => n.area)).toContain('root-access');
	});

	it("IAM's trusted access off is the absence table's answer: not enabled, no note", async () => {
		inOrganization(accountId);
		mocks.iam.on(ListOrganizationsFeaturesCommand).rejects(awsError('ServiceAccessNotEnabledException', 'The request was rejected because trusted access is not enabled for IAM in AWS Organizations.'));
		const model = await (await liveGateway()).readAccount();
		expect(model.organization!.rootAccess).toEqual({ enabledFeatures: [], callerMayAssumeRoot: true });
		expect(model.notEvaluated.filter((n) => n.area === 'root-access')).toEqual([]);
	});

	it('outside an organization it is not asked', async () => {
		mocks.organizations.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.'));
		const model = await (await liveGateway()).readAccount();
		expect(model.organization).toBeNull();
		expect(mocks.iam.commandCalls(ListOrganizationsFeaturesCommand)).toHaveLength(0);
	});
});
