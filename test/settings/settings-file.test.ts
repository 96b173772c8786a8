/** A corrupt settings file is one sentence naming the file, exit 2 (not "unexpected error", exit 1). */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runProgram } from '../../source/commands/program.js';
import { settingsFile } from '../../source/settings/settings-store.js';
import { captureIo } from '../helpers/command-io.js';

afterEach(() => rmSync(settingsFile(), { force: true }));

describe('a corrupt config.json', () => {
	it.each([
		['cut short', '{"logDir": 5', 'is not valid JSON'],
		['a list', '[]', 'does not match the settings schema'],
		['a wrong type', '{"logDir": 5}', 'does not match the settings schema (`logDir` must be string)'],
		['a bad threshold', '{"thresholds": {"keyMaxAgeDays": -1}}', 'does not match the settings schema'],
		['anchors that are not in S3', '{"anchors": "/tmp/anchors.txt"}', 'does not match the settings schema (`anchors` must match pattern "^s3://")'],
	])('%s is one line naming the file, exit 2', async (_name, text, why) => {
		mkdirSync(dirname(settingsFile()), { recursive: true });
		writeFileSync(settingsFile(), text);
		const io = captureIo();
		expect(await runProgram(['scan', '--demo'], io)).toBe(2);
		expect(io.err()).toContain(`iam-wizard: The settings file ${settingsFile()} ${why}`);
		expect(io.err()).toMatch(/: fix it, or delete it to start from the defaults\.\n$/);
		expect(io.err().split('\n')).toHaveLength(2);
	});
});
