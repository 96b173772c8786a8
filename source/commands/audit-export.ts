/**
 * `iam-wizard audit export FILE --format md|json|csv [--output FILE] [--pubkey FILE]
 * [--anchors FILE|s3://BUCKET/PREFIX] [--cloudtrail]`: the change log for an auditor,
 * verification status first — with `--anchors`, the session against its anchor, and with
 * `--cloudtrail`, against CloudTrail's event history, as `audit verify` checks them. Exit 0
 * when everything holds, 1 when not (the export is still written, saying so at the top), 2 for usage.
 */
import { writeFileAtomic } from '../fs/atomic-write.js';
import { basename, resolve } from 'node:path';
import { buildChangeLogExport, type ChangeLogExport, type ExportAnchorCheck, type ExportCloudTrailCheck } from '../audit/change-log-export.js';
import { crossCheckLines } from '../audit/cloudtrail-crosscheck.js';
import { exportFormats, renderChangeLog, type ExportFormat } from '../audit/render-change-log.js';
import { verifyLogs, type VerifyOptions } from '../audit/verify-logs.js';
import type { AwsGateway } from '../aws/gateway.js';
import { exitCodes, shownText, UsageError, type CommandIo } from './command-io.js';
import { asUsageAsync, verifyKey } from './audit-input.js';
import { anchorsFrom } from './audit-verify.js';
import { compareWithCloudTrail } from './cloudtrail-compare.js';
import type { SourceOptions } from './open-gateway.js';

export interface AuditExportOptions extends SourceOptions {
	file: string;
	format: string;
	output?: string;
	pubkey?: string;
	/** Fail on a reconciled (unsealed) session instead of warning. */
	strict?: boolean;
	/** A file of anchor lines, or s3://BUCKET/PREFIX where apply and the wizard kept them. */
	anchors?: string;
	/** Compare the session with CloudTrail's event history. */
	cloudtrail?: boolean;
	/** Tests pass the gateway S3 and CloudTrail are read through. */
	gateway?: AwsGateway;
}

/** The session against its anchor; a failed check fails the export's verification too. */
async function checkAnchor(log: ChangeLogExport, file: string, verifyOptions: VerifyOptions, options: AuditExportOptions, io: CommandIo): Promise<void> {
	const read = await anchorsFrom(options.anchors as string, options, io);
	const source = read.everySessionIn ?? (options.anchors as string);
	const name = basename(file);
	const v = log.verification;
	v.warnings = [...read.warnings, ...v.warnings];
	const fail = (summary: string): ExportAnchorCheck => {
		v.ok = false;
		v.summary = `FAILED: ${summary}`;
		return { source, ok: false, summary };
	};
	const mine = read.anchors.filter((a) => a.file === name);
	const firstAnchored = read.anchors.map((a) => a.file).sort()[0];
	let check: ExportAnchorCheck;
	if (read.problems.length > 0) check = fail(`${read.problems[0]}.`);
	else if (!v.ok) check = { source, ok: false, summary: 'not checked: the file itself does not verify' };
	else if (mine.length > 0) {
		const anchored = await asUsageAsync(() => verifyLogs([file], { ...verifyOptions, anchors: mine }));
		check = anchored.ok ? { source, ok: true, summary: `its header and seal are the anchored ones (${mine[0]!.records} records)` } : fail(anchored.summary.replace(/^FAILED: /, ''));
	} else if (read.everySessionIn && firstAnchored !== undefined && firstAnchored < name) {
		check = fail(`${name}: not anchored: it has no anchor in ${source}, where every session since ${firstAnchored} kept one as it ended`);
	} else {
		check = { source, ok: true, summary: read.everySessionIn ? 'not anchored there (anchoring began after this session)' : 'no anchor line for this session there' };
	}
	v.anchor = check;
}

async function checkCloudTrail(log: ChangeLogExport, file: string, options: AuditExportOptions, io: CommandIo): Promise<ExportCloudTrailCheck> {
	const none = { matched: 0, unlogged: [], missing: [], pending: [] };
	if (!log.verification.ok) return { ok: false, summary: 'CloudTrail: not compared: the file itself does not verify.', ...none };
	const comparison = await compareWithCloudTrail([file], options, io);
	const check = comparison.checks[0];
	if (!check) return { ok: true, summary: comparison.skipped[0] ?? `CloudTrail: ${basename(file)}: not compared.`, ...none };
	const ok = check.unlogged.length === 0 && check.missing.length === 0;
	return { ok, summary: crossCheckLines([check])[0]!, matched: check.matched, unlogged: check.unlogged, missing: check.missing, pending: check.pending };
}

export async function runAuditExport(options: AuditExportOptions, io: CommandIo): Promise<number> {
	if (!(exportFormats as readonly string[]).includes(options.format)) {
		throw new UsageError(`--format "${options.format}" is not one of ${exportFormats.join(', ')}.`);
	}
	const { key: pubkey, source } = await verifyKey(options.pubkey, io);
	const file = resolve(io.cwd, options.file);
	const verifyOptions: VerifyOptions = { ...(pubkey ? { pubkey, pubkeySource: source } : {}), strict: options.strict === true };
	const log = await asUsageAsync(() => buildChangeLogExport(file, verifyOptions));
	if (options.anchors !== undefined) await checkAnchor(log, file, verifyOptions, options, io);
	if (options.cloudtrail) log.verification.cloudTrail = await checkCloudTrail(log, file, options, io);
	const ok = log.verification.ok && log.verification.cloudTrail?.ok !== false;
	const text = renderChangeLog(log, options.format as ExportFormat);
	if (options.output) {
		writeFileAtomic(resolve(io.cwd, options.output), shownText(text), { inputs: [{ path: file, what: 'the change log being exported' }] });
		io.stderr(`Wrote the change log to ${options.output} (${ok ? 'verified' : 'VERIFICATION FAILED'}).\n`);
	} else {
		io.stdout(text.endsWith('\n') ? text : `${text}\n`);
	}
	return ok ? exitCodes.ok : exitCodes.findingsOrRefused;
}
