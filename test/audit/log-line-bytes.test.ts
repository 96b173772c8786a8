/** The byte rules of log lines: strict UTF-8 per line, a partly written last line, and keys written twice. */
import { describe, expect, it } from 'vitest';

/**
 * Imported in each test, not at the top: a module that fails to load (its UTF-8 decoder made at
 * load time) then fails every test here, where a failed top-level import leaves a file with no
 * tests, which Stryker does not count as a kill.
 */
const load = () => import('../../source/audit/log-line-bytes.js');

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeLines', () => {
	it('splits at LF and says whether the file ends mid-line', async () => {
		const { decodeLines } = await load();
		expect(decodeLines(bytes('{"a":1}\n{"b":2}\n'))).toEqual({ lines: ['{"a":1}', '{"b":2}'], incompleteLastLine: false });
		expect(decodeLines(bytes('{"a":1}\n{"b":'))).toEqual({ lines: ['{"a":1}', '{"b":'], incompleteLastLine: true });
		expect(decodeLines(bytes(''))).toEqual({ lines: [], incompleteLastLine: false });
	});

	it('marks only the line whose bytes are not UTF-8, keeping the others and the partial end', async () => {
		const { decodeLines } = await load();
		const decoded = decodeLines(bytes('{"a":"é"}\n', [0x7b, 0xff, 0x7d], '\n{"c":3}\n{"d":'));
		expect(decoded).toEqual({ lines: ['{"a":"é"}', undefined, '{"c":3}', '{"d":'], incompleteLastLine: true });
		expect(decodeLines(bytes('{"a":1}\n', [0xc3], '\n'))).toEqual({ lines: ['{"a":1}', undefined], incompleteLastLine: false });
	});

	it('keeps an empty first line as a line when another line is not UTF-8', async () => {
		const { decodeLines } = await load();
		expect(decodeLines(bytes('\n', [0xff], '\n'))).toEqual({ lines: ['', undefined], incompleteLastLine: false });
		expect(decodeLines(bytes('\n', [0xff]))).toEqual({ lines: ['', undefined], incompleteLastLine: true });
		expect(decodeLines(bytes([0xff], '\n\n'))).toEqual({ lines: [undefined, ''], incompleteLastLine: false });
	});

	it('keeps a byte-order mark as a character, so the line is not its canonical form', async () => {
		const { canonicalLineProblem, decodeLines } = await load();
		const [first] = decodeLines(bytes('\uFEFF{"a":1}\n')).lines;
		expect(first).toBe('\uFEFF{"a":1}');
		expect(canonicalLineProblem(first!, '{"a":1}')?.kind).toBe('non-canonical');
	});
});

describe('duplicateKeyIn', () => {
	it('finds a key written twice in one object, at any depth', async () => {
		const { duplicateKeyIn } = await load();
		expect(duplicateKeyIn('{"ok":true,"ok":false}')).toBe('ok');
		expect(duplicateKeyIn('{"a":{"b":1,"c":{"d":1,"d":2}}}')).toBe('d');
		expect(duplicateKeyIn('{"list":[{"x":1},{"x":2,"x":3}]}')).toBe('x');
		expect(duplicateKeyIn('{"a\\u0062":1,"ab":2}')).toBe('ab');
		expect(duplicateKeyIn('{"a\\"b":1,"a\\"b":2}')).toBe('a"b');
		expect(duplicateKeyIn('{"a":[1,[2]],"b":1,"b":2}')).toBe('b');
		expect(duplicateKeyIn('{"a":{"c":[]},"b":1,"b":2}')).toBe('b');
	});

	it('does not count the same key in different objects, a value equal to a key, or quotes inside strings', async () => {
		const { duplicateKeyIn } = await load();
		expect(duplicateKeyIn('{"a":{"k":1},"b":{"k":2},"k":3}')).toBeUndefined();
		expect(duplicateKeyIn('{"list":[{"x":1},{"x":2}]}')).toBeUndefined();
		expect(duplicateKeyIn('{"a":"b","b":"a"}')).toBeUndefined();
		expect(duplicateKeyIn('{"a":"say \\"a\\":1","b":["a","a"]}')).toBeUndefined();
		expect(duplicateKeyIn('{"k\\"":1,"k":2}')).toBeUndefined();
		expect(duplicateKeyIn('{"a":{"x":1},"x":2}')).toBeUndefined();
		expect(duplicateKeyIn('{"a":[{"x":1}],"x":2}')).toBeUndefined();
		expect(duplicateKeyIn('"a string"')).toBeUndefined();
		expect(duplicateKeyIn('["x","x"]')).toBeUndefined();
	});
});

describe('canonicalLineProblem', () => {
	it('is nothing for the canonical line, a duplicate key before anything else, else where the bytes first differ', async () => {
		const { canonicalLineProblem } = await load();
		expect(canonicalLineProblem('{"a":1}', '{"a":1}')).toBeUndefined();
		expect(canonicalLineProblem('{"a":1,"a":1}', '{"a":1}')).toEqual({ kind: 'duplicate-key', detail: 'the key "a" appears twice in one object (readers disagree about which value counts)' });
		const spaced = canonicalLineProblem('{"a": 1}', '{"a":1}');
		expect(spaced).toMatchObject({ kind: 'non-canonical' });
		expect(spaced?.detail).toBe('its bytes are not the canonical form of its record (from character 6: " 1}" where the canonical form has "1}")');
		// Where one is the other cut short, the difference is where the shorter ends.
		expect(canonicalLineProblem('{"a":1}', '{"a":1}\r')?.detail).toBe('its bytes are not the canonical form of its record (from character 8: "" where the canonical form has "\\r")');
		expect(canonicalLineProblem('{"a":1}\r', '{"a":1}')?.detail).toBe('its bytes are not the canonical form of its record (from character 8: "\\r" where the canonical form has "")');
		expect(canonicalLineProblem('{"a":"0123456789abcdefXYZ"}', '{"a":"0123456789abcdefxyz"}')?.detail).toContain('(from character 23: "XYZ\\"}" where the canonical form has "xyz\\"}")');
		expect(canonicalLineProblem('{"b":1,"a":"01234567890123456789"}', '{"a":"01234567890123456789","b":1}')?.detail).toContain('(from character 3: "b\\":1,\\"a\\":\\"01" where the canonical form has "a\\":\\"01234567")');
	});
});
