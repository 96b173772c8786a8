/** `iam-wizard audit verify FILE|DIR... [--pubkey FILE] [--strict]`: exit 0 with a summary, 1 naming the first bad record, 2 for usage. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isNodeError } from '../audit/audit-input-error.js';
import { parseAnchors, type SessionAnchor } from '../audit/session-anchor.js';
import { verifyLogs } from '../audit/verify-logs.js';
import { asUsageAsync, verifyKey } from './audit-input.js';
import { exitCodes, UsageError, type CommandIo } from './command-io.js';

export interface AuditVerifyOptions {
	paths: string[];
	/** A PEM public key file (the output of `audit pubkey` works as is). */
	pubkey?: string;
	/** Worker threads for signature checks (default: by log size). */
	threads?: number;
	/** Fail on a reconciled (unsealed) session instead of warning. */
	strict?: boolean;
	/** A text file holding anchor lines (as apply and the wizard print them last). */
	anchors?: string;
}

async function readAnchors(path: string, given: string): Promise<SessionAnchor[]> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		if (isNodeError(error, 'ENOENT')) throw new UsageError(`The --anchors file ${given} does not exist.`);
		throw error;
	}
	const anchors = parseAnchors(text);
	if (anchors.length === 0) throw new UsageError(`The --anchors file ${given} holds no "iam-wizard anchor:" lines.`);
	return anchors;
}

export async function runAuditVerify(options: AuditVerifyOptions, io: CommandIo): Promise<number> {
	if (options.paths.length === 0) throw new UsageError('Name at least one change-log file or log directory to verify.');
	const { key: pubkey, source } = await verifyKey(options.pubkey, io);
	const paths = options.paths.map((p) => resolve(io.cwd, p));
	const anchors = options.anchors === undefined ? undefined : await readAnchors(resolve(io.cwd, options.anchors), options.anchors);
	const report = await asUsageAsync(() =>
		verifyLogs(paths, { ...(pubkey ? { pubkey, pubkeySource: source } : {}), ...(options.threads !== undefined ? { threads: options.threads } : {}), strict: options.strict === true, ...(anchors ? { anchors } : {}) }),
	);
	// Warnings come first: an auditor reads them before the OK line.
	for (const warning of report.warnings) io.stdout(`${warning}\n`);
	io.stdout(`${report.summary}\n`);
	for (const note of report.notes) io.stdout(`${note}\n`);
	return report.ok ? exitCodes.ok : exitCodes.findingsOrRefused;
}
