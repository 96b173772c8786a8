/**
 * Ed25519 checks for verification, inline for small logs or spread over worker threads
 * for long ones (verification is almost all signature checks; the chain check stays
 * sequential in the main thread, which hands batches over as it reads). The worker is
 * plain JavaScript evaluated from a string, so it runs the same from source and from dist.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const workerSource = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
parentPort.on('message', (batch) => {
	const keys = batch.keys.map((der) => createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }));
	const n = batch.keyIndex.length;
	const ok = new Uint8Array(n);
	const data = Buffer.from(batch.data.buffer, batch.data.byteOffset, batch.data.byteLength);
	const sigs = Buffer.from(batch.sigs.buffer, batch.sigs.byteOffset, batch.sigs.byteLength);
	for (let i = 0; i < n; i += 1) {
		try {
			ok[i] = verify(null, data.subarray(batch.offsets[i], batch.offsets[i + 1]), keys[batch.keyIndex[i]], sigs.subarray(i * 64, i * 64 + 64)) ? 1 : 0;
		} catch {
			ok[i] = 0;
		}
	}
	parentPort.postMessage({ id: batch.id, ok }, [ok.buffer]);
});
`;

export interface SignatureCheck {
	/** The signed bytes (the record's canonical JSON without `sig`). */
	message: string;
	/** base64, 64 bytes. */
	signature: string;
	key: KeyObject;
}

/** Whether the signature of check `index` holds. */
export interface SignatureResults {
	holds(index: number): boolean;
}

/** Collects checks and answers, for each, whether the signature holds. */
export interface SignatureChecker {
	add(check: SignatureCheck): number;
	results(): Promise<SignatureResults>;
}

function checkOne(check: SignatureCheck): boolean {
	try {
		return verify(null, Buffer.from(check.message), check.key, Buffer.from(check.signature, 'base64'));
	} catch {
		return false;
	}
}

/** Checks each signature only when asked, so judging a damaged log stops at its first bad record. */
class InlineChecker implements SignatureChecker {
	private readonly checks: (SignatureCheck | boolean)[] = [];

	add(check: SignatureCheck): number {
		return this.checks.push(check) - 1;
	}

	async results(): Promise<SignatureResults> {
		return {
			holds: (index) => {
				const entry = this.checks[index];
				if (typeof entry === 'boolean' || entry === undefined) return entry === true;
				const ok = checkOne(entry);
				this.checks[index] = ok;
				return ok;
			},
		};
	}
}

interface PendingBatch {
	start: number;
	messages: string[];
	signatures: string[];
	keys: KeyObject[];
}

class WorkerChecker implements SignatureChecker {
	private readonly workers: Worker[];
	private readonly answers: Promise<{ start: number; ok: Uint8Array }>[] = [];
	private batch: PendingBatch = { start: 0, messages: [], signatures: [], keys: [] };
	private total = 0;
	private next = 0;
	private nextId = 0;
	private readonly waiting = new Map<number, (ok: Uint8Array) => void>();
	private failure: Error | undefined;

	constructor(
		threads: number,
		private readonly batchSize: number,
	) {
		this.workers = Array.from({ length: threads }, () => {
			const worker = new Worker(workerSource, { eval: true });
			worker.on('message', (answer: { id: number; ok: Uint8Array }) => {
				this.waiting.get(answer.id)?.(answer.ok);
				this.waiting.delete(answer.id);
			});
			worker.on('error', (error) => {
				this.failure = error;
				for (const resolve of this.waiting.values()) resolve(new Uint8Array(0));
			});
			return worker;
		});
	}

	add(check: SignatureCheck): number {
		this.batch.messages.push(check.message);
		this.batch.signatures.push(check.signature);
		this.batch.keys.push(check.key);
		this.total += 1;
		if (this.batch.messages.length >= this.batchSize) this.flush();
		return this.total - 1;
	}

	private flush(): void {
		const batch = this.batch;
		const n = batch.messages.length;
		if (n === 0) return;
		this.batch = { start: this.total, messages: [], signatures: [], keys: [] };
		const keyList: KeyObject[] = [];
		const keyIndex = new Uint16Array(n);
		const offsets = new Uint32Array(n + 1);
		let capacity = 0;
		for (const message of batch.messages) capacity += message.length * 3;
		const data = Buffer.alloc(capacity);
		const sigs = Buffer.alloc(n * 64);
		let offset = 0;
		for (let i = 0; i < n; i += 1) {
			let k = keyList.indexOf(batch.keys[i]);
			if (k < 0) k = keyList.push(batch.keys[i]) - 1;
			keyIndex[i] = k;
			offsets[i] = offset;
			offset += data.write(batch.messages[i], offset, 'utf8');
			sigs.write(batch.signatures[i], i * 64, 64, 'base64');
		}
		offsets[n] = offset;
		const id = this.nextId++;
		const worker = this.workers[this.next];
		this.next = (this.next + 1) % this.workers.length;
		this.answers.push(
			new Promise((resolve) => {
				this.waiting.set(id, (ok) => resolve({ start: batch.start, ok }));
			}),
		);
		const keys = keyList.map((key) => new Uint8Array(key.export({ format: 'der', type: 'spki' })));
		worker.postMessage({ id, keys, keyIndex, offsets, data: data.subarray(0, offset), sigs });
	}

	async results(): Promise<SignatureResults> {
		this.flush();
		try {
			const answers = await Promise.all(this.answers);
			if (this.failure) throw this.failure;
			const flags = new Uint8Array(this.total);
			for (const answer of answers) flags.set(answer.ok, answer.start);
			return { holds: (index) => flags[index] === 1 };
		} finally {
			await Promise.all(this.workers.map((worker) => worker.terminate()));
		}
	}
}

export interface CheckerOptions {
	/** Worker threads; 0 checks inline. Default: inline below 4,096 records, else one per CPU. */
	threads?: number;
	expectedChecks: number;
}

export function createSignatureChecker(options: CheckerOptions): SignatureChecker {
	const threads = options.threads ?? (options.expectedChecks < 4096 ? 0 : availableParallelism());
	if (threads <= 0) return new InlineChecker();
	return new WorkerChecker(threads, Math.max(64, Math.min(2048, Math.ceil(options.expectedChecks / (threads * 4)))));
}

/** A KeyObject from the SPKI PEM a header carries (undefined when it is not an Ed25519 public key). */
export function headerPublicKey(pem: string): KeyObject | undefined {
	try {
		const key = createPublicKey(pem);
		return key.asymmetricKeyType === 'ed25519' ? key : undefined;
	} catch {
		return undefined;
	}
}
