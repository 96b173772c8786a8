/**
 * The change log as an auditor reads it: verification status first, the session (who,
 * which account, where), then one entry per action (when, step, what changed, why, result,
 * whether it can be undone), attestation and reconciliation. Rendered by render-change-log.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { alreadyInPlaceCode } from '../core/already-in-place.js';
import type { TrailEvent } from '../core/cloudtrail-events.js';
import type { LoggedWrite } from './cloudtrail-crosscheck.js';
import type { HeaderRecord, IntentLogRecord, LogRecord, ResultLogRecord } from './log-records.js';
import { AuditInputError } from './audit-input-error.js';
import { readSessionSummary } from './session-files.js';
import { fieldChanges, stateAfterAction, type FieldChange } from './state-changes.js';
import { findUndoneActions, type UndoneAction } from './undo-plan.js';
import { verifyLogs, type VerifyOptions } from './verify-logs.js';

/** The six steps, as the wizard names them (kept here so the audit layer needs only core). */
export const stepTitles: Record<number, string> = {
	1: 'Inventory',
	2: 'Access Analyzer',
	3: 'Scope policies',
	4: 'Permission boundaries',
	5: 'MFA and long-lived credentials',
	6: 'Continuous monitoring',
};

export interface ExportVerification {
	ok: boolean;
	/** The one-line verify summary (or the first problem). */
	summary: string;
	pinned: boolean;
	/** Reconciled sessions, each a warning the auditor reads first. */
	warnings: string[];
	notes: string[];
	/** `--anchors`: the session against its anchor (a failed check also fails `ok`). */
	anchor?: ExportAnchorCheck;
	/** `--cloudtrail`: the session against CloudTrail's event history. */
	cloudTrail?: ExportCloudTrailCheck;
}

export interface ExportAnchorCheck {
	/** The anchors file or s3://bucket/prefix. */
	source: string;
	ok: boolean;
	/** One sentence: matched, not anchored there, or what differs. */
	summary: string;
}

export interface ExportCloudTrailCheck {
	ok: boolean;
	/** One sentence, as `audit verify --cloudtrail` prints it. */
	summary: string;
	matched: number;
	/** Writes CloudTrail shows that the log does not hold. */
	unlogged: TrailEvent[];
	/** Logged successful writes CloudTrail does not show, past its delivery delay. */
	missing: LoggedWrite[];
	/** Logged writes too recent for CloudTrail. */
	pending: LoggedWrite[];
}

export interface ExportSession {
	file: string;
	sessionId: string;
	account: string;
	caller: string;
	region: string;
	mode: string;
	command: string;
	started: string;
	tool: string;
	signer: string;
	sealed: boolean;
}

export interface ExportEntry {
	kind: 'action' | 'attestation' | 'reconciliation';
	seq?: number;
	when: string;
	who: string;
	account: string;
	step?: number;
	stepTitle?: string;
	/** The AWS call (actions). */
	call?: string;
	summary: string;
	changes: FieldChange[];
	/** Said when there is no field-level change to show ("nothing changed: the call failed"). */
	changeNote?: string;
	why: string;
	findingIds: string[];
	result: 'ok' | 'error' | 'no result' | 'attested' | 'applied' | 'not-applied' | 'unknown' | 'nothing-pending';
	errorCode?: string;
	errorMessage?: string;
	requestId?: string;
	undo?: string;
}

export interface ChangeLogExport {
	verification: ExportVerification;
	session?: ExportSession;
	entries: ExportEntry[];
}

