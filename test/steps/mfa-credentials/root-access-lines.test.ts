// The root section's words about centralized root access, for each thing the account could read about it.
import { describe, expect, it } from 'vitest';
import type { AccountModel, Organization } from '../../../source/core/model.js';
import { centralizedRootAccessLines, type RootChecklistItem } from '../../../source/steps/mfa-credentials/root-checklist.js';

const member = '123456789012';
const management = '999999999999';
const keysOpen: RootChecklistItem[] = [{ id: 'root-access-keys', task: 'Delete', findings: [], state: 'open' }];
const keysDone: RootChecklistItem[] = [{ id: 'root-access-keys', task: 'Delete', findings: [], state: 'done' }];

function model(organization: Partial<Organization> | null, accountId = member): AccountModel {
	const org: Organization | null = organization && { id: 'o-abc1234567', arn: 'arn:org', featureSet: 'ALL', managementAccountId: management, callerIsManagementAccount: accountId === management, roots: [], ...organization };
	return { accountId, partition: 'aws', region: 'eu-west-1', organization: org } as AccountModel;
}

const assumeRoot = `aws sts assume-root --region eu-west-1 --target-principal ${member} --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials --duration-seconds 900`;

describe('centralized root access in the root section', () => {
	it('enabled, but this member account may not use it: names the account that can and gives the commands to run there', () => {
		const lines = centralizedRootAccessLines(model({ rootAccess: { enabledFeatures: ['RootCredentialsManagement'], callerMayAssumeRoot: false } }), keysOpen);
		expect(lines).toEqual([
			`Centralized root access is on in o-abc1234567, but only the management account ${management} or IAM's delegated administrator may use it. Run these there instead of the console:`,
			assumeRoot,
			"export AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… AWS_SESSION_TOKEN=…   # the answer's Credentials",
			'aws iam list-access-keys',
			'aws iam delete-access-key --access-key-id <each AccessKeyId listed>',
		]);
	});

	it('unknown (a member account may not ask): the same commands, with no claim that it is on', () => {
		const lines = centralizedRootAccessLines(model({}), keysOpen);
		expect(lines[0]).toBe(`Whether o-abc1234567 has centralized root access, only the management account ${management} or IAM's delegated administrator can tell. If it is on, run these there instead of the console:`);
		expect(lines[1]).toBe(assumeRoot);
	});

	it('no commands once the root has no access keys', () => {
		expect(centralizedRootAccessLines(model({}), keysDone)).toHaveLength(1);
	});

	it('not enabled: how the management account enables it, and no commands', () => {
		expect(centralizedRootAccessLines(model({ rootAccess: { enabledFeatures: [], callerMayAssumeRoot: false } }), keysOpen)).toEqual([
			`Centralized root access is not enabled in o-abc1234567: the management account ${management} can enable it (organizations:EnableAWSServiceAccess for iam.amazonaws.com, then iam:EnableOrganizationsRootCredentialsManagement); until then these are console tasks.`,
		]);
	});

	it("the management account's own root: AssumeRoot targets member accounts only", () => {
		const lines = centralizedRootAccessLines(model({ rootAccess: { enabledFeatures: ['RootCredentialsManagement'], callerMayAssumeRoot: true } }, management), keysOpen);
		expect(lines).toEqual(["sts:AssumeRoot acts on member accounts only: the management account's own root credentials stay console tasks."]);
	});

	it("usable from here (IAM's delegated administrator): points at the action, no commands", () => {
		const lines = centralizedRootAccessLines(model({ rootAccess: { enabledFeatures: ['RootCredentialsManagement'], callerMayAssumeRoot: true } }), keysOpen);
		expect(lines).toEqual(['Centralized root access is on in o-abc1234567 and this account may use it: p previews sts:AssumeRoot, which deletes the root access keys in a root session (also in All changes and plan --steps 5, never selected by default).']);
	});

	it('outside an organization: nothing to say', () => {
		expect(centralizedRootAccessLines(model(null), keysOpen)).toEqual([]);
	});
});
