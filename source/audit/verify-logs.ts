/**
 * `audit verify`: checks session files, or whole log directories, and says either that
 * everything holds (one line) or which record first does not and how. A directory is
 * checked as a chain of sessions: each header must carry the last hash of the session
 * before it, so a whole file removed is caught, and an unsealed session passes only if a
 * later one reconciled it exactly where it stopped.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AuditInputError, isNodeError } from './audit-input-error.js';
import { createSignatureChecker } from './signature-checker.js';
import { isSessionFileName, listSessionFiles } from './session-files.js';
import { directoryLockName } from './signed-audit-log.js';
import { publicKeyFromText, type PublicSigningKey } from './signing-key.js';
import { judgeFile, problemAt, readLogText, scanFile, type FileVerdict, type PinnedKey, type ScannedFile } from './verify-session-file.js';
import type { VerifyProblem } from './verify-problem.js';
import type { SessionAnchor } from './session-anchor.js';

export interface VerifyOptions {
	/** The signer to require: a PEM public key (text) or one already read. Without it, each header's key is used. */
	pubkey?: string | PublicSigningKey;
	/** Worker threads for signature checks (0: none). Default: by log size and CPU count. */
	threads?: number;
	/** Fail on a reconciled session instead of passing with a warning. */
	strict?: boolean;
	/** Anchors kept outside the machine (`--anchors`): each anchored session must be present, whole and unchanged. */
	anchors?: SessionAnchor[];
	/**
	 * Where `anchors` were read from when every session writes its anchor there as it ends (an
	 * S3 bucket): then a sealed session after the first anchored one, without an anchor, fails.
	 */
	anchoredEverySessionIn?: string;
	/** Where `pubkey` came from ("the --pubkey key FILE", "the key pinned in this machine's settings"): verify says which key it used. */
	pubkeySource?: string;
}

export interface VerifyReport {
	ok: boolean;
	/** One line: the summary when ok, the first problem otherwise. */
	summary: string;
	problem?: VerifyProblem;
	files: string[];
	records: number;
	actions: number;
	signers: string[];
	pinned: boolean;
	/** Unsealed sessions that a later session reconciled. */
	reconciled: string[];
	/** What an auditor must read before the summary: each reconciled session (a crash and a cut log look alike). */
	warnings: string[];
	/** Lines an operator should also see (the signer is not pinned). */
	notes: string[];
}

interface Target {
	/** A directory argument: its files form one chain of sessions. */
	directory: boolean;
	files: string[];
	/** Entries of a directory argument that are neither session files nor their lock or half-written header files. */
	strangers: string[];
}

/** Entries a log directory may hold besides session files: the directory lock, and a session's lock or half-made header. */
function expectedCompanion(name: string, sessions: Set<string>): boolean {
	if (name === directoryLockName) return true;
	const lock = /^(.*\.jsonl)\.lock$/.exec(name);
	if (lock) return sessions.has(lock[1]);
	const partial = /^(.*\.jsonl)\.partial$/.exec(name);
	return partial !== null && isSessionFileName(partial[1]);
}

async function strangersIn(dir: string, files: string[]): Promise<string[]> {
	const sessions = new Set(files.map((f) => basename(f)));
	const entries = await readdir(dir);
	return entries
		.filter((name) => !sessions.has(name) && !expectedCompanion(name, sessions))
		.sort()
		.map((name) => join(dir, name));
}

async function resolveTargets(paths: string[]): Promise<Target[]> {
	const targets: Target[] = [];
	const seen = new Set<string>();
	for (const path of paths) {
		let info;
		try {
			info = await stat(path);
		} catch (error) {
			// ENOTDIR: a path under a file (log.jsonl/x), which does not exist either.
			if (isNodeError(error, 'ENOENT') || isNodeError(error, 'ENOTDIR')) throw new AuditInputError(`${path} does not exist`);
			throw error;
		}
		const files = info.isDirectory() ? await listSessionFiles(path) : [resolve(path)];
		if (info.isDirectory() && files.length === 0) throw new AuditInputError(`${path} holds no iam-wizard session files`);
		const fresh = files.map((f) => resolve(f)).filter((f) => !seen.has(f));
		for (const f of fresh) seen.add(f);
		const strangers = info.isDirectory() ? await strangersIn(resolve(path), files) : [];
		targets.push({ directory: info.isDirectory(), files: fresh, strangers });
	}
	return targets;
}

function pinnedKey(pubkey: VerifyOptions['pubkey']): PinnedKey | undefined {
	if (pubkey === undefined) return undefined;
	const key = typeof pubkey === 'string' ? publicKeyFromText(pubkey, 'The --pubkey file') : pubkey;
	return { publicKey: key.publicKey, fingerprint: key.fingerprint };
}

