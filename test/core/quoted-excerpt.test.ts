/** How an error sentence quotes what it found: one line, at most `max` characters, JSON-quoted. */
import { expect, it } from 'vitest';
import { quotedExcerpt } from '../../source/core/quoted-excerpt.js';

it.each([
	['short', 40, '"short"'],
	['x'.repeat(40), 40, `"${'x'.repeat(40)}"`],
	['x'.repeat(41), 40, `"${'x'.repeat(39)}…"`],
	['abcdefgh', 5, '"abcd…"'],
	['two\nlines', 40, '"two\\nlines"'],
	['say "hi"', 40, '"say \\"hi\\""'],
	['C:\\path', 40, '"C:\\path"'],
])('%j at most %i characters is %s', (text, max, quoted) => {
	expect(quotedExcerpt(text, max)).toBe(quoted);
});

it('cuts at 40 characters unless told otherwise', () => {
	expect(quotedExcerpt('y'.repeat(50))).toBe(`"${'y'.repeat(39)}…"`);
});
