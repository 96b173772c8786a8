/**
 * The settings file and its plain-data shape, without `conf`: conf and the JSON Schema
 * validator it brings (ajv, 440 KB bundled) cost a headless command tens of ms to load. When the file is
 * already as conf leaves it (valid, holding every default key), reading it is all conf would
 * do, and readStoredSettings does that alone; anything else (no file yet, a file to complete
 * with the defaults, one to complain about) is left to settings-store.ts, which uses conf.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultThresholds, type ExcludedPrincipal, type Thresholds } from '../core/settings.js';
import { appPaths } from './paths.js';
import { settingsViolations } from './settings-schema.js';

export interface StoredSettings {
	[key: string]: unknown;
	profile?: string;
	region?: string;
	thresholds: Thresholds;
	logDir?: string;
	breakGlass: ExcludedPrincipal[];
	/** The first key this machine signed a change log with: what `audit verify` checks against by default. */
	pinnedSigner?: { fingerprint: string; publicKey: string };
	/** s3://BUCKET/PREFIX: where apply and the wizard keep each session's anchor under Object Lock (as --anchors does). */
	anchors?: string;
	/** The SNS topic ARN step 6's alert rules send to (as --alert-topic); unset or empty: iam-wizard creates iam-wizard-alerts. */
	alertTopic?: string;
}

/** The settings file conf reads. */
export function settingsFile(): string {
	return join(appPaths().config, 'config.json');
}

/** The keys conf writes into the file when they are missing (its `defaults`). */
export function settingsDefaults(): Pick<StoredSettings, 'thresholds' | 'breakGlass'> {
	return { thresholds: { ...defaultThresholds }, breakGlass: [] };
}

/** The settings as plain data, thresholds completed from the defaults. */
export function completeSettings(stored: Partial<StoredSettings>): StoredSettings {
	return {
		...stored,
		thresholds: { ...defaultThresholds, ...stored.thresholds },
		breakGlass: stored.breakGlass ?? [],
	};
}

/** The settings, when the file needs nothing from conf; undefined sends the caller to settings-store's readSettings. */
export function readStoredSettings(): StoredSettings | undefined {
	let data: unknown;
	try {
		data = JSON.parse(readFileSync(settingsFile(), 'utf8'));
	} catch {
		return undefined;
	}
	if (settingsViolations(data).length > 0) return undefined;
	const stored = data as Partial<StoredSettings>;
	if (!Object.keys(settingsDefaults()).every((key) => Object.hasOwn(stored, key))) return undefined;
	return completeSettings(stored);
}
