import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { analyzerKeys } from '../../source/steps/access-analyzer/analyzer-keys.js';
import { boundaryKeys } from '../../source/steps/boundaries/boundary-keys.js';
import { findingsTableKeys } from '../../source/steps/findings-table-keys.js';
import { inventoryKeys } from '../../source/steps/inventory/inventory-keys.js';
import { scopeKeys } from '../../source/steps/scope-policies/scope-keys.js';
import { charKey, defineScreenKeys, helpRows, keyBindings, resolveKey, stepOfCommand, yesNoKeys, type ScreenKeys } from '../../source/ui/key-bindings.js';

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

	it('tells Ctrl+C from q and from c: Ctrl+C interrupts, Ctrl+letter is never the letter', () => {
		expect(resolveKey('c', { ctrl: true }, noField)).toBe('interrupt');
		expect(resolveKey('q', {}, noField)).toBe('quit');
		expect(resolveKey('p', { ctrl: true }, noField)).toBeUndefined();
		expect(resolveKey('r', { ctrl: true }, noField)).toBeUndefined();
	});

	it('treats letters as text while a text field has focus; only Esc, Enter and Ctrl+C stay commands', () => {
		for (const letter of ['q', 'p', 'b', 'k', 'j', ' ', '?', '1', 'y']) {
			expect(resolveKey(letter, {}, inField)).toBeUndefined();
		}
		expect(resolveKey('', { downArrow: true }, inField)).toBeUndefined();
		expect(resolveKey('', { escape: true, meta: true }, inField)).toBe('cancel');
		expect(resolveKey('', { return: true }, inField)).toBe('next');
		expect(resolveKey('c', { ctrl: true }, inField)).toBe('interrupt');
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

/** Every screen's table, with the screens on which each is live together. */
const screens: { name: string; tables: ScreenKeys<string>[] }[] = [
	{ name: 'step 1', tables: [inventoryKeys, findingsTableKeys] },
	{ name: 'step 2', tables: [analyzerKeys, findingsTableKeys] },
	{ name: 'step 3', tables: [scopeKeys] },
	{ name: 'step 4', tables: [boundaryKeys] },
	{ name: 'a yes/no question', tables: [yesNoKeys] },
];

describe('screen key tables', () => {
	it('match plain keys only: Ctrl+C, Ctrl+L and Meta+x are none of c, l and x', () => {
		expect(inventoryKeys.match({ input: 'c', key: {} })).toBe('regenerateReport');
		expect(inventoryKeys.match({ input: 'c', key: { ctrl: true } })).toBeUndefined();
		expect(analyzerKeys.match({ input: 'c', key: { ctrl: true } })).toBeUndefined();
		expect(analyzerKeys.match({ input: 'l', key: { ctrl: true } })).toBeUndefined();
		expect(analyzerKeys.match({ input: 'l', key: {} })).toBe('generatePolicy');
		expect(scopeKeys.match({ input: 'x', key: { meta: true } })).toBeUndefined();
		expect(scopeKeys.match({ input: 'X', key: { shift: true } })).toBeUndefined();
		expect(yesNoKeys.match({ input: 'Y', key: { shift: true } })).toBe('yes');
		expect(yesNoKeys.match({ input: 'y', key: { ctrl: true } })).toBeUndefined();
	});

	it.each(screens)('$name: no key means two things (nor shadows a global key)', ({ tables }) => {
		const seen = new Map<string, string>();
		for (const binding of keyBindings) for (const spec of binding.keys) seen.set(JSON.stringify(spec), `global ${binding.command}`);
		for (const table of tables) {
			for (const [action, binding] of Object.entries(table.bindings)) {
				for (const spec of binding.keys) {
					const id = JSON.stringify(spec);
					expect(seen.get(id), `${id} is ${seen.get(id)} and ${table.title} ${action}`).toBeUndefined();
					seen.set(id, `${table.title} ${action}`);
				}
			}
		}
	});

	it('gives m one meaning per screen, each with its own description', () => {
		const meanings = screens.flatMap(({ tables }) => tables.flatMap((t) => Object.values(t.bindings).filter((b) => b.label === 'm').map((b) => b.description)));
		expect(new Set(meanings).size).toBe(meanings.length);
		expect(analyzerKeys.match({ input: 'm', key: {} })).toBeUndefined();
	});

	it('writes footer hints from the table', () => {
		const keys = defineScreenKeys('A screen', { go: charKey('g', 'go', 'Go somewhere') });
		expect(keys.hint('go')).toBe('g go');
		expect(keys.hint('go', 'go to carol')).toBe('g go to carol');
		expect(scopeKeys.hint('validate')).toBe('v validate');
	});
});

describe('help rows', () => {
	it("list the global keys, then each open screen's own under its title", () => {
		const rows = helpRows([scopeKeys]);
		const at = rows.findIndex((r) => r.heading && r.description === 'Step 3 · Scope policies');
		expect(at).toBeGreaterThan(rows.findIndex((r) => r.keys === 'q'));
		expect(rows.slice(at + 1).map((r) => r.keys)).toEqual(['l', 'e', 'm', 'i', 't', 'v', 'x']);
		expect(rows).toContainEqual({ keys: 'Ctrl+C', description: expect.stringContaining('Quit now') });
	});
});
