/**
 * `iam-wizard` with no command. Until the wizard shell lands, `--demo` prints the demo scan
 * as a table and says plainly that the wizard is not built yet.
 */
import type { StoredSettings } from '../settings/settings-store.js';
import { exitCodes, type CommandIo } from './command-io.js';
import type { SourceOptions } from './open-gateway.js';
import { runScan } from './scan.js';

export interface WizardOptions extends SourceOptions {
	color?: boolean;
	logDir?: string;
	signingKey?: string;
	exclude?: string[];
	debug?: boolean;
}

export async function runWizardCommand(options: WizardOptions, settings: StoredSettings, io: CommandIo): Promise<number> {
	const code = await runScan({ ...options, format: 'table' }, settings, io);
	io.stdout('\nThe interactive wizard is not built yet: this is the scan of the account it will walk you through.\n');
	return code === exitCodes.ok ? exitCodes.ok : code;
}
