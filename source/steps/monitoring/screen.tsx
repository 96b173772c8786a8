/**
 * Step 6's screen: the generic step screen (findings, actions with their proofs in the
 * preview, confirm, apply, verify, roll back) under a three-line status of the account's
 * monitoring — Config and its verdicts, which alerts fire and why they live in us-east-1,
 * Security Hub and the trail. After a batch it shows what TestEventPattern answered for
 * each rule it created or enabled; the retry key re-reads Config's verdicts.
 */
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { useSelector } from '@xstate/react';
import { muted, tone } from '../../ui/theme.js';
import { StepScreen, stateName, type StepScreenProps } from '../step-screen.js';
import { monitoringStatusLines, proofSummaryLines } from './monitoring-status.js';

const maxProofLines = 6;

export function MonitoringScreen(props: StepScreenProps) {
	const snapshot = useSelector(props.actor, (s) => s);
	const state = stateName(snapshot);
	const { model, batch } = snapshot.context;
	const status = model && (state === 'reviewing' || state === 'done') ? monitoringStatusLines(model) : [];
	const proofs = state === 'done' ? proofSummaryLines(batch?.verification?.actions ?? []) : [];
	const shown = proofs.slice(0, maxProofLines);
	const extra = proofs.length > shown.length ? 1 : 0;
	const height = Math.max(6, props.height - status.length - shown.length - extra);
	return (
		<Box flexDirection="column">
			{status.map((line) => (
				<Text key={line} wrap="truncate-end" {...muted()}>
					{line}
				</Text>
			))}
			{shown.map((line, i) => (
				<Text key={`${i}:${line}`} wrap="truncate-end" {...(line.includes('FAILED') ? tone('status.error') : line.startsWith('Rule') ? {} : tone('status.ok'))}>
					{line}
				</Text>
			))}
			{extra ? <Text {...muted()}> …{proofs.length - shown.length} more proof lines in the change log</Text> : null}
			<StepScreen {...props} height={height} />
		</Box>
	);
}
