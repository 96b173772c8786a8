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

/** The most known ARNs the prompt numbers. */
const listedArns = 8;

/** Rows the prompt takes on screen: its question (two rows, as it may wrap at 80 columns), the numbered ARNs and "…n more", the field. */
export function promptRows(prompt: ScopePromptKind, maxCandidates = listedArns): number {
	const candidates = prompt.kind === 'arns' ? prompt.candidates.length : 0;
	const shown = Math.min(candidates, maxCandidates, listedArns);
	return 3 + shown + (candidates > shown ? 1 : 0);
}

export interface ScopePromptProps {
	prompt: ScopePromptKind;
	value: string;
	onChange: (value: string) => void;
	onSubmit: (value: string) => void;
	onLeave: () => void;
	isActive: boolean;
	/** At most this many known ARNs are numbered (a short terminal has room for fewer). */
	maxCandidates?: number;
}

export function ScopePrompt({ prompt, value, onChange, onSubmit, onLeave, isActive, maxCandidates = listedArns }: ScopePromptProps) {
	const shown = prompt.kind === 'arns' ? prompt.candidates.slice(0, Math.min(maxCandidates, listedArns)) : [];
	return (
		<Box flexDirection="column">
			<Text {...strong()}>
				{prompt.kind === 'ip' ? 'Source IP ranges (CIDR, comma-separated):' : prompt.kind === 'time' ? 'Time window: START END (ISO-8601, UTC):' : `ARNs for ${prompt.label}: numbers or ARNs, comma-separated`}
			</Text>
			{shown.map((arn, i) => (
				<Text key={arn} wrap="truncate-end" {...muted()}>
					{i + 1}. {arn}
				</Text>
			))}
			{prompt.kind === 'arns' && prompt.candidates.length > shown.length ? <Text {...muted()}>…{prompt.candidates.length - shown.length} more known; type any ARN (wildcards allowed)</Text> : null}
			<TextField value={value} onChange={onChange} onSubmit={onSubmit} onLeave={onLeave} isActive={isActive} placeholder={prompt.kind === 'time' ? '2026-12-01T00:00:00Z 2026-12-31T23:59:59Z' : ''} />
		</Box>
	);
}
