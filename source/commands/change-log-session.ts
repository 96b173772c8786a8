/**
 * The change log of one wizard, apply or undo session. The signed file is opened at the
 * first record, so a session that changes nothing leaves no file behind; a session that
 * finds an interrupted one (an intent with no result) opens at once and records what
 * actually happened before anything else.
 */
import type { AttestationRecord, AuditSink, IntentRecord, ResultRecord } from '../core/audit-sink.js';
import type { AwsGateway } from '../aws/gateway.js';
import { findInterruptedSessions, reconcileInterrupted } from '../audit/interrupted-sessions.js';
import { openAuditLog, type SignedAuditLog } from '../audit/signed-audit-log.js';
import { anchorLine, type SessionAnchor } from '../audit/session-anchor.js';
import { loadOrCreateSigningKey, type PublicSigningKey, type SigningKey } from '../audit/signing-key.js';
import { isKmsKeyArn, kmsSessionKey, kmsSignerPublicKey } from './kms-session-key.js';
import { AuditInputError } from '../audit/audit-input-error.js';
import type { ReconciliationOutcome } from '../audit/log-records.js';
import { appPaths } from '../settings/paths.js';
import { pinSignerIfNone, readPinnedSigner } from '../settings/pinned-signer.js';
import type { StoredSettings } from '../settings/settings-store.js';
import { toolVersion } from '../tool-version.js';
import { UsageError } from './command-io.js';
import { logDirectory, type ChangeLogOptions } from './log-directory.js';

export { logDirectory, type ChangeLogOptions };

export class ChangeLogSession implements AuditSink {
	private log?: Promise<SignedAuditLog>;

	constructor(private readonly openLog: () => Promise<SignedAuditLog>) {}

	private opened(): Promise<SignedAuditLog> {
		this.log ??= this.openLog();
		return this.log;
	}

	/** The session file, once something was written. */
	async file(): Promise<string | undefined> {
		return this.log ? (await this.log).file : undefined;
	}

	async intent(record: Omit<IntentRecord, 'seq'>): Promise<number> {
		return (await this.opened()).intent(record);
	}

	async result(record: ResultRecord): Promise<void> {
		return (await this.opened()).result(record);
	}

	async attestation(record: AttestationRecord): Promise<void> {
		return (await this.opened()).attestation(record);
	}

	async close(): Promise<void> {
		if (this.log) await (await this.log).close();
	}

	/** After close: the session's anchor line (header and seal hashes) for the change ticket, when a file was written. */
	async anchorLine(): Promise<string | undefined> {
		const anchor = await this.anchor();
		return anchor ? anchorLine(anchor) : undefined;
	}

	/** After close: the session's anchor, when a file was written. */
	async anchor(): Promise<SessionAnchor | undefined> {
		return this.log ? (await this.log).anchor() : undefined;
	}

	/** Reconciles every interrupted session in the directory, first thing in this one. */
	async reconcile(dir: string, gateway: AwsGateway): Promise<{ file: string; outcome: ReconciliationOutcome }[]> {
		const interrupted = await findInterruptedSessions(dir);
		const outcomes: { file: string; outcome: ReconciliationOutcome }[] = [];
		for (const session of interrupted) {
			const outcome = await reconcileInterrupted(await this.opened(), session, (action) => gateway.readState(action));
			outcomes.push({ file: session.file, outcome });
		}
		return outcomes;
	}
}

export async function openChangeLogSession(
	options: ChangeLogOptions,
	settings: StoredSettings,
	gateway: AwsGateway,
	command: 'wizard' | 'apply' | 'undo',
	now: () => Date,
	undoes?: { file: string; seq: number },
): Promise<{ session: ChangeLogSession; dir: string }> {
	const dir = logDirectory(options, settings);
	const caller = await gateway.callerIdentity();
	const kmsArn = options.signingKey !== undefined && isKmsKeyArn(options.signingKey) ? options.signingKey : undefined;
	let localKey: SigningKey | undefined;
	let signerIdentity: { fingerprint: string; publicKeyPem: string };
	if (kmsArn) {
		signerIdentity = await kmsSignerPublicKey(gateway, kmsArn);
	} else {
		try {
			localKey = await loadOrCreateSigningKey({ keysDir: appPaths().keys, keyFile: options.signingKey });
		} catch (error) {
			if (error instanceof AuditInputError) throw new UsageError(`${error.message}.`);
			throw error;
		}
		signerIdentity = localKey;
	}
	const pinned = readPinnedSigner();
	if (pinned && pinned.fingerprint !== signerIdentity.fingerprint) {
		throw new UsageError(
			`This machine's change logs are pinned to the signer ${pinned.fingerprint} (pinnedSigner in ${pinned.file}), and the signing key ${signerIdentity.fingerprint} is not it; ` +
				'sign with the pinned key, or remove pinnedSigner from the settings on purpose to pin a new one.',
		);
	}
	const session = new ChangeLogSession(async () => {
		// With KMS, the session's own key is made and certified only when the first record is written: one kms:Sign per session.
		const key = localKey ?? (await kmsSessionKey(gateway, kmsArn as string, caller.account, now(), signerIdentity as PublicSigningKey));
		const log = await openAuditLog({
			dir,
			key,
			now,
			undoes,
			session: { toolVersion, accountId: caller.account, callerArn: caller.arn, region: gateway.region, mode: gateway.mode, command },
		});
		// The first key this machine signs with is pinned: verify checks later logs against it.
		pinSignerIfNone(signerIdentity);
		return log;
	});
	return { session, dir };
}