async function verifyFiles(files: string[], pinned: PinnedKey | undefined, threads: number | undefined): Promise<FileVerdict[]> {
	const contents = await Promise.all(files.map((file) => readLogText(file)));
	let expectedChecks = 0;
	for (const bytes of contents) for (const byte of bytes) if (byte === 10) expectedChecks += 1;
	const checker = createSignatureChecker({ expectedChecks, ...(threads !== undefined ? { threads } : {}) });
	const scanned: ScannedFile[] = files.map((file, i) => scanFile(file, contents[i], checker, pinned));
	const signatures = await checker.results();
	return scanned.map((s) => judgeFile(s, signatures));
}

type Reconciler = { by: string; line: number; lastHash: string; fileDigest: string; bytes: number; records: number; ended: string; outcome: string };

/** Reconciliations of `name` in later sessions that verified at least up to the reconciliation record. */
function reconcilersOf(name: string, later: FileVerdict[]): Reconciler[] {
	return later.flatMap((v) =>
		v.reconciliations
			.filter((r) => r.file === name && (!v.problem || v.problem.excusedByReconciliation || v.problem.line > r.line))
			.map((r) => ({ by: v.scanned.name, line: r.line, lastHash: r.lastHash, fileDigest: r.fileDigest, bytes: r.bytes, records: r.records, ended: r.ended, outcome: r.outcome })),
	);
}

/** Whether a crash-damaged end is excused; if not, the problem with a clearer message. */
function excuse(verdict: FileVerdict, reconcilers: Reconciler[]): { excused: boolean; by?: Reconciler; problem?: VerifyProblem } {
	const problem = verdict.problem as VerifyProblem;
	const complete = verdict.scanned.lines.filter((l) => l.record).length;
	const exact = reconcilers.find(
		(r) => r.lastHash === verdict.lastHash && r.fileDigest === verdict.scanned.digest && r.bytes === verdict.scanned.bytes && r.records === complete,
	);
	if (exact) return { excused: true, by: exact };
	const other = reconcilers[0];
	const why = other
		? `; ${other.by} reconciled it at a different point (last hash ${other.lastHash.slice(0, 12)}…), so records were added or removed after the crash`
		: verdict.scanned.incompleteLastLine || !verdict.sealed
			? ', and no later session in this directory reconciled it'
			: '';
	const record = verdict.scanned.lines[problem.line - 1]?.record;
	return { excused: false, problem: problemAt(verdict.scanned, problem.line, problem.kind, `${problem.detail}${why}`, record) };
}

/** Cross-file check: the header's `prev` must be the last hash of the session before it. */
function sessionChainProblem(verdict: FileVerdict, previous: FileVerdict | undefined, all: FileVerdict[]): VerifyProblem | undefined {
	const header = verdict.scanned.header;
	if (!header) return undefined;
	const expected = previous?.lastHash ?? null;
	const s = verdict.scanned;
	if (header.prev === expected) {
		const previousName = previous?.scanned.name ?? null;
		if (header.prevSession === previousName) return undefined;
		return problemAt(s, 1, 'misnamed', `its header names the previous session ${header.prevSession ?? 'none'}, but the file before it is ${previousName ?? 'none'}`, header);
	}
	if (header.prev === null) return problemAt(s, 1, 'inserted', `this session claims to be the first in the directory, but ${previous?.scanned.name} comes before it`, header);
	const named = all.find((v) => v.lastHash === header.prev);
	if (named && named !== previous) {
		return problemAt(s, 1, 'reordered', `its header chains to ${named.scanned.name}, not to ${previous?.scanned.name ?? 'nothing'} before it (session files renamed or out of order)`, header);
	}
	const prevName = header.prevSession ?? 'an earlier session';
	const sameName = all.find((v) => v.scanned.name === header.prevSession);
	if (sameName) {
		return problemAt(s, 1, 'modified', `its header chains to ${prevName} at last hash ${header.prev.slice(0, 12)}…, but that file now ends at ${sameName.lastHash?.slice(0, 12) ?? 'nothing'}… (it was changed after this session began)`, header);
	}
	const detail = `its header chains to ${prevName} (last hash ${header.prev.slice(0, 12)}…), which is not in this directory`;
	return { ...problemAt(s, 1, 'session-missing', detail, header), message: `${s.name}: session missing before ${s.name}: ${detail}` };
}

