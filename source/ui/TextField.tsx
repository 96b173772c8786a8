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
				// Pasted or fast-typed text can arrive in one chunk with its Enter: the line break submits.
				const [line, ...rest] = input.split(/\r\n|\r|\n/);
				change(latest.current + (line ?? '').replace(/[\u0000-\u001F\u007F]/g, ''));
				if (rest.length > 0) onSubmit(latest.current);
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
