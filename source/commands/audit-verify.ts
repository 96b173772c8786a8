/** `iam-wizard audit verify FILE|DIR... [--pubkey FILE] [--strict]`: exit 0 with a summary, 1 naming the first bad record, 2 for usage. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isNodeError } from '../audit/audit-input-error.js';
import { parseAnchors, type SessionAnchor } from '../audit/session-anchor.js';
import { crossCheckLines } from '../audit/cloudtrail-crosscheck.js';
import { cloudTrailAgrees, compareWithCloudTrail } from './cloudtrail-compare.js';
import type { AwsGateway } from '../aws/gateway.js';
import { readSettings } from '../settings/settings-store.js';
import { openGateway, type SourceOptions } from './open-gateway.js';
import { isS3Anchors, parseS3Anchors, readAnchorBucket } from './s3-anchors.js';
import { verifyLogs } from '../audit/verify-logs.js';
import { asUsageAsync, verifyKey } from './audit-input.js';
import { exitCodes, UsageError, type CommandIo } from './command-io.js';

export interface AuditVerifyOptions extends SourceOptions {
	paths: string[];
	/** A PEM public key file (the output of `audit pubkey` works as is). */
	pubkey?: string;
	/** Worker threads for signature checks (default: by log size). */
	threads?: number;
	/** Fail on a reconciled (unsealed) session instead of warning. */
	strict?: boolean;
	/** A text file holding anchor lines (as apply and the wizard print them last), or s3://BUCKET/PREFIX where apply and the wizard kept them. */
	anchors?: string;
	/** Compare each session with CloudTrail's event history for its window and caller. */
	cloudtrail?: boolean;
	/** Tests pass the gateway CloudTrail is read through. */
	gateway?: AwsGateway;
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

interface ReadAnchors {
	anchors: SessionAnchor[];
	/** s3://…: every session since the first anchored one must have its anchor there. */
	everySessionIn?: string;
	warnings: string[];
	problems: string[];
}

/** --anchors FILE or s3://BUCKET/PREFIX. */
export async function anchorsFrom(given: string, options: SourceOptions & { gateway?: AwsGateway }, io: CommandIo): Promise<ReadAnchors> {
	if (!isS3Anchors(given)) return { anchors: await readAnchors(resolve(io.cwd, given), given), warnings: [], problems: [] };
	const target = parseS3Anchors(given);
	const gateway = options.gateway ?? (await openGateway(options, readSettings(), io.now));
	const read = await readAnchorBucket(gateway, target);
	return { ...read, everySessionIn: target.url };
}

export async function runAuditVerify(options: AuditVerifyOptions, io: CommandIo): Promise<number> {
	if (options.paths.length === 0) throw new UsageError('Name at least one change-log file or log directory to verify.');
	const { key: pubkey, source } = await verifyKey(options.pubkey, io);
	const paths = options.paths.map((p) => resolve(io.cwd, p));
	const read = options.anchors === undefined ? undefined : await anchorsFrom(options.anchors, options, io);
	if (read && read.problems.length > 0) {
		for (const warning of read.warnings) io.stdout(`${warning}\n`);
		io.stdout(`FAILED: ${read.problems[0]}.\n`);
		return exitCodes.findingsOrRefused;
	}
	const report = await asUsageAsync(() =>
		verifyLogs(paths, {
			...(pubkey ? { pubkey, pubkeySource: source } : {}),
			...(options.threads !== undefined ? { threads: options.threads } : {}),
			strict: options.strict === true,
			...(read ? { anchors: read.anchors } : {}),
			...(read?.everySessionIn ? { anchoredEverySessionIn: read.everySessionIn } : {}),
		}),
	);
	// Warnings come first: an auditor reads them before the OK line.
	for (const warning of [...(read?.warnings ?? []), ...report.warnings]) io.stdout(`${warning}\n`);
	io.stdout(`${report.summary}\n`);
	for (const note of report.notes) io.stdout(`${note}\n`);
	if (!report.ok) return exitCodes.findingsOrRefused;
	if (options.cloudtrail) {
		const comparison = await compareWithCloudTrail(report.files, options, io);
		for (const line of [...comparison.skipped, ...crossCheckLines(comparison.checks)]) io.stdout(`${line}\n`);
		return cloudTrailAgrees(comparison) ? exitCodes.ok : exitCodes.findingsOrRefused;
	}
	return exitCodes.ok;
}
