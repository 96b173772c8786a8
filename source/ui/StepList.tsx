/** The six steps, the current one marked, each with how far it has got. */
import { Box } from 'ink';
import { Text } from './Text.js';
import { muted, tone } from './theme.js';

export interface StepStatus {
	/** Undefined until the step has been opened (and its checks have run). */
	findings?: number;
	selected?: number;
	applied?: number;
	/** The step's lifecycle state, for a short note: "loading", "applying", "failed", ... */
	phase?: string;
}

export interface StepListEntry {
	number: number;
	title: string;
	status: StepStatus;
}

export function stepStatusText(status: StepStatus): string {
	if (status.findings === undefined) return status.phase === 'loading' ? 'loading…' : 'not opened yet';
	const parts = [`${status.findings} finding${status.findings === 1 ? '' : 's'}`, `${status.selected ?? 0} selected`, `${status.applied ?? 0} applied`];
	if (status.phase && !['reviewing', 'loading'].includes(status.phase)) parts.push(status.phase);
	return parts.join(' · ');
}

export function StepList({ steps, current }: { steps: readonly StepListEntry[]; current: number }) {
	return (
		<Box flexDirection="column">
			{steps.map((step) => {
				const isCurrent = step.number === current;
				const failed = step.status.phase === 'failed';
				return (
					<Text key={step.number} wrap="truncate-end">
						<Text {...(isCurrent ? tone('focus.cursor', { bold: true }) : {})}>
							{isCurrent ? '› ' : '  '}
							{step.number} {step.title.padEnd(24)}
						</Text>
						<Text {...(failed ? tone('status.error') : muted())}>{stepStatusText(step.status)}</Text>
					</Text>
				);
			})}
		</Box>
	);
}
