/**
 * Headless commands read a settings file that conf would only read without loading conf:
 * the settings must be conf's, and every file conf would write or refuse must still reach it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runProgram } from '../../source/commands/program.js';
import { readSettings } from '../../source/settings/settings-store.js';
import { readStoredSettings, settingsFile } from '../../source/settings/stored-settings.js';
import { captureIo } from '../helpers/command-io.js';

afterEach(() => rmSync(settingsFile(), { force: true }));

function write(settings: unknown): void {
	mkdirSync(dirname(settingsFile()), { recursive: true });
	writeFileSync(settingsFile(), typeof settings === 'string' ? settings : JSON.stringify(settings));
}

const complete = {
	profile: 'ops',
	thresholds: { keyMaxAgeDays: 60 },
	breakGlass: [{ arn: 'arn:aws:iam::123456789012:role/break-glass', reason: 'emergency' }],
	anchors: 's3://anchors/iam',
};

describe('a settings file read without conf', () => {
	it('gives the settings conf gives', () => {
		write(complete);
		const quick = readStoredSettings();
		expect(quick).toEqual(readSettings());
		expect(quick?.thresholds).toMatchObject({ keyMaxAgeDays: 60, credentialUnusedDays: 45 });
	});

	it.each([
		['no file', undefined],
		['a file without the defaults conf adds', { breakGlass: [] }],
		['a file that is not JSON', '{"logDir": 5'],
		['a file breaking the schema', { ...complete, logDir: 5 }],
	])('is left to conf for %s', (_what, settings) => {
		if (settings !== undefined) write(settings);
		expect(readStoredSettings()).toBeUndefined();
	});

	it('still has conf add the missing defaults to the file, as a scan reads it', async () => {
		write({ breakGlass: [] });
		expect(await runProgram(['scan', '--demo'], captureIo())).toBe(0);
		expect(JSON.parse(readFileSync(settingsFile(), 'utf8'))).toMatchObject({ breakGlass: [], thresholds: { keyMaxAgeDays: 90 } });
	});
});
