/**
 * Step 4 on the demo account: every escalation the seed plants is reported with its method,
 * none of its decoys is, and the proposed boundary, once applied through the gateway,
 * leaves those principals without the escalation.
 */
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../../source/commands/program.js';
import type { ScanReport } from '../../../source/commands/scan-report.js';
import type { Action } from '../../../source/core/actions.js';
import type { Finding } from '../../../source/core/finding.js';
import type { LastAccessedReport } from '../../../source/core/last-accessed.js';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { seedExpectations } from '../../../source/aws/sandbox/seed-expectations.js';
import { planBoundaries } from '../../../source/steps/boundaries/plan.js';
import { captureIo } from '../../helpers/command-io.js';
import { planContext } from '../../helpers/model-builder.js';

const now = new Date('2026-11-27T12:00:00Z');
const escalationKeys = (findings: readonly Pick<Finding, 'id' | 'resource' | 'method'>[]) =>
	new Set(findings.filter((f) => f.id === 'PRIVILEGE_ESCALATION').map((f) => `${f.resource}|${f.method}`));

async function demoPlan(context = planContext(now)) {
	const gateway = createSandboxGateway({ now: () => now });
	const model = await gateway.readAccount();
	return { gateway, model, plan: planBoundaries(model, context) };
}

function attachment(actions: Action[], name: string): Action | undefined {
	return actions.find((a) => {
		const p = a.params as { RoleName?: string; UserName?: string };
		return (a.kind === 'iam:PutRolePermissionsBoundary' || a.kind === 'iam:PutUserPermissionsBoundary') && (p.RoleName ?? p.UserName) === name;
	});
}

