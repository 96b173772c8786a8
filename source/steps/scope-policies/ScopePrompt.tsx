/** Step 3's one-line questions (source IP ranges, a time window, resource ARNs) and what an answer changes. */
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { TextField } from '../../ui/TextField.js';
import { muted, strong } from '../../ui/theme.js';
import { parseArnAnswer } from './resource-choices.js';
import type { ScopeChoices } from './scope-proposal.js';

export type ScopePromptKind = { kind: 'ip' } | { kind: 'time' } | { kind: 'arns'; statement: number; label: string; candidates: string[] };

/** The choices an answer sets, and what was wrong with it (shown as a warning). */
export function answerPrompt(prompt: ScopePromptKind, value: string): { update?: (c: ScopeChoices) => ScopeChoices; problem?: string } {
	if (prompt.kind === 'ip') {
		const cidrs = value.split(/[\s,]+/).filter(Boolean);
		return { update: (c) => ({ ...c, sourceIp: cidrs }) };
	}
	if (prompt.kind === 'time') {
		const [start, end] = value.trim().split(/\s+/);
		if (!start || !end) return { problem: 'Give two instants: START END (ISO-8601).' };
		return { update: (c) => ({ ...c, timeWindow: { start, end } }) };
	}
	const { arns, problems } = parseArnAnswer(value, prompt.candidates);
	return {
		...(arns.length > 0 ? { update: (c: ScopeChoices) => ({ ...c, resources: { ...c.resources, [prompt.statement]: arns } }) } : {}),
		...(problems.length > 0 ? { problem: problems.join('; ') } : {}),
	};
}

/** Rows the prompt takes on screen. */
export function promptRows(prompt: ScopePromptKind): number {
	return 6 + (prompt.kind === 'arns' ? Math.min(prompt.candidates.length, 9) : 0);
}

export interface ScopePromptProps {
	prompt: ScopePromptKind;
	value: string;
	onChange: (value: string) => void;
	onSubmit: (value: string) => void;
	onLeave: () => void;
	isActive: boolean;
}

export function ScopePrompt({ prompt, value, onChange, onSubmit, onLeave, isActive }: ScopePromptProps) {
	return (
		<Box flexDirection="column">
			<Text {...strong()}>
				{prompt.kind === 'ip' ? 'Source IP ranges (CIDR, comma-separated):' : prompt.kind === 'time' ? 'Time window: START END (ISO-8601, UTC):' : `ARNs for ${prompt.label}: numbers or ARNs, comma-separated`}
			</Text>
			{prompt.kind === 'arns'
				? prompt.candidates.slice(0, 8).map((arn, i) => (
						<Text key={arn} wrap="truncate-end" {...muted()}>
							{i + 1}. {arn}
						</Text>
					))
				: null}
			{prompt.kind === 'arns' && prompt.candidates.length > 8 ? <Text {...muted()}>…{prompt.candidates.length - 8} more known; type any ARN (wildcards allowed)</Text> : null}
			<TextField value={value} onChange={onChange} onSubmit={onSubmit} onLeave={onLeave} isActive={isActive} placeholder={prompt.kind === 'time' ? '2026-12-01T00:00:00Z 2026-12-31T23:59:59Z' : ''} />
		</Box>
	);
}
