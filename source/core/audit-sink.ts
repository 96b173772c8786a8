/**
 * Where the executor records what it does. The [audit] log implements it with a signed,
 * hash-chained file; tests use the in-memory sink.
 */
import type { Action, ApplyResult, PriorState, StepNumber } from './actions.js';

export interface IntentRecord {
	seq: number;
	time: string;
	step: StepNumber;
	action: Action;
	findingIds: string[];
	reason: string;
	/** SHA-256 of what the preview showed for this batch. */
	previewHash?: string;
}

export interface ResultRecord {
	/** The seq of its intent. */
	seq: number;
	time: string;
	ok: boolean;
	error?: { code: string; message: string; requestId?: string };
	result?: ApplyResult;
	inverse?: Action | null;
	before?: PriorState;
	after?: PriorState;
}

export interface AttestationRecord {
	time: string;
	step: StepNumber;
	statement: string;
	findingIds: string[];
	reason: string;
}

export interface AuditSink {
	/** Returns the seq to pass to `result`. Written (and durable) before the AWS call is made. */
	intent(record: Omit<IntentRecord, 'seq'>): Promise<number>;
	result(record: ResultRecord): Promise<void>;
	attestation(record: AttestationRecord): Promise<void>;
	/** A clean end of the session. */
	close(): Promise<void>;
}

/**
 * Who and where a logged session runs: what the signed log's header records besides its
 * own fields (session ID, signer, start time, link to the previous session).
 */
export interface AuditSessionInfo {
	/** iam-wizard's version (package.json). */
	toolVersion: string;
	accountId: string;
	callerArn: string;
	region: string;
	/** The gateway mode: live, demo or snapshot. */
	mode: string;
	/** What opened the session: wizard, apply or undo. */
	command: string;
}
