/** One question at the bottom of a screen: a text field, or single keys to choose from. */
import { useMemo } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { charKey, defineScreenKeys, keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { TextField } from '../../ui/TextField.js';
import { muted, strong, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';

export interface TextPromptProps {
	label: string;
	value: string;
	onChange: (value: string) => void;
	onSubmit: (value: string) => void;
	onCancel: () => void;
	problem?: string;
	hint?: string;
	isActive: boolean;
	placeholder?: string;
}

export function TextPrompt({ label, value, onChange, onSubmit, onCancel, problem, hint, isActive, placeholder }: TextPromptProps) {
	return (
		<Box flexDirection="column">
			<Box>
				<Text {...strong()}>{label} </Text>
				<TextField value={value} onChange={onChange} onSubmit={onSubmit} onLeave={onCancel} isActive={isActive} {...(placeholder ? { placeholder } : {})} />
			</Box>
			<Text wrap="truncate-end" {...(problem ? tone('status.error') : muted())}>
				{problem ?? `${hint ? `${hint} · ` : ''}${keyLabel('next')} go on · ${keyLabel('cancel')} cancel`}
			</Text>
		</Box>
	);
}

export interface Choice {
	key: string;
	label: string;
}

export interface ChoicePromptProps {
	label: string;
	choices: Choice[];
	onChoose: (key: string) => void;
	onCancel: () => void;
	isActive: boolean;
}

export function ChoicePrompt({ label, choices, onChoose, onCancel, isActive }: ChoicePromptProps) {
	// The question's own key table: its choices are plain keys, matched without modifiers.
	const keys = useMemo(() => defineScreenKeys(label, Object.fromEntries(choices.map((c) => [c.key, charKey(c.key, c.label, c.label)]))), [label, choices]);
	useKeyLayer(
		(event) => {
			const { command } = event;
			const choice = keys.match(event);
			if (command === 'cancel' || command === 'back') onCancel();
			else if (choice !== undefined) onChoose(choice);
			// A question is open: no other key means anything until it is answered.
			return command !== 'quit' && command !== 'help';
		},
		{ isActive, priority: keyPriority.prompt, keys },
	);
	return (
		<Box flexDirection="column">
			<Text {...strong()}>{label}</Text>
			<Text wrap="truncate-end">
				{choices.map((c) => keys.hint(c.key)).join(' · ')}
				<Text {...muted()}> · {keyLabel('cancel')} cancel</Text>
			</Text>
		</Box>
	);
}
