/**
 * `iam-wizard audit export FILE --format md|json|csv [--output FILE] [--pubkey FILE]`: the
 * change log for an auditor, verification status first. Exit 0 when the log verifies,
 * 1 when it does not (the export is still written, saying so at the top), 2 for usage.
 */
import { writeFileAtomic } from '../fs/atomic-write.js';
import { resolve } from 'node:path';
import { buildChangeLogExport } from '../audit/change-log-export.js';
import { exportFormats, renderChangeLog, type ExportFormat } from '../audit/render-change-log.js';
import { exitCodes, shownText, UsageError, type CommandIo } from './command-io.js';
import { asUsageAsync, verifyKey } from './audit-input.js';

export interface AuditExportOptions {
	file: string;
	format: string;
	output?: string;
	pubkey?: string;
	/** Fail on a reconciled (unsealed) session instead of warning. */
	strict?: boolean;
}

export async function runAuditExport(options: AuditExportOptions, io: CommandIo): Promise<number> {
	if (!(exportFormats as readonly string[]).includes(options.format)) {
		throw new UsageError(`--format "${options.format}" is not one of ${exportFormats.join(', ')}.`);
	}
	const { key: pubkey, source } = await verifyKey(options.pubkey, io);
	const file = resolve(io.cwd, options.file);
	const log = await asUsageAsync(() => buildChangeLogExport(file, { ...(pubkey ? { pubkey, pubkeySource: source } : {}), strict: options.strict === true }));
	const text = renderChangeLog(log, options.format as ExportFormat);
	if (options.output) {
		writeFileAtomic(resolve(io.cwd, options.output), shownText(text), { inputs: [{ path: file, what: 'the change log being exported' }] });
		io.stderr(`Wrote the change log to ${options.output} (${log.verification.ok ? 'verified' : 'VERIFICATION FAILED'}).\n`);
	} else {
		io.stdout(text.endsWith('\n') ? text : `${text}\n`);
	}
	return log.verification.ok ? exitCodes.ok : exitCodes.findingsOrRefused;
}
