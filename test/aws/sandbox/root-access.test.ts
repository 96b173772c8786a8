// Centralized root access in the sandbox's organization: who may ask IAM, and what each answer becomes in the model.
import { describe, expect, it } from 'vitest';
import { listOrganizationsFeatures } from '../../../source/aws/sandbox/root-access.js';
import { sandbox } from './sandbox-fixtures.js';

const managementAccountId = '100200300400';

describe('centralized root access in the sandbox', () => {
	it('a member account is refused as IAM refuses it, and the model says it is unknown and why', async () => {
		const gateway = sandbox();
		expect(() => listOrganizationsFeatures(gateway.currentState())).toThrow(expect.objectContaining({ code: 'AccountNotManagementOrDelegatedAdministratorException', operation: 'iam:ListOrganizationsFeatures' }));
		const model = await gateway.readAccount();
		expect(model.organization!.rootAccess).toBeUndefined();
		expect(model.notEvaluated).toEqual([
			{
				area: 'root-access',
				reason: `Whether centralized root access is enabled could not be read (AccountNotManagementOrDelegatedAdministratorException): only the management account ${managementAccountId} or IAM's delegated administrator may ask (iam:ListOrganizationsFeatures).`,
				findingIds: [],
			},
		]);
	});

	it("IAM's delegated administrator reads the features and may assume root", async () => {
		const state = sandbox().currentState();
		state.organization!.rootAccess!.delegatedAdministrator = state.account.id;
		const model = await sandbox({ state }).readAccount();
		expect(model.organization!.rootAccess).toEqual({ enabledFeatures: ['RootCredentialsManagement', 'RootSessions'], callerMayAssumeRoot: true });
		expect(model.notEvaluated.filter((n) => n.area === 'root-access')).toEqual([]);
	});

	it("without IAM's trusted access, or outside an organization, it is not enabled (the absence table's answers), not unknown", async () => {
		const state = sandbox().currentState();
		state.organization!.rootAccess = { iamTrustedAccess: false, enabledFeatures: [], delegatedAdministrator: state.account.id };
		expect(() => listOrganizationsFeatures(state)).toThrow(expect.objectContaining({ code: 'ServiceAccessNotEnabledException' }));
		const model = await sandbox({ state }).readAccount();
		expect(model.organization!.rootAccess).toEqual({ enabledFeatures: [], callerMayAssumeRoot: false });
		expect(model.notEvaluated.filter((n) => n.area === 'root-access')).toEqual([]);

		const alone = sandbox().currentState();
		alone.organization = null;
		expect(() => listOrganizationsFeatures(alone)).toThrow(expect.objectContaining({ code: 'OrganizationNotFoundException' }));
		const standalone = await sandbox({ state: alone }).readAccount();
		expect(standalone.organization).toBeNull();
		expect(standalone.notEvaluated.filter((n) => n.area === 'root-access')).toEqual([]);
	});
});
