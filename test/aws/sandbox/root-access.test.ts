// Centralized root access in the sandbox's organization: who may ask IAM, and what each answer becomes in the model.
import { describe, expect, it } from 'vitest';
import { listOrganizationsFeatures } from '../../../source/aws/sandbox/root-access.js';
import { action, rejection, sandbox } from './sandbox-fixtures.js';

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

describe('sts:AssumeRoot in the sandbox', () => {
	const deleteKeys = { TargetPrincipal: '123456789012', TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials' }, DurationSeconds: 900, delete: ['accessKeys' as const] };

	it('from the demo (a member account that is not IAM’s delegated administrator) AWS refuses it, and nothing changes', async () => {
		const gateway = sandbox();
		const denied = await rejection(gateway.apply(action('sts:AssumeRoot', deleteKeys, 5)));
		expect(denied).toMatchObject({ code: 'AccessDenied', operation: 'sts:AssumeRoot' });
		// What the live adapter makes of AWS's AccessDenied (errors.ts): the demo says what a live account says.
		expect(denied.message).toBe('Access denied to sts:AssumeRoot: grant sts:AssumeRoot to the caller to make this change (policies/remediate.json grants every change iam-wizard makes).');
		expect(gateway.currentState().root.accessKeys).toHaveLength(1);
	});

	it("as IAM's delegated administrator: reads the root keys in an audit session, deletes them, and the re-read and the next scan show them gone", async () => {
		const state = sandbox().currentState();
		state.organization!.rootAccess!.delegatedAdministrator = state.account.id;
		const gateway = sandbox({ state });
		const rootKey = state.root.accessKeys[0]!.id;
		const before = await gateway.readAccount();
		expect(before.credentialReport!.rows.find((r) => r.isRoot)!.keys.some((k) => k.active)).toBe(true);

		expect(await gateway.readState(action('sts:AssumeRoot', deleteKeys, 5))).toEqual({ accessKeys: [rootKey] });
		const result = await gateway.apply(action('sts:AssumeRoot', deleteKeys, 5));
		expect(result.outputs).toEqual({ DeletedAccessKeyIds: rootKey });
		expect(await gateway.readState(action('sts:AssumeRoot', deleteKeys, 5))).toEqual({ accessKeys: [] });
		const after = await gateway.readAccount();
		expect(after.credentialReport!.rows.find((r) => r.isRoot)!.keys.some((k) => k.active)).toBe(false);
	});

	it("AWS's other refusals: the management account as target, a session longer than 900 seconds, a task policy that is not a root-task policy", async () => {
		const state = sandbox().currentState();
		state.organization!.rootAccess!.delegatedAdministrator = state.account.id;
		const gateway = sandbox({ state });
		expect((await rejection(gateway.apply(action('sts:AssumeRoot', { ...deleteKeys, TargetPrincipal: managementAccountId }, 5)))).code).toBe('AccessDenied');
		expect((await rejection(gateway.apply(action('sts:AssumeRoot', { ...deleteKeys, DurationSeconds: 3600 }, 5)))).code).toBe('ValidationError');
		expect((await rejection(gateway.apply(action('sts:AssumeRoot', { ...deleteKeys, TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } }, 5)))).code).toBe('MalformedPolicyDocument');
		expect(gateway.currentState().root.accessKeys).toHaveLength(1);
	});
});