export async function verifyLogs(paths: string[], options: VerifyOptions = {}): Promise<VerifyReport> {
	if (paths.length === 0) throw new AuditInputError('Name at least one change-log file or directory to verify');
	const pinned = pinnedKey(options.pubkey);
	const targets = await resolveTargets(paths);
	const verdicts = await verifyFiles(
		targets.flatMap((t) => t.files),
		pinned,
		options.threads,
	);
	const byFile = new Map(verdicts.map((v) => [v.scanned.file, v]));
	const reconciled: string[] = [];
	const warnings: string[] = [];
	let problem: VerifyProblem | undefined = strangerProblem(targets);

	for (const target of targets) {
		const chain = target.files.map((f) => byFile.get(f) as FileVerdict);
		for (let i = 0; i < chain.length && !problem; i += 1) {
			const verdict = chain[i];
			const internal = verdict.problem;
			const cross = target.directory ? sessionChainProblem(verdict, chain[i - 1], chain) : undefined;
			if (internal && (!cross || internal.line === 1) && !internal.excusedByReconciliation) {
				problem = internal;
				break;
			}
			if (cross) {
				problem = cross;
				break;
			}
			if (internal?.excusedByReconciliation) {
				const later = target.directory ? chain.slice(i + 1) : await laterSessions(verdict.scanned, pinned);
				const judged = excuse(verdict, reconcilersOf(verdict.scanned.name, later));
				if (!judged.excused) {
					problem = judged.problem;
					break;
				}
				reconciled.push(verdict.scanned.name);
				const warning = reconciledWarning(verdict, judged.by as Reconciler);
				warnings.push(warning);
				if (options.strict) {
					const last = verdict.scanned.lines[verdict.scanned.lines.length - 1];
					problem = problemAt(verdict.scanned, last.line, 'reconciled', `${warning.replace(/^WARNING: \S+ /, 'it ')} (--strict fails on a reconciled session)`, last.record);
					break;
				}
			}
		}
		if (problem) break;
	}

	if (!problem && options.anchors) problem = anchorProblem(options.anchors, verdicts, targets);
	if (!problem && options.anchors && options.anchoredEverySessionIn) problem = unanchoredProblem(options.anchors, verdicts, options.anchoredEverySessionIn);

	const files = verdicts.map((v) => v.scanned.file);
	const records = verdicts.reduce((n, v) => n + v.records, 0);
	const actions = verdicts.reduce((n, v) => n + v.intents, 0);
	const signers = [
		...new Set(
			verdicts.flatMap((v) => {
				const signer = v.scanned.header?.signer;
				if (!signer) return [];
				return [signer.certificate ? `${signer.certificate.fingerprint} (KMS ${signer.certificate.kmsKey}, a key per session)` : signer.fingerprint];
			}),
		),
	];
	const notes = pinned ? (options.pubkeySource ? [`Every record was checked against ${options.pubkeySource}, ${pinned.fingerprint}.`] : []) : ['The signer is NOT pinned: each file was checked against the key its own header names; pass --pubkey with the key you were given to pin it.'];
	const newest = targets.filter((t) => t.directory && t.files.length > 0).map((t) => byFile.get(t.files[t.files.length - 1]) as FileVerdict);
	if (!options.anchors && !problem) {
		for (const v of newest) {
			notes.push(`Without anchors, removing the newest sessions leaves no trace in the files: the newest here is ${v.scanned.name} (${v.records} records, last hash ${v.lastHash?.slice(0, 12) ?? 'none'}…); compare it with the anchor line apply or the wizard printed (--anchors).`);
		}
	}
	if (options.anchors && !problem) notes.push(`${options.anchors.length} anchored session${options.anchors.length === 1 ? '' : 's'} present, whole and unchanged.`);
	if (targets.some((t) => !t.directory)) notes.push('Files named one by one are checked on their own; verify their log directory to also catch whole sessions removed from it.');
	const base = { files, records, actions, signers, pinned: pinned !== undefined, reconciled, warnings, notes };
	if (problem) return { ok: false, summary: `FAILED: ${problem.message}`, problem, ...base };
	return { ok: true, summary: summaryLine(verdicts, signers, pinned !== undefined, reconciled), ...base };
}

const endings: Record<string, string> = {
	'partial-line': 'in a partly written line',
	'open-intent': 'with an action announced and no result',
	'no-seal': 'after a complete record, without a seal',
};

/** The warning an auditor sees first: a reconciled session may be a crash, or a log cut short and reconciled over. */
function reconciledWarning(verdict: FileVerdict, by: Reconciler): string {
	const name = verdict.scanned.name;
	return (
		`WARNING: ${name} ended ${endings[by.ended] ?? by.ended} after ${by.records} records (${by.bytes} bytes, last hash ${by.lastHash.slice(0, 12)}…); ` +
		`${by.by} reconciled it (outcome: ${by.outcome}). A crash and a log cut short look the same from the files alone: ` +
		'check the session against its anchors (--anchors) or CloudTrail (--cloudtrail).'
	);
}

