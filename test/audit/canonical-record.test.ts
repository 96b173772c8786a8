/** RFC 8785 canonical bytes of a record (docs/change-log-format.md section 2): signed without `sig`, hashed with it. */
import { describe, expect, test } from 'vitest';
import { canonicalForms, canonicalJson, digestOf, sha256Hex } from '../../source/audit/canonical-record.js';

describe('canonicalForms', () => {
	test('members sorted by key, `sig` only in the full form, undefined and symbol members left out', () => {
		const record = { type: 'seal', sig: 'SIG==', count: 3, prev: null, kid: 'SHA256:k', note: undefined, tag: Symbol('x'), nested: { b: 1, a: [2, 'é'] } };
		expect(canonicalForms(record)).toEqual({
			unsigned: '{"count":3,"kid":"SHA256:k","nested":{"a":[2,"é"],"b":1},"prev":null,"type":"seal"}',
			full: '{"count":3,"kid":"SHA256:k","nested":{"a":[2,"é"],"b":1},"prev":null,"sig":"SIG==","type":"seal"}',
		});
	});

	test('both forms agree with canonical JSON of the whole record, with and without `sig`', () => {
		const record = { ü: 1, Z: 2, a: { y: 1e21, x: -0 }, sig: 's', '\u00e9': 'x', '\ud83d\ude00': true };
		const { sig: _sig, ...unsigned } = record;
		expect(canonicalForms(record)).toEqual({ unsigned: canonicalJson(unsigned), full: canonicalJson(record) });
	});

	test('an empty record, and one that holds only `sig`', () => {
		expect(canonicalForms({})).toEqual({ unsigned: '{}', full: '{}' });
		expect(canonicalForms({ sig: 'x' })).toEqual({ unsigned: '{}', full: '{"sig":"x"}' });
	});
});

describe('canonicalJson', () => {
	test('a value with no JSON form is refused, not written as nothing', () => {
		expect(() => canonicalJson(undefined)).toThrow('This value has no JSON form');
		expect(canonicalJson(null)).toBe('null');
	});
});

describe('digests', () => {
	test('SHA-256 hex of text or bytes, and of a value canonical JSON', () => {
		expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		expect(digestOf({ b: 1, a: 'x' })).toBe(sha256Hex('{"a":"x","b":1}'));
	});
});
