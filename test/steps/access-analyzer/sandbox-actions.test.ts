/** Step 2's actions through the executor on the sandbox: analyzer creation, archiving, trust fixes and policy generation, with their inverses. */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import type { Action } from '../../../source/core/actions.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { archiveActions, createUnusedAnalyzerAction, startGenerationAction } from '../../../source/steps/access-analyzer/analyzer-actions.js';
import { analyzerFindingToFinding } from '../../../source/steps/access-analyzer/analyzer-findings.js';
import { createGenerationMachine } from '../../../source/steps/access-analyzer/generation-machine.js';
import { planAccessAnalyzer } from '../../../source/steps/access-analyzer/plan.js';
import type { GeneratedPolicyEntry } from '../../../source/settings/generated-policies.js';
import { executeActions, rollbackPlan } from '../../../source/wizard/executor.js';
import { createActor, waitFor } from 'xstate';

const now = new Date('2026-11-27T12:00:00Z');
const context = { now, thresholds: defaultThresholds, excluded: [] };
const trailArn = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events';

function setup() {
	const gateway = createSandboxGateway({ now: () => now });
	const audit = new MemoryAuditSink();
	const run = (actions: Action[], reason = 'test') => executeActions(actions, { gateway, audit, step: 2, reason, now: () => now });
	return { gateway, audit, run };
}