describe('step 4 on the demo account', () => {
	it('scan --demo lists PRIVILEGE_ESCALATION with the right method for every planted escalation and none for the decoys', async () => {
		const io = captureIo({ now });
		expect(await runProgram(['scan', '--demo', '--reset', '--format', 'json'], io)).toBe(0);
		const report = JSON.parse(io.out()) as ScanReport;
		const found = escalationKeys(report.findings);
		const missing = seedExpectations.escalations.filter((e) => !found.has(`${e.principalArn}|${e.method}`));
		expect(missing).toEqual([]);
		const decoysHit = seedExpectations.decoys.filter((d) => found.has(`${d.principalArn}|${d.method}`));
		expect(decoysHit).toEqual([]);
		expect(report.notEvaluated.some((n) => n.area.startsWith('step 4'))).toBe(false);
	});

	it('raises the seed\'s step-4 boundary findings and none of its absent ones', async () => {
		const { plan } = await demoPlan();
		const has = (id: string, resource?: string) => plan.findings.some((f) => f.id === id && (resource === undefined || f.resource === resource));
		for (const expected of seedExpectations.findings.filter((f) => f.id === 'BOUNDARY_MISSING' || f.id === 'BOUNDARY_WEAK')) {
			expect(has(expected.id, expected.resource), `${expected.id} ${expected.resource}`).toBe(true);
		}
		for (const absent of seedExpectations.absentFindings.filter((f) => f.id.startsWith('BOUNDARY_'))) {
			expect(has(absent.id, absent.resource), `${absent.id} ${absent.resource}`).toBe(false);
		}
		const weak = plan.findings.find((f) => f.id === 'BOUNDARY_WEAK')!;
		expect(weak.evidence.principals).toEqual(['arn:aws:iam::123456789012:user/heidi', 'arn:aws:iam::123456789012:role/sandbox-developer']);
	});

	it('shows the allowing statements, the group and why nothing denies them', async () => {
		const { plan } = await demoPlan();
		const bob = plan.findings.find((f) => f.resource === 'arn:aws:iam::123456789012:user/bob' && f.method === 'PassRoleEC2')!;
		expect(bob.fingerprint).toBe('PRIVILEGE_ESCALATION|arn:aws:iam::123456789012:user/bob|PassRoleEC2');
		expect(bob.evidence.via).toBe('developers');
		expect(bob.evidence.steps).toEqual([
			// The role passed must be one EC2 can assume: jenkins-legacy trusts ec2.amazonaws.com.
			expect.objectContaining({
				action: 'iam:PassRole',
				target: 'arn:aws:iam::123456789012:role/jenkins-legacy',
				allowedBy: [expect.objectContaining({ policy: 'developer-access', sid: 'PassAnyRole', via: 'developers' })],
			}),
			expect.objectContaining({ action: 'ec2:RunInstances', allowedBy: [expect.objectContaining({ sid: 'Ec2Workloads' })] }),
		]);
		expect(bob.evidence.notDenied).toContain('Service control policies of the root, of its organizational units (ou-a1b2-s4ndb0x8) and of account 123456789012 were applied.');
		const heidi = plan.findings.find((f) => f.resource === 'arn:aws:iam::123456789012:user/heidi' && f.method === 'PassRoleEC2')!;
		expect(heidi.evidence.notDenied).toContain('Its permissions boundary developer-boundary allows these actions.');
	});

	it('creates the hardened boundary first and attaches it, the caller only with a lockout risk', async () => {
		const { plan } = await demoPlan();
		expect(plan.actions[0]).toMatchObject({ kind: 'iam:CreatePolicy', params: { PolicyName: 'iam-wizard-developer-boundary', Path: '/boundaries/' } });
		const alice = attachment(plan.actions, 'alice');
		expect(alice?.risk?.lockout).toContain('the principal you are signed in as');
		expect(attachment(plan.actions, 'lambda-deployer')?.risk).toBeUndefined();
		const sso = plan.excluded.find((e) => e.arn.includes('AWSReservedSSO_AdministratorAccess'));
		expect(sso?.reason).toContain('IAM Identity Center');
		expect(plan.actions.some((a) => JSON.stringify(a.params).includes('AWSServiceRole'))).toBe(false);
	});

	it('never proposes a break-glass principal', async () => {
		const { plan } = await demoPlan(planContext(now, { excluded: [{ arn: 'arn:aws:iam::123456789012:role/breakglass-admin', reason: 'break-glass' }] }));
		expect(attachment(plan.actions, 'breakglass-admin')).toBeUndefined();
		expect(plan.excluded).toContainEqual(expect.objectContaining({ arn: 'arn:aws:iam::123456789012:role/breakglass-admin', reason: 'break-glass' }));
	});

	it('never proposes a principal tagged as break-glass, even when the settings do not list it', async () => {
		const { plan } = await demoPlan();
		expect(attachment(plan.actions, 'breakglass-admin')).toBeUndefined();
		expect(plan.excluded.find((e) => e.arn.endsWith('role/breakglass-admin'))?.reason).toContain('tagged as break-glass');
	});

	it('an attachment says which findings it fixes: only the escalations the boundary removes', async () => {
		const { plan } = await demoPlan();
		expect(plan.actions[0]?.findingIds).toEqual([]);
		expect(attachment(plan.actions, 'lambda-deployer')?.findingIds.sort()).toEqual([
			'BOUNDARY_MISSING|arn:aws:iam::123456789012:role/lambda-deployer|',
			'PRIVILEGE_ESCALATION|arn:aws:iam::123456789012:role/lambda-deployer|AttachRolePolicy',
			'PRIVILEGE_ESCALATION|arn:aws:iam::123456789012:role/lambda-deployer|UpdateFunctionCode',
		]);
	});

	it('breakage guard: names what a principal used recently that the boundary removes, from last-accessed data', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const model = await gateway.readAccount();
		const arn = 'arn:aws:iam::123456789012:role/lambda-deployer';
		const report: LastAccessedReport = await gateway.serviceLastAccessed!(arn);
		const plan = planBoundaries(model, { ...planContext(now), lastAccessed: { [arn]: report } });
		const notes = attachment(plan.actions, 'lambda-deployer')?.notes ?? [];
		expect(notes.find((n) => n.startsWith('Breakage guard'))).toMatch(/would remove 1 of 3 permissions lambda-deployer used recently: lambda:UpdateFunctionCode/);
		const without = attachment(plan.actions, 'build-runner')?.notes ?? [];
		expect(without).toContain('Breakage guard: no last-accessed data for build-runner (last used 2026-11-27): cannot tell what the boundary would remove.');
	});

	it('once applied on the sandbox, every path an attachment said it cuts is gone, and the paths it said stay open remain', async () => {
		const { gateway, plan } = await demoPlan();
		const batch = plan.actions.filter((a) => !a.risk?.lockout);
		for (const action of batch) await gateway.apply(action);
		const after = planBoundaries(await gateway.readAccount(), planContext(now));
		const cut = batch.flatMap((a) => a.findingIds.filter((id) => id.startsWith('PRIVILEGE_ESCALATION|')));
		expect(cut.length).toBeGreaterThan(10);
		const afterIds = new Set(after.findings.map((f) => f.fingerprint));
		expect(cut.filter((id) => afterIds.has(id))).toEqual([]);
		// data-science-notebook's note said SSM paths stay open under the boundary: they do.
		const notebook = attachment(batch, 'data-science-notebook')!;
		expect(notebook.notes?.join(' ')).toMatch(/still open under this boundary: SSMSendCommand → jenkins-legacy/);
		expect(afterIds.has('PRIVILEGE_ESCALATION|arn:aws:iam::123456789012:role/service-role/data-science-notebook|SSMSendCommand')).toBe(true);
		expect(after.findings.some((f) => f.id === 'BOUNDARY_WEAK' && f.resource.endsWith('iam-wizard-developer-boundary'))).toBe(false);
		// The caller (alice, a full administrator: no escalation finding) was not boxed in.
		expect(batch.some((a) => a.kind === 'iam:PutUserPermissionsBoundary' && a.params.UserName === 'alice')).toBe(false);
	});
});
