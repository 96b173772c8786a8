/**
 * A one-line text field on the wizard's single key dispatcher (ink-text-input would add a
 * second useInput): while it has focus letters are text, Enter submits and Esc leaves.
 */
import { useRef } from 'react';
import { Text } from './Text.js';
import { keyPriority } from './KeyDispatcher.js';
import { muted } from './theme.js';
import { useKeyLayer } from './use-key-layer.js';

export interface TextFieldProps {
	value: string;
	onChange: (value: string) => void;
	onSubmit: (value: string) => void;
	/** Esc. */
	onLeave: () => void;
	isActive?: boolean;
	placeholder?: string;
}

/**
 * The text after a chunk of typed input: pasted or fast-typed text arrives in one chunk, with
 * the backspaces of a held key among it (each removes a character, as it does alone) and its
 * Enter (the first line break submits the text so far; what follows it is dropped). Other
 * control characters are not text.
 */
function typedInto(text: string, input: string): { text: string; submitted: boolean } {
	let out = text;
	for (const ch of input) {
		if (ch === '\r' || ch === '\n') return { text: out, submitted: true };
		if (ch === '\u007F' || ch === '\b') out = out.slice(0, -1);
		else if (ch >= ' ') out += ch;
	}
	return { text: out, submitted: false };
}

export function TextField({ value, onChange, onSubmit, onLeave, isActive = true, placeholder }: TextFieldProps) {
	// Keys can arrive faster than React renders (a paste then Enter): edit the latest text, not the rendered one.
	const latest = useRef(value);
	latest.current = value;
	const change = (next: string) => {
		latest.current = next;
		onChange(next);
	};
	useKeyLayer(
		({ command, input, key }) => {
			if (command && command !== 'next' && command !== 'cancel') return false;
			if (command === 'next') onSubmit(latest.current);
			else if (command === 'cancel') onLeave();
			else if (key.backspace || key.delete) change(latest.current.slice(0, -1));
			else if (input && !key.ctrl && !key.meta) {
				const typed = typedInto(latest.current, input);
				change(typed.text);
				if (typed.submitted) onSubmit(typed.text);
			}
			return true;
		},
		{ isActive, priority: keyPriority.prompt, textField: true },
	);
	if (value === '' && placeholder) {
		return (
			<Text>
				{isActive ? '▏' : ''}
				<Text {...muted()}>{placeholder}</Text>
			</Text>
		);
	}
	return (
		<Text>
			{value}
			{isActive ? '▏' : ''}
		</Text>
	);
}
