/**
 * AWS answers "it does not exist" with errors (NoSuchEntity, AWSOrganizationsNotInUseException,
 * ResourceNotFoundException...). Through the real SDK on the wire, those answers are values:
 * a missing password policy is PASSWORD_POLICY_WEAK, and a plan may read the state of a
 * boundary policy it is about to create.
 */
import { describe, expect, it } from 'vitest';
import { createLiveGateway } from '../../source/aws/live/live-gateway.js';
import { stateDigestOf } from '../../source/commands/plan-signature.js';
import { planContextFor } from '../../source/commands/scan.js';
import { readSettings } from '../../source/settings/settings-store.js';
import { stepInfo } from '../../source/steps/step-plans.js';
import { applyLive, fakeAws, now, planLive, workspace } from './wire-kit.js';

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
});
