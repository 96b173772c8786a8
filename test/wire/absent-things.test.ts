/**
 * AWS answers "it does not exist" with errors (NoSuchEntity, AWSOrganizationsNotInUseException,
 * ResourceNotFoundException...). Through the real SDK on the wire, those answers are values:
 * a missing password policy is PASSWORD_POLICY_WEAK, and a plan may read the state of a
 * boundary policy, alert topic, role or instance profile it is about to create; apply refuses
 * once one of them exists.
 */
import { describe, expect, it } from 'vitest';
import { createLiveGateway } from '../../source/aws/live/live-gateway.js';
import { stateDigestOf } from '../../source/commands/plan-signature.js';
import { planContextFor } from '../../source/commands/scan.js';
import { readSettings } from '../../source/settings/settings-store.js';
import { stepInfo } from '../../source/steps/step-plans.js';
import type { FakeState } from './fake-account.js';
import { applyLive, fakeAws, now, planLive, workspace } from './wire-kit.js';

/** A workload user (no console password, a key used yesterday) that step 5 can move to a role with --migrate batch-job=ec2. */
function addWorkloadUser(s: FakeState): void {
	s.details.UserDetailList.push({ Path: '/', UserName: 'batch-job', UserId: 'AIDABATCHJOBEXAMPLE1', Arn: 'arn:aws:iam::123456789012:user/batch-job', CreateDate: '2025-01-10T09:00:00+00:00', UserPolicyList: [], GroupList: [], AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }], Tags: [] });
	s.report += 'batch-job,arn:aws:iam::123456789012:user/batch-job,2025-01-10T09:00:00+00:00,false,N/A,N/A,N/A,false,true,2025-01-10T09:00:00+00:00,2026-11-26T10:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n';
	s.accessKeys['batch-job'] = [{ AccessKeyId: 'AKIABATCHJOBXXXXX10', Status: 'Active', CreateDate: '2025-01-10T09:00:00+00:00', UserName: 'batch-job' }];
}

describe('absence on the wire', () => {
	it('reads an account without a password policy as having none, and step 1 reports it', async () => {
		const { server } = await fakeAws();
		const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1, now: () => now });

		const model = await gateway.readAccount();

		expect(server.requests.some((r) => r.operation === 'iam:GetAccountPasswordPolicy')).toBe(true);
		expect(model.passwordPolicy).toBeNull();
		expect(model.organization).toBeNull();
		expect(model.notEvaluated.map((n) => `${n.area}: ${n.reason}`)).toEqual([]);
		const plan = stepInfo(1).plan(model, planContextFor(readSettings(), now));
		expect(plan.findings.map((f) => f.id)).toContain('PASSWORD_POLICY_WEAK');
	});

	it('plans step 4 on an account where the boundary policy does not exist yet, recording it as absent', async () => {
		const { server, account } = await fakeAws();
		const { dir } = workspace();

		const { run, plan } = await planLive(dir, { steps: '4' });

		expect(run.io.err()).toBe('');
		expect(run.code).toBe(0);
		const create = plan!.actions.find((a) => a.action.kind === 'iam:CreatePolicy');
		expect(create).toBeDefined();
		// "Absent before": the digest the plan recorded is that of a policy that does not exist.
		expect(create!.stateDigest).toBe(stateDigestOf({ exists: false }));
		const boundaryArn = `arn:aws:iam::123456789012:policy${(create!.action.params as { Path?: string }).Path ?? '/'}${(create!.action.params as { PolicyName: string }).PolicyName}`;
		expect(server.requests.some((r) => r.operation === 'iam:GetPolicy' && r.params.PolicyArn === boundaryArn)).toBe(true);
		expect(plan!.actions.some((a) => a.action.kind === 'iam:PutRolePermissionsBoundary' || a.action.kind === 'iam:PutUserPermissionsBoundary')).toBe(true);
		expect(account.writes).toEqual([]);
	});
});

