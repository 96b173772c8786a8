/**
 * The findings catalogue's questions (severity order, known IDs, the findings of a step) and
 * the parts of each entry docs/findings.md does not show: its title. The rest of each entry is
 * pinned by test/docs/findings-doc.test.ts, which compares the shipped document with the code.
 */
import { describe, expect, it } from 'vitest';

// Imported by each test, not at the top: a catalogue that fails to load (a control list that is
// no list) then fails these tests instead of leaving the file with none to run.
const load = () => import('../../source/core/finding-catalogue.js');

describe('severities', () => {
	it('rank from critical (0) to info (4)', async () => {
		const fc = await load();
		expect(fc.severityOrder).toEqual(['critical', 'high', 'medium', 'low', 'info']);
		expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => fc.severityRank(s as never))).toEqual([0, 1, 2, 3, 4]);
	});
});

describe('isFindingId', () => {
	it('knows the catalogue IDs, exactly, and nothing an object inherits', async () => {
		const fc = await load();
		expect(fc.isFindingId('ROOT_ACCESS_KEY')).toBe(true);
		expect(fc.isFindingId('root_access_key')).toBe(false);
		expect(fc.isFindingId('toString')).toBe(false);
		expect(fc.isFindingId('')).toBe(false);
		expect(fc.findingIds.every(fc.isFindingId)).toBe(true);
	});
});

describe('findingIdsOfStep', () => {
	it('lists the findings each step shows, in catalogue order', async () => {
		const fc = await load();
		expect(fc.findingIdsOfStep(2)).toEqual(['ANALYZER_MISSING', 'EXTERNAL_ACCESS', 'UNUSED_ACCESS', 'TRUST_ANY_PRINCIPAL', 'TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID']);
		expect(fc.findingIdsOfStep(4)).toEqual(['PRIVILEGE_ESCALATION', 'BOUNDARY_MISSING', 'BOUNDARY_WEAK']);
		expect(fc.findingIdsOfStep(5)).toEqual(['MFA_NOT_ENFORCED']);
		expect([1, 2, 3, 4, 5, 6].flatMap((step) => fc.findingIdsOfStep(step as 1))).toHaveLength(fc.findingIds.length);
	});
});

describe('titles and controls', () => {
	it('are short, capitalised, without a closing period, and no two alike', async () => {
		const fc = await load();
		const titles = fc.findingIds.map((id) => fc.findingCatalogue[id].title);
		for (const [i, title] of titles.entries()) expect(title, fc.findingIds[i]).toMatch(/^[A-Z][^\n]{5,60}[^.]$/);
		expect(new Set(titles).size).toBe(titles.length);
	});

	it('name CIS v5 and Security Hub controls by their prefixes', async () => {
		const fc = await load();
		expect(fc.findingCatalogue.ROOT_ACCESS_KEY.controls).toEqual(['CIS-5.0:1.3', 'SecurityHub:IAM.4']);
		expect(fc.findingCatalogue.ROOT_RECENTLY_USED.controls).toEqual(['CIS-5.0:1.6']);
		expect(fc.findingCatalogue.POLICY_SERVICE_WILDCARD.controls).toEqual(['SecurityHub:IAM.21']);
	});

	it.each([
		['ROOT_ACCESS_KEY', 'Root user has an active access key'],
		['PRIVILEGE_ESCALATION', 'Privilege escalation'],
		['MFA_NOT_ENFORCED', 'MFA not enforced'],
		['SECURITY_HUB_OFF', 'Security Hub or its CIS standard off'],
	])('%s is "%s"', async (id, title) => {
		const fc = await load();
		expect(fc.findingCatalogue[id as 'ROOT_ACCESS_KEY'].title).toBe(title);
	});
});
