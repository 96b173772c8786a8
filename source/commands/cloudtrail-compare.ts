/**
 * `--cloudtrail` for `audit verify` and `audit export`: each session compared with CloudTrail's
 * event history for its caller and window (see audit/cloudtrail-crosscheck.ts). A session of
 * another account than the credentials' is not compared, and says so.
 */
import { crossCheck, sessionWindows, type CrossCheck } from '../audit/cloudtrail-crosscheck.js';
import type { AwsGateway } from '../aws/gateway.js';
import { trailUsername } from '../core/cloudtrail-events.js';
import { isGatewayError } from '../core/gateway-error.js';
import { readSettings } from '../settings/settings-store.js';
import { UsageError, type CommandIo } from './command-io.js';
import { openGateway, type SourceOptions } from './open-gateway.js';

export interface CloudTrailComparison {
	checks: CrossCheck[];
	/** Sessions not compared, one sentence each. */
	skipped: string[];
}

/** Whether CloudTrail and the log agree: no write one side lacks. */
export function cloudTrailAgrees(comparison: CloudTrailComparison): boolean {
	return comparison.checks.every((c) => c.unlogged.length === 0 && c.missing.length === 0);
}

export async function compareWithCloudTrail(files: string[], options: SourceOptions & { gateway?: AwsGateway }, io: CommandIo): Promise<CloudTrailComparison> {
	const gateway = options.gateway ?? (await openGateway(options, readSettings(), io.now));
	if (!gateway.lookupEvents) throw new UsageError(`The ${gateway.mode} account has no CloudTrail event history to compare the log with.`);
	const account = (await gateway.callerIdentity()).account;
	const result: CloudTrailComparison = { checks: [], skipped: [] };
	for (const window of await sessionWindows(files)) {
		if (window.account !== account) {
			result.skipped.push(`CloudTrail: ${window.file}: not compared, the session is in account ${window.account} and these credentials are in ${account}.`);
			continue;
		}
		try {
			const events = await gateway.lookupEvents({ start: new Date(window.start), end: new Date(window.end), username: trailUsername(window.caller) });
			result.checks.push(crossCheck(window, events, io.now()));
		} catch (error) {
			if (isGatewayError(error)) throw new UsageError(`CloudTrail's event history could not be read: ${error.message} (${error.code})`);
			throw error;
		}
	}
	return result;
}
