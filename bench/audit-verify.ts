/**
 * Verification speed of the signed change log: writes a 100,000-record session file
 * (intent/result pairs, as the executor writes them) and times `verifyLogs` on it, once
 * with signature checks spread over worker threads and once in the main thread only.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Action } from '../source/core/actions.js';
import { logFormatVersion, type RecordBody } from '../source/audit/log-records.js';
import { RecordChain } from '../source/audit/record-chain.js';
import { sessionFileName } from '../source/audit/session-files.js';
import { fingerprintOf } from '../source/audit/signing-key.js';
import { verifyLogs } from '../source/audit/verify-logs.js';

const recordCount = 100_000;

function action(i: number): Action {
	return {
		kind: 'iam:UpdateAccessKey',
		params: { UserName: `user-${i}`, AccessKeyId: `AKIA${String(i).padStart(16, '0')}`, Status: 'Inactive' },
		step: 5,
		findingIds: [`KEY_NOT_ROTATED:user-${i}`],
		summary: `Deactivate access key of user user-${i}`,
	};
}

/** Writes the log without fsync per record (the writer's durability is not what is measured). */
async function writeLog(dir: string): Promise<string> {
	const { privateKey, publicKey } = generateKeyPairSync('ed25519');
	const fingerprint = fingerprintOf(publicKey);
	const chain = new RecordChain({ privateKey, fingerprint }, null);
	const start = Date.parse('2026-11-27T20:15:03Z');
	const time = (i: number) => new Date(start + i * 1000).toISOString();
	const lines: string[] = [];
	const push = (body: RecordBody) => lines.push(chain.append(body).line);
	push({
		type: 'header', format: logFormatVersion, tool: 'iam-wizard', toolVersion: 'bench', session: '00000000-0000-4000-8000-000000000000',
		account: '123456789012', caller: 'arn:aws:iam::123456789012:user/bench', region: 'eu-west-1', mode: 'demo', command: 'apply',
		signer: { publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(), fingerprint }, started: time(0), prevSession: null,
	});
	let seq = 0;
	while (lines.length < recordCount - 1) {
		seq += 1;
		const a = action(seq);
		push({ type: 'intent', seq, time: time(lines.length), step: 5, action: a, findingIds: a.findingIds, reason: 'CHG-1 bench' });
		if (lines.length >= recordCount - 1) break;
		push({
			type: 'result', seq, time: time(lines.length), ok: true, result: { requestId: `req-${seq}` },
			inverse: { ...a, params: { ...(a.params as object), Status: 'Active' } } as Action, before: { Status: 'Active' },
		});
	}
	push({ type: 'seal', time: time(lines.length), count: lines.length + 1, lastHash: chain.lastHash as string });
	const file = join(dir, sessionFileName(new Date(start), '00000000-0000-4000-8000-000000000000'));
	await writeFile(file, lines.join(''), { mode: 0o600 });
	return file;
}

async function timeVerify(file: string, threads?: number): Promise<{ seconds: number; ok: boolean }> {
	const started = performance.now();
	const report = await verifyLogs([file], threads === undefined ? {} : { threads });
	return { seconds: (performance.now() - started) / 1000, ok: report.ok };
}

export async function run(): Promise<string[]> {
	const dir = await mkdtemp(join(tmpdir(), 'iam-wizard-bench-audit-'));
	try {
		const writeStart = performance.now();
		const file = await writeLog(dir);
		const writeSeconds = (performance.now() - writeStart) / 1000;
		const size = (await stat(file)).size;
		const parallel = await timeVerify(file);
		const single = await timeVerify(file, 0);
		if (!parallel.ok || !single.ok) throw new Error('the benchmark log did not verify');
		const rate = (s: number) => Math.round(recordCount / s).toLocaleString('en-US');
		return [
			`audit verify: ${recordCount.toLocaleString('en-US')}-record log (${(size / 1e6).toFixed(1)} MB, signed in ${writeSeconds.toFixed(1)} s)`,
			`audit verify: ${rate(parallel.seconds)} records/s with signature checks on ${availableParallelism()} worker thread(s) (${parallel.seconds.toFixed(2)} s)`,
			`audit verify: ${rate(single.seconds)} records/s in the main thread only (${single.seconds.toFixed(2)} s)`,
		];
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
