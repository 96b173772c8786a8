import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState, withRootMfa } from '../../../source/aws/sandbox/seed.js';
import { seedExpectations, type ExpectedFinding } from '../../../source/aws/sandbox/seed-expectations.js';
import type { Finding } from '../../../source/core/finding.js';
import { findingCatalogue, findingIds, findingIdsOfStep } from '../../../source/core/finding-catalogue.js';
import type { AccountModel } from '../../../source/core/model.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { planInventory } from '../../../source/steps/inventory/plan.js';
import { stepInfos } from '../../../source/steps/step-plans.js';
import { A, seedTime } from './sandbox-fixtures.js';

const day = 86_400_000;
const daysBefore = (iso: string | undefined, now = seedTime) => (iso ? (now.getTime() - Date.parse(iso)) / day : undefined);

async function modelAt(now: Date, state = createSeedState(now)): Promise<AccountModel> {
	return createSandboxGateway({ state, now: () => now }).readAccount();
}

function findingsOf(model: AccountModel, now: Date): Finding[] {
	const context = { now, thresholds: defaultThresholds, excluded: [] };
	return stepInfos.filter((s) => s.built).flatMap((s) => s.plan(model, context).findings);
}

function matches(finding: Finding, expected: ExpectedFinding): boolean {
	return finding.id === expected.id && (expected.resource === undefined || finding.resource === expected.resource);
}

