/** `iam-wizard scan`: read the account, compute every step's findings, print the report. */
import { writeFileAtomic } from '../fs/atomic-write.js';
import { resolve } from 'node:path';
import type { PlanContext } from '../core/settings.js';
import type { AccountModel } from '../core/model.js';
import { exclusionWarnings, modelArnWarnings } from '../core/arn-warnings.js';
import { settingsFile, type StoredSettings } from '../settings/stored-settings.js';
import { exitCodes, shownText, UsageError, type CommandIo } from './command-io.js';
import { formatScanTable } from './format-scan-table.js';
import { assertAlertTopicOfAccount, chosenAlertTopic, inputFiles, openGateway, parseAsOf, sourceName, type SourceOptions } from './open-gateway.js';
import { buildScanReport, planAllSteps, type ScanReport } from './scan-report.js';
import { failingFindings, failOnSummary, parseSeverity, readBaseline } from './fail-on.js';
import { formatScanCsv } from './scan-formats/format-scan-csv.js';
import { formatScanJsonBytes, writeScanJson } from './scan-formats/format-scan-json.js';
import { formatScanMarkdown } from './scan-formats/format-scan-markdown.js';
import { formatScanSarif } from './scan-formats/format-scan-sarif.js';
import { applySuppressions, loadSuppressions } from './suppressions.js';
import { loadIamCatalogue } from '../aws/iam-catalogue.js';
import { recordInactiveKeys } from '../settings/inactive-keys-store.js';
import { readKeyDeactivations } from '../audit/key-deactivations.js';
import { logDirectory } from './log-directory.js';

import { scanFormats } from './formats.js';

export { scanFormats };
export type ScanFormat = (typeof scanFormats)[number];

export interface ScanOptions extends SourceOptions {
	format: string;
	output?: string;
	exclude?: string[];
	/** Exit 1 when an unsuppressed finding is at or above this severity. */
	failOn?: string;
	/** A previous `scan --format json`: --fail-on counts only findings whose fingerprint is not in it. */
	baseline?: string;
	/** The suppressions file (default: .iam-wizard-suppressions.yaml or .json in the working directory). */
	suppressions?: string;
}

const formatters: Record<Exclude<ScanFormat, 'json'>, (report: ScanReport) => string> = {
	table: (report) => formatScanTable(report) + (report.notices?.length ? `\nNotices:\n${report.notices.map((n) => `  - ${n}`).join('\n')}\n` : ''),
	md: formatScanMarkdown,
	sarif: formatScanSarif,
	csv: formatScanCsv,
};

export function planContextFor(settings: StoredSettings, now: Date, exclude: string[] = [], graceDays?: number): PlanContext {
	return {
		now,
		thresholds: graceDays === undefined ? settings.thresholds : { ...settings.thresholds, keyDeletionGraceDays: graceDays },
		excluded: [...settings.breakGlass, ...exclude.map((arn) => ({ arn, reason: 'excluded with --exclude on the command line' }))],
	};
}

export async function readScanReport(options: ScanOptions, settings: StoredSettings, io: CommandIo, debug?: (line: string) => void): Promise<ScanReport> {
	const gateway = await openGateway(options, settings, io.now, debug);
	const alertTopicArn = chosenAlertTopic(options, settings);
	const model = await gateway.readAccount({ onProgress: debug, ...(alertTopicArn ? { alertTopicArn } : {}) });
	assertAlertTopicOfAccount(options, settings, model);
	const now = parseAsOf(options.asOf) ?? io.now();
	// Step 3 needs the IAM action catalogue (wildcard resources, sensitive actions, validation).
	const inactiveKeys = recordInactiveKeys(model, now, { save: sourceName(options) !== 'snapshot', deactivatedByUs: readKeyDeactivations(logDirectory({}, settings)) });
	const context = { ...planContextFor(settings, now, options.exclude, options.graceDays), catalogue: await loadIamCatalogue(), inactiveKeys, findingsOnly: true };
	const report = buildScanReport(model, planAllSteps(model, context), sourceName(options), context);
	const warnings = arnWarnings(model, settings, options.exclude);
	return warnings.length > 0 ? { ...report, notices: [...(report.notices ?? []), ...warnings] } : report;
}

/** ARNs accepted so far without a word: the account data's own, and break-glass entries that protect nobody. */
export function arnWarnings(model: AccountModel, settings: StoredSettings, exclude: string[] = []): string[] {
	return [
		...modelArnWarnings(model),
		...exclusionWarnings(
			[
				...settings.breakGlass.map((e) => ({ ...e, where: `The breakGlass entry in ${settingsFile()}` })),
				...exclude.map((arn) => ({ arn, reason: '', where: '--exclude' })),
			],
			model,
		),
	];
}

export async function runScan(options: ScanOptions, settings: StoredSettings, io: CommandIo, debug?: (line: string) => void): Promise<number> {
	if (!(scanFormats as readonly string[]).includes(options.format)) {
		throw new UsageError(`--format "${options.format}" is not one of ${scanFormats.join(', ')}.`);
	}
	// Usage problems first, before the account is read.
	const failOn = options.failOn !== undefined ? parseSeverity(options.failOn) : undefined;
	if (options.baseline !== undefined && failOn === undefined) throw new UsageError('--baseline only applies with --fail-on (it limits the gate to new findings).');
	const baseline = options.baseline !== undefined ? readBaseline(options.baseline, io.cwd) : undefined;
	const suppressions = await loadSuppressions(options.suppressions, io.cwd);

	const scanned = await readScanReport(options, settings, io, debug);
	const suppressed = applySuppressions(scanned.findings, suppressions, io.now());
	const notices = [...(scanned.notices ?? []), ...suppressed.notices];
	const report: ScanReport = { ...scanned, findings: suppressed.findings, ...(notices.length ? { notices } : {}) };
	for (const notice of notices) io.stderr(`iam-wizard: ${notice}\n`);
	if (options.format === 'json') {
		// Bytes, already shown, a piece at a time: a large account's report is never one 20 MB string.
		if (options.output) writeFileAtomic(resolve(io.cwd, options.output), formatScanJsonBytes(report), { inputs: inputFiles(options, io.cwd) });
		else writeScanJson(report, (bytes) => (io.stdoutBytes ? io.stdoutBytes(bytes) : io.stdout(bytes.toString('utf8'))));
	} else {
		const text = formatters[options.format as Exclude<ScanFormat, 'json'>](report);
		if (options.output) writeFileAtomic(resolve(io.cwd, options.output), shownText(text), { inputs: inputFiles(options, io.cwd) });
		else io.stdout(text);
	}
	if (failOn === undefined) return exitCodes.ok;
	const failing = failingFindings(report.findings, failOn, baseline);
	io.stderr(failOnSummary(failing, failOn, baseline));
	return failing.length > 0 ? exitCodes.findingsOrRefused : exitCodes.ok;
}
