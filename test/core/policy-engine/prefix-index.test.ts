/** The values of a list that start with a text, by binary search over the list sorted once. */
import { describe, expect, it } from 'vitest';
import { positionsWithPrefix } from '../../../source/core/policy-engine/prefix-index.js';

const naive = (values: readonly string[], prefix: string) => values.flatMap((v, i) => (v.startsWith(prefix) ? [i] : []));

describe('positionsWithPrefix', () => {
	// Long enough to be sorted (64 and more), in no order, with repeats and values that sort around the prefixes.
	const roles = Array.from({ length: 300 }, (_, i) => `arn:aws:iam::1:role/${['app', 'svc', 'app-1', 'App', 'ap', 'app-10'][i % 6]}-${(i * 7919) % 97}`);
	const values = [...roles, roles[5]!, 'arn:aws:iam::1:role/app', 'arn:aws:iam::1:role/apq', 'arn:aws:iam::1:role/é-1', 'arn:aws:iam::1:role/\u{1F600}'];

	it('finds every position a plain pass finds, ascending, repeats included', () => {
		for (const prefix of ['arn:aws:iam::1:role/app-1', 'arn:aws:iam::1:role/app', 'arn:aws:iam::1:role/ap', 'arn:aws:iam::1:role/App', 'arn:aws:iam::1:role/', 'arn:aws:iam::1:role/app-10-5', 'arn:aws:iam::1:role/é', 'arn:aws:iam::1:role/\u{1F600}']) {
			expect(positionsWithPrefix(values, prefix)).toEqual(naive(values, prefix));
		}
		expect(naive(values, 'arn:aws:iam::1:role/app-1').length).toBeGreaterThan(50);
	});

	it('answers every prefix of every value as a plain pass does (the list is sorted by code unit, whatever its order)', () => {
		const shuffled = values.map((v, i) => values[(i * 37) % values.length]!);
		for (const list of [values, shuffled, [...values].reverse()]) {
			const prefixes = new Set(list.flatMap((v) => Array.from({ length: v.length - 18 }, (_, n) => v.slice(0, 19 + n))));
			for (const prefix of prefixes) expect(positionsWithPrefix(list, prefix)).toEqual(naive(list, prefix));
		}
	});

	it('answers nothing for a prefix before, after or between the values, and everything for the empty one', () => {
		for (const prefix of ['arn:aws:iam::0', 'zzz', 'arn:aws:iam::1:role/apo', 'arn:aws:iam::1:role/app-100']) expect(positionsWithPrefix(values, prefix)).toEqual([]);
		expect(positionsWithPrefix(values, '')).toEqual(values.map((_, i) => i));
	});

	it('gives a short list the same answers, and each list its own', () => {
		const short = ['b-1', 'a-2', 'b-2', 'a-1'];
		expect(positionsWithPrefix(short, 'a-')).toEqual([1, 3]);
		const other = values.map((v) => v.replace('app', 'web'));
		expect(positionsWithPrefix(other, 'arn:aws:iam::1:role/web-1')).toEqual(naive(other, 'arn:aws:iam::1:role/web-1'));
		expect(positionsWithPrefix(values, 'arn:aws:iam::1:role/web-1')).toEqual([]);
	});
});
