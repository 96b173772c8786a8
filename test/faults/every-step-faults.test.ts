/**
 * The fault suite for every write step, on the batch each step's own plan makes on the demo
 * account (gateway-faults.test.ts drives one hand-made step-5 batch): throttling is retried
 * and the batch finishes; AccessDenied mid-batch stops it, records the failure and its
 * rollback undoes exactly what was applied; an answer lost after a call went through is
 * found by reading the resource again; a crash after any call or any log record leaves
 * a log that, after the next session's reconciliation, holds exactly what was applied, and
 * nothing is applied twice.
 */
import { mkdtempSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findInterruptedSessions, reconcileInterrupted } from '../../source/audit/interrupted-sessions.js';
import type { LogRecord } from '../../source/audit/log-records.js';
import { listSessionFiles, readSessionSummary } from '../../source/audit/session-files.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import type { CrashSwitch, SandboxFaults } from '../../source/aws/sandbox/sandbox-faults.js';
import { createSandboxGateway, type SandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import { buildPlan } from '../../source/commands/plan.js';
import type { Action } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import { readSettings } from '../../source/settings/settings-store.js';
import { stepInfos } from '../../source/steps/step-plans.js';
import { executeActions, rollbackPlan, type ExecutionReport } from '../../source/wizard/executor.js';
import { newKey, session, tempDir } from '../audit/log-fixtures.js';
import { captureIo } from '../helpers/command-io.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import { faultTally } from './fault-tally.js';
import { faultyLogFile, type LogFileFaults } from './faulty-log-file.js';

const when = new Date('2026-11-27T20:15:03Z');
const now = () => when;
const builtSteps = stepInfos.filter((s) => s.built).map((s) => s.number);

/** The actions `plan --demo --steps N` proposes on a fresh demo account. */
async function stepBatch(step: number): Promise<Action[]> {
	const gateway = createSandboxGateway({ state: createSeedState(when), now });
	const io = captureIo({ now: when, cwd: mkdtempSync(join(tmpdir(), 'step-faults-')) });
	const plan = await buildPlan({ demo: true, steps: String(step), out: 'plan.json' }, readSettings(), io, { gateway });
	return plan.actions.map((a) => a.action);
}

interface Outcome {
	gateway: SandboxGateway;
	report?: ExecutionReport;
	applied: Action[];
	records: LogRecord[];
	recorded: number;
	dir: string;
}

async function run(key: SigningKey, actions: Action[], faults: SandboxFaults, logFaults: LogFileFaults = {}, failOn?: (action: Action) => GatewayError | undefined): Promise<Outcome> {
	const gateway = createSandboxGateway({ state: createSeedState(when), now, faults, ...(failOn ? { failOn } : {}) });
	const dir = await tempDir('step-faults-');
	const file = faultyLogFile(logFaults);
	let report: ExecutionReport | undefined;
	try {
		const log = await openAuditLog({ dir, key, session: { ...session, command: 'apply' }, now, wrapFile: file.wrap });
		report = await executeActions(actions, { gateway, audit: log, step: actions[0]!.step, reason: 'CHG-9', now });
		await log.close().catch(() => undefined);
	} catch {
		// The process died (before or while opening its log): the next session finds what it left.
	}
	// This process is alive, so its locks go as a dead process's would.
	for (const f of await listSessionFiles(dir)) {
		try {
			unlinkSync(`${f}.lock`);
		} catch {
			// No lock left.
		}
	}
	if (faults.crash) faults.crash.dead = false;
	const interrupted = await findInterruptedSessions(dir);
	if (interrupted.length > 0) {
		const next = await openAuditLog({ dir, key, session, now });
		for (const s of interrupted) await reconcileInterrupted(next, s, (a) => gateway.readState(a));
		await next.close();
	}
	const records = (await Promise.all((await listSessionFiles(dir)).map(async (f) => (await readSessionSummary(f)).records))).flat();
	const ok = new Set(records.flatMap((r) => (r.type === 'result' && r.ok ? [r.seq] : [])));
	const recorded = records.filter((r) => r.type === 'intent' && ok.has(r.seq)).length + records.filter((r) => r.type === 'reconciliation' && r.outcome === 'applied').length;
	const applied = gateway.history().filter((h) => h.ok).map((h) => h.action);
	return { gateway, report, applied, records, recorded, dir };
}

async function expectExactLog(o: Outcome, where: string): Promise<void> {
	expect(o.recorded, `${where}: applied actions recorded as applied`).toBe(o.applied.length);
	expect(new Set(o.applied.map((a) => JSON.stringify(a))).size, `${where}: nothing applied twice`).toBe(o.applied.length);
	if ((await listSessionFiles(o.dir)).length > 0) {
		const verdict = await verifyLogs([o.dir]);
		expect(verdict.ok, `${where}: ${verdict.summary}`).toBe(true);
	}
}

afterAll(() => {
	if (process.env.FAULT_TALLY) console.log(faultTally.summary());
});

describe.each(builtSteps)('step %i under injected faults', (step) => {
	test('throttling every other request is retried and the batch finishes, each action once', async () => {
		const actions = await stepBatch(step);
		if (actions.length === 0) return;
		const o = await run(await newKey(), actions, { throttleEvery: 2 });
		expect(o.report?.failed).toBeUndefined();
		expect(o.applied).toEqual(actions);
		await expectExactLog(o, `step ${step} throttled`);
		faultTally.record(`step-${step}-throttling`, true, o.applied.length - o.recorded);
	});

	test('AccessDenied mid-batch stops it, records the failure, and the rollback undoes exactly the applied prefix', async () => {
		const actions = await stepBatch(step);
		if (actions.length < 2) return;
		const at = Math.floor(actions.length / 2);
		const target = JSON.stringify(actions[at]);
		const denied = (action: Action) =>
			JSON.stringify(action) === target ? new GatewayError('AccessDenied', `User: arn:aws:iam::123456789012:user/alice is not authorized to perform: ${action.kind}`, { operation: action.kind }) : undefined;
		const o = await run(await newKey(), actions, {}, {}, denied);
		expect(o.report?.failed).toMatchObject({ index: at, error: { code: 'AccessDenied' } });
		expect(o.report?.notAttempted).toEqual(actions.slice(at + 1));
		expect(o.applied).toEqual(actions.slice(0, at));
		expect(o.records.filter((r) => r.type === 'result' && !r.ok)).toEqual([expect.objectContaining({ seq: at + 1, error: expect.objectContaining({ code: 'AccessDenied' }) })]);
		await expectExactLog(o, `step ${step} denied at ${at}`);

		// The rollback offered puts back what the batch found: each resource it changed reads as on the untouched account.
		const { actions: undo, cannotUndo } = rollbackPlan(o.report!);
		expect(cannotUndo).toEqual([]);
		const undone = await executeActions(undo, { gateway: o.gateway, audit: new MemoryAuditSink(), step: actions[0]!.step, reason: 'rollback', now });
		expect(undone.failed).toBeUndefined();
		const untouched = createSandboxGateway({ state: createSeedState(when), now });
		for (const a of o.applied) {
			const before = await untouched.readState(a).catch((error: unknown) => ({ readFailed: (error as GatewayError).code }));
			const after = await o.gateway.readState(a).catch((error: unknown) => ({ readFailed: (error as GatewayError).code }));
			expect(after, `${a.summary} after the rollback`).toEqual(before);
		}
		faultTally.record(`step-${step}-access-denied`, true, o.applied.length - o.recorded);
	});

	test('an answer lost after each kind of call went through: the resource is read again and the call recorded as applied', async () => {
		const actions = await stepBatch(step);
		const key = await newKey();
		for (const kind of new Set(actions.map((a) => a.kind))) {
			const o = await run(key, actions, { loseAnswer: { kind } });
			expect(o.report?.failed, `answer of ${kind} lost: ${o.report?.failed?.error.message}`).toBeUndefined();
			expect(o.applied).toEqual(actions);
			expect(o.records.filter((r) => r.type === 'result' && r.error !== undefined).every((r) => r.type === 'result' && r.ok)).toBe(true);
			await expectExactLog(o, `step ${step}: answer of ${kind} lost`);
			faultTally.record(`step-${step}-answer-lost`, true, o.applied.length - o.recorded);
		}
	});

	test('a crash after any call or any log record reconciles to exactly what was applied', { timeout: 120_000 }, async () => {
		const actions = await stepBatch(step);
		if (actions.length === 0) return;
		const key = await newKey();
		for (let n = 1; n <= actions.length; n += 1) {
			const crash: CrashSwitch = { dead: false };
			const o = await run(key, actions, { crashAfterCalls: n, crash }, { crash });
			expect(o.applied, `crash after call ${n}`).toEqual(actions.slice(0, n));
			await expectExactLog(o, `step ${step}: crash after call ${n}`);
			faultTally.record(`step-${step}-crash-after-call`, true, o.applied.length - o.recorded);
		}
		// The header, an intent and a result per action, and the seal.
		for (let k = 1; k <= 2 * actions.length + 2; k += 1) {
			const crash: CrashSwitch = { dead: false };
			const o = await run(key, actions, { crash }, { crash, dieAfterWrites: k });
			expect(o.applied.length, `after record ${k}`).toBeLessThanOrEqual(Math.floor(k / 2));
			await expectExactLog(o, `step ${step}: crash after record ${k}`);
			faultTally.record(`step-${step}-crash-after-record`, true, o.applied.length - o.recorded);
		}
	});
});

test('every write step is covered: each step but the inventory proposes at least two actions on the demo account', async () => {
	const counts = await Promise.all(builtSteps.map(async (step) => [step, (await stepBatch(step)).length] as const));
	expect(counts.filter(([, n]) => n >= 2).map(([step]) => step)).toEqual(expect.arrayContaining(builtSteps.filter((s) => s !== 1)));
});
