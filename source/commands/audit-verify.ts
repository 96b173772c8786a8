/** `iam-wizard audit verify FILE|DIR... [--pubkey FILE]`: exit 0 with a summary, 1 naming the first bad record, 2 for usage. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AuditInputError, isNodeError } from '../audit/audit-input-error.js';
import { publicKeyFromText, type PublicSigningKey } from '../audit/signing-key.js';
import { verifyLogs } from '../audit/verify-logs.js';
import { exitCodes, UsageError, type CommandIo } from './command-io.js';

export interface AuditVerifyOptions {
	paths: string[];
	/** A PEM public key file (the output of `audit pubkey` works as is). */
	pubkey?: string;
	/** Worker threads for signature checks (default: by log size). */
	threads?: number;
}

/** Reads the --pubkey file; a missing or unreadable key is a usage error. */
export async function readPinnedKey(path: string | undefined, io: CommandIo): Promise<PublicSigningKey | undefined> {
	if (path === undefined) return undefined;
	let text: string;
	try {
		text = await readFile(resolve(io.cwd, path), 'utf8');
	} catch (error) {
		if (isNodeError(error, 'ENOENT')) throw new UsageError(`The --pubkey file ${path} does not exist.`);
		throw error;
	}
	return asUsage(() => publicKeyFromText(text, `The --pubkey file ${path}`));
}

/** Turns an operator-fixable audit failure into a UsageError (one sentence, exit 2). */
export function asUsage<T>(run: () => T): T {
	try {
		return run();
	} catch (error) {
		if (error instanceof AuditInputError) throw new UsageError(`${error.message}.`);
		throw error;
	}
}

export async function asUsageAsync<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof AuditInputError) throw new UsageError(`${error.message}.`);
		throw error;
	}
}

export async function runAuditVerify(options: AuditVerifyOptions, io: CommandIo): Promise<number> {
	if (options.paths.length === 0) throw new UsageError('Name at least one change-log file or log directory to verify.');
	const pubkey = await readPinnedKey(options.pubkey, io);
	const paths = options.paths.map((p) => resolve(io.cwd, p));
	const report = await asUsageAsync(() => verifyLogs(paths, { ...(pubkey ? { pubkey } : {}), ...(options.threads !== undefined ? { threads: options.threads } : {}) }));
	io.stdout(`${report.summary}\n`);
	for (const note of report.notes) io.stdout(`${note}\n`);
	return report.ok ? exitCodes.ok : exitCodes.findingsOrRefused;
}
