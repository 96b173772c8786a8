/**
 * Shared set-up for contract tests on the wire: a fake AWS on 127.0.0.1 with a fresh
 * account, the SDK pointed at it through AWS_ENDPOINT_URL with static fake credentials,
 * and the headless commands run in-process as the CLI runs them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { runApply, type ApplyOptions } from '../../source/commands/apply.js';
import { UsageError } from '../../source/commands/command-io.js';
import { runPlan, type PlanOptions } from '../../source/commands/plan.js';
import type { PlanFile } from '../../source/core/plan-file.js';
import { readSettings } from '../../source/settings/settings-store.js';
import { captureIo, type CapturedIo } from '../helpers/command-io.js';
import { accountId, createFakeAccount, type FakeAccount, type FakeAccountOptions } from './fake-account.js';
import { startFakeAws, type FakeAws } from './fake-aws-server.js';

export const now = new Date('2026-11-27T12:00:00Z');

let running: FakeAws | undefined;

afterEach(async () => {
	delete process.env.AWS_ENDPOINT_URL;
	delete process.env.AWS_ACCESS_KEY_ID;
	delete process.env.AWS_SECRET_ACCESS_KEY;
	await running?.close();
	running = undefined;
});

/** Starts a fake AWS holding a fresh account and points the SDK at it. */
export async function fakeAws(options: FakeAccountOptions = {}): Promise<{ account: FakeAccount; server: FakeAws }> {
	const account = createFakeAccount(options);
	running = await startFakeAws(account.respond);
	process.env.AWS_ENDPOINT_URL = running.url;
	process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
	process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-tests';
	return { account, server: running };
}

/** Everything but IAM (and STS, which AWS never denies) answers AccessDenied. */
export const onlyIamAllowed = (service: string) => service !== 'iam' && service !== 'sts';

export interface Run {
	code: number;
	io: CapturedIo;
}

export async function run(io: CapturedIo, handler: () => Promise<number>): Promise<Run> {
	try {
		return { code: await handler(), io };
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		io.stderr(`iam-wizard: ${error.message}\n`);
		return { code: error.exitCode, io };
	}
}

export function workspace(): { dir: string; logDir: string } {
	const dir = mkdtempSync(join(tmpdir(), 'wire-'));
	return { dir, logDir: join(dir, 'logs') };
}

/** `iam-wizard plan --region us-east-1 --steps N` against the fake AWS. */
export async function planLive(dir: string, options: Partial<PlanOptions> = {}): Promise<{ run: Run; plan?: PlanFile }> {
	const io = captureIo({ now, cwd: dir });
	const result = await run(io, () => runPlan({ region: 'us-east-1', maxAttempts: 2, out: 'plan.json', ...options }, readSettings(), io));
	const plan = result.code === 0 ? (JSON.parse(readFileSync(join(dir, options.out ?? 'plan.json'), 'utf8')) as PlanFile) : undefined;
	return { run: result, ...(plan ? { plan } : {}) };
}

/** `iam-wizard apply --plan plan.json --yes` against the fake AWS. */
export async function applyLive(dir: string, logDir: string, options: Partial<ApplyOptions> = {}): Promise<Run> {
	const io = captureIo({ now, cwd: dir });
	return run(io, () =>
		runApply({ plan: 'plan.json', yes: true, confirmAccount: accountId, reason: 'TICKET-1', logDir, maxAttempts: 2, ...options }, readSettings(), io, { sleep: async () => {} }),
	);
}
