/** One question at the bottom of a screen: a text field, or single keys to choose from. */
import { Box, Text } from 'ink';
import { keyLabel } from '../../ui/key-bindings.js';
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
	useKeyLayer(
		({ command, input }) => {
			if (command === 'cancel' || command === 'back') onCancel();
			else if (choices.some((c) => c.key === input)) onChoose(input);
			// A question is open: no other key means anything until it is answered.
			return command !== 'quit' && command !== 'help';
		},
		{ isActive, priority: keyPriority.prompt },
	);
	return (
		<Box flexDirection="column">
			<Text {...strong()}>{label}</Text>
			<Text wrap="truncate-end">
				{choices.map((c) => `${c.key} ${c.label}`).join(' · ')}
				<Text {...muted()}> · {keyLabel('cancel')} cancel</Text>
			</Text>
		</Box>
	);
}
