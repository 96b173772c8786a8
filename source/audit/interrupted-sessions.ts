/**
 * Crash safety. A session file that ends without a seal belongs to a process that died;
 * if its last intent has no result, the call it announced may or may not have happened.
 * The next session re-reads that resource and records, before anything else, what it
 * found, naming the interrupted file and its last hash: `verify` accepts an unsealed file
 * only when a later session reconciled it exactly there.
 */
import type { Action } from '../core/actions.js';
import { observeOutcome } from '../core/observe-outcome.js';
import { lockIsLive } from './file-lock.js';
import type { IntentLogRecord, ReconciliationOutcome } from './log-records.js';
import { listSessionFiles, readLastRecord, readLeadingReconciliations, readSessionSummary } from './session-files.js';
import type { SignedAuditLog } from './signed-audit-log.js';

export interface InterruptedSession {
	/** Full path of the unsealed session file. */
	file: string;
	name: string;
	/** The hash of its last complete record: what the reconciliation names. */
	lastHash: string;
	records: number;
	sessionId?: string;
	/** Its last intent, when that intent has no result: the call that may or may not have happened. */
	pending?: { seq: number; time: string; action: Action };
	/** The file ends in a partly written line. */
	incompleteLastLine: boolean;
}

/**
 * Unsealed session files in `dir` that no later session has reconciled and no live
 * process is still writing, oldest first.
 */
export async function findInterruptedSessions(dir: string): Promise<InterruptedSession[]> {
	const files = await listSessionFiles(dir);
	// Most sessions end sealed: only their last record is read.
	const ends = await Promise.all(files.map((file) => readLastRecord(file)));
	const unsealed = files.filter((_, i) => ends[i].record?.type !== 'seal');
	if (unsealed.length === 0) return [];
	const reconciled = new Set<string>();
	const later = files.slice(files.indexOf(unsealed[0]) + 1);
	for (const records of await Promise.all(later.map((file) => readLeadingReconciliations(file)))) {
		for (const record of records) reconciled.add(`${record.file}\n${record.lastHash}`);
	}
	const interrupted: InterruptedSession[] = [];
	for (const file of unsealed) {
		const summary = await readSessionSummary(file);
		if (summary.lastHash === undefined) continue;
		if (reconciled.has(`${summary.name}\n${summary.lastHash}`)) continue;
		if ((await lockIsLive(`${summary.file}.lock`)).live) continue;
		const header = summary.records[0]?.type === 'header' ? summary.records[0] : undefined;
		const intents = summary.records.filter((r): r is IntentLogRecord => r.type === 'intent');
		const lastIntent = intents[intents.length - 1];
		const answered = lastIntent && summary.records.some((r) => r.type === 'result' && r.seq === lastIntent.seq);
		interrupted.push({
			file: summary.file,
			name: summary.name,
			lastHash: summary.lastHash,
			records: summary.records.length,
			...(header ? { sessionId: header.session } : {}),
			...(lastIntent && !answered ? { pending: { seq: lastIntent.seq, time: lastIntent.time, action: lastIntent.action } } : {}),
			incompleteLastLine: summary.incompleteLastLine,
		});
	}
	return interrupted;
}

/**
 * Re-reads the resource the interrupted call touched and writes the reconciliation record
 * into `log` (a new session, before anything else). `readState` is `gateway.readState`.
 */
export async function reconcileInterrupted(
	log: SignedAuditLog,
	interrupted: InterruptedSession,
	readState: (action: Action) => Promise<unknown>,
): Promise<ReconciliationOutcome> {
	const pending = interrupted.pending;
	if (!pending) {
		await log.reconcile({ file: interrupted.file, lastHash: interrupted.lastHash, outcome: 'nothing-pending' });
		return 'nothing-pending';
	}
	// As the executor judges a lost answer: a read that fails leaves the outcome unknown.
	const { outcome, observed } = await observeOutcome(readState, pending.action);
	await log.reconcile({ file: interrupted.file, lastHash: interrupted.lastHash, seq: pending.seq, action: pending.action, observedState: observed, outcome });
	return outcome;
}
