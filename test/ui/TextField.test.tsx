/** The one-line text field: typed text, a held backspace and a pasted line all arrive in chunks. */
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { TextField } from '../../source/ui/TextField.js';
import { BACKSPACE, KeyDispatcher, cleanupInk, renderInk } from '../helpers/render-ink.js';

afterEach(cleanupInk);

function Field({ submitted }: { submitted: string[] }) {
	const [value, setValue] = useState('');
	return <TextField value={value} onChange={setValue} onSubmit={(v) => submitted.push(v)} onLeave={() => undefined} />;
}

function renderField() {
	const submitted: string[] = [];
	const ui = renderInk(
		<KeyDispatcher>
			<Field submitted={submitted} />
		</KeyDispatcher>,
	);
	return { ui, submitted };
}

describe('TextField', () => {
	it('removes one character per backspace when a held key sends several in one chunk', async () => {
		const { ui } = renderField();
		ui.type('123456789012');
		await ui.waitForText('123456789012▏');
		ui.type(BACKSPACE.repeat(3));
		await ui.waitForText('123456789▏');
		ui.press(BACKSPACE);
		await ui.waitForText('12345678▏');
	});

	it('applies a chunk in order: text, backspaces, text, and submits at its line break, dropping what follows', async () => {
		const { ui, submitted } = renderField();
		ui.type(`ab${BACKSPACE}c\u0007d${BACKSPACE}${BACKSPACE}${BACKSPACE}xy\rignored`);
		await ui.waitForText('xy▏');
		expect(submitted).toEqual(['xy']);
	});
});
