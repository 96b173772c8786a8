/**
 * `audit verify --cloudtrail`: the signed log reconciled with AWS's own record. For each
 * session, CloudTrail's event history for the session's window and caller is compared with
 * the log: every write the principal made that the log does not hold, and every write the log
 * says succeeded that CloudTrail does not show. CloudTrail delivers events up to about 15
 * minutes late, so a logged write younger than that is "not yet shown", never missing.
 */
import { alreadyInPlaceCode } from '../core/already-in-place.js';
import { eventOfAction, type TrailEvent } from '../core/cloudtrail-events.js';
import { basename, dirname } from 'node:path';
import { listSessionFiles, readSessionSummary, sessionFileTime } from './session-files.js';

export interface LoggedWrite {
	/** "iam:UpdateAccessKey". */
	kind: string;
	seq: number;
	time: string;
	ok: boolean;
}

export interface SessionWindow {
	file: string;
	account: string;
	caller: string;
	start: string;
	end: string;
	writes: LoggedWrite[];
}

export interface CrossCheck {
	file: string;
	/** Writes by the session's principal in its window that the log does not hold. */
	unlogged: TrailEvent[];
	/** Logged successful writes CloudTrail does not show, past the delivery delay. */
	missing: LoggedWrite[];
	/** Logged writes too recent for CloudTrail to be expected to show them yet. */
	pending: LoggedWrite[];
	matched: number;
}

/** CloudTrail's typical delivery delay (AWS: events within about 15 minutes of the API call). */
export const cloudTrailDeliveryDelayMs = 15 * 60 * 1000;

export function crossCheck(session: SessionWindow, events: TrailEvent[], now: Date): CrossCheck {
	// Logged actions are matched against every event (some, like GenerateCredentialReport, are read-only);
	// what is left unmatched counts only when it is a write.
	const unclaimed = [...events];
	const missing: LoggedWrite[] = [];
	const pending: LoggedWrite[] = [];
	let matched = 0;
	for (const write of session.writes) {
		const wanted = eventOfAction(write.kind);
		const at = unclaimed.findIndex((e) => e.eventSource === wanted.eventSource && e.eventName === wanted.eventName);
		if (at >= 0) {
			unclaimed.splice(at, 1);
			matched += 1;
			continue;
		}
		// A call that failed, or whose result was never logged, need not leave an event.
		if (!write.ok) continue;
		if (now.getTime() - Date.parse(write.time) < cloudTrailDeliveryDelayMs) pending.push(write);
		else missing.push(write);
	}
	return { file: session.file, unlogged: unclaimed.filter((e) => !e.readOnly), missing, pending, matched };
}

/** When the session after `file` in its directory started, if there is one (its file name says). */
async function nextSessionStart(file: string): Promise<number | undefined> {
	const name = basename(file);
	const next = (await listSessionFiles(dirname(file))).map((f) => basename(f)).find((n) => n > name);
	return next === undefined ? undefined : sessionFileTime(next)?.getTime();
}

/**
 * Each session file's window (its start to its last record, plus a minute for calls in flight,
 * but ending before the next session of its directory started: the directory's lock means this
 * one had ended, and the next one's calls are its own), caller and logged writes.
 */
export async function sessionWindows(files: string[]): Promise<SessionWindow[]> {
	const windows: SessionWindow[] = [];
	for (const file of files) {
		const summary = await readSessionSummary(file);
		const header = summary.records[0];
		if (header?.type !== 'header') continue;
		const results = new Map<number, boolean>();
		// An action recorded as already in place was never sent: CloudTrail has no event for it.
		const notSent = new Set<number>();
		for (const r of summary.records) if (r.type === 'result') (r.error?.code === alreadyInPlaceCode ? notSent.add(r.seq) : results.set(r.seq, r.ok));
		const writes = summary.records.flatMap((r): LoggedWrite[] => (r.type === 'intent' && !notSent.has(r.seq) ? [{ kind: r.action.kind, seq: r.seq, time: r.time, ok: results.get(r.seq) ?? false }] : []));
		const last = summary.records[summary.records.length - 1];
		const lastTime = 'time' in last && typeof last.time === 'string' ? last.time : header.started;
		const lastAt = Date.parse(lastTime);
		const next = await nextSessionStart(file);
		const end = next === undefined ? lastAt + 60_000 : Math.max(lastAt, Math.min(lastAt + 60_000, next - 1));
		windows.push({ file: summary.name, account: header.account, caller: header.caller, start: header.started, end: new Date(end).toISOString(), writes });
	}
	return windows;
}

/** One line per session for the operator. */
export function crossCheckLines(checks: CrossCheck[]): string[] {
	return checks.map((c) => {
		const parts = [`${c.matched} logged call${c.matched === 1 ? '' : 's'} found`];
		if (c.unlogged.length > 0) parts.push(`${c.unlogged.length} write${c.unlogged.length === 1 ? '' : 's'} NOT IN THE LOG: ${c.unlogged.map((e) => `${e.eventSource.replace('.amazonaws.com', '')}:${e.eventName} at ${e.eventTime} (event ${e.eventId})`).join(', ')}`);
		if (c.missing.length > 0) parts.push(`${c.missing.length} logged write${c.missing.length === 1 ? '' : 's'} CloudTrail does not show: ${c.missing.map((w) => `seq ${w.seq} ${w.kind} at ${w.time}`).join(', ')}`);
		if (c.pending.length > 0) parts.push(`${c.pending.length} too recent for CloudTrail (it delivers within about 15 minutes)`);
		return `CloudTrail: ${c.file}: ${parts.join('; ')}.`;
	});
}
