import { describe, expect, it } from 'vitest';
import { plural } from '../../source/core/plural.js';

describe('plural', () => {
	it('is singular for one and plural for none and many, with an irregular plural when given', () => {
		expect([0, 1, 2].map((n) => plural(n, 'hop'))).toEqual(['0 hops', '1 hop', '2 hops']);
		expect([1, 6].map((n) => plural(n, 'person', 'people'))).toEqual(['1 person', '6 people']);
	});
});
