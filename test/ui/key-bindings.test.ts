import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { helpRows, keyBindings, resolveKey, stepOfCommand } from '../../source/ui/key-bindings.js';

const noField = { textFieldFocused: false };
const inField = { textFieldFocused: true };

describe('resolveKey', () => {
	it('maps arrows and vi keys to the same commands', () => {
		expect(resolveKey('', { upArrow: true }, noField)).toBe('up');
		expect(resolveKey('k', {}, noField)).toBe('up');
		expect(resolveKey('', { downArrow: true }, noField)).toBe('down');
		expect(resolveKey('j', {}, noField)).toBe('down');
		expect(resolveKey('g', {}, noField)).toBe('home');
		expect(resolveKey('G', { shift: true }, noField)).toBe('end');
		expect(resolveKey('', { pageDown: true }, noField)).toBe('pageDown');
	});

	it('maps the wizard keys', () => {
		expect(resolveKey(' ', {}, noField)).toBe('toggle');
		expect(resolveKey('', { return: true }, noField)).toBe('next');
		expect(resolveKey('p', {}, noField)).toBe('preview');
		expect(resolveKey('b', {}, noField)).toBe('back');
		expect(resolveKey('q', {}, noField)).toBe('quit');
		expect(resolveKey('?', {}, noField)).toBe('help');
		expect(resolveKey('', { escape: true, meta: true }, noField)).toBe('cancel');
		expect(resolveKey('5', {}, noField)).toBe('step5');
		expect(stepOfCommand('step5')).toBe(5);
		expect(stepOfCommand('quit')).toBeUndefined();
	});

	it('leaves unbound keys alone', () => {
		expect(resolveKey('z', {}, noField)).toBeUndefined();
		expect(resolveKey('q', { meta: true } as Partial<Key>, noField)).toBeUndefined();
	});

	it('treats letters as text while a text field has focus; only Esc, Enter and Ctrl+C stay commands', () => {
		for (const letter of ['q', 'p', 'b', 'k', 'j', ' ', '?', '1', 'y']) {
			expect(resolveKey(letter, {}, inField)).toBeUndefined();
		}
		expect(resolveKey('', { downArrow: true }, inField)).toBeUndefined();
		expect(resolveKey('', { escape: true, meta: true }, inField)).toBe('cancel');
		expect(resolveKey('', { return: true }, inField)).toBe('next');
		expect(resolveKey('c', { ctrl: true }, inField)).toBe('quit');
	});
});

describe('the bindings table', () => {
	it('binds no key to two commands', () => {
		const seen = new Map<string, string>();
		for (const binding of keyBindings) {
			for (const spec of binding.keys) {
				const id = JSON.stringify(spec);
				expect(seen.get(id), `${id} is bound to ${seen.get(id)} and ${binding.command}`).toBeUndefined();
				seen.set(id, binding.command);
			}
		}
	});

	it('gives the help overlay a row for every labelled binding', () => {
		const rows = helpRows();
		expect(rows).toContainEqual({ keys: 'q', description: 'Quit (asks first while changes are being applied)' });
		expect(rows).toContainEqual({ keys: '1–6', description: 'Go to step 1 to 6' });
		expect(rows.some((r) => r.keys === '')).toBe(false);
	});
});
