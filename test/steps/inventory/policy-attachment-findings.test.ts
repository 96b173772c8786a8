import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../source/core/finding.js';
import type { AccountModel } from '../../../source/core/model.js';
import { policyAttachmentFindings } from '../../../source/steps/inventory/policy-attachment-findings.js';
import {
	awsManagedRef,
	buildGroup,
	buildModel,
	buildRole,
	buildUser,
	customerManagedRef,
	groupArn,
	roleArn,
	testRootArn,
	userArn,
} from '../../helpers/model-builder.js';

const supportRole = buildRole('support', { attachedPolicies: [awsManagedRef('AWSSupportAccess')] });

function findings(model: Partial<AccountModel>, id: string): Finding[] {
	return policyAttachmentFindings(buildModel({ roles: [supportRole], ...model })).filter((f) => f.id === id);
}

describe('USER_DIRECT_POLICY', () => {
	it('is raised once per user with attached or inline policies, naming them', () => {
		const alice = buildUser('alice', {
			attachedPolicies: [customerManagedRef('billing-export', '/finance/'), awsManagedRef('ReadOnlyAccess')],
			inlinePolicies: [{ name: 'inline-sqs', document: { Statement: [] } }],
		});
		const list = findings({ users: [alice, buildUser('bob', { groups: ['devs'] })] }, 'USER_DIRECT_POLICY');
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({
			resource: userArn('alice'),
			severity: 'low',
			evidence: {
				attachedPolicies: ['arn:aws:iam::123456789012:policy/finance/billing-export', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
				inlinePolicies: ['inline-sqs'],
			},
		});
		expect(list[0].detail).toBe('alice has policies of its own (attached billing-export, ReadOnlyAccess; inline inline-sqs) instead of getting them through a group.');
	});

	it('is raised for an inline policy alone', () => {
		const user = buildUser('carol', { inlinePolicies: [{ name: 'x', document: { Statement: [] } }] });
		expect(findings({ users: [user] }, 'USER_DIRECT_POLICY')).toHaveLength(1);
	});
});

describe('SUPPORT_ROLE_MISSING', () => {
	it('is not raised when a role has AWSSupportAccess', () => {
		expect(findings({}, 'SUPPORT_ROLE_MISSING')).toEqual([]);
	});

	it('is raised on the account when no role has it, even if a user or group does', () => {
		const list = findings(
			{
				roles: [buildRole('app', { attachedPolicies: [customerManagedRef('AWSSupportAccess')] })],
				users: [buildUser('alice', { attachedPolicies: [awsManagedRef('AWSSupportAccess')] })],
				groups: [buildGroup('support', { attachedPolicies: [awsManagedRef('AWSSupportAccess')] })],
			},
			'SUPPORT_ROLE_MISSING',
		);
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ resource: testRootArn, evidence: { policyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess' } });
	});

	it('recognises the policy in other partitions', () => {
		const govRole = buildRole('support', { attachedPolicies: [awsManagedRef('AWSSupportAccess', 'aws-us-gov')] });
		expect(policyAttachmentFindings(buildModel({ partition: 'aws-us-gov', roles: [govRole] })).filter((f) => f.id === 'SUPPORT_ROLE_MISSING')).toEqual([]);
	});
});

describe('CLOUDSHELL_FULL_ACCESS', () => {
	const cloudShell = awsManagedRef('AWSCloudShellFullAccess');

	it('is raised on users and roles that have it attached', () => {
		const list = findings(
			{ users: [buildUser('alice', { attachedPolicies: [cloudShell] }), buildUser('bob')], roles: [supportRole, buildRole('ops', { attachedPolicies: [cloudShell] })] },
			'CLOUDSHELL_FULL_ACCESS',
		);
		expect(list.map((f) => f.resource)).toEqual([userArn('alice'), roleArn('ops')]);
		expect(list[0].evidence).toEqual({ principal: 'alice', policyArn: cloudShell.arn });
		expect(list[0].controls).toEqual(['CIS-5.0:1.21', 'SecurityHub:IAM.27']);
	});

	it("attributes a group's attachment to each member, with evidence.via", () => {
		const group = buildGroup('devs', { attachedPolicies: [cloudShell] });
		const users = [buildUser('alice', { groups: ['devs'] }), buildUser('bob', { groups: ['devs', 'other'] }), buildUser('carol', { groups: ['other'] })];
		const list = findings({ users, groups: [group, buildGroup('other')] }, 'CLOUDSHELL_FULL_ACCESS');
		expect(list.map((f) => f.resource)).toEqual([userArn('alice'), userArn('bob')]);
		expect(list[0].evidence).toEqual({ principal: 'alice', policyArn: cloudShell.arn, via: 'devs', groupArn: groupArn('devs') });
		expect(list[0].detail).toBe('User alice gets AWSCloudShellFullAccess through group devs, which allows uploading and downloading files through CloudShell.');
	});

	it('tells apart direct and group-inherited attachments of one user', () => {
		const users = [buildUser('alice', { groups: ['devs'], attachedPolicies: [cloudShell] })];
		const list = findings({ users, groups: [buildGroup('devs', { attachedPolicies: [cloudShell] })] }, 'CLOUDSHELL_FULL_ACCESS');
		expect(list.map((f) => f.fingerprint)).toEqual([`CLOUDSHELL_FULL_ACCESS|${userArn('alice')}|`, `CLOUDSHELL_FULL_ACCESS|${userArn('alice')}|group:devs`]);
	});

	it('ignores a customer policy that happens to share the name', () => {
		const users = [buildUser('alice', { attachedPolicies: [customerManagedRef('AWSCloudShellFullAccess')] })];
		expect(findings({ users }, 'CLOUDSHELL_FULL_ACCESS')).toEqual([]);
	});
});