describe('the seed', () => {
	it('is a few dozen users and roles, with groups and customer policies', () => {
		const state = createSeedState(seedTime);
		expect(state.users.length).toBeGreaterThanOrEqual(25);
		expect(state.users.length).toBeLessThanOrEqual(40);
		expect(state.roles.length).toBeGreaterThanOrEqual(25);
		expect(state.roles.length).toBeLessThanOrEqual(40);
		expect(state.groups.length).toBeGreaterThanOrEqual(8);
		expect(state.policies.filter((p) => !p.awsManaged).length).toBeGreaterThanOrEqual(20);
		expect(state.account).toMatchObject({ id: '123456789012', alias: 'acme-sandbox', displayName: 'Acme sandbox', region: 'us-east-1' });
	});

	it('is the same account whenever it is made at the same time, and refers only to what exists', () => {
		const state = createSeedState(seedTime);
		expect(createSeedState(seedTime)).toEqual(state);
		const policyArns = new Set(state.policies.map((p) => p.arn));
		const principals = [...state.users, ...state.groups, ...state.roles];
		for (const p of principals) for (const ref of p.attachedPolicies) expect(policyArns, `${p.arn} → ${ref.arn}`).toContain(ref.arn);
		for (const p of [...state.users, ...state.roles]) if (p.permissionsBoundary) expect(policyArns).toContain(p.permissionsBoundary);
		const groupNames = new Set(state.groups.map((g) => g.name));
		for (const u of state.users) for (const g of u.groups) expect(groupNames, `${u.name} in ${g}`).toContain(g);
		const arns = new Set([...principals.map((p) => p.arn), ...state.policies.map((p) => p.arn), `${A}:root`]);
		for (const e of [...seedExpectations.escalations, ...seedExpectations.decoys]) expect(arns, e.principalArn).toContain(e.principalArn);
		const keyIds = state.users.flatMap((u) => u.accessKeys.map((k) => k.id));
		expect(new Set(keyIds).size).toBe(keyIds.length);
		expect(keyIds.every((id) => /^AKIA[A-Z2-7]{16}$/.test(id))).toBe(true);
		for (const p of state.policies) expect(p.versions.filter((v) => v.isDefault).map((v) => v.versionId), p.name).toEqual([p.defaultVersionId]);
	});

	it('holds the raw conditions of every step-1 finding', () => {
		const state = createSeedState(seedTime);
		const activeKeys = state.users.flatMap((u) => u.accessKeys.filter((k) => k.status === 'Active').map((k) => ({ user: u, key: k })));
		// ROOT_ACCESS_KEY, ROOT_NO_MFA, ROOT_RECENTLY_USED
		expect(state.root.accessKeys.some((k) => k.status === 'Active')).toBe(true);
		expect(state.root.mfa).toBeNull();
		expect(daysBefore(state.root.passwordLastUsed)!).toBeLessThan(30);
		// PASSWORD_POLICY_WEAK
		expect(state.passwordPolicy!.MinimumPasswordLength).toBeLessThan(14);
		expect(state.passwordPolicy!.PasswordReusePrevention ?? 0).toBeLessThan(24);
		// CONSOLE_USER_NO_MFA
		expect(state.users.some((u) => u.loginProfile && u.mfaDevices.length === 0)).toBe(true);
		// KEY_CREATED_AT_SETUP: within minutes of the user, never used
		expect(activeKeys.some(({ user, key }) => Math.abs(Date.parse(key.createDate) - Date.parse(user.createDate)) < 300_000 && !key.lastUsed)).toBe(true);
		// CREDENTIAL_UNUSED: an active key and a password unused for 45 days or more
		expect(activeKeys.some(({ key }) => daysBefore(key.lastUsed?.date)! >= 45)).toBe(true);
		expect(state.users.some((u) => u.loginProfile && daysBefore(u.passwordLastUsed)! >= 45)).toBe(true);
		// MULTIPLE_ACTIVE_KEYS
		expect(state.users.some((u) => u.accessKeys.filter((k) => k.status === 'Active').length === 2)).toBe(true);
		// KEY_NOT_ROTATED: an active key older than 90 days
		expect(activeKeys.some(({ key }) => daysBefore(key.createDate)! > 90)).toBe(true);
		// USER_DIRECT_POLICY
		expect(state.users.some((u) => u.attachedPolicies.length > 0 || u.inlinePolicies.length > 0)).toBe(true);
		// SUPPORT_ROLE_MISSING: AWSSupportAccess is on no role (it is on a group)
		expect(state.roles.some((r) => r.attachedPolicies.some((p) => p.name === 'AWSSupportAccess'))).toBe(false);
		expect(state.groups.some((g) => g.attachedPolicies.some((p) => p.name === 'AWSSupportAccess'))).toBe(true);
		// ROLE_UNUSED: a role not used for 90 days, and one never used since its creation 90+ days ago
		const plainRoles = state.roles.filter((r) => !r.path.startsWith('/aws-service-role/'));
		expect(plainRoles.some((r) => daysBefore(r.lastUsed?.date)! >= 90)).toBe(true);
		expect(plainRoles.some((r) => !r.lastUsed && daysBefore(r.createDate)! >= 90)).toBe(true);
		// CLOUDSHELL_FULL_ACCESS through a group with members
		const cloudShellGroups = state.groups.filter((g) => g.attachedPolicies.some((p) => p.name === 'AWSCloudShellFullAccess')).map((g) => g.name);
		expect(state.users.some((u) => u.groups.some((g) => cloudShellGroups.includes(g)))).toBe(true);
	});

	it('raises every step-1 finding ID in step 1 plan', async () => {
		const model = await modelAt(seedTime);
		const plan = planInventory(model, { now: seedTime, thresholds: defaultThresholds, excluded: [] });
		const raised = new Set(plan.findings.map((f) => f.id));
		const expected = findingIdsOfStep(1).filter((id) => id !== 'ROOT_NO_HARDWARE_MFA');
		expect(expected.filter((id) => !raised.has(id))).toEqual([]);
		expect(raised.has('ROOT_NO_HARDWARE_MFA')).toBe(false);
		expect(plan.notEvaluated).toEqual([]);
	});

	it('raises ROOT_NO_HARDWARE_MFA instead of ROOT_NO_MFA once root has a virtual device', async () => {
		const state = withRootMfa(createSeedState(seedTime), 'virtual', seedTime);
		const ids = planInventory(await modelAt(seedTime, state), { now: seedTime, thresholds: defaultThresholds, excluded: [] }).findings.map((f) => f.id);
		expect(ids).toContain('ROOT_NO_HARDWARE_MFA');
		expect(ids).not.toContain('ROOT_NO_MFA');
	});

	it('raises the same findings whatever day it is seeded (dates are relative)', async () => {
		const key = (f: Finding) => f.fingerprint.replace(/AKIA[A-Z2-7]{16}/, 'KEY');
		const other = new Date('2031-09-02T23:59:00Z');
		const a = findingsOf(await modelAt(seedTime), seedTime).map(key).sort();
		const b = findingsOf(await modelAt(other), other).map(key).sort();
		expect(b).toEqual(a);
		expect(a.length).toBeGreaterThan(30);
	});

	it('raises each planted finding of every step that is built, and none of the decoys', async () => {
		const model = await modelAt(seedTime);
		const context = { now: seedTime, thresholds: defaultThresholds, excluded: [] };
		for (const step of stepInfos.filter((s) => s.built)) {
			const plan = step.plan(model, context);
			const notEvaluated = new Set(plan.notEvaluated.flatMap((n) => n.findingIds));
			const evaluated = (e: ExpectedFinding) => findingCatalogue[e.id].step === step.number && !notEvaluated.has(e.id) && !e.requires;
			for (const expected of seedExpectations.findings.filter(evaluated)) {
				expect(plan.findings.some((f) => matches(f, expected)), `step ${step.number}: ${expected.id} on ${expected.resource ?? 'the account'} (${expected.why})`).toBe(true);
			}
			for (const absent of seedExpectations.absentFindings.filter(evaluated)) {
				expect(plan.findings.some((f) => matches(f, absent)), `step ${step.number}: no ${absent.id} on ${absent.resource} (${absent.why})`).toBe(false);
			}
			if (!notEvaluated.has('PRIVILEGE_ESCALATION') && step.number === 4) {
				for (const e of seedExpectations.escalations) expect(plan.findings.some((f) => f.id === 'PRIVILEGE_ESCALATION' && f.resource === e.principalArn && f.method === e.method), `${e.method} on ${e.principalArn}`).toBe(true);
				for (const d of seedExpectations.decoys) expect(plan.findings.some((f) => f.id === 'PRIVILEGE_ESCALATION' && f.resource === d.principalArn && f.method === d.method), `decoy ${d.method} on ${d.principalArn}`).toBe(false);
			}
		}
	});

	it('lists an expectation for every finding ID of the catalogue, and every escalation method asked for', () => {
		const listed = new Set([...seedExpectations.findings.map((f) => f.id), ...(seedExpectations.escalations.length > 0 ? ['PRIVILEGE_ESCALATION'] : [])]);
		expect(findingIds.filter((id) => !listed.has(id))).toEqual([]);
		const methods = new Set(seedExpectations.escalations.map((e) => e.method));
		for (const method of [
			'CreatePolicyVersion',
			'SetDefaultPolicyVersion',
			'PassRoleEC2',
			'CreateAccessKey',
			'CreateLoginProfile',
			'UpdateLoginProfile',
			'AttachUserPolicy',
			'AttachRolePolicy',
			'PutUserPolicy',
			'PutRolePolicy',
			'AddUserToGroup',
			'UpdateAssumeRolePolicy',
			'PassRoleLambda',
			'AttachGroupPolicy',
			'AssumeRole',
			'PutGroupPolicy',
		] as const) {
			expect(methods, method).toContain(method);
		}
		expect(seedExpectations.escalations.some((e) => e.via)).toBe(true);
		const decoyKeys = new Set(seedExpectations.decoys.map((d) => `${d.principalArn}|${d.method}`));
		expect(seedExpectations.escalations.filter((e) => decoyKeys.has(`${e.principalArn}|${e.method}`))).toEqual([]);
	});

	it('plants the step 2 to 6 conditions the later steps look for', () => {
		const state = createSeedState(seedTime);
		// ANALYZER_MISSING, UNUSED_ACCESS
		expect(state.analyzers.filter((a) => a.type === 'ACCOUNT' || a.type === 'ORGANIZATION')).toEqual([]);
		expect(new Set(state.analyzerFindings.map((f) => f.findingType))).toEqual(new Set(['UnusedIAMRole', 'UnusedIAMUserAccessKey', 'UnusedIAMUserPassword', 'UnusedPermission']));
		// TRUST_ANY_PRINCIPAL and its decoy
		const trust = (name: string) => state.roles.find((r) => r.name === name)!.trustPolicy.Statement[0]!;
		expect(trust('legacy-cross-account-access')).toMatchObject({ Principal: { AWS: ['*'] } });
		expect(trust('legacy-cross-account-access').Condition).toBeUndefined();
		expect(trust('org-data-share')).toMatchObject({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } } });
		expect(trust('vendor-monitoring').Condition).toBeUndefined();
		expect(trust('partner-audit').Condition).toEqual({ StringEquals: { 'sts:ExternalId': ['acme-7f3c9e21-audit'] } });
		// MFA_NOT_ENFORCED: SCPs enabled, FullAWSAccess everywhere, the seed's RequireMFA pasted but never attached
		expect(state.organization!.policies.map((p) => [p.name, p.targetIds.length > 0])).toEqual([
			['FullAWSAccess', true],
			['RequireMFA', false],
		]);
		// CONFIG_*, ALERT_*
		expect(state.config.recorders).toEqual([]);
		expect(state.eventRules.filter((r) => r.state === 'ENABLED' && r.targets.length > 0 && (r.eventPattern ?? '').includes('aws.iam'))).toEqual([]);
		// Resources and activity for later steps
		expect(new Set(state.resources.map((r) => r.type))).toEqual(new Set(['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::KMS::Key', 'AWS::SNS::Topic']));
		expect(Object.keys(state.activity).length).toBeGreaterThanOrEqual(5);
		expect(state.trails).toHaveLength(1);
	});
});
