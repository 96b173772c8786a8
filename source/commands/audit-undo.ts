/**
 * `iam-wizard audit undo FILE --seq N`: applies the recorded inverse of action N through
 * the same preview and confirmation as any change, with the executor, logged in a new
 * session file whose header names what it undoes. Refuses (exit 1) when the log does not
 * verify, the action cannot be undone or already was, or the account is not the log's.
 */
import { basename, resolve } from 'node:path';
import { AuditInputError, UndoRefusedError } from '../audit/audit-input-error.js';
import { readSessionSummary } from '../audit/session-files.js';
import { planUndo, type UndoPlan } from '../audit/undo-plan.js';
import { verifyLogs } from '../audit/verify-logs.js';
import type { AwsGateway } from '../aws/gateway.js';
import { callerAccessOf, confirmationFor, typedAccountIdMatches } from '../core/confirmation.js';
import type { StoredSettings } from '../settings/settings-store.js';
import { previewLines } from '../ui/preview-lines.js';
import { executeActions } from '../wizard/executor.js';
import { previewHashOf } from '../wizard/preview-hash.js';
import { asUsageAsync, verifyKey } from './audit-input.js';
import { logDirectory, openChangeLogSession } from './change-log-session.js';
import { isKmsKeyArn } from './kms-session-key.js';
import { anchorBucketFor, finishSessionAnchor } from './session-anchor-output.js';
import { exitCodes, UsageError, type CommandIo } from './command-io.js';
import { openGateway, type SourceOptions } from './open-gateway.js';

export interface AuditUndoOptions extends SourceOptions {
	file: string;
	seq: number;
	/** Skip the y/N question (never the typed account ID a high blast radius asks for). */
	yes?: boolean;
	logDir?: string;
	signingKey?: string;
	/** Require the log to be signed by this key (PEM file). */
	pubkey?: string;
	/** s3://BUCKET/PREFIX: keep the session's anchor there under Object Lock (default: the `anchors` setting). */
	anchors?: string;
}

export interface AuditUndoDeps {
	/** The gateway to use instead of opening one from the source options (tests). */
	gateway?: AwsGateway;
}

function refuse(io: CommandIo, message: string): number {
	io.stderr(`iam-wizard: ${message}\n`);
	return exitCodes.findingsOrRefused;
}

async function plan(file: string, seq: number, logDir: string): Promise<UndoPlan | string> {
	try {
		return await planUndo(file, seq, { logDir });
	} catch (error) {
		if (error instanceof UndoRefusedError) return `${error.message}.`;
		if (error instanceof AuditInputError) throw new UsageError(`${error.message}.`);
		throw error;
	}
}

async function confirmed(io: CommandIo, options: AuditUndoOptions, accountId: string, typed: boolean): Promise<boolean | string> {
	if (!typed && options.yes) return true;
	if (!io.isTTY || !io.prompt) {
		return typed ? 'This undo has a high blast radius: run it in a terminal and type the account ID to confirm.' : 'Confirming an undo needs a terminal; pass --yes to apply it without the question.';
	}
	if (typed) return typedAccountIdMatches(await io.prompt(`Type the account ID (${accountId}) to apply this undo: `), accountId);
	return /^y(es)?$/i.test((await io.prompt('Apply this undo? [y/N] ')).trim());
}

export async function runAuditUndo(options: AuditUndoOptions, settings: StoredSettings, io: CommandIo, deps: AuditUndoDeps = {}): Promise<number> {
	if (!Number.isInteger(options.seq) || options.seq < 1) throw new UsageError('--seq must be the number of an action in the log (1, 2, …).');
	const file = resolve(io.cwd, options.file);
	const logDir = resolve(io.cwd, logDirectory(options, settings));
	const undo = await plan(file, options.seq, logDir);
	if (typeof undo === 'string') return refuse(io, undo);

	const { key: pubkey, source } = await verifyKey(options.pubkey, io);
	const verification = await asUsageAsync(() => verifyLogs([file], pubkey ? { pubkey, pubkeySource: source } : {}));
	if (!verification.ok) return refuse(io, `Will not undo from a log that fails verification: ${verification.summary.replace(/^FAILED: /, '')}`);

	const header = (await readSessionSummary(file)).records[0];
	// The header says which account the log changed: without this, a demo log undone without --demo tried AWS and answered with a missing region.
	if (!deps.gateway && header?.type === 'header') {
		if (header.mode === 'demo' && !options.demo) throw new UsageError(`${basename(file)} records changes to the demo account: run audit undo with --demo.`);
		if (header.mode === 'live' && options.demo) throw new UsageError(`${basename(file)} records changes to AWS account ${header.account}, not the demo account: run audit undo without --demo, signed in to that account.`);
	}
	const gateway = deps.gateway ?? (await openGateway(options, settings, io.now));
	const caller = await gateway.callerIdentity();
	if (header?.type === 'header' && header.account !== caller.account) {
		return refuse(io, `${basename(file)} records changes to account ${header.account}, but you are signed in to account ${caller.account}.`);
	}

	// Checked before anything is changed: a bucket without Object Lock is refused here.
	const anchorBucket = await anchorBucketFor(options.anchors ?? settings.anchors, gateway);
	const { inverse, actions } = undo;
	// The account is read first: a change to a group or managed policy of the signed-in principal narrows it too.
	const model = await gateway.readAccount();
	const confirmation = confirmationFor(actions, { accountId: caller.account, callerArn: caller.arn, ...callerAccessOf({ ...model, caller }) });
	if (confirmation.lockoutRisks.length > 0) return refuse(io, `Will not undo: ${confirmation.lockoutRisks.join('; ')}.`);
	io.stdout(`Undo action ${undo.seq} of ${basename(file)}: ${undo.intent.action.summary} (applied ${undo.intent.time} by ${header?.type === 'header' ? header.caller : 'unknown'})\n\n`);
	io.stdout(`${previewLines(actions, [], model, { rollback: true }).map((line) => line.text).join('\n')}\n\n`);
	for (const reason of confirmation.reasons) io.stdout(`${reason}\n`);
	const answer = await confirmed(io, options, caller.account, confirmation.level === 'typed-account-id');
	if (typeof answer === 'string') throw new UsageError(answer);
	if (!answer) return refuse(io, 'Not confirmed: nothing was changed.');

	const { session, dir } = await openChangeLogSession(
		{ logDir, ...(options.signingKey !== undefined ? { signingKey: isKmsKeyArn(options.signingKey) ? options.signingKey : resolve(io.cwd, options.signingKey) } : {}) },
		settings,
		gateway,
		'undo',
		io.now,
		{ file: basename(file), seq: undo.seq },
	);
	try {
		for (const r of await session.reconcile(dir, gateway)) io.stderr(`Reconciled the interrupted session ${basename(r.file)} first: ${r.outcome}.\n`);
		const report = await executeActions(actions, {
			gateway,
			audit: session,
			step: inverse.step,
			reason: `undo of ${basename(file)} action ${undo.seq}`,
			previewHash: previewHashOf(actions),
			now: io.now,
			caller,
		});
		const logged = await session.file();
		if (report.failed) {
			const done = report.applied.map((a) => a.action.summary).join('; ');
			return refuse(io, `The undo failed: ${report.failed.error.message} (${report.failed.error.code})${done ? `, after it applied: ${done}` : ''}${logged ? `. Logged in ${logged}` : ''}.`);
		}
		io.stdout(`Undone: ${actions.map((a) => a.summary).join('; ')}. Logged in ${logged}.\n`);
		return exitCodes.ok;
	} finally {
		await session.close();
		await finishSessionAnchor(session, anchorBucket, io);
	}
}
