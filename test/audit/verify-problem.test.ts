/** The words `audit verify` prints for each kind of problem (docs/change-log-format.md names the kinds). */
import { expect, it } from 'vitest';
import { tamperKindLabels, type TamperKind } from '../../source/audit/verify-problem.js';

it.each<[TamperKind, string]>([
	['modified', 'modified'],
	['deleted', 'deleted'],
	['inserted', 'inserted'],
	['reordered', 'reordered'],
	['truncated', 'truncated'],
	['signed-by-another-key', 'signed by another key'],
	['malformed', 'malformed line'],
	['session-missing', 'session missing'],
	['non-canonical', 'not canonical'],
	['duplicate-key', 'duplicated key'],
	['misnamed', 'misnamed'],
	['unexpected-file', 'unexpected file'],
	['reconciled', 'reconciled (--strict)'],
	['unanchored', 'not anchored'],
])('%s reads "%s"', (kind, label) => {
	expect(tamperKindLabels[kind]).toBe(label);
});

it('labels exactly the kinds there are', () => {
	expect(Object.keys(tamperKindLabels)).toHaveLength(14);
});
