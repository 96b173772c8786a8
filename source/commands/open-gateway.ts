/**
 * Chooses the adapter an invocation talks to: the demo sandbox, a read-only snapshot, or
 * the live account. The one place that knows all three.
 */
import type { AwsGateway } from '../aws/gateway.js';
import { resolve } from 'node:path';
import { isCalendarDate } from '../core/dates.js';
import { appPaths } from '../settings/paths.js';
import type { StoredSettings } from '../settings/settings-store.js';
import { UsageError } from './command-io.js';
import { alertTopicArnProblem } from '../core/alert-topic.js';

export interface SourceOptions {
	demo?: boolean;
	reset?: boolean;
	snapshot?: string;
	asOf?: string;
	profile?: string;
	region?: string;
	maxAttempts?: number;
	/** Step 5: days a deactivated, unused key waits before deletion is proposed (overrides settings). */
	graceDays?: number;
	/** Step 6: the SNS topic the alert rules send to (overrides settings). */
	alertTopic?: string;
}

/** The alert topic chosen on the command line, else in settings; undefined (create iam-wizard-alerts) when neither names one. */
export function chosenAlertTopic(options: SourceOptions, settings: StoredSettings): string | undefined {
	return options.alertTopic || settings.alertTopic || undefined;
}

/** Exit 2 when the chosen topic is not an SNS topic of the account read, in the region of the alert rules. */
export function assertAlertTopicOfAccount(options: SourceOptions, settings: StoredSettings, model: { partition: string; accountId: string }): void {
	const arn = chosenAlertTopic(options, settings);
	const problem = arn === undefined ? undefined : alertTopicArnProblem(arn, model.partition, model.accountId);
	if (problem) throw new UsageError(`${options.alertTopic ? '--alert-topic' : 'The alert topic setting'}: ${problem}`);
}

export function parseAsOf(value: string | undefined): Date | undefined {
	if (value === undefined) return undefined;
	const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
	if (Number.isNaN(date.getTime()) || (/^\d{4}-\d{2}-\d{2}/.test(value) && !isCalendarDate(value))) {
		throw new UsageError(`--as-of "${value}" is not a date: use YYYY-MM-DD or an ISO-8601 time.`);
	}
	return date;
}

/** The files a command reads, which its output must never overwrite. */
export function inputFiles(options: SourceOptions & { baseline?: string; suppressions?: string }, cwd: string): { path: string; what: string }[] {
	const named: [string | undefined, string][] = [
		[options.snapshot, 'the --snapshot input'],
		[options.baseline, 'the --baseline input'],
		[options.suppressions, 'the --suppressions input'],
	];
	return named.flatMap(([path, what]) => (path === undefined ? [] : [{ path: resolve(cwd, path), what }]));
}

export function sourceName(options: SourceOptions): 'demo' | 'snapshot' | 'live' {
	return options.demo ? 'demo' : options.snapshot !== undefined ? 'snapshot' : 'live';
}

export async function openGateway(options: SourceOptions, settings: StoredSettings, now: () => Date, debug?: (line: string) => void): Promise<AwsGateway> {
	if (options.demo && options.snapshot !== undefined) {
		throw new UsageError('--demo and --snapshot cannot be used together: choose one account to read.');
	}
	if (options.asOf !== undefined && options.snapshot === undefined) {
		throw new UsageError('--as-of only applies to --snapshot (a live or demo account is read as of now).');
	}
	if (options.reset && !options.demo) {
		throw new UsageError('--reset only applies to --demo (it restores the sandbox account to its seed).');
	}
	// Each adapter loads only when chosen: a demo or snapshot run never loads the AWS SDK.
	if (options.demo) {
		const { createDemoGateway } = await import('../aws/sandbox/sandbox-gateway.js');
		const alertTopicArn = chosenAlertTopic(options, settings);
		return createDemoGateway({ dataDir: appPaths().data, reset: options.reset, now, ...(alertTopicArn ? { alertTopicArn } : {}) });
	}
	if (options.snapshot !== undefined) {
		const { loadSnapshot } = await import('../aws/snapshot/load-snapshot.js');
		return loadSnapshot(options.snapshot, { asOf: parseAsOf(options.asOf), now: now() });
	}
	const { createLiveGateway } = await import('../aws/live/live-gateway.js');
	return createLiveGateway({
		profile: options.profile ?? settings.profile,
		region: options.region ?? settings.region,
		maxAttempts: options.maxAttempts,
		debug,
		now,
		...(chosenAlertTopic(options, settings) ? { alertTopicArn: chosenAlertTopic(options, settings) } : {}),
	});
}
