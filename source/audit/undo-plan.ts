/**
 * `audit undo FILE --seq N`: the recorded inverse of action N, or one sentence saying why
 * there is none (no such action, it failed, it had no result, it cannot be undone, or a
 * later undo session already reversed it). An undo session's header names what it undoes.
 */
import { basename, dirname, resolve } from 'node:path';
import type { Action } from '../core/actions.js';
import { alreadyInPlaceCode } from '../core/already-in-place.js';
import { createdVersionCleanup, isReversible } from '../core/inverse-action.js';
import { AuditInputError, isNodeError, UndoRefusedError } from './audit-input-error.js';
import type { IntentLogRecord, LogRecord, ResultLogRecord } from './log-records.js';
import { listSessionFiles, readSessionSummary } from './session-files.js';

export interface UndoPlan {
	/** The session file the action was logged in. */
	file: string;
	seq: number;
	/** The recorded inverse. */
	inverse: Action;
	/** What to apply: the inverse, then (for a new default policy version) the deletion of that version. */
	actions: Action[];
	intent: IntentLogRecord;
	result: ResultLogRecord;
}

export interface UndoneAction {
	/** The file name and seq of the action that was undone. */
	file: string;
	seq: number;
	/** The undo session that reversed it. */
	by: string;
}

export function inverseForUndo(records: LogRecord[], seq: number, options: { file?: string; undone?: UndoneAction[] } = {}): UndoPlan {
	const name = options.file ? basename(options.file) : 'this log';
	const intents = records.filter((r): r is IntentLogRecord => r.type === 'intent');
	const intent = intents.find((r) => r.seq === seq);
	if (!intent) {
		const range = intents.length > 0 ? `its actions are numbered ${intents[0].seq} to ${intents[intents.length - 1].seq}` : 'it records no actions';
		throw new UndoRefusedError(`There is no action ${seq} in ${name}; ${range}`);
	}
	const what = `Action ${seq} (${intent.action.summary})`;
	const result = records.find((r): r is ResultLogRecord => r.type === 'result' && r.seq === seq);
	if (!result) {
		throw new UndoRefusedError(`${what} has no result: the session stopped during the call, so what it did is not recorded and there is no inverse to apply`);
	}
	if (!result.ok) throw new UndoRefusedError(`${what} failed (${result.error?.code ?? 'error'}), so there is nothing to undo`);
	if (result.error?.code === alreadyInPlaceCode) throw new UndoRefusedError(`${what} was already in place and not sent, so this session changed nothing to undo`);
	if (!result.inverse) {
		const why = isReversible(intent.action.kind) ? 'no inverse was recorded for it (what it replaced cannot be restored)' : `${intent.action.kind} cannot be reversed`;
		throw new UndoRefusedError(`${what} cannot be undone: ${why}`);
	}
	const undone = options.undone?.find((u) => u.file === name && u.seq === seq);
	if (undone) throw new UndoRefusedError(`${what} was already undone, by session ${undone.by}`);
	return { file: options.file ?? name, seq, inverse: result.inverse, actions: [result.inverse, ...createdVersionCleanup(intent.action, result.result)], intent, result };
}

/**
 * Actions of `file` that later undo sessions reversed (their inverse applied ok), looking
 * in the file's directory and in `alsoIn` (the log directory an undo session is written to).
 */
export async function findUndoneActions(file: string, alsoIn: string[] = []): Promise<UndoneAction[]> {
	const name = basename(file);
	const dirs = [...new Set([dirname(resolve(file)), ...alsoIn.map((d) => resolve(d))])];
	// Any other session may hold the undo: names sort by each session's own clock, which need
	// not agree across directories or machines, so the header's `undoes` decides, not the order.
	const others = (await Promise.all(dirs.map((d) => listSessionFiles(d)))).flat().filter((f) => resolve(f) !== resolve(file));
	const undone: UndoneAction[] = [];
	for (const other of others) {
		const summary = await readSessionSummary(other);
		const header = summary.records[0];
		if (header?.type !== 'header' || header.undoes?.file !== name) continue;
		if (summary.records.some((r) => r.type === 'result' && r.ok)) undone.push({ file: name, seq: header.undoes.seq, by: summary.name });
	}
	return undone;
}

/** Reads `file` and the sessions after it, and returns the inverse of action `seq`. */
export async function planUndo(file: string, seq: number, options: { logDir?: string } = {}): Promise<UndoPlan> {
	let summary;
	try {
		summary = await readSessionSummary(file);
	} catch (error) {
		if (isNodeError(error, 'ENOENT')) throw new AuditInputError(`${file} does not exist`);
		throw error;
	}
	const undone = await findUndoneActions(file, options.logDir ? [options.logDir] : []);
	return inverseForUndo(summary.records, seq, { file, undone });
}
