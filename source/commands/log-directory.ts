/**
 * Where the change logs are: apart from the session that writes them (change-log-session.ts),
 * so scan and plan, which only read them, load none of the signing and settings machinery.
 */
import { appPaths } from '../settings/paths.js';
import type { StoredSettings } from '../settings/stored-settings.js';

export interface ChangeLogOptions {
	logDir?: string;
	signingKey?: string;
}

export function logDirectory(options: ChangeLogOptions, settings: StoredSettings): string {
	return options.logDir ?? settings.logDir ?? appPaths().logs;
}
