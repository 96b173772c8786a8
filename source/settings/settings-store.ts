/**
 * Settings kept with `conf` in $XDG_CONFIG_HOME/iam-wizard/config.json: default profile and
 * region, thresholds, log directory and break-glass principals. Each read is checked
 * against the schema (settings-schema.ts), so a hand-edited file with a wrong type is caught
 * with a clear message.
 */
import { join } from 'node:path';
import Conf from 'conf';
import { FileError } from '../fs/file-error.js';
import { defaultThresholds, type ExcludedPrincipal, type Thresholds } from '../core/settings.js';
import { appPaths } from './paths.js';
import { assertValidSettings } from './settings-schema.js';

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

/** A settings file conf cannot read, as one sentence naming it (exit 2). */
function unreadableSettings(error: unknown): FileError {
	const path = settingsFile();
	const raw = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
	const schema = /^Config schema violation: (.*)$/.exec(raw);
	const why = schema
		? `does not match the settings schema (${schema[1].replace(/`` /g, 'the whole file ').replace(/\.$/, '')})`
		: error instanceof SyntaxError
			? 'is not valid JSON'
			: `cannot be read (${(error as NodeJS.ErrnoException).code ?? raw})`;
	return new FileError(path, `The settings file ${path} ${why}: fix it, or delete it to start from the defaults.`, { cause: error });
}

export function openSettings(): Conf<StoredSettings> {
	try {
		return openConf();
	} catch (error) {
		throw unreadableSettings(error);
	}
}

function openConf(): Conf<StoredSettings> {
	return new Conf<StoredSettings>({
		projectName: 'iam-wizard',
		projectSuffix: '',
		cwd: appPaths().config,
		defaults: { thresholds: { ...defaultThresholds }, breakGlass: [] },
		// Checked by hand as the file is read: conf's schema option compiles an ajv validator on every open (~0.45 s CPU).
		deserialize: (text: string) => {
			const data: unknown = JSON.parse(text);
			assertValidSettings(data);
			return data as StoredSettings;
		},
	});
}

/** The settings as plain data, thresholds completed from the defaults. */
export function readSettings(): StoredSettings {
	const store = openSettings();
	const stored = store.store;
	return {
		...stored,
		thresholds: { ...defaultThresholds, ...stored.thresholds },
		breakGlass: stored.breakGlass ?? [],
	};
}
