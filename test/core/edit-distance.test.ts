/** Levenshtein distance, as the "did you mean" of regions and actions uses it. */
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../source/core/edit-distance.js';

describe('editDistance', () => {
	it.each([
		['', '', 0],
		['', 'abc', 3],
		['abc', '', 3],
		['passrole', 'passrole', 0],
		['passrol', 'passrole', 1],
		['passrole', 'passrol', 1],
		['pasrsole', 'passrole', 2],
		['us-est-1', 'us-east-1', 1],
		['eu-west-1', 'us-west-1', 2],
		['kitten', 'sitting', 3],
		['flaw', 'lawn', 2],
		['ab', 'ba', 2],
	])('%s → %s is %i', (a, b, distance) => {
		expect(editDistance(a, b)).toBe(distance);
		expect(editDistance(b, a)).toBe(distance);
	});
});
