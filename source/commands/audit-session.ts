/**
 * Starting a logged session, for the wizard, `apply` and `audit undo`: the signing key
 * (made on first use, or --signing-key), the log directory (--log-dir, settings, or the
 * default), a new session file, and, before anything else is written, a reconciliation
 * of every session in that directory that a crash left mid-call.
 */
import { resolve } from 'node:path';
import { findInterruptedSessions, reconcileInterrupted } from '../audit/interrupted-sessions.js';
import type { ReconciliationOutcome } from '../audit/log-records.js';
import { openAuditLog, type SignedAuditLog } from '../audit/signed-audit-log.js';
import { loadOrCreateSigningKey } from '../audit/signing-key.js';
import type { AwsGateway } from '../aws/gateway.js';
import type { CallerIdentity } from '../core/model.js';
import { appPaths } from '../settings/paths.js';
import type { StoredSettings } from '../settings/settings-store.js';
import { toolVersion } from '../tool-version.js';
import { asUsageAsync } from './audit-input.js';
import type { CommandIo } from './command-io.js';

export interface StartAuditSessionOptions {
	/** What opens the session: wizard, apply or undo. */
	command: string;
	logDir?: string;
	signingKey?: string;
	/** An undo session names the action it reverses. */
	undoes?: { file: string; seq: number };
}

export interface StartAuditSessionDeps {
	gateway: AwsGateway;
	settings: StoredSettings;
	io: CommandIo;
	/** Read from the gateway when absent. */
	caller?: CallerIdentity;
}

export interface StartedAuditSession {
	log: SignedAuditLog;
	/** The interrupted sessions reconciled at the start of this one, and what each pending call turned out to have done. */
	reconciled: { name: string; outcome: ReconciliationOutcome; summary?: string }[];
}

/** The log directory an invocation writes to: --log-dir, then settings, then $XDG_STATE_HOME/iam-wizard/logs. */
export function resolveLogDir(logDir: string | undefined, settings: StoredSettings, io: CommandIo): string {
	return resolve(io.cwd, logDir ?? settings.logDir ?? appPaths().logs);
}

/** Opens the session's signed log and reconciles crashed sessions first. A busy directory or a bad key is a UsageError. */
export async function startAuditSession(options: StartAuditSessionOptions, deps: StartAuditSessionDeps): Promise<StartedAuditSession> {
	const { gateway, settings, io } = deps;
	const caller = deps.caller ?? (await gateway.callerIdentity());
	const dir = resolveLogDir(options.logDir, settings, io);
	const key = await asUsageAsync(() =>
		loadOrCreateSigningKey({ keysDir: appPaths().keys, ...(options.signingKey !== undefined ? { keyFile: resolve(io.cwd, options.signingKey) } : {}) }),
	);
	const log = await asUsageAsync(() =>
		openAuditLog({
			dir,
			key,
			session: { toolVersion, accountId: caller.account, callerArn: caller.arn, region: gateway.region, mode: gateway.mode, command: options.command },
			now: io.now,
			...(options.undoes ? { undoes: options.undoes } : {}),
		}),
	);
	const reconciled: StartedAuditSession['reconciled'] = [];
	try {
		for (const interrupted of await findInterruptedSessions(dir)) {
			const outcome = await reconcileInterrupted(log, interrupted, (action) => gateway.readState(action));
			reconciled.push({ name: interrupted.name, outcome, ...(interrupted.pending ? { summary: interrupted.pending.action.summary } : {}) });
		}
	} catch (error) {
		await log.close();
		throw error;
	}
	return { log, reconciled };
}

/** One line per reconciled session, for stderr. */
export function describeReconciled(reconciled: StartedAuditSession['reconciled']): string[] {
	const said: Record<ReconciliationOutcome, string> = {
		applied: 'it was applied',
		'not-applied': 'it was not applied',
		unknown: 'whether it was applied could not be told',
		'nothing-pending': 'no call was in flight',
	};
	return reconciled.map((r) => `The session ${r.name} ended without closing its log${r.summary ? ` during "${r.summary}"` : ''}: ${said[r.outcome]}; recorded in this session's log.`);
}
