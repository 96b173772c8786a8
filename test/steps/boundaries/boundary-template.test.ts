import { describe, expect, it } from 'vitest';
import { policyDocumentToJson } from '../../../source/core/policy-document.js';
import { evaluateAccess } from '../../../source/core/policy-engine/evaluate-access.js';
import { principalPolicies } from '../../../source/core/policy-engine/principal-policies.js';
import { developerBoundaryTemplate } from '../../../source/steps/boundaries/boundary-template.js';
import { boundaryBreakage } from '../../../source/steps/boundaries/breakage-guard.js';
import { buildAccessKey, buildModel, buildPolicy, buildRole, buildUser, roleArn, userArn } from '../../helpers/model-builder.js';

const template = developerBoundaryTemplate({ partition: 'aws', accountId: '123456789012' });
const boundaryPolicy = buildPolicy(template.name, { arn: template.arn, versions: [{ versionId: 'v1', isDefault: true, createDate: '2020-01-01T00:00:00Z', document: template.document }] });
const admin = { name: 'admin', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: ['*'], Resource: ['*'] }] } };

function boxedAdmin() {
	const role = buildRole('deployer', { inlinePolicies: [admin], permissionsBoundary: template.arn });
	const user = buildUser('dev', { inlinePolicies: [admin], permissionsBoundary: template.arn });
	const model = buildModel({ roles: [role], users: [user], policies: [boundaryPolicy] });
	return { role: principalPolicies(model, role, 'role'), user: principalPolicies(model, user, 'user') };
}

describe('the developer boundary template', () => {
	it('fits a managed policy (6,144 characters without whitespace)', () => {
		expect(policyDocumentToJson(template.document).replace(/\s/g, '').length).toBeLessThanOrEqual(6144);
		expect(template.arn).toBe('arn:aws:iam::123456789012:policy/boundaries/iam-wizard-developer-boundary');
	});

	it('keeps common services, denies IAM changes even to an administrator', () => {
		const { role } = boxedAdmin();
		expect(evaluateAccess(role, 's3:PutObject', 'arn:aws:s3:::b/k').verdict).toBe('allowed');
		expect(evaluateAccess(role, 'iam:CreateUser', userArn('x')).verdict).toBe('denied');
		expect(evaluateAccess(role, 'iam:AttachRolePolicy', roleArn('deployer')).verdict).toBe('denied');
		expect(evaluateAccess(role, 'iam:PassRole', roleArn('admin-role')).verdict).toBe('not-allowed');
		expect(evaluateAccess(role, 'iam:PassRole', roleArn('api', '/workloads/')).verdict).toBe('allowed');
	});

	it('cannot be removed, replaced by another policy, or edited by the principal it boxes in', () => {
		const { role, user } = boxedAdmin();
		expect(evaluateAccess(role, 'iam:DeleteRolePermissionsBoundary', roleArn('deployer')).verdict).toBe('denied');
		expect(evaluateAccess(user, 'iam:DeleteUserPermissionsBoundary', userArn('dev')).verdict).toBe('denied');
		const other = { keys: { 'iam:PermissionsBoundary': ['arn:aws:iam::aws:policy/AdministratorAccess'] } };
		expect(evaluateAccess(role, 'iam:PutRolePermissionsBoundary', roleArn('deployer'), other).verdict).toBe('denied');
		for (const action of ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion']) {
			expect(evaluateAccess(role, action, template.arn).verdict, action).toBe('denied');
		}
	});

	it('leaves a user its own keys and password, not other users\'', () => {
		const { user } = boxedAdmin();
		expect(evaluateAccess(user, 'iam:CreateAccessKey', userArn('dev')).verdict).toBe('allowed');
		expect(evaluateAccess(user, 'iam:CreateAccessKey', userArn('alice')).verdict).toBe('denied');
		expect(evaluateAccess(user, 'iam:ChangePassword', userArn('dev')).verdict).toBe('allowed');
	});
});

describe('the breakage guard', () => {
	it('lists used actions and services the boundary removes', () => {
		const role = buildRole('r');
		const check = boundaryBreakage(role, template.document, {
			principalArn: role.arn,
			generatedAt: '2026-11-27T00:00:00Z',
			services: [
				{ namespace: 's3', name: 'Amazon S3', lastAuthenticated: '2026-11-26T00:00:00Z', actions: [{ name: 'GetObject', lastAccessed: '2026-11-26T00:00:00Z' }] },
				{ namespace: 'iam', name: 'IAM', lastAuthenticated: '2026-11-26T00:00:00Z', actions: [{ name: 'CreateRole', lastAccessed: '2026-11-26T00:00:00Z' }, { name: 'GetRole' }] },
				{ namespace: 'redshift', name: 'Redshift', lastAuthenticated: '2026-11-20T00:00:00Z' },
				{ namespace: 'rds', name: 'RDS' },
			],
		});
		expect(check.source).toBe('last-accessed');
		expect(check.removed).toEqual(['iam:CreateRole', 'redshift (service)']);
		expect(check.note).toBe('Breakage guard: the boundary would remove 2 of 3 permissions r used recently: iam:CreateRole, redshift (service).');
	});

	it('falls back on the services access keys last called, and says when it cannot tell', () => {
		const user = buildUser('ci', { accessKeys: [buildAccessKey('ci', 'AKIA1', { lastUsed: { date: '2026-11-20T10:00:00Z', service: 'redshift' } })] });
		expect(boundaryBreakage(user, template.document, undefined).note).toBe(
			'Breakage guard: no last-accessed data was read for ci; its access keys last called redshift on 2026-11-20, which the boundary would remove: redshift (service).',
		);
		expect(boundaryBreakage(buildUser('quiet'), template.document, undefined)).toMatchObject({ source: 'none', note: 'Breakage guard: no last-accessed data for quiet: cannot tell what the boundary would remove.' });
	});
});
