/** `iam-wizard audit verify FILE|DIR... [--pubkey FILE] [--strict]`: exit 0 with a summary, 1 naming the first bad record, 2 for usage. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isNodeError } from '../audit/audit-input-error.js';
import { parseAnchors, type SessionAnchor } from '../audit/session-anchor.js';
import { crossCheck, crossCheckLines, sessionWindows } from '../audit/cloudtrail-crosscheck.js';
import type { AwsGateway } from '../aws/gateway.js';
import { trailUsername } from '../core/cloudtrail-events.js';
import { isGatewayError } from '../core/gateway-error.js';
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

/** --cloudtrail: each session against CloudTrail's record of its caller in its window; exit 1 on a write one side lacks. */
async function compareWithCloudTrail(files: string[], options: AuditVerifyOptions, io: CommandIo): Promise<number> {
	const gateway = options.gateway ?? (await openGateway(options, readSettings(), io.now));
	if (!gateway.lookupEvents) throw new UsageError(`The ${gateway.mode} account has no CloudTrail event history to compare the log with.`);
	const account = (await gateway.callerIdentity()).account;
	const checks = [];
	for (const window of await sessionWindows(files)) {
		if (window.account !== account) {
			io.stdout(`CloudTrail: ${window.file}: not compared, the session is in account ${window.account} and these credentials are in ${account}.\n`);
			continue;
		}
		try {
			const events = await gateway.lookupEvents({ start: new Date(window.start), end: new Date(window.end), username: trailUsername(window.caller) });
			checks.push(crossCheck(window, events, io.now()));
		} catch (error) {
			if (isGatewayError(error)) throw new UsageError(`CloudTrail's event history could not be read: ${error.message} (${error.code})`);
			throw error;
		}
	}
	for (const line of crossCheckLines(checks)) io.stdout(`${line}\n`);
	return checks.some((c) => c.unlogged.length > 0 || c.missing.length > 0) ? exitCodes.findingsOrRefused : exitCodes.ok;
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
	if (options.cloudtrail) return compareWithCloudTrail(report.files, options, io);
	return exitCodes.ok;
}
