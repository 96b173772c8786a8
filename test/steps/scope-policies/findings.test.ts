import { describe, expect, it } from 'vitest';
import type { AccountModel } from '../../../source/core/model.js';
import { planScopePolicies } from '../../../source/steps/scope-policies/plan.js';
import { awsManagedRef, buildGroup, buildModel, buildRole, buildUser, customerManagedRef, groupArn, planContext, roleArn, userArn } from '../../helpers/model-builder.js';
import { allow, awsPolicy, console, context, customerPolicy, deny, doc } from './scope-fixtures.js';

const arnOf = (name: string) => customerManagedRef(name).arn;

/** One principal per policy, so each finding's resource says which policy raised it. */
function corpus(): AccountModel {
	const policies = [
		customerPolicy('everything', doc(allow('*'))),
		customerPolicy('s3-everything', doc(allow('s3:*', ['arn:aws:s3:::data', 'arn:aws:s3:::data/*']))),
		customerPolicy('iam-writes-anywhere', doc(allow(['iam:PutUserPolicy', 'iam:TagUser', 'iam:GetUser']))),
		customerPolicy('not-iam', doc({ Effect: 'Allow', NotAction: ['iam:*'], Resource: ['*'] })),
		customerPolicy('broken', doc(allow('s3:GetObjects', 'arn:aws:s3:::reports/*'), allow('sqs:SendMessage', 'arn:aws:s3:::reports'))),
		// Decoys: nothing of step 3 may be raised for these.
		customerPolicy('read-only', doc(allow(['s3:GetObject', 's3:ListBucket', 'ec2:Describe*', 'iam:Get*', 'iam:List*']))),
		customerPolicy('star-only-actions', doc(allow(['iam:ListRoles', 'sts:GetCallerIdentity', 's3:ListAllMyBuckets', 'ec2:DescribeInstances', 'kms:CreateKey', 'iam:UpdateAccountPasswordPolicy', 's3:PutAccountPublicAccessBlock']))),
		customerPolicy('deny-guardrails', doc(deny('*'), deny('iam:*'), deny('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': ['false'] } } }), { Effect: 'Deny', NotAction: ['sts:*'], Resource: ['*'] })),
		customerPolicy('scoped-writes', doc(allow(['s3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::backups/*'), allow('iam:CreateAccessKey', 'arn:aws:iam::123456789012:user/${aws:username}'))),
		customerPolicy('unattached-admin', doc(allow('*'))),
		awsPolicy('AdministratorAccess', doc(allow('*'))),
		awsPolicy('AmazonS3FullAccess', doc(allow(['s3:*', 's3-object-lambda:*']))),
	];
	const workload = (name: string, policy: string) => buildRole(name, { attachedPolicies: [customerManagedRef(policy)] });
	return buildModel({
		policies,
		users: [
			buildUser('ann', { loginProfile: console, attachedPolicies: [customerManagedRef('iam-writes-anywhere')] }),
			buildUser('ben', { loginProfile: console, groups: ['admins'] }),
			buildUser('ci', { loginProfile: null, groups: ['admins'] }),
			buildUser('carl', { loginProfile: console, inlinePolicies: [{ name: 'fixer', document: doc(allow(['iam:AttachUserPolicy', 'iam:ListUsers'])) }] }),
			buildUser('dina', { loginProfile: console, inlinePolicies: [{ name: 'mfa-only', document: doc(allow('iam:AttachUserPolicy', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } } })) }] }),
			buildUser('eve', {
				loginProfile: console,
				inlinePolicies: [
					{ name: 'attach', document: doc(allow('iam:AttachUserPolicy', 'arn:aws:iam::123456789012:user/eve')) },
					{ name: 'no-mfa-no-iam', document: doc(deny('iam:*', '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } } })) },
				],
			}),
			buildUser('fay', { loginProfile: console, attachedPolicies: [awsManagedRef('AmazonS3FullAccess')] }),
		],
		groups: [buildGroup('admins', { attachedPolicies: [awsManagedRef('AdministratorAccess')] })],
		roles: [
			workload('r-everything', 'everything'),
			workload('r-s3', 's3-everything'),
			workload('r-not-iam', 'not-iam'),
			workload('r-broken', 'broken'),
			workload('r-read-only', 'read-only'),
			workload('r-star-only', 'star-only-actions'),
			workload('r-guardrails', 'deny-guardrails'),
			workload('r-scoped', 'scoped-writes'),
			buildRole('AWSServiceRoleForThing', { path: '/aws-service-role/thing.amazonaws.com/', attachedPolicies: [awsManagedRef('AmazonS3FullAccess')] }),
		],
	});
}