/** The first anchored session that is missing, shorter than anchored, or changed. */
function anchorProblem(anchors: SessionAnchor[], verdicts: FileVerdict[], targets: Target[]): VerifyProblem | undefined {
	const dir = targets.find((t) => t.directory)?.files[0];
	for (const anchor of anchors) {
		const verdict = verdicts.find((v) => v.scanned.name === anchor.file);
		if (!verdict) {
			const file = dir ? join(dirname(dir), anchor.file) : anchor.file;
			const detail = `the anchored session ${anchor.file} (${anchor.records} records, seal ${anchor.sealHash.slice(0, 12)}…) is not in the log: it was removed`;
			return { file, line: 0, kind: 'session-missing', detail, message: `${anchor.file}: session missing: ${detail}` };
		}
		const lines = verdict.scanned.lines;
		const s = verdict.scanned;
		if (lines[0]?.hash !== anchor.headerHash) return problemAt(s, 1, 'modified', `its header is not the anchored one (anchored ${anchor.headerHash.slice(0, 12)}…)`, lines[0]?.record);
		const sealLine = lines[anchor.records - 1];
		if (sealLine?.hash === anchor.sealHash) continue;
		if (lines.length < anchor.records) {
			const last = lines[lines.length - 1];
			return problemAt(s, last.line, 'truncated', `the session was anchored with ${anchor.records} records ending in seal ${anchor.sealHash.slice(0, 12)}…, and ${lines.length} remain`, last.record);
		}
		return problemAt(s, anchor.records, 'modified', `record ${anchor.records} is not the anchored seal ${anchor.sealHash.slice(0, 12)}…`, sealLine?.record);
	}
	return undefined;
}

/** The first sealed session, after the first anchored one, that has no anchor where every session keeps one. */
function unanchoredProblem(anchors: SessionAnchor[], verdicts: FileVerdict[], source: string): VerifyProblem | undefined {
	const anchored = new Set(anchors.map((a) => a.file));
	const first = verdicts.map((v) => v.scanned.name).filter((name) => anchored.has(name)).sort()[0];
	if (first === undefined) return undefined;
	const missing = verdicts.find((v) => v.sealed && v.scanned.name > first && !anchored.has(v.scanned.name));
	if (!missing) return undefined;
	return problemAt(
		missing.scanned,
		1,
		'unanchored',
		`it has no anchor in ${source}, where every session since ${first} kept one as it ended: it was written by a run without --anchors ${source}, or by someone else`,
		missing.scanned.lines[0]?.record,
	);
}

function strangerProblem(targets: Target[]): VerifyProblem | undefined {
	const stranger = targets.flatMap((t) => t.strangers)[0];
	if (stranger === undefined) return undefined;
	const name = basename(stranger);
	const detail = `${name} is in the log directory ${dirname(stranger)} but is not a session file named <start>-<session id>.jsonl (nor a lock of one); a log directory holds only session files`;
	return { file: stranger, line: 0, kind: 'unexpected-file', detail, message: `${name}: unexpected file: ${detail}` };
}

/** Later session files in the same directory as `scanned`, judged with the same key rules. */
async function laterSessions(scanned: ScannedFile, pinned: PinnedKey | undefined): Promise<FileVerdict[]> {
	const files = (await listSessionFiles(scanned.dir)).filter((f) => basename(f) > scanned.name);
	return files.length === 0 ? [] : verifyFiles(files, pinned, 0);
}

function summaryLine(verdicts: FileVerdict[], signers: string[], pinned: boolean, reconciled: string[]): string {
	const sum = (pick: (v: FileVerdict) => number) => verdicts.reduce((n, v) => n + pick(v), 0);
	const records = sum((v) => v.records);
	const intents = sum((v) => v.intents);
	const ok = sum((v) => v.okResults);
	const failed = sum((v) => v.failedResults);
	const attestations = sum((v) => v.attestations);
	const files = verdicts.length === 1 ? basename(verdicts[0].scanned.file) : `${verdicts.length} session files in ${[...new Set(verdicts.map((v) => dirname(v.scanned.file)))].join(', ')}`;
	const parts = [
		`${records} records`,
		`${intents} action${intents === 1 ? '' : 's'} (${ok} ok, ${failed} failed${intents - ok - failed > 0 ? `, ${intents - ok - failed} without result` : ''})`,
		...(attestations > 0 ? [`${attestations} attestation${attestations === 1 ? '' : 's'}`] : []),
		`signer ${signers.join(', ')} (${pinned ? 'pinned' : 'NOT pinned'})`,
		'chain intact',
		reconciled.length > 0 ? `sealed or reconciled (${reconciled.length} interrupted session${reconciled.length === 1 ? '' : 's'} reconciled)` : 'sealed',
	];
	return `OK: ${files}: ${parts.join(', ')}.`;
}
