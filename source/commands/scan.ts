/** `iam-wizard scan`: read the account, compute every step's findings, print the report. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PlanContext } from '../core/settings.js';
import type { StoredSettings } from '../settings/settings-store.js';
import { exitCodes, UsageError, type CommandIo } from './command-io.js';
import { formatScanTable } from './format-scan-table.js';
import { openGateway, parseAsOf, sourceName, type SourceOptions } from './open-gateway.js';
import { buildScanReport, planAllSteps, type ScanReport } from './scan-report.js';

export const scanFormats = ['json', 'table'] as const;
export type ScanFormat = (typeof scanFormats)[number];

export interface ScanOptions extends SourceOptions {
	format: string;
	output?: string;
	exclude?: string[];
}

export function planContextFor(settings: StoredSettings, now: Date, exclude: string[] = []): PlanContext {
	return {
		now,
		thresholds: settings.thresholds,
		excluded: [...settings.breakGlass, ...exclude.map((arn) => ({ arn, reason: 'excluded with --exclude on the command line' }))],
	};
}

export async function readScanReport(options: ScanOptions, settings: StoredSettings, io: CommandIo, debug?: (line: string) => void): Promise<ScanReport> {
	const gateway = await openGateway(options, settings, io.now, debug);
	const model = await gateway.readAccount({ onProgress: debug });
	const now = parseAsOf(options.asOf) ?? io.now();
	const context = planContextFor(settings, now, options.exclude);
	return buildScanReport(model, planAllSteps(model, context), sourceName(options), context);
}

export async function runScan(options: ScanOptions, settings: StoredSettings, io: CommandIo, debug?: (line: string) => void): Promise<number> {
	if (!(scanFormats as readonly string[]).includes(options.format)) {
		throw new UsageError(`--format "${options.format}" is not one of ${scanFormats.join(', ')}.`);
	}
	const report = await readScanReport(options, settings, io, debug);
	const text = options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatScanTable(report);
	if (options.output) {
		writeFileSync(resolve(io.cwd, options.output), text);
	} else {
		io.stdout(text);
	}
	return exitCodes.ok;
}
