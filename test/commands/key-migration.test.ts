import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildChangeLogExport } from '../../source/audit/change-log-export.js';
import { createSandboxGateway, type SandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import type { Action } from '../../source/core/actions.js';
import { inactiveKeysPath } from '../../source/settings/inactive-keys-store.js';
import { planContext } from '../helpers/model-builder.js';
import { workloadMigrations } from '../../source/steps/mfa-credentials/key-migration.js';
import { readFileSync } from 'node:fs';
import { runPlan, type PlanOptions } from '../../source/commands/plan.js';
import { runApply } from '../../source/commands/apply.js';
import type { PlanFile } from '../../source/core/plan-file.js';
import { readSettings } from '../../source/settings/settings-store.js';
import { captureIo } from '../helpers/command-io.js';
import { account, apply, makePlan, now, run, workspace } from './plan-apply-kit.js';

/** A plan applied at `when` (the change log's times are the sandbox's). */
async function applyAt(dir: string, logDir: string, gateway: SandboxGateway, when: Date) {
	const io = captureIo({ now: when, cwd: dir });
	return run(io, async () => runApply({ plan: 'plan.json', yes: true, confirmAccount: account, reason: 'TICKET-1', logDir }, await readSettings(), io, { gateway, sleep: async () => {} }));
}

/** A plan made at `when` (the plan's clock is the sandbox's). */
async function planAt(dir: string, gateway: SandboxGateway, when: Date, options: Partial<PlanOptions> = {}) {
	const io = captureIo({ now: when, cwd: dir });
	const result = await run(io, async () => runPlan({ demo: true, out: 'plan.json', steps: '5', ...options }, await readSettings(), io, { gateway }));
	expect(result.code).toBe(0);
	return { plan: JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as PlanFile };
}

const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
const days = (n: number) => hours(n * 24);

/** The same sandbox account, read at a later time (its workloads have aged). */
function at(gateway: SandboxGateway, when: Date): SandboxGateway {
	return createSandboxGateway({ state: gateway.currentState(), now: () => when });
}

async function migrationOf(gateway: SandboxGateway, when: Date, user: string) {
	return workloadMigrations(await gateway.readAccount(), planContext(when)).find((m) => m.user.name === user)!;
}

const kinds = (actions: { action: Action }[]) => actions.map((a) => a.action.kind);

function sessionFiles(logDir: string): string[] {
	return readdirSync(logDir)
		.filter((f) => f.endsWith('.jsonl'))
		.sort()
		.map((f) => join(logDir, f));
}

describe('migrating a workload from its access key to a role, through plan and apply', () => {
	beforeEach(() => rmSync(inactiveKeysPath(), { force: true }));

	it('walks terraform (Terraform in GitHub Actions) to a GitHub Actions role: create, wait for use, deactivate, delete after the grace period — and the logs tell it in order', async () => {
		const { dir, logDir } = workspace();
		let gateway = createSandboxGateway({ now: () => now });
		const keyId = (await migrationOf(gateway, now, 'terraform')).key!.id;

		// 1. Propose the role: OIDC provider (missing), role with the repo and branch in :sub, the user's permissions.
		const proposed = await makePlan(dir, gateway, { migrate: ['terraform=github:acme/infrastructure@main'] });
		expect(proposed.run.code).toBe(0);
		const migration = proposed.plan.actions.filter((a) => a.action.summary.endsWith('(migration of terraform to a role)'));
		// terraform-state's services were not used (last-accessed data), so only AdministratorAccess comes along, as it is.
		expect(kinds(migration)).toEqual(['iam:CreateOpenIDConnectProvider', 'iam:CreateRole', 'iam:AttachRolePolicy']);
		expect(migration[1]!.action.notes).toContain('AWS-managed policies attached as they are (their documents are AWS\'s): arn:aws:iam::aws:policy/AdministratorAccess.');
		const trust = (migration[1]!.action as Action<'iam:CreateRole'>).params.AssumeRolePolicyDocument;
		expect(trust.Statement[0]!.Condition!.StringEquals!['token.actions.githubusercontent.com:sub']).toEqual(['repo:acme/infrastructure:ref:refs/heads/main']);
		// Its key is not deactivated in the same plan: the workload still needs it.
		expect(proposed.plan.actions.some((a) => a.action.kind === 'iam:UpdateAccessKey' && (a.action.params as { AccessKeyId: string }).AccessKeyId === keyId)).toBe(false);
		const first = await apply(dir, logDir, gateway);
		expect(first.io.err()).toBe('');
		expect(first.code).toBe(0);
		expect((await migrationOf(gateway, now, 'terraform')).state).toBe('waiting');

		// 2. Wait for use: a minute later the role is not used yet, and nothing touches the key.
		gateway = at(gateway, new Date(now.getTime() + 60_000));
		expect((await migrationOf(gateway, new Date(now.getTime() + 60_000), 'terraform')).why).toMatch(/the role has not been used yet$/);
		const early = await planAt(dir, gateway, new Date(now.getTime() + 60_000));
		expect(early.plan.actions.filter((a) => (a.action.params as { AccessKeyId?: string }).AccessKeyId === keyId)).toEqual([]);
		expect((await migrationOf(gateway, new Date(now.getTime() + 60_000), 'terraform')).state).toBe('waiting');

		// 3. A day later the pipeline uses the role and not the key: deactivate it.
		gateway = at(gateway, days(1));
		const ready = await migrationOf(gateway, days(1), 'terraform');
		expect(ready.state).toBe('ready');
		expect(Date.parse(ready.role!.lastUsed!.date!)).toBeGreaterThan(Date.parse(ready.key!.lastUsed!.date!));
		const deactivate = await planAt(dir, gateway, days(1), { logDir });
		const step3 = deactivate.plan.actions.find((a) => (a.action.params as { AccessKeyId?: string }).AccessKeyId === keyId)!;
		expect(step3.action.summary).toMatch(/^Deactivate access key \w+ of terraform: its workload uses role terraform-workload now/);
		expect((await applyAt(dir, logDir, gateway, days(1))).code).toBe(0);

		// 4. Not deleted before its time...
		gateway = at(gateway, days(30));
		expect((await planAt(dir, gateway, days(30), { logDir })).plan.actions.some((a) => a.action.kind === 'iam:DeleteAccessKey' && (a.action.params as { AccessKeyId: string }).AccessKeyId === keyId)).toBe(false);
		// ...and deleted once the grace period is over.
		gateway = at(gateway, days(32));
		const deletion = await planAt(dir, gateway, days(32), { logDir });
		expect(deletion.plan.actions.some((a) => a.action.kind === 'iam:DeleteAccessKey' && (a.action.params as { AccessKeyId: string }).AccessKeyId === keyId)).toBe(true);
		expect((await applyAt(dir, logDir, gateway, days(32))).code).toBe(0);
		expect((await migrationOf(gateway, days(32), 'terraform')).state).toBe('done');

		// The change log, session after session, tells the story in order.
		const story: string[] = [];
		for (const file of sessionFiles(logDir)) {
			const exported = await buildChangeLogExport(file);
			for (const entry of exported.entries) {
				if (entry.result === 'ok' && (entry.summary.includes('migration of terraform') || entry.summary.includes(keyId))) story.push(entry.call!.split(' ')[0]!);
			}
		}
		expect(story).toEqual(['iam:CreateOpenIDConnectProvider', 'iam:CreateRole', 'iam:AttachRolePolicy', 'iam:UpdateAccessKey', 'iam:DeleteAccessKey']);
	});

	it('abandons a migration of an EC2 workload after its key was deactivated: the key comes back first, then the instance profile and the role go', async () => {
		const { dir, logDir } = workspace();
		let gateway = createSandboxGateway({ now: () => now });
		await makePlan(dir, gateway, { migrate: ['monitoring-exporter=ec2'] });
		await apply(dir, logDir, gateway);
		gateway = at(gateway, days(1));
		await makePlan(dir, gateway);
		await apply(dir, logDir, gateway);
		const before = await migrationOf(gateway, days(1), 'monitoring-exporter');
		expect(before.state).toBe('deactivated');

		const abandon = await makePlan(dir, gateway, { abandonMigration: ['monitoring-exporter'] });
		const steps = abandon.plan.actions.filter((a) => a.action.summary.endsWith('(migration of monitoring-exporter to a role)'));
		expect(kinds(steps)).toEqual(['iam:UpdateAccessKey', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile', 'iam:DetachRolePolicy', 'iam:DetachRolePolicy', 'iam:DeleteRole']);
		expect((await apply(dir, logDir, gateway)).code).toBe(0);
		const state = gateway.currentState();
		expect(state.roles.some((r) => r.name === 'monitoring-exporter-workload')).toBe(false);
		expect(state.instanceProfiles).toEqual([]);
		expect(state.users.find((u) => u.name === 'monitoring-exporter')!.accessKeys[0]!.status).toBe('Active');
		expect((await migrationOf(gateway, days(1), 'monitoring-exporter')).state).toBe('propose');
	});

	it('the seed has one migration half-way (report-bot, ready to deactivate), proposed by default', async () => {
		const { dir } = workspace();
		const gateway = createSandboxGateway({ now: () => now });
		const halfway = await migrationOf(gateway, now, 'report-bot');
		expect(halfway.state).toBe('ready');
		const { plan } = await makePlan(dir, gateway);
		const entry = plan.actions.findIndex((a) => a.action.summary.startsWith(`Deactivate access key ${halfway.key!.id} of report-bot: its workload uses role report-bot-workload now`));
		expect(entry).toBeGreaterThanOrEqual(0);
		const { formatPlanMarkdown } = await import('../../source/commands/plan-markdown.js');
		const markdown = formatPlanMarkdown(plan, 'p1').split('\n## ')[1]!;
		const section = markdown.split(/\n(?=\d+\. \*\*)/).find((s) => s.startsWith(`${entry + 1}. **Deactivate access key ${halfway.key!.id} of report-bot`))!;
		expect(section).toContain('   - fixes: no finding of its own');
	});

	it('refuses a migration for a user who is not a workload, or an unknown trust', async () => {
		const { dir } = workspace();
		const gateway = createSandboxGateway({ now: () => now });
		const human = await makePlan(dir, gateway, { migrate: ['bob=ec2'] });
		expect(human.run.code).toBe(2);
		expect(human.run.io.err()).toMatch(/bob is not a workload user/);
		const bad = await makePlan(dir, gateway, { migrate: ['ci-deploy=github:nope'] });
		expect(bad.run.io.err()).toMatch(/"nope" is not a GitHub repository as owner\/name|is not a branch name/);
	});

	it('moves a workload outside AWS to IAM Roles Anywhere: the role trusts one trust anchor and one certificate subject, and the plan says the profile is the operator\'s to make', async () => {
		const { dir, logDir } = workspace();
		const gateway = createSandboxGateway({ now: () => now });
		const anchorId = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
		const { plan, run: made } = await makePlan(dir, gateway, { migrate: [`monitoring-exporter=rolesanywhere:${anchorId}@build-01.acme.example`] });
		expect(made.code).toBe(0);
		const create = plan.actions.find((a) => a.action.kind === 'iam:CreateRole')!.action as Extract<Action, { kind: 'iam:CreateRole' }>;
		expect(create.summary).toBe('Create role monitoring-exporter-workload for outside AWS (IAM Roles Anywhere) (migration of monitoring-exporter to a role)');
		expect(create.params.AssumeRolePolicyDocument).toEqual({
			Version: '2012-10-17',
			Statement: [
				{
					Effect: 'Allow',
					Principal: { Service: ['rolesanywhere.amazonaws.com'] },
					Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
					Condition: {
						ArnEquals: { 'aws:SourceArn': [`arn:aws:rolesanywhere:us-east-1:${account}:trust-anchor/${anchorId}`] },
						StringEquals: { 'aws:PrincipalTag/x509Subject/CN': ['build-01.acme.example'] },
					},
				},
			],
		});
		expect(create.notes).toContainEqual(expect.stringContaining('IAM Roles Anywhere also needs a profile that lists monitoring-exporter-workload (rolesanywhere:CreateProfile'));
		const applied = await apply(dir, logDir, gateway);
		expect(applied.io.err()).toBe('');
		expect(applied.code).toBe(0);
		const migration = await migrationOf(gateway, now, 'monitoring-exporter');
		expect(migration.role!.name).toBe('monitoring-exporter-workload');
		const { workloadSnippet } = await import('../../source/steps/mfa-credentials/key-migration.js');
		expect(workloadSnippet(await gateway.readAccount(), migration, undefined).join('\n')).toContain(
			`credential_process = aws_signing_helper credential-process --certificate cert.pem --private-key key.pem --trust-anchor-arn arn:aws:rolesanywhere:us-east-1:${account}:trust-anchor/${anchorId} --profile-arn PROFILE_ARN --role-arn ${migration.role!.arn}`,
		);
		const noSubject = await makePlan(dir, gateway, { migrate: [`terraform=rolesanywhere:${anchorId}`] });
		expect(noSubject.run.code).toBe(2);
		expect(noSubject.run.io.err()).toContain('The certificate subject CN must be 1 to 64 characters');
		const badAnchor = await makePlan(dir, gateway, { migrate: ['terraform=rolesanywhere:my-anchor@host'] });
		expect(badAnchor.run.io.err()).toContain('"my-anchor" is not an IAM Roles Anywhere trust anchor ID (a UUID).');
	});
});
