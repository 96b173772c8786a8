import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingsDocument } from '../../scripts/findings-doc.js';
import { findingCatalogue } from '../../source/core/finding-catalogue.js';

describe('docs/findings.md', () => {
	const shipped = readFileSync(new URL('../../docs/findings.md', import.meta.url), 'utf8');

	it('is what the catalogue in the code writes (run `npm run docs:findings` after changing the catalogue)', () => {
		expect(shipped).toBe(findingsDocument());
	});

	it('lists every finding ID with its controls', () => {
		for (const [id, entry] of Object.entries(findingCatalogue)) {
			const row = shipped.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
			expect(row, id).toBeDefined();
			for (const control of entry.controls) expect(row).toContain(control.replace(/^(CIS-5\.0|SecurityHub):/, ''));
		}
	});
});
