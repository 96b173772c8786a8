import type { AttestationRecord, AuditSink, IntentRecord, ResultRecord } from '../../source/core/audit-sink.js';

export type MemoryAuditEntry =
	| ({ type: 'intent' } & IntentRecord)
	| ({ type: 'result' } & ResultRecord)
	| ({ type: 'attestation' } & AttestationRecord)
	| { type: 'seal' };

/** An AuditSink that keeps records in memory (tests only: the wizard and the commands write the signed log). */
export class MemoryAuditSink implements AuditSink {
	readonly entries: MemoryAuditEntry[] = [];
	private seq = 0;

	async intent(record: Omit<IntentRecord, 'seq'>): Promise<number> {
		this.seq += 1;
		this.entries.push({ type: 'intent', seq: this.seq, ...record });
		return this.seq;
	}

	async result(record: ResultRecord): Promise<void> {
		this.entries.push({ type: 'result', ...record });
	}

	async attestation(record: AttestationRecord): Promise<void> {
		this.entries.push({ type: 'attestation', ...record });
	}

	async close(): Promise<void> {
		this.entries.push({ type: 'seal' });
	}
}