describe('step 3 findings on a corpus of policies', () => {
	it('raises each finding on the resource FINDINGS.md names, and nothing for the decoys', async () => {
		const plan = planScopePolicies(corpus(), await context());
		const got = plan.findings.map((f) => `${f.id} ${f.resource}`).sort();
		expect(got).toEqual(
			[
				`POLICY_FULL_ADMIN ${arnOf('everything')}`,
				`POLICY_VALIDATION ${arnOf('everything')}`, // PassRole on "*", as Access Analyzer reports it
				`POLICY_FULL_ADMIN ${groupArn('admins')}`,
				`POLICY_SENSITIVE_NO_MFA ${groupArn('admins')}`,
				`POLICY_SERVICE_WILDCARD ${arnOf('s3-everything')}`,
				`POLICY_WILDCARD_RESOURCE ${arnOf('iam-writes-anywhere')}`,
				`POLICY_SENSITIVE_NO_MFA ${arnOf('iam-writes-anywhere')}`,
				`POLICY_NOT_ACTION ${arnOf('not-iam')}`,
				`POLICY_VALIDATION ${arnOf('broken')}`,
				`POLICY_VALIDATION ${arnOf('broken')}`,
				`POLICY_VALIDATION ${arnOf('unattached-admin')}`,
				`POLICY_WILDCARD_RESOURCE ${userArn('carl')}`,
				`POLICY_WILDCARD_RESOURCE ${userArn('dina')}`, // an MFA condition does not scope the resource
				`POLICY_SENSITIVE_NO_MFA ${userArn('carl')}`,
				`POLICY_SENSITIVE_NO_MFA ${userArn('fay')}`,
			].sort(),
		);
	});

	it('fills evidence and fingerprints by the kind of policy', async () => {
		const plan = planScopePolicies(corpus(), await context());
		const byKey = (id: string, resource: string) => plan.findings.filter((f) => f.id === id && f.resource === resource);

		const managed = byKey('POLICY_WILDCARD_RESOURCE', arnOf('iam-writes-anywhere'))[0]!;
		expect(managed.evidence).toMatchObject({ policyArn: arnOf('iam-writes-anywhere'), principals: [userArn('ann')], actions: ['iam:PutUserPolicy'] });
		expect(managed.fingerprint).toBe(`POLICY_WILDCARD_RESOURCE|${arnOf('iam-writes-anywhere')}|`);
		// iam:TagUser is Tagging, iam:GetUser is Read: only the permissions-management write counts.
		expect(managed.detail).toContain('(iam:PutUserPolicy)');

		const inline = byKey('POLICY_SENSITIVE_NO_MFA', userArn('carl'))[0]!;
		expect(inline.evidence).toMatchObject({ policyName: 'fixer', ownerType: 'user', actions: ['iam:AttachUserPolicy'] });
		expect(inline.fingerprint).toBe(`POLICY_SENSITIVE_NO_MFA|${userArn('carl')}|fixer`);

		const awsManaged = byKey('POLICY_FULL_ADMIN', groupArn('admins'))[0]!;
		expect(awsManaged.evidence).toMatchObject({ policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
		expect(awsManaged.fingerprint).toBe(`POLICY_FULL_ADMIN|${groupArn('admins')}|arn:aws:iam::aws:policy/AdministratorAccess`);
		// The group stands for its people: ben has a console password, ci does not.
		expect(byKey('POLICY_SENSITIVE_NO_MFA', groupArn('admins'))[0]!.evidence).toMatchObject({ humans: [userArn('ben')] });

		const validation = byKey('POLICY_VALIDATION', arnOf('broken'));
		expect(validation.map((f) => f.fingerprint).sort()).toEqual([`POLICY_VALIDATION|${arnOf('broken')}|INVALID_ACTION`, `POLICY_VALIDATION|${arnOf('broken')}|RESOURCE_ACTION_MISMATCH`]);
		expect(validation.find((f) => f.fingerprint.endsWith('INVALID_ACTION'))!.detail).toMatch(/^INVALID_ACTION \(ERROR\) in broken: The action s3:GetObjects/);
	});

	it('counts MFA as enforced by a condition on the statement or by a Deny when MFA is absent', async () => {
		const plan = planScopePolicies(corpus(), await context());
		const mfa = plan.findings.filter((f) => f.id === 'POLICY_SENSITIVE_NO_MFA').map((f) => f.resource);
		expect(mfa).not.toContain(userArn('dina'));
		expect(mfa).not.toContain(userArn('eve'));
		// A service-linked role is no person; AmazonS3FullAccess is reported for fay only.
		expect(mfa).not.toContain(roleArn('AWSServiceRoleForThing', '/aws-service-role/thing.amazonaws.com/'));
	});

	it('takes Access Analyzer\'s answer over the local checks when the edge has it', async () => {
		const model = corpus();
		const broken = model.policies.find((p) => p.name === 'broken')!;
		const { policyDocumentToJson } = await import('../../../source/core/policy-document.js');
		const plan = planScopePolicies(model, await context(), {
			validation: {
				[broken.arn]: [{ documentJson: policyDocumentToJson(broken.versions[0]!.document), issues: [{ findingType: 'ERROR', issueCode: 'INVALID_ACTION', detail: 'from AWS' }, { findingType: 'SUGGESTION', issueCode: 'REDUNDANT_ACTION', detail: 'style' }], by: 'access-analyzer' }],
			},
		});
		const found = plan.findings.filter((f) => f.id === 'POLICY_VALIDATION' && f.resource === broken.arn);
		expect(found.map((f) => [f.detail, f.evidence.validatedBy])).toEqual([['INVALID_ACTION (ERROR) in broken: from AWS', 'access-analyzer']]);
	});

	it('without the catalogue, says what it could not check instead of pretending', () => {
		const plan = planScopePolicies(corpus(), planContext('2026-12-01T00:00:00.000Z'));
		expect(new Set(plan.findings.map((f) => f.id))).toEqual(new Set(['POLICY_FULL_ADMIN', 'POLICY_SERVICE_WILDCARD', 'POLICY_NOT_ACTION']));
		expect(plan.notEvaluated.flatMap((n) => n.findingIds)).toEqual(['POLICY_WILDCARD_RESOURCE', 'POLICY_SENSITIVE_NO_MFA', 'POLICY_VALIDATION']);
		expect(plan.actions).toEqual([]);
	});

	it('asks the policy engine whether people can really use the actions: a boundary that removes them is no MFA finding', async () => {
		const boundary = customerPolicy('no-iam-boundary', doc(allow(['s3:*', 'ec2:*'])));
		const fixer = { name: 'fixer', document: doc(allow(['iam:AttachUserPolicy'])) };
		const model = buildModel({
			policies: [boundary],
			users: [
				buildUser('bounded', { loginProfile: console, inlinePolicies: [fixer], permissionsBoundary: boundary.arn }),
				buildUser('unbounded', { loginProfile: console, inlinePolicies: [fixer] }),
			],
		});
		const plan = planScopePolicies(model, await context());
		expect(plan.findings.filter((f) => f.id === 'POLICY_SENSITIVE_NO_MFA').map((f) => f.resource)).toEqual([userArn('unbounded')]);
	});
});