function actionEntry(intent: IntentLogRecord, result: ResultLogRecord | undefined, header: HeaderRecord | undefined, file: string, undone: UndoneAction[]): ExportEntry {
	const base = {
		kind: 'action' as const,
		seq: intent.seq,
		when: intent.time,
		who: header?.caller ?? 'unknown',
		account: header?.account ?? 'unknown',
		step: intent.step,
		stepTitle: stepTitles[intent.step],
		call: intent.action.kind,
		summary: intent.action.summary,
		why: intent.reason,
		findingIds: intent.findingIds,
	};
	if (!result) {
		return { ...base, changes: [], changeNote: 'unknown: the session stopped during the call (see any reconciliation in the next session)', result: 'no result' };
	}
	const requestId = result.error?.requestId ?? result.result?.requestId;
	if (!result.ok) {
		return {
			...base,
			changes: [],
			changeNote: 'nothing: the call failed',
			result: 'error',
			errorCode: result.error?.code ?? 'error',
			...(result.error?.message ? { errorMessage: result.error.message } : {}),
			...(requestId ? { requestId } : {}),
			undo: 'nothing to undo',
		};
	}
	const after = result.after ?? stateAfterAction(intent.action, result.before, result.result);
	// No after state (a non-default policy version, a credential report): the before state alone
	// is no change; compared with nothing, every field would read as removed.
	const changes = after === undefined ? [] : fieldChanges(result.before, after);
	if (result.error?.code === alreadyInPlaceCode) return { ...base, changes: [], changeNote: 'nothing: already in place, not sent', result: 'ok', undo: 'nothing to undo' };
	const by = undone.find((u) => u.seq === intent.seq);
	const undo = by
		? `undone by session ${by.by}`
		: result.inverse
			? `iam-wizard audit undo ${basename(file)} --seq ${intent.seq} (${result.inverse.summary})`
			: 'cannot be undone';
	return {
		...base,
		changes,
		...(changes.length === 0 ? { changeNote: after === undefined ? 'not recorded (this call leaves no state to compare)' : 'no field changed (the state already matched)' } : {}),
		result: 'ok',
		...(requestId ? { requestId } : {}),
		undo,
	};
}

export function changeLogEntries(records: LogRecord[], file: string, undone: UndoneAction[] = []): { session?: ExportSession; entries: ExportEntry[] } {
	const header = records[0]?.type === 'header' ? records[0] : undefined;
	const results = new Map<number, ResultLogRecord>();
	for (const r of records) if (r.type === 'result') results.set(r.seq, r);
	const who = header?.caller ?? 'unknown';
	const account = header?.account ?? 'unknown';
	const entries: ExportEntry[] = [];
	for (const r of records) {
		if (r.type === 'intent') entries.push(actionEntry(r, results.get(r.seq), header, file, undone));
		if (r.type === 'attestation') {
			entries.push({ kind: 'attestation', when: r.time, who, account, step: r.step, stepTitle: stepTitles[r.step], summary: r.statement, changes: [], changeNote: 'a manual step, confirmed by the operator', why: r.reason, findingIds: r.findingIds, result: 'attested' });
		}
		if (r.type === 'reconciliation') {
			entries.push({
				kind: 'reconciliation',
				...(r.seq !== undefined ? { seq: r.seq } : {}),
				when: r.time,
				who,
				account,
				summary: `Reconciled the interrupted session ${r.file}${r.action ? `: ${r.action.summary}` : ''}`,
				changes: [],
				changeNote: r.action ? `re-read after the crash: the change was ${r.outcome === 'applied' ? 'applied' : r.outcome === 'not-applied' ? 'not applied' : 'of unknown effect'}` : 'no call was in flight',
				why: 'crash recovery',
				findingIds: r.action?.findingIds ?? [],
				result: r.outcome,
			});
		}
	}
	if (!header) return { entries };
	const session: ExportSession = {
		file: basename(file),
		sessionId: header.session,
		account: header.account,
		caller: header.caller,
		region: header.region,
		mode: header.mode,
		command: header.command,
		started: header.started,
		tool: `${header.tool} ${header.toolVersion}`,
		signer: header.signer.fingerprint,
		sealed: records[records.length - 1]?.type === 'seal',
	};
	return { session, entries };
}

/** Verifies `file` and gathers what the export shows. */
export async function buildChangeLogExport(file: string, options: VerifyOptions = {}): Promise<ChangeLogExport> {
	const report = await verifyLogs([file], options);
	// verify takes a folder of sessions; an export is of one session, named by its file.
	if ((await stat(file)).isDirectory()) throw new AuditInputError(`${file} is a folder: audit export takes one session file (audit verify ${file} checks the whole folder)`);
	const summary = await readSessionSummary(file);
	const { session, entries } = changeLogEntries(summary.records, file, await findUndoneActions(file));
	return {
		verification: { ok: report.ok, summary: report.summary, pinned: report.pinned, warnings: report.warnings, notes: report.notes },
		...(session ? { session } : {}),
		entries,
	};
}
