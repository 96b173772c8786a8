/**
 * Step 6's screen: the generic step screen (findings, actions with their proofs in the
 * preview, confirm, apply, verify, roll back) under a status of the account's monitoring —
 * Config and its verdicts, which alerts fire, who gets them and why they live in us-east-1,
 * Security Hub and the trail. The status follows a batch as soon as it is applied (and its
 * rollback); the retry key re-reads the account, Config's verdicts included. After a batch
 * it shows what TestEventPattern answered for each rule it created or enabled, first in the outcome (cut with it; ! shows all);
 * after an e-mail subscription, whether each address is pending confirmation, first in the same way. Its own keys:
 * e subscribes an e-mail address to the alerts, t chooses an existing SNS topic for them, c names the bucket AWS Config delivers to,
 * h shows Security Hub's IAM.* controls and AWS Config's verdicts on its IAM rules.
 */
import { useMemo, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { useSelector } from '@xstate/react';
import { keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import type { OutcomeSection } from '../../ui/outcome-sections.js';
import { ScrollText, type StyledLine } from '../../ui/ScrollText.js';
import { muted, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { TextPrompt } from '../access-analyzer/LinePrompt.js';
import { CustomBatchView, useCustomBatch } from '../step-screen-custom-batch.js';
import { StepScreen, stateName, type StepScreenProps } from '../step-screen.js';
import { useStepServices } from '../step-services.js';
import { monitoringKeys } from './monitoring-keys.js';
import { useMonitoringPrompts } from './monitoring-prompts.js';
import { monitoringStatusLines, proofSummaryLines } from './monitoring-status.js';
import { monitoringModelAfter } from './model-after-monitoring.js';
import { securityHubLines } from './security-hub-lines.js';
import { configVerdictLines } from './config-verdict-lines.js';
import { subscriptionSections } from './subscription-outcome.js';

const maxProofLines = 6;

/** A TestEventPattern line, coloured by what it says. */
const proofLine = (text: string): StyledLine => ({ text, ...(text.includes('FAILED') ? { token: 'status.error' as const } : text.startsWith('Rule') ? {} : { token: 'status.ok' as const }) });

const promptLabels = { email: 'E-mail address for the alerts:', topic: "SNS topic ARN for the alerts (this account's, in the rules' region):", bucket: "S3 bucket for AWS Config's deliveries:" };
const promptHints = {
	email: 'AWS e-mails it a confirmation link first',
	topic: 'its policy gains a statement letting EventBridge publish, the rest kept; empty: iam-wizard-alerts',
	bucket: 'Enter alone takes the name shown; a bucket the account has is reused',
};

export function MonitoringScreen(props: StepScreenProps) {
	const { step, actor, height, isActive, readOnly, log } = props;
	const snapshot = useSelector(actor, (s) => s);
	const state = stateName(snapshot);
	const { model, plan, batch: run, rollback } = snapshot.context;
	const { gateway } = useStepServices();
	const batch = useCustomBatch(actor);
	const [notice, setNotice] = useState<string | undefined>();
	const [hubOpen, setHubOpen] = useState(false);
	const prompts = useMonitoringPrompts({ model, plan, gateway, batch, setNotice });
	const reviewing = state === 'reviewing' && !batch.batch && model !== null && plan !== null;
	const prompt = reviewing ? prompts.prompt : undefined;

	// What the batch (and its rollback) applied, folded in: the status follows without a re-read.
	const effective = prompts.effective;
	const shown = useMemo(() => {
		if (!effective) return null;
		const applied = state === 'done' || state === 'rolledBack' || state.startsWith('rollback') ? [...(run?.report?.applied ?? []), ...(rollback?.report?.applied ?? [])] : [];
		return applied.length > 0 ? monitoringModelAfter(effective, applied) : effective;
	}, [effective, state, run, rollback]);

	useKeyLayer(
		(event) => {
			const { command } = event;
			if (hubOpen) {
				if (command !== 'back' && command !== 'cancel') return false;
				setHubOpen(false);
				return true;
			}
			const key = monitoringKeys.match(event);
			if (key === 'subscribe') prompts.openEmail();
			else if (key === 'topic') prompts.openTopic();
			else if (key === 'bucket') prompts.openBucket();
			else if (key === 'hub') setHubOpen(true);
			else return false;
			return true;
		},
		{ isActive: isActive && reviewing && !prompt, priority: keyPriority.screen + 1, keys: monitoringKeys },
	);

	if (batch.batch) {
		// An e-mail subscription's outcome says what its recipient must do first, a line each up to a few.
		return <CustomBatchView step={step} control={batch} height={height} isActive={isActive} readOnly={readOnly} log={log} outcome={(context) => subscriptionSections(context.batch?.report?.applied ?? [])} />;
	}
	if (hubOpen && reviewing && shown) {
		return (
			<Box flexDirection="column">
				{/* Its lines, its "lines x–y of n" line and the line that goes back fill `height`. */}
				<ScrollText lines={[...securityHubLines(shown), { text: '' }, ...configVerdictLines(shown)]} height={Math.max(3, height - 2)} isActive={isActive} />
				<Text {...muted()}>
					{keyLabel('back')} or {keyLabel('cancel')} back to step 6 · ↑↓ scroll
				</Text>
			</Box>
		);
	}

	const status = shown && (state === 'reviewing' || state === 'done' || state === 'rolledBack') ? monitoringStatusLines(shown) : [];
	const keysLine = reviewing && !prompt ? [`${monitoringKeys.hint('subscribe')} · ${monitoringKeys.hint('topic')} · ${monitoringKeys.hint('bucket')} · ${monitoringKeys.hint('hub')}`] : [];
	// The outcome shows them first, cut with its verification to the rows it has (! shows them whole).
	const proofs = state === 'done' ? proofSummaryLines(run?.verification?.actions ?? []) : [];
	const outcome: OutcomeSection[] = proofs.length > 0 ? [{ items: proofs.map(proofLine), limit: maxProofLines, more: (hidden) => `…${hidden} more proof lines` }] : [];
	const promptLines = prompt ? 2 : 0;
	const noticeLines = notice && reviewing ? 1 : 0;
	const rest = Math.max(6, height - status.length - keysLine.length - promptLines - noticeLines);
	const lines = (
		<>
			{status.map((line) => (
				<Text key={line} wrap="truncate-end" {...muted()}>
					{line}
				</Text>
			))}
			{keysLine.map((line) => (
				<Text key={line} wrap="truncate-end" {...muted()}>
					{line}
				</Text>
			))}
			{noticeLines ? (
				<Text wrap="truncate-end" {...tone('status.info')}>
					{notice}
				</Text>
			) : null}
			{prompt ? (
				<TextPrompt
					label={promptLabels[prompt.kind]}
					value={prompt.value}
					onChange={(value) => prompts.setPrompt({ ...prompt, value, problem: undefined })}
					onSubmit={prompt.kind === 'email' ? prompts.submitEmail : prompt.kind === 'topic' ? prompts.submitTopic : prompts.submitBucket}
					onCancel={() => prompts.setPrompt(undefined)}
					isActive={isActive && !prompt.checking}
					{...(prompt.problem ? { problem: prompt.problem } : {})}
					{...(prompt.kind === 'bucket' ? { placeholder: prompts.defaultBucket } : {})}
					hint={prompt.checking ? `looking the ${prompt.kind === 'topic' ? 'topic' : 'bucket'} up…` : promptHints[prompt.kind]}
				/>
			) : null}
		</>
	);
	// Reviewing, the lines go under the step's title; after a run, above the outcome (one tree either way, so the screen keeps its state).
	const underTitle = state === 'reviewing';
	return (
		<Box flexDirection="column">
			{underTitle ? null : lines}
			<StepScreen {...props} height={rest} isActive={isActive && !prompt} outcome={outcome} {...(underTitle ? { header: lines } : {})} />
		</Box>
	);
}
