/**
 * A full disk or a failing fsync under the change log, at every record of a batch: no call
 * is made before its intent is whole on disk, the batch stops at the failed write, and the
 * next session's reconciliation accounts for every applied action (none lost, none twice).
 */
import { readdir, readFile } from 'node:fs/promises';
import { afterAll, describe, expect, test } from 'vitest';
import { createSandboxGateway, type SandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import { findInterruptedSessions, reconcileInterrupted } from '../../source/audit/interrupted-sessions.js';
import type { LogRecord } from '../../source/audit/log-records.js';
import { listSessionFiles } from '../../source/audit/session-files.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import type { Action } from '../../source/core/actions.js';
import { executeActions, type ExecutionReport } from '../../source/wizard/executor.js';
import { newKey, session, tempDir } from '../audit/log-fixtures.js';
import { faultyLogFile, type LogFileFaults } from './faulty-log-file.js';
import { faultTally } from './fault-tally.js';

const now = () => new Date('2026-11-27T20:15:03Z');

/** Deactivate every active key of users other than the caller: a batch of several independent writes. */
function keyBatch(gateway: SandboxGateway): Action[] {
	const state = gateway.currentState();
	const caller = state.caller.arn;
	return state.users
		.filter((u) => u.arn !== caller)
		.flatMap((u) => u.accessKeys.filter((k) => k.status === 'Active').map((k) => ({ user: u.name, id: k.id })))
		.slice(0, 5)
		.map(({ user, id }) => ({
			kind: 'iam:UpdateAccessKey',
			params: { UserName: user, AccessKeyId: id, Status: 'Inactive' },
			step: 5,
			findingIds: ['KEY_NOT_ROTATED'],
			summary: `Deactivate access key ${id} of user ${user}`,
		}));
}

async function records(file: string): Promise<LogRecord[]> {
	const text = await readFile(file, 'utf8');
	return text
		.split('\n')
		.filter((l) => l !== '')
		.map((l) => JSON.parse(l) as LogRecord);
}

interface Trial {
	report?: ExecutionReport;
	openFailed: boolean;
	appliedCalls: Action[];
	fired: number;
	dir: string;
}

async function runWithFaults(key: SigningKey, faults: LogFileFaults): Promise<Trial & { gateway: SandboxGateway }> {
	const gateway = createSandboxGateway({ state: createSeedState(now()), now });
	const dir = await tempDir('faults-');
	const fault = faultyLogFile(faults);
	const batch = keyBatch(gateway);
	let report: ExecutionReport | undefined;
	let openFailed = false;
	try {
		const log = await openAuditLog({ dir, key, session: { ...session, command: 'apply' }, now, wrapFile: fault.wrap });
		report = await executeActions(batch, { gateway, audit: log, step: 5, reason: 'CHG-1', now });
		await log.close().catch(() => undefined);
	} catch {
		openFailed = true;
	}
	const appliedCalls = gateway.history().filter((h) => h.ok).map((h) => h.action);
	return { gateway, report, openFailed, appliedCalls, fired: fault.fired, dir };
}

/** Space for the header and the first `n` records, plus `extra` bytes of the next one. */
async function spaceAfter(key: SigningKey): Promise<number[]> {
	const clean = await runWithFaults(key, {});
	const [file] = await listSessionFiles(clean.dir);
	const lines = (await readFile(file, 'utf8')).split('\n').slice(0, -1);
	const budgets: number[] = [];
	let offset = 0;
	for (const line of lines) {
		// At a record boundary (the next write fails outright) and in the middle of the record (it comes back short).
		budgets.push(offset, offset + Math.floor(line.length / 2));
		offset += line.length + 1;
	}
	return budgets;
}

async function recoverAndCount(trial: Trial & { gateway: SandboxGateway }, key: SigningKey) {
	// Space freed: the next session reconciles whatever was left pending.
	const interrupted = await findInterruptedSessions(trial.dir);
	if (interrupted.length > 0) {
		const log = await openAuditLog({ dir: trial.dir, key, session: { ...session, command: 'apply' }, now });
		for (const s of interrupted) await reconcileInterrupted(log, s, (a) => trial.gateway.readState(a));
		await log.close();
	}
	const all = (await Promise.all((await listSessionFiles(trial.dir)).map(records))).flat();
	const okResults = new Set(all.flatMap((r) => (r.type === 'result' && r.ok ? [r.seq] : [])));
	const intents = all.filter((r) => r.type === 'intent');
	const reconciledApplied = all.filter((r) => r.type === 'reconciliation' && r.outcome === 'applied');
	const recorded = intents.filter((i) => okResults.has(i.seq)).length + reconciledApplied.length;
	return { all, intents, recorded };
}

afterAll(() => {
	// The figures the report quotes: FAULT_TALLY=1 npx vitest run test/faults
	if (process.env.FAULT_TALLY) console.log(faultTally.summary());
});

describe('the change log under a full disk or a failing fsync', () => {
	test('at every record: no call without a whole intent on disk, the batch stops, reconciliation loses nothing', { timeout: 60_000 }, async () => {
		const key = await newKey();
		const budgets = await spaceAfter(key);
		const trials: LogFileFaults[] = [...budgets.map((spaceLeft) => ({ spaceLeft })), ...Array.from({ length: 13 }, (_, i) => ({ failSyncFrom: i + 1 }))];
		for (const faults of trials) {
			const trial = await runWithFaults(key, faults);
			const { all, intents, recorded } = await recoverAndCount(trial, key);
			const where = JSON.stringify(faults);
			expect(trial.fired, where).toBeGreaterThan(0);
			// Every call the gateway received was announced by a whole intent before it.
			for (const call of trial.appliedCalls) expect(intents.map((i) => i.action), where).toContainEqual(call);
			// Nothing applied twice.
			expect(new Set(trial.appliedCalls.map((a) => JSON.stringify(a))).size, where).toBe(trial.appliedCalls.length);
			// A write that failed stopped the batch.
			if (trial.report && trial.fired > 0 && trial.report.failed) expect(trial.report.failed.error.code, where).toBe('AuditWriteFailed');
			// Every applied action is in the log as applied: none lost.
			expect(recorded, where).toBe(trial.appliedCalls.length);
			expect(all.every((r) => r.type !== undefined)).toBe(true);
			const verdict = await verifyLogs([trial.dir]).catch(() => undefined);
			if (verdict) {
				expect(verdict.ok, `${where}: ${verdict.summary}`).toBe(true);
				expect(verdict.actions, where).toBeGreaterThanOrEqual(trial.appliedCalls.length);
			} else {
				// Only a session whose header never reached the disk leaves no file, and then nothing was applied.
				expect(trial.appliedCalls, where).toEqual([]);
			}
			expect((await readdir(trial.dir)).filter((n) => n.endsWith('.partial') || n.endsWith('.lock')), where).toEqual([]);
			faultTally.record('log-write', trial.fired > 0, trial.appliedCalls.length - recorded);
		}
	});

	test('a disk that fills during a result leaves the intent pending, and reconciliation re-reads the resource and records it applied', async () => {
		const key = await newKey();
		const budgets = await spaceAfter(key);
		// Header, intent 1 and half of result 1.
		const trial = await runWithFaults(key, { spaceLeft: budgets[5] });
		expect(trial.report?.applied).toHaveLength(1);
		expect(trial.report?.failed).toMatchObject({ index: 0, afterApply: true, error: { code: 'AuditWriteFailed' } });
		expect(trial.report?.failed?.error.message).toMatch(/Applied, but the change log could not record the result: The change log .* could not be written \(ENOSPC/);
		const [file] = await listSessionFiles(trial.dir);
		// The half-written result was cut off: the file ends with the whole intent.
		expect((await records(file)).map((r) => r.type)).toEqual(['header', 'intent']);
		expect((await readFile(file, 'utf8')).endsWith('\n')).toBe(true);
		const [interrupted] = await findInterruptedSessions(trial.dir);
		expect(interrupted.pending?.action).toEqual(trial.appliedCalls[0]);
		const log = await openAuditLog({ dir: trial.dir, key, session, now });
		expect(await reconcileInterrupted(log, interrupted, (a) => trial.gateway.readState(a))).toBe('applied');
		await log.close();
		const verdict = await verifyLogs([trial.dir]);
		expect(verdict.summary).toMatch(/^OK: .*1 action \(0 ok, 0 failed, 1 without result\)/);
	});
});
