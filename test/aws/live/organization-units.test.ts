// The live read of the OU tree step 5 shows (ListOrganizationalUnitsForParent, level by level, every page) and what a denied listing leaves.
import { DescribeOrganizationCommand, ListOrganizationalUnitsForParentCommand, ListParentsCommand, ListPoliciesCommand, ListRootsCommand } from '@aws-sdk/client-organizations';
import { beforeEach, describe, expect, it } from 'vitest';
import { organizationTree } from '../../../source/steps/mfa-credentials/organization-context.js';
import { accountId, awsError, fakeCredentialsInEnv, liveGateway, mocks, resetToQuietAccount } from './live-test-kit.js';

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
	mocks.organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-abc1234567', Arn: 'arn:org', FeatureSet: 'ALL', MasterAccountId: accountId } });
	mocks.organizations.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-ab12', Arn: 'arn:root', Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }] });
	mocks.organizations.on(ListPoliciesCommand).resolves({ Policies: [] });
	mocks.organizations.on(ListParentsCommand).resolves({ Parents: [{ Id: 'r-ab12', Type: 'ROOT' }] });
});

describe('readAccount: the organizational units', () => {
	it('lists every level below the root, following NextToken, so step 5 can draw the tree', async () => {
		mocks.organizations.on(ListOrganizationalUnitsForParentCommand).resolves({ OrganizationalUnits: [] });
		mocks.organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-ab12' }).resolves({ OrganizationalUnits: [{ Id: 'ou-ab12-prod', Name: 'Prod' }], NextToken: 'more' });
		mocks.organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-ab12', NextToken: 'more' }).resolves({ OrganizationalUnits: [{ Id: 'ou-ab12-sandbox', Name: 'Sandbox' }] });
		mocks.organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-ab12-prod' }).resolves({ OrganizationalUnits: [{ Id: 'ou-ab12-payments', Name: 'Payments' }] });
		const model = await (await liveGateway()).readAccount();
		expect(model.organization!.organizationalUnits).toEqual([
			{ id: 'ou-ab12-prod', name: 'Prod', parentId: 'r-ab12' },
			{ id: 'ou-ab12-sandbox', name: 'Sandbox', parentId: 'r-ab12' },
			{ id: 'ou-ab12-payments', name: 'Payments', parentId: 'ou-ab12-prod' },
		]);
		expect(organizationTree(model).map((l) => l.text)).toEqual([
			'Root r-ab12 [no SCP]',
			'  · OU Prod ou-ab12-prod [no SCP]',
			'    · OU Payments ou-ab12-payments [no SCP]',
			'  · OU Sandbox ou-ab12-sandbox [no SCP]',
		]);
		// The leaves are asked too, and nothing twice.
		expect(mocks.organizations.commandCalls(ListOrganizationalUnitsForParentCommand).map((c) => c.args[0].input.ParentId).sort()).toEqual(['ou-ab12-payments', 'ou-ab12-prod', 'ou-ab12-sandbox', 'r-ab12', 'r-ab12']);
	});

	it('a denied listing leaves the tree unknown (not drawn) and the SCPs read, not a failed scan', async () => {
		mocks.organizations.on(ListOrganizationalUnitsForParentCommand).rejects(awsError('AccessDeniedException', 'You don\'t have permissions to access this resource.'));
		const model = await (await liveGateway()).readAccount();
		expect(model.organization!.organizationalUnits).toBeUndefined();
		expect(model.organization!.scps).toEqual([]);
		expect(organizationTree(model)).toEqual([]);
	});
});
