/**
 * Which values of a long list start with a given text, found by binary search over the list
 * sorted once (and remembered per list): an account's 5,000 role ARNs asked for `role/app-7-`
 * cost a dozen comparisons and the matches, not 5,000 `startsWith` calls per pattern.
 */

interface SortedList {
	/** The values in code-unit order (as `<` compares and `startsWith` matches). */
	sorted: string[];
	/** Each sorted value's position in the list. */
	at: Int32Array;
}

const sortedLists = new WeakMap<readonly string[], SortedList>();

/** Below this length a plain pass costs less than sorting. */
const shortList = 64;

function sortedOf(values: readonly string[]): SortedList {
	let known = sortedLists.get(values);
	if (!known) {
		const order = Array.from(values.keys()).sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : a - b));
		known = { sorted: order.map((i) => values[i]!), at: Int32Array.from(order) };
		sortedLists.set(values, known);
	}
	return known;
}

/** The positions of the values that start with `prefix`, ascending. */
export function positionsWithPrefix(values: readonly string[], prefix: string): number[] {
	const out: number[] = [];
	if (values.length < shortList || prefix === '') {
		for (let i = 0; i < values.length; i++) if (values[i]!.startsWith(prefix)) out.push(i);
		return out;
	}
	const { sorted, at } = sortedOf(values);
	// Every value starting with the prefix follows the first one not below it, together.
	for (let i = firstNotBelow(sorted, prefix); i < sorted.length && sorted[i]!.startsWith(prefix); i++) out.push(at[i]!);
	return out.sort((a, b) => a - b);
}

/** In an ascending list, the position of the first value not below `value` (the list's length when none is). */
export function firstNotBelow<T extends string | number>(sorted: readonly T[], value: T): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (sorted[mid]! < value) low = mid + 1;
		else high = mid;
	}
	return low;
}
