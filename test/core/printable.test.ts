import { describe, expect, it } from 'vitest';
import { hasControlCharacters, printable } from '../../source/core/printable.js';

describe('printable', () => {
	it('writes ESC sequences, C1 controls, DEL and bidi overrides as visible escapes', () => {
		expect(printable('a\u001b[2Jb\u009b31m\u007f\u202e\u2066x\u0000')).toBe('a\\u001b[2Jb\\u009b31m\\u007f\\u202e\\u2066x\\u0000');
	});

	it('escapes line breaks and tabs unless the caller keeps them for its layout', () => {
		expect(printable('one\ntwo\r\nthree\tfour\rfive')).toBe('one\\ntwo\\r\\nthree\\tfour\\rfive');
		expect(printable('one\ntwo\r\nthree\tfour\rfive', { keepLineBreaks: true })).toBe('one\ntwo\r\nthree\tfour\\rfive');
		// Only a CR before a line feed is layout: any other control before one is escaped.
		expect(printable('clear\u001b\nscreen\u0007\r\n', { keepLineBreaks: true })).toBe('clear\\u001b\nscreen\\u0007\r\n');
	});

	it('leaves ordinary text, including non-Latin scripts and emoji, as it is', () => {
		const text = 'arn:aws:iam::123456789012:user/ops+admin=@x ünïcödé 日本 🔑 \\';
		expect(printable(text)).toBe(text);
		expect(hasControlCharacters(text)).toBe(false);
		expect(hasControlCharacters('x\u001b')).toBe(true);
		expect(hasControlCharacters('x\u009b')).toBe(true);
	});

	it("uses JSON's escapes, so a whole JSON document passed through stays valid and reads back the same", () => {
		const value = { name: 'a\u009b31m\u202eb\u2028c\u001b', list: ['\n'] };
		const shown = printable(JSON.stringify(value, null, 2), { keepLineBreaks: true });
		expect(shown).not.toMatch(/[\u009b\u202e\u2028]/);
		expect(JSON.parse(shown)).toEqual(value);
	});
});
