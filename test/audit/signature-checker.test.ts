/**
 * The signature checks verify runs on every record: inline for short logs, batched across
 * worker threads for long ones. Both must answer exactly, per record, which signatures hold —
 * across batch boundaries, with several keys in one batch, messages outside ASCII, and a
 * signature that is not even base64 of 64 bytes.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { createSignatureChecker, headerPublicKey, type SignatureCheck } from '../../source/audit/signature-checker.js';

const alice = generateKeyPairSync('ed25519');
const bob = generateKeyPairSync('ed25519');

/** 300 checks, two keys alternating in runs, with bad signatures at the batch edges (batches of 64 for 300 checks on 2 threads). */
function checks(): { list: SignatureCheck[]; bad: Set<number> } {
	const bad = new Set([0, 63, 64, 65, 127, 128, 200, 299]);
	const list = Array.from({ length: 300 }, (_, i) => {
		const pair = Math.floor(i / 7) % 2 === 0 ? alice : bob;
		const message = `{"seq":${i},"reason":"ticket SEC-${i} — naïve ✓"}`;
		let signature = sign(null, Buffer.from(message), pair.privateKey).toString('base64');
		if (bad.has(i)) {
			if (i === 200) signature = 'not a signature';
			else if (i === 128) signature = sign(null, Buffer.from(message), (pair === alice ? bob : alice).privateKey).toString('base64');
			else signature = sign(null, Buffer.from(`${message} `), pair.privateKey).toString('base64');
		}
		return { message, signature, key: pair.publicKey };
	});
	return { list, bad };
}

describe('the signature checker', () => {
	for (const threads of [0, 1, 2]) {
		it(`answers for each record whether its signature holds (${threads === 0 ? 'inline' : `${threads} worker thread(s)`})`, async () => {
			const { list, bad } = checks();
			const checker = createSignatureChecker({ threads, expectedChecks: list.length });
			const indexes = list.map((c) => checker.add(c));
			expect(indexes).toEqual(list.map((_, i) => i));
			const results = await checker.results();
			expect(list.map((_, i) => results.holds(i))).toEqual(list.map((_, i) => !bad.has(i)));
			// Asking twice gives the same answer; an index never added holds nothing.
			expect(results.holds(1)).toBe(true);
			expect(results.holds(0)).toBe(false);
			expect(results.holds(300)).toBe(false);
		});
	}

	it('a log too short to need threads and a long one give the same answers by default', async () => {
		const { list, bad } = checks();
		const short = createSignatureChecker({ expectedChecks: 10 });
		const long = createSignatureChecker({ expectedChecks: 10_000 });
		for (const c of list) {
			short.add(c);
			long.add(c);
		}
		const [a, b] = [await short.results(), await long.results()];
		expect(list.map((_, i) => a.holds(i))).toEqual(list.map((_, i) => !bad.has(i)));
		expect(list.map((_, i) => b.holds(i))).toEqual(list.map((_, i) => !bad.has(i)));
	});

	it('stops its worker threads once it has answered, so `audit verify` of a long log exits', () => {
		const checkerModule = new URL('../../source/audit/signature-checker.ts', import.meta.url).href;
		const script = join(mkdtempSync(join(tmpdir(), 'checker-')), 'answer.mjs');
		writeFileSync(
			script,
			[
				"import { generateKeyPairSync, sign } from 'node:crypto';",
				`import { createSignatureChecker } from '${checkerModule}';`,
				"const pair = generateKeyPairSync('ed25519');",
				'const checker = createSignatureChecker({ threads: 2, expectedChecks: 200 });',
				"for (let i = 0; i < 200; i += 1) checker.add({ message: String(i), signature: sign(null, Buffer.from(String(i)), pair.privateKey).toString('base64'), key: pair.publicKey });",
				'const results = await checker.results();',
				"console.log(results.holds(199) ? 'answered' : 'wrong');",
			].join('\n'),
		);
		// No process.exit: the child ends only when nothing (no worker) keeps it alive.
		const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
		expect(child.stderr).toBe('');
		expect(child.stdout.trim()).toBe('answered');
		expect(child.signal).toBeNull();
		expect(child.status).toBe(0);
	}, 60_000);

	it('terminates every worker thread once it has answered', async () => {
		const terminate = vi.spyOn(Worker.prototype, 'terminate');
		try {
			const { list } = checks();
			const checker = createSignatureChecker({ threads: 2, expectedChecks: list.length });
			for (const c of list) checker.add(c);
			await checker.results();
			expect(terminate).toHaveBeenCalledTimes(2);
		} finally {
			terminate.mockRestore();
		}
	});

	it("takes a header's key only when it is an Ed25519 public key", () => {
		const pem = (key: { export(options: { type: 'spki'; format: 'pem' }): string | Buffer }) => key.export({ type: 'spki', format: 'pem' }).toString();
		expect(headerPublicKey(pem(alice.publicKey))?.asymmetricKeyType).toBe('ed25519');
		expect(headerPublicKey(pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey))).toBeUndefined();
		expect(headerPublicKey('-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n')).toBeUndefined();
	});
});