describe('a plan that creates something records it as absent, and apply checks that it still is', () => {
	it('refuses a step-4 plan once the boundary policy it would create exists, and changes nothing', async () => {
		const { account } = await fakeAws();
		const { dir, logDir } = workspace();
		const { plan } = await planLive(dir, { steps: '4' });
		const create = plan!.actions.find((a) => a.action.kind === 'iam:CreatePolicy')!;
		const { PolicyName, Path } = create.action.params as { PolicyName: string; Path?: string };

		// Someone creates the policy between plan and apply.
		account.state.details.Policies.push({ PolicyName, PolicyId: 'ANPAOTHER', Arn: `arn:aws:iam::123456789012:policy${Path ?? '/'}${PolicyName}`, Path: Path ?? '/', DefaultVersionId: 'v1', CreateDate: now.toISOString(), PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: { Version: '2012-10-17', Statement: [] } }] });
		const applied = await applyLive(dir, logDir);

		expect(applied.code).toBe(1);
		expect(applied.io.err()).toContain(`Will not apply a stale plan: ${create.resource} changed since the plan was made`);
		expect(account.writes).toEqual([]);
	});

	it('refuses a step-6 plan once the alert topic it would create exists, before any rule is pointed at it', async () => {
		const { account } = await fakeAws();
		const { dir, logDir } = workspace();
		const { plan } = await planLive(dir, { steps: '6' });
		const kinds = plan!.actions.map((a) => a.action.kind);
		const create = plan!.actions.find((a) => a.action.kind === 'sns:CreateTopic')!;
		// Topic then rule target: the plan creates the topic before it sends any rule's events to it.
		expect(kinds.indexOf('sns:CreateTopic')).toBeLessThan(kinds.indexOf('events:PutTargets'));
		expect(create.stateDigest).toBe(stateDigestOf({ exists: false }));

		// Someone creates a topic of that name between plan and apply (CreateTopic would answer it as if new).
		const arn = `arn:aws:sns:us-east-1:123456789012:${(create.action.params as { Name: string }).Name}`;
		// The refusal names the topic as the console does, not by the action's kind.
		expect(create.resource).toBe(`SNS topic ${(create.action.params as { Name: string }).Name}`);
		account.state.topics[arn] = { TopicArn: arn, Owner: '123456789012', DisplayName: 'theirs', Policy: '{"Version":"2012-10-17","Statement":[]}', SubscriptionsConfirmed: '0', SubscriptionsPending: '0' };
		const applied = await applyLive(dir, logDir);

		expect(applied.code).toBe(1);
		expect(applied.io.err()).toContain(`Will not apply a stale plan: ${create.resource}, `);
		expect(account.writes).toEqual([]);
	});

	it.each([
		{ what: 'role', kind: 'iam:CreateRole', resource: 'role batch-job-workload', create: (s: FakeState) => s.details.RoleDetailList.push({ Path: '/', RoleName: 'batch-job-workload', RoleId: 'AROAOTHEREXAMPLE0001', Arn: 'arn:aws:iam::123456789012:role/batch-job-workload', CreateDate: now.toISOString(), AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] }, InstanceProfileList: [], RolePolicyList: [], AttachedManagedPolicies: [], Tags: [], RoleLastUsed: {} }) },
		{ what: 'instance profile', kind: 'iam:CreateInstanceProfile', resource: 'instance profile batch-job-workload', create: (s: FakeState) => s.instanceProfiles.push({ Path: '/', InstanceProfileName: 'batch-job-workload', InstanceProfileId: 'AIPAOTHEREXAMPLE', Arn: 'arn:aws:iam::123456789012:instance-profile/batch-job-workload', CreateDate: now.toISOString(), RoleNames: [] }) },
	])('refuses a step-5 migration plan once the $what it would create exists, and changes nothing', async ({ kind, resource, create }) => {
		const { account } = await fakeAws();
		addWorkloadUser(account.state);
		const { dir, logDir } = workspace();
		const { run, plan } = await planLive(dir, { steps: '5', migrate: ['batch-job=ec2'] });
		expect(run.code).toBe(0);
		const migration = plan!.actions.filter((a) => a.action.summary.endsWith('(migration of batch-job to a role)'));
		// Role then instance profile, each recorded as absent before.
		expect(migration.map((a) => a.action.kind)).toEqual(['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile']);
		const created = migration.find((a) => a.action.kind === kind)!;
		expect(created.resource).toBe(resource);
		expect(created.stateDigest).toBe(stateDigestOf({ exists: false }));

		// Someone creates it between plan and apply.
		create(account.state);
		const applied = await applyLive(dir, logDir);

		expect(applied.code).toBe(1);
		expect(applied.io.err()).toContain(`Will not apply a stale plan: ${resource} changed since the plan was made`);
		expect(account.writes).toEqual([]);
	});
});
