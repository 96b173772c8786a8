/**
 * The fault-injection suite for the write path: the sandbox throttles, denies, drops the
 * connection, answers with HTML, is slow, or the process dies after any call or any log
 * record; for each, the batch ends as the safety rails say and the log, after the next
 * session's reconciliation, holds exactly what was applied, nothing twice.
 */
import { unlink } from 'node:fs/promises';
import { afterAll, describe, expect, test } from 'vitest';
import { createSandboxGateway, type SandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import type { CrashSwitch, SandboxFaults } from '../../source/aws/sandbox/sandbox-faults.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import { findInterruptedSessions, reconcileInterrupted } from '../../source/audit/interrupted-sessions.js';
import type { LogRecord } from '../../source/audit/log-records.js';
import { listSessionFiles, readSessionSummary } from '../../source/audit/session-files.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import type { Action } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import { executeActions, rollbackPlan, type ExecutionReport } from '../../source/wizard/executor.js';
import { newKey, session, tempDir } from '../audit/log-fixtures.js';
import { faultTally } from './fault-tally.js';
import { faultyLogFile, type LogFileFaults } from './faulty-log-file.js';

const now = () => new Date('2026-11-27T20:15:03Z');

/** Two key deactivations, a password policy, two more deactivations: two kinds of call. */
function batch(gateway: SandboxGateway): Action[] {
	const state = gateway.currentState();
	const keys = state.users
		.filter((u) => u.arn !== state.caller.arn)
		.flatMap((u) => u.accessKeys.filter((k) => k.status === 'Active').map((k) => ({ user: u.name, id: k.id })))
		.slice(0, 4);
	const deactivate = ({ user, id }: { user: string; id: string }): Action => ({
		kind: 'iam:UpdateAccessKey',
		params: { UserName: user, AccessKeyId: id, Status: 'Inactive' },
		step: 5,
		findingIds: ['KEY_NOT_ROTATED'],
		summary: `Deactivate access key ${id} of user ${user}`,
	});
	const passwords: Action = { kind: 'iam:UpdateAccountPasswordPolicy', params: { MinimumPasswordLength: 14, RequireSymbols: true }, step: 5, findingIds: ['PASSWORD_POLICY_WEAK'], summary: 'Require 14-character passwords' };
	return [deactivate(keys[0]), deactivate(keys[1]), passwords, deactivate(keys[2]), deactivate(keys[3])];
}

interface Outcome {
	gateway: SandboxGateway;
	report?: ExecutionReport;
	dir: string;
	actions: Action[];
	applied: Action[];
	records: LogRecord[];
	recorded: number;
}

async function run(key: SigningKey, faults: SandboxFaults, logFaults: LogFileFaults = {}): Promise<Outcome> {
	const gateway = createSandboxGateway({ state: createSeedState(now()), now, faults });
	const actions = batch(gateway);
	const dir = await tempDir('gateway-faults-');
	const file = faultyLogFile(logFaults);
	let report: ExecutionReport | undefined;
	try {
		const log = await openAuditLog({ dir, key, session: { ...session, command: 'apply' }, now, wrapFile: file.wrap });
		report = await executeActions(actions, { gateway, audit: log, step: 5, reason: 'CHG-7', now });
		await log.close().catch(() => undefined);
	} catch {
		// The process died while opening its log: nothing was applied.
	}
	// A dead process's lock is judged dead by its pid; this one is alive, so its lock goes as the dead one's would.
	for (const f of await listSessionFiles(dir)) await unlink(`${f}.lock`).catch(() => undefined);
	if (faults.crash) faults.crash.dead = false;
	// The next session reconciles.
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
	return { gateway, report, dir, actions, applied, records, recorded };
}

async function expectExactLog(o: Outcome, where: string): Promise<void> {
	expect(o.recorded, `${where}: applied actions recorded as applied`).toBe(o.applied.length);
	expect(new Set(o.applied.map((a) => JSON.stringify(a))).size, `${where}: nothing applied twice`).toBe(o.applied.length);
	if ((await listSessionFiles(o.dir)).length > 0) {
		const verdict = await verifyLogs([o.dir]);
		expect(verdict.ok, `${where}: ${verdict.summary}`).toBe(true);
		expect(verdict.actions).toBeGreaterThanOrEqual(o.applied.length);
	}
}

afterAll(() => {
	// The figures the report quotes: FAULT_TALLY=1 npx vitest run test/faults
	if (process.env.FAULT_TALLY) console.log(faultTally.summary());
});

describe('the write path under injected faults', () => {
	test.each([2, 3, 5])('throttling every %i requests is retried and the batch finishes', async (every) => {
		const o = await run(await newKey(), { throttleEvery: every });
		expect(o.report?.failed).toBeUndefined();
		expect(o.applied).toEqual(o.actions);
		await expectExactLog(o, `throttle ${every}`);
		faultTally.record('throttling', true, o.applied.length - o.recorded);
	});

	test('latency on every call slows the batch and changes nothing else', async () => {
		const o = await run(await newKey(), { latencyMs: 2 });
		expect(o.applied).toEqual(o.actions);
		await expectExactLog(o, 'latency');
		faultTally.record('latency', true, o.applied.length - o.recorded);
	});

	test.each([
		['AccessDenied', 'AccessDenied', /^Access denied to iam:UpdateAccountPasswordPolicy: grant iam:UpdateAccountPasswordPolicy to the caller to make this change \(policies\/remediate\.json/],
		['NetworkError', 'NetworkingError', /was reset \(ECONNRESET\)/],
		['HtmlResponse', 'UnexpectedResponse', /an HTML page, not an API response/],
	] as const)('%s on the third call stops the batch, records the failure and offers to roll back the two applied', async (error, code, message) => {
		const o = await run(await newKey(), { failCall: { kind: 'iam:UpdateAccountPasswordPolicy', error } });
		expect(o.report?.failed).toMatchObject({ index: 2, error: { code } });
		expect(o.report?.failed?.error.message).toMatch(message);
		expect(o.report?.notAttempted).toEqual(o.actions.slice(3));
		expect(o.applied).toEqual(o.actions.slice(0, 2));
		const failedResult = o.records.find((r) => r.type === 'result' && !r.ok);
		expect(failedResult).toMatchObject({ seq: 3, error: { code } });
		await expectExactLog(o, error);
		// The rollback offered undoes exactly the applied prefix.
		const rollback = rollbackPlan(o.report!);
		expect(rollback.actions.map((a) => (a.params as { Status?: string }).Status)).toEqual(['Active', 'Active']);
		const undone = await executeActions(rollback.actions, { gateway: o.gateway, audit: { intent: async () => 1, result: async () => undefined, attestation: async () => undefined, close: async () => undefined }, step: 5, reason: 'rollback', now });
		expect(undone.failed).toBeUndefined();
		const keys = o.gateway.currentState().users.flatMap((u) => u.accessKeys);
		for (const a of o.applied) expect(keys.find((k) => k.id === (a.params as { AccessKeyId: string }).AccessKeyId)?.status).toBe('Active');
		faultTally.record(error, true, o.applied.length - o.recorded);
	});

	test.each(['iam:UpdateAccountPasswordPolicy', 'iam:UpdateAccessKey'])('a connection reset after %s went through: the resource is read again, the call recorded as applied, the batch goes on', async (kind) => {
		const o = await run(await newKey(), { loseAnswer: { kind } });
		expect(o.report?.failed).toBeUndefined();
		expect(o.applied).toEqual(o.actions);
		const lost = o.records.filter((r) => r.type === 'result' && r.error !== undefined);
		expect(lost.length).toBeGreaterThan(0);
		for (const r of lost) {
			expect(r).toMatchObject({ ok: true, error: { code: 'NetworkingError' } });
			expect((r as { error: { message: string } }).error.message).toMatch(/was reset \(ECONNRESET\) after the request was sent, before AWS answered; the answer was lost, and reading the resource again shows the change was made\.$/);
		}
		await expectExactLog(o, `answer lost on ${kind}`);
		// What the lost calls did can still be undone.
		expect(rollbackPlan(o.report!).actions).toHaveLength(o.actions.length);
		faultTally.record('answer-lost-after-apply', true, o.applied.length - o.recorded);
	});

	test('a connection reset before the call went through: the re-read shows it was not made, and the log says so', async () => {
		const o = await run(await newKey(), { failCall: { kind: 'iam:UpdateAccountPasswordPolicy', error: 'NetworkError' } });
		expect(o.report?.failed?.error.message).toMatch(/; reading the resource again shows the change was not made\.$/);
		expect(o.records.find((r) => r.type === 'result' && !r.ok)).toMatchObject({ seq: 3, error: { code: 'NetworkingError' } });
		await expectExactLog(o, 'connection reset before the call');
		faultTally.record('network-error-before-apply', true, o.applied.length - o.recorded);
	});

	test('an answer lost and the re-read failing too: the batch stops and the record says the outcome is unknown', async () => {
		const gateway = createSandboxGateway({ state: createSeedState(now()), now, faults: { loseAnswer: { kind: 'iam:UpdateAccountPasswordPolicy' } } });
		const actions = batch(gateway);
		let reads = 0;
		const flaky = { ...gateway, readState: async (a: Action) => {
			if (a.kind === 'iam:UpdateAccountPasswordPolicy' && ++reads > 1) throw new GatewayError('EndpointUnreachable', 'Could not reach iam.amazonaws.com (ECONNRESET).');
			return gateway.readState(a);
		} };
		const results: unknown[] = [];
		const audit = { intent: async () => results.length + 1, result: async (r: unknown) => void results.push(r), attestation: async () => undefined, close: async () => undefined };
		const report = await executeActions(actions, { gateway: flaky, audit, step: 5, reason: 'CHG-8', now });
		expect(report.failed).toMatchObject({ index: 2, error: { code: 'NetworkingError' } });
		expect(report.failed?.error.message).toMatch(/cannot tell whether the change was made: check it before applying again\.$/);
		expect(results.at(-1)).toMatchObject({ ok: false, after: { readFailed: 'EndpointUnreachable' } });
	});

	test('a crash after any call (its answer lost) leaves a log that reconciles to exactly what was applied', async () => {
		const key = await newKey();
		for (let n = 1; n <= 5; n += 1) {
			const crash: CrashSwitch = { dead: false };
			const o = await run(key, { crashAfterCalls: n, crash }, { crash });
			expect(o.applied).toHaveLength(n);
			await expectExactLog(o, `crash after call ${n}`);
			faultTally.record('crash-after-call', true, o.applied.length - o.recorded);
		}
	});

	test('a crash after any record of the log leaves a log that reconciles to exactly what was applied', async () => {
		const key = await newKey();
		// Header, five intents and five results, and the seal.
		for (let k = 1; k <= 12; k += 1) {
			const crash: CrashSwitch = { dead: false };
			const o = await run(key, { crash }, { crash, dieAfterWrites: k });
			// Died after record k: the calls announced by whole intents at most.
			expect(o.applied.length, `after record ${k}`).toBeLessThanOrEqual(Math.floor(k / 2));
			await expectExactLog(o, `crash after record ${k}`);
			faultTally.record('crash-after-record', true, o.applied.length - o.recorded);
		}
	});
});
