/**
 * Settings kept with `conf` in $XDG_CONFIG_HOME/iam-wizard/config.json: default profile and
 * region, thresholds, log directory and break-glass principals. Each read is checked
 * against the schema (settings-schema.ts), so a hand-edited file with a wrong type is caught
 * with a clear message.
 */
import Conf from 'conf';
import { FileError } from '../fs/file-error.js';
import { appPaths } from './paths.js';
import { assertValidSettings } from './settings-schema.js';
import { completeSettings, settingsDefaults, settingsFile, type StoredSettings } from './stored-settings.js';

export { settingsFile, type StoredSettings };

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
		defaults: settingsDefaults(),
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
	return completeSettings(openSettings().store);
}
