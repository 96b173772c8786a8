/** Shared by the plan and apply tests: a sandbox, a workspace, and handlers run as the CLI runs them. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { AwsGateway } from '../../source/aws/gateway.js';
import { createSandboxGateway, type SandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { runApply, type ApplyOptions } from '../../source/commands/apply.js';
import { UsageError } from '../../source/commands/command-io.js';
import { runPlan, type PlanOptions } from '../../source/commands/plan.js';
import type { PlanFile } from '../../source/core/plan-file.js';
import { readSettings } from '../../source/settings/settings-store.js';
import { captureIo, type CapturedIo } from '../helpers/command-io.js';

export const now = new Date('2026-11-27T12:00:00Z');
export const account = '123456789012';

export interface Run {
	code: number;
	io: CapturedIo;
}

/** Runs a handler as the CLI would: a UsageError becomes its sentence on stderr and its exit code. */
export async function run(io: CapturedIo, handler: () => Promise<number>): Promise<Run> {
	try {
		return { code: await handler(), io };
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		io.stderr(`iam-wizard: ${error.message}\n`);
		return { code: error.exitCode, io };
	}
}

export function workspace() {
	const dir = mkdtempSync(join(tmpdir(), 'plan-apply-'));
	return { dir, logDir: join(dir, 'logs') };
}

export async function makePlan(dir: string, gateway: AwsGateway, options: Partial<PlanOptions> = {}): Promise<{ file: string; plan: PlanFile; run: Run }> {
	const io = captureIo({ now, cwd: dir });
	const result = await run(io, () => runPlan({ demo: true, out: 'plan.json', steps: '5', ...options }, readSettings(), io, { gateway }));
	const file = join(dir, options.out ?? 'plan.json');
	return { file, plan: result.code === 0 ? (JSON.parse(readFileSync(file, 'utf8')) as PlanFile) : (undefined as unknown as PlanFile), run: result };
}

export async function apply(dir: string, logDir: string, gateway: AwsGateway | undefined, options: Partial<ApplyOptions> = {}, ioOptions: { isTTY?: boolean; answers?: string[] } = {}): Promise<Run> {
	const io = captureIo({ now, cwd: dir, ...ioOptions });
	return run(io, () =>
		runApply({ plan: 'plan.json', yes: true, confirmAccount: account, reason: 'TICKET-1', logDir, ...options }, readSettings(), io, {
			...(gateway ? { gateway } : {}),
			sleep: async () => {},
		}),
	);
}

export function sandbox(extra: Parameters<typeof createSandboxGateway>[0] = {}): SandboxGateway {
	return createSandboxGateway({ now: () => now, ...extra });
}

export function keyStatus(gateway: SandboxGateway, accessKeyId: string): string | undefined {
	const state = gateway.currentState() as unknown as { users: { accessKeys: { id: string; status: string }[] }[] };
	return state.users.flatMap((u) => u.accessKeys).find((k) => k.id === accessKeyId)?.status;
}

export function logRecords(logDir: string): Record<string, unknown>[] {
	const files = readdirSync(logDir).filter((f) => f.endsWith('.jsonl'));
	expect(files).toHaveLength(1);
	return readFileSync(join(logDir, files[0]!), 'utf8')
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
}

