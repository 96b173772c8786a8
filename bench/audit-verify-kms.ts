/**
 * Verification speed of KMS-signed change logs: a log directory of 500 sessions, each signed
 * by its own key certified by the sandbox's KMS key (one kms:Sign per session), 20 records
 * each, verified as one chain against the pinned KMS key: the certificate checks are one
 * extra Ed25519 verification per session on top of one per record.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { kmsCertifiedKey } from '../source/audit/kms-certificate.js';
import { openAuditLog } from '../source/audit/signed-audit-log.js';
import { verifyLogs } from '../source/audit/verify-logs.js';
import { sandboxKmsPublicKey, sandboxKmsSign, sandboxKmsSigningKeyArn } from '../source/aws/sandbox/sandbox-kms.js';
import type { Action } from '../source/core/actions.js';
import { createPublicKey } from 'node:crypto';

const sessions = 500;
const actionsPerSession = 9; // header + 9 × (intent, result) + seal = 20 records

function action(i: number): Action {
	return { kind: 'iam:UpdateAccessKey', params: { UserName: `user-${i}`, AccessKeyId: `AKIA${String(i).padStart(16, '0')}`, Status: 'Inactive' }, step: 5, findingIds: [], summary: `Deactivate a key of user-${i}` };
}

export async function run(): Promise<string[]> {
	const dir = await mkdtemp(join(tmpdir(), 'iam-wizard-bench-kms-'));
	try {
		const publicKeyDer = sandboxKmsPublicKey(sandboxKmsSigningKeyArn).spkiDer;
		let clock = Date.parse('2026-11-27T00:00:00Z');
		const now = () => new Date((clock += 1000));
		let kmsSigns = 0;
		const writeStart = performance.now();
		for (let s = 0; s < sessions; s += 1) {
			const key = await kmsCertifiedKey({ kmsKey: sandboxKmsSigningKeyArn, account: '123456789012', now: now(), publicKeyDer, sign: async (m) => (kmsSigns += 1, sandboxKmsSign(sandboxKmsSigningKeyArn, m)) });
			const log = await openAuditLog({ dir, key, now, durable: false, session: { toolVersion: 'bench', accountId: '123456789012', callerArn: 'arn:aws:iam::123456789012:user/bench', region: 'us-east-1', mode: 'demo', command: 'apply' } });
			for (let i = 0; i < actionsPerSession; i += 1) {
				const a = action(s * actionsPerSession + i);
				const seq = await log.intent({ time: now().toISOString(), step: 5, action: a, findingIds: [], reason: 'CHG-bench' });
				await log.result({ seq, time: now().toISOString(), ok: true, inverse: null });
			}
			await log.close();
		}
		const writeSeconds = (performance.now() - writeStart) / 1000;
		const pubkey = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' }).export({ format: 'pem', type: 'spki' }).toString();
		const time = async (threads?: number) => {
			const started = performance.now();
			const report = await verifyLogs([dir], { pubkey, ...(threads === undefined ? {} : { threads }) });
			if (!report.ok) throw new Error(`the KMS-signed benchmark log did not verify: ${report.summary}`);
			return { seconds: (performance.now() - started) / 1000, records: report.records };
		};
		const parallel = await time();
		const single = await time(0);
		const rate = (records: number, s: number) => Math.round(records / s).toLocaleString('en-US');
		return [
			`audit verify (KMS): ${sessions} sessions × 20 records = ${parallel.records.toLocaleString('en-US')} records, each session certified by one kms:Sign (${kmsSigns} in all; written in ${writeSeconds.toFixed(1)} s)`,
			`audit verify (KMS): ${rate(parallel.records, parallel.seconds)} records/s, ${Math.round(sessions / parallel.seconds)} sessions/s with signature checks on ${availableParallelism()} worker thread(s) (${parallel.seconds.toFixed(2)} s)`,
			`audit verify (KMS): ${rate(single.records, single.seconds)} records/s in the main thread only (${single.seconds.toFixed(2)} s)`,
		];
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