describe('step 2 on the sandbox', () => {
	it('creates the proposed analyzers and rolls them back', async () => {
		const { gateway, run } = setup();
		const model = await gateway.readAccount();
		const plan = planAccessAnalyzer(model, context);
		const create = plan.actions.filter((a) => a.kind === 'access-analyzer:CreateAnalyzer');
		const unused = createUnusedAnalyzerAction(model, { trackingDays: 180, name: 'long-unused' });
		const report = await run([...create, unused]);
		expect(report.failed).toBeUndefined();
		const after = await gateway.readAccount();
		expect(after.analyzers!.map((a) => [a.name, a.type, a.unusedAccessAge])).toEqual([
			['unused-access', 'ACCOUNT_UNUSED_ACCESS', 90],
			['iam-wizard-external-access', 'ORGANIZATION', undefined],
			['long-unused', 'ORGANIZATION_UNUSED_ACCESS', 180],
		]);
		expect(planAccessAnalyzer(after, context).findings.some((f) => f.id === 'ANALYZER_MISSING')).toBe(false);
		const rollback = rollbackPlan(report);
		expect(rollback.actions.map((a) => [a.kind, a.params])).toEqual([
			['access-analyzer:DeleteAnalyzer', { analyzerName: 'long-unused' }],
			['access-analyzer:DeleteAnalyzer', { analyzerName: 'iam-wizard-external-access' }],
		]);
		expect((await run(rollback.actions)).failed).toBeUndefined();
		expect((await gateway.readAccount()).analyzers!.map((a) => a.name)).toEqual(['unused-access']);
	});

	it('refuses a tracking period outside 1–365 days', async () => {
		const { gateway, run } = setup();
		const report = await run([createUnusedAnalyzerAction(await gateway.readAccount(), { trackingDays: 400, name: 'too-long' })]);
		expect(report.failed?.error.code).toBe('ValidationException');
	});

	it('archives findings with the reason in the action and the log, and the inverse sets them active again', async () => {
		const { gateway, audit, run } = setup();
		const model = await gateway.readAccount();
		const targets = model.analyzerFindings!.filter((f) => f.resource.endsWith('user/erin'));
		expect(targets).toHaveLength(2);
		const actions = archiveActions(targets, 'accepted: erin is on leave (HR-77)', (f) => analyzerFindingToFinding(f).fingerprint);
		const report = await run(actions, 'HR-77');
		expect(report.failed).toBeUndefined();
		const received = gateway.history().at(-1)!.action;
		expect(received.kind).toBe('access-analyzer:UpdateFindings');
		expect(received.params).toEqual({ analyzerArn: targets[0]!.analyzerArn, ids: targets.map((t) => t.id), status: 'ARCHIVED', reason: 'accepted: erin is on leave (HR-77)' });
		expect(JSON.stringify(audit.entries)).toContain('accepted: erin is on leave (HR-77)');
		const archived = planAccessAnalyzer(await gateway.readAccount(), context);
		expect(archived.findings.filter((f) => f.resource.endsWith('user/erin'))).toEqual([]);
		const inverse = rollbackPlan(report).actions;
		expect(inverse.map((a) => a.params)).toEqual([{ analyzerArn: targets[0]!.analyzerArn, ids: targets.map((t) => t.id), status: 'ACTIVE' }]);
		await run(inverse);
		expect(planAccessAnalyzer(await gateway.readAccount(), context).findings.filter((f) => f.resource.endsWith('user/erin'))).toHaveLength(2);
	});

	it('fixes the over-open trust policies and restores them on rollback', async () => {
		const { gateway, run } = setup();
		const plan = planAccessAnalyzer(await gateway.readAccount(), context);
		const fixes = plan.actions.filter((a) => a.kind === 'iam:UpdateAssumeRolePolicy');
		expect(fixes.map((a) => (a.params as { RoleName: string }).RoleName).sort()).toEqual(['legacy-cross-account-access', 'vendor-monitoring']);
		const before = (await gateway.readAccount()).roles.find((r) => r.name === 'vendor-monitoring')!.trustPolicy;
		const report = await run(fixes);
		expect(report.failed).toBeUndefined();
		const after = planAccessAnalyzer(await gateway.readAccount(), context);
		expect(after.findings.filter((f) => f.id.startsWith('TRUST_'))).toEqual([]);
		await run(rollbackPlan(report).actions);
		expect((await gateway.readAccount()).roles.find((r) => r.name === 'vendor-monitoring')!.trustPolicy).toEqual(before);
	});

	it('generates a policy, polls until it is done, keeps it, and runs one job at a time', async () => {
		const { gateway, run } = setup();
		const principalArn = 'arn:aws:iam::123456789012:role/lambda-deployer';
		const start = startGenerationAction({ principalArn, trailArn, accessRole: 'arn:aws:iam::123456789012:role/service-role/AccessAnalyzerMonitorServiceRole', days: 90 }, now);
		expect(start.params.startTime).toBe('2026-08-29T12:00:00.000Z');
		const report = await run([start]);
		const jobId = report.applied[0]!.result.outputs!.jobId!;
		expect(report.applied[0]!.inverse).toBeNull();
		// A second job while the first runs: refused, as Access Analyzer does.
		const second = await run([startGenerationAction({ principalArn: 'arn:aws:iam::123456789012:role/build-runner', trailArn, accessRole: start.params.accessRole, days: 30 }, now)]);
		expect(second.failed?.error.code).toBe('ConflictException');
		expect(second.failed?.error.message).toMatch(/one at a time/);
		expect((await gateway.listPolicyGenerations!()).map((j) => j.status)).toEqual(['IN_PROGRESS']);

		const saved: GeneratedPolicyEntry[] = [];
		const sleeps: number[] = [];
		const job = createActor(createGenerationMachine(), {
			input: { gateway, jobId, principalArn, now: () => now, save: (e) => saved.push(e), sleep: async (ms) => void sleeps.push(ms), pollMs: 5 },
		}).start();
		const done = await waitFor(job, (s) => s.status === 'done');
		expect(done.value).toBe('succeeded');
		expect(done.context.polls).toBe(3);
		expect(sleeps).toEqual([5, 5]);
		expect(saved).toHaveLength(1);
		expect(saved[0]).toMatchObject({ jobId, principalArn });
		expect(saved[0]!.document.Statement[0]!.Action).toEqual(['lambda:GetFunction', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration']);
		// Finished: a new job may start.
		expect((await run([startGenerationAction({ principalArn: 'arn:aws:iam::123456789012:role/build-runner', trailArn, accessRole: start.params.accessRole, days: 30 }, now)])).failed).toBeUndefined();
	});
});
